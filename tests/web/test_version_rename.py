"""Renaming a version keeps every note on it: annotations name their versions by
label, so the redline, the export, publishing and editing all still find them."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from clients import as_user as signed_in

from variorum.annotations.model import Annotation, ChangeTarget, Target
from variorum.web.models import ProjectRecord, Status
from variorum.web.store import annotations as store
from variorum.web.store.documents import document_of

pytestmark = pytest.mark.django_db


def target(project: ProjectRecord, label: str, quote: str) -> Target:
    return Target.from_quote(document_of(project.live_versions().get(label=label)), quote)


def test_notes_follow_a_renamed_version(project: ProjectRecord, users: Any) -> None:
    owner = users["owner"]
    on_old = Annotation.new(target(project, "2011", "mutual respect"), "On 2011.")
    store.create(project, owner, on_old, Status.PUBLISHED)
    change = ChangeTarget(
        target(project, "2011", "mutual respect"), target(project, "2015", "An international")
    )
    row = store.create(project, owner, Annotation.new(change, "A change."), Status.PUBLISHED)
    client = signed_in(owner)
    renamed = client.post(f"/p/{project.slug}/v/2011/edit/", {"label": "first", "date": ""})
    assert renamed.status_code == 302

    page = client.get(f"/p/{project.slug}/compare/first/2015/").content.decode()
    assert "On 2011." in page and "A change." in page
    exported = client.get(f"/p/{project.slug}/export/")
    assert exported.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(exported.content)).namelist()
    assert f"{project.slug}/annotations.jsonld" in names
    assert client.get(f"/p/{project.slug}/publish/file/").status_code == 200

    address = f"/api/projects/{project.slug}/annotations/{row.uuid}/"
    current = client.get(address)
    assert current.json()["target"][0]["source"].endswith("/versions/first/")
    edited = {**current.json(), "bodyValue": "Edited."}
    del edited["body"]
    saved = client.put(
        address, edited, "application/ld+json", headers={"If-Match": current["ETag"]}
    )
    assert saved.status_code == 200, saved.content
    history = client.get(address + "revisions/").json()["revisions"]
    assert all(
        side["source"].endswith(("/versions/first/", "/versions/2015/"))
        for revision in history
        for side in revision["annotation"]["target"]
    )
