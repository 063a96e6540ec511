"""sitegen/core/lifetime.py: a pool worker ends once the process it works for is gone,
through a pidfd where Linux has one, by checking every second where not."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

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
