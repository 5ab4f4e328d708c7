"""Export then import loses nothing of a review: carried notes stay carried and
unconfirmed (from the same note), and every revision, with its author and status,
comes back. A history file that is not as written is refused, and nothing is kept."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from annotation_api import container, post, put, quoted
from clients import as_user, imported

from variorum.web.models import AnnotationRecord, ProjectRecord

pytestmark = pytest.mark.django_db


def reimported(client: Any, project: ProjectRecord, change: Any = None) -> Any:
    """Export ``project`` and import the ZIP (after ``change(files)``, if given)."""
    exported = client.get(f"/p/{project.slug}/export/").getvalue()
    if change is not None:
        files = {}
        with zipfile.ZipFile(io.BytesIO(exported)) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        change(files)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        exported = buffer.getvalue()
    upload = io.BytesIO(exported)
    upload.name = "folder.zip"
    return imported(client, upload)


@pytest.mark.django_db(transaction=True)  # the import stores from a thread of its own
def test_carried_status_and_revisions_survive_export_and_import(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project, "2011"), quoted("Not to use", "First."))
    second = put(editor, made["Location"], made.json() | {"bodyValue": "Second."},
                 If_Match=made["ETag"])  # fmt: skip
    put(as_user(users["owner"]), made["Location"], second.json() | {"status": "published"},
        If_Match=second["ETag"])  # fmt: skip
    carried = editor.post(f"/api/projects/{project.slug}/carry/", {"from": "2011", "to": "2015"},
                          content_type="application/json").json()  # fmt: skip
    assert carried["annotations"][0]["copy"]
    response = reimported(as_user(users["owner"]), project)
    copy = ProjectRecord.objects.exclude(pk=project.pk).get()
    assert response.status_code == 200 and response.request["PATH_INFO"] == f"/p/{copy.slug}/"
    original = {row.version.label: row for row in AnnotationRecord.objects.filter(project=project)}
    imported = {row.version.label: row for row in AnnotationRecord.objects.filter(project=copy)}
    assert imported["2015"].carried == original["2015"].carried != ""
    assert imported["2015"].carried_from == imported["2011"]
    note = imported["2011"]
    assert note.revision == 3 and note.status == "published"
    history = [(r.number, r.status, r.author.username if r.author else None)
               for r in note.revisions.order_by("number")]  # fmt: skip
    assert history == [(1, "draft", "editor"), (2, "draft", "editor"), (3, "published", "owner")]
    assert "First." in json.dumps(note.revisions.get(number=1).data)


@pytest.mark.django_db(transaction=True)
def test_a_history_file_not_as_written_is_refused(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    post(editor, container(project), quoted("Agenda item", "A note."))

    def spoil(files: dict[str, bytes]) -> None:
        name = next(name for name in files if name.endswith("/history.json"))
        data = json.loads(files[name])
        entry = next(iter(data["annotations"].values()))
        entry["revisions"][0]["status"] = "secret"
        files[name] = json.dumps(data).encode()

    owner = as_user(users["owner"])
    page = reimported(owner, project, spoil).content.decode()
    assert "history.json" in page and "docs/project-format.md" in page
    assert ProjectRecord.objects.count() == 1
