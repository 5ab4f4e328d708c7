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

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

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


class BlockKind(StrEnum):
    """What a block is, as a reader of the document would name it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_ROW = "table-row"
    CODE = "code"
    FOOTNOTE = "footnote"


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


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: its visible text is document text; its target is kept apart."""

    span: Span
    """The visible text of the link in ``Document.text``."""
    target: str
    """The URL the link points to."""


@dataclass(frozen=True)
class Document:
    """One version of a text: canonical text, blocks, links and metadata."""

    text: str
    """Canonical plain text: Unicode NFC, ``\\n`` line breaks, ends with ``\\n`` unless empty."""
    blocks: tuple[Block, ...]
    """The structure, in reading order; spans never overlap."""
    links: tuple[Link, ...] = ()
    """Hyperlinks, in reading order."""
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
        bounds = self._bounds
        end = bounds[min(stop, len(bounds) - 1)]
        return Span(end, end) if first >= stop else Span(bounds[first], end)

    @cached_property
    def _bounds(self) -> tuple[int, ...]:
        """Where each block's region starts, and the text's end: regions tile the text."""
        starts = [block.span.start for block in self.blocks]
        if starts:
            starts[0] = 0
        return (*starts, len(self.text))

    def tokens(self, span: Span | None = None) -> list[Token]:
        """Words, numbers, punctuation and whitespace of the text (or of ``span``)."""
        span = span or Span(0, len(self.text))
        return tokenize(self.text, span.start, span.end)

    def with_meta(self, **meta: str) -> Document:
        """A copy with some metadata fields replaced (title, version, date, source)."""
        values = {name: getattr(self, name) for name in ("title", "version", "date", "source")}
        values.update(meta)
        return Document(self.text, self.blocks, self.links, format=self.format, **values)
