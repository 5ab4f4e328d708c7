"""Anchoring: position verified by the quote, then the quote with its context, then a
fuzzy quote; orphans reported, never guessed."""

from __future__ import annotations

import pytest

from variorum.annotations.anchor import AnchorMethod, anchor, anchor_annotation
from variorum.annotations.match_quote import match_quote
from variorum.annotations.model import (
    Annotation,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from variorum.document import Span
from variorum.ingest import parse_text

OLD = (
    "(b) Not to use information and communications technologies to carry out hostile"
    " activities or acts of aggression.\n"
    "(c) Not to use information and communications technologies to interfere in the"
    " internal affairs of other States.\n"
)


def target(quote: str, occurrence: int | None = None) -> Target:
    return Target.from_quote(parse_text(OLD, version="2011"), quote, occurrence)


def found(result_span: Span | None, text: str) -> str | None:
    return result_span.of(text) if result_span else None


def test_unchanged_text_anchors_by_position() -> None:
    result = anchor(target("hostile activities"), OLD)
    assert result.method is AnchorMethod.POSITION
    assert found(result.span, OLD) == "hostile activities"


def test_shifted_text_anchors_by_quote() -> None:
    new = "Each State pledges:\n" + OLD
    result = anchor(target("hostile activities"), new)
    assert result.method is AnchorMethod.QUOTE
    assert result.span == Span(OLD.index("hostile") + 20, OLD.index("hostile") + 38)


def test_repeated_quote_is_told_apart_by_its_context() -> None:
    second = target("Not to use information and communications technologies", occurrence=2)
    new = "Preamble.\n" + OLD
    result = anchor(second, new)
    assert result.method is AnchorMethod.QUOTE
    assert result.span is not None and result.span.start == new.index("(c)") + 4


def test_edited_passage_anchors_fuzzily_and_says_so() -> None:
    note = target("to carry out hostile activities or acts of aggression")
    new = OLD.replace("hostile activities or acts", "hostile activity or acts")
    result = anchor(note, new)
    assert result.method is AnchorMethod.FUZZY and result.changed
    assert found(result.span, new) == "to carry out hostile activity or acts of aggression"
    assert result.errors == 3  # ies -> y


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("of other States", "of any other States"),
        ("in the internal affairs", "in internal affairs"),
        ("to interfere in", "to intervene in"),
    ],
)
def test_fuzzy_match_covers_insertions_and_deletions_inside_the_quote(
    before: str, after: str
) -> None:
    quote = "to interfere in the internal affairs of other States"
    new = OLD.replace(before, after)
    result = anchor(target(quote), new)
    assert result.method is AnchorMethod.FUZZY
    assert found(result.span, new) == quote.replace(before, after)


def test_fuzzy_budget_is_proportional_to_the_quote() -> None:
    quote = "interfere in the internal affairs of other States"  # 49 characters: 9 edits
    new = OLD.replace("in the internal affairs", "in the domestic and internal affairs")
    assert anchor(target(quote), new).orphaned  # 13 characters inserted


def test_rewritten_passage_is_orphaned_not_attached_elsewhere() -> None:
    note = target("hostile activities or acts of aggression")
    new = OLD.replace("hostile activities or acts of aggression", "activities which run counter")
    result = anchor(note, new)
    assert result.orphaned and result.method is AnchorMethod.ORPHANED and result.span is None


def test_short_quote_is_never_matched_approximately() -> None:
    note = target("(b)")
    assert anchor(note, OLD.replace("(b)", "(2)")).orphaned


def test_short_quote_whose_context_changed_is_not_trusted_at_its_old_offsets() -> None:
    text = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.\n"
    note = Target.from_quote(parse_text(text), "mu")
    other = "Zulu yankee xray whiskey victor uniform tango sierra romeo quebec mu.\n"
    # "mu" now stands at other offsets next to other words: not the annotated one
    assert anchor(note, other).orphaned


def test_identical_passages_with_identical_context_are_ambiguous_without_position() -> None:
    text = "Header one.\nSame words here.\nHeader one.\nSame words here.\n"
    assert match_quote(text, "Same words here.", prefix="Header one.\n") is None
    assert match_quote(text, "Same words here.", prefix="Header one.\n", hint=30) is not None


def test_position_breaks_a_tie_between_identical_contexts() -> None:
    text = "x\nSame words here.\nx\nSame words here.\n"
    quote = TextQuoteSelector("Same words here.", "x\n", "\n")
    second = Target("v", quote, TextPositionSelector(21, 37))
    result = anchor(second, "new " + text)
    assert result.method is AnchorMethod.QUOTE and result.span == Span(25, 41)


def test_position_outside_the_text_falls_back_to_the_quote() -> None:
    note = Target("v", TextQuoteSelector("acts of aggression"), TextPositionSelector(5000, 5018))
    result = anchor(note, OLD)
    assert result.method is AnchorMethod.QUOTE and found(result.span, OLD) == "acts of aggression"


def test_empty_quote_anchors_between_its_prefix_and_suffix() -> None:
    point = Target("v", TextQuoteSelector("", "acts of aggression", ".\n(c)"))
    result = anchor(point, "New line.\n" + OLD)
    expected = len("New line.\n") + OLD.index("aggression") + len("aggression")
    assert result.span == Span(expected, expected)


def test_change_target_anchors_each_side_on_its_version() -> None:
    old = parse_text("(b) Not to use weapons.", version="2011")
    new = parse_text("(2) Not to use weapons.", version="2015")
    change = ChangeTarget(Target.from_quote(old, "(b)"), Target.from_quote(new, "(2)"))
    anchors = anchor_annotation(Annotation("urn:x", change), {"2011": old, "2015": new})
    assert [a.method for a in anchors] == [AnchorMethod.POSITION, AnchorMethod.POSITION]
    with pytest.raises(KeyError):
        anchor_annotation(Annotation("urn:x", change), {"2011": old})


def test_old_position_past_the_end_of_a_shorter_text_is_no_trouble() -> None:
    quote = "to interfere in the internal affairs of other States"
    far = Target("v", TextQuoteSelector(quote, "technologies "), TextPositionSelector(9000, 9052))
    short = "Not to use technologies to interfere in the internal affairs of any other States.\n"
    result = anchor(far, short)
    assert result.method is AnchorMethod.FUZZY
    assert found(result.span, short) == "to interfere in the internal affairs of any other States"
