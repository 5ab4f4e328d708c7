"""The production settings (``variorum.web.production``) as an administrator uses
them: Django's deployment checks pass, static files collect, and a missing required
setting is one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

VARIORUM = [sys.executable, "-m", "variorum"]


def manage(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "variorum.web.production",
        "VARIORUM_DATA_DIR": str(tmp_path),
        "VARIORUM_SECRET_KEY": "a-long-random-production-key-" + "x7Q2" * 12,
        "VARIORUM_ALLOWED_HOSTS": "variorum.example.org",
        "VARIORUM_STATIC_ROOT": str(tmp_path / "static"),
        **settings,
    }
    return subprocess.run(
        [*VARIORUM, "manage", *args], env=environment, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


def test_the_deployment_checks_find_no_issue(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_static_files_are_collected_with_hashed_names(tmp_path: Path) -> None:
    done = manage(tmp_path, "collectstatic", "--noinput")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["variorum_web/app.css"]
    assert hashed != "variorum_web/app.css"
    assert (tmp_path / "static" / hashed).exists()


def test_a_missing_secret_key_is_one_line(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", VARIORUM_SECRET_KEY="")
    assert done.returncode == 2
    assert done.stderr == (
        "variorum: error: VARIORUM_SECRET_KEY must be set for the production settings\n"
    )
