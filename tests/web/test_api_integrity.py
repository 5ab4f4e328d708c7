"""What the API keeps true whatever a client sends: a note's author is who wrote it,
a note stays in its version's container, and a note someone else just deleted is
gone (404), not a bad request."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from clients import as_user

from variorum.web.models import AnnotationRecord, ProjectRecord
from variorum.web.store import annotations as store
from variorum.web.store.folders import export_zip, import_zip

pytestmark = pytest.mark.django_db

NOTE = {
    "type": "Annotation",
    "bodyValue": "A note.",
    "creator": {"type": "Person", "name": "Somebody Else"},
    "target": {"selector": {"type": "TextQuoteSelector", "exact": "An international"}},
}


def posted(project: ProjectRecord, user: Any) -> Any:
    address = f"/api/projects/{project.slug}/versions/2015/annotations/"
    return as_user(user).post(address, NOTE, content_type="application/ld+json")


def test_the_author_is_the_user_who_wrote_the_note(project: ProjectRecord, users: Any) -> None:
    made = posted(project, users["editor"])
    assert made.json()["creator"]["name"] == "editor"
    address = made.json()["id"]
    edited = {**NOTE, "bodyValue": "Edited.", "creator": "Mallory"}
    saved = as_user(users["owner"]).put(
        address, edited, content_type="application/ld+json", headers={"If-Match": made["ETag"]}
    )
    assert saved.status_code == 200 and saved.json()["creator"]["name"] == "editor"


def test_a_note_stays_on_its_version(project: ProjectRecord, users: Any) -> None:
    made = posted(project, users["editor"])
    elsewhere = f"http://testserver/api/projects/{project.slug}/versions/2011/"
    moved = {**NOTE, "target": {"source": elsewhere, "selector": {
        "type": "TextQuoteSelector", "exact": "mutual respect"}}}  # fmt: skip
    response = as_user(users["editor"]).put(
        made.json()["id"], moved, content_type="application/ld+json",
        headers={"If-Match": made["ETag"]},
    )  # fmt: skip
    assert response.status_code == 400 and "stays on the version" in response.json()["error"]
    assert AnnotationRecord.objects.get().version.label == "2015"


def test_an_imported_folder_keeps_its_authors(project: ProjectRecord, users: Any) -> None:
    posted(project, users["editor"])
    copy = import_zip(export_zip(project), "copy.zip", users["viewer"])
    assert [store.note_of(row).creator for row in store.live_annotations(copy)] == ["editor"]


@pytest.mark.parametrize("method", ["put", "delete"])
def test_a_note_deleted_meanwhile_is_404(project: ProjectRecord, users: Any, method: str) -> None:
    made = posted(project, users["editor"])
    loaded = AnnotationRecord.objects.get()  # the request has found the note...
    store.delete(loaded, users["owner"])  # ...when someone else deletes it
    with mock.patch("variorum.web.views.api_annotations._row", return_value=loaded):
        response = getattr(as_user(users["editor"]), method)(
            made.json()["id"], NOTE, content_type="application/ld+json",
            headers={"If-Match": made["ETag"]},
        )  # fmt: skip
    assert response.status_code == 404
    assert "was deleted by someone else" in response.json()["error"]
