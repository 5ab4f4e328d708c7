"""Review loses nothing: "Save draft" on a published note keeps it in the publication
(with its published text) until the edit is published, and the project page's recent
annotations link to their passages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from annotation_api import QUOTE, container, post, put, quoted
from clients import as_user

from variorum.web.models import ProjectRecord

pytestmark = pytest.mark.django_db


def published_page(client: Any, project: ProjectRecord) -> str:
    response = client.get(f"/p/{project.slug}/publish/file/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_save_draft_on_a_published_note_keeps_it_published(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE, "Checked wording.", status="published"))
    assert "Checked wording." in published_page(editor, project)
    draft = made.json() | {"body": [{"type": "TextualBody", "value": "Half-done rewrite."}],
                           "status": "draft"}  # fmt: skip
    saved = put(editor, made["Location"], draft, If_Match=made["ETag"])
    assert saved.status_code == 200 and saved.json()["status"] == "draft"
    page = published_page(editor, project)
    assert "Checked wording." in page and "Half-done rewrite." not in page
    redline = editor.get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    assert "Half-done rewrite." in redline and "Edit pending" in redline
    done = saved.json() | {"status": "published"}
    put(editor, made["Location"], done, If_Match=saved["ETag"])
    page = published_page(editor, project)
    assert "Half-done rewrite." in page and "Checked wording." not in page


def test_a_draft_never_published_stays_out(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    post(editor, container(project), quoted(QUOTE, "Only a draft."))
    assert "Only a draft." not in published_page(editor, project)


def test_recent_annotations_link_to_their_passages(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    post(editor, container(project), quoted(QUOTE, "First."))
    post(editor, container(project, "2011"), quoted("Not to use", "On 2011."))
    listing = as_user(users["viewer"]).get(f"/p/{project.slug}/").content.decode()
    links = re.findall(rf'href="(/p/{project.slug}/v/(\d+)/)#a-([^"]+)"', listing)
    assert {label for _, label, _ in links} == {"2011", "2015"}
    for address, _, key in links:
        page = as_user(users["viewer"]).get(address).content.decode()
        assert f'id="a-{key}"' in page


def test_the_history_says_what_each_revision_changed(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE, "Not to use ICTs."))
    edited = {"body": [{"type": "TextualBody", "value": "Not to use ICT networks."}]}
    put(editor, made["Location"], made.json() | edited, If_Match=made["ETag"])
    history = editor.get(made["Location"] + "revisions/").json()["revisions"]
    assert history[0]["changes"] == [["+", "Not to use ICTs."]]
    assert ["-", "ICTs"] in history[1]["changes"] and ["+", "ICT networks"] in history[1]["changes"]
