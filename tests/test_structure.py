"""A block whose kind or nesting changed is a change, even where its words did not.

A careful reader of these Markdown pairs sees the meaning change: a permission demoted
under a prohibition's heading, a list item leaving the list it qualified, a paragraph
turned into a quotation. Variorum used to call each pair identical.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import variorum
from commands import run_cli
from variorum.comparison import Comparison, RowKind
from variorum.ingest.markdown import parse_markdown
from variorum.render import render

SHARED = "## Prohibited\n\nSelling data.\n\n"


def compare_markdown(old: str, new: str) -> Comparison:
    return variorum.compare(parse_markdown(old), parse_markdown(new))


def notes(comparison: Comparison) -> list[str]:
    """The terminal redline's notes, in order."""
    lines = render(comparison, "terminal", color=False).splitlines()
    return [line.strip().removeprefix("↪ ") for line in lines if line.strip().startswith("↪")]


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        (
            SHARED + "## Allowed\n\nSharing data.\n",
            SHARED + "### Allowed\n\nSharing data.\n",
            "“Allowed”: heading level 2 → 3",
        ),
        (
            "- You may not:\n  - sell data\n  - share data\n- You may: use it\n",
            "- You may not:\n  - sell data\n- share data\n- You may: use it\n",
            "“share data”: list item nested less deeply",
        ),
        (
            SHARED + "Members may leave at any time.\n",
            SHARED + "> Members may leave at any time.\n",
            "“Members may leave at any time.”: paragraph → quotation",
        ),
        (
            SHARED + "Section Two\n\nText.\n",
            SHARED + "## Section Two\n\nText.\n",
            "“Section Two”: paragraph → heading level 2",
        ),
    ],
)
def test_a_block_whose_kind_or_nesting_changed_is_reported(old: str, new: str, note: str) -> None:
    comparison = compare_markdown(old, new)
    assert comparison.has_changes
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
    assert notes(comparison) == [note]
    (change,) = comparison.structure_changes
    row = comparison.rows[change.row]
    assert row.kind is RowKind.EQUAL and len(row.new_blocks) == 1  # the block alone, not its run
    assert [r.index for r in comparison.changes()] == [change.row]
    assert f"{{>>{note}<<}}" in render(comparison, "markdown")
    assert f'<small class="vr-note">{note}</small>' in render(comparison, "html")
    shapes = json.loads(render(comparison, "json"))["structure_changes"]
    assert shapes == [
        {
            "row": f"c-{change.row}",
            "old": {"block": change.old_block, **_shape(comparison.old, change.old_block)},
            "new": {"block": change.new_block, **_shape(comparison.new, change.new_block)},
        }
    ]


def _shape(doc: variorum.Document, index: int) -> dict[str, object]:
    block = doc.blocks[index]
    return {"kind": block.kind.value, "level": block.level}


def test_unchanged_structure_is_no_change() -> None:
    text = SHARED + "- You may not:\n  - sell data\n- You may: use it\n\n> A quotation.\n"
    comparison = compare_markdown(text, text)
    assert not comparison.has_changes
    assert comparison.structure_changes == ()
    assert len(comparison.rows) == 1  # one equal run


def test_a_structure_change_beside_a_word_change_is_noted_once() -> None:
    comparison = compare_markdown(SHARED + "## Allowed uses\n", SHARED + "# Allowed use\n")
    assert [row.kind for row in comparison.changes()] == [RowKind.CHANGED]
    assert notes(comparison) == ["“Allowed use”: heading level 2 → 1"]


def test_plain_text_nesting_is_whitespace_a_headings_level_is_not() -> None:
    old, new = "Rules:\n\n1. Be kind.\n\n  a. Always.\n", "Rules:\n\n1. Be kind.\n\na. Always.\n"
    assert notes(variorum.compare(old, new)) == ["“Always.”: list item nested less deeply"]
    assert not variorum.compare(old, new, ignore_whitespace=True).has_changes
    demoted = variorum.compare(
        parse_markdown(SHARED + "## Allowed\n"),
        parse_markdown(SHARED + "### Allowed\n"),
        ignore_whitespace=True,
    )
    assert notes(demoted) == ["“Allowed”: heading level 2 → 3"]


def test_a_numbering_that_appeared_is_shown_in_the_words_not_as_structure() -> None:
    comparison = variorum.compare("Be kind.\n", "1. Be kind.\n")
    assert comparison.structure_changes == ()
    assert comparison.has_changes


def test_the_command_line_exits_1_on_a_structure_change(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(SHARED + "## Allowed\n", encoding="utf-8")
    (tmp_path / "new.md").write_text(SHARED + "### Allowed\n", encoding="utf-8")
    result = run_cli("compare", "--no-color", str(tmp_path / "old.md"), str(tmp_path / "new.md"))
    assert result.returncode == 1
    assert "“Allowed”: heading level 2 → 3" in result.stdout
    assert "1 blocks changed kind or level" in result.stdout


def test_a_note_stands_after_its_block_and_the_run_keeps_its_blocks_kinds() -> None:
    # a link target changed in the second block of an unchanged run: the heading above
    # stays a heading and the paragraph below a paragraph; the note follows its block
    old = "## Help\n\nSee [the help](https://x.org/a).\n\nWrite to us.\n"
    comparison = compare_markdown(old, old.replace("/a)", "/b)"))
    note = "link “the help”: https://x.org/a → https://x.org/b"
    html = render(comparison, "html")
    assert '<h3 class="vr-row vr-equal vr-heading vr-level-2"' in html  # not the row's id
    noted = re.search(r'<p id="c-0"[^>]*data-change="link target changed">(.*?)</p>', html)
    assert noted is not None and noted.group(1).endswith(f'<small class="vr-note">{note}</small>')
    assert "See the help." in noted.group(1)
    markdown = render(comparison, "markdown").split("\n\n")
    assert markdown[1:4] == ["## Help", f"See the help.{{>>{note}<<}}", "Write to us.\n"]
    lines = render(comparison, "terminal", color=False).splitlines()
    assert lines[lines.index("See the help.") + 1].strip() == f"↪ {note}"


def test_a_notes_words_cannot_end_its_markdown_comment() -> None:
    # the note quotes the heading; its "<<}" must not close the CriticMarkup comment
    comparison = compare_markdown("## Use *bold* and <<} here\n", "### Use *bold* and <<} here\n")
    markdown = render(comparison, "markdown")
    comments = re.findall(r"\{>>(.*?)<<\}", markdown)
    assert comments == ["“Use bold and \\<\\<} here”: heading level 2 → 3"]
    assert markdown.rstrip().endswith("<<}")  # nothing of the note spills after it
