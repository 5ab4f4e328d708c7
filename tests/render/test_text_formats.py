"""CriticMarkup, terminal and JSON outputs."""

import json
import re
from importlib import resources

import jsonschema
import pyromark

import variorum
from variorum.render import render, stream


def test_criticmarkup_marks_insertions_deletions_and_substitutions() -> None:
    comparison = variorum.compare(
        "Keep this. Drop that.\nOld line", "Keep this. Add more.\nNew line"
    )
    markdown = render(comparison, "markdown")
    assert "{~~Drop that~>Add more~~}" in markdown
    assert "{~~Old~>New~~} line" in markdown


def test_criticmarkup_notes_moves_and_renumbering() -> None:
    paragraphs = [f"Paragraph number {n} says something different here." for n in range(4)]
    moved = variorum.compare("\n".join(paragraphs), "\n".join(paragraphs[i] for i in [0, 2, 3, 1]))
    markdown = render(moved, "markdown")
    assert "{>>moved to c-" in markdown and "{>>moved from c-" in markdown
    assert "{>>renumbered<<}" in render(variorum.compare("(a) Text.", "(1) Text."), "markdown")


def test_criticmarkup_in_the_documents_text_is_not_read_as_a_mark() -> None:
    # a document that quotes CriticMarkup: only the redline's own marks may read as marks
    comparison = variorum.compare(
        "Users get {++free++} storage of 5 GB.\n\nWrite {~~a~>b~~} to suggest.\n",
        "Users get {++free++} storage of 10 GB.\n\nWrite {~~a~>b~~} to suggest.\n",
    )
    markdown = render(comparison, "markdown")
    marks = re.findall(r"\{(\+\+|--|~~|==|>>)(.*?)(\+\+|--|~~|==|<<)\}", markdown)
    assert [text for _, text, _ in marks] == ["5~>10"]
    assert "Users get &#123;++free++&#125; storage" in markdown
    assert "Write &#123;~~a~&gt;b~~&#125; to suggest." in markdown


def test_markdown_syntax_in_the_documents_text_stays_text_when_rendered() -> None:
    # a tag or asterisks of the text must not vanish into formatting, with their change
    comparison = variorum.compare(
        "Use <b>bold</b> for terms.\n\nThe fee is *waived*.\n",
        "Use <i>bold</i> for terms.\n\nThe fee is *not waived*.\n",
    )
    shown = pyromark.html(render(comparison, "markdown"))
    words = re.sub(r"<[^>]+>", "", shown)  # the rendered page's text
    assert "&lt;{~~b~&gt;i~~}&gt;bold&lt;/{~~b~&gt;i~~}&gt;" in words
    assert "*{++not ++}waived*" in words


def test_terminal_without_colour_uses_git_style_markers() -> None:
    text = render(variorum.compare("The quick fox.", "The slow fox."), "terminal", color=False)
    assert "The [-quick-]{+slow+} fox." in text
    assert "\x1b[" not in text
    assert "1 words inserted, 1 deleted, 0 moved" in text


def test_terminal_with_colour_uses_ansi_styles() -> None:
    text = render(variorum.compare("The quick fox.", "The slow fox."), "terminal", color=True)
    assert "\x1b[" in text and "[-" not in text


def test_terminal_folds_long_unchanged_stretches() -> None:
    old = "\n".join(f"Unchanged paragraph number {n}." for n in range(20))
    new = old.replace("number 10.", "number ten.")
    text = render(variorum.compare(old, new), "terminal", color=False, context=1)
    assert "⋯ 9 unchanged blocks ⋯" in text
    assert "⋯ 8 unchanged blocks ⋯" in text


def test_json_is_schema_valid_and_versioned(icoc) -> None:
    data = json.loads(render(icoc, "json"))
    schema_file = resources.files("variorum").joinpath("schema", "comparison.schema.json")
    jsonschema.validate(data, json.loads(schema_file.read_text(encoding="utf-8")))
    assert data["schema_version"] == 1
    old, new = data["old"]["text"], data["new"]["text"]
    rebuilt_old = "".join(
        old[s:e]
        for row in data["rows"]
        if row["kind"] != "moved-to"
        for _, s, e, _, _ in row["ops"]
    )
    assert rebuilt_old == old
    assert data["stats"]["words_inserted"] == icoc.stats.words_inserted
    assert new


def test_json_streams_in_parts_that_join_to_the_whole(icoc) -> None:
    parts = list(stream(icoc, "json"))
    assert len(parts) > 2, "a large comparison is written a part at a time"
    whole = "".join(parts)
    assert whole == render(icoc, "json") and whole.endswith("}\n")
    assert json.loads(whole)["rows"][0]["id"] == "c-0"


def test_stat_lists_changed_rows_and_total(icoc) -> None:
    text = render(icoc, "stat")
    lines = text.splitlines()
    assert lines[0].split()[:5] == ["row", "kind", "+words", "-words", "moved"]
    assert len(lines) == 2 + sum(1 for _ in icoc.changes())
    assert lines[-1].startswith(f"{icoc.stats.words_inserted:,} words inserted")


def test_the_summary_counts_a_moved_block_once_and_every_unchanged_one() -> None:
    paragraphs = [f"Paragraph {name} holds several words of its own here." for name in "ABCDE"]
    moved = paragraphs[1:4] + paragraphs[:1] + paragraphs[4:]
    comparison = variorum.compare("\n\n".join(paragraphs), "\n\n".join(moved))
    assert comparison.block_counts() == (1, 5)
    assert render(comparison, "terminal", color=False).endswith(
        "0 words inserted, 0 deleted, 9 moved; 1 of 5 blocks changed\n"
    )
    edited = [
        *paragraphs[:2],
        "Paragraph C holds several new words of its own here.",
        *paragraphs[3:],
    ]
    assert variorum.compare("\n\n".join(paragraphs), "\n\n".join(edited)).block_counts() == (1, 5)
