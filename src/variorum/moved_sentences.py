"""Sentences that moved between blocks: deleted in one row, inserted word for word in
another.

The aligner pairs each block with its own counterpart, so a paragraph that lost a
sentence and another that gained the same sentence are two edits; a reader sees one
sentence moved. Once the rows are built, every whole sentence inside a deletion is
looked up among the whole sentences inside insertions: one found exactly once on
each side, of at least ``options.sentence_move_words`` words, is a move (a sentence
repeated in either version could have come from any copy: it stays deleted and
inserted). A sentence that changed its place inside one paragraph is found the same
way. The ops stay as they are; the move is recorded beside them (``TextMove``) and
the statistics count its words once, as moved.

>>> from variorum.compare import compare
>>> kept = "Authenticity is the cornerstone of our community."
>>> one = "We remove spam and fake accounts every day."
>>> two = "We work with the police when there is a risk."
>>> three = "We review reports from people who use our services."
>>> old = f"{one} {kept}\\n\\n{two}\\n\\n{three}"
>>> comparison = compare(old, f"{one}\\n\\n{two}\\n\\n{three} {kept}")
>>> [(move.old_row, move.new_row) for move in comparison.text_moves]
[(0, 2)]
>>> comparison.stats
Stats(words_inserted=0, words_deleted=0, words_moved=7)
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from variorum.cleanup import SENTENCE_END
from variorum.comparison import Op, OpKind, Row, RowKind, Stats, TextMove
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import count_words

ENDS = ".!?。！？"
"""Characters that end a sentence (before a space, a line break or the end)."""
SEARCHED = frozenset(
    {RowKind.CHANGED, RowKind.SPLIT, RowKind.MERGED, RowKind.DELETED, RowKind.INSERTED}
)
"""Rows whose deletions and insertions may hold a moved sentence (a moved block's
rows already show its text as moved)."""

Place = tuple[int, Span]
"""A row index and a sentence's span in that row's text."""


def moved_sentences(
    rows: Sequence[Row], old_text: str, new_text: str, options: CompareOptions
) -> list[TextMove]:
    """The sentences deleted in one place and inserted, identical, in another; in
    order of where they stood."""
    stood = _sentences(rows, old_text, options, old=True)
    arrived = _sentences(rows, new_text, options, old=False)
    moves = [
        TextMove(places[0][0], arrived[text][0][0], places[0][1], arrived[text][0][1])
        for text, places in stood.items()
        if len(places) == 1 and len(arrived.get(text, ())) == 1
    ]
    return sorted(moves, key=lambda move: move.old.start)


def with_moved_words(rows: Sequence[Row], moves: Sequence[TextMove], old_text: str) -> list[Row]:
    """``rows`` with the words of each moved sentence counted as moved (where it
    arrived), no longer as deleted and inserted."""
    changes: dict[int, Stats] = defaultdict(Stats)
    for move in moves:
        words = count_words(old_text, move.old.start, move.old.end)
        changes[move.old_row] = changes[move.old_row] + Stats(0, -words, 0)
        changes[move.new_row] = changes[move.new_row] + Stats(-words, 0, words)
    return [
        replace(row, stats=row.stats + changes[row.index]) if row.index in changes else row
        for row in rows
    ]


def _sentences(
    rows: Sequence[Row], text: str, options: CompareOptions, *, old: bool
) -> dict[str, list[Place]]:
    """Each whole sentence of at least ``sentence_move_words`` words that one side's
    edits removed (``old``) or added, by its text."""
    found: dict[str, list[Place]] = defaultdict(list)
    kinds = (OpKind.DELETE, OpKind.REPLACE) if old else (OpKind.INSERT, OpKind.REPLACE)
    for row in rows:
        if row.kind not in SEARCHED:
            continue
        for op in row.ops:
            if op.kind in kinds:
                for span in whole_sentences(text, _side(op, old)):
                    if count_words(text, span.start, span.end) >= options.sentence_move_words:
                        found[span.of(text)].append((row.index, span))
    return found


def _side(op: Op, old: bool) -> Span:
    return op.old if old else op.new


def whole_sentences(text: str, span: Span) -> Iterator[Span]:
    """The sentences of ``text`` that lie whole inside ``span``, without the spaces
    around them: each begins where a sentence begins in the whole text (after a
    sentence end or a line break, or at its start) and ends with a sentence end or
    at a line break.

    >>> text = "end of one. Two whole words. Three and four"
    >>> [span.of(text) for span in whole_sentences(text, Span(4, len(text) - 9))]
    ['Two whole words.']
    """
    cuts = [span.start, *(m.end() for m in SENTENCE_END.finditer(text, span.start, span.end))]
    cuts.append(span.end)
    for start, end in itertools.pairwise(cuts):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and _begins(text, start) and _ends(text, end):
            yield Span(start, end)


def _begins(text: str, at: int) -> bool:
    """Whether a sentence begins at ``at``: only spaces since a sentence end or a line
    break, or the start of the text."""
    at -= 1
    while at >= 0 and text[at].isspace():
        if text[at] == "\n":
            return True
        at -= 1
    return at < 0 or text[at] in ENDS


def _ends(text: str, at: int) -> bool:
    """Whether a sentence ends at ``at``: after a sentence end followed by a space or
    nothing, or before a line break or the end of the text."""
    if at == len(text) or text[at] == "\n":
        return True
    return text[at - 1] in ENDS and text[at].isspace()
