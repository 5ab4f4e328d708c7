"""Items of the W3C Web Annotation Protocol that a conformance run found missing:
406 for an Accept that JSON-LD does not answer, and a PUT may not change an
annotation's identity (``id``, ``canonical``)."""

from __future__ import annotations

from typing import Any

import pytest
from annotation_api import QUOTE, container, post, put, quoted
from clients import as_user

from variorum.web.models import AnnotationRecord, ProjectRecord

pytestmark = pytest.mark.django_db


def test_an_accept_that_json_ld_does_not_answer_is_406(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE))
    for address in (container(project), made["Location"]):
        refused = editor.get(address, headers={"Accept": "text/html"})
        assert refused.status_code == 406 and "application/ld+json" in refused.json()["error"]
        for accepted in ("application/ld+json", "application/json;q=0.9", "*/*", ""):
            assert editor.get(address, headers={"Accept": accepted}).status_code == 200


def test_a_put_cannot_change_the_id_or_the_canonical(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    made = post(editor, container(project), quoted(QUOTE))
    for change in ({"id": "http://elsewhere.example/a/1"}, {"canonical": "urn:uuid:other"}):
        refused = put(editor, made["Location"], made.json() | change, If_Match=made["ETag"])
        assert refused.status_code == 400
        assert "identity cannot change" in refused.json()["error"]
    assert AnnotationRecord.objects.get().revision == 1
    kept = put(editor, made["Location"], made.json() | {"bodyValue": "x"}, If_Match=made["ETag"])
    assert kept.status_code == 200 and kept.json()["canonical"] == made.json()["canonical"]


def test_a_posted_canonical_is_kept_and_a_posted_id_moves_to_via(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    canonical = "urn:uuid:1c0ffee0-0000-4000-8000-000000000001"
    sent = quoted(QUOTE) | {"id": "http://elsewhere.example/anno/7", "canonical": canonical}
    made = post(editor, container(project), sent)
    assert made.status_code == 201
    data = made.json()
    assert data["canonical"] == canonical
    assert data["via"] == "http://elsewhere.example/anno/7"
    assert data["id"] == made["Location"] != sent["id"]
    edited = put(editor, made["Location"], data | {"bodyValue": "Edited."}, If_Match=made["ETag"])
    assert edited.json()["via"] == "http://elsewhere.example/anno/7"
    again = post(editor, container(project), sent)
    assert again.status_code == 400 and "already has an annotation" in again.json()["error"]
    bad = post(editor, container(project), quoted(QUOTE) | {"canonical": "not an iri"})
    assert bad.status_code == 400 and "absolute IRI" in bad.json()["error"]


def test_variorums_keys_are_json_ld_terms(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    data = post(editor, container(project), quoted(QUOTE)).json()
    context = data["@context"]
    assert context[0] == "http://www.w3.org/ns/anno.jsonld"
    assert {"status", "revision", "carried"} <= set(context[1])
    listed = editor.get(container(project)).json()
    assert "status" in listed["@context"][-1]
