"""W3C JSON-LD export and import: round trips, the model's required fields, the
Hypothesis API's JSON, and clear errors for malformed input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.annotations.jsonld import (
    CONTEXT,
    collection_to_jsonld,
    dumps,
    from_jsonld,
    parse_annotations,
    to_jsonld,
)
from variorum.annotations.model import (
    MOTIVATIONS,
    Annotation,
    AnnotationError,
    Body,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)

NOTE = Annotation(
    "urn:uuid:0b7c4a4e-9a3f-4e0e-8a53-1f0f6f1c2d3e",
    Target(
        "2015",
        TextQuoteSelector("article 19", "Political Rights (", ") attaches"),
        TextPositionSelector(8528, 8538),
    ),
    Body("New *reference* to the ICCPR.", ("human-rights", "iccpr")),
    creator="Ana Analyst",
    created="2026-01-13T09:30:00Z",
    modified="2026-01-14T10:00:00+01:00",
)
CHANGE = Annotation(
    "urn:uuid:5",
    ChangeTarget(
        Target("2011", TextQuoteSelector("(b)"), TextPositionSelector(4755, 4758)),
        Target("2015", TextQuoteSelector("(2)", "pledges:\n"), TextPositionSelector(6851, 6854)),
    ),
    Body("Renumbered."),
    creator="acct:ana@example.org",
    motivation="describing",
)


def required_fields_hold(item: dict[str, Any]) -> None:
    """The W3C Web Annotation model's MUSTs for an annotation, as this exporter uses it."""
    assert isinstance(item["id"], str) and ":" in item["id"]  # exactly one IRI
    assert item["type"] == "Annotation"
    targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
    assert targets
    for target in targets:
        assert target["type"] == "SpecificResource" and isinstance(target["source"], str)
        kinds = {selector["type"] for selector in target["selector"]}
        assert "TextQuoteSelector" in kinds
        for selector in target["selector"]:
            if selector["type"] == "TextQuoteSelector":
                assert isinstance(selector["exact"], str)
            else:
                assert 0 <= selector["start"] <= selector["end"]
    for body in item.get("body", []):
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
    assert item["motivation"] in MOTIVATIONS


def test_export_has_the_w3c_context_and_required_fields() -> None:
    data = to_jsonld(NOTE, {"2015": "2015.txt"})
    assert data["@context"] == CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    required_fields_hold(data)
    assert data["target"]["source"] == "2015.txt"
    assert data["creator"] == {"type": "Person", "name": "Ana Analyst"}
    assert data["body"][0] == {
        "type": "TextualBody",
        "value": "New *reference* to the ICCPR.",
        "format": "text/markdown",
    }
    assert [b["value"] for b in data["body"] if b.get("purpose") == "tagging"] == [
        "human-rights",
        "iccpr",
    ]


def test_a_change_is_exported_as_two_targets_old_first() -> None:
    data = to_jsonld(CHANGE)
    required_fields_hold(data)
    assert [target["source"] for target in data["target"]] == ["2011", "2015"]
    assert data["creator"] == "acct:ana@example.org"


@pytest.mark.parametrize("note", [NOTE, CHANGE])
def test_export_then_import_gives_identical_annotations(note: Annotation) -> None:
    text = dumps(to_jsonld(note, {"2011": "2011.txt", "2015": "2015.txt"}))
    files = {"2011.txt": "2011", "2015.txt": "2015"}
    assert parse_annotations(text, files.get).annotations == (note,)


def test_collection_round_trips_and_has_the_required_fields() -> None:
    data = collection_to_jsonld([NOTE, CHANGE], "urn:uuid:c", "Analysis")
    assert data["@context"] == CONTEXT and data["type"] == "AnnotationCollection"
    assert data["id"] == "urn:uuid:c" and data["total"] == 2
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["id"] and page["startIndex"] == 0
    for item in page["items"]:
        required_fields_hold(item)
    imported = parse_annotations(dumps(data))
    assert imported.annotations == (NOTE, CHANGE) and imported.collection_id == "urn:uuid:c"


def test_empty_collection_has_no_page() -> None:
    data = collection_to_jsonld([], "urn:uuid:c")
    assert data["total"] == 0 and "first" not in data
    assert parse_annotations(dumps(data)).annotations == ()


def test_plain_lists_and_pages_are_read_too() -> None:
    item = to_jsonld(NOTE)
    assert parse_annotations(json.dumps([item])).annotations == (NOTE,)
    page = {"type": "AnnotationPage", "items": [item]}
    assert parse_annotations(json.dumps(page)).annotations == (NOTE,)


def test_foreign_w3c_forms_are_understood() -> None:
    data = {
        "@context": CONTEXT,
        "id": "https://example.org/anno/1",
        "type": ["Annotation"],
        "motivation": ["commenting"],
        "creator": [{"type": "Person", "nickname": "ana"}],
        "bodyValue": "Plain note",
        "body": "https://example.org/post/7",
        "target": {
            "source": "https://example.org/code",
            "selector": {"type": "TextQuoteSelector", "exact": "article 19"},
        },
    }
    note = from_jsonld(data)
    assert note.body.text == "Plain note\n\n<https://example.org/post/7>"
    assert note.creator == "ana" and note.target == Target(
        "https://example.org/code", TextQuoteSelector("article 19")
    )


names = st.text(min_size=1, max_size=12)
selectors = st.builds(
    TextQuoteSelector, st.text(max_size=40), st.text(max_size=32), st.text(max_size=32)
)
positions = st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(
    lambda pair: TextPositionSelector(min(pair), max(pair))
)
targets = st.builds(Target, names, selectors, positions)
changes = st.builds(
    ChangeTarget,
    st.builds(Target, st.just("old"), selectors, positions),
    st.builds(Target, names.filter(lambda name: name != "old"), selectors, positions),
)
timestamps = st.sampled_from(["", "2015-01-13T00:00:00Z", "2011-09-14T10:20:30.5+03:00"])
annotations = st.builds(
    Annotation,
    id=st.text(min_size=1, max_size=20).map(lambda tail: f"urn:x:{tail}"),
    target=targets | changes,
    body=st.builds(Body, st.text(max_size=80), st.lists(names, max_size=3).map(tuple)),
    creator=st.text(max_size=20),
    created=timestamps,
    modified=timestamps,
    motivation=st.sampled_from(sorted(MOTIVATIONS)),
)


@given(annotations)
def test_any_annotation_survives_export_and_import(note: Annotation) -> None:
    assert parse_annotations(dumps(to_jsonld(note))).annotations == (note,)


HYPOTHESIS_SEARCH = {
    "total": 3,
    "rows": [
        {
            "id": "Xh3kQnEEe",
            "created": "2015-02-01T10:00:00.123456+00:00",
            "updated": "2015-02-02T10:00:00.123456+00:00",
            "user": "acct:ana@hypothes.is",
            "user_info": {"display_name": "Ana Analyst"},
            "uri": "https://undocs.org/A/69/723",
            "text": "Cites **article 19**.",
            "tags": ["human-rights"],
            "group": "__world__",
            "permissions": {"read": ["group:__world__"]},
            "target": [
                {
                    "source": "https://undocs.org/A/69/723",
                    "selector": [
                        {"type": "RangeSelector", "startContainer": "/div[1]", "startOffset": 0,
                         "endContainer": "/div[1]", "endOffset": 10},
                        {"type": "TextPositionSelector", "start": 8528, "end": 8538},
                        {"type": "TextQuoteSelector", "exact": "article 19",
                         "prefix": "Political Rights (", "suffix": ") attaches"},
                    ],
                }
            ],
            "document": {"title": ["A/69/723"]},
            "links": {"html": "https://hypothes.is/a/Xh3kQnEEe"},
        },
        {
            "id": "PageNote1",
            "user": "acct:ana@hypothes.is",
            "uri": "https://undocs.org/A/69/723",
            "text": "About the whole letter.",
            "tags": [],
            "target": [{"source": "https://undocs.org/A/69/723"}],
        },
        {
            "id": "Reply1",
            "user": "acct:bo@hypothes.is",
            "uri": "https://undocs.org/A/69/723",
            "text": "Agreed.",
            "references": ["Xh3kQnEEe"],
            "target": [{"source": "https://undocs.org/A/69/723"}],
        },
    ],
}  # fmt: skip


def test_hypothesis_search_results_are_imported_and_page_notes_skipped() -> None:
    imported = parse_annotations(json.dumps(HYPOTHESIS_SEARCH), lambda _uri: "2015")
    (note,) = imported.annotations
    assert note.id == "https://hypothes.is/a/Xh3kQnEEe"
    assert note.target == Target(
        "2015",
        TextQuoteSelector("article 19", "Political Rights (", ") attaches"),
        TextPositionSelector(8528, 8538),
    )
    assert note.body == Body("Cites **article 19**.", ("human-rights",))
    assert note.creator == "Ana Analyst" and note.modified.startswith("2015-02-02")
    assert len(imported.skipped) == 2
    assert "page note" in imported.skipped[0] and "reply" in imported.skipped[1]


def test_a_single_hypothesis_annotation_and_a_list_are_read() -> None:
    row = HYPOTHESIS_SEARCH["rows"][0]  # type: ignore[index]
    assert len(parse_annotations(json.dumps(row)).annotations) == 1
    assert len(parse_annotations(json.dumps([row])).annotations) == 1


def test_hypothesis_annotation_on_another_document_is_refused() -> None:
    with pytest.raises(AnnotationError, match="not a version of this project"):
        parse_annotations(json.dumps(HYPOTHESIS_SEARCH), lambda _uri: None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        ("42", "expected a JSON object"),
        ("[1, 2]", "expected annotation objects"),
        ('{"type": "Annotation", "target": {}}', "no 'id'"),
        ('{"id": "urn:a", "type": "Highlight", "target": {}}', "not 'Annotation'"),
        ('{"id": "urn:a", "type": "Annotation"}', "0 targets"),
        ('{"id": "urn:a", "type": "Annotation", "target": "https://x.org"}', "whole document"),
        ('{"id": "urn:a", "type": "Annotation", "target": {"selector": []}}', "no 'source'"),
        (
            '{"id": "urn:a", "type": "Annotation", "target": {"source": "v"}}',
            "no TextQuoteSelector",
        ),
        (
            '{"id": "urn:a", "type": "Annotation", "target": {"source": "v", "selector":'
            ' [{"type": "TextQuoteSelector", "exact": "x"},'
            ' {"type": "TextPositionSelector", "start": 9, "end": 3}]}}',
            "not a range",
        ),
        (
            '{"id": "urn:a", "type": "Annotation", "created": "soon", "target": {"source": "v",'
            ' "selector": {"type": "TextQuoteSelector", "exact": "x"}}}',
            "not an ISO 8601",
        ),
        (
            '{"type": "AnnotationCollection", "id": "urn:c", "first": "https://x.org/page1"}',
            "not embedded",
        ),
    ],
)
def test_malformed_input_is_one_clear_error(text: str | bytes, message: str) -> None:
    with pytest.raises(AnnotationError, match=message) as error:
        parse_annotations(text)
    assert "\n" not in str(error.value)


def test_errors_name_the_annotation() -> None:
    text = '{"id": "urn:bad", "type": "Annotation", "target": {"source": "v"}}'
    with pytest.raises(AnnotationError, match="annotation urn:bad: "):
        parse_annotations(text)
