"""Document: one version of a text, as canonical plain text plus its block structure.

Every offset in Variorum is a character offset into some ``Document.text``. Blocks
are spans of that text; nothing here copies text out of it.

>>> from variorum.ingest import parse_text
>>> doc = parse_text("(a) First provision;\\n(b) Second one.")
>>> [doc.label_text(block) for block in doc.blocks]
['(a)', '(b)']
>>> doc.body_text(doc.blocks[1])
'Second one.'
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple, overload

from variorum.compiled import twins
from variorum.tokens import Token, tokenize


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of character offsets into one text.

    An immutable value (a named tuple: cheap to make by the hundred thousand).
    """

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]


def spans(starts: Iterable[int], ends: Iterable[int]) -> list[Span]:
    """A Span of each start and end, made as ``Span`` makes it (``tuple.__new__``) but
    with no Python call each: two unrelated documents need 90,000 at once. The compiled
    twin makes them without copies, untracked by the garbage collector.

    >>> spans([0, 4], [3, 9])
    [Span(start=0, end=3), Span(start=4, end=9)]
    """
    if twins.spans is not None:
        return twins.spans(starts, ends)
    return list(map(tuple.__new__, repeat(Span), zip(starts, ends, strict=True)))


def same_text(old_text: str, old: Span, new_text: str, new: Span) -> bool:
    """Whether ``old`` in ``old_text`` and ``new`` in ``new_text`` hold the same text,
    compared without copying them (equal runs cover most of a large text)."""
    if twins.same_text is not None:
        return twins.same_text(old_text, old.start, old.end, new_text, new.start, new.end)
    return len(old) == len(new) and old_text.startswith(new.of(new_text), old.start)  # one copy


CELL_SEPARATOR = " | "
"""Between the cells of a table row's text, in every reader."""


class BlockKind(StrEnum):
    """What a block is, as a reader of the document would name it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_ROW = "table-row"
    CODE = "code"
    FOOTNOTE = "footnote"


NESTED_KINDS = frozenset({BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE})
"""The kinds whose level is their place in a hierarchy (a paragraph's is its indent)."""


class Block(NamedTuple):
    """One structural unit of a document: a heading, paragraph, list item, ...

    An immutable value (a named tuple: documents hold tens of thousands).
    """

    kind: BlockKind
    """Heading, paragraph, list item, quote, table row, code or footnote."""
    span: Span
    """The whole block: its label (if any) and its body."""
    body: Span
    """The block's text after its numbering label; equal bodies align across versions."""
    label: Span | None = None
    """Numbering such as ``(b)``, ``2.``, ``Article 5`` or ``§ 3``, kept apart from the body
    so that renumbering does not hide an otherwise equal provision."""
    level: int = 0
    """Nesting depth: heading level (1 = top) or list depth (0 = top)."""


BULLET_LABELS = frozenset("-*•·◦▪–")
"""The labels that mark a list item without numbering it (``ingest.labels`` reads them as
labels): a reader that knows the list from its markup (Markdown, HTML, Word) gives its
items none."""
WORD_LABELS = ("Article", "Art.", "Section", "Sec.", "Chapter", "Part", "Rule", "Clause",
               "Principle", "Annex")  # fmt: skip
"""The words that, with a number after them, label a block (``Article 5``): read by
``ingest.labels``; the engine tells one that numbers its block from one that the
sentence runs on from (``Article 6 of the GDPR``)."""

KINDS = tuple(BlockKind)
"""Block kinds by their number in ``Blocks`` records."""
KIND_NUMBERS = {kind: number for number, kind in enumerate(KINDS)}
"""Each kind's number in ``Blocks`` records (its place in ``KINDS``)."""

RECORD = 8
"""Numbers per block in ``Blocks`` records: kind, span start and end, body start and
end, label start and end (``-1`` when there is none), level."""
KIND, SPAN_START, SPAN_END, BODY_START, BODY_END, LABEL_START, LEVEL = 0, 1, 2, 3, 4, 5, 7
"""Positions of those columns inside a record."""
_RANGE_START, _RANGE_STOP = attrgetter("start"), attrgetter("stop")


class Blocks(Sequence[Block]):
    """The blocks of a Document, stored as one array of 64-bit integers, ``RECORD`` a
    block, and made into ``Block`` values only when read. A large document's structure
    then costs 64 bytes a block, and parsers and alignment work on whole columns.
    """

    __slots__ = ("_records",)

    def __init__(self, records: array[int] | None = None) -> None:
        self._records = records if records is not None else array("q")
        if len(self._records) % RECORD:
            raise ValueError(f"block records come {RECORD} numbers a block")

    @classmethod
    def of(cls, blocks: Iterable[Block]) -> Blocks:
        """Blocks from ``Block`` values (parsers that build them one by one)."""
        if isinstance(blocks, Blocks):
            return blocks
        records = array("q")
        for block in blocks:
            label = block.label or Span(-1, -1)
            records.extend(
                (KIND_NUMBERS[block.kind], *block.span, *block.body, *label, block.level)
            )
        return cls(records)

    def __len__(self) -> int:
        return len(self._records) // RECORD

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...
    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        if isinstance(index, slice):
            return tuple(self[k] for k in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("block index out of range")
        return _block(self._records[index * RECORD : index * RECORD + RECORD])

    def __iter__(self) -> Iterator[Block]:
        records = self._records
        for at in range(0, len(records), RECORD):
            yield _block(records[at : at + RECORD])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Blocks):
            return self._records == other._records
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._records.tobytes())

    def __repr__(self) -> str:
        return f"Blocks({list(self)!r})"

    def label_of(self, index: int) -> Span | None:
        """The label span of block ``index`` (without making the whole Block)."""
        at = index * RECORD + LABEL_START
        start = self._records[at]
        return Span(start, self._records[at + 1]) if start >= 0 else None

    def form_of(self, index: int) -> tuple[int, int]:
        """The kind (its number in ``KINDS``) and body length of block ``index``
        (without making the whole Block)."""
        at = index * RECORD
        return self._records[at], self._records[at + BODY_END] - self._records[at + BODY_START]

    def end_of(self, index: int) -> int:
        """Where block ``index`` ends (without making the whole Block)."""
        return self._records[index * RECORD + SPAN_END]

    def column(self, position: int) -> array[int]:
        """One number of every block, such as ``BODY_START``: a new array."""
        return self._records[position::RECORD]

    @property
    def records(self) -> array[int]:
        """The records themselves (read only, by convention)."""
        return self._records


def _block(record: Sequence[int]) -> Block:
    kind, start, end, body_start, body_end, label_start, label_end, level = record
    label = Span(label_start, label_end) if label_start >= 0 else None
    return Block(KINDS[kind], Span(start, end), Span(body_start, body_end), label, level)


PICTURE = "\ufffc"
"""What stands in the text for a picture without alternative text (U+FFFC OBJECT
REPLACEMENT CHARACTER, Unicode's placeholder for an object in text): its ``IMAGE``
Link's span is this one character (``variorum.pictures`` says why and how it is named)."""


class LinkKind(StrEnum):
    """What a Link's target is: where a hyperlink leads, or the picture an image shows."""

    LINK = "link"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink or an image: its visible text (an image's alternative text) is
    document text; its target (an image's source) is kept apart. A linked image is two
    Links on the same words: one ``LINK`` to where it leads, one ``IMAGE``."""

    span: Span
    """The visible text of the link in ``Document.text``."""
    target: str
    """The URL the link points to, or the image's source."""
    kind: LinkKind = LinkKind.LINK
    """A hyperlink or an image."""


@dataclass(frozen=True)
class Document:
    """One version of a text: canonical text, blocks, links and metadata."""

    text: str
    """Canonical plain text: Unicode NFC, ``\\n`` line breaks, ends with ``\\n`` unless empty."""
    blocks: Blocks
    """The structure, in reading order; spans never overlap. Any sequence of ``Block``
    given here is kept as ``Blocks``."""
    links: tuple[Link, ...] = ()
    """Hyperlinks and images, in reading order."""
    title: str = ""
    """The document's title, if known."""
    version: str = ""
    """A short label for this version, such as ``2015`` or ``v2``."""
    date: str = ""
    """The version's date as ISO 8601 (``2015-01-13``), if known."""
    source: str = ""
    """Where the text came from: a path, URL or document symbol."""
    format: str = "text"
    """The format it was read from: ``text``, ``markdown``, ..."""

    def __post_init__(self) -> None:
        if not isinstance(self.blocks, Blocks):
            object.__setattr__(self, "blocks", Blocks.of(self.blocks))

    def label_text(self, block: Block) -> str:
        """The block's numbering label, or ``""``."""
        return block.label.of(self.text) if block.label else ""

    def body_text(self, block: Block) -> str:
        """The block's text without its label."""
        return block.body.of(self.text)

    def region(self, first: int, stop: int) -> Span:
        """The span of blocks ``first`` up to ``stop`` (exclusive) with their separators.

        Regions of consecutive block ranges tile the whole text: the first region
        starts at 0 and the last ends at ``len(text)``.
        """
        bounds = self.region_bounds
        last = len(bounds) - 1
        end = bounds[stop if stop < last else last]
        return Span(end, end) if first >= stop else Span(bounds[first], end)

    def regions(self, runs: Sequence[range]) -> list[Span]:
        """The ``region`` of each run of blocks (``0 <= start <= stop <= len(blocks)``),
        made in the interpreter's C loops: two unrelated documents ask for 90,000."""
        bounds = self.region_bounds
        starts = map(bounds.__getitem__, map(_RANGE_START, runs))
        ends = map(bounds.__getitem__, map(_RANGE_STOP, runs))
        return spans(starts, ends)  # (an empty run's start is its end)

    @cached_property
    def region_bounds(self) -> array[int]:
        """Where each block's region starts, and the text's end: regions tile the text."""
        bounds = self.blocks.column(SPAN_START)
        if bounds:
            bounds[0] = 0
        bounds.append(len(self.text))
        return bounds

    def image_at(self, offset: int) -> Link | None:
        """The image whose alternative text (or ``PICTURE``, ``variorum.pictures``)
        holds ``offset``, if any."""
        starts, images = self._images
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < images[index].span.end:
            return images[index]
        return None

    def images_in(self, span: Span) -> list[Link]:
        """The images that start inside ``span``, in reading order."""
        starts, images = self._images
        first = bisect.bisect_left(starts, span.start)
        return images[first : bisect.bisect_left(starts, span.end, first)]

    @cached_property
    def pictures(self) -> tuple[Link, ...]:
        """The images without alternative text: each stands in the text as one
        ``PICTURE``."""
        text = self.text
        return tuple(
            link
            for link in self.links
            if link.kind is LinkKind.IMAGE
            and link.span.end - link.span.start == 1
            and text[link.span.start] == PICTURE
        )

    @cached_property
    def _images(self) -> tuple[list[int], list[Link]]:
        """The images by where they start (images do not overlap one another)."""
        images = [link for link in self.links if link.kind is LinkKind.IMAGE]
        return [image.span.start for image in images], images

    def tokens(self, span: Span | None = None) -> list[Token]:
        """Words, numbers, punctuation and whitespace of the text (or of ``span``)."""
        span = span or Span(0, len(self.text))
        return tokenize(self.text, span.start, span.end)

    def with_meta(self, **meta: str) -> Document:
        """A copy with some metadata fields replaced (title, version, date, source)."""
        values = {name: getattr(self, name) for name in ("title", "version", "date", "source")}
        values.update(meta)
        return Document(self.text, self.blocks, self.links, format=self.format, **values)
