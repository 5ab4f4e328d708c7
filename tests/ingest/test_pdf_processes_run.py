"""Runs ``pdf_processes.py`` (PDF pages read by forked processes) in a fresh
interpreter, where no thread of another test keeps the reader from forking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def test_pages_read_by_forked_processes_in_a_fresh_interpreter() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(HERE / "pdf_processes.py")],
        capture_output=True,
        text=True,
        cwd=HERE.parents[1],
        timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
