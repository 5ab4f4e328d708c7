"""A printing program is stopped, with every process it started, once all of them
together hold more memory than allowed or it runs past its time; within both, it
runs to its end. The programs are small Python scripts standing in for Chromium's
processes (a parent that starts a child which does the work)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from variorum.render.pdf_watch import Bounds, OverBounds, run_watched

MB = 2**20


def parent_of(child_code: str, pid_file: Path) -> list[str]:
    """A program that starts a Python child running ``child_code`` (its pid written to
    ``pid_file``) and waits for it."""
    child = f"import os, pathlib; pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
    parent = (
        "import subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {child + child_code!r}], check=True)\n"
    )
    return [sys.executable, "-c", parent]


def gone(pid: int) -> bool:
    """Whether the process ``pid`` no longer runs (reaped, or left a zombie by its killed
    parent until init reaps it)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_a_child_holding_more_than_the_bound_is_killed_with_its_parent(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    hog = "held = bytearray(300 * 2**20)\nimport time\ntime.sleep(60)\n"  # touched: resident
    with pytest.raises(OverBounds, match="needed more than the limit of 100 MB of memory"):
        run_watched(parent_of(hog, pid_file), Bounds(60, 100 * MB))
    assert gone(int(pid_file.read_text()))


def test_a_program_past_its_time_is_killed_with_its_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    with pytest.raises(OverBounds, match="needed more than the limit of 2 s"):
        run_watched(parent_of("import time\ntime.sleep(60)\n", pid_file), Bounds(2, 500 * MB))
    assert gone(int(pid_file.read_text()))


def test_a_program_within_its_bounds_runs_to_its_end_and_its_errors_are_kept(
    tmp_path: Path,
) -> None:
    pid_file = tmp_path / "child.pid"
    work = "import sys\nheld = bytearray(10 * 2**20)\nprint('done', file=sys.stderr)\n"
    errors = run_watched(parent_of(work, pid_file), Bounds(60, 500 * MB))
    assert errors.decode().strip() == "done"
    assert gone(int(pid_file.read_text()))
