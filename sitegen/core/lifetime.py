"""A pool worker's life tied to the process whose pool it is, and a stop by SIGTERM taken
as Ctrl-C.

`mkdocs serve` stopped by a signal (kill, a service manager, a CI's timeout) closes
nothing: a worker waiting on its pool's queue, which it holds both ends of, never sees it
close, and lived on, an orphan of 150 to 230 MB (a chart worker, a PDF printer and the
forkserver it came from). Each pool's initializer calls exit_with(its owner's pid).

SIGTERM, the signal a service manager or `kill` sends, ended the process where it stood:
no `finally`, no on_shutdown, the pools never closed (Python's resource tracker then
warned of leaked semaphores). Under `mkdocs serve` the report plugin takes it as Ctrl-C
(stop_as_if_interrupted), so that MkDocs shuts down as it does for Ctrl-C. (Not under
`mkdocs build`, which has no shutdown of its own for Ctrl-C to reach: it would end with
a traceback. Its workers exit with it: exit_with.) SIGKILL cannot be caught: exit_with
covers it too.

A drawing whose chart module never returns (a loop that does not end) would hold its
build, and under `mkdocs serve` every page request, which MkDocs holds until the build is
done, for ever: time_limit() stops it, in whichever thread or process draws.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator


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


def stop_as_if_interrupted() -> Callable[[], None]:
    """From now on SIGTERM raises KeyboardInterrupt in the main thread, as Ctrl-C does;
    returns what puts the handler before it back. Only where SIGTERM had Python's default
    (a test runner's or a supervisor's own handler is theirs), and only from the main
    thread, which signal handlers belong to; elsewhere it changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    before = signal.getsignal(signal.SIGTERM)
    if before is not signal.SIG_DFL:
        return lambda: None
    signal.signal(signal.SIGTERM, _interrupt)

    def restore() -> None:
        """Put the handler before back, unless another has been set since (theirs)."""
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is _interrupt:
            signal.signal(signal.SIGTERM, before)

    return restore


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


class TookTooLong(Exception):
    """Raised by time_limit() in the thread it limits."""


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception else None
    )


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in this thread once `seconds` have passed inside the block. A
    signal (SIGALRM) would reach the main thread only, and `mkdocs serve` builds in
    another; so a watching thread has CPython raise it in this one
    (PyThreadState_SetAsyncExc, of its C API), which happens at the thread's next Python
    instruction: a single long call into C finishes first. The exception is never raised
    after the block: one set as the block ended is cleared, or met inside it."""
    thread = threading.get_ident()
    lock = threading.Lock()
    ended = threading.Event()
    fired = False

    def watch() -> None:
        nonlocal fired
        if ended.wait(seconds):
            return
        with lock:
            if not ended.is_set():
                fired = True
                _raise_in(thread, TookTooLong)

    threading.Thread(target=watch, name="time-limit", daemon=True).start()
    met = False  # raised inside the block, where it stopped it (its traceback shows where)
    try:
        yield
    except TookTooLong:
        met = True
        raise
    finally:
        with lock:
            ended.set()
            if fired and not met:
                _raise_in(thread, None)  # set as the block ended, not raised yet: cleared
                raise TookTooLong
