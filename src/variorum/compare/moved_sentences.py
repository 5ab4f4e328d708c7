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

import re
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import compress, count
from operator import itemgetter

from variorum.compare.cleanup import slid
from variorum.compare.similarity import span_hashes
from variorum.comparison import Op, OpKind, Row, RowKind, Stats, TextMove
from variorum.compiled import twins
from variorum.document import Span, same_text
from variorum.options import CompareOptions
from variorum.tokens import count_words

ENDS = ".!?。！？"
"""Characters that end a sentence (before a space, a line break or the end)."""
SEARCHED = frozenset(
    {
        RowKind.CHANGED,
        RowKind.SPLIT,
        RowKind.MERGED,
        RowKind.DELETED,
        RowKind.INSERTED,
        RowKind.MOVED_TO,
    }
)
"""Rows whose deletions and insertions may hold a moved sentence: a moved block's
edit is shown (and searched) where it arrived, in its moved-to row; its moved-from
row shares those ops and shows its text as moved away."""

_REMOVING = (OpKind.DELETE, OpKind.REPLACE)
_ADDING = (OpKind.INSERT, OpKind.REPLACE)
_START_OF, _END_OF = itemgetter(1), itemgetter(2)
Place = tuple[int, int, int]
"""A row index and where a sentence starts and ends in that row's text (a tuple, not
a ``Span``: two unrelated documents hold hundreds of thousands of candidates)."""
_STRETCH = re.compile(r"\S(?:[^\n.!?。！？]+|[.!?](?!\s))*(?:[.!?](?=\s)|[。！？]|(?=\n)|\Z)")
"""From a non-space to the first sentence end (``ENDS``), line break or end: runs of
plain characters at a time, not one character per step (six times faster on two
unrelated documents than the lazy ``\\S[^\\n]*?(?:…)``, which matches the same)."""


def moved_sentences(
    rows: Sequence[Row], old_text: str, new_text: str, options: CompareOptions
) -> list[TextMove]:
    """The sentences deleted in one place and inserted, identical, in another; in
    order of where they stood."""
    least = options.sentence_move_words
    removed, added = _edits(rows, least)
    removed_keys, added_keys = _RoughKeys(old_text, removed), _RoughKeys(new_text, added)
    shared = removed_keys.shared(added_keys, least)
    if not shared:
        return []
    stood = _candidates(removed_keys.holding(shared), old_text, least=least)
    arrived = _candidates(added_keys.holding(shared), new_text, least=least, among=stood)
    moves = []
    for text, places in arrived.items():
        (old_row, *old), (new_row, *new) = stood[text][0], places[0]
        old_span, new_span = _without_lone_end(Span(*old), Span(*new))
        if (
            len(stood[text]) == 1
            and len(places) == 1
            and _whole(old_text, old_span)
            and _whole(new_text, new_span)
            and same_text(old_text, old_span, new_text, new_span)  # ("." against "!": no)
        ):
            moves.append(TextMove(old_row, new_row, old_span, new_span))
    return sorted(moves, key=lambda move: move.old.start)


def _without_lone_end(old: Span, new: Span) -> tuple[Span, Span]:
    """The two places of one sentence, the one that holds its full stop (which the
    word diff kept at the other place, as the full stop of another sentence) without
    it: both then hold the same text."""
    if len(old) > len(new):
        return Span(old.start, old.end - 1), new
    if len(new) > len(old):
        return old, Span(new.start, new.end - 1)
    return old, new


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


def _edits(rows: Sequence[Row], least: int) -> tuple[list[Place], list[Place]]:
    """Where the edits of the rows searched (``SEARCHED``) removed text, and where they
    added it: those long enough for ``least`` words (a word is a character or more)."""
    removed: list[Place] = []
    added: list[Place] = []
    for row in rows:
        if row.kind in SEARCHED:
            for kind, old, new in row.ops:
                if kind in _REMOVING and old.end - old.start >= least:
                    removed.append((row.index, old.start, old.end))
                if kind in _ADDING and new.end - new.start >= least:
                    added.append((row.index, new.start, new.end))
    return removed, added


class _RoughKeys:
    """The rough keys of the stretches (``_STRETCH``) of some edits of one text: each
    stretch without the spaces and sentence ends it ends with, so that two stretches
    of one key (``_key``) have one rough key. Hashed where they stand, in one pass with
    no Python step per stretch: two unrelated documents hold hundreds of thousands, and
    share next to none."""

    def __init__(self, text: str, edits: Sequence[Place]) -> None:
        self.text, self.edits = text, edits
        starts = array("q", map(_START_OF, edits))
        ends = array("q", map(_END_OF, edits))
        self.spans = (twins.rough_key_spans or rough_key_spans)(text, starts, ends)
        """Where each rough key starts and ends, and its edit, three numbers a key."""
        self.hashes = span_hashes(text, self.spans[0::3], self.spans[1::3])

    def shared(self, other: _RoughKeys, least: int) -> set[int]:
        """The hashes of the rough keys found on both sides, of at least ``least`` words
        (as many as the keys they stand for: a sentence end is never part of a word)."""
        common = set(self.hashes).intersection(other.hashes)
        text, spans = self.text, self.spans
        return {
            self.hashes[at]
            for at in compress(count(), map(common.__contains__, self.hashes))
            if count_words(text, spans[3 * at], spans[3 * at + 1]) >= least
        }

    def holding(self, shared: set[int]) -> list[Place]:
        """The edits with a stretch of a rough key in ``shared``: the only ones where a
        sentence found on both sides can stand; in order."""
        found = compress(self.spans[2::3], map(shared.__contains__, self.hashes))
        return [self.edits[at] for at in sorted(set(found))]


def rough_key_spans(text: str, starts: array[int], ends: array[int]) -> array[int]:
    """For each stretch (``_STRETCH``) of each ``text[start:end]``, where its rough key
    (``_RoughKeys``) starts and ends and the number of its span: three numbers each.

    >>> list(rough_key_spans("One two. Three?\\nFour", array("q", [0]), array("q", [20])))
    [0, 7, 0, 9, 14, 0, 16, 20, 0]
    """
    found = array("q")
    for span, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for match in _STRETCH.finditer(text, start, end):
            key = match.group().rstrip().rstrip(ENDS)
            found.extend((match.start(), match.start() + len(key), span))
    return found


def _candidates(
    edits: Sequence[Place], text: str, *, least: int, among: Mapping[str, object] | None = None
) -> dict[str, list[Place]]:
    """Each stretch from a non-space up to a sentence end, a line break or the end of
    an edit, in ``edits``, by its text: those of at least ``least`` words
    (``sentence_move_words``: a shorter one is never shown moved), only those also in
    ``among`` when given (which holds no shorter one)."""
    found: dict[str, list[Place]] = defaultdict(list)
    stretches = _STRETCH.finditer
    for row_index, start, end in edits:
        for match in stretches(text, start, end):
            start, end = match.span()
            while text[end - 1].isspace():
                end -= 1
            stretch = _key(text[start:end])
            if stretch in among if among is not None else count_words(stretch) >= least:
                found[stretch].append((row_index, start, end))
    return found


def _key(stretch: str) -> str:
    """A stretch without the sentence end it ends with: a sentence moved to stand
    before another's full stop (``… ask us to share`` + ``. For example``) is found
    with its own (``… ask us to share.``)."""
    return stretch[:-1] if stretch[-1] in ENDS else stretch


def _whole(text: str, span: Span) -> bool:
    """Whether ``span`` of ``text`` is a whole sentence: it begins where a sentence
    begins (after a sentence end or a line break, or at the start) and ends with a
    sentence end or at a line break.

    >>> text = "end of one. Two whole words. Three and four"
    >>> _whole(text, Span(12, 28)), _whole(text, Span(29, 34)), _whole(text, Span(4, 11))
    (True, False, False)
    """
    return _begins(text, span.start) and _ends(text, span.end)


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
    nothing, before one, or before a line break or the end of the text."""
    if at == len(text) or text[at] == "\n":
        return True
    if text[at] in ENDS and (at + 1 == len(text) or text[at + 1].isspace()):
        return True  # before its full stop (``_without_lone_end``)
    return text[at - 1] in ENDS and text[at].isspace()


def slide_to_sentences(ops: Sequence[Op], old_text: str, new_text: str) -> Sequence[Op]:
    """``ops`` with each insertion or deletion between two equalities that could stand a
    few characters earlier or later (its text repeats the text beside it) slid to where
    it holds whole sentences, when it does not already: ``We {+share it. We +}collect``
    is the same edit as ``{+We share it. +}We collect``, which a reader reads as the
    sentence added, and in which a sentence that changed its place inside a paragraph
    is found as moved (``moved_sentences``). The equalities around it keep the same
    text; only where the edit stands changes."""
    insert, delete, equal = OpKind.INSERT, OpKind.DELETE, OpKind.EQUAL
    edits = [i for i, (kind, _, _) in enumerate(ops) if kind is insert or kind is delete]
    if not edits:
        return ops  # (most rows: their edits are replacements, which do not slide)
    out = list(ops)
    last = len(out) - 1
    emptied = False
    for index in edits:
        if index == 0 or index == last:
            continue
        before, op, after = out[index - 1], out[index], out[index + 1]
        if before.kind is not equal or after.kind is not equal:
            continue
        if op.kind is insert:
            text, span, low, high = new_text, op.new, before.new.start, after.new.end
        else:
            text, span, low, high = old_text, op.old, before.old.start, after.old.end
        # an equality between two edits keeps a character: no two edits side by side
        shift = sentence_shift(text, span, low + (index > 1), high - (index + 1 < last))
        if shift:
            out[index - 1 : index + 2] = slid(before, op, after, shift)
            emptied = emptied or before.old.end + shift == before.old.start
            emptied = emptied or after.old.start + shift == after.old.end
    # (an equality the slide emptied, at the row's edge, is dropped; a page of ops is
    # not walked again)
    return [op for op in out if op.old or op.new] if emptied else out


def sentence_shift(text: str, span: Span, low: int, high: int) -> int:
    """How far (in characters, negative: earlier) the edit ``span`` of ``text`` slides,
    within ``low`` and ``high`` (the ends of the equalities beside it), to the nearest
    place where it holds whole sentences (``_sentences``); 0 if it holds them already,
    or no place does."""
    start, end = span
    if text[start - 1] != text[end - 1] and text[start] != text[end]:
        return 0  # (the common case: it cannot slide)
    if _sentences(text, start, end):
        return 0
    earlier = 0
    while start - earlier > low and text[start - earlier - 1] == text[end - earlier - 1]:
        earlier += 1
        if _sentences(text, start - earlier, end - earlier):
            break
    else:
        earlier = 0
    later = 0
    while end + later < high and text[start + later] == text[end + later]:
        later += 1
        if _sentences(text, start + later, end + later):
            break
    else:
        later = 0
    if earlier and (not later or earlier <= later):
        return -earlier
    return later


def _sentences(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins where a sentence begins and ends where one
    ends (or after the spaces that follow its end)."""
    if start >= end or text[start].isspace() or not _begins(text, start):
        return False
    at = end
    while at > start and text[at - 1].isspace() and text[at - 1] != "\n":
        at -= 1
    return (at < end and at > start and text[at - 1] in ENDS) or _ends(text, end)
