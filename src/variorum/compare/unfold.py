"""Kept runs unfolded: a replacement that hides identical text is cut around it.

diff-match-patch's semantic cleanup folds an equality into the edits around it when
the edits on both sides are longer, then looks again at the equality before it; on
a rewritten paragraph this cascade swallows whole clauses that stayed, and a reader
sees them as deleted and inserted. A minimal diff does not find them either: it
prefers many scattered shared words (``the``, ``of``, spaces) to one clause that
stayed but changed its place in the paragraph. So each replacement that could hide a
kept run (``cleanup.holds_kept_run``) is searched for runs of ``kept_run_words``
words found as often on each side, in an order both sides share (as patience diff
anchors on unique lines, and then again between the anchors); the replacement is cut
at them and each stretch between them diffed and cleaned on its own. A sentence end
or line break that stayed is then found in the minimal diff of what is still replaced.

>>> from variorum.compare import compare
>>> old = "Context matters. We remove content and work with the police when there is a risk."
>>> new = "We remove content and work with the police when there is a risk. Context helps."
>>> [text for op, text in compare(old, new).segments() if op == "="]
['We remove content and work with the police when there is a risk.', '\\n']
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Sequence

from variorum.compare.align import longest_increasing
from variorum.compare.cleanup import LETTER, holds_kept_mark, holds_kept_run
from variorum.compare.diff import minimal_equalities, units
from variorum.compare.similarity import normalize, span_hashes
from variorum.comparison import Op, OpKind
from variorum.compiled import twins
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import WORD_PATTERN, count_words, word_spans

REPLACE, EQUAL = OpKind.REPLACE, OpKind.EQUAL  # (asked of every op of a rewritten page)
Run = tuple[Span, Span]
"""Identical text in the old and the new version: its old span and its new span."""
SEARCHED_GAP = 8
"""A stretch between two kept runs is searched again for runs of its own only when
each side holds more than this many times ``kept_run_words`` words. A shorter one is
left to its minimal diff (``_minimal_runs``), always within the diff's effort at that
size, which finds what stayed there as well (measured on the corpus: the same runs)
without a search per stretch."""
PREFILTERED_CHARS = 4_000
"""Replacements up to this many characters a side are first checked for enough shared
words to hold a kept run (``_shared_words``): most are a few words replaced by others.
A longer one (a rewritten page) would pay for the count and be searched anyway."""
PieceDiff = Callable[[Span, Span], Sequence[Op]]
"""The row's own word diff (cleaned) of one stretch of old text and one of new."""
Cut = Callable[[Op, Sequence[Run]], Sequence[Op]]
"""A replacement cut around kept runs (in order, inside it), the stretches between them
diffed by the row's own word diff: ``cut_around`` with a ``PieceDiff``."""


def unfold_kept_runs(
    ops: Sequence[Op],
    old_text: str,
    new_text: str,
    cut: Cut,
    options: CompareOptions,
) -> tuple[Op, ...]:
    """``ops`` with every replacement that folded a kept run ``cut`` around it; ``ops``
    as they are when no replacement could hide one, the common case."""
    words = options.kept_run_words
    if not any(_may_hide(op, old_text, new_text, words) for op in ops):
        return tuple(ops)
    out: list[Op] = []
    for op in ops:
        if not _may_hide(op, old_text, new_text, words):
            _append(out, op)
            continue
        shared = _shared_words(op, old_text, new_text) if _short(op) else words
        runs = _shared_runs(old_text, op.old, new_text, op.new, options) if shared >= words else []
        if not runs and shared < words - 2 and not _both_hold_a_kept_mark(op, old_text, new_text):
            _append(out, op)  # the common case: the minimal diff cannot keep a run either
            continue
        pieces = cut(op, runs)  # (no two equalities side by side: extended by slices)
        done = 0
        for index in _hiding(pieces, old_text, new_text, words):
            _extend(out, pieces[done:index])
            kept = _minimal_runs(pieces[index], old_text, new_text, options)
            _extend(out, cut(pieces[index], kept))
            done = index + 1
        _extend(out, pieces[done:])
    return tuple(out)


def _hiding(ops: Sequence[Op], old_text: str, new_text: str, words: int) -> list[int]:
    """Where the replacements among ``ops`` that could hide a kept run stand (a few
    of the tens of thousands of pieces of a rewritten page)."""
    return [
        index
        for index, op in enumerate(ops)
        if op.kind is REPLACE and _may_hide(op, old_text, new_text, words)
    ]


def unfold_content_words(
    ops: Sequence[Op],
    old_text: str,
    new_text: str,
    cut: Cut,
    options: CompareOptions,
) -> tuple[Op, ...]:
    """``ops`` with each short replacement (at most ``options.content_word_reach`` words
    a side) ``cut`` around the words of meaning its two sides share once each, where a
    function word both share crosses them: the minimal diff, tied between keeping a
    function word and a word of meaning, may keep ``or`` and fold ``glorifying`` into
    the phrase around it
    (``promoting[- or glorifying-]{+, glorifying or providing instructions for+}``);
    cut, it reads ``promoting[- or-]{+,+} glorifying {+or providing instructions for+}``."""
    if not options.content_word_reach:
        return tuple(ops)
    reach = range(2, options.content_word_reach + 1)  # a word, and one crossing it
    count = twins.count_words or count_words  # (asked of every replacement)
    found = {
        index: runs
        for index, op in enumerate(ops)
        if op.kind is REPLACE
        and count(old_text, op.old.start, op.old.end) in reach
        and count(new_text, op.new.start, op.new.end) in reach
        and (runs := _shared_content_words(op, old_text, new_text, options))
    }  # (only the few found: a rewritten page holds tens of thousands of replacements)
    if not found:
        return tuple(ops)  # the common case
    out: list[Op] = []
    done = 0
    for index, runs in found.items():  # (no two equalities side by side: extended by slices)
        _extend(out, ops[done:index])
        _extend(out, cut(ops[index], runs))
        done = index + 1
    _extend(out, ops[done:])
    return tuple(out)


def unfold_respacing(
    ops: Sequence[Op], old_text: str, new_text: str, options: CompareOptions
) -> tuple[Op, ...]:
    """``ops`` with the words a replacement holds only because white space changed
    around them cut out of it, kept: only the white space that changed stays an edit.
    The core's cleanup folds a word standing between two respaced gaps into the edits
    around it, ``We[- collect -]{+  collect   +}data.``, which tells a reader (and the
    statistics) that the word was deleted and inserted; it stayed, respaced:
    ``We[- -]{+  +}collect[- -]{+   +}data.`` So too beside a word that changed,
    ``one[- two -]{+  too  +}three[- -]{+  +}four.``, and beside one that differs only
    in what the options ignore (``ignore_case``: ``two`` and ``twO``)."""
    found = [
        (index, cut)
        for index, op in enumerate(ops)
        if op.kind is REPLACE
        and (
            _spacing_irregular(op.old, old_text) or _spacing_irregular(op.new, new_text)
        )  # (most replacements have single spaces: told before any slicing)
        and (cut := _cut_at_respaced_words(op, old_text, new_text, options)) is not None
    ]
    if not found:
        return tuple(ops)  # the common case
    out: list[Op] = []
    done = 0
    for index, cut in found:
        _extend(out, ops[done:index])
        _extend(out, cut)
        done = index + 1
    _extend(out, ops[done:])
    return tuple(out)


def unfold_marks(
    ops: Sequence[Op], old_text: str, new_text: str, cut: Cut, options: CompareOptions
) -> tuple[Op, ...]:
    """``ops`` with each replacement that changes no word (its two sides hold the same
    words, in order: only marks or spaces changed) ``cut`` at the words its minimal
    diff keeps. The core's cleanup folds a word between two changed marks into them,
    ``[-**Entheogens**-]{+Entheogens+}``, which tells a reader (and the statistics)
    that the word was deleted and inserted; it stayed: ``[-**-]Entheogens[-**-]``."""
    count = twins.count_words or count_words  # (asked of every replacement)
    found = [
        index
        for index, op in enumerate(ops)
        if op.kind is REPLACE
        and (options.normalizes or _may_begin_alike(op, old_text, new_text))
        and _same_first_word(op, old_text, new_text, options)
        and count(old_text, op.old.start, op.old.end) == count(new_text, op.new.start, op.new.end)
        and _same_words(op, old_text, new_text, options)
    ]  # (most replacements change their first word: told before any list is made)
    if not found:
        return tuple(ops)  # the common case
    out: list[Op] = []
    done = 0
    for index in found:
        _extend(out, ops[done:index])
        op = ops[index]
        kept = minimal_equalities(old_text, op.old, new_text, op.new, options)
        _extend(out, cut(op, [(old, new) for old, new in kept if _holds_word(new_text, new)]))
        done = index + 1
    _extend(out, ops[done:])
    return tuple(out)


def _may_begin_alike(op: Op, old_text: str, new_text: str) -> bool:
    """Whether the two sides of ``op`` may begin with the same word: not when each
    begins with a letter or digit of its own (a word replaced, the common case)."""
    old, new = old_text[op.old.start], new_text[op.new.start]
    return old == new or not (old.isalnum() and new.isalnum())


def _same_first_word(op: Op, old_text: str, new_text: str, options: CompareOptions) -> bool:
    """Whether the two sides of ``op`` begin with the same word (as the options compare
    them)."""
    old = WORD_PATTERN.search(old_text, op.old.start, op.old.end)
    new = WORD_PATTERN.search(new_text, op.new.start, op.new.end)
    if old is None or new is None:
        return False
    if old.group() == new.group():
        return True
    return options.normalizes and normalize(old.group(), options) == normalize(new.group(), options)


def _same_words(op: Op, old_text: str, new_text: str, options: CompareOptions) -> bool:
    """Whether the two sides of ``op`` hold the same words in the same order (as the
    options compare them)."""
    old = WORD_PATTERN.findall(old_text, op.old.start, op.old.end)
    new = WORD_PATTERN.findall(new_text, op.new.start, op.new.end)
    if options.normalizes:
        return [normalize(word, options) for word in old] == [
            normalize(word, options) for word in new
        ]
    return old == new


def _holds_word(text: str, span: Span) -> bool:
    """Whether ``span`` of ``text`` holds a word."""
    return WORD_PATTERN.search(text, span.start, span.end) is not None


_NOT_SPACE = re.compile(r"\S+")
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]")


def _spacing_irregular(span: Span, text: str) -> bool:
    """Whether ``span`` of ``text`` holds white space other than single spaces: where
    neither side does, no gap was respaced."""
    return _IRREGULAR_SPACE.search(text, span.start, span.end) is not None


def _cut_at_respaced_words(
    op: Op, old_text: str, new_text: str, options: CompareOptions
) -> list[Op] | None:
    """A replacement cut at the runs of non-space text it keeps, or None if it keeps
    none: runs equal (by the options' keys) at the same place on both sides, of two
    sides with as many runs, each run standing between two gaps of white space both
    respaced (or every run equal: only the spacing changed). The stretches between
    kept runs stay edits, or equal where their text is."""
    olds = list(_NOT_SPACE.finditer(old_text, op.old.start, op.old.end))
    news = list(_NOT_SPACE.finditer(new_text, op.new.start, op.new.end))
    if len(olds) != len(news):
        return None
    same = [
        _same_run(old, new, old_text, new_text, options)
        for old, new in zip(olds, news, strict=True)
    ]
    if not all(same) or not any(WORD_PATTERN.search(old.group()) for old in olds):
        old_ends = [op.old.start, *(old.end() for old in olds), op.old.end]
        new_ends = [op.new.start, *(new.end() for new in news), op.new.end]
        old_starts = [old.start() for old in olds] + [op.old.end]
        new_starts = [new.start() for new in news] + [op.new.end]
        # the gap before run k ends at its start; the gap after it starts at its end
        respaced = [
            old_ends[k] < old_starts[k]
            and new_ends[k] < new_starts[k]
            and old_text[old_ends[k] : old_starts[k]] != new_text[new_ends[k] : new_starts[k]]
            for k in range(len(olds) + 1)
        ]
        same = [
            same[k]
            and respaced[k]
            and respaced[k + 1]
            and WORD_PATTERN.search(olds[k].group()) is not None
            for k in range(len(olds))
        ]
        if not any(same):
            return None
    out: list[Op] = []
    old_at, new_at = op.old.start, op.new.start
    for old, new, kept in zip(olds, news, same, strict=True):
        if kept:
            _append_space(
                out, Span(old_at, old.start()), Span(new_at, new.start()), old_text, new_text
            )
            _append(out, Op(EQUAL, Span(old.start(), old.end()), Span(new.start(), new.end())))
            old_at, new_at = old.end(), new.end()
    _append_space(out, Span(old_at, op.old.end), Span(new_at, op.new.end), old_text, new_text)
    return out


def _same_run(
    old: re.Match[str], new: re.Match[str], old_text: str, new_text: str, options: CompareOptions
) -> bool:
    """Whether two runs of non-space text read alike, by the options' keys."""
    if old.group() == new.group():
        return True
    if not options.normalizes:
        return False
    old_keys = [key for _, _, key in units(old_text, Span(old.start(), old.end()), options)]
    new_keys = [key for _, _, key in units(new_text, Span(new.start(), new.end()), options)]
    return old_keys == new_keys


def _append_space(out: list[Op], old: Span, new: Span, old_text: str, new_text: str) -> None:
    """The white space between two kept runs of a respaced replacement, after ``out``."""
    if old.of(old_text) == new.of(new_text):
        if old.start < old.end:
            _append(out, Op(EQUAL, old, new))
    else:
        kind = REPLACE if old and new else (OpKind.DELETE if old else OpKind.INSERT)
        out.append(Op(kind, old, new))


def _shared_content_words(
    op: Op, old_text: str, new_text: str, options: CompareOptions
) -> list[Run]:
    """The words of meaning (with a letter, not ``options.function_words``) found once
    on each side of a replacement (of 2 to ``options.content_word_reach`` words a side),
    in an order both share, that a function word found on both sides crosses (before
    the word on one side, after it on the other: the diff could keep one or the other)."""
    old_words = WORD_PATTERN.findall(old_text, op.old.start, op.old.end)
    new_words = WORD_PATTERN.findall(new_text, op.new.start, op.new.end)
    function_words = options.function_words
    both = set(old_words).intersection(new_words)
    if not both or all(word.casefold() in function_words for word in both):
        return []  # the common case: no word of meaning on both sides
    old_once, new_once = _once(old_words, function_words), _once(new_words, function_words)
    old_small = _function_words(old_words, function_words)
    new_small = _function_words(new_words, function_words)
    pairs = sorted(
        (old_once[word], new_once[word])
        for word in old_once.keys() & new_once.keys()
        if _crossed(old_once[word], new_once[word], old_small, new_small)
    )
    if not pairs:
        return []  # the common case: no word found at all
    old_at = list(WORD_PATTERN.finditer(old_text, op.old.start, op.old.end))
    new_at = list(WORD_PATTERN.finditer(new_text, op.new.start, op.new.end))
    return [
        (Span(*old_at[i].span()), Span(*new_at[j].span())) for i, j in longest_increasing(pairs)
    ]


def _once(words: list[str], function_words: frozenset[str]) -> dict[str, int]:
    """The words of meaning that occur once, and where (their index)."""
    count = Counter(words)
    return {
        word: index
        for index, word in enumerate(words)
        if count[word] == 1 and word.casefold() not in function_words and LETTER.search(word)
    }


def _function_words(words: list[str], function_words: frozenset[str]) -> dict[str, list[int]]:
    """Where each function word stands (its indexes), by its casefolded text."""
    found: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        if word.casefold() in function_words:
            found.setdefault(word.casefold(), []).append(index)
    return found


def _crossed(i: int, j: int, old: dict[str, list[int]], new: dict[str, list[int]]) -> bool:
    """Whether a function word on both sides stands before ``i`` on the old side and
    after ``j`` on the new one, or the other way round."""
    return any(
        (a < i) != (b < j) for word in old.keys() & new.keys() for a in old[word] for b in new[word]
    )


def _append(out: list[Op], op: Op) -> None:
    """``op`` after the others; an equality right after an equality joins it."""
    if out and op.kind is EQUAL and out[-1].kind is EQUAL:
        last = out[-1]
        out[-1] = Op(EQUAL, Span(last.old.start, op.old.end), Span(last.new.start, op.new.end))
    else:
        out.append(op)


def _extend(out: list[Op], ops: Sequence[Op]) -> None:
    """``ops`` (joined where they meet already) after the others."""
    if ops:
        _append(out, ops[0])
        out.extend(ops[1:])


def _may_hide(op: Op, old_text: str, new_text: str, words: int) -> bool:
    """Whether a kept run could lie inside ``op``: a replacement whose two sides each
    hold one (a cheap test that spares most replacements any search)."""
    return (
        op.kind is REPLACE
        and holds_kept_run(old_text, op.old.start, op.old.end, words)
        and holds_kept_run(new_text, op.new.start, op.new.end, words)
    )


def _shared_words(op: Op, old_text: str, new_text: str) -> int:
    """How many words the two sides of ``op`` share, counted as multisets: a kept run of
    n words needs n of them; an equality of n words in the minimal diff needs n - 2
    (its first and last word may be cut from longer ones on a side). Replacements of
    a few unrelated words, the most common, share none: no search is needed."""
    old_words = WORD_PATTERN.findall(old_text, op.old.start, op.old.end)
    new_words = WORD_PATTERN.findall(new_text, op.new.start, op.new.end)
    common = set(old_words).intersection(new_words)
    if not common:
        return 0  # (the common case, found without counting)
    old_count, new_count = Counter(old_words), Counter(new_words)
    return sum(min(old_count[word], new_count[word]) for word in common)


def _short(op: Op) -> bool:
    """Whether ``op`` is short enough (``PREFILTERED_CHARS`` a side) for the count of
    ``_shared_words`` to pay: a long one is searched anyway."""
    return max(len(op.old), len(op.new)) <= PREFILTERED_CHARS


def _both_hold_a_kept_mark(op: Op, old_text: str, new_text: str) -> bool:
    """Whether both sides of ``op`` hold a sentence end, a line break or a web address
    (``holds_kept_mark``: which an equality of the minimal diff could keep)."""
    return holds_kept_mark(old_text, op.old.start, op.old.end) and holds_kept_mark(
        new_text, op.new.start, op.new.end
    )


def cut_around(op: Op, runs: Sequence[Run], diff_piece: PieceDiff) -> list[Op]:
    """``op`` as the ``runs`` (in order, inside it) kept equal and the stretches
    between them diffed on their own by ``diff_piece``. (``_wordops.cut_ops`` is the
    compiled twin with the row's compiled diff: a rewritten page has thousands.)"""
    if not runs:
        return [op]
    out: list[Op] = []
    old_at, new_at = op.old.start, op.new.start
    for old, new in runs:
        _extend(out, diff_piece(Span(old_at, old.start), Span(new_at, new.start)))
        if old.end > old.start or new.end > new.start:
            _append(out, Op(EQUAL, old, new))
        old_at, new_at = old.end, new.end
    _extend(out, diff_piece(Span(old_at, op.old.end), Span(new_at, op.new.end)))
    return out


def _shared_runs(
    old_text: str, old: Span, new_text: str, new: Span, options: CompareOptions
) -> list[Run]:
    """Runs of at least ``options.kept_run_words`` words identical in ``old`` and ``new``, in
    an order both sides share: anchored on word sequences that occur as often on each
    side (the longest chain of them), then searched again between the anchors, where
    a sequence repeated in the whole may occur once (as patience diff recurses), if
    the stretch is long enough (``SEARCHED_GAP``)."""
    size = options.kept_run_words
    old_words = _Words(old_text, old, size)
    new_words = _Words(new_text, new, size)
    places: list[tuple[int, int, int, int]] = []
    gaps = [(0, len(old_words), 0, len(new_words))]
    while gaps:
        i0, i1, j0, j1 = gaps.pop()
        found = _anchor_runs(old_words, i0, i1, new_words, j0, j1, options.kept_run_repeats)
        places += found
        bounds = [(i0 - 1, j0 - 1, i0 - 1, j0 - 1), *found, (i1, j1, i1, j1)]
        for (_, _, a1, b1), (a0, b0, _, _) in itertools.pairwise(bounds):
            if found and min(a0 - a1, b0 - b1) > SEARCHED_GAP * size:
                gaps.append((a1 + 1, a0, b1 + 1, b0))
    places.sort()  # by first old word: in the order of the text (no two share a word)
    return _spans(old_words, new_words, places)


def _spans(old: _Words, new: _Words, places: list[tuple[int, int, int, int]]) -> list[Run]:
    """Runs given by their first and last words (first old, first new, last old, last
    new) as spans of the texts."""
    old_starts, old_ends, new_starts, new_ends = old.starts, old.ends, new.starts, new.ends
    return [
        (Span(old_starts[a0], old_ends[a1]), Span(new_starts[b0], new_ends[b1]))
        for a0, b0, a1, b1 in places
    ]


class _Words:
    """The words of a span of text, as two arrays of offsets (a long passage holds
    hundreds of thousands: no object per word), searched in runs of ``size`` words."""

    def __init__(self, text: str, span: Span, size: int) -> None:
        self.text = text
        self.size = size
        self.starts, self.ends = word_spans(text, span.start, span.end)
        self._keys: array[int] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def shingles(self, first: int, stop: int) -> array[int]:
        """A hash of the text of each ``size`` consecutive words from word ``first`` on
        (with what stands between them), by the index of its first word less ``first``;
        words from ``stop`` on are not used. Hashes, not the texts, keep memory low; a
        pair of equal hashes is checked against the text before use. All are hashed
        once, for every search between anchors to slice."""
        if self._keys is None:
            last = self.size - 1
            count = max(len(self) - last, 0)
            self._keys = span_hashes(self.text, self.starts[:count], self.ends[last:])
        return self._keys[first : max(first, stop - self.size + 1)]


def _anchor_runs(
    old: _Words, i0: int, i1: int, new: _Words, j0: int, j1: int, repeats: int
) -> list[tuple[int, int, int, int]]:
    """Shared runs of words between old words ``i0:i1`` and new words ``j0:j1``, as
    (first old word, first new word, last old word, last new word): word sequences of
    the ``size`` of a run found as often on each side, the k-th on one side paired with the
    k-th on the other, the longest chain in order of both, overlapping ones joined."""
    old_keys, new_keys = old.shingles(i0, i1), new.shingles(j0, j1)
    old_chain, new_chain = (twins.equal_count_chain or equal_count_chain)(old_keys, new_keys)
    if not old_chain:
        rarest = longest_increasing(_rarest_pairs(old_keys, new_keys, repeats))
        old_chain, new_chain = _arrays(rarest)
    runs = _runs(old_chain, new_chain, old.size - 1, i0, j0)
    if all(_same_text(old, a0, a1, new, b0, b1) for a0, b0, a1, b1 in runs):
        return runs  # the common case: no two texts with one hash in the chain
    checked = [
        (i, j) for i, j in zip(old_chain, new_chain, strict=True)
        if _same_shingle(old, i0 + i, new, j0 + j)
    ]  # fmt: skip
    return _runs(*_arrays(checked), old.size - 1, i0, j0)


def _arrays(chain: list[tuple[int, int]]) -> tuple[array[int], array[int]]:
    """A chain of pairs of places as two arrays: old places, new places."""
    return array("q", [i for i, _ in chain]), array("q", [j for _, j in chain])


def _runs(
    old_chain: array[int], new_chain: array[int], last: int, i0: int, j0: int
) -> list[tuple[int, int, int, int]]:
    """``joined_runs`` of a chain found from old word ``i0`` and new word ``j0`` on."""
    return [
        (i0 + a0, j0 + b0, i0 + a1, j0 + b1)
        for a0, b0, a1, b1 in (twins.joined_runs or joined_runs)(old_chain, new_chain, last)
    ]


def equal_count_chain(
    old_keys: Sequence[int], new_keys: Sequence[int]
) -> tuple[array[int], array[int]]:
    """The longest chain, in order of both sides, of the places of keys found as often on
    each side, the k-th place on one side paired with the k-th on the other: its old
    places and its new places (none when no key is found as often). Compiled in
    ``_wordops`` (``twins.equal_count_chain``)."""
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    common = old_count.keys() & new_count.keys()
    shared = {key for key in common if old_count[key] == new_count[key]}
    return _arrays(longest_increasing(_equal_count_pairs(old_keys, new_keys, shared, old_count)))


def _equal_count_pairs(
    old_keys: Sequence[int], new_keys: Sequence[int], shared: set[int], old_count: Counter[int]
) -> list[tuple[int, int]]:
    """The k-th place of each ``shared`` key on the old side with its k-th on the new
    side, sorted by old place. Most keys occur once a side: their places come from one
    dictionary a side, built by the interpreter's C loop, not word by word."""
    old_last = dict(zip(old_keys, range(len(old_keys)), strict=True))
    new_last = dict(zip(new_keys, range(len(new_keys)), strict=True))
    repeated = {key for key in shared if old_count[key] > 1}
    pairs = [(old_last[key], new_last[key]) for key in shared - repeated]
    if repeated:
        old_at, new_at = _places(old_keys, repeated), _places(new_keys, repeated)
        pairs += [pair for key in repeated for pair in zip(old_at[key], new_at[key], strict=True)]
    pairs.sort()
    return pairs


def joined_runs(
    old_chain: Sequence[int], new_chain: Sequence[int], last: int
) -> list[tuple[int, int, int, int]]:
    """Runs of ``last + 1`` words starting at the chained places (old, new), overlapping
    ones on one alignment joined, ones overlapping the run before on another dropped
    (compiled in ``_wordops``: a rewritten page chains a hundred thousand places)."""
    runs: list[tuple[int, int, int, int]] = []
    for i, j in zip(old_chain, new_chain, strict=True):
        if runs:
            first_i, first_j, end_i, end_j = runs[-1]
            if i - (end_i - last) == j - (end_j - last) and i <= end_i:
                runs[-1] = (first_i, first_j, i + last, j + last)  # overlapping: one run
                continue
            if i <= end_i or j <= end_j:
                continue  # shares words with the run before, on another alignment
        runs.append((i, j, i + last, j + last))
    return runs


def _same_shingle(old: _Words, i: int, new: _Words, j: int) -> bool:
    """Whether the run of words from old word ``i`` and new word ``j`` is the same text
    (two different texts may share a hash)."""
    last = old.size - 1
    return _same_text(old, i, i + last, new, j, j + last)


def _same_text(old: _Words, i0: int, i1: int, new: _Words, j0: int, j1: int) -> bool:
    """Whether old words ``i0`` to ``i1`` and new words ``j0`` to ``j1`` are the same text."""
    return old.text[old.starts[i0] : old.ends[i1]] == new.text[new.starts[j0] : new.ends[j1]]


def _rarest_pairs(
    old_keys: Sequence[int], new_keys: Sequence[int], repeats: int
) -> list[tuple[int, int]]:
    """Where no word sequence occurs as often on each side (a clause kept once of two
    copies): the shared sequences repeated least (as histogram diff anchors on the
    rarest lines, and at most ``repeats`` times). Each stretch of them on the side
    where they are rarer is paired whole with the copy on the other side nearest to it
    by position relative to each side's length; sorted by old place."""
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    rarity = {key: max(n, new_count[key]) for key, n in old_count.items() if key in new_count}
    least = min(rarity.values(), default=repeats + 1)
    if least > repeats:
        return []
    wanted = {key for key, count in rarity.items() if count == least}
    old_fewer = sum(old_count[key] for key in wanted) <= sum(new_count[key] for key in wanted)
    rare, other = (old_keys, new_keys) if old_fewer else (new_keys, old_keys)
    copies = _places(other, wanted)
    pairs: list[tuple[int, int]] = []
    for first, last in _stretches([i for i, key in enumerate(rare) if key in wanted]):
        shift = _nearest_copy(first, last, rare, other, copies[rare[first]])
        if shift is not None:
            found = [(i, i + shift) for i in range(first, last + 1)]
            pairs += found if old_fewer else [(j, i) for i, j in found]
    return sorted(pairs)


def _stretches(places: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive numbers in ``places``, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for place in places:
        if runs and runs[-1][1] == place - 1:
            runs[-1] = (runs[-1][0], place)
        else:
            runs.append((place, place))
    return runs


def _nearest_copy(
    first: int, last: int, keys: Sequence[int], other: Sequence[int], starts: list[int]
) -> int | None:
    """How far the copy of ``keys[first:last + 1]`` in ``other`` nearest to it (by
    position relative to each side's length) lies, of the copies starting at
    ``starts``; None when none is whole."""
    middle = (first + last) / 2 / max(len(keys) - 1, 1)
    whole = [
        start - first
        for start in starts
        if other[start : start + last - first + 1] == keys[first : last + 1]
    ]
    span = max(len(other) - 1, 1)
    return min(
        whole, key=lambda shift: abs(((first + last) / 2 + shift) / span - middle), default=None
    )


def _places(keys: Sequence[int], wanted: set[int]) -> dict[int, list[int]]:
    """Where each of the ``wanted`` keys occurs, in order."""
    places: dict[int, list[int]] = {key: [] for key in wanted}
    for index, key in enumerate(keys):
        if key in wanted:
            places[key].append(index)
    return places


def _minimal_runs(op: Op, old_text: str, new_text: str, options: CompareOptions) -> list[Run]:
    """The kept runs among the equalities of the minimal diff of ``op``: those holding
    one (a sentence end, a line break, a web address, mostly), and the words of
    equalities that only changed marks stand between (``_across_marks``), when they
    come to ``kept_run_words`` together:
    ``[-Digital Millennium Copyright Act (-]DMCA[-)-] or similar laws``."""
    words = options.kept_run_words
    equalities = list(minimal_equalities(old_text, op.old, new_text, op.new, options))
    runs: list[Run] = []
    for group in _across_marks(equalities, old_text, new_text):
        together = sum(count_words(new_text, new.start, new.end) for _, new in group)
        runs += [
            (old, new)
            for old, new in group
            if holds_kept_run(new_text, new.start, new.end, words)
            or (together >= words and WORD_PATTERN.search(new_text, new.start, new.end))
        ]
    return runs


def _across_marks(equalities: list[Run], old_text: str, new_text: str) -> list[list[Run]]:
    """``equalities`` (in order) in groups between whose members only marks changed: no
    word, sentence end or line break on either side (``(DMCA)`` made ``DMCA``)."""
    groups: list[list[Run]] = []
    for old, new in equalities:
        if (
            groups
            and _only_marks(old_text, groups[-1][-1][0].end, old.start)
            and _only_marks(new_text, groups[-1][-1][1].end, new.start)
        ):
            groups[-1].append((old, new))
        else:
            groups.append([(old, new)])
    return groups


def _only_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds no word, sentence end or line break."""
    return WORD_PATTERN.search(text, start, end) is None and not holds_kept_mark(text, start, end)
