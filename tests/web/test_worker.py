"""The worker boundary (``variorum.web.worker.run_limited``) with real child
processes: a result comes back; time and memory over the limits, and a failure in
the child, are each one exception with a message; a child whose caller is killed
does not outlive it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from variorum.web.worker import ChildFailed, Limits, OverLimit, run_limited

ROOMY = Limits(seconds=120, memory_bytes=2**31)
ENDS_WITHIN = 60.0
"""Seconds a stopped child may take to be reported (a frozen caller waits forever)."""


def test_the_result_comes_back() -> None:
    assert run_limited(sum, [1, 2, 3], limits=ROOMY) == 6


def test_a_child_over_the_time_limit_is_stopped() -> None:
    began = time.monotonic()
    with pytest.raises(OverLimit, match="took longer than the limit of 1 seconds"):
        run_limited(time.sleep, 300, limits=Limits(seconds=1, memory_bytes=2**31))
    assert time.monotonic() - began < ENDS_WITHIN


def test_a_child_over_the_memory_limit_is_stopped() -> None:
    with pytest.raises(OverLimit, match="needed more than the limit of 300 MB of memory"):
        run_limited(bytearray, 2**30, limits=Limits(seconds=120, memory_bytes=300 * 2**20))


def test_a_failure_in_the_child_keeps_its_message() -> None:
    with pytest.raises(ChildFailed, match="invalid literal for int"):
        run_limited(int, "not a number", limits=ROOMY)


CALLER = """
import os, sys, time
from variorum.web.worker import Limits, run_limited
print(os.getpid(), flush=True)
run_limited(time.sleep, 300, limits=Limits(seconds=300, memory_bytes=2**31))
"""


def _children_of(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)  # fmt: skip
        except OSError:  # the process ended meanwhile
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(fields["Pid"]))
    return found


def test_a_child_does_not_outlive_its_killed_caller() -> None:
    caller = subprocess.Popen([sys.executable, "-c", CALLER], stdout=subprocess.PIPE, text=True)
    assert caller.stdout is not None
    caller.stdout.readline()
    deadline = time.monotonic() + ENDS_WITHIN
    while not (forkservers := _children_of(caller.pid)) or not any(
        _children_of(server) for server in forkservers
    ):  # the forkserver, then the worker it forked
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.1)
    workers = {worker for server in forkservers for worker in _children_of(server)}
    os.kill(caller.pid, signal.SIGKILL)
    caller.wait()
    try:
        while any(_alive(worker) for worker in workers):
            assert time.monotonic() < deadline, "the worker outlived its caller"
            time.sleep(0.1)
    finally:  # leave nothing running, whatever happened
        for pid in (*workers, *forkservers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent to collect it has ended)."""
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except OSError:
        return False
