"""PDF pages set in two columns read column by column; marginal notes and tables do not."""

from __future__ import annotations

import io

import pytest
from renderings import FONT, render_columns
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from test_fidelity import MAX_CHANGED_SHARE, changed_share

from variorum.document import BlockKind
from variorum.ingest import parse_text
from variorum.ingest.pdf import page_lines, parse_pdf
from variorum.ingest.pdf_layout import LEFT_COLUMN, ONE_COLUMN

TITLE = "International code of conduct for information security"
CLOSING = "A closing paragraph, set in one column on a page of its own."


@pytest.mark.parametrize("rows", [False, True], ids=["columns drawn in turn", "rows drawn across"])
def test_two_column_pages_read_back_as_the_plain_text(plain: dict[str, str], rows: bool) -> None:
    data = render_columns(plain["2011"], TITLE, rows=rows, then=CLOSING)
    expected = parse_text(f"{TITLE}\n{plain['2011']}\n{CLOSING}")
    found = parse_pdf(data)
    assert changed_share(expected, found) <= MAX_CHANGED_SHARE
    assert found.text == expected.text


def test_the_title_across_both_columns_stays_first(plain: dict[str, str]) -> None:
    document = parse_pdf(render_columns(plain["2011"], TITLE, rows=True))
    first = document.blocks[0]
    assert first.kind is BlockKind.HEADING
    assert document.body_text(first) == TITLE


def test_a_paragraph_from_the_left_column_into_the_right_one_is_one_block(
    plain: dict[str, str],
) -> None:
    data = render_columns(plain["2011"], TITLE)
    paragraphs = [line.strip() for line in plain["2011"].splitlines() if line.strip()]
    lefts = [[li for li in page.lines if li.column == LEFT_COLUMN] for page in page_lines(data)]
    bottoms = [column[-1] for column in lefts]
    # a paragraph that the rendering breaks between the columns
    straddling = next(
        p for p in paragraphs for b in bottoms if b.text in p and not p.endswith(b.text)
    )
    document = parse_pdf(data)
    assert straddling in document.text.splitlines()


def test_a_page_in_one_column_after_pages_in_two_keeps_its_lines(plain: dict[str, str]) -> None:
    pages = page_lines(render_columns(plain["2011"], TITLE, then=CLOSING))
    assert {line.column for line in pages[0].lines} != {ONE_COLUMN}
    assert {line.column for line in pages[-1].lines} == {ONE_COLUMN}


def _drawn(rows: list[tuple[float, float, str]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setFont(FONT, 11)
    for x, y, text in rows:
        canvas.drawString(x, y, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_marginal_notes_beside_the_body_are_not_a_column(plain: dict[str, str]) -> None:
    # Notes in a strip under a quarter of the text width: left in drawing order.
    lines = [line for line in plain["2011"].splitlines() if len(line) > 60][:30]
    rows = [(160.0, 760.0 - 13.5 * i, text[:70]) for i, text in enumerate(lines)]
    rows += [(72.0, 760.0 - 13.5 * i, f"Art. {i}") for i in range(0, 30, 5)]
    pages = page_lines(_drawn(rows))
    assert {line.column for line in pages[0].lines} == {ONE_COLUMN}


def test_a_table_of_short_cells_is_not_two_columns() -> None:
    rows = []
    for i in range(12):
        y = 700.0 - 20 * i
        rows += [(72.0, y, f"Term {i}"), (320.0, y, f"Value {i} in force")]
    pages = page_lines(_drawn(rows))
    assert {line.column for line in pages[0].lines} == {ONE_COLUMN}
    text = parse_pdf(_drawn(rows)).text
    assert text.index("Term 1") < text.index("Value 1") < text.index("Term 2")


@pytest.mark.parametrize("columns", [3, 4])
@pytest.mark.parametrize("rows", [False, True], ids=["columns drawn in turn", "rows drawn across"])
def test_pages_in_three_or_four_columns_read_column_by_column(
    plain: dict[str, str], columns: int, rows: bool
) -> None:
    data = render_columns(plain["2011"], TITLE, rows=rows, columns=columns)
    expected = parse_text(f"{TITLE}\n{plain['2011']}")
    found = parse_pdf(data)
    assert changed_share(expected, found) <= MAX_CHANGED_SHARE
    assert {line.column for line in page_lines(data)[0].lines} >= set(
        range(LEFT_COLUMN, LEFT_COLUMN + columns)
    )
