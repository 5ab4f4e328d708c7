"""A program run with a time limit and a bound on the memory of all its processes.

Chromium cannot start under an address-space limit (``RLIMIT_AS``: it reserves far more
than it touches), and a cgroup needs rights a web server does not have. So the
printing process is started in a session of its own and watched: every
``POLL_SECONDS`` the proportional set size (PSS, from ``/proc/<pid>/smaps_rollup``) of
every process of that session is summed, shared pages counted once across them; over
the bound, or past the deadline, the whole session is killed. Read from ``/proc``
directly: Linux is where the web server runs, and it needs no extra library.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.05
"""How often the processes' memory is summed."""
_PROC = Path("/proc")


@dataclass(frozen=True, slots=True)
class Bounds:
    """What a watched program may use."""

    seconds: float
    memory_bytes: int | None = None
    """Resident memory of all its processes together; None leaves it unbounded."""


class OverBounds(Exception):
    """The program was killed: ``what`` (``time`` or ``memory``) ran out."""

    def __init__(self, what: str, bounds: Bounds) -> None:
        self.what = what
        if what == "memory" and bounds.memory_bytes is not None:
            limit = f"the limit of {bounds.memory_bytes // 2**20:,} MB of memory"
        else:
            limit = f"the limit of {bounds.seconds:g} s"
        super().__init__(f"needed more than {limit}")


def run_watched(command: list[str], bounds: Bounds) -> bytes:
    """Run ``command`` to its end within ``bounds``; its standard error. OverBounds
    once it is killed (with every process it started)."""
    with tempfile.TemporaryFile() as errors:  # a file: a full pipe would stall it
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # its processes share a session: found and killed together
        )
        try:
            _watch(process, bounds)
        finally:
            _kill_session(process)
        errors.seek(0)
        return errors.read()


def _watch(process: subprocess.Popen[bytes], bounds: Bounds) -> None:
    deadline = time.monotonic() + bounds.seconds
    while process.poll() is None:
        if time.monotonic() > deadline:
            raise OverBounds("time", bounds)
        if bounds.memory_bytes is not None and session_memory(process.pid) > bounds.memory_bytes:
            raise OverBounds("memory", bounds)
        time.sleep(POLL_SECONDS)


def session_memory(session: int) -> int:
    """The proportional set size, in bytes, of the processes of ``session``."""
    return sum(_pss(process) for process in _members(session))


def _members(session: int) -> list[Path]:
    """The ``/proc`` folders of the processes of ``session``."""
    return [
        entry for entry in _PROC.iterdir() if entry.name.isdigit() and _session_of(entry) == session
    ]


def _session_of(process: Path) -> int | None:
    try:
        stat = (process / "stat").read_text()
    except OSError:  # gone meanwhile, or not ours to read
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # after the command name, which may hold spaces
    return int(fields[3])  # state, parent, group, session


def _pss(process: Path) -> int:
    try:
        rollup = (process / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def _kill_session(process: subprocess.Popen[bytes]) -> None:
    """Kill every process left in the program's session and reap the program."""
    for member in _members(process.pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):  # gone meanwhile
            os.kill(int(member.name), signal.SIGKILL)
    process.wait()
