"""The trash: purged by a command a server runs daily, its length shown as the
settings say, and the demo project brought back by ``variorum demo``."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from variorum.web import server
from variorum.web.models import ProjectRecord
from variorum.web.store.projects import create_project, trash

pytestmark = pytest.mark.django_db


def test_the_purge_command_deletes_what_is_older_than_the_trash_days(users: Any) -> None:
    old, recent, _ = (create_project(users["owner"], title) for title in ("Old", "New", "Kept"))
    ProjectRecord.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    trash(recent)
    out = io.StringIO()
    call_command("purge_trash", stdout=out)
    assert out.getvalue().startswith("Purged 1 project(s) and version(s)")
    assert sorted(ProjectRecord.objects.values_list("title", flat=True)) == ["Kept", "New"]


def test_the_pages_say_how_long_the_trash_keeps_things(
    project: ProjectRecord, users: Any, settings: Any
) -> None:
    settings.TRASH_DAYS = 7
    trash(create_project(users["owner"], "Deleted"))
    client = Client()
    client.force_login(users["owner"])
    page = client.get(f"/p/{project.slug}/").content.decode()
    assert "restored for 7 days" in page and "30 days" not in page
    listing = client.get("/").content.decode()
    assert "kept for 7 days" in listing and "30 days" not in listing


def test_the_demo_project_is_taken_out_of_the_trash(users: Any) -> None:
    address = server.load_demo(users["owner"])
    trash(ProjectRecord.objects.get(slug=server.DEMO_SLUG))
    assert server.load_demo(users["owner"]) == address
    client = Client()
    client.force_login(users["owner"])
    assert client.get(address).status_code == 200
