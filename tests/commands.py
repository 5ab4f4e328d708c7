"""The command line as a user's shell runs it, for the tests of several stages."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess, as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "variorum", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
