"""Carried notes an analyst can fix: a note whose words the next version deleted is kept
(a lost copy) to be attached to other words or dismissed; any note moves to other
words; a deleted note comes back with its history; carrying twice, even at the same
moment, copies nothing twice."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from clients import as_user
from django.test import Client
from served import api_token, request

from variorum.web.models import AnnotationRecord, ProjectRecord

pytestmark = pytest.mark.django_db

GONE = "of other countries"
"""Words of 2011 that 2015 deleted."""
KEPT = "mutual respect"
"""Words of 2011 still in 2015."""


def api(project: ProjectRecord) -> str:
    return f"/api/projects/{project.slug}/"


def post(client: Client, address: str, data: Any = None, **headers: str) -> Any:
    return client.post(address, data, content_type="application/ld+json", headers=headers)


def put(client: Client, address: str, data: Any, **headers: str) -> Any:
    return client.put(address, data, content_type="application/ld+json", headers=headers)


def note_on(client: Client, project: ProjectRecord, label: str, exact: str, text: str) -> Any:
    made = post(
        client,
        f"{api(project)}versions/{label}/annotations/",
        {"target": {"selector": {"type": "TextQuoteSelector", "exact": exact}},
         "bodyValue": text, "status": "published"},
    )  # fmt: skip
    assert made.status_code == 201, made.json()
    return made.json()


def carry(client: Client, project: ProjectRecord) -> dict[str, Any]:
    return dict(post(client, api(project) + "carry/", {"from": "2011", "to": "2015"}).json())


def copy_of(report: dict[str, Any], source: dict[str, Any]) -> Any:
    """The address of the copy of ``source`` the carry reports (None: none)."""
    [item] = [entry for entry in report["annotations"] if entry["annotation"] == source["id"]]
    return item["copy"]


def quote_of(data: dict[str, Any]) -> str:
    return str(data["target"]["selector"][1]["exact"])


def test_a_note_whose_words_were_deleted_is_kept_for_the_analyst(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    gone = note_on(editor, project, "2011", GONE, "Whose countries?")
    report = carry(editor, project)
    [item] = report["annotations"]
    assert item["status"] == "deleted" and item["copy"]
    lost = editor.get(item["copy"]).json()
    assert lost["carried"] == "deleted" and lost["status"] == "draft"
    assert quote_of(lost) == GONE and lost["target"]["source"].endswith("/versions/2011/")
    assert lost["body"][0]["value"] == "Whose countries?"
    listed = editor.get(f"{api(project)}versions/2015/annotations/").json()
    assert listed["total"] == 0  # not among 2015's notes until attached
    assert editor.get(f"{api(project)}versions/2011/annotations/").json()["total"] == 1
    assert carry(editor, project)["annotations"][0]["copy"] == item["copy"]  # kept once
    assert AnnotationRecord.objects.filter(carried_from__iri=gone["canonical"]).count() == 1


def test_a_lost_note_is_attached_to_other_words_of_its_version(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    note_on(editor, project, "2011", GONE, "Whose countries?")
    address = carry(editor, project)["annotations"][0]["copy"]
    loaded = editor.get(address)
    still_old = put(editor, address, loaded.json() | {"bodyValue": None}, If_Match=loaded["ETag"])
    assert still_old.status_code == 400
    assert "deleted in version '2015'" in still_old.json()["error"]
    moved = loaded.json() | {
        "target": {"source": "2015", "selector": {"type": "TextQuoteSelector",
                                                  "exact": "Sixty-ninth session"}},
    }  # fmt: skip
    attached = put(editor, address, moved, If_Match=loaded["ETag"])
    assert attached.status_code == 200, attached.json()
    assert attached.json()["carried"] == "" and quote_of(attached.json()) == "Sixty-ninth session"
    listed = editor.get(f"{api(project)}versions/2015/annotations/").json()
    assert [item["id"] for item in listed["first"]["items"]] == [address]
    history = editor.get(address + "revisions/").json()["revisions"]
    assert [quote_of(r["annotation"]) for r in history] == [GONE, "Sixty-ninth session"]


def test_a_lost_note_is_dismissed_and_can_be_restored(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    note_on(editor, project, "2011", GONE, "Whose countries?")
    address = carry(editor, project)["annotations"][0]["copy"]
    etag = editor.get(address)["ETag"]
    assert editor.delete(address, headers={"If-Match": etag}).status_code == 204
    assert carry(editor, project)["annotations"][0]["copy"] is None  # dismissed: not again
    assert AnnotationRecord.objects.filter(carried="deleted").count() == 1
    revisions = editor.get(address + "revisions/").json()
    assert revisions["deleted"] is True and revisions["revisions"][-1]["deleted"] is True
    restored = post(editor, address + "restore/", If_Match=revisions["etag"])
    assert restored.status_code == 200 and restored.json()["carried"] == "deleted"


def test_any_note_moves_to_other_words_with_its_etag(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = note_on(editor, project, "2015", "Sixty-ninth session", "On the session.")
    loaded = editor.get(made["id"])
    selector = {"type": "TextQuoteSelector", "exact": "international consensus"}
    target = {"source": loaded.json()["target"]["source"], "selector": selector}
    moved = loaded.json() | {"target": target}
    assert put(editor, made["id"], moved).status_code == 428
    saved = put(editor, made["id"], moved, If_Match=loaded["ETag"])
    assert quote_of(saved.json()) == "international consensus"
    assert put(editor, made["id"], moved, If_Match=loaded["ETag"]).status_code == 412


def test_a_deleted_note_is_restored_with_a_new_revision(project: ProjectRecord, users: Any) -> None:
    editor, viewer = as_user(users["editor"]), as_user(users["viewer"])
    made = note_on(editor, project, "2015", "Sixty-ninth session", "Worth keeping.")
    address = made["id"]
    restore = address + "restore/"
    assert post(editor, restore, If_Match=editor.get(address)["ETag"]).status_code == 409
    editor.delete(address, headers={"If-Match": editor.get(address)["ETag"]})
    revisions = viewer.get(address + "revisions/").json()
    assert revisions["deleted"] is True and revisions["etag"].endswith('-2"')
    assert post(viewer, restore, If_Match=revisions["etag"]).status_code == 403
    assert post(editor, restore).status_code == 428
    assert post(editor, restore, If_Match=made["id"]).status_code == 412
    back = post(editor, restore, If_Match=revisions["etag"])
    assert back.status_code == 200 and back.json()["revision"] == 3
    assert back.json()["body"][0]["value"] == "Worth keeping." and back["ETag"]
    history = viewer.get(address + "revisions/").json()
    assert [(r["number"], r["deleted"]) for r in history["revisions"]] == [
        (1, False), (2, True), (3, False)]  # fmt: skip
    assert history["deleted"] is False
    assert viewer.get(f"{api(project)}versions/2015/annotations/").json()["total"] == 1


def test_a_kept_passage_is_carried_once_even_after_its_copy_is_deleted(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    source = note_on(editor, project, "2011", KEPT, "Respect.")
    copy = copy_of(carry(editor, project), source)
    editor.delete(copy, headers={"If-Match": editor.get(copy)["ETag"]})
    assert copy_of(carry(editor, project), source) is None
    assert AnnotationRecord.objects.filter(carried_from__iri=source["canonical"]).count() == 1


def test_carries_at_the_same_moment_copy_each_note_once(demo: tuple[str, str]) -> None:
    base, link = demo
    token = api_token(base, link)
    carriers = 4
    start_together = threading.Barrier(carriers)
    reports: list[tuple[int, Any]] = []

    def carry_now() -> None:
        start_together.wait()
        status, _, data = request("POST", f"{base}/api/projects/icoc-2011-2015/carry/", token,
                                  {"from": "2011", "to": "2015"})  # fmt: skip
        reports.append((status, data))

    threads = [threading.Thread(target=carry_now) for _ in range(carriers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in reports] == [200] * carriers, reports
    copies = [{item["annotation"]: item["copy"] for item in data["annotations"]}
              for _, data in reports]  # fmt: skip
    assert copies[0] and all(each == copies[0] for each in copies)
    assert None not in copies[0].values()
    assert len(set(copies[0].values())) == len(copies[0])


def test_the_redline_lists_lost_and_deleted_notes_with_their_actions(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    note_on(editor, project, "2011", GONE, "Whose countries?")
    carry(editor, project)
    gone = note_on(editor, project, "2015", "Sixty-ninth session", "Deleted later.")
    editor.delete(gone["id"], headers={"If-Match": editor.get(gone["id"])["ETag"]})
    url = f"/p/{project.slug}/compare/2011/2015/"

    page = editor.get(url).content.decode()
    lost = page[page.index("Notes whose words were deleted in 2015") :]
    assert f'On 2011: <q class="vr-app-old-quote">{GONE}</q>' in lost
    assert "Whose countries?" in lost and "Attach to the selected words" in lost
    assert 'data-act="dismiss"' in lost
    deleted = page[page.index("Deleted notes") :]
    assert "Deleted later." in deleted and 'data-act="restore"' in deleted
    assert page.count("Whose countries?") == 2  # the 2011 note and the list: none on 2015
    assert "Deleted notes" in editor.get(f"/p/{project.slug}/v/2015/").content.decode()

    page = as_user(users["viewer"]).get(url).content.decode()
    assert "Notes whose words were deleted in 2015" in page and "Deleted later." in page
    assert 'data-act="attach"' not in page and 'data-act="restore"' not in page
    assert 'data-act="history"' in page


def test_a_note_that_no_longer_anchors_is_carried_as_orphaned(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    made = note_on(editor, project, "2011", KEPT, "Lost its words.")
    row = AnnotationRecord.objects.get(iri=made["canonical"])
    for selector in row.data["target"]["selector"]:
        selector.update(exact="words in no version", start=0, end=19)
    row.save()  # as an imported note whose words are not in its version
    [item] = carry(editor, project)["annotations"]
    assert item["status"] == "orphaned"
    lost = editor.get(item["copy"])
    assert lost.json()["carried"] == "orphaned"
    assert editor.delete(item["copy"], headers={"If-Match": lost["ETag"]}).status_code == 204
    etag = editor.get(item["copy"] + "revisions/").json()["etag"]
    assert post(editor, item["copy"] + "restore/", If_Match=etag).status_code == 200
    page = editor.get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    assert "Not found in 2011" in page and "Lost its words." in page
