"""Where a passage of one version stands in the other: the one map between two versions.

Carrying annotations (old to new), the published page's "changed wording" of a note
(either way) and a project re-attaching a quote to another version all read a passage
through this map, so each says the same of it. The rule, op by op under the passage:

- equal text keeps its words: a point is shifted by the op's offset;
- inside a rewritten phrase, a point is placed through the words both wordings kept
  (``kept_words``);
- any other op (inserted, deleted, a whole phrase replaced) maps to its other side.

A part placed inside a rewrite that holds under half of the words the rewrite replaced
around it (``MIN_STRETCH_SHARE``) is a guess, unless the passage shares a word with
what it is placed on: a passage with such a part and no word in common with its
wording there maps to an empty point (nothing there can be said to stand for it).

The parts in reading order that did not move are one piece: the passage's wording
there runs from where its first word went to where its last went, over what the other
version added between. A part that moved elsewhere is a piece of its own, and the
passage's wording is its largest piece (a passage is never stretched to a place
far away).

>>> from variorum.compare import compare
>>> c = compare("We should lead all elements of society.", "We must encourage all elements in it.")
>>> span = Span(c.old.text.index("lead"), c.old.text.index(" of"))
>>> OffsetMap(c).wording(span).of(c.new.text)
'must encourage all elements'
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from variorum.annotations.kept_words import MIN_STRETCH_SHARE, KeptWords, share_a_word
from variorum.comparison import Comparison, Op, OpKind, Row, RowKind, Side
from variorum.document import Span

MOVED_ROWS = {Side.OLD: RowKind.MOVED_FROM, Side.NEW: RowKind.MOVED_TO}
"""The kind of a row whose text moved, as it stands on each side."""


@dataclass(frozen=True, slots=True)
class Step:
    """One op standing on the map's side, with the row it belongs to."""

    op: Op
    row: Row
    moved_to: int | None
    """For a row whose text moved, the index of the row at the move's other end."""


@dataclass(slots=True)
class Piece:
    """Steps under a passage that stand together on the other side: ``here`` is their
    part of the passage, ``there`` where it stands on the other side."""

    steps: list[Step]
    here: Span
    there: Span
    guessed: bool = False
    """Whether a part of it was placed inside a rewrite without holding most of it."""

    @property
    def moved_to(self) -> int | None:
        """The row its text moved to (or from), or None if it stayed in place."""
        return self.steps[0].moved_to

    def rows(self) -> set[int]:
        """Indexes of the rows it touches, at both ends of a move."""
        found = {step.row.index for step in self.steps}
        return found | ({self.moved_to} if self.moved_to is not None else set())


class OffsetMap:
    """Maps passages of one side of a comparison (``side``, old by default) to the
    other side through the comparison's ops."""

    def __init__(self, comparison: Comparison, side: Side = Side.OLD) -> None:
        self.comparison = comparison
        self.side = side
        self._text = comparison.document(side).text
        self._other_text = comparison.document(side.other).text
        steps = [
            Step(op, row, row.link if row.kind is MOVED_ROWS[side] else None)
            for row in comparison.rows
            if row.stands_in(side)
            for op in row.ops
        ]
        steps.sort(key=lambda step: step.op.on(side).start)  # stable: rows' order at a point
        self._steps = steps
        self._ends = [step.op.on(side).end for step in steps]

    def wording(self, span: Span, pieces: list[Piece] | None = None) -> Span:
        """Where ``span`` stands on the other side: its largest piece there, or an empty
        point where nothing stands for it (``pieces``: its pieces, if already made)."""
        pieces = self.pieces(span) if pieces is None else pieces
        main = self.main_piece(pieces)
        if main is None:  # an empty passage at the very end of the text
            end = len(self._other_text)
            return Span(end, end)
        if main.guessed and not share_a_word(span.of(self._text), main.there.of(self._other_text)):
            return Span(main.there.start, main.there.start)
        return main.there

    def pieces(self, span: Span) -> list[Piece]:
        """The passage's parts on the other side, in reading order: in-place parts
        together, each moved part apart."""
        pieces: list[Piece] = []
        for step in self.steps_under(span):
            here = step.op.on(self.side)
            part = Span(max(span.start, here.start), min(span.end, here.end))
            there, guessed = self._map(step.op, part)
            last = pieces[-1] if pieces else None
            if last and last.moved_to == step.moved_to and last.there.end <= there.start:
                last.steps.append(step)
                last.here = Span(last.here.start, part.end)
                last.there = Span(last.there.start, there.end)
                last.guessed = last.guessed or guessed
            else:
                pieces.append(Piece([step], part, there, guessed))
        return pieces

    @staticmethod
    def main_piece(pieces: list[Piece]) -> Piece | None:
        """The largest piece of a passage (the first of equals), None if there is none."""
        return max(pieces, key=lambda piece: (len(piece.here), -piece.here.start), default=None)

    def steps_under(self, span: Span) -> list[Step]:
        """The steps overlapping ``span``; insertions only strictly inside it (text added
        next to a passage is not part of it). An empty span gets its enclosing step."""
        index = bisect_right(self._ends, span.start)
        steps = self._steps
        if span.start == span.end:
            enclosing = index < len(steps) and steps[index].op.on(self.side).start <= span.start
            return [steps[index]] if enclosing else []
        under = []
        while index < len(steps) and steps[index].op.on(self.side).start < span.end:
            under.append(steps[index])
            index += 1
        return under

    def row_at(self, offset: int) -> int:
        """Index of the row holding the character at ``offset`` (past the last row's
        index for the end of the text)."""
        under = self.steps_under(Span(offset, offset + 1))
        return under[0].row.index if under else len(self.comparison.rows)

    def _map(self, op: Op, part: Span) -> tuple[Span, bool]:
        """Where ``part`` of ``op`` stands on the other side (the rule of the module),
        and whether that is a guess (a small part of a rewrite)."""
        here, there = op.on(self.side), op.on(self.side.other)
        if op.kind is OpKind.EQUAL and len(here) == len(there):
            shift = there.start - here.start
            return Span(part.start + shift, part.end + shift), False
        if op.kind is OpKind.REPLACE and part != here and len(there):
            words = KeptWords(self._text, here, self._other_text, there)
            if words.mine and words.theirs:
                start, end = words.start(part.start), words.end(part.end)
                return Span(start, max(start, end)), words.stretch_share(part) < MIN_STRETCH_SHARE
        return there, False
