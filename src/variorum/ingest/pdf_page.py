"""The model of a PDF's pages as the reader sees them: lines of text with their
positions, and the table cells and links they hold. Values only, no PDF library."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

ONE_COLUMN, ACROSS, LEFT_COLUMN, RIGHT_COLUMN = 0, 1, 2, 3
"""Where a line stands: on a page in one column; or, on a page set in columns, across
them (a title, a full-width paragraph), in the left one or in the right one (on a
page of three or more, further columns are numbered on from ``RIGHT_COLUMN``)."""


class Cell(NamedTuple):
    """Where a line stands in a table of a tagged PDF (its structure tree)."""

    row: tuple[int, ...]
    """The row's place in the structure tree (child indexes from its root): the same
    on every page a row is drawn on, a row broken by a page break or a header row
    repeated on each page."""
    place: int
    """The cell's place in its row, from 0."""
    cells: int
    """How many cells the row has, empty ones included."""


class Tag(NamedTuple):
    """What the structure tree of a tagged PDF says of a piece of text."""

    cell: Cell | None
    """The table cell it is in."""
    block: tuple[int, ...] | None
    """The paragraph, heading or list item it is part of (its place in the tree)."""
    level: int
    """A list item's nesting level, from 0; -1 outside lists."""


class Line(NamedTuple):
    """One visual line of text on a page, in PDF points (y grows upwards).

    A named tuple rather than a frozen dataclass: a long PDF has tens of thousands of
    lines, and tuples are made, and sent between processes, three times faster.
    Fields: ``text`` (the characters, without a hyphen that breaks a word at its end),
    ``left`` and ``right`` (where the first character starts and the last one ends),
    ``baseline`` (height of the first character's baseline), ``size`` (its font size)
    ``hyphen`` (the line ended with a hyphen that breaks a word), ``column``
    (``ONE_COLUMN``, ``ACROSS``, ``LEFT_COLUMN`` or ``RIGHT_COLUMN``) and
    ``first_word`` (the width of its first word, 0 when not measured); on a tagged
    page, ``cell``, ``block`` and ``level`` (its ``Tag``); and ``links`` (start, end
    and target of the pieces of ``text`` that are links).
    """

    text: str
    left: float
    right: float
    baseline: float
    size: float
    hyphen: bool = False
    column: int = ONE_COLUMN
    first_word: float = 0.0
    cell: Cell | None = None
    block: tuple[int, ...] | None = None
    level: int = -1
    links: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """The lines of one page in reading order."""

    number: int
    """1 for the first page."""
    width: float
    """Page width in points."""
    height: float
    """Page height in points."""
    lines: tuple[Line, ...]
    """The page's lines in the order the PDF draws them, or column by column on a
    page set in columns."""
    marks: frozenset[str] = frozenset()
    """The footnote reference marks raised in the page's text (taken out of it)."""
