"""The chart of a long document: past 80 changed provisions its bars are the
document's own sections, named after their headings, with counts in correct English."""

from __future__ import annotations

import re

from variorum.compare import compare
from variorum.ingest.markdown import parse_markdown
from variorum.publish.chart import MAX_BARS, chart_bars, chart_svg


def document(chapters: int, sections: int, edited: bool) -> str:
    """Chapters of sections of two paragraphs each; ``edited`` adds a word to each."""
    extra = " indeed" if edited else ""
    parts = []
    for chapter in range(1, chapters + 1):
        parts.append(f"# Chapter {chapter}")
        for section in range(1, sections + 1):
            parts.append(f"## Section {chapter}.{section}")
            parts.append(f"The first rule of section {chapter}.{section} applies{extra}.")
            parts.append(f"The second rule of section {chapter}.{section} holds{extra}.")
    return "\n\n".join(parts) + "\n"


def bars_of(chapters: int, sections: int) -> list[str]:
    old = parse_markdown(document(chapters, sections, False))
    new = parse_markdown(document(chapters, sections, True))
    return [bar.name for bar in chart_bars(compare(old, new))]


def test_sections_under_their_own_headings_when_they_fit() -> None:
    names = bars_of(4, 15)  # 120 changed paragraphs, 60 sections
    assert len(names) == 60
    assert names[:2] == ["Section 1.1 (2 provisions)", "Section 1.2 (2 provisions)"]


def test_chapters_when_the_sections_are_too_many() -> None:
    names = bars_of(10, 10)  # 200 changed paragraphs, 100 sections, 10 chapters
    assert names == [f"Chapter {n} (20 provisions)" for n in range(1, 11)]


def test_runs_of_chapters_named_by_their_first_and_last() -> None:
    names = bars_of(120, 1)  # 240 changed paragraphs under 120 chapters
    assert len(names) <= MAX_BARS
    assert names[0] == "Chapter 1 – Chapter 2 (4 provisions)"
    assert all(re.fullmatch(r"Chapter \d+ – Chapter \d+ \(4 provisions\)", n) for n in names)


def test_counts_are_in_the_singular_for_one() -> None:
    old = parse_markdown("The rule applies.\n\nKeep this.\n")
    new = parse_markdown("The rule applies now.\n\nKeep this.\n")
    svg = chart_svg(chart_bars(compare(old, new)), "chart")
    assert "1 word inserted" in svg
    assert "1 words" not in svg


def test_provisions_of_the_same_words_are_named_after_their_headings() -> None:
    part = "Distr: General, the same opening words{}.\n\nKeep this."
    old = "\n\n".join(f"# Part {n}\n\n" + part.format("") for n in (1, 2, 3))
    new = "\n\n".join(f"# Part {n}\n\n" + part.format(" again") for n in (1, 2, 3))
    names = [bar.name for bar in chart_bars(compare(parse_markdown(old), parse_markdown(new)))]
    assert names == [f"Part {n} › Distr: General, the same opening words again." for n in (1, 2, 3)]
