"""Placing a project's annotations on one pair of versions, as numbered notes.

Each annotation on either version of the pair is anchored in that version's text and
becomes a ``Note``: a permalink key (``a-<key>``), a number in reading order, the
passages it covers on the ``old`` and ``new`` side of the comparison, and, when its
passage changed between the two versions, both wordings. An annotation on a change
(a ``ChangeTarget``) covers both sides at once. Annotations that cannot be anchored
are kept as orphans, listed but not highlighted: never attached to a guessed passage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from variorum.annotations.anchor import anchor
from variorum.annotations.kept_words import KeptWords, share_a_word
from variorum.annotations.model import Annotation, ChangeTarget, Target
from variorum.comparison import Comparison, Op, OpKind, Row, Side
from variorum.document import Span

SIDES = (Side.OLD, Side.NEW)
"""The two sides of a comparison, in the order their wordings are shown."""


@dataclass(frozen=True, slots=True)
class Range:
    """A passage of one side of the comparison covered by a note."""

    side: Side
    """Whose text ``span`` indexes."""
    span: Span
    """Character offsets into that side's Document text."""


@dataclass(frozen=True, slots=True)
class Wording:
    """The words of a passage in one version."""

    version: str
    """The version's label."""
    side: Side
    """Which side of the comparison the version is."""
    text: str
    """The passage's words there (empty where it is absent)."""


@dataclass(frozen=True, slots=True)
class Note:
    """One annotation as the published page shows it for one pair of versions."""

    key: str
    """Stable slug of the annotation's id; its permalink is ``#a-<key>``."""
    number: int
    """1-based, in reading order of the passages (orphans last)."""
    annotation: Annotation
    """The annotation itself: body, tags, creator, dates."""
    ranges: tuple[Range, ...]
    """The highlighted passages (empty for an orphan)."""
    quote: str
    """The annotated words as the analyst quoted them."""
    wordings: tuple[Wording, ...] = ()
    """Old and new wording when the passage is on a change; otherwise empty."""
    row: int | None = None
    """Index of the first comparison row it covers (``#c-<row>``), None for an orphan."""

    @property
    def orphaned(self) -> bool:
        """Whether the annotation's passage could not be found in this pair."""
        return not self.ranges

    @property
    def tags(self) -> tuple[str, ...]:
        """The annotation's tags."""
        return self.annotation.body.tags


def note_keys(annotations: Iterable[Annotation]) -> dict[str, str]:
    """Annotation id -> permalink key, the same in every pair of versions."""
    return keys_of_ids(annotation.id for annotation in annotations)


def keys_of_ids(ids: Iterable[str]) -> dict[str, str]:
    """``note_keys`` from the annotations' ids alone, in the same order."""
    keys = _Keys()
    return {identifier: keys.key(identifier) for identifier in ids}


def place_notes(
    annotations: Sequence[Annotation], comparison: Comparison, keys: dict[str, str] | None = None
) -> list[Note]:
    """The annotations on either version of ``comparison``, numbered in reading order."""
    keys = keys or note_keys(annotations)
    mapper = _SideMapper(comparison)
    placed = []
    for annotation in annotations:
        ranges, quote, wordings = _place(annotation, comparison, mapper)
        if ranges is None:
            continue
        placed.append((annotation, ranges, quote, wordings))
    order = sorted(placed, key=lambda item: mapper.reading_position(item[1]))
    return [
        Note(
            keys[annotation.id],
            number,
            annotation,
            ranges,
            quote,
            wordings,
            mapper.first_row(ranges),
        )
        for number, (annotation, ranges, quote, wordings) in enumerate(order, start=1)
    ]


def _place(
    annotation: Annotation, comparison: Comparison, mapper: _SideMapper
) -> tuple[tuple[Range, ...] | None, str, tuple[Wording, ...]]:
    """The ranges, quote and wordings of one annotation; ranges None when it is on
    neither version of the pair (it belongs to another pair)."""
    labels = {comparison.old.version: Side.OLD, comparison.new.version: Side.NEW}
    target = annotation.target
    if isinstance(target, ChangeTarget):
        sides = [(labels[t.version], t) for t in (target.old, target.new) if t.version in labels]
        if not sides:
            return None, "", ()
        ranges = tuple(r for side, t in sides if (r := _anchored(comparison, side, t)))
        quote = next((t.quote.exact for _, t in sides if t.quote.exact), "")
        wordings = (
            Wording(target.old.version, Side.OLD, target.old.quote.exact),
            Wording(target.new.version, Side.NEW, target.new.quote.exact),
        )
        return ranges, quote, wordings
    if target.version not in labels:
        return None, "", ()
    side = labels[target.version]
    found = _anchored(comparison, side, target)
    if found is None:
        return (), target.quote.exact, ()
    return (found,), target.quote.exact, mapper.wordings(found)


def _anchored(comparison: Comparison, side: Side, target: Target) -> Range | None:
    """The target's passage on ``side``, without surrounding whitespace; None if it
    cannot be anchored or is empty (one side of an insertion)."""
    document = comparison.document(side)
    span = anchor(target, document).span
    if span is None:
        return None
    text = span.of(document.text)
    start = span.start + len(text) - len(text.lstrip())
    end = span.end - (len(text) - len(text.rstrip()))
    return Range(side, Span(start, end)) if end > start else None


class _SideMapper:
    """Maps a passage of one side of a comparison to the other through its ops, and
    finds the row it stands in: both directions, so a note on the new version shows
    its old wording as well as the reverse."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._steps: dict[Side, list[tuple[Op, Row]]] = {}
        self._starts: dict[Side, list[int]] = {}
        for side in SIDES:
            steps = [(op, row) for row in comparison.rows if row.stands_in(side) for op in row.ops]
            steps.sort(key=lambda step: step[0].on(side).start)
            self._steps[side] = steps
            self._starts[side] = [op.on(side).start for op, _ in steps]

    def _under(self, side: Side, span: Span) -> list[tuple[Op, Row]]:
        starts, steps = self._starts[side], self._steps[side]
        index = max(0, bisect_right(starts, span.start) - 1)
        out = []
        while index < len(steps) and starts[index] < max(span.end, span.start + 1):
            op_span = steps[index][0].on(side)
            if op_span.end > span.start or (len(op_span) == 0 and op_span.start == span.start):
                out.append(steps[index])
            index += 1
        return out

    def row_of(self, found: Range) -> int:
        """Index of the row holding the start of ``found``."""
        under = self._under(found.side, Span(found.span.start, found.span.start + 1))
        return under[0][1].index if under else len(self.comparison.rows)

    def first_row(self, ranges: Sequence[Range]) -> int | None:
        """Index of the first row any of ``ranges`` starts in."""
        return min((self.row_of(found) for found in ranges), default=None)

    def reading_position(self, ranges: Sequence[Range]) -> tuple[int, int]:
        """Sort key: passages in the order a reader meets them; orphans last."""
        if not ranges:
            return (len(self.comparison.rows) + 1, 0)
        return min((self.row_of(found), found.span.start) for found in ranges)

    def wordings(self, found: Range) -> tuple[Wording, ...]:
        """Old and new wording of a passage that a change touches; () if unchanged."""
        under = self._under(found.side, found.span)
        if all(op.kind is OpKind.EQUAL or not _differs(self.comparison, op) for op, _ in under):
            return ()
        first, last = under[0][0], under[-1][0]
        start = self._map_point(first, found.side, found.span.start, at_end=False)
        end = self._map_point(last, found.side, found.span.end, at_end=True)
        mapped = Span(start, max(start, end))
        whole = first.on(found.side).start >= found.span.start and (
            last.on(found.side).end <= found.span.end
        )
        if not whole and not _share_words(found, mapped, self.comparison):
            mapped = Span(start, start)  # new words inside a rewrite: nothing stood for them
        spans = {found.side: found.span, found.side.other: mapped}
        documents = {side: self.comparison.document(side) for side in SIDES}
        return tuple(
            Wording(documents[side].version, side, spans[side].of(documents[side].text))
            for side in SIDES
        )

    def _map_point(self, op: Op, side: Side, offset: int, at_end: bool) -> int:
        """Where ``offset`` of ``side`` falls on the other side: shifted inside equal
        text; inside a rewritten phrase, placed by the words the rewrite kept; else
        the near or far edge of what replaced it."""
        here, there = op.on(side), op.on(side.other)
        if op.kind is OpKind.EQUAL and len(here) == len(there):
            return there.start + min(max(offset - here.start, 0), len(there))
        if here.start < offset < here.end and len(there):
            text, other_text = (self.comparison.document(s).text for s in (side, side.other))
            words = KeptWords(text, here, other_text, there)
            if words.mine and words.theirs:
                return words.end(offset) if at_end else words.start(offset)
        return there.end if at_end else there.start


def _share_words(found: Range, mapped: Span, comparison: Comparison) -> bool:
    """Whether a passage and what the ops map it to have a word in common."""
    text, other_text = (comparison.document(s).text for s in (found.side, found.side.other))
    return share_a_word(found.span.of(text), mapped.of(other_text))


def _differs(comparison: Comparison, op: Op) -> bool:
    """Whether an op changes words (not only the blank lines between blocks)."""
    old = op.old.of(comparison.old.text)
    new = op.new.of(comparison.new.text)
    return old.split() != new.split()


class _Keys:
    """Short, unique, URL-safe keys from annotation ids: the tail of a ``urn:uuid``
    (8 hex digits) or of an IRI, lengthened or numbered when two would collide."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def key(self, identifier: str) -> str:
        tail = identifier.replace("urn:uuid:", "").rstrip("/").rsplit("/", 1)[-1]
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", tail).strip("-") or "note"
        for length in (8, 12, 16, len(slug)):
            if slug[:length] not in self._used:
                return self._take(slug[:length])
        number = 2
        while f"{slug}-{number}" in self._used:
            number += 1
        return self._take(f"{slug}-{number}")

    def _take(self, key: str) -> str:
        self._used.add(key)
        return key
