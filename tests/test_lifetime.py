"""sitegen/core/lifetime.py: a pool worker ends once the process it works for is gone,
through a pidfd where Linux has one, by checking every second where not; a block of code
that does not end in time is stopped."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import traceback

import pytest

from sitegen.core.lifetime import TookTooLong, time_limit

WORKER = """
import os, sys, time
if sys.argv[2] == "polling":
    del os.pidfd_open
from sitegen.core.lifetime import exit_with
exit_with(int(sys.argv[1]))
print("watching", flush=True)
time.sleep(60)
print("outlived its owner", flush=True)
"""


@pytest.mark.parametrize("how", ["pidfd", "polling"])
def test_a_worker_exits_once_its_owner_is_gone(how):
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(owner.pid), how], stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "watching"
        time.sleep(0.5)
        assert worker.poll() is None  # its owner still runs: it works on
        owner.kill()
        owner.wait()
        assert worker.wait(timeout=10) == 0
    finally:
        for process in (owner, worker):
            if process.poll() is None:
                process.kill()


def _spin() -> None:
    while True:
        pass


def test_time_limit_stops_a_loop_in_any_thread_and_never_raises_late():
    """sitegen.core.lifetime.time_limit: a Python loop that never ends is stopped where
    it is (the main thread here, `mkdocs serve`'s build thread below); a block that ends
    in time is left alone, then and afterwards."""
    with pytest.raises(TookTooLong) as stopped:
        with time_limit(0.2):
            _spin()
    assert any(frame.name == "_spin" for frame in traceback.extract_tb(stopped.value.__traceback__))
    with time_limit(0.2):
        total = sum(range(1000))
    time.sleep(0.4)  # the limit passes after the block: nothing is raised here
    assert total == 499500
    outcome = []

    def in_a_thread() -> None:
        try:
            with time_limit(0.2):
                _spin()
        except TookTooLong:
            outcome.append("stopped")

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join(10)
    assert outcome == ["stopped"]
