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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from variorum.annotations.anchor import anchor
from variorum.annotations.model import Annotation, ChangeTarget, Target
from variorum.annotations.offset_map import OffsetMap
from variorum.comparison import Comparison, Side
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
    mapper = _Placing(comparison)
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
    annotation: Annotation, comparison: Comparison, mapper: _Placing
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


class _Placing:
    """A comparison's two offset maps (``annotations.offset_map``), one from each side:
    a note on the new version shows its old wording as well as the reverse."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.maps = {side: OffsetMap(comparison, side) for side in SIDES}

    def first_row(self, ranges: Sequence[Range]) -> int | None:
        """Index of the first row any of ``ranges`` starts in."""
        return min((self.maps[r.side].row_at(r.span.start) for r in ranges), default=None)

    def reading_position(self, ranges: Sequence[Range]) -> tuple[int, int]:
        """Sort key: passages in the order a reader meets them; orphans last."""
        if not ranges:
            return (len(self.comparison.rows) + 1, 0)
        return min((self.maps[r.side].row_at(r.span.start), r.span.start) for r in ranges)

    def wordings(self, found: Range) -> tuple[Wording, ...]:
        """Old and new wording of a passage whose words differ in the other version
        (not only the blank lines between blocks); () if they do not."""
        spans = {
            found.side: found.span,
            found.side.other: self.maps[found.side].wording(found.span),
        }
        documents = {side: self.comparison.document(side) for side in SIDES}
        texts = {side: spans[side].of(documents[side].text) for side in SIDES}
        if texts[Side.OLD].split() == texts[Side.NEW].split():
            return ()
        return tuple(Wording(documents[side].version, side, texts[side]) for side in SIDES)


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
