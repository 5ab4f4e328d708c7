"""An uploaded version is read by the library in a child process within the reading
limits (``VARIORUM_READ_MEMORY_MB``), never in the request's thread: a file whose
reading is over them is refused with one message naming it (400 from the API, the
same message on the project page), and nothing is stored."""

from __future__ import annotations

import io
from typing import Any

import pytest
from clients import as_user

from variorum.web.models import Project, Version

pytestmark = pytest.mark.django_db


def third(content: bytes = b"A third version of the text.\n") -> io.BytesIO:
    stream = io.BytesIO(content)
    stream.name = "third.txt"
    return stream


def test_reading_over_the_memory_limit_is_refused(
    project: Project, users: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VARIORUM_READ_MEMORY_MB", "1")  # 3 MB of text cannot be read in 1 MB
    editor = as_user(users["editor"])
    large = b"Article one says what the parties agree to. " * 70_000
    response = editor.post(f"/api/projects/{project.slug}/versions/", {"file": third(large)})
    assert response.status_code == 400
    message = response.json()["error"]
    assert message == "third.txt: needs more memory than the limit of 1 MB to read"
    page = editor.post(f"/p/{project.slug}/versions/", {"file": third(large)}, follow=True)
    assert [str(m) for m in page.context["messages"]] == [message]
    assert Version.objects.count() == 2


def test_an_unreadable_file_is_still_a_400(project: Project, users: Any) -> None:
    response = as_user(users["editor"]).post(
        f"/api/projects/{project.slug}/versions/", {"file": third(b"\x00\x01\x02" * 100)}
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("third.txt")
    assert Version.objects.count() == 2


def test_a_readable_upload_is_stored_with_its_format(project: Project, users: Any) -> None:
    response = as_user(users["editor"]).post(
        f"/api/projects/{project.slug}/versions/", {"file": third(), "label": "third"}
    )
    assert response.status_code == 201
    assert Version.objects.get(label="third").format == "text"
