"""What a page asks the database: the projects page loads no version files, a page
asks the member's role once, and a script's token is not written on every read."""

from __future__ import annotations

import re
from typing import Any

import pytest
from clients import as_user as signed_in
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from variorum.web.models import ApiToken, ProjectRecord
from variorum.web.store.projects import trash

pytestmark = pytest.mark.django_db


def test_the_projects_page_counts_live_versions_without_loading_files(
    project: ProjectRecord, users: Any
) -> None:
    trash(project.live_versions().get(label="2011"))
    with CaptureQueriesContext(connection) as queries:
        page = signed_in(users["owner"]).get("/").content.decode()
    assert "1 version ·" in page
    assert not any('"variorum_web_version"."content"' in query["sql"] for query in queries)


def test_a_project_page_asks_the_role_once(project: ProjectRecord, users: Any) -> None:
    client = signed_in(users["editor"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/p/{project.slug}/").status_code == 200
    role_of_user = re.compile(r'("variorum_web_membership"|U0)\."user_id" = \d+')  # or a subquery
    asked = [query for query in queries if role_of_user.search(query["sql"])]
    assert len(asked) == 1


def test_a_token_is_not_written_on_every_request(users: Any) -> None:
    token, secret = ApiToken.issue(users["owner"], "script")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get("/api/projects/").status_code == 200
    writes = [query for query in queries if query["sql"].startswith("UPDATE")]
    assert len(writes) == 1
    token.refresh_from_db()
    assert token.last_used is not None
