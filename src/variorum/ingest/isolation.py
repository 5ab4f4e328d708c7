"""Parsing an untrusted file in a child process held to a time and a memory limit.

    caller --fork--> child: RLIMIT_AS set, parse --pickle--> pipe --> caller
                             (at the deadline: the child's process group killed)

A parser fed a hostile file can allocate until the kernel kills the whole process,
abort inside C code (PDFium does when an allocation fails), or never return. In a
child, each of these ends the child only, and the caller turns it into one
InputError. The standard library is enough for this: ``os.fork`` copies the caller
with its parsers already imported in about a millisecond (a pool or ``spawn`` would
import them again), ``resource.setrlimit`` bounds the child's memory, and
``os.killpg`` stops it with any processes it started (PDF page readers). Forking a
process that runs other threads is unsafe (a lock one of them holds stays held in
the child), so then a ``forkserver`` process, started once, forks the children.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import multiprocessing
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from variorum import settings
from variorum.errors import InputError, UsageError
from variorum.options import ReadLimits

T = TypeVar("T")
Answer = tuple[str, Any]
"""What a child reports: ``("ok", value)``, ``("error", exception)``, ``("memory", None)``,
or, made by the caller, ``("timeout", None)`` and ``("died", how)``."""

_MEGABYTE = 1024 * 1024
_PRELOAD = [f"variorum.ingest{part}" for part in ("", ".html", ".docx", ".pdf")]
"""Imported once by the forkserver, so that its children start with the parsers loaded."""


def default_limits() -> ReadLimits:
    """The limits when the caller gives none: ``ReadLimits``' defaults, or the seconds
    and megabytes in ``VARIORUM_READ_SECONDS`` and ``VARIORUM_READ_MEMORY_MB``."""
    try:
        return ReadLimits(
            seconds=float(settings.READ_SECONDS.text()),
            memory_mb=int(settings.READ_MEMORY_MB.text()),
        )
    except ValueError:
        raise UsageError(
            "VARIORUM_READ_SECONDS and VARIORUM_READ_MEMORY_MB must be positive numbers"
        ) from None


def run_limited(work: Callable[[], T], name: str, limits: ReadLimits) -> T:
    """``work()`` in a child process within ``limits``; its exceptions are raised here,
    and passing a limit is an InputError naming ``name``."""
    if not limits.isolated or not hasattr(os, "fork"):
        return work()
    if _forkable():
        kind, value = _forked(work, limits)
    elif multiprocessing.current_process().daemon:
        return _bounded_here(work, name, limits)  # a pool's worker may start no process
    else:
        kind, value = _served(work, limits)
    if kind == "ok":
        result: T = value
        return result
    if kind == "error":
        raise value
    raise InputError(name, _problem(kind, value, limits))


def _problem(kind: str, how: str, limits: ReadLimits) -> str:
    memory = f"{limits.memory_mb:,} MB" if limits.memory_mb else "the memory available"
    if kind == "timeout":
        return f"took longer than the time limit of {limits.seconds:g} s to read"
    if kind == "memory":
        return f"needs more memory than the limit of {memory} to read"
    return f"could not be read: the reader crashed ({how}): damaged, or needing more than {memory}"


def _child(work: Callable[[], Any], memory_mb: int | None) -> bytes:
    """In the child: the pickled answer of ``work()`` under the memory limit."""
    os.setpgid(0, 0)  # its own group: killed with whatever it starts
    gc.freeze()  # the collector leaves the inherited objects alone: no copying of their pages
    faulthandler.disable()  # a crash is the caller's one line, not a dump on stderr
    try:
        _limit_memory(memory_mb)
        answer: Answer = ("ok", work())
    except MemoryError:
        answer = ("memory", None)
    except BaseException as error:  # every failure goes back to the caller
        # without what caused it (a parser's own error, its unpicklable error log):
        # pickled with its chain, as tblib makes exceptions pickle once a library
        # such as Dask installs it, a refusal came back as "internal error"
        error.__cause__ = error.__context__ = error.__traceback__ = None
        answer = ("error", error)
    try:
        return pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps(("memory", None))
    except Exception:  # an exception that does not pickle travels as text
        failure = answer[1]
        return pickle.dumps(("error", RuntimeError(f"{type(failure).__name__}: {failure}")))


IDLE_THREAD_PREFIX = "idle:"
"""Names of threads that only wait in a system call, holding no lock that a fork could
copy locked (a server worker's watch on its caller): they leave forking safe."""


def _forkable() -> bool:
    """Whether forking is safe here: no other thread, or only idle ones."""
    current = threading.current_thread()
    return all(
        thread is current or thread.name.startswith(IDLE_THREAD_PREFIX)
        for thread in threading.enumerate()
    )


def _bounded_here(work: Callable[[], T], name: str, limits: ReadLimits) -> T:
    """``work()`` in this process (a pool's or a server's worker, which may start none)
    with its memory bounded for the call: the soft address-space limit is lowered to what
    the process holds plus the limit, then put back. Time is bounded by the worker's
    owner, which kills it at its own deadline."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _held() + limits.memory_mb * _MEGABYTE if limits.memory_mb is not None else None
    except (ImportError, OSError, ValueError):  # not Linux: no limit to set
        return work()
    if cap is None or (soft != resource.RLIM_INFINITY and soft <= cap):
        return work()  # already bounded as tightly
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        return work()
    except MemoryError:
        raise InputError(name, _problem("memory", "", limits)) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _held() -> int:
    """Bytes of address space this process holds now."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _limit_memory(memory_mb: int | None) -> None:
    """Bound the address space to what the process holds now plus ``memory_mb``."""
    if memory_mb is None:
        return
    try:
        import resource

        limit = _held() + memory_mb * _MEGABYTE
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):  # not Linux: no limit to set
        return


def _forked(work: Callable[[], Any], limits: ReadLimits) -> Answer:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, measured by what it sends
        os.close(read_end)
        status = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(_child(work, limits.memory_mb))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    _own_group(pid)
    try:
        payload = _receive(read_end, limits.seconds)
    finally:
        os.close(read_end)
        _kill_group(pid)
        _, status = os.waitpid(pid, 0)
    return _answer(payload, os.waitstatus_to_exitcode(status))


def _receive(descriptor: int, seconds: float | None) -> bytes | None:
    """Everything the child writes, or None if it is still writing at the deadline."""
    deadline = None if seconds is None else time.monotonic() + seconds
    parts: list[bytes] = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return None
        ready, _, _ = select.select([descriptor], [], [], wait)
        if ready:
            part = os.read(descriptor, _MEGABYTE)
            if not part:
                return b"".join(parts)
            parts.append(part)


def _served(work: Callable[[], Any], limits: ReadLimits) -> Answer:
    """The same through a forkserver, for a caller running threads."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)  # once the server runs, this changes nothing
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(sending, work, limits.memory_mb))
    process.start()
    sending.close()
    assert process.pid is not None
    _own_group(process.pid)
    payload: bytes | None = None
    try:
        if receiving.poll(limits.seconds):
            payload = _receive_message(receiving)
    finally:
        receiving.close()
        _kill_group(process.pid)
        process.join()
    return _answer(payload, process.exitcode or 0)


def _serve(sending: Connection, work: Callable[[], Any], memory_mb: int | None) -> None:
    sending.send_bytes(_child(work, memory_mb))


def _receive_message(receiving: Connection) -> bytes:
    try:
        return receiving.recv_bytes()
    except EOFError:  # the child ended without answering
        return b""


def _answer(payload: bytes | None, exit_code: int) -> Answer:
    """The child's answer from what it sent and how it ended (a negative exit code is
    the signal that ended it)."""
    if payload is None:
        return ("timeout", None)
    if payload:
        answer: Answer = pickle.loads(payload)  # our own child's
        return answer
    if exit_code >= 0:
        return ("died", f"exit status {exit_code}")
    try:
        return ("died", signal.Signals(-exit_code).name)
    except ValueError:
        return ("died", f"signal {-exit_code}")


def _own_group(pid: int) -> None:
    """Make the child a process group of its own from this side too, so that it is one
    before it could start anything (whichever of the two calls runs first)."""
    with contextlib.suppress(OSError):  # it already did, or has already ended
        os.setpgid(pid, pid)


def _kill_group(pid: int) -> None:
    """Stop the child and all it started (the child alone if its group was never made)."""
    with contextlib.suppress(OSError):  # it has ended, with all it started
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
