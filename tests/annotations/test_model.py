"""The W3C model: selectors convert symmetrically; bad values are refused."""

from __future__ import annotations

import pytest

from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    Body,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from variorum.document import Span
from variorum.ingest import parse_text

TEXT = "(b) Not to use information weapons.\n(c) Not to interfere.\n"


def test_position_selector_round_trips_through_span_and_json() -> None:
    selector = TextPositionSelector.from_span(Span(4, 14))
    assert selector.to_span(TEXT) == Span(4, 14)
    assert selector.to_selector() == {"type": "TextPositionSelector", "start": 4, "end": 14}
    assert TextPositionSelector.from_selector(selector.to_selector()) == selector


def test_position_outside_the_text_selects_nothing() -> None:
    assert TextPositionSelector(50, 500).to_span(TEXT) is None


@pytest.mark.parametrize(
    "data",
    [
        {"start": 5, "end": 2},
        {"start": -1, "end": 2},
        {"start": "1", "end": 2},
        {"start": True, "end": 2},
        {"end": 2},
    ],
)
def test_bad_position_selectors_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(AnnotationError, match="TextPositionSelector"):
        TextPositionSelector.from_selector({"type": "TextPositionSelector", **data})


def test_quote_selector_keeps_context_either_side() -> None:
    quote = TextQuoteSelector.from_span(TEXT, Span(15, 34), context=8)
    assert (quote.prefix, quote.exact, quote.suffix) == (
        " to use ",
        "information weapons",
        ".\n(c) No",
    )
    assert TextQuoteSelector.from_selector(quote.to_selector()) == quote


def test_quote_selector_json_leaves_out_empty_context() -> None:
    assert TextQuoteSelector("words").to_selector() == {
        "type": "TextQuoteSelector",
        "exact": "words",
    }


def test_quote_selector_needs_exact() -> None:
    with pytest.raises(AnnotationError, match="exact"):
        TextQuoteSelector.from_selector({"type": "TextQuoteSelector", "prefix": "x"})


def test_target_from_quote_describes_position_and_quote() -> None:
    document = parse_text(TEXT, version="2011")
    target = Target.from_quote(document, "information weapons")
    assert target.version == "2011"
    assert target.position == TextPositionSelector(15, 34)
    assert target.quote.exact == "information weapons"


def test_target_from_quote_refuses_absent_and_ambiguous_quotes() -> None:
    document = parse_text(TEXT, version="2011")
    with pytest.raises(AnnotationError, match="does not occur"):
        Target.from_quote(document, "cyber weapons")
    with pytest.raises(AnnotationError, match="occurs 2 times"):
        Target.from_quote(document, "Not to")
    second = Target.from_quote(document, "Not to", occurrence=2)
    assert second.position == TextPositionSelector(40, 46)
    with pytest.raises(AnnotationError, match="not 3"):
        Target.from_quote(document, "Not to", occurrence=3)


def test_a_change_needs_two_versions() -> None:
    side = Target("2011", TextQuoteSelector("x"))
    with pytest.raises(AnnotationError, match="two versions"):
        ChangeTarget(side, side)


def test_new_annotation_has_uuid_id_and_utc_timestamp() -> None:
    note = Annotation.new(Target("2015", TextQuoteSelector("x")), "text", ("tag",), "Ana")
    assert note.id.startswith("urn:uuid:") and len(note.short_id) == 8
    assert note.created.endswith("Z") and note.modified == ""
    assert note.body == Body("text", ("tag",)) and note.versions == ("2015",)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("motivation", "liking", "unknown motivation"),
        ("created", "yesterday", "not an ISO 8601"),
        ("modified", "2015-01-13T10:00:00", "no time zone"),
        ("id", "", "needs an id"),
    ],
)
def test_bad_annotation_fields_are_refused(field: str, value: str, message: str) -> None:
    values = {"id": "urn:x", "target": Target("2015", TextQuoteSelector("x")), field: value}
    with pytest.raises(AnnotationError, match=message):
        Annotation(**values)  # type: ignore[arg-type]


def test_motivation_may_be_an_iri() -> None:
    target = Target("2015", TextQuoteSelector("x"))
    assert Annotation("urn:x", target, motivation="https://example.org/m").motivation


def test_short_id_of_other_tools_ids_is_their_tail() -> None:
    target = Target("2015", TextQuoteSelector("x"))
    assert Annotation("https://hypothes.is/a/AbCdEfGhIjKl", target).short_id == "EfGhIjKl"
