"""Annotated passages in the redline: split pieces, note keys, numbered references,
and both wordings of a note on a change."""

from __future__ import annotations

import re

from variorum.annotations.model import (
    Annotation,
    Body,
    ChangeTarget,
    Target,
    TextQuoteSelector,
)
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.examples import example_pair
from variorum.ingest import parse_text
from variorum.ingest.markdown import parse_markdown
from variorum.publish.chart import chart_bars, chart_svg, provisions
from variorum.publish.marks import Marks
from variorum.publish.notes import note_keys, place_notes
from variorum.render.html import redline

OLD = "(a) Not to use information weapons.\n(b) To cooperate.\n"
NEW = "(1) Not to use information and communication technologies.\n(2) To cooperate.\n"


def pair() -> Comparison:
    return compare(parse_text(OLD, version="2011"), parse_text(NEW, version="2015"))


def note(number: int, target: Target | ChangeTarget, text: str = "") -> Annotation:
    return Annotation(f"urn:uuid:{number:08x}-aaaa-4000-8000-000000000000", target, Body(text))


def test_decorating_with_no_notes_changes_nothing() -> None:
    comparison = compare(*example_pair("icoc"))
    plain = redline(comparison)
    assert redline(comparison, decorate=Marks([], ids=True)) == plain
    assert redline(comparison, "old", Marks([])) == redline(comparison, "old")


def test_a_passage_is_split_out_of_its_pieces_and_referenced_at_its_end() -> None:
    c = pair()
    notes = place_notes([note(1, Target.from_quote(c.new, "use information and"))], c)
    html = redline(c, decorate=Marks(notes, ids=True))
    assert html.count('data-a="00000001"') == 3  # two pieces and the reference
    assert (
        '<span class="vr-eq" data-o="11" data-n="11" data-a="00000001">use information </span>'
        in html
    )
    assert (
        '<ins class="vr-edit" data-o="27" data-n="27" data-a="00000001">and</ins>'
        '<a class="vr-ref vr-ref-ins" href="#a-00000001" data-a="00000001" id="a-00000001">'
        '<span class="vr-sr">note </span>1</a>'
    ) in html
    # the rest of the insertion is not annotated
    assert '<ins class="vr-edit" data-o="27" data-n="30"> communication technologies</ins>' in html


def test_overlapping_passages_carry_both_keys_and_are_numbered_in_reading_order() -> None:
    c = pair()
    later = note(1, Target.from_quote(c.new, "To cooperate"))
    first = note(2, Target.from_quote(c.new, "Not to use information"))
    inner = note(3, Target.from_quote(c.new, "use"))
    notes = place_notes([later, first, inner], c)
    assert [(n.key, n.number) for n in notes] == [("00000002", 1), ("00000003", 2), ("00000001", 3)]
    html = redline(c, decorate=Marks(notes))
    assert 'data-a="00000002 00000003">use</span>' in html
    assert "id=" not in "".join(re.findall(r'<a class="vr-ref[^>]*>', html))


def test_a_note_on_a_changed_passage_shows_both_wordings() -> None:
    c = pair()
    [placed] = place_notes([note(1, Target.from_quote(c.old, "information weapons"))], c)
    assert [(w.version, w.text) for w in placed.wordings] == [
        (c.old.version, "information weapons"),
        (c.new.version, "information and communication technologies"),
    ]
    [same] = place_notes([note(2, Target.from_quote(c.new, "To cooperate"))], c)
    assert same.wordings == ()


def test_a_note_on_a_change_marks_both_sides_and_references_the_new_one_inline() -> None:
    c = pair()
    target = ChangeTarget(
        Target.from_quote(c.old, "weapons"), Target.from_quote(c.new, "communication technologies")
    )
    [placed] = place_notes([note(1, target)], c)
    assert sorted(r.side for r in placed.ranges) == ["new", "old"]
    assert [w.text for w in placed.wordings] == ["weapons", "communication technologies"]
    html = redline(c, decorate=Marks([placed], ids=True))
    assert 'class="vr-ref vr-ref-del vr-ref-twin" href="#a-00000001" data-a="00000001">' in html
    assert 'class="vr-ref vr-ref-ins" href="#a-00000001" data-a="00000001" id="a-00000001">' in html


def test_an_annotation_that_cannot_be_found_is_an_orphan_listed_last() -> None:
    c = pair()
    lost = note(9, Target(c.new.version, TextQuoteSelector("nowhere to be found")))
    found = note(1, Target.from_quote(c.new, "cooperate"))
    notes = place_notes([lost, found], c)
    assert [(n.number, n.orphaned) for n in notes] == [(1, False), (2, True)]


def test_keys_are_unique_even_when_ids_share_their_first_characters() -> None:
    ids = [
        "urn:uuid:12345678-0000-0000-0000-000000000001",
        "urn:uuid:12345678-0000-0000-0000-000000000002",
    ]
    c = compare("a", "b")
    annotations = [Annotation(i, Target.from_quote(c.new, "b")) for i in ids]
    keys = note_keys(annotations)
    assert keys[ids[0]] == "12345678"
    assert len(set(keys.values())) == 2
    assert all(re.fullmatch(r"[\w-]+", key) for key in keys.values())


def test_the_chart_has_a_linked_bar_per_changed_provision() -> None:
    c = pair()
    bars = provisions(c)
    svg = chart_svg(bars, "Words changed")
    assert [bar.row for bar in bars] == [row.index for row in c.rows if row.changed]
    for number, bar in enumerate(bars):
        stop = ' tabindex="-1"' if number else ""  # one tab stop: arrow keys move inside
        assert f'<a href="#c-{bar.row}"{stop}><title>{bar.describe()}</title>' in svg
    assert "style=" not in svg
    assert chart_svg([], "nothing") == ""


def test_a_long_document_is_charted_by_section() -> None:
    parts = (
        f"# Part {n}\n\n" + "".join(f"({i}) Old words {n}.{i}.\n\n" for i in range(5))
        for n in range(30)
    )
    old = "".join(parts)
    new = old.replace("Old words", "New words")
    c = compare(parse_markdown(old), parse_markdown(new))
    assert len(provisions(c)) == 150
    bars = chart_bars(c, most=40)
    assert [bar.name for bar in bars[:2]] == ["Part 0 (5 provisions)", "Part 1 (5 provisions)"]
    assert sum(bar.words for bar in bars) == sum(bar.words for bar in provisions(c))
    assert len(chart_bars(c, most=10)) <= 10


def test_notes_on_a_moved_and_edited_block_anchor_on_its_moved_text_and_its_edit() -> None:
    definition = (
        "Affiliates are companies controlling, controlled by or under common control with us, "
        "including LinkedIn Ireland, LinkedIn Corporation and Microsoft Corporation"
    )
    applies = "This Contract applies to Members."
    old = f"Key terms.\n\n{applies}\n\n{definition}.\n"
    new = f"Key terms.\n\n{definition} or any of its subsidiaries.\n\n{applies}\n"
    c = compare(parse_text(old, version="2023"), parse_text(new, version="2024"))
    notes = place_notes(
        [
            note(1, Target.from_quote(c.new, "common control")),
            note(2, Target.from_quote(c.new, "any of its subsidiaries")),
            note(3, Target.from_quote(c.old, "Microsoft Corporation")),
        ],
        c,
    )
    html = redline(c, decorate=Marks(notes, ids=True))
    assert re.search(r'<ins class="vr-moved" [^>]*data-a="00000001">common control</ins>', html)
    assert re.search(
        r'<ins class="vr-edit" [^>]*data-a="00000002">any of its subsidiaries</ins>', html
    )
    # the old wording's note stands on the text where it moved away from
    moved_away = re.search(r'<p id="c-\d+" class="vr-row vr-moved-from.*?</p>', html)
    assert moved_away is not None
    assert re.search(
        r'<del class="vr-moved" [^>]*data-a="00000003">Microsoft Corporation</del>',
        moved_away.group(),
    )
    assert "subsidiaries" not in moved_away.group()
