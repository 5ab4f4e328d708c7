"""``variorum serve`` refuses to serve other machines under the local settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serving_the_network_asks_for_the_production_settings(tmp_path: Path) -> None:
    environment = {**os.environ, "VARIORUM_DATA_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, "-m", "variorum", "serve", "--no-browser",
         "--host", "0.0.0.0", "--port", str(_free_port())],
        capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert "production settings" in run.stderr and "Traceback" not in run.stderr
