"""PDF and Word renderings of the example read back as the plain texts they render,
and comparing across formats shows only the real changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from round_trip import MAX_CHANGED_SHARE, changed_share

from variorum.compare import compare
from variorum.comparison import Comparison, OpKind
from variorum.document import BlockKind
from variorum.ingest import load, parse_text


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


TITLE = (
    "Developments in the field of information and telecommunications "
    "in the context of international security"
)
CLAUSES = [
    "Each State voluntarily subscribing to the code pledges:",
    "(a) To comply with the Charter of the United Nations and universally recognized norms "
    "governing international relations that enshrine, inter alia, respect for the "
    "sovereignty, territorial integrity and political independence of all States;",
    "(b) Not to use information and communications technologies, including networks, to "
    "carry out hostile activities or acts of aggression, pose threats to international "
    "peace and security or proliferate information weapons or related technologies.",
]


def _pdf_of_the_clauses() -> bytes:
    """The title in 16 points, wrapped onto two lines, then the clauses in 11."""
    import io

    from renderings import FONT, LEFT, RIGHT, TOP, wrap
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    y = TOP
    for text, size, leading in [(TITLE, 16.0, 19.0)] + [(c, 11.0, 13.5) for c in CLAUSES]:
        canvas.setFont(FONT, size)
        for line in wrap(text, RIGHT - LEFT, size):
            canvas.drawString(LEFT, y, line)
            y -= leading
        y -= 8.0
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _docx_of_the_clauses() -> bytes:
    import io

    from docx import Document as new_document

    word = new_document()
    word.add_heading(TITLE, level=1)
    for clause in CLAUSES:
        word.add_paragraph(clause)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_one_text_as_pdf_word_html_and_markdown_compares_as_equal(tmp_path: Path) -> None:
    """Same words, four formats, a heading that wraps in the PDF: no change anywhere."""
    files = {
        "clauses.md": f"# {TITLE}\n\n" + "\n\n".join(CLAUSES) + "\n",
        "clauses.html": f"<html><body><main><h1>{TITLE}</h1>"
        + "".join(f"<p>{clause}</p>" for clause in CLAUSES) + "</main></body></html>",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "clauses.pdf").write_bytes(_pdf_of_the_clauses())
    (tmp_path / "clauses.docx").write_bytes(_docx_of_the_clauses())
    markdown = load(tmp_path / "clauses.md")
    for name in ("clauses.html", "clauses.pdf", "clauses.docx"):
        other = load(tmp_path / name)
        assert changes(compare(markdown, other)) == [], name
        assert len(other.blocks) == len(markdown.blocks), name
        assert other.blocks[0].kind is BlockKind.HEADING, name
