"""The rows of a tagged PDF's tables, read as the other readers read a table row.

The lines of a table's cells (``Line.cell``, from the PDF's structure tree) become
one line per row: its cells in order, joined by the separator the HTML, DOCX and
Markdown readers put between cells, an empty cell kept as an empty place. Without
this a table is read cell by cell, each cell a paragraph of its own.

An empty cell is not tagged (Chromium leaves it out): a row with fewer cells than
others of its table has each cell placed in the column where its text starts, the
columns it leaves empty kept as empty places (not those a wide cell spans).

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

_Row = dict[int, list[Line]]  # a row's lines, by cell
Place = tuple[int, ...]  # an element's place in the structure tree
SPANNED = -1
"""In a row's places: a column that the wide cell before it spans."""


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
    columns = _column_starts(rows)
    made = {
        key: _row_line(_places(cell, cells, columns.get(key[:-1], [])), cell, cells, words)
        for key, (cell, cells) in rows.items()
    }
    return [
        replace(page, lines=tuple(item if isinstance(item, Line) else made[item] for item in order))
        for page, order in zip(pages, placed, strict=True)
    ]


def _read_before(line: Line, cells: _Row) -> bool:
    """Whether the line's text is already in its cell: a repeat, safe to leave out (a
    line the structure tree misplaces is kept rather than lost)."""
    done = cells.get(line.cell.place, []) if line.cell else []
    return any(line.text in earlier.text for earlier in done)


def _column_starts(rows: dict[tuple[int, ...], tuple[Cell, _Row]]) -> dict[Place, list[float]]:
    """Where the text of each column starts, for each table (by its place in the tree)
    some rows of which have fewer cells than others: the left of its cells' text in
    the rows that have text in them all."""
    tables: dict[Place, list[tuple[Cell, _Row]]] = {}
    for key, row in rows.items():
        tables.setdefault(key[:-1], []).append(row)
    starts = {}
    for table, table_rows in tables.items():
        width = max(cell.cells for cell, _ in table_rows)
        full = [cells for _, cells in table_rows if sorted(cells) == list(range(width))]
        if full and any(cell.cells < width for cell, _ in table_rows):
            starts[table] = [
                min(line.left for cells in full for line in cells[place]) for place in range(width)
            ]
    return starts


def _places(cell: Cell, cells: _Row, starts: list[float]) -> list[int | None]:
    """The cell of each column of the row, by its tagged place (None: an empty cell).
    A row with fewer cells tagged than its table's columns has each placed where its
    text starts; a column that a wide cell before it spans is left out, as the other
    readers leave it out."""
    if not starts or cell.cells >= len(starts):
        return [
            place if place in cells else None for place in range(max(cell.cells, max(cells) + 1))
        ]
    places: list[int | None] = []
    found = sorted(cells)
    for number, place in enumerate(found):
        left = min(line.left for line in cells[place])
        last = len(starts) - (len(found) - number)  # the last column it may take
        column = max(
            (index for index in range(len(places), last + 1) if starts[index] <= left + 1.0),
            default=len(places),
        )
        places += [None] * (column - len(places)) + [place]
        right = max(line.right for line in cells[place])
        while len(places) < len(starts) and starts[len(places)] < right:
            places.append(SPANNED)
    return places + [None] * (len(starts) - len(places))


def _row_line(places: list[int | None], cell: Cell, cells: _Row, words: set[str]) -> Line:
    """One line holding a row's cells (and their links), placed where its first line
    is; ``places``: the cell in each column."""
    inline = InlineText()
    for number, place in enumerate(place for place in places if place != SPANNED):
        if number:
            inline.next_cell()
        if place is not None:
            joined(cells[place], words, inline)
    first = cells[min(cells)][0]
    return first._replace(
        text=inline.text,
        hyphen=False,
        first_word=0.0,
        cell=cell._replace(place=-1),
        links=tuple(inline.links),
    )
