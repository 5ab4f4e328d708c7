"""Build a Document from blocks of text, for parsers that produce the text themselves
(Markdown, HTML, DOCX and laid-out PDF). Blocks are joined with ``\\n``; inside a
block every run of whitespace is one space."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import add, attrgetter, mul, sub

from variorum.document import (
    CELL_SEPARATOR,
    KIND_NUMBERS,
    LABEL_START,
    PICTURE,
    RECORD,
    BlockKind,
    Blocks,
    Document,
    Link,
    LinkKind,
    Span,
)
from variorum.ingest.anchors import leads_nowhere
from variorum.ingest.labels import find_label
from variorum.ingest.normalize import CONTROLS, without_controls

_SPACES = re.compile(r"\s+")


class InlineText:
    """The text of one block, assembled piece by piece, with link offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._after_space = True  # no leading space in a block
        self.links: list[tuple[int, int, str]] = []
        self.images: list[tuple[int, int, str]] = []
        """Images: where their alternative text stands (start, end), and their source."""
        self.separators: list[tuple[int, int]] = []
        """Where the separators between a table row's cells stand (start, end)."""

    def append(self, piece: str) -> None:
        """Add text; whitespace runs collapse to one space across pieces too."""
        if not unicodedata.is_normalized("NFC", piece):
            piece = unicodedata.normalize("NFC", piece)
        # Any whitespace but a lone ASCII space is unprintable: a cheap test before the
        # much costlier substitution.
        if "  " in piece or not piece.isprintable():
            piece = _SPACES.sub(" ", without_controls(piece))
        if self._after_space:
            piece = piece.lstrip(" ")
        if not piece:
            return
        self._parts.append(piece)
        self._length += len(piece)
        self._after_space = piece.endswith(" ")

    def next_cell(self) -> None:
        """End a table cell: the separator before the next one."""
        start = self._length
        self.append(CELL_SEPARATOR)
        self.separators.append((start, self._length))

    def cells(self) -> list[tuple[int, int]]:
        """Where each cell's text stands (start, end), empty cells too."""
        text = self.text
        starts = [0] + [end for _, end in self.separators]
        ends = [start for start, _ in self.separators] + [len(text)]
        spans = []
        for start, end in zip(starts, ends, strict=True):
            piece = text[start:end]
            start += len(piece) - len(piece.lstrip())
            spans.append((start, max(start, start + len(piece.strip()))))
        return spans

    def without_cells(self, dropped: set[int]) -> InlineText:
        """The row without the cells at places ``dropped`` (with the links of the others)."""
        text, kept = self.text, InlineText()
        places = [(place, span) for place, span in enumerate(self.cells()) if place not in dropped]
        for number, (_, (start, end)) in enumerate(places):
            if number:
                kept.next_cell()
            shift = kept.offset - start
            kept.append(text[start:end])
            kept.links += _within(self.links, start, end, shift)
            kept.images += _within(self.images, start, end, shift)
        return kept

    @property
    def offset(self) -> int:
        """Where the next piece will start."""
        return self._length

    def add_link(self, start: int, target: str) -> None:
        """Record that the text from ``start`` to here is a link to ``target``."""
        if self._length > start:
            self.links.append((start, self._length, CONTROLS.sub("", target)))

    def add_image(self, start: int, source: str) -> None:
        """Record that the text from ``start`` to here is the alternative text of an
        image showing ``source``; an image without any stands here as one ``PICTURE``
        (a picture a reader sees is compared, words or not). An image of neither
        words nor source shows nothing."""
        source = CONTROLS.sub("", source).strip()
        blank = self._length == start or (self._length - start == 1 and self._after_space)
        if blank and not source:
            return
        if blank:
            self.append(PICTURE)
        self.images.append((start, self._length, source))

    @property
    def text(self) -> str:
        """The assembled text, without a trailing space."""
        return "".join(self._parts).rstrip(" ")


class DocumentBuilder:
    """Collects blocks and links; ``build()`` returns the Document."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._records = array("q")  # Blocks' records, made here rather than Block by Block
        self._links: list[Link] = []
        self._table: list[tuple[InlineText, int]] = []  # the rows of a table not yet added

    def add(
        self, kind: BlockKind, content: InlineText | str, level: int = 0, label: str = ""
    ) -> None:
        """Append a block. ``label`` is numbering the format states explicitly (Markdown
        ordered lists); without one, a label is looked for at the start of the text.
        A table's rows are held until the table ends (``end_table``)."""
        if kind is BlockKind.TABLE_ROW and isinstance(content, InlineText) and not label:
            self._table.append((content, level))
            return
        if self._table:
            self.end_table()
        self._add(kind, content, level, label)

    def end_table(self) -> None:
        """Add the rows of the table that ends here (readers say where; any other block
        ends one too), without the columns that are empty
        in every row: no rendition shows them, and a PDF keeps no trace of them (its
        printer tags no empty cell), so that a table's PDF and its Markdown, HTML or
        Word file read alike."""
        rows, self._table = self._table, []
        cells = [row.cells() for row, _ in rows]
        width = max((len(spans) for spans in cells), default=0)
        empty = {
            place
            for place in range(width)
            if all(place >= len(spans) or spans[place][0] == spans[place][1] for spans in cells)
        }
        for (row, level), spans in zip(rows, cells, strict=True):
            dropped = {place for place in empty if place < len(spans)}
            self._add(BlockKind.TABLE_ROW, row.without_cells(dropped) if dropped else row, level)

    def _add(
        self, kind: BlockKind, content: InlineText | str, level: int = 0, label: str = ""
    ) -> None:
        if isinstance(content, str):
            inline = InlineText()
            inline.append(content)
            content = inline
        text = content.text
        if label:
            label = CONTROLS.sub("", label)
        if not text and not label:
            return
        shift = 0
        if label:
            shift = len(label) + 1 if text else len(label)
            text = f"{label} {text}" if text else label
            label_span: tuple[int, int] | None = (0, len(label))
        else:
            label_span = find_label(text) if kind is not BlockKind.CODE else None
        start = self._length
        end = start + len(text)
        if label_span:
            after = label_span[1] + (1 if text[label_span[1] : label_span[1] + 1] == " " else 0)
            label_start, label_end = start + label_span[0], start + label_span[1]
            record = (KIND_NUMBERS[kind], start, end, start + after, end, label_start, label_end)
            self._records.extend((*record, level))
        else:
            self._records.extend((KIND_NUMBERS[kind], start, end, start, end, -1, -1, level))
        kinds = [(LinkKind.LINK, content.links), (LinkKind.IMAGE, content.images)]
        for link_kind, found in kinds:
            for link_start, link_end, target in found:
                first, last = shift + link_start, min(shift + link_end, len(text))
                while first < last and text[first] == " ":  # a link's span is its words only
                    first += 1
                while last > first and text[last - 1] == " ":
                    last -= 1
                if first < last:
                    self._links.append(Link(Span(start + first, start + last), target, link_kind))
        self._parts.append(text + "\n")
        self._length = end + 1

    @property
    def mark(self) -> tuple[int, int, int]:
        """Where the Document built so far ends (for ``piece_since``)."""
        return len(self._parts), len(self._records), len(self._links)

    def piece_since(self, mark: tuple[int, int, int]) -> Piece | None:
        """What was added since ``mark``, with offsets from its own start: a Piece that
        ``add_piece`` appends again; None while a table is still open."""
        if self._table:
            return None
        parts, records, links = mark
        text = "".join(self._parts[parts:])
        base = self._length - len(text)
        added = self._records[records:]
        shifts = array("q", _shifts(added))
        relative = array("q", map(sub, added, map(mul, shifts, repeat(base))))
        spans = tuple((link.span.start - base, link.span.end - base, link.target, link.kind)
                      for link in self._links[links:])  # fmt: skip
        return Piece(text, relative, shifts, spans)

    @property
    def table_open(self) -> bool:
        """Whether rows of a table are held, waiting for its end."""
        return bool(self._table)

    def add_piece(self, piece: Piece) -> None:
        """Append a Piece made by ``piece_since``, where the Document now ends (no table
        open)."""
        base = self._length
        self._parts.append(piece.text)
        self._length += len(piece.text)
        self._records.extend(map(add, piece.records, map(mul, piece.shifts, repeat(base))))
        self._links += [Link(Span(start + base, end + base), target, kind)
                        for start, end, target, kind in piece.links]  # fmt: skip

    def build(self, anchors: Collection[str] | None = None, **meta: str) -> Document:
        """The Document of the blocks added so far, with metadata (without control
        characters). ``anchors``: the places the document names; a link to a place
        in it that they lack leads nowhere, and is read as plain text."""
        self.end_table()
        meta = {name: CONTROLS.sub("", value) for name, value in meta.items()}
        links = self._links
        if anchors is not None:
            links = [link for link in links if not _leads_nowhere(link, anchors)]
        # a block's links are added before its images: in reading order again
        ordered = tuple(sorted(links, key=_START))
        return Document("".join(self._parts), Blocks(self._records), ordered, **meta)


@dataclass(frozen=True, slots=True)
class Piece:
    """Blocks a builder made, which another builder can append where it ends."""

    text: str
    """Their text, each block followed by ``\\n``."""
    records: array[int]
    """Their ``Blocks`` records, offsets counted from the start of ``text``."""
    shifts: array[int]
    """Per number of ``records``: 1 if it is an offset, 0 if not (a kind, a level, the
    ``-1`` of no label)."""
    links: tuple[tuple[int, int, str, LinkKind], ...]
    """Their links and images: start and end from the start of ``text``, target, kind."""


def _within(
    links: list[tuple[int, int, str]], start: int, end: int, shift: int
) -> list[tuple[int, int, str]]:
    """The links (or images) starting in a cell from ``start`` to ``end``, shifted."""
    return [
        (first + shift, min(last, end) + shift, target)
        for first, last, target in links
        if start <= first < end
    ]


def _leads_nowhere(link: Link, anchors: Collection[str]) -> bool:
    """A link to a place the document lacks (an image's source is never a place)."""
    return link.kind is LinkKind.LINK and leads_nowhere(link.target, anchors)


_START = attrgetter("span.start")
"""Links in reading order by where they start (sorted data sorts in linear time)."""


def _shifts(records: array[int]) -> Iterator[int]:
    """1 for each offset of ``records``, 0 for the other numbers."""
    for at in range(0, len(records), RECORD):
        labelled = 1 if records[at + LABEL_START] >= 0 else 0
        yield from (0, 1, 1, 1, 1, labelled, labelled, 0)
