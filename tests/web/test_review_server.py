"""Export then import on a real ``variorum demo`` (SQLite, or PostgreSQL on the
suite's second run) keeps a review whole: carried notes stay carried with their
status (unconfirmed until confirmed), and every note keeps its revisions. (The
stored rows, in-process: ``test_folder_history.py``; in the browser:
``tests/browser/app/test_app_folders.py``.)"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from availability import api, imported, serve

SLUG = "icoc-2011-2015"


def review(base: str, slug: str, token: str) -> list[Any]:
    """Each note of the project, both versions: its version, text, status, carried
    state and revisions (from its revisions' address), sorted."""
    found = []
    for label in ("2011", "2015"):
        address = f"{base}/api/projects/{slug}/versions/{label}/annotations/"
        status, _, listed, _ = api("GET", address, token)
        assert status == 200, listed
        for item in listed["first"]["items"]:
            _, _, revisions, _ = api("GET", item["id"] + "revisions/", token)
            found.append([label, json.dumps(item["body"], sort_keys=True), item.get("status"),
                          item.get("carried"), item.get("revision"),
                          len(revisions["revisions"])])  # fmt: skip
    return sorted(found)


def test_export_then_import_keeps_carried_notes_and_revisions(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        server.member("analyst", "owner")
        token = server.token("analyst")
        carry = f"{server.url}/api/projects/{SLUG}/carry/"
        status, _, carried, _ = api("POST", carry, token, b'{"from": "2011", "to": "2015"}',
                                    **{"Content-Type": "application/json"})  # fmt: skip
        assert status == 200 and carried["annotations"], carried
        container = f"{server.url}/api/projects/{SLUG}/versions/2011/annotations/"
        _, _, listed, _ = api("GET", container, token)
        first = listed["first"]["items"][0]
        _, headers, _, _ = api("GET", first["id"], token)
        edited = json.dumps(first | {"bodyValue": "Edited once."}).encode()
        status, _, _, _ = api("PUT", first["id"], token, edited, **{"If-Match": headers["ETag"]})
        assert status == 200
        original = review(server.url, SLUG, token)

        analyst = server.signed_in("analyst")
        with analyst.open(f"{server.url}/p/{SLUG}/export/") as answer:
            exported = answer.read()
        status, page, _ = imported(analyst, server.url, "review.zip", exported)
        copy = re.search(r'href="/p/([\w-]+)/export/"', page)
        assert status == 200 and copy and copy.group(1) != SLUG, page[:500]
        again = review(server.url, copy.group(1), token)

    assert {row[3] for row in original if row[0] == "2015"} - {None}, original  # carried ones
    assert any(row[5] == 2 for row in original), original  # the edited note's two revisions
    assert again == original
