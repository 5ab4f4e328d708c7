"""The demo loader (``variorum demo``'s first start) killed part-way leaves nothing:
no project half made, none without members or without the demo's address, and the
next start loads the demo once, whole.

The loader runs in a real process on the suite's database (SQLite in a file, or
PostgreSQL), killed with SIGKILL as a crash or the kernel's out-of-memory killer
would. To kill it at a known point rather than at a moment a busy machine makes
random, the process wraps one of the store's own functions so that it kills itself
right after the real function has run: the one thing not as in production."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fresh_database import fresh_database_environment
from served import WAIT

LOADER = """
import os, signal
from variorum.web import server
server.setup()
server.migrate()
user = server.local_user("analyst")
KILL_AFTER = {kill_after!r}
if KILL_AFTER:
    from variorum.web.store import projects
    real = getattr(projects, KILL_AFTER)
    def then_killed(*arguments, **named):
        real(*arguments, **named)
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(projects, KILL_AFTER, then_killed)
print(server.load_demo(user))
"""

STORED = """
import json
from variorum.web import server
server.setup()
from variorum.web.models import ProjectRecord
print(json.dumps(sorted([project.slug, project.memberships.count(), project.versions.count(),
    project.annotations.count()] for project in ProjectRecord.objects.all())))
"""


def run(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True,
        timeout=WAIT, check=False,
    )  # fmt: skip


def stored(environment: dict[str, str]) -> Any:
    """Every project: its address, members, versions and annotations."""
    done = run(STORED, environment)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "kill_after",
    ["add_version", "add_owner"],
    ids=["while-storing-the-versions", "once-its-owner-is-added"],
)
def test_a_demo_loader_killed_part_way_leaves_nothing(tmp_path: Path, kill_after: str) -> None:
    environment = {**fresh_database_environment(), "VARIORUM_DATA_DIR": str(tmp_path)}
    killed = run(LOADER.format(kill_after=kill_after), environment)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert stored(environment) == []

    loaded = run(LOADER.format(kill_after=""), environment)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip().splitlines()[-1] == "/p/icoc-2011-2015/"
    assert stored(environment) == [["icoc-2011-2015", 1, 2, 13]]
