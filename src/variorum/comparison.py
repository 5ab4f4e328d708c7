"""Comparison: the single result that every renderer, store and publisher reads.

A Comparison is a list of rows in reading order. Each row aligns a run of blocks of
the old Document with a run of blocks of the new one and holds word-level ops in
character offsets of both texts. Invariant (tested on random inputs): the old
spans of the rows, skipping rows that stand where moved text arrived, tile the old
text; the new spans, skipping rows where moved text left, tile the new text; and
inside each row the ops tile its two spans.

>>> import variorum
>>> c = variorum.compare("The quick fox.", "The slow fox.")
>>> c.segments()
[('=', 'The '), ('-', 'quick'), ('+', 'slow'), ('=', ' fox.\\n')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

from variorum.document import Document, Link, LinkKind, Span, same_text
from variorum.options import CompareOptions
from variorum.tokens import count_words

SCHEMA_VERSION = 1
"""Version of the JSON form of a Comparison; bumped on any incompatible change."""


class Side(StrEnum):
    """One of the two versions a comparison reads: whose text an offset indexes."""

    OLD = "old"
    NEW = "new"

    @property
    def other(self) -> Side:
        """The side across the comparison."""
        return Side.NEW if self == Side.OLD else Side.OLD


class OpKind(StrEnum):
    """What happened to a stretch of text."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"
    RENUMBER = "renumber"
    """A numbering label replaced by another: ``(b)`` → ``(2)``."""


class RowKind(StrEnum):
    """What happened to a run of blocks."""

    EQUAL = "equal"
    CHANGED = "changed"
    RENUMBERED = "renumbered"
    """The body is equal and only the numbering label changed."""
    SPLIT = "split"
    """One old block became several new ones."""
    MERGED = "merged"
    """Several old blocks became one new one."""
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED_FROM = "moved-from"
    """Where moved text stood in the old version; ``link`` names the row where it went."""
    MOVED_TO = "moved-to"
    """Where moved text stands in the new version; ``link`` names the row it came from."""


class Op(NamedTuple):
    """One edit (or equality) between a stretch of old text and one of new text.

    An immutable value (a named tuple: a large comparison holds tens of thousands).
    """

    kind: OpKind
    old: Span
    """Offsets in the old text (empty for an insertion)."""
    new: Span
    """Offsets in the new text (empty for a deletion)."""

    def on(self, side: Side) -> Span:
        """The op's offsets in the text of ``side``."""
        return self.old if side == Side.OLD else self.new


@dataclass(frozen=True, slots=True)
class Stats:
    """Word counts of a change: inserted, deleted, moved, and rows by kind."""

    words_inserted: int = 0
    words_deleted: int = 0
    words_moved: int = 0

    def __add__(self, other: Stats) -> Stats:
        return Stats(
            self.words_inserted + other.words_inserted,
            self.words_deleted + other.words_deleted,
            self.words_moved + other.words_moved,
        )


@dataclass(frozen=True, slots=True)
class Row:
    """Aligned blocks of the two versions and the ops between them."""

    index: int
    """Position in ``Comparison.rows``; permalinks name a row as ``c-<index>``."""
    kind: RowKind
    old: Span
    """The old text of the row: its blocks and their trailing separators."""
    new: Span
    """The new text of the row."""
    old_blocks: range
    """Indexes into the old Document's blocks."""
    new_blocks: range
    """Indexes into the new Document's blocks."""
    ops: tuple[Op, ...]
    """Ops tiling ``old`` and ``new``."""
    stats: Stats
    link: int | None = None
    """For moved rows, the index of the row at the other end of the move."""

    @property
    def changed(self) -> bool:
        """Whether a reader sees a change here (texts that only differ in ways the
        options ignore are not a change)."""
        return self.kind is not RowKind.EQUAL

    @property
    def renumbered(self) -> bool:
        """Whether the row's numbering label changed (with or without other edits)."""
        return any(op.kind is OpKind.RENUMBER for op in self.ops)

    def stands_in(self, side: Side) -> bool:
        """Whether this row's text is part of the old or new text where it stands."""
        if side == Side.OLD:
            return self.kind is not RowKind.MOVED_TO
        return self.kind is not RowKind.MOVED_FROM

    def on(self, side: Side) -> Span:
        """The row's text in the version of ``side``."""
        return self.old if side == Side.OLD else self.new

    def blocks_on(self, side: Side) -> range:
        """The row's blocks in the version of ``side``."""
        return self.old_blocks if side == Side.OLD else self.new_blocks


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A link on unchanged text whose target changed, appeared or disappeared, or an
    image's source under unchanged alternative text (found by ``variorum.compare.links``)."""

    row: int
    """Index of the row holding the link."""
    old: Link | None
    """The link in the old version (None if the text was not a link there)."""
    new: Link | None
    """The link in the new version (None if the text is no longer a link)."""

    @property
    def kind(self) -> LinkKind:
        """Whether a link's target or an image's source changed."""
        link = self.new or self.old
        assert link is not None  # (a link change has a link on one side at least)
        return link.kind


class TextMove(NamedTuple):
    """A sentence deleted in one row and inserted, word for word, in another (or at
    another place of the same row): a sentence that moved between blocks. The rows'
    ops still show it deleted and inserted; renderers mark both ends as moved, and
    the statistics count its words as moved, once."""

    old_row: int
    """The row where it stood: its ``old`` span lies inside a deletion there."""
    new_row: int
    """The row where it arrived: its ``new`` span lies inside an insertion there."""
    old: Span
    new: Span


class StructureChange(NamedTuple):
    """A block whose words are unchanged (or changed) but whose kind or nesting is not: a
    heading that became a paragraph, a list item moved out of its parent list, a heading
    demoted a level (found by ``variorum.compare.structure``)."""

    row: int
    """Index of the row holding the block."""
    old_block: int
    """Index of the block in the old Document."""
    new_block: int
    """Index of the block in the new Document."""


@dataclass(frozen=True)
class Comparison:
    """Two Documents and the aligned, word-level difference between them."""

    old: Document
    new: Document
    rows: tuple[Row, ...]
    options: CompareOptions
    link_changes: tuple[LinkChange, ...] = ()
    """Links on unchanged text whose target changed, and images on unchanged
    alternative text whose source changed (none of a kind ``ignore_links`` or
    ``ignore_images`` ignores)."""
    text_moves: tuple[TextMove, ...] = ()
    """Sentences that moved between blocks, in order of where they stood."""
    structure_changes: tuple[StructureChange, ...] = ()
    """Blocks whose kind or nesting level changed, in order of the rows."""

    def document(self, side: Side) -> Document:
        """The version of ``side``."""
        return self.old if side == Side.OLD else self.new

    @property
    def stats(self) -> Stats:
        """Totals over all rows; a move is counted once, where its text arrived."""
        total = Stats()
        for row in self.rows:
            if row.kind is not RowKind.MOVED_FROM:
                total = total + row.stats
        return total

    @property
    def has_changes(self) -> bool:
        """Whether the two versions differ (beyond what the options ignore)."""
        return bool(self.link_changes or self.structure_changes) or any(
            row.changed for row in self.rows
        )

    def changes(self) -> Iterator[Row]:
        """The rows a reader would stop at: every row that is not equal, and rows whose
        link targets or structure changed."""
        return (row for row in self.rows if row.changed or self.noted(row))

    def noted(self, row: Row) -> bool:
        """Whether ``row`` has a change beside its words: a link target or the structure."""
        return row.index in self._by_row[0] or row.index in self._by_row[1]

    def row_structure_changes(self, row: Row) -> list[StructureChange]:
        """The blocks of one row whose kind or nesting level changed."""
        return self._by_row[0].get(row.index, [])

    def row_link_changes(self, row: Row) -> list[LinkChange]:
        """The link target changes inside one row."""
        return self._by_row[1].get(row.index, [])

    def row_text_moves(self, row: Row) -> list[TextMove]:
        """The sentences that moved away from ``row`` or into it."""
        return self._by_row[2].get(row.index, [])

    @cached_property
    def _by_row(
        self,
    ) -> tuple[
        dict[int, list[StructureChange]], dict[int, list[LinkChange]], dict[int, list[TextMove]]
    ]:
        """The structure changes, link changes and text moves by row, made once: a
        renderer asks for each row's (a scan of all of them a row grew with their
        square)."""
        shapes: dict[int, list[StructureChange]] = {}
        links: dict[int, list[LinkChange]] = {}
        moves: dict[int, list[TextMove]] = {}
        for shape in self.structure_changes:
            shapes.setdefault(shape.row, []).append(shape)
        for link in self.link_changes:
            links.setdefault(link.row, []).append(link)
        for move in self.text_moves:
            moves.setdefault(move.old_row, []).append(move)
            if move.new_row != move.old_row:
                moves.setdefault(move.new_row, []).append(move)
        return shapes, links, moves

    def row_counts(self) -> dict[str, int]:
        """How many rows of each kind, for summaries."""
        counts = dict.fromkeys((kind.value for kind in RowKind), 0)
        for row in self.rows:
            counts[row.kind.value] += 1
        return counts

    def segments(self) -> list[tuple[str, str]]:
        """The change as ``(op, text)`` pairs, ``op`` one of ``=``, ``-``, ``+``.

        ``=`` and ``-`` texts rebuild the old text; ``=`` and ``+`` texts rebuild the
        new one. Moved text is ``-`` where it left and ``+`` where it arrived. Text
        that the options treat as equal but that differs is given as ``-`` and ``+``
        so that both texts still rebuild exactly (options that normalize nothing make
        no such text: an equality is then the same text, not compared again).
        """
        old, new = self.old.text, self.new.text
        exact = not self.options.normalizes
        runs = _Runs()
        for row in self.rows:
            if row.kind is _MOVED_FROM:
                runs.add("-", old, row.old)
            elif row.kind is _MOVED_TO:
                runs.add("+", new, row.new)
            elif row.old.start == row.old.end:  # (one side empty: its ops, which tile the
                runs.add("+", new, row.new)  # other, are all "-" or all "+")
            elif row.new.start == row.new.end:
                runs.add("-", old, row.old)
            else:
                for kind, old_span, new_span in row.ops:
                    if kind is _EQUAL and (exact or same_text(old, old_span, new, new_span)):
                        runs.add("=", old, old_span)
                    else:
                        runs.add("-", old, old_span)
                        runs.add("+", new, new_span)
        return runs.finished()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see ``schema/comparison.schema.json``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "old": _document_dict(self.old),
            "new": _document_dict(self.new),
            "options": self.options.to_dict(),
            "stats": _stats_dict(self.stats),
            "rows": [_row_dict(row) for row in self.rows],
            "link_changes": self._changes_dict(LinkKind.LINK),
            "image_changes": self._changes_dict(LinkKind.IMAGE),
            "text_moves": [
                {
                    "old_row": f"c-{move.old_row}",
                    "new_row": f"c-{move.new_row}",
                    "old": [move.old.start, move.old.end],
                    "new": [move.new.start, move.new.end],
                }
                for move in self.text_moves
            ],
            "structure_changes": [
                {
                    "row": f"c-{change.row}",
                    "old": _shape_dict(self.old, change.old_block),
                    "new": _shape_dict(self.new, change.new_block),
                }
                for change in self.structure_changes
            ],
        }

    def _changes_dict(self, kind: LinkKind) -> list[dict[str, Any]]:
        """The JSON form of the link changes of one kind (links or images)."""
        return [
            {
                "row": f"c-{change.row}",
                "old": _link_dict(change.old),
                "new": _link_dict(change.new),
            }
            for change in self.link_changes
            if change.kind is kind
        ]


class _Runs:
    """``Comparison.segments`` as they are found: the run of one op under way is one
    stretch of one text, sliced once (most of a large text is one unchanged stretch,
    its rows and ops following each other there), or pieces joined once at its end
    (adding each piece to the last text would copy it again per piece). No object a
    run: a large comparison has thousands, each one more for the garbage collector."""

    __slots__ = ("end", "op", "out", "pieces", "start", "text")

    def __init__(self) -> None:
        self.out: list[tuple[str, str]] = []
        self.op, self.text, self.start, self.end = "", "", 0, 0
        self.pieces: list[str] = []

    def add(self, op: str, text: str, span: Span) -> None:
        """One more piece: ``span`` of ``text``, under ``op``."""
        start, end = span
        if start == end:
            return
        if op != self.op:
            self._close()
            self.op, self.text, self.start, self.end = op, text, start, end
        elif self.text is text and self.end == start and not self.pieces:
            self.end = end
        else:
            if not self.pieces:
                self.pieces.append(self.text[self.start : self.end])
            self.pieces.append(text[start:end])

    def finished(self) -> list[tuple[str, str]]:
        """The segments, the last run closed."""
        self._close()
        return self.out

    def _close(self) -> None:
        if self.pieces:
            self.out.append((self.op, "".join(self.pieces)))
            self.pieces = []
        elif self.op:
            self.out.append((self.op, self.text[self.start : self.end]))


NO_CHANGE = Stats()
"""The statistics of an unchanged row."""


def row_stats(kind: RowKind, ops: tuple[Op, ...], old_text: str, new_text: str) -> Stats:
    """Words inserted, deleted and moved by one row's ops."""
    moved = kind is _MOVED_FROM or kind is _MOVED_TO
    inserted = deleted = kept = 0
    for op_kind, (old_start, old_end), (new_start, new_end) in ops:  # (unpacked: read fast)
        if op_kind is _EQUAL:
            if moved:
                kept += count_words(new_text, new_start, new_end)
        elif op_kind is not _RENUMBER:  # (an empty side, of an insertion or deletion, not read)
            if new_start != new_end:
                inserted += count_words(new_text, new_start, new_end)
            if old_start != old_end:
                deleted += count_words(old_text, old_start, old_end)
    return Stats(inserted, deleted, kept)


_EQUAL, _RENUMBER = OpKind.EQUAL, OpKind.RENUMBER
_MOVED_FROM, _MOVED_TO = RowKind.MOVED_FROM, RowKind.MOVED_TO
"""Kinds read once (an enum's member costs a lookup through its class each time):
``row_stats`` and ``segments`` ask them of every row and op."""


def _document_dict(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "version": doc.version,
        "date": doc.date,
        "source": doc.source,
        "format": doc.format,
        "text": doc.text,
        "blocks": [
            {
                "kind": block.kind.value,
                "span": [block.span.start, block.span.end],
                "body": [block.body.start, block.body.end],
                "label": [block.label.start, block.label.end] if block.label else None,
                "level": block.level,
            }
            for block in doc.blocks
        ],
        "links": [_link_dict(link) for link in doc.links if link.kind is LinkKind.LINK],
        "images": [_link_dict(link) for link in doc.links if link.kind is LinkKind.IMAGE],
    }


def _shape_dict(doc: Document, index: int) -> dict[str, Any]:
    block = doc.blocks[index]
    return {"block": index, "kind": block.kind.value, "level": block.level}


def _link_dict(link: Link | None) -> dict[str, Any] | None:
    """A link as ``span`` and ``target``, an image as ``span`` (its alternative text)
    and ``source``."""
    if link is None:
        return None
    address = "source" if link.kind is LinkKind.IMAGE else "target"
    return {"span": [link.span.start, link.span.end], address: link.target}


def _stats_dict(stats: Stats) -> dict[str, int]:
    return {
        "words_inserted": stats.words_inserted,
        "words_deleted": stats.words_deleted,
        "words_moved": stats.words_moved,
    }


def _row_dict(row: Row) -> dict[str, Any]:
    return {
        "id": f"c-{row.index}",
        "kind": row.kind.value,
        "old": [row.old.start, row.old.end],
        "new": [row.new.start, row.new.end],
        "old_blocks": [row.old_blocks.start, row.old_blocks.stop],
        "new_blocks": [row.new_blocks.start, row.new_blocks.stop],
        "link": None if row.link is None else f"c-{row.link}",
        "renumbered": row.renumbered,
        "stats": _stats_dict(row.stats),
        "ops": [
            [op.kind.value, op.old.start, op.old.end, op.new.start, op.new.end] for op in row.ops
        ],
    }
