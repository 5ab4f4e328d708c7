"""The records of imports: purged some days after they end, as a setting says, and an
import whose server stopped is ended with what it had stored removed. (An import in
a real server killed part-way: ``test_import_killed.py``.)"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
from datetime import timedelta
from typing import Any

import psutil
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from variorum.web.models import ImportJob, ProjectRecord
from variorum.web.store.imports import this_process
from variorum.web.store.projects import add_version, create_project

pytestmark = pytest.mark.django_db


def job(owner: Any, step: str, days_ago: float, project: ProjectRecord | None = None) -> ImportJob:
    """An import record of ``owner`` at ``step``, last changed ``days_ago`` days ago."""
    made = ImportJob.objects.create(owner=owner, name=f"{step}-{days_ago}.zip", step=step,
                                    project=project)  # fmt: skip
    changed = timezone.now() - timedelta(days=days_ago)
    ImportJob.objects.filter(pk=made.pk).update(changed=changed)
    return made


def purged() -> str:
    out = io.StringIO()
    call_command("purge_trash", stdout=out)
    return out.getvalue()


def test_ended_imports_are_purged_after_the_days_the_setting_gives(
    users: Any, settings: Any
) -> None:
    owner = users["owner"]
    old_done, old_failed = job(owner, "done", 8), job(owner, "failed", 8)
    recent, running = job(owner, "done", 6), job(owner, "annotations", 0)
    client = Client()
    client.force_login(owner)
    assert client.get(f"/import/{old_done.uuid}/").status_code == 302  # still shown

    said = purged()

    assert "2 import record(s) older than 7 days" in said, said
    kept = set(ImportJob.objects.values_list("pk", flat=True))
    assert kept == {recent.pk, running.pk}
    assert client.get(f"/import/{old_done.uuid}/").status_code == 404
    assert client.get(f"/import/{old_failed.uuid}/").status_code == 404

    settings.VARIORUM_IMPORT_KEPT_DAYS = 5
    assert "1 import record(s) older than 5 days" in purged()
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {running.pk}


def test_a_silent_import_is_ended_and_the_project_it_began_removed(
    users: Any, settings: Any
) -> None:
    settings.VARIORUM_IMPORT_STALLED_SECONDS = 60
    owner = users["owner"]
    begun = create_project(None, "Half imported")  # an import's: no member until complete
    add_version(begun, b"Some text.", "a.txt", "a")
    silent = job(owner, "versions", 61 / 86400, begun)
    alive = job(owner, "annotations", 1 / 86400, create_project(None, "Being imported"))
    finished = create_project(owner, "Imported")
    done = job(owner, "done", 61 / 86400, finished)

    assert "ended 1 import(s) stopped with their server" in purged()

    silent.refresh_from_db()
    assert silent.step == "failed" and silent.project is None
    assert silent.message == f"{silent.name}: the import stopped with its server; nothing was kept"
    titles = set(ProjectRecord.objects.values_list("title", flat=True))
    assert titles == {"Being imported", "Imported"}
    alive.refresh_from_db()
    done.refresh_from_db()
    assert alive.step == "annotations" and done.project == finished
    client = Client()
    client.force_login(owner)
    ended = client.get(f"/import/{silent.uuid}/", follow=True)
    assert [str(note) for note in ended.context["messages"]] == [silent.message]
    assert "Half imported" not in ended.content.decode()


def runner_of(process: subprocess.Popen[bytes]) -> str:
    """How an import's row names the process ``process`` (a running one)."""
    started = psutil.Process(process.pid).create_time()
    return f"{socket.gethostname()} {process.pid} {started:.2f}"


def test_a_silent_import_is_ended_only_once_its_process_is_gone(users: Any, settings: Any) -> None:
    settings.VARIORUM_IMPORT_STALLED_SECONDS = 60
    owner = users["owner"]
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        theirs, here = (job(owner, "annotations", 61 / 86400) for _ in range(2))
        ImportJob.objects.filter(pk=theirs.pk).update(runner=runner_of(other))
        ImportJob.objects.filter(pk=here.pk).update(runner=this_process())  # its thread gone
        assert "ended 1 import(s) stopped with their server" in purged()  # here's
        assert ImportJob.objects.get(pk=theirs.pk).step == "annotations"
        other.kill()
        other.wait()
        assert "ended 1 import(s) stopped with their server" in purged()  # theirs
    finally:
        other.kill()
        other.wait()
    assert set(ImportJob.objects.values_list("step", flat=True)) == {"failed"}
