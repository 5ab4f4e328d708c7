"""A project folder out of the web app and back: every version keeps its own file,
drafts stay drafts, and a broken ZIP is refused in one clear message."""

from __future__ import annotations

import io
import json
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from clients import IMPORT_WAIT, imported, imported_after
from django.test import Client

from variorum.annotations.model import Annotation, Target
from variorum.project import open_project
from variorum.web.models import ImportJob, ProjectRecord
from variorum.web.store import annotations as store
from variorum.web.store import imports
from variorum.web.store.documents import document_of
from variorum.web.store.folders import export_folder, export_zip, import_zip
from variorum.web.store.projects import add_version, create_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("labels", "filename"),
    [
        (["a?b#c", "a b c", "A-B-C"], "v.txt"),
        (["variorum"], "v.toml"),
        (["annotations"], "v.jsonld"),
    ],
)
def test_each_version_keeps_its_own_file(
    users: Any, tmp_path: Path, labels: list[str], filename: str
) -> None:
    project = create_project(users["owner"], "Names")
    for number, label in enumerate(labels):
        add_version(project, f"Version {number} of the text.\n".encode(), filename, label)
    written = open_project(export_folder(ProjectRecord.objects.get(), tmp_path / "out").folder)
    files = [version.file for version in written.versions]
    assert len({name.casefold() for name in files}) == len(labels)
    assert {"variorum.toml", "annotations.jsonld"}.isdisjoint(files)
    for number, version in enumerate(written.versions):
        text = (tmp_path / "out" / version.file).read_text()
        assert text == f"Version {number} of the text.\n"
    assert [version.label for version in written.versions] == labels


def test_export_then_import_keeps_drafts_as_drafts(project: ProjectRecord, users: Any) -> None:
    for label, quote, status in [("2011", "mutual respect", "published"),
                                 ("2015", "An international", "draft")]:  # fmt: skip
        version = project.live_versions().get(label=label)
        note = Annotation.new(Target.from_quote(document_of(version), quote), f"A {status} note.")
        store.create(project, users["owner"], note, status)
    data = export_zip(project)
    items = json.loads(zipfile.ZipFile(io.BytesIO(data)).read(f"{project.slug}/annotations.jsonld"))
    assert [item.get("variorum:status") for item in items["first"]["items"]] == [None, "draft"]

    copy = import_zip(data, "copy.zip", users["editor"])
    statuses = {row.data["body"][0]["value"]: row.status for row in store.live_annotations(copy)}
    assert statuses == {"A published note.": "published", "A draft note.": "draft"}
    assert all("variorum:status" not in row.data for row in store.live_annotations(copy))


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


LISTS_A_MISSING_FILE = '[[versions]]\nlabel = "v1"\nfile = "v1.txt"\n'


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"p/variorum.toml": LISTS_A_MISSING_FILE}, "broken.zip: p/v1.txt: "),
        ({"p/variorum.toml": "title = ["}, "broken.zip: p/variorum.toml: not valid TOML"),
        ({"p/variorum.toml": "colour = 1"}, "broken.zip: p/variorum.toml: unknown key 'colour'"),
    ],
)
@pytest.mark.django_db(transaction=True)  # the import runs in a thread of its own
def test_a_broken_folder_is_refused_naming_the_file_inside_the_zip(
    users: Any, files: dict[str, str], message: str
) -> None:
    client = Client()
    client.force_login(users["owner"])
    upload = io.BytesIO(zipped(files))
    upload.name = "broken.zip"
    response = imported(client, upload)
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/"
    shown = [str(note) for note in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith(message), shown
    assert "/tmp" not in shown[0] and tempfile.gettempdir() not in shown[0]
    assert not ProjectRecord.objects.exists()


@pytest.mark.django_db(transaction=True)  # the import runs in a thread of its own
def test_an_import_waits_its_turn_while_others_run(
    project: ProjectRecord, users: Any, settings: Any
) -> None:
    client = Client()
    client.force_login(users["owner"])
    upload = io.BytesIO(export_zip(project))
    upload.name = "copy.zip"
    settings.VARIORUM_IMPORT_STALLED_SECONDS = 6.0  # a sign of life every second
    held = [imports._turns.acquire(timeout=60) for _ in range(imports.AT_ONCE)]
    try:  # as if as many other imports as a server runs at once were under way
        assert all(held)
        started = client.post("/import/", {"folder": upload})
        job = ImportJob.objects.get()
        noted = job.changed
        deadline = time.monotonic() + IMPORT_WAIT
        while job.changed == noted:  # the import notes that it still waits
            assert time.monotonic() < deadline, "the waiting import noted nothing"
            time.sleep(0.05)
            job.refresh_from_db()
        assert job.step == "waiting" and ProjectRecord.objects.count() == 1
        waiting = client.get(started["Location"])
        assert waiting.status_code == 202
        assert "Waiting for its turn" in waiting.content.decode()
    finally:
        for _ in held:
            imports._turns.release()
    response = imported_after(client, started["Location"])
    assert response.request["PATH_INFO"] != "/" and ProjectRecord.objects.count() == 2
