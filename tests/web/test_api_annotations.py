"""The W3C Web Annotation Protocol of the API: containers per version, annotations
with ETags, revisions, confirming carried annotations, carrying, tags and the
Markdown preview."""

from __future__ import annotations

from typing import Any

import pytest
from annotation_api import JSON_LD, QUOTE, container, post, put, quoted
from clients import as_user

from variorum.web.models import AnnotationRecord, ProjectRecord
from variorum.web.store.documents import document_of

pytestmark = pytest.mark.django_db


def test_an_editor_posts_an_annotation_into_a_versions_container(
    project: ProjectRecord, users: Any
) -> None:
    response = post(as_user(users["editor"]), container(project), quoted(QUOTE))
    assert response.status_code == 201
    assert response["Content-Type"] == JSON_LD
    data = response.json()
    assert response["Location"] == data["id"]
    assert response["ETag"] == AnnotationRecord.objects.get().etag
    assert data["status"] == "draft" and data["revision"] == 1 and data["carried"] == ""
    target = data["target"]
    assert target["source"] == f"http://testserver/api/projects/{project.slug}/versions/2015/"
    position, quote = target["selector"]
    text = document_of(project.live_versions().get(label="2015")).text
    assert text[position["start"] : position["end"]] == QUOTE == quote["exact"]
    assert quote["prefix"] and quote["suffix"]


def test_a_position_alone_is_completed_with_the_quote(project: ProjectRecord, users: Any) -> None:
    text = document_of(project.live_versions().get(label="2011")).text
    start = text.index("Not to use")
    note = {
        "target": {
            "source": "2011",
            "selector": {"type": "TextPositionSelector", "start": start, "end": start + 10},
        },
        "bodyValue": "Position only.",
        "status": "published",
    }
    data = post(as_user(users["owner"]), container(project, "2011"), note).json()
    assert data["target"]["selector"][1]["exact"] == "Not to use"
    assert data["status"] == "published"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"selector": {"type": "TextQuoteSelector", "exact": "not in the text at all"}},
         "is not in version '2015'"),
        ({"selector": {"type": "TextQuoteSelector", "exact": "States"}}, "occurs"),
        ({"selector": {"type": "TextPositionSelector", "start": 5, "end": 10**7}},
         "selects nothing"),
        ({"source": "1999", "selector": {"type": "TextQuoteSelector", "exact": "x"}},
         "no version '1999'"),
    ],
)  # fmt: skip
def test_a_target_that_is_not_in_the_text_is_refused(
    project: ProjectRecord, users: Any, target: Any, message: str
) -> None:
    response = post(as_user(users["editor"]), container(project), {"target": target})
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not AnnotationRecord.objects.exists()


def test_bad_json_and_a_bad_status_are_refused_with_one_message(
    project: ProjectRecord, users: Any
) -> None:
    client = as_user(users["editor"])
    response = post(client, container(project), "{not json")
    assert response.status_code == 400 and "not JSON" in response.json()["error"]
    response = post(client, container(project), quoted(QUOTE, status="final"))
    assert response.status_code == 400 and "'status'" in response.json()["error"]
    assert not AnnotationRecord.objects.exists()


def test_the_container_lists_its_annotations_as_the_protocol_says(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    first = post(editor, container(project), quoted(QUOTE)).json()
    post(editor, container(project, "2011"), quoted("Not to use", "On 2011."))
    response = as_user(users["viewer"]).get(container(project))
    assert response.status_code == 200
    assert response["Content-Type"] == JSON_LD
    assert 'ldp#BasicContainer>; rel="type"' in response["Link"]
    assert "constrainedBy" in response["Link"]
    assert response["Accept-Post"] == JSON_LD
    assert "POST" in response["Allow"] and response["ETag"]
    data = response.json()
    assert data["type"] == ["BasicContainer", "AnnotationCollection"]
    assert data["total"] == 1
    assert [item["id"] for item in data["first"]["items"]] == [first["id"]]
    assert data["first"]["items"][0]["body"][0]["value"] == "A note."


def test_prefer_minimal_container_and_contained_iris_are_honoured(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE)).json()
    ldp = "http://www.w3.org/ns/ldp#PreferMinimalContainer"
    minimal = editor.get(
        container(project), headers={"Prefer": f'return=representation;include="{ldp}"'}
    )
    assert minimal["Preference-Applied"] == "return=representation"
    assert isinstance(minimal.json()["first"], str)
    iris = "http://www.w3.org/ns/oa#PreferContainedIRIs"
    listed = editor.get(
        container(project), headers={"Prefer": f'return=representation;include="{iris}"'}
    )
    assert listed.json()["first"]["items"] == [made["id"]]
    page = editor.get(minimal.json()["first"]).json()
    assert page["type"] == "AnnotationPage" and page["partOf"]["total"] == 1
    assert editor.get(container(project) + "?page=7").status_code == 404


def test_an_edit_needs_the_current_etag(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE))
    address, etag = made["Location"], made["ETag"]
    edited = made.json() | {
        "bodyValue": None,
        "body": [{"type": "TextualBody", "value": "Better."}],
    }
    assert put(editor, address, edited).status_code == 428
    saved = put(editor, address, edited, If_Match=etag)
    assert saved.status_code == 200
    assert saved.json()["revision"] == 2 and saved.json()["body"][0]["value"] == "Better."
    stale = put(editor, address, edited | {"bodyValue": "Older."}, If_Match=etag)
    assert stale.status_code == 412
    assert "changed by someone else" in stale.json()["error"]
    assert stale["ETag"] == saved["ETag"]
    assert editor.get(address).json()["body"][0]["value"] == "Better."


def test_get_gives_the_etag_and_honours_if_none_match(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE))
    response = as_user(users["viewer"]).get(made["Location"])
    assert response["ETag"] == made["ETag"]
    assert response.json()["id"] == made["Location"]
    again = editor.get(made["Location"], headers={"If-None-Match": made["ETag"]})
    assert again.status_code == 304


def test_delete_keeps_every_revision_viewable(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE))
    address = made["Location"]
    saved = put(editor, address, made.json() | {"status": "published"}, If_Match=made["ETag"])
    assert editor.delete(address).status_code == 428
    assert editor.delete(address, headers={"If-Match": made["ETag"]}).status_code == 412
    assert editor.delete(address, headers={"If-Match": saved["ETag"]}).status_code == 204
    assert editor.get(address).status_code == 404
    assert editor.get(container(project)).json()["total"] == 0
    history = as_user(users["viewer"]).get(address + "revisions/").json()["revisions"]
    assert [(r["number"], r["status"], r["deleted"]) for r in history] == [
        (1, "draft", False),
        (2, "published", False),
        (3, "published", True),
    ]
    assert history[0]["author"] == "editor"
    assert history[0]["annotation"]["target"]["selector"][1]["exact"] == QUOTE


def test_carried_annotations_are_reported_and_confirmed(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    post(editor, container(project, "2011"), quoted("Not to use", "Kept?"))
    carry = f"/api/projects/{project.slug}/carry/"
    report = post(editor, carry, {"from": "2011", "to": "2015"}).json()
    [item] = report["annotations"]
    assert item["status"] in ("intact", "changed", "moved")
    copy = editor.get(item["copy"])
    assert copy.json()["carried"] == item["status"]
    assert copy.json()["status"] == "draft"
    again = post(editor, carry, {"from": "2011", "to": "2015"}).json()
    assert again["annotations"][0]["copy"] == item["copy"]  # carried once only
    confirm = item["copy"] + "confirm/"
    assert post(editor, confirm, None).status_code == 428
    confirmed = post(editor, confirm, None, If_Match=copy["ETag"])
    assert confirmed.status_code == 200 and confirmed.json()["carried"] == ""
    assert post(editor, confirm, None, If_Match=confirmed["ETag"]).status_code == 409


def test_carrying_needs_two_versions_of_the_project(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    carry = f"/api/projects/{project.slug}/carry/"
    assert (
        "no version '1999'" in post(editor, carry, {"from": "1999", "to": "2015"}).json()["error"]
    )
    assert post(editor, carry, {"from": "2015", "to": "2015"}).status_code == 400
    assert post(editor, carry, {"from": "2011"}).status_code == 400


def test_tags_are_counted_for_completion(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    for tags in (["privacy", "Scope"], ["privacy"]):
        note = quoted(QUOTE)
        note["body"] += [
            {"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags
        ]
        post(editor, container(project), note)
    tags = as_user(users["viewer"]).get(f"/api/projects/{project.slug}/tags/").json()["tags"]
    assert tags == [{"tag": "privacy", "count": 2}, {"tag": "Scope", "count": 1}]


def test_the_markdown_preview_is_sanitized(users: Any) -> None:
    client = as_user(users["viewer"])
    text = "**bold** <script>alert(1)</script> [x](javascript:alert(1))"
    html = client.post("/api/markdown/", {"text": text}, content_type="application/json").json()
    assert "<strong>bold</strong>" in html["html"]
    assert "<script" not in html["html"] and 'href="javascript' not in html["html"]
