"""An annotation container is made once per state and kept: conditional GETs with its
ETag are answered 304, and any change (an edit, a new note, a renamed version, a new
title) gives a new ETag and the new content at once."""

from __future__ import annotations

from typing import Any

import pytest
from annotation_api import JSON_LD, QUOTE, container, post, put, quoted
from clients import as_user

from variorum.web.models import ProjectRecord
from variorum.web.store.projects import add_version, create_project

pytestmark = pytest.mark.django_db


def test_a_conditional_get_of_an_unchanged_container_is_304(
    project: ProjectRecord, users: Any
) -> None:
    post(as_user(users["editor"]), container(project), quoted(QUOTE))
    viewer = as_user(users["viewer"])
    first = viewer.get(container(project))
    assert first.status_code == 200
    assert first["Content-Location"] == "http://testserver" + container(project)
    again = viewer.get(container(project), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    other = viewer.get(container(project), headers={"Prefer": 'return=representation;include='
                       '"http://www.w3.org/ns/ldp#PreferMinimalContainer"',
                       "If-None-Match": first["ETag"]})  # fmt: skip
    assert other.status_code == 200  # another representation, another ETag


def test_every_change_is_seen_at_once(project: ProjectRecord, users: Any) -> None:
    editor, viewer = as_user(users["editor"]), as_user(users["viewer"])
    made = post(editor, container(project), quoted(QUOTE))
    before = viewer.get(container(project))
    put(editor, made["Location"], made.json() | {"bodyValue": "Edited."}, If_Match=made["ETag"])
    edited = viewer.get(container(project), headers={"If-None-Match": before["ETag"]})
    assert edited.status_code == 200 and edited["ETag"] != before["ETag"]
    assert edited.json()["first"]["items"][0]["body"][0]["value"].startswith("Edited.")
    editor.post(f"/p/{project.slug}/edit/", {"title": "Renamed analysis"})
    titled = viewer.get(container(project))
    assert titled.json()["label"].endswith("of Renamed analysis")
    change = {"type": "Annotation", "bodyValue": "Across.",
              "target": [{"source": "2011", "selector": {"type": "TextQuoteSelector",
                                                         "exact": "Not to use"}},
                         {"source": "2015", "selector": {"type": "TextQuoteSelector",
                                                         "exact": QUOTE}}]}  # fmt: skip
    assert post(editor, container(project), change).status_code == 201
    listed = viewer.get(container(project))
    editor.post(f"/p/{project.slug}/v/2011/edit/", {"label": "2011-final"})
    renamed = viewer.get(container(project), headers={"If-None-Match": listed["ETag"]})
    assert renamed.status_code == 200
    sources = [target["source"] for target in renamed.json()["first"]["items"][1]["target"]]
    assert sources[0].endswith("/versions/2011-final/")


def test_options_on_a_container_says_what_it_takes(project: ProjectRecord, users: Any) -> None:
    response = as_user(users["viewer"]).options(container(project))
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert response["Accept-Post"] == JSON_LD


def test_each_caller_reads_their_own_container(project: ProjectRecord, users: Any) -> None:
    # the reads of a container are compiled once per process: each request's project,
    # version and member must still be its own
    other = create_project(users["stranger"], "Another analysis")
    add_version(other, b"Another text, with other words.\n", "a.txt", "2015")
    post(as_user(users["editor"]), container(project), quoted(QUOTE))
    stranger, viewer = as_user(users["stranger"]), as_user(users["viewer"])
    assert viewer.get(container(project)).json()["total"] == 1
    assert viewer.get(container(project, "2011")).json()["total"] == 0
    theirs = stranger.get(container(other))
    assert theirs.status_code == 200 and theirs.json()["total"] == 0
    assert theirs.json()["label"] == "Annotations on version 2015 of Another analysis"
    assert stranger.get(container(project)).status_code == 404
    assert viewer.get(container(other)).status_code == 404
    missing = viewer.get(container(project, "2099"))
    assert missing.status_code == 404 and "has no version '2099'" in missing.json()["error"]
