"""Carrying annotations through a Comparison: intact, changed, moved, deleted, orphaned."""

from __future__ import annotations

import pytest

from variorum.annotations.carry import CarryStatus, carry
from variorum.annotations.model import (
    Annotation,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from variorum.annotations.offset_map import OffsetMap
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.document import Span
from variorum.ingest import parse_text


def pair(old: str, new: str) -> Comparison:
    return compare(parse_text(old, version="A"), parse_text(new, version="B"))


def carried_one(comparison: Comparison, quote: str) -> tuple[str, str, str]:
    note = Annotation("urn:x", Target.from_quote(comparison.old, quote))
    (result,) = carry([note], comparison)
    return result.status.value, result.old_text, result.new_text


UNDERMINE = "undermine the right of the countries that have accepted the code of conduct"
PREMISE = "on the premise of complying with relevant national laws and regulations"


@pytest.mark.parametrize(
    ("quote", "status", "now"),
    [
        ("Tajikistan and Uzbekistan", "intact", "Tajikistan and Uzbekistan"),
        ("(b) Not to use", "changed", "(2) Not to use"),
        ("hostile activities", "changed", "activities"),
        ("acts of aggression", "changed", "which run counter to the task of maintaining"),
        (UNDERMINE, "changed", "undermine States’ right"),
        ("proliferate information weapons", "deleted", ""),
        # (f) is now paired with (7), so its qualifier, the whole of what (7) rewrote, is
        # carried to what replaced it
        (PREMISE, "changed", "taking into account the fact that the International Covenant"),
    ],
)
def test_code_of_conduct_passages_follow_into_2015(
    icoc: Comparison, quote: str, status: str, now: str
) -> None:
    carried_status, before, after = carried_one(icoc, quote)
    assert (carried_status, before) == (status, quote)
    assert after.startswith(now) and (after == now or status == "changed")


def test_intact_passage_maps_to_the_same_words_at_new_offsets(icoc: Comparison) -> None:
    note = Annotation("urn:x", Target.from_quote(icoc.old, "Tajikistan and Uzbekistan"))
    (result,) = carry([note], icoc)
    assert result.new is not None and result.new != result.old
    assert result.new.of(icoc.new.text) == "Tajikistan and Uzbekistan"
    assert result.target_in(icoc.new) == Target.from_span(icoc.new, result.new)


def test_moved_paragraph_is_reported_moved_with_its_rows() -> None:
    old = "Alpha one two three.\n\nBeta four five six seven eight.\n\nGamma nine ten.\n\nDelta.\n"
    new = "Alpha one two three.\n\nGamma nine ten.\n\nDelta.\n\nBeta four five six seven eight.\n"
    comparison = pair(old, new)
    note = Annotation("urn:x", Target.from_quote(comparison.old, "five six seven"))
    (result,) = carry([note], comparison)
    assert result.status is CarryStatus.MOVED and not result.wording_changed
    assert result.new is not None and result.new.of(new) == "five six seven"
    moved = [row.index for row in comparison.rows if row.kind.value.startswith("moved")]
    assert set(moved) <= set(result.rows)


def test_moved_and_edited_paragraph_is_moved_with_both_wordings() -> None:
    old = "Alpha one two three.\n\nBeta four five six seven eight nine.\n\nGamma ten.\n\nDelta.\n"
    new = "Alpha one two three.\n\nGamma ten.\n\nDelta.\n\nBeta four five SIX seven eight nine.\n"
    comparison = pair(old, new)
    status, before, after = carried_one(comparison, "five six seven")
    assert (status, before, after) == ("moved", "five six seven", "five SIX seven")


def test_deleted_passage_points_where_it_stood() -> None:
    comparison = pair("Keep this. Drop these words. Keep that.", "Keep this. Keep that.")
    note = Annotation("urn:x", Target.from_quote(comparison.old, "Drop these words."))
    (result,) = carry([note], comparison)
    assert result.status is CarryStatus.DELETED and result.new is not None
    assert len(result.new) == 0 and result.target_in(comparison.new) is None
    assert comparison.new.text[: result.new.start].startswith("Keep this.")


def test_text_inserted_inside_a_passage_changes_it() -> None:
    comparison = pair("States shall cooperate fully.", "States shall not cooperate fully.")
    assert carried_one(comparison, "shall cooperate") == (
        "changed",
        "shall cooperate",
        "shall not cooperate",
    )


def test_text_inserted_next_to_a_passage_leaves_it_intact() -> None:
    comparison = pair("States shall cooperate fully.", "All States shall cooperate very fully.")
    assert carried_one(comparison, "shall cooperate")[0] == "intact"


def test_passage_that_no_longer_anchors_on_the_old_version_is_orphaned(icoc: Comparison) -> None:
    lost = Target("2011", TextQuoteSelector("words that never were in the text"), None)
    (result,) = carry([Annotation("urn:x", lost)], icoc)
    assert result.status is CarryStatus.ORPHANED and result.new is None


def test_only_passages_of_the_old_version_are_carried(icoc: Comparison) -> None:
    on_new = Annotation("urn:new", Target.from_quote(icoc.new, "article 19"))
    side = Target("2011", TextQuoteSelector("(b)"), TextPositionSelector(0, 3))
    change = Annotation("urn:change", ChangeTarget(side, Target.from_quote(icoc.new, "(2)")))
    assert carry([on_new, change], icoc) == []


def test_offset_map_of_an_empty_span_follows_its_point() -> None:
    comparison = pair("One two three.", "Zero one two three.")
    assert OffsetMap(comparison).wording(Span(4, 4)) == Span(9, 9)


def test_offset_map_of_a_point_at_the_end_maps_to_the_new_end() -> None:
    comparison = pair("One two.", "Zero one two.")
    end = len(comparison.old.text)
    new_end = len(comparison.new.text)
    assert OffsetMap(comparison).wording(Span(end, end)) == Span(new_end, new_end)


KEPT = "withdraw consent at any time from the settings page"
OLD_POLICY = (
    "Alpha opening paragraph stays the same here.\n\n"
    f"Users may {KEPT}. Other words follow in this paragraph about cookies and storage,"
    " retention periods, advertising partners and the other matters it covers.\n\n"
    "A second removed paragraph about billing and refunds entirely.\n\n"
    "Omega closing paragraph stays the same too.\n"
)
NEW_POLICY = (
    "Alpha opening paragraph stays the same here.\n\n"
    "We rewrote this completely with new wording about data rights, and users may"
    f" {KEPT}. Plus more brand new sentences.\n\n"
    "Omega closing paragraph stays the same too.\n"
)


def test_words_of_a_deleted_paragraph_found_in_an_inserted_one_are_moved() -> None:
    comparison = pair(OLD_POLICY, NEW_POLICY)
    assert [row.kind.value for row in comparison.rows] == [
        "equal", "deleted", "deleted", "inserted", "equal",
    ]  # fmt: skip
    note = Annotation("urn:x", Target.from_quote(comparison.old, KEPT))
    (result,) = carry([note], comparison)
    assert result.status is CarryStatus.MOVED and not result.wording_changed
    assert result.new is not None and result.new.of(comparison.new.text) == KEPT
    assert result.rows == (1, 3)


def test_words_of_a_deleted_paragraph_found_only_in_kept_text_stay_deleted() -> None:
    old = OLD_POLICY.replace("stays the same here.", f"stays the same here, {KEPT}.")
    new = NEW_POLICY.replace("stays the same here.", f"stays the same here, {KEPT}.").replace(
        f"users may {KEPT}", "users may object"
    )
    comparison = pair(old, new)
    note = Annotation("urn:x", Target.from_quote(comparison.old, KEPT, occurrence=2))
    (result,) = carry([note], comparison)
    assert result.status is CarryStatus.DELETED
