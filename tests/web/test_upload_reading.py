"""An uploaded version is read by the library's isolated reader before it is stored:
an unreadable file is refused naming it (400), a readable one is stored with the
format it was read as. (Files over the reading limits: ``test_hostile_uploads``.)"""

from __future__ import annotations

import io
from typing import Any

import pytest
from clients import as_user

from variorum.web.models import ProjectRecord, VersionRecord

pytestmark = pytest.mark.django_db


def third(content: bytes = b"A third version of the text.\n") -> io.BytesIO:
    stream = io.BytesIO(content)
    stream.name = "third.txt"
    return stream


def test_an_unreadable_file_is_still_a_400(project: ProjectRecord, users: Any) -> None:
    response = as_user(users["editor"]).post(
        f"/api/projects/{project.slug}/versions/", {"file": third(b"\x00\x01\x02" * 100)}
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("third.txt")
    assert VersionRecord.objects.count() == 2


def test_a_readable_upload_is_stored_with_its_format(project: ProjectRecord, users: Any) -> None:
    response = as_user(users["editor"]).post(
        f"/api/projects/{project.slug}/versions/", {"file": third(), "label": "third"}
    )
    assert response.status_code == 201
    assert VersionRecord.objects.get(label="third").format == "text"
