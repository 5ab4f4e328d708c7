"""Run one function in a child process with a time and a memory limit.

The server's threads share one interpreter: a comparison that holds the CPU (and the
GIL, in the compiled cores) for minutes, or grows to gigabytes, stalls or kills every
other user's request. Work whose cost follows its input runs here instead, in a
process of its own that the kernel bounds (``RLIMIT_AS``) and the caller kills at its
deadline. The boundary is one call, ``run_limited(function, *args, limits=...)``,
with picklable arguments and result: nothing of Django crosses it.

Children are forked from a *forkserver*, a clean single-threaded process started
once that has already imported the modules named in ``PRELOAD``; forking the
multi-threaded server itself could copy a lock another thread holds.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from variorum.ingest.isolation import IDLE_THREAD_PREFIX

Result = TypeVar("Result")

PRELOAD = [
    "variorum.web.redline_render",
    "variorum.web.comparison_render",
    "variorum.web.revision_changes",
]
"""Modules the forkserver imports once, so each child starts without importing them."""

CPU_GRACE_SECONDS = 5
"""CPU seconds past the time limit after which the kernel stops an orphaned child."""

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one child may use."""

    seconds: float
    """Wall-clock seconds before the child is killed."""
    memory_bytes: int
    """Address space of the child, in bytes (``RLIMIT_AS``); past it, allocations fail."""


class OverLimit(Exception):
    """The child was stopped: it ran out of time or memory."""

    def __init__(self, kind: str, limits: Limits) -> None:
        self.kind, self.limits = kind, limits
        if kind == "time":
            message = f"took longer than the limit of {limits.seconds:g} seconds"
        else:
            message = f"needed more than the limit of {limits.memory_bytes // 2**20:,} MB of memory"
        super().__init__(message)


class ChildFailed(Exception):
    """The function raised an exception in the child (its message is kept) or the
    child died without an answer."""


def run_limited(function: Callable[..., Result], *args: Any, limits: Limits) -> Result:
    """``function(*args)`` in a child process within ``limits``; OverLimit if it
    exceeds them, ChildFailed if it raises (with the exception's message)."""
    receive, send = _context.Pipe(duplex=False)
    child = _context.Process(target=_child, args=(send, limits, function, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise OverLimit("time", limits)
        try:
            outcome, value = receive.recv()
        except EOFError:  # killed (the kernel's OOM killer, a signal) before answering
            stopped = f"the worker process stopped (exit code {_exit_code(child)})"
            raise ChildFailed(stopped) from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "memory":
        raise OverLimit("memory", limits)
    if outcome == "error":
        raise ChildFailed(value)
    return value  # type: ignore[no-any-return]


def _die_with_caller(send: Connection) -> None:
    """Exit as soon as the caller is gone (the server stopped or was killed): the
    read end of the result's pipe closes, which ``poll`` reports on the write end."""

    def watch() -> None:
        poller = select.poll()
        poller.register(send.fileno(), 0)  # errors and hang-ups are always reported
        poller.poll()
        os._exit(1)

    # named idle: it only waits in poll(), so reading a file here may still fork a
    # child of its own within the reading limits (variorum.ingest.isolation)
    threading.Thread(target=watch, daemon=True, name=f"{IDLE_THREAD_PREFIX} the caller").start()


def _exit_code(child: Any) -> int | None:
    child.join(timeout=5)
    return child.exitcode  # type: ignore[no-any-return]


def _child(send: Connection, limits: Limits, function: Callable[..., Any], args: Any) -> None:
    """The child's side: limit its memory and CPU time, run, send ``(outcome, value)``."""
    _die_with_caller(send)
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    # The caller kills the child at its deadline; should the caller itself be killed
    # first, the kernel still stops the child once it has used that much CPU time.
    cpu = math.ceil(limits.seconds) + CPU_GRACE_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + CPU_GRACE_SECONDS))
    try:
        answer: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        answer = ("memory", None)
    except Exception as error:  # every failure is reported to the caller, in one line
        answer = ("error", (str(error) or type(error).__name__)[:500])
    try:
        send.send(answer)
    except MemoryError:  # the result itself did not fit in what is left
        send.send(("memory", None))
    send.close()
