"""Pages set in columns: where the gutters run, and the lines column by column.

Pure functions over horizontal extents, no PDF library, nothing per character:

1. ``find_gutter``: the widest vertical strip in the middle of the text that the
   fewest pieces of text cross (the pieces PDFium draws as one object each, so
   that lines of both columns it joined into one still show their gap). Titles,
   full-width paragraphs and page numbers may cross it; most pieces must not.
   ``find_gutters`` looks again on either side of it: pages in three or four
   columns (tax instructions, gazettes) have a gutter on each side of the middle.
2. The reader splits lines that PDFium joined across a gutter (it needs PDFium
   for where one piece's characters start).
3. ``reading_order``: the page, top to bottom, cut into bands at lines that cross
   a gutter; within a band the columns from left to right. Each line is marked
   with its place (``ACROSS``, or its column: ``LEFT_COLUMN``, ``RIGHT_COLUMN`` and
   the numbers after it), so that paragraphs join within a column and from the
   foot of one column to the head of the next.

Not columns, and left in drawing order: a narrow strip of marginal notes (a side
under ``MIN_COLUMN_SHARE`` of the text width) and a table whose cells do not fill
their column (under ``FULL_LINE_SHARE`` of its lines near its right edge). A table
of two columns of long wrapped text reads as columns: from its positions alone it
cannot be told from them. Right-to-left pages are not reordered differently.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from variorum.ingest.pdf_page import ACROSS, LEFT_COLUMN, Line

MIN_COLUMN_SHARE = 0.25
"""Each column is at least this share of the width the page's text spans."""
MIN_GUTTER_EMS = 0.8
"""The gutter is at least this many font sizes wide (spaces between words, much
narrower, never line up down a page of prose)."""
MIN_PIECE_EMS = 3.0
"""Pieces of text narrower than this many font sizes do not count in finding the
gutter: a page number standing in it would cut it in two too narrow to show."""
MAX_ACROSS_SHARE = 0.4
"""At most this share of the pieces of text may cross the gutter."""
BESIDE_SHARE = 0.5
"""Lines whose baselines are closer than this share of the font size stand side by side."""
MIXED_MAX_ACROSS_SHARE = 0.7
"""On a page of columns under (or over) a figure or listing across them, at most this
share of the lines may cross a gutter."""
MIN_COLUMN_LINES = 3
"""Each column holds at least this many lines."""
FULL_LINE_SHARE = 0.5
"""At least this share of the columns' lines reach near their column's right edge, as
prose does..."""
MIN_FULL_SHARE = 0.25
"""...and at least this share in each column (a column may hold a figure or a listing
of short lines beside its prose, as papers' do)."""
FULL_LINE_SLACK = 0.2
"""...ending within this share of the column's width from it."""


class Gutter(NamedTuple):
    """The strip between two columns, in points from the page's left edge."""

    left: float
    """Where the left column's text ends at the latest."""
    right: float
    """Where the right column's text starts at the earliest."""

    @property
    def middle(self) -> float:
        """The middle of the strip."""
        return (self.left + self.right) / 2


def find_gutter(extents: Sequence[tuple[float, float]], size: float) -> Gutter | None:
    """The gutter between two columns of pieces of text (``(left, right)`` each),
    or None. ``size`` is the font size of the text.

    >>> rows = [(72.0, 280.0), (310.0, 520.0)] * 10
    >>> find_gutter(rows, 10.0)
    Gutter(left=280.0, right=310.0)
    >>> find_gutter([(72.0, 520.0)] * 30 + rows, 10.0) is None  # most pieces cross it
    True
    >>> find_gutter(rows + [(72.0, 305.0)], 10.0)  # one line runs into the gutter
    Gutter(left=280.0, right=305.0)
    """
    shortest = MIN_PIECE_EMS * size
    extents = [(left, right) for left, right in extents if right - left >= shortest]
    if len(extents) < 2 * MIN_COLUMN_LINES:
        return None
    limit = MAX_ACROSS_SHARE * len(extents)
    start = min(left for left, _ in extents)
    end = max(right for _, right in extents)
    margin = MIN_COLUMN_SHARE * (end - start)
    low, high = start + margin, end - margin
    # Most pages are in one column, their lines across the whole middle: said at once.
    if sum(left <= low and right >= high for left, right in extents) > limit:
        return None
    # The fewest crossings among strips wide enough: a line running into the gutter
    # leaves a sliver that none crosses, too narrow to be the gutter.
    best: tuple[int, float, Gutter] | None = None
    for crossing, gutter in _strips(extents, low, high):
        width = gutter.right - gutter.left
        if width < MIN_GUTTER_EMS * size:
            continue
        if best is None or (crossing, -width) < (best[0], -best[1]):
            best = (crossing, width, gutter)
    return best[2] if best is not None and best[0] <= limit else None


def find_gutters(extents: Sequence[tuple[float, float]], size: float) -> list[Gutter]:
    """The gutters between the columns of a page, from left to right (none if the page
    is in one column): ``find_gutter``, then again among the pieces on either side.

    >>> rows = [(72.0, 200.0), (220.0, 360.0), (380.0, 520.0)] * 10
    >>> [gutter.middle for gutter in find_gutters(rows, 10.0)]
    [210.0, 370.0]
    """
    gutter = find_gutter(extents, size)
    if gutter is None:
        return []
    left = [(a, b) for a, b in extents if b <= gutter.middle]
    right = [(a, b) for a, b in extents if a >= gutter.middle]
    return [*find_gutters(left, size), gutter, *find_gutters(right, size)]


def narrow_extents(extents: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The pieces that do not cross the middle of the text's width: on a page whose
    top holds a figure or a listing across both columns, the columns below show
    only among them.

    >>> narrow_extents([(72.0, 520.0), (72.0, 280.0), (310.0, 520.0)])
    [(72.0, 280.0), (310.0, 520.0)]
    """
    middle = (min(left for left, _ in extents) + max(right for _, right in extents)) / 2
    return [(left, right) for left, right in extents if right < middle or left > middle]


def _strips(
    extents: Sequence[tuple[float, float]], low: float, high: float
) -> list[tuple[int, Gutter]]:
    """The strips between ``low`` and ``high`` where the number of pieces crossing
    does not change, each with that number, that have ``MIN_COLUMN_LINES`` pieces
    on either side (a sweep over the pieces' edges)."""
    edges = sorted([(left, 1) for left, _ in extents] + [(right, -1) for _, right in extents])
    strips: list[tuple[int, Gutter]] = []
    crossing = ended = started = 0
    previous = edges[0][0]
    for x, step in edges:
        if x > previous and x > low and previous < high:
            beside = min(ended, len(extents) - started)
            if beside >= MIN_COLUMN_LINES:
                strips.append((crossing, Gutter(max(previous, low), min(x, high))))
        crossing += step
        started, ended = (started + 1, ended) if step > 0 else (started, ended + 1)
        previous = x
    return strips


def place(line: Line, gutters: Sequence[Gutter]) -> int:
    """Where the line stands: in a column (``LEFT_COLUMN`` left of the first gutter,
    one more per gutter to its left), or ``ACROSS`` a gutter (its middle)."""
    column = LEFT_COLUMN
    for gutter in gutters:
        if line.right <= gutter.middle:
            return column
        if line.left < gutter.middle:
            return ACROSS
        column += 1
    return column


def _overflowing(
    lines: Sequence[Line], places: Sequence[int], gutters: Sequence[Gutter]
) -> list[int]:
    """Put back in its column a line that starts at the column's edge and crosses a
    gutter beside a line of the next column (a long address that cannot be broken
    runs into the gutter): read as across, it would cut the columns into bands there
    and mix their lines. Centred lines (a title page's authors) stay across."""
    edges: dict[int, float] = {}
    for line, where in zip(lines, places, strict=True):
        edges[where] = min(edges.get(where, line.left), line.left)
    # the lines in columns by height, to find those beside a line without a scan
    heights = sorted(
        (line.baseline, where) for line, where in zip(lines, places, strict=True)
        if where != ACROSS
    )
    result = list(places)
    for index, line in enumerate(lines):
        if places[index] != ACROSS:
            continue
        start = LEFT_COLUMN + sum(gutter.middle <= line.left for gutter in gutters)
        if line.left > edges.get(start, line.left - 1) + line.size:
            continue
        near = BESIDE_SHARE * line.size
        low = bisect.bisect_right(heights, (line.baseline - near, ACROSS))
        high = bisect.bisect_left(heights, (line.baseline + near, ACROSS))
        if any(where > start for _, where in heights[low:high]):
            result[index] = start
    return result


def reading_order(
    lines: Sequence[Line], gutters: Sequence[Gutter], across: float = MAX_ACROSS_SHARE
) -> list[Line] | None:
    """The lines column by column, each marked with its place, or None when they
    do not make columns of prose (too few lines, or a table's short cells); at most
    the share ``across`` of the lines may cross a gutter."""
    places = _overflowing(lines, [place(line, gutters) for line in lines], gutters)
    columns = range(LEFT_COLUMN, LEFT_COLUMN + len(gutters) + 1)
    if not _columns_hold(lines, places, columns, across):
        return None
    ordered: list[Line] = []
    band: dict[int, list[Line]] = {column: [] for column in columns}
    for where, line in sorted(zip(places, lines, strict=True), key=lambda x: -x[1].baseline):
        if where == ACROSS:
            _flush(band, ordered)
            ordered.append(line._replace(column=ACROSS))
        else:
            band[where].append(line._replace(column=where))
    _flush(band, ordered)
    return ordered


def _flush(band: dict[int, list[Line]], ordered: list[Line]) -> None:
    """Ends a band: its columns from left to right."""
    for column, lines in band.items():
        ordered += lines
        band[column] = []


def _columns_hold(
    lines: Sequence[Line], places: Sequence[int], numbers: range, across: float
) -> bool:
    """Whether enough lines stand in the columns, each of prose."""
    columns = [[li for li, s in zip(lines, places, strict=True) if s == n] for n in numbers]
    if any(len(column) < MIN_COLUMN_LINES for column in columns):
        return False
    if sum(map(len, columns)) < (1 - across) * len(lines):
        return False
    full = [_full_lines(column) for column in columns]
    if any(count < MIN_FULL_SHARE * len(col) for count, col in zip(full, columns, strict=True)):
        return False
    return sum(full) >= FULL_LINE_SHARE * sum(map(len, columns))


def _full_lines(column: Sequence[Line]) -> int:
    """How many of a column's lines run near its right edge."""
    left = min(line.left for line in column)
    right = max(line.right for line in column)
    reach = right - FULL_LINE_SLACK * (right - left)
    return sum(line.right >= reach for line in column)
