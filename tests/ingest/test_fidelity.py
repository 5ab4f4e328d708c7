"""PDF and Word renderings of the example read back as the plain texts they render,
and comparing across formats shows only the real changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from variorum.compare import compare
from variorum.comparison import Comparison, OpKind
from variorum.document import Document
from variorum.ingest import load, parse_text

MAX_CHANGED_SHARE = 0.005
"""At most this share of the plain text's tokens may differ after a round trip."""


def changed_share(expected: Document, found: Document) -> float:
    """The share of ``expected``'s tokens that a comparison with ``found`` marks as changed."""
    comparison = compare(expected, found)
    changed = 0
    for row in comparison.rows:
        for op in row.ops:
            if op.kind is not OpKind.EQUAL:
                changed += max(len(expected.tokens(op.old)), len(found.tokens(op.new)))
    return changed / len(expected.tokens())


def changes(comparison: Comparison) -> list[tuple[str, str, str]]:
    """Every change of a comparison as (kind, old text, new text)."""
    old, new = comparison.old.text, comparison.new.text
    return [
        (op.kind.value, op.old.of(old), op.new.of(new))
        for row in comparison.rows
        for op in row.ops
        if op.kind is not OpKind.EQUAL
    ]


@pytest.mark.parametrize("name", ["2011.pdf", "2015.pdf", "2011.docx", "2015.docx"])
def test_renderings_read_back_as_the_plain_text(
    name: str, plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    expected = parse_text(plain[name[:4]])
    found = load(renderings[name])
    assert found.format == name.split(".")[1]
    assert changed_share(expected, found) <= MAX_CHANGED_SHARE
    assert found.text == expected.text


@pytest.mark.parametrize("name", ["2011.pdf", "2015.docx"])
def test_renderings_keep_the_numbering_labels(
    name: str, plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    expected = parse_text(plain[name[:4]])
    found = load(renderings[name])
    assert [found.label_text(b) for b in found.blocks] == [
        expected.label_text(b) for b in expected.blocks
    ]


def test_pdf_of_one_version_against_word_of_the_next_shows_the_real_changes(
    plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    reference = compare(parse_text(plain["2011"]), parse_text(plain["2015"]))
    across = compare(load(renderings["2011.pdf"]), load(renderings["2015.docx"]))
    assert changes(across) == changes(reference)
    assert [row.kind for row in across.rows] == [row.kind for row in reference.rows]
