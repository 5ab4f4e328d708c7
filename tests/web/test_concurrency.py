"""Two editors saving the same annotation: no edit is lost silently. Each save names
the revision it started from (``If-Match``); a save that finds another one current is
refused with 412, and the edit saved first stays.

The race runs against a real ``variorum demo`` server (waitress threads, SQLite in a
file or PostgreSQL, as the suite runs) with clients on connections of their own: the
in-memory database of the test process cannot show how the real one locks."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from clients import as_user
from django.test import Client
from served import api_token, request

from variorum.web.models import ProjectRecord

CONTAINER = "/api/projects/{}/versions/2015/annotations/"
NOTE = {
    "target": {"selector": {"type": "TextQuoteSelector", "exact": "Sixty-ninth session"}},
    "bodyValue": "First words.",
}


def put(client: Client, address: str, loaded: Any, text: str, etag: str) -> Any:
    """Save ``loaded`` (an annotation as GET gave it) with its note changed to ``text``."""
    edited = loaded | {"body": [{"type": "TextualBody", "value": text}]}
    return client.put(address, edited, "application/ld+json", headers={"If-Match": etag})


@pytest.mark.django_db
def test_the_second_of_two_editors_gets_412_and_the_first_edit_stays(
    project: ProjectRecord, users: Any
) -> None:
    editor, owner = as_user(users["editor"]), as_user(users["owner"])
    made = editor.post(CONTAINER.format(project.slug), NOTE, "application/ld+json")
    address = made["Location"]
    loaded_by_editor, loaded_by_owner = editor.get(address), owner.get(address)
    assert loaded_by_editor["ETag"] == loaded_by_owner["ETag"]
    first = put(editor, address, loaded_by_editor.json(), "The editor's words.",
                loaded_by_editor["ETag"])  # fmt: skip
    assert first.status_code == 200
    second = put(owner, address, loaded_by_owner.json(), "The owner's words.",
                 loaded_by_owner["ETag"])  # fmt: skip
    assert second.status_code == 412
    message = second.json()["error"]
    assert "changed by someone else" in message and "reload it" in message
    assert second["ETag"] == first["ETag"]
    kept = owner.get(address).json()
    assert kept["body"][0]["value"] == "The editor's words." and kept["revision"] == 2


def test_concurrent_saves_on_a_real_server_each_make_a_revision_or_are_refused(
    demo: tuple[str, str],
) -> None:
    base, link = demo
    token = api_token(base, link)
    listed = request("GET", f"{base}/api/projects/icoc-2011-2015/versions/2015/annotations/", token)
    address = listed[2]["first"]["items"][0]["id"]
    _, headers, loaded = request("GET", address, token)
    writers = 6
    start_together = threading.Barrier(writers)
    answers: list[tuple[int, int, str]] = []  # round, status, the note sent

    def edit(number: int, round: int, loaded: Any, etag: str) -> None:
        text = f"Writer {number}, round {round}."
        changed = loaded | {"body": [{"type": "TextualBody", "value": text}]}
        status, _, _ = request("PUT", address, token, changed, **{"If-Match": etag})
        answers.append((round, status, text))

    def race(number: int) -> None:
        start_together.wait()
        edit(number, 0, loaded, headers["ETag"])  # all from the same revision
        for round in range(1, 4):  # then each reloads and saves again
            _, current_headers, current = request("GET", address, token)
            edit(number, round, current, current_headers["ETag"])

    threads = [threading.Thread(target=race, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(answers) == writers * 4
    assert {status for _, status, _ in answers} <= {200, 412}
    assert [status for round, status, _ in answers if round == 0].count(200) == 1
    saved = [text for _, status, text in answers if status == 200]
    history = request("GET", address + "revisions/", token)[2]["revisions"]
    later = [revision["annotation"]["body"][0]["value"] for revision in history[1:]]
    assert sorted(later) == sorted(saved)  # every save is a revision, none lost
    assert [revision["number"] for revision in history] == list(range(1, len(history) + 1))
    assert request("GET", address, token)[2]["body"][0]["value"] == later[-1]
