"""Carrying annotations from one version to the next through a Comparison.

An annotation on the old version is anchored there, and its passage is mapped
through the comparison's word-level ops to the new version (``offset_map``, the map
the published page reads too), where it is:

- ``intact``: the same words, possibly at other offsets;
- ``changed``: its words were edited (``old_text`` and ``new_text`` show both);
- ``moved``: its passage moved elsewhere (and may also have been edited);
- ``deleted``: none of its words remain (``new`` is the empty point where they stood);
- ``orphaned``: it could not be anchored on the old version in the first place.

The mapping follows the alignment, so a passage edited in place is reported as
changed where it stands, never re-attached to similar words elsewhere. The one search
is for a passage the alignment deleted: if its words (with their context) stand in a
paragraph the new version inserted, one rewritten too much to be paired with the old,
the passage is reported as moved there.

>>> from variorum.annotations.model import Annotation, Target
>>> from variorum.compare import compare
>>> c = compare("(b) Not to use information weapons.", "(2) Not to use information arms.")
>>> note = Annotation.new(Target.from_quote(c.old, "use information weapons"))
>>> [(item.status.value, item.new_text) for item in carry([note], c)]
[('changed', 'use information arms')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from variorum.annotations.anchor import anchor
from variorum.annotations.match_quote import match_quote
from variorum.annotations.model import Annotation, Target, TextQuoteSelector
from variorum.annotations.offset_map import OffsetMap, Piece
from variorum.comparison import Comparison, OpKind, Row, Side
from variorum.document import Document, Span

MIN_ADDED_SHARE = 0.8
"""A deleted passage is relocated only where at least this share (0-1) of the text it
is found in was added by the new version: found mostly in kept text, its words belong
to another passage that was there all along."""


class CarryStatus(StrEnum):
    """What became of an annotated passage in the new version."""

    INTACT = "intact"
    CHANGED = "changed"
    MOVED = "moved"
    DELETED = "deleted"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Carried:
    """One annotation of the old version, followed into the new one."""

    annotation: Annotation
    """The annotation carried."""
    status: CarryStatus
    """Intact, changed, moved, deleted or orphaned."""
    old: Span | None
    """Its passage in the old text (None if orphaned)."""
    new: Span | None
    """Its passage in the new text; an empty span where deleted words stood."""
    old_text: str = ""
    """The passage's words in the old version."""
    new_text: str = ""
    """The passage's words in the new version."""
    rows: tuple[int, ...] = ()
    """Indexes of the comparison rows it touches (``c-<index>`` in permalinks)."""

    @property
    def wording_changed(self) -> bool:
        """Whether the words differ (a moved passage may also have been edited)."""
        return self.old_text != self.new_text

    def target_in(self, document: Document) -> Target | None:
        """The passage as a Target on the new version, to re-attach the annotation there."""
        if self.new is None or self.status in (CarryStatus.DELETED, CarryStatus.ORPHANED):
            return None
        return Target.from_span(document, self.new)


class _Relocation:
    """Finds a passage the alignment deleted in text the new version added."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._added = _added_text(comparison)
        self._added_starts = [span.start for span in self._added]

    def relocate(self, carried: Carried) -> Carried:
        """A passage the alignment deleted, found again in text the new version added
        (a paragraph rewritten beyond pairing, or merged into another, that kept the
        passage's words): moved there, with its new wording if it was edited. Found
        mostly in kept text, or not told apart from other places, it stays deleted."""
        new_text = self.comparison.new.text
        if carried.status is not CarryStatus.DELETED or carried.old is None or not self._added:
            return carried
        quote = TextQuoteSelector.from_span(self.comparison.old.text, carried.old)
        hint = carried.new.start if carried.new is not None else None  # an empty Span is falsy
        found = match_quote(
            new_text, quote.exact, quote.prefix, quote.suffix, hint, only=self._mostly_added
        )
        if found is None:
            return carried
        span = found.span
        rows = {*carried.rows, *(row.index for row in self._rows_at(span))}
        return replace(
            carried,
            status=CarryStatus.MOVED,
            new=span,
            new_text=span.of(new_text),
            rows=tuple(sorted(rows)),
        )

    def _mostly_added(self, span: Span) -> bool:
        """Whether the new version added at least ``MIN_ADDED_SHARE`` of ``span``."""
        return self._added_share(span) >= MIN_ADDED_SHARE

    def _added_share(self, span: Span) -> float:
        """The share of ``span``'s characters that the new version added."""
        index = max(0, bisect_right(self._added_starts, span.start) - 1)
        covered = 0
        for added in self._added[index:]:
            if added.start >= span.end:
                break
            covered += max(0, min(span.end, added.end) - max(span.start, added.start))
        return covered / max(1, len(span))

    def _rows_at(self, span: Span) -> Iterator[Row]:
        """Rows standing in the new text that overlap ``span``."""
        for row in self.comparison.rows:
            if row.stands_in(Side.NEW) and row.new.start < span.end and span.start < row.new.end:
                yield row


def carry(annotations: Iterable[Annotation], comparison: Comparison) -> list[Carried]:
    """Carry every annotation on the comparison's old version to its new version.

    Annotations on other versions, and changes between versions, are left out: a change
    belongs to the pair of versions it was made on.
    """
    mapping, relocation = OffsetMap(comparison), _Relocation(comparison)
    version = comparison.old.version
    out = []
    for annotation in annotations:
        target = annotation.target
        if not isinstance(target, Target) or target.version != version:
            continue
        found = anchor(target, comparison.old)
        if found.span is None:
            out.append(Carried(annotation, CarryStatus.ORPHANED, None, None, target.quote.exact))
        else:
            out.append(relocation.relocate(carry_span(mapping, annotation, found.span)))
    return out


def carry_span(mapping: OffsetMap, annotation: Annotation, span: Span) -> Carried:
    """What became of ``span`` (the annotation's passage in the old text): its new
    wording is where the map puts it (``offset_map``), its status read from all its
    pieces."""
    comparison = mapping.comparison
    pieces = mapping.pieces(span)
    main = mapping.main_piece(pieces)
    if main is None:  # an empty passage at the very end of the text
        end = len(comparison.new.text)
        return Carried(annotation, CarryStatus.INTACT, span, Span(end, end))
    wording = mapping.wording(span, pieces)
    old_text, new_text = span.of(comparison.old.text), wording.of(comparison.new.text)
    rows = tuple(sorted(set().union(*(piece.rows() for piece in pieces))))
    status = _status(pieces, main, old_text, new_text, comparison.new.text)
    new = Span(wording.start, wording.start) if status is CarryStatus.DELETED else wording
    return Carried(annotation, status, span, new, old_text, new_text, rows)


def _status(
    pieces: list[Piece], main: Piece, old_text: str, new_text: str, text: str
) -> CarryStatus:
    """Deleted if no word of it remains in the new ``text`` (its wording, ``new_text``,
    and its other pieces); moved if its main piece moved; intact if it is one piece
    with the same words; else changed."""
    others = "".join(piece.there.of(text) for piece in pieces if piece is not main)
    if old_text.strip() and not (new_text + others).strip():
        return CarryStatus.DELETED
    if main.moved_to is not None:
        return CarryStatus.MOVED
    if len(pieces) == 1 and old_text == new_text:
        return CarryStatus.INTACT
    return CarryStatus.CHANGED


def _added_text(comparison: Comparison) -> list[Span]:
    """Spans of the new text that the new version added (inserted or replacing other
    words), adjacent ones merged, in order."""
    spans: list[Span] = []
    for row in comparison.rows:
        if not row.stands_in(Side.NEW):
            continue
        for op in row.ops:
            if op.kind in (OpKind.INSERT, OpKind.REPLACE) and len(op.new):
                if spans and spans[-1].end == op.new.start:
                    spans[-1] = Span(spans[-1].start, op.new.end)
                else:
                    spans.append(op.new)
    return sorted(spans)
