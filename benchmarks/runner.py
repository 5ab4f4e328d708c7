"""Runs one tool on pairs of text files in a worker process, with a time limit.

    parent --job (two paths) as a JSON line--> worker: read, run (timed), measure
    parent <--result as a JSON line-- worker          (or kill it past the limit)

One long-lived worker per tool serves the corpus, so start-up is paid once; a
tool that overruns the limit on a pair is killed (with everything it started)
and a fresh worker takes the next pair. For peak memory a fresh worker serves
one pair: its resident-set high-water mark is reset just before the tool runs.
Run as a script, this module is the worker: ``python runner.py TOOL``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SLACK = 60.0
"""Seconds a worker gets beyond the limit to read its texts and measure the output.
The worker stops a tool at the limit itself (an alarm signal, which interrupts Python
code and waits for a running C call to return); the parent kills it only when that
does not happen."""


@dataclass(frozen=True, slots=True)
class Result:
    """One tool on one pair."""

    seconds: float | None
    """Time of the tool's run, or None if it passed the limit or failed."""
    edit_size: int | None = None
    hunks: int | None = None
    peak_bytes: int | None = None
    """Peak memory of the run above what the worker held before it (see ``_peak``)."""
    timed_out: bool = False
    error: str = ""


class Worker:
    """A worker process for one tool; restarted after a timeout or a crash."""

    def __init__(self, tool: str) -> None:
        self.tool = tool
        self.process: subprocess.Popen[bytes] | None = None

    def run(self, old: Path, new: Path, limit: float, memory: bool = False) -> Result:
        """The tool on the two files, killed if it takes longer than ``limit`` seconds."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        job = {"old": str(old), "new": str(new), "memory": memory, "limit": limit}
        process.stdin.write(json.dumps(job).encode() + b"\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], limit + SLACK)
        if not ready:
            self.close()
            return Result(None, timed_out=True)
        line = process.stdout.readline()
        if not line:
            self.close()
            return Result(None, error="worker crashed")
        result = Result(**json.loads(line))
        if result.seconds is not None and result.seconds > limit:
            return Result(None, timed_out=True)
        return result

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), self.tool],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                start_new_session=True,  # so a kill reaches git and anything else it started
            )
        return self.process

    def close(self) -> None:
        """Stop the worker and every process it started."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self.process = None


def serve(tool_name: str) -> None:
    """The worker's loop: one JSON job per line in, one JSON result per line out."""
    from metrics import measure
    from peers import TOOLS

    tool = TOOLS[tool_name]
    signal.signal(signal.SIGALRM, _over_limit)
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing a tool prints may corrupt the results
    for line in sys.stdin:
        job = json.loads(line)
        files = (Path(job["old"]), Path(job["new"]))
        old, new = (_read(path) for path in files)
        result: dict[str, object] = {"seconds": None}
        try:
            gc.collect()
            baseline = _reset_peak() if job["memory"] else 0
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, job["limit"])
            try:
                output = tool.run(old, new, files)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            result["seconds"] = time.perf_counter() - start
            if job["memory"]:
                result["peak_bytes"] = _peak(baseline, child=tool_name == "git word-diff")
            found = measure(tool.segments(output, old, new), old, new)
            result["edit_size"], result["hunks"] = found.edit_size, found.hunks
        except _OverLimit:
            result = {"seconds": None, "timed_out": True}
        except Exception as error:  # a tool's failure is a result to report, not a crash
            result = {"seconds": None, "error": f"{type(error).__name__}: {error}"[:300]}
        out.write(json.dumps(result) + "\n")
        out.flush()


class _OverLimit(BaseException):
    """The tool ran past its limit (a BaseException, so no tool's handler eats it)."""


def _over_limit(_signum: int, _frame: object) -> None:
    raise _OverLimit


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as file:  # exactly as git reads it
        return file.read()


def _reset_peak() -> int:
    """Reset this process's resident-set high-water mark; the current resident set."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS") * 1024


def _peak(baseline: int, child: bool) -> int:
    """Peak resident memory of the run: for a tool in this process the rise of the
    high-water mark above ``baseline``; for a tool run as a child process (git) the
    child's own peak resident set."""
    if child:
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return _status_kb("VmHWM") * 1024 - baseline


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


if __name__ == "__main__":
    serve(sys.argv[1])  # the script's folder is on sys.path: metrics and peers import
