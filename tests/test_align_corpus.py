"""Alignment on real version pairs: the cases of issue 13, as a reader would check them.

The excerpts in ``tests/fixtures/pga`` come from the Platform Governance Archive
(PGA v2), ZeMKI, University of Bremen, ODC-By (see the README there).
"""

from pathlib import Path

import pytest

from variorum.compare import compare
from variorum.comparison import Comparison, Row, RowKind
from variorum.ingest import load

PGA = Path(__file__).parent / "fixtures" / "pga"
MOVED = {RowKind.MOVED_FROM, RowKind.MOVED_TO}


def pga(name: str) -> Comparison:
    """The comparison of one excerpt pair."""
    return compare(load(PGA / f"{name}.old.md"), load(PGA / f"{name}.new.md"))


def row_with(comparison: Comparison, old_start: str) -> Row:
    """The row whose old text starts with ``old_start`` (there must be one; a move's
    arriving end, which holds the same old span, is not counted)."""
    rows = [
        r
        for r in comparison.rows
        if r.kind is not RowKind.MOVED_TO and r.old.of(comparison.old.text).startswith(old_start)
    ]
    assert len(rows) == 1, [r.kind for r in rows]
    return rows[0]


def test_near_identical_clauses_edited_in_place_are_not_crossing_moves(written) -> None:
    comparison = pga("twitch-terms")  # two "For residents of the Republic of Korea" clauses
    assert not [row for row in comparison.rows if row.kind in MOVED]
    first = row_with(comparison, "For Residents of the Republic of Korea")
    assert first.kind is RowKind.CHANGED
    assert written(comparison).count("<del>Residents</del><ins>residents</ins>") == 1
    second = row_with(comparison, "For residents of the Republic of Korea, except")
    assert second.kind is RowKind.CHANGED
    assert comparison.new.text[second.new.start :].startswith(
        "For residents of the Republic of Korea and for residents of the European Union"
    )


def test_a_list_item_sharing_nothing_is_not_paired_as_changed() -> None:
    comparison = pga("facebook-guidelines")  # similarity 0.0, once shown as changed
    old_text, new_text = comparison.old.text, comparison.new.text
    for row in comparison.rows:
        if "A visible match between the person" in row.old.of(old_text):
            assert "Independent sources such as media coverage" not in row.new.of(new_text)
    inserted = [r.new.of(new_text) for r in comparison.rows if r.kind is RowKind.INSERTED]
    assert any(text.startswith("Independent sources such as media coverage") for text in inserted)


def test_short_headings_sharing_one_word_are_not_paired() -> None:
    comparison = pga("linkedin-terms")  # two different agreements
    elevate = row_with(comparison, "6. ELEVATE SERVICE")
    assert elevate.kind is RowKind.DELETED
    assert not [row for row in comparison.rows if row.kind is RowKind.CHANGED]


def test_a_heading_cut_from_its_paragraph_is_a_split() -> None:
    comparison = pga("reddit-guidelines")
    heading = row_with(comparison, "What do I do if someone talks about seriously hurting")
    assert heading.kind is RowKind.SPLIT
    assert len(heading.new_blocks) == 2
    stray = row_with(comparison, "**")  # a line of markup only: deleted, not paired
    assert stray.kind is RowKind.DELETED


def test_a_paragraph_moved_and_edited_is_one_move() -> None:
    comparison = pga("whatsapp-privacy")  # similarity 0.73, and its neighbour 0.6
    left = row_with(comparison, "We offer end-to-end encryption for our Services.")
    assert left.kind is RowKind.MOVED_FROM
    arrived = comparison.rows[left.link]
    assert arrived.kind is RowKind.MOVED_TO
    assert arrived.new.of(comparison.new.text).startswith("Your Messages, Media within Messages")
    # the paragraphs it crossed are edited where they stand, neither moved (71 words
    # shown moved when the closest pair was taken first) nor deleted and inserted
    for old_start, new_start in [
        ("Your Messages. We do not retain", "Typically your messages are stored"),
        ("Undelivered Messages. If a message cannot be delivered", "If a message cannot be"),
        ("Media Forwarding. When a user forwards media", "When a user sends media"),
    ]:
        row = row_with(comparison, old_start)
        assert row.kind is RowKind.CHANGED
        assert row.new.of(comparison.new.text).startswith(new_start)


def test_a_trimmed_paragraph_merged_into_the_next_is_one_merged_row(written) -> None:
    comparison = pga("youtube-guidelines")
    merged = row_with(comparison, "If this is your first time violating")
    assert merged.kind is RowKind.MERGED
    assert "If you get 3 strikes within 90 days" in merged.old.of(comparison.old.text)
    assert [row.kind for row in comparison.rows].count(RowKind.DELETED) == 0
    assert "<del>Learn</del><ins>You can learn</ins> more about our strikes system" in written(
        comparison
    )


def test_a_paragraph_turned_into_a_list_is_one_split() -> None:
    comparison = pga("twitter-guidelines")
    split = row_with(comparison, "We may make limited exceptions for groups")
    assert split.kind is RowKind.SPLIT
    assert len(split.new_blocks) == 5
    assert {row.kind for row in comparison.rows} == {RowKind.EQUAL, RowKind.SPLIT}


def test_one_paragraph_moved_up_is_one_move_not_three_moved_down() -> None:
    # Taking the best-scoring pair first kept "Local storage" (the closest pair) in
    # place and sent the three paragraphs it crossed to moves, 126 words shown moved
    comparison = pga("tiktok-trackers")
    moved_away = [row for row in comparison.rows if row.kind is RowKind.MOVED_FROM]
    assert len(moved_away) == 1
    assert moved_away[0].old.of(comparison.old.text).startswith("Local storage:")
    for old_start in ("Software Development Kits (SDKs)", "Pixels:", "When you open a website"):
        assert row_with(comparison, old_start).kind is RowKind.CHANGED


def test_of_two_blocks_with_the_same_words_the_closer_text_is_paired() -> None:
    # A heading that lost its underline, and a new link to its anchor with the same
    # words (X/Developer Terms.md e9fcbdf..7dc6546): the heading is the one kept
    old = "Intro paragraph with words enough.\n\nAutomation, spam, and auto-responses\n"
    new = (
        "Intro paragraph with words enough.\n\n[\u200b](#automation-spam-and-auto-responses)"
        "\n\nAutomation, spam, and auto-responses!\n"
    )
    comparison = compare(old, new)
    heading = row_with(comparison, "Automation, spam")
    assert heading.kind is RowKind.CHANGED
    assert heading.new.of(comparison.new.text).startswith("Automation, spam")


def test_footnote_numbers_do_not_anchor_a_crossing_alignment(written) -> None:
    # The shape of Instagram/Privacy Policy.md 5dc4143..e805a6d: sections repeated in
    # an appendix of numbered notes; one section deleted renumbers the notes, and the
    # numbers, unique on each side, must not pair one section with another.
    sections = {
        "mechanisms": "Mechanisms we use for global data transfers\n\nWe use appropriate "
        "mechanisms for international data transfers.",
        "products": "What Products does this policy cover?\n\nThis policy describes the "
        "information we, Meta Platforms Ireland Limited, process to provide Meta Products.",
        "supplemental": "Supplemental policies\n\nSome of our Products also have a "
        "supplemental privacy policy that adds to the information provided in this policy.",
    }
    body = ["mechanisms", "products", "supplemental"]
    old = [sections[name] for name in body]
    old += [f"{n}\n\n{sections[name]}" for n, name in enumerate(body, 1)]
    new = [sections[name] for name in body[1:]]
    new += [f"{n}\n\n{sections[name]}" for n, name in enumerate(body[1:], 1)]
    comparison = compare("\n\n".join(old) + "\n", "\n\n".join(new) + "\n")
    assert not [row for row in comparison.rows if row.kind in MOVED]
    for row in comparison.rows:
        if row.kind is RowKind.CHANGED:  # only a note number may change in place
            assert row.old.of(comparison.old.text).strip().isdigit(), written(comparison)


@pytest.mark.parametrize(
    ("deleted", "inserted"),
    [("search for, acquire and disseminate", "seek, receive and impart")],
)
def test_a_provision_rewritten_around_its_old_words_is_one_edited_row(
    icoc, written, deleted: str, inserted: str
) -> None:
    row = row_with(icoc, "(f) To fully respect rights and freedom in the information space")
    assert row.kind is RowKind.CHANGED
    assert icoc.new.label_text(icoc.new.blocks[row.new_blocks.start]) == "(7)"
    one_row = written(Comparison(icoc.old, icoc.new, (row,), icoc.options, ()))
    assert f"<del>{deleted}</del><ins>{inserted}</ins>" in one_row
