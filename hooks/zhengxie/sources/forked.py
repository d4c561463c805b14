"""Run one job over consecutive slices of a list on several cores, results back in slice order.

Loading reads and parses every file on one core; on a machine with more, `in_slices` forks a
child per extra core. The parent works on the first slice while each child works on a later one
and sends its result back through a pipe, pickled (memory only: nothing is written to disk). The
results come back in slice order, so whoever joins them gets what one core would have made.

Fork is used only where it is safe and pays: the platform has it, more than one core is available,
the process runs no other thread (a child forked beside a running thread may inherit a lock it
holds — `mkdocs serve` has its server threads: it loads on one core) and there is enough work. A
child that fails for any reason (an exception, a pickling error, killed) is simply replaced: the
parent runs that slice itself. On any exception in the parent (Ctrl-C included) every child is
killed and reaped before the exception goes on.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_CHILDREN = 3  # beyond four processes, pickling the results back costs more than it saves
# The parent's slice is this much larger than a child's: a child also pickles its result (~0.56 ms
# a document with pickling, against ~0.50 ms here), and the parent unpickles it only after its own
# slice (measured on the loader at 10 000 documents).
PARENT_SHARE = 1.1


# A parent that already runs several of our processes side by side (the sharded build runs one
# `mkdocs build` per core) sets this to the cores each of them may use ("1": no forking).
CORES_ENV = "ZX_CORES"


def cores() -> int:
    """Cores this process may run on (at most CORES_ENV's number, when it is set to one)."""
    try:
        found = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        found = os.cpu_count() or 1
    limit = os.environ.get(CORES_ENV, "")
    return max(1, min(found, int(limit))) if limit.isdigit() else found


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(signal, "pthread_sigmask") and threading.active_count() == 1


def in_slices(items: Sequence[T], job: Callable[[Sequence[T]], R], minimum: int) -> list[R]:
    """[job(slice) for each consecutive slice of `items`]: one slice per core, the first run here
    and the others in forked children. One slice, run here, when `items` has fewer than `minimum`
    entries per extra core, or when forking is not possible."""
    children = min(cores() - 1, MAX_CHILDREN, len(items) // max(minimum, 1))
    if children < 1 or not can_fork():
        return [job(items)]
    return in_parts([functools.partial(job, part) for part in _slices(items, children)])


def in_parts(jobs: Sequence[Callable[[], R]]) -> list[R]:
    """[job() for job in jobs], the first job run here and each other one in a forked child (all
    of them here, in order, on one core or when forking is not possible). A job run in a child sees the process
    as it was at the fork: what it changes there is lost, only its result comes back."""
    if len(jobs) < 2 or cores() < 2 or not can_fork():
        return [job() for job in jobs]
    running: list[tuple[int, int]] = []  # (pid, read end of its pipe) of each child not yet reaped
    try:
        for job in jobs[1:]:
            _start(job, running)
        results = [jobs[0]()]
        for index in range(1, len(jobs)):
            pid, fd = running[index - 1]
            running[index - 1] = (pid, -1)  # _received closes the pipe, whatever happens
            payload = _received(fd) if pid else None
            ok = bool(pid) and _exited_well(pid)
            running[index - 1] = (0, -1)  # reaped: its pid may be another process's from now on
            result: tuple[R] | None = _unpickled(payload) if ok and payload is not None else None
            results.append(jobs[index]() if result is None else result[0])
        return results
    finally:
        for pid, fd in running:  # only after an exception: every child still running is stopped
            if fd >= 0:
                os.close(fd)
            if pid:
                _stop(pid)


def _slices(items: Sequence[T], children: int) -> list[Sequence[T]]:
    """The first slice PARENT_SHARE times a child's, the rest equal; together `items`, in order."""
    unit = len(items) / (PARENT_SHARE + children)
    bounds = [0, round(unit * PARENT_SHARE)]
    bounds += [round(unit * (PARENT_SHARE + n)) for n in range(1, children)] + [len(items)]
    return [items[a:b] for a, b in itertools.pairwise(bounds)]


def _start(job: Callable[[], R], running: list[tuple[int, int]]) -> None:
    """Fork a child that sends back pickle.dumps((job(),)) and exits; (its pid, the pipe's read
    end) is added to `running` before a Ctrl-C can interrupt the parent."""
    # Ctrl-C is held back until the pipe and the child are recorded (and, in the child, until it is
    # inside its own handler: it must never run the parent's code).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        read_end, write_end = os.pipe()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        running.append((0, -1))  # collected as a failure: the parent runs the slice
        return
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        running.append((0, -1))
        return
    if pid == 0:  # the child: never returns, never runs the parent's cleanup or atexit handlers
        code = 1
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            os.close(read_end)
            payload = memoryview(pickle.dumps((job(),), protocol=pickle.HIGHEST_PROTOCOL))
            while payload:
                payload = payload[os.write(write_end, payload) :]
            code = 0
        except BaseException:  # noqa: S110 - the parent sees the exit status and runs the slice itself
            pass
        finally:
            os._exit(code)
    running.append((pid, read_end))
    os.close(write_end)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _received(fd: int) -> bytes:
    """Everything the child wrote, up to its end; the pipe closed."""
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _exited_well(pid: int) -> bool:
    """Wait for the child (reaping it): True when it finished its slice and exited with 0."""
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _unpickled(payload: bytes) -> tuple[R] | None:
    try:
        result: tuple[R] = pickle.loads(payload)  # noqa: S301 - our own child's bytes, through our own pipe
    except Exception:  # an odd payload: the parent runs the slice
        return None
    return result


def _stop(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
