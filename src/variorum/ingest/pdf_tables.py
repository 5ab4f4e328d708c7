"""The rows of a tagged PDF's tables, read as the other readers read a table row.

The lines of a table's cells (``Line.cell``, from the PDF's structure tree) become
one line per row: its cells in order, joined by the separator the HTML, DOCX and
Markdown readers put between cells, an empty cell kept as an empty place. Without
this a table is read cell by cell, each cell a paragraph of its own.

A row a page break cuts in two is drawn on both pages under one structure element:
its pieces are joined. A header row the printer repeats at the top of each page is
drawn again under the element already read: it is read once (a line is left out only
when its cell already holds its text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from variorum.ingest.builder import InlineText
from variorum.ingest.pdf_page import Cell, Line, Page
from variorum.ingest.pdf_words import joined

CELL_SEPARATOR = " | "
"""Between the cells of a table row, as the Markdown reader writes them."""

_Row = dict[int, list[Line]]  # a row's lines, by cell


def table_rows(pages: Sequence[Page], words: set[str]) -> list[Page]:
    """The pages with the lines of each table row made one line, where the row starts."""
    if not any(line.cell for page in pages for line in page.lines):
        return list(pages)
    rows: dict[tuple[int, ...], tuple[Cell, _Row]] = {}
    placed: list[list[Line | tuple[int, ...]]] = []
    last: tuple[int, ...] | None = None
    for page in pages:
        carried, seen_here = last, set()
        order: list[Line | tuple[int, ...]] = []
        for line in page.lines:
            if line.cell is None:
                order.append(line)
                continue
            key = line.cell.row
            if key not in rows:
                rows[key] = (line.cell, {})
                order.append(key)
            elif key not in seen_here and key != carried and _read_before(line, rows[key][1]):
                continue  # a header row repeated at the top of the page
            seen_here.add(key)
            rows[key][1].setdefault(line.cell.place, []).append(line)
            last = key
        placed.append(order)
    made = {key: _row_line(cell, cells, words) for key, (cell, cells) in rows.items()}
    return [
        replace(page, lines=tuple(item if isinstance(item, Line) else made[item] for item in order))
        for page, order in zip(pages, placed, strict=True)
    ]


def _read_before(line: Line, cells: _Row) -> bool:
    """Whether the line's text is already in its cell: a repeat, safe to leave out (a
    line the structure tree misplaces is kept rather than lost)."""
    done = cells.get(line.cell.place, []) if line.cell else []
    return any(line.text in earlier.text for earlier in done)


def _row_line(cell: Cell, cells: _Row, words: set[str]) -> Line:
    """One line holding a row's cells (and their links), placed where its first line is."""
    inline = InlineText()
    for index in range(max(cell.cells, max(cells) + 1)):
        if index:
            inline.append(CELL_SEPARATOR)
        if index in cells:
            joined(cells[index], words, inline)
    first = cells[min(cells)][0]
    return first._replace(
        text=inline.text,
        hyphen=False,
        first_word=0.0,
        cell=cell._replace(place=-1),
        links=tuple(inline.links),
    )
