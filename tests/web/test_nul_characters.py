"""A NUL character (U+0000) in a title, a note or any typed field is refused with one
clear 400 on SQLite and PostgreSQL alike (PostgreSQL cannot store one), and nothing
is stored."""

from __future__ import annotations

from typing import Any

import pytest
from clients import as_user

from variorum.web.models import AnnotationRecord, ProjectRecord, VersionRecord

pytestmark = pytest.mark.django_db

NOTE = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}}}


def test_a_title_with_a_nul_is_refused_on_the_pages(project: ProjectRecord, users: Any) -> None:
    owner = as_user(users["owner"])
    for address, form in [("/", {"title": "New\x00project"}),
                          (f"/p/{project.slug}/edit/", {"title": "Code", "introduction": "a\x00"}),
                          (f"/p/{project.slug}/v/2011/edit/", {"label": "2011\x00"})]:  # fmt: skip
        response = owner.post(address, form)
        assert response.status_code == 400, address
        page = response.content.decode()
        assert "holds a NUL character" in page and "Back to your projects" in page
    assert ProjectRecord.objects.get().title == "Code of conduct"
    assert ProjectRecord.objects.get().introduction == "Two versions."
    assert set(VersionRecord.objects.values_list("label", flat=True)) == {"2011", "2015"}


def test_a_note_with_a_nul_is_refused_by_the_api(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    for body in ({**NOTE, "bodyValue": "a\x00b"}, {**NOTE, "bodyValue": "x", "tag\x00": 1}):
        response = editor.post(container, body, "application/ld+json")
        assert response.status_code == 400
        assert "NUL character" in response.json()["error"]
    refused = editor.patch(f"/api/projects/{project.slug}/", {"title": "a\x00"},
                           "application/json")  # fmt: skip
    assert refused.status_code == 400
    address = editor.get(f"/api/projects/{project.slug}/versions/%00/")
    assert address.status_code == 400 and "the address" in address.json()["error"]
    assert not AnnotationRecord.objects.exists()
    assert ProjectRecord.objects.get().title == "Code of conduct"


def test_a_backslash_u_that_is_not_a_nul_is_kept(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    made = editor.post(container, {**NOTE, "bodyValue": "a \\u0000 b"}, "application/ld+json")
    assert made.status_code == 201
    assert made.json()["body"][0]["value"] == "a \\u0000 b"
