"""Refusals are the app's own pages with a way back, never Django's bare "Not Found"
or a blank 405; the favicon is served; the API refuses a body of another media type
(415) and answers OPTIONS as the Web Annotation Protocol has it."""

from __future__ import annotations

from typing import Any

import pytest
from clients import as_user
from django.test import Client

from variorum.web.models import ProjectRecord

pytestmark = pytest.mark.django_db


def test_an_unknown_project_or_version_is_the_apps_page(project: ProjectRecord, users: Any) -> None:
    owner = as_user(users["owner"])
    for address in ("/p/no-such-project/", f"/p/{project.slug}/v/1999/",
                    f"/p/{project.slug}/compare/2011/1999/", "/no/such/page/"):  # fmt: skip
        response = owner.get(address)
        assert response.status_code == 404, address
        page = response.content.decode()
        assert "<h1>Not found</h1>" in page and 'href="/">Back to your projects' in page
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_get_on_a_forms_target_is_the_apps_405_page(project: ProjectRecord, users: Any) -> None:
    response = as_user(users["owner"]).get(f"/p/{project.slug}/delete/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    page = response.content.decode()
    assert "does not take a GET request (it takes POST)" in page
    assert "Back to your projects" in page
    assert ProjectRecord.live.filter(pk=project.pk).exists()


def test_unknown_labels_in_the_compare_form_say_so(project: ProjectRecord, users: Any) -> None:
    response = as_user(users["viewer"]).get(
        f"/p/{project.slug}/compare/?old=2011&new=2016", follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "There is no version '2016' here (versions: 2011, 2015)."
    ]


def test_the_favicon_is_served() -> None:
    response = Client().get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert 'rel="icon"' in Client().get("/login/").content.decode()


def test_a_json_body_of_another_media_type_is_415(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = '{"bodyValue": "x", "target": {"selector": {"type": "TextQuoteSelector",' \
           ' "exact": "Agenda item"}}}'  # fmt: skip
    for kind in ("text/plain", "application/x-www-form-urlencoded"):
        response = editor.post(container, note, content_type=kind)
        assert response.status_code == 415
        assert "send JSON as application/ld+json" in response.json()["error"]
        assert "application/ld+json" in response["Accept-Post"]
    assert editor.post(container, note, content_type="application/ld+json").status_code == 201
