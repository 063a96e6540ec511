"""A pool worker's life tied to the process whose pool it is.

`mkdocs serve` stopped by a signal (kill, a service manager, a CI's timeout) closes
nothing: a worker waiting on its pool's queue, which it holds both ends of, never sees it
close, and lived on, an orphan of 150 to 230 MB (a chart worker, a PDF printer and the
forkserver it came from). Each pool's initializer calls exit_with(its owner's pid).
"""

from __future__ import annotations

import os
import select
import threading
import time


def exit_with(owner: int) -> None:
    """End this process as soon as process `owner` is gone: a thread waits on the owner's
    pidfd (Linux), or checks every second where there is none. Not the process's parent:
    a worker forked by a forkserver is the server's child, not its owner's."""
    threading.Thread(target=_wait_then_exit, args=(owner,), daemon=True, name="exit-with-owner").start()


def _wait_then_exit(owner: int) -> None:
    try:
        pidfd = os.pidfd_open(owner)
    except (AttributeError, OSError):  # no pidfd here, or the owner is already gone
        while _alive(owner):
            time.sleep(1)
    else:
        select.select([pidfd], [], [])  # readable once the owner has exited
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # PermissionError: another user's process has the pid
        return False
    return True
