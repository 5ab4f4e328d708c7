"""A block that moved and was edited: the text that only moved is marked as moved, the
words its edit added or removed as insertions and deletions where it arrived, in every
format; where it left, the old text as moved away and never a new word.

The LinkedIn excerpt (``fixtures/linkedin-tos-*.md``) is from the Platform Governance
Archive (PGA v2), ZeMKI, University of Bremen, ODC-By: ``LinkedIn/Terms of Service.md``
at 2e660ae and 1f64470, the rows around the moved "Affiliates" definition (c-13 of the
whole pair).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import variorum
from marking import (
    ADDED,
    DEFINITION,
    MARKED_FORMATS,
    MINIMAL_NEW,
    MINIMAL_OLD,
    expected_marks,
    marked,
)
from variorum.comparison import Comparison, RowKind, Stats
from variorum.render import render
from variorum.render.html import redline

FIXTURES = Path(__file__).parent / "fixtures"


def definition_moved_to_the_top() -> Comparison:
    """The minimal case: a definition moved from the end to the top, with words added
    before its full stop."""
    return variorum.compare(MINIMAL_OLD, MINIMAL_NEW)


def linkedin_affiliates() -> Comparison:
    """The real case: LinkedIn's "Affiliates" definition moved up into the key terms and
    given ``Affiliates.`` before it and `` or any of its subsidiaries (e.g., Github,
    Inc.)`` before its full stop."""
    return variorum.compare(
        variorum.load(FIXTURES / "linkedin-tos-2e660ae.md"),
        variorum.load(FIXTURES / "linkedin-tos-1f64470.md"),
    )


CASES = {
    "minimal": (definition_moved_to_the_top, ["or any of its subsidiaries (e.g., Github, Inc.)"]),
    "linkedin": (
        linkedin_affiliates,
        ["Affiliates.", "or any of its subsidiaries (e.g., Github, Inc.)"],
    ),
}


def moved_pair(comparison: Comparison) -> tuple[int, int]:
    """The rows (where it left, where it arrived) of the one moved block."""
    (moved_from,) = [row for row in comparison.rows if row.kind is RowKind.MOVED_FROM]
    assert moved_from.link is not None
    return moved_from.index, moved_from.link


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("format", MARKED_FORMATS)
def test_added_words_are_insertions_where_the_block_arrived_never_moved_text(
    case: str, format: str
) -> None:
    make, added = CASES[case]
    comparison = make()
    _, here = moved_pair(comparison)
    marks = marked(comparison, format)
    assert marks == expected_marks(comparison)
    for words in added:
        assert squeeze(words) in marks[here]["insert"]
        assert squeeze(words) not in marks[here]["moved"]
    assert (
        squeeze("Affiliates are companies controlling" if case == "linkedin" else DEFINITION)
        in (marks[here]["moved"])
    )


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("format", MARKED_FORMATS)
def test_the_old_position_shows_the_old_text_moved_away_and_no_new_word(
    case: str, format: str
) -> None:
    comparison = CASES[case][0]()
    away, _ = moved_pair(comparison)
    marks = marked(comparison, format)
    assert marks[away] == {
        "moved": squeeze(comparison.rows[away].old.of(comparison.old.text)),
        "insert": "",
        "delete": "",
    }
    assert not any(squeeze("subsidiaries") in text for text in marks[away].values())


def test_html_marks_moved_text_and_the_edit_apart() -> None:
    html = redline(definition_moved_to_the_top())
    here = re.search(r'<p id="c-1" [^>]*>(.*?)</p>', html)
    assert here is not None
    assert '<a class="vr-move-link" href="#c-4">moved from ↓</a>' in here.group(1)
    assert f'<ins class="vr-edit" {_offsets(here.group(1), ADDED)}>{ADDED}.</ins>' in here.group(1)
    assert '<ins class="vr-moved"' in here.group(1) and "vr-edit vr-moved" not in html
    away = re.search(r'<p id="c-4" [^>]*>(.*?)</p>', html)
    assert away is not None
    assert away.group(1).startswith(
        '<a class="vr-move-link" href="#c-1">moved to ↑ and edited there</a> <del class="vr-moved"'
    )
    assert "<ins" not in away.group(1)


def _offsets(html: str, text: str) -> str:
    found = re.search(r'<ins class="vr-edit" (data-o="\d+" data-n="\d+")>' + re.escape(text), html)
    assert found is not None
    return found.group(1)


def test_the_page_tells_moved_text_from_edits_to_eyes_and_screen_readers() -> None:
    page = render(definition_moved_to_the_top(), "html")
    assert 'ins.vr-moved::before { content: " [moved here: "; }' in page
    assert 'del.vr-moved::before { content: " [moved away: "; }' in page
    legend = re.search(r'<p class="vr-legend"[^>]*>(.*?)</p>', page, re.DOTALL)
    assert legend is not None
    assert '<del class="vr-moved">moved away</del>' in legend.group(1)
    assert '<ins class="vr-moved">moved here</ins>' in legend.group(1)


def test_markdown_highlights_moved_text_with_where_it_went_and_came_from() -> None:
    markdown = render(definition_moved_to_the_top(), "markdown")
    here, away = markdown.split("\n\n")[2], markdown.split("\n\n")[-1].strip()
    assert here == (f"{{=={DEFINITION}==}}{{>>moved from c-4<<}}{{~~.~>{ADDED}.~~}}")
    assert away == f"{{=={DEFINITION}.==}}{{>>moved to c-1, edited there<<}}"


def test_terminal_without_colour_has_markers_of_its_own_for_moved_text() -> None:
    text = render(definition_moved_to_the_top(), "terminal", color=False)
    assert "@@ c-1 moved here (from c-4) · +8 −0 ↕32 words\n" in text
    assert f"{{={DEFINITION}=}}[-.-]{{+{ADDED}.+}}\n" in text
    assert "@@ c-4 moved away (to c-1, edited there) · ↕32 words\n" in text
    assert f"[={DEFINITION}.=]\n" in text


def test_colour_strikes_moved_text_where_it_stood_not_where_it_arrived() -> None:
    # the same hue at both ends read, where it stood, as text still in place
    text = render(definition_moved_to_the_top(), "terminal", color=True)
    codes = re.findall(r"\x1b\[([\d;]+)m" + re.escape(DEFINITION[:30]), text)
    arrived, stood = (set(found.split(";")) for found in codes)  # c-1, then c-4
    assert "35" in arrived and "9" not in arrived  # magenta, not struck: moved here
    assert {"35", "9"} <= stood  # magenta and struck: moved away


def test_a_move_counts_once_where_it_arrived_and_its_edit_as_insertions() -> None:
    comparison = definition_moved_to_the_top()
    away, here = moved_pair(comparison)
    edit = len(ADDED.split())
    assert comparison.rows[here].stats == Stats(edit, 0, 32)
    stats = comparison.stats
    assert (stats.words_inserted, stats.words_deleted, stats.words_moved) == (edit, 0, 32)
    assert comparison.rows[away].stats.words_moved == 32
    assert "8 words inserted, 0 deleted, 32 moved" in render(comparison, "terminal")
    stat = render(comparison, "stat").splitlines()
    assert stat[1].split()[:6] == ["c-1", "moved", "here", "8", "0", "32"]
    assert stat[2].split()[:6] == ["c-4", "moved", "away", "·", "·", "32"]


def test_a_block_that_only_moved_has_no_edit_marks() -> None:
    paragraphs = [f"Paragraph number {n} says something different here." for n in range(4)]
    comparison = variorum.compare(
        "\n\n".join(paragraphs), "\n\n".join(paragraphs[i] for i in [0, 2, 3, 1])
    )
    for format in MARKED_FORMATS:
        for marks in marked(comparison, format).values():
            assert marks["insert"] == marks["delete"] == ""
            assert marks["moved"] == squeeze(paragraphs[1])
    html = redline(comparison)
    assert "and edited there" not in html
    assert "edited there" not in render(comparison, "markdown")
