"""PDF pages set in two columns read column by column; marginal notes and tables do not."""

from __future__ import annotations

import html
import io

import pytest
from renderings import FONT, render_columns
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from round_trip import MAX_CHANGED_SHARE, changed_share

from variorum.document import BlockKind
from variorum.ingest import parse_text
from variorum.ingest.pdf import page_lines, parse_pdf
from variorum.ingest.pdf_page import LEFT_COLUMN, ONE_COLUMN

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


@pytest.mark.parametrize("rows", [False, True], ids=["columns drawn in turn", "rows drawn across"])
def test_a_title_drawn_in_touching_pieces_across_the_gutter_stays_whole(
    plain: dict[str, str], rows: bool
) -> None:
    """Chromium draws kerned text a few glyphs at a time; the title's pieces on either
    side of the gutter are one line, not two read into different columns."""
    data = render_columns(plain["2011"], TITLE, rows=rows, kerned=True)
    document = parse_pdf(data)
    assert document.body_text(document.blocks[0]) == TITLE
    assert document.text == parse_text(f"{TITLE}\n{plain['2011']}").text


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


def test_a_column_holding_a_listing_beside_its_prose_is_still_a_column(
    plain: dict[str, str],
) -> None:
    """A paper's page: the right column is more listing than prose. Its lines are
    measured against their own column, so the prose of both keeps its paragraphs."""
    from renderings import wrap

    width = (A4[0] - 2 * 72.0 - 24.0) / 2
    lines = wrap(" ".join(plain["2011"].split()), width, 11)
    left, right = lines[:30], lines[30:38]
    listing = [f"v{n} := ld state[{4 * n}]" for n in range(20)]
    rows = [(72.0, 760.0 - 13.5 * i, line) for i, line in enumerate(left)]
    column = [*right, "", *listing]
    rows += [(96.0 + width, 760.0 - 13.5 * i, line) for i, line in enumerate(column) if line]
    data = _drawn(rows)
    assert {line.column for line in page_lines(data)[0].lines} == {LEFT_COLUMN, LEFT_COLUMN + 1}
    blocks = parse_pdf(data).text.splitlines()
    last_word = right[-1].rstrip("-").split()[-1]
    assert blocks[0].startswith(left[0].rstrip("-")) and blocks[0].endswith(last_word)
    assert blocks[1:] == listing  # one paragraph, from one column to the next; then the listing


def test_columns_under_a_listing_across_the_page_are_read_as_columns(
    plain: dict[str, str],
) -> None:
    """A listing across both columns fills the top half of the page, over the share of
    crossing lines a page of columns may have; the columns below are still found."""
    from renderings import wrap

    width = (A4[0] - 2 * 72.0 - 24.0) / 2
    listing = [f"mov edi({8 * n}), esi // (*) store the value number {n} to the stack of the "
               "interpreter, as the trace" for n in range(26)]
    lines = wrap(" ".join(plain["2011"].split()), width, 11)
    left, right = lines[:18], lines[18:36]
    rows = [(72.0, 780.0 - 13.5 * i, line) for i, line in enumerate(listing)]
    top = 780.0 - 13.5 * (len(listing) + 1)
    rows += [(72.0, top - 13.5 * i, line) for i, line in enumerate(left)]
    rows += [(96.0 + width, top - 13.5 * i, line) for i, line in enumerate(right)]
    data = _drawn(rows)
    assert {line.column for line in page_lines(data)[0].lines} >= {LEFT_COLUMN, LEFT_COLUMN + 1}
    blocks = parse_pdf(data).text.splitlines()
    assert blocks[: len(listing)] == listing
    last_word = right[-1].rstrip("-").split()[-1]
    prose = blocks[len(listing)]
    assert prose.startswith(left[0].rstrip("-")) and prose.endswith(last_word)


def test_a_long_address_running_into_the_gutter_keeps_the_columns_apart(
    plain: dict[str, str],
) -> None:
    """An address that cannot be broken runs past the gutter's middle beside a line of
    the next column: it stays in its column, and each column is read whole."""
    from renderings import wrap

    width = (A4[0] - 2 * 72.0 - 24.0) / 2
    words = " ".join(plain["2011"].split())
    left = wrap(words[:1200], width, 11)[:-1]
    right = wrap(words[1200:2400], width, 11)[1:-1]
    address = "www.un.org/disarmament/ict-security/resolutions/A-66-359"
    middle = len(left) // 2
    left = [*left[:middle], f"See {address}", *left[middle:]]
    rows = [(72.0, 760.0 - 13.5 * i, line) for i, line in enumerate(left)]
    rows += [(96.0 + width, 760.0 - 13.5 * i, line) for i, line in enumerate(right)]
    text = parse_pdf(_drawn(rows)).text
    assert text.index(left[-1].rstrip("-")) < text.index(right[0].rstrip("-"))
    assert text.index(right[middle].rstrip("-")) > text.index(left[-1].rstrip("-"))


@pytest.fixture(scope="module")
def printed_in_columns(plain: dict[str, str]) -> tuple[list[str], bytes]:
    """The 2011 text printed by Chromium in three CSS columns of 10-point type, with an
    info sign (ⓘ) that its fallback font draws with no Unicode value, as the Facebook
    privacy policy's pages print: (the paragraphs, the PDF)."""
    from variorum.render.pdf import print_pdf

    paragraphs = [line.strip() for line in plain["2011"].splitlines() if line.strip()]
    body = "".join(
        f"<p>{'&#x24d8; ' if index == 3 else ''}{html.escape(paragraph)}</p>"
        for index, paragraph in enumerate(paragraphs)
    )
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><style>body { font: 10pt serif }"
        f" .columns {{ columns: 3 }}</style></head><body><div class='columns'>{body}</div>"
        "</body></html>"
    )
    return paragraphs, print_pdf([page])


def test_three_columns_printed_by_chromium_read_column_by_column(
    printed_in_columns: tuple[list[str], bytes],
) -> None:
    """Chromium's gutter is one em; its fonts are scaled by 0.75 (CSS pixels to points).
    Read as 13.3 points, the gutter looked narrower than a gutter and the columns were
    interleaved; a glyph without a Unicode value shifted every later character."""
    paragraphs, data = printed_in_columns
    assert parse_pdf(data).text == parse_text("\n".join(paragraphs)).text


def test_the_font_size_of_scaled_text_is_read_in_points(
    printed_in_columns: tuple[list[str], bytes],
) -> None:
    pages = page_lines(printed_in_columns[1])
    assert {round(line.size, 1) for page in pages for line in page.lines} == {10.0}
