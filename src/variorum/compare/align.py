"""Block alignment: which blocks of the old Document correspond to which of the new.

Cost follows the size of the change, not of the document:

1. exact matches of block bodies (labels excluded, so renumbered provisions match)
   by unique anchors, patience-style, recursing into the gaps between them; only
   blocks with enough words (``anchor_min_words``) anchor, so that a footnote mark
   such as ``85`` cannot force everything around it to look moved;
2. inside each remaining gap, edited blocks paired by word similarity or
   containment, keeping reading order with the highest total score
   (``best_in_order``; weak pairs outclassed by another left out, likely moves kept
   whole: ``_keeping_moves``), then grown into splits and merges where that
   fits better: pairing in place comes before any search for moves;
3. exact matches of bodies that changed places (``moves``), the nearest of equal
   candidates first;
4. pairs of step 2 below ``move_similarity`` undone where one of their blocks is
   clearly more alike to a block still unpaired elsewhere (moved, edited, and replaced in
   its place by a new block);
5. edited blocks that changed places (``moves``).

The result is a list of ``BlockPair`` in reading order of a unified redline.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import operator
from array import array
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from enum import StrEnum
from typing import NamedTuple

from variorum.compare.moves import exact_moves, move_candidates, similar_moves
from variorum.compare.similarity import BlockKeys, shares_run, similar_pairs
from variorum.compiled import twins
from variorum.document import CELL_SEPARATOR, BlockKind, Document
from variorum.options import CompareOptions

_DEFAULT_REPEATED_GAP = CompareOptions().max_repeated_gap
"""``anchor_runs``' limit when called without options (see ``CompareOptions``)."""


class PairKind(StrEnum):
    """How a pair of block runs was found."""

    EXACT = "exact"
    UNCHANGED = "unchanged"
    """Exact pairs whose whole text (labels and separators too) is identical."""
    SIMILAR = "similar"
    MOVED_FROM = "moved-from"
    MOVED_TO = "moved-to"
    DELETED = "deleted"
    INSERTED = "inserted"


class BlockPair(NamedTuple):
    """Runs of old and new blocks that correspond, and how they were found. (A named
    tuple: two unrelated documents make one a block, 90,000 of them.)"""

    kind: PairKind
    old: range
    new: range
    moved_index: int = -1
    """For moved pairs, a number shared by the two ends of the move."""


Run = tuple[int, int, int]
"""Equal blocks matched in step: old start, new start, length."""


def align_blocks(old: Document, new: Document, options: CompareOptions) -> list[BlockPair]:
    """Aligned block runs of ``old`` and ``new``, in the order a unified redline shows them."""
    keys = BlockKeys(old, new, options)
    old_anchorable, new_anchorable = keys.anchorable(options)
    runs = anchor_runs(keys.old, keys.new, old_anchorable, new_anchorable, options.max_repeated_gap)
    old_gaps, new_gaps = _gaps(runs, len(old.blocks), len(new.blocks))
    old_free = set(itertools.chain.from_iterable(old_gaps))
    new_free = set(itertools.chain.from_iterable(new_gaps))
    copies = _copies_elsewhere(keys, old_gaps, new_gaps, options)
    similar = _pair_gaps(keys, old_gaps, new_gaps, options, copies)
    for pair in similar:
        old_free.difference_update(pair.old)
        new_free.difference_update(pair.new)
    moves = exact_moves(keys, sorted(old_free), sorted(new_free), runs, options)
    old_free -= {i for i, _ in moves}
    new_free -= {j for _, j in moves}
    similar = _undo_weak_pairs(keys, similar, old_free, new_free, options)
    moves += similar_moves(keys, sorted(old_free), sorted(new_free), options)
    old_free -= {i for i, _ in moves}
    new_free -= {j for _, j in moves}
    if moves:
        moves += _carried_along(keys, moves, old_free, new_free, options)
    exact = PairKind.EXACT  # (read once: an enum's member is a lookup through its class)
    in_order = [BlockPair(exact, range(i, i + n), range(j, j + n)) for i, j, n in runs]
    in_order = sorted(in_order + similar, key=lambda pair: pair.old.start)
    return _unify(in_order, moves, old_free, new_free, len(old.blocks), len(new.blocks))


def _carried_along(
    keys: BlockKeys,
    moves: list[tuple[int, int]],
    old_free: set[int],
    new_free: set[int],
    options: CompareOptions,
) -> list[tuple[int, int]]:
    """Unaligned blocks that moved with a moved block: standing right before (or
    after) both of its ends, as it stands before (or after) the next such block, and
    equal on both sides, or of one kind and ``similarity_threshold`` alike (a heading
    renamed, ``Payments`` → ``Payments and refunds``, the last such block carried). A
    block too short to count as moved on its own (``move_min_words``: a heading
    ``Payments``, a button ``Take Survey``) travels with its section; shown deleted at
    one end and inserted at the other, it would read as removed and added text. They
    leave ``old_free`` and ``new_free``."""
    carried: list[tuple[int, int]] = []
    todo = list(moves)
    while todo:
        i, j = todo.pop()
        for step in (-1, 1):
            a, b = i + step, j + step
            if a not in old_free or b not in new_free:
                continue
            equal = keys.old[a] == keys.new[b]
            if equal or _renamed(keys, a, b, options):
                old_free.discard(a)
                new_free.discard(b)
                carried.append((a, b))
                if equal:
                    todo.append((a, b))
    return carried


def _renamed(keys: BlockKeys, i: int, j: int, options: CompareOptions) -> bool:
    """Whether old block ``i`` and new block ``j`` are of one kind and at least
    ``similarity_threshold`` alike in their words."""
    same_kind = keys.docs[0].blocks[i].kind is keys.docs[1].blocks[j].kind
    return same_kind and keys.block_score(i, j) >= options.similarity_threshold


def _undo_weak_pairs(
    keys: BlockKeys,
    similar: list[BlockPair],
    old_free: set[int],
    new_free: set[int],
    options: CompareOptions,
) -> list[BlockPair]:
    """``similar`` without the one-to-one pairs below ``move_similarity`` of which
    one block is clearly more alike (by ``move_over_pair_margin``) to a block left
    unpaired elsewhere, by the rules of ``similar_moves``: a paragraph moved and
    edited while a new one sharing common words took its place is a move and an
    insertion, not one paragraph rewritten.
    The freed blocks go back into ``old_free`` and ``new_free``. Only unpaired
    blocks compete, so two near-identical clauses each edited in place stay so. The
    scoring spends at most ``max_similarity_work``: one paragraph of 200,000 words
    rewritten is not scored against itself for a minute."""
    if not (old_free or new_free):
        return similar  # no block elsewhere to compete: nothing to score
    ones = [pair for pair in similar if len(pair.old) == 1 and len(pair.new) == 1]
    olds, news = [pair.old.start for pair in ones], [pair.new.start for pair in ones]
    # scoring costs the product of the two blocks' words: bounded as pairing is; the
    # pairs past the budget stay as they were paired
    works = map(operator.mul, keys.word_counts(0, olds), keys.word_counts(1, news))
    scored = bisect.bisect_right(list(itertools.accumulate(works)), options.max_similarity_work)
    scores = dict(zip(ones[:scored], keys.block_scores(olds[:scored], news[:scored]), strict=True))
    weak = [pair for pair, score in scores.items() if score < options.move_similarity]
    if not weak:
        return similar
    old_best = _best_elsewhere(keys, [p.old.start for p in weak], sorted(new_free), options, 0)
    new_best = _best_elsewhere(keys, [p.new.start for p in weak], sorted(old_free), options, 1)
    undone = {
        pair
        for pair in weak
        if max(old_best.get(pair.old.start, 0.0), new_best.get(pair.new.start, 0.0))
        >= scores[pair] + options.move_over_pair_margin
    }
    for pair in undone:
        old_free.update(pair.old)
        new_free.update(pair.new)
    return [pair for pair in similar if pair not in undone]


def _best_elsewhere(
    keys: BlockKeys, blocks: list[int], others: list[int], options: CompareOptions, side: int
) -> dict[int, float]:
    """For those of ``blocks`` (of ``side``: 0 old, 1 new) at least ``move_similarity``
    alike to one of ``others`` (unpaired blocks of the other side), the best such word
    similarity. Similarity alone, as the pair it competes with is scored: one block
    held inside another (a table of contents' entry inside its heading) does not take
    a block from its pair."""
    olds, news = (blocks, others) if side == 0 else (others, blocks)
    best: dict[int, float] = {}
    for _, i, j in move_candidates(keys, olds, news, options):
        score = keys.score((i,), (j,))
        if score >= options.move_similarity and score > best.get((i, j)[side], 0.0):
            best[(i, j)[side]] = score
    return best


def _gaps(runs: list[Run], old_count: int, new_count: int) -> tuple[list[range], list[range]]:
    """The old and the new blocks between consecutive runs (and before the first and
    after the last), one range a side for each gap, empty ones included."""
    old_gaps, new_gaps = [], []
    i = j = 0
    for i0, j0, n in [*runs, (old_count, new_count, 0)]:
        old_gaps.append(range(i, i0))
        new_gaps.append(range(j, j0))
        i, j = i0 + n, j0 + n
    return old_gaps, new_gaps


def exact_anchors(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of equal keys, increasing in both, found by unique anchors.

    >>> exact_anchors(["a", "b", "c", "d"], ["a", "c", "b", "d"])
    [(0, 0), (2, 1), (3, 3)]
    """
    return [(i + k, j + k) for i, j, n in anchor_runs(old, new) for k in range(n)]


def anchor_runs(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_anchorable: bytes | None = None,
    new_anchorable: bytes | None = None,
    max_repeated_gap: int = _DEFAULT_REPEATED_GAP,
) -> list[Run]:
    """Runs of equal keys, increasing in both, found by unique anchors (patience
    diff): the common ends of each gap, then the longest increasing sequence of keys
    that occur once on each side (and may anchor there: ``old_anchorable[i]`` and
    ``new_anchorable[j]`` true, when given), then the same inside the gaps between
    those; a gap without such keys is matched by ``_small_lcs``. Sorted, and runs
    that continue each other joined.

    >>> anchor_runs(["a", "b", "c", "d", "e"], ["a", "c", "d", "b", "e"])
    [(0, 0, 1), (2, 1, 2), (4, 4, 1)]
    >>> short = bytes([1, 0, 1, 1, 1])  # "b" carries too little to anchor
    >>> anchor_runs(["a", "b", "c", "d", "e"], ["a", "c", "d", "b", "e"], short, short)
    [(0, 0, 1), (2, 1, 2), (4, 4, 1)]
    """
    if not (old_anchorable and new_anchorable):
        old_anchorable = new_anchorable = None
    compiled = twins.unique_anchor_runs
    if compiled is not None and isinstance(old, array) and isinstance(new, array):
        found, crowded = compiled(old, new, old_anchorable, new_anchorable)
        if not crowded:
            return found  # sorted and joined
        for a0, a1, b0, b1 in crowded:
            found.extend(
                _small_lcs(
                    old, new, a0, a1, b0, b1, max_repeated_gap, old_anchorable, new_anchorable
                )
            )
    else:
        found = _python_anchor_runs(old, new, old_anchorable, new_anchorable, max_repeated_gap)
    found.sort()
    return _join(found)


def _python_anchor_runs(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_anchorable: bytes | None = None,
    new_anchorable: bytes | None = None,
    max_repeated_gap: int = _DEFAULT_REPEATED_GAP,
) -> list[Run]:
    """The runs of ``anchor_runs``, in no particular order: the pure-Python search, the
    twin of ``_matching.unique_anchor_runs`` (which leaves ``_small_lcs`` to the
    caller)."""
    found: list[Run] = []
    stack = [(0, len(old), 0, len(new))]
    while stack:
        a0, a1, b0, b1 = stack.pop()
        head = 0
        while a0 + head < a1 and b0 + head < b1 and old[a0 + head] == new[b0 + head]:
            head += 1
        if head:
            found.append((a0, b0, head))
            a0, b0 = a0 + head, b0 + head
        tail = 0
        while a0 < a1 - tail and b0 < b1 - tail and old[a1 - tail - 1] == new[b1 - tail - 1]:
            tail += 1
        if tail:
            a1, b1 = a1 - tail, b1 - tail
            found.append((a1, b1, tail))
        if a0 == a1 or b0 == b1 or (a1 - a0 == 1 and b1 - b0 == 1):
            continue  # one block a side, and not equal: an edited block
        anchors = _unique_common(old, new, a0, a1, b0, b1, old_anchorable, new_anchorable)
        if not anchors:
            found.extend(
                _small_lcs(
                    old, new, a0, a1, b0, b1, max_repeated_gap, old_anchorable, new_anchorable
                )
            )
            continue
        prev_a, prev_b = a0, b0
        for i, j, n in _join(anchors):
            if prev_a < i and prev_b < j:
                stack.append((prev_a, i, prev_b, j))
            found.append((i, j, n))
            prev_a, prev_b = i + n, j + n
        if prev_a < a1 and prev_b < b1:
            stack.append((prev_a, a1, prev_b, b1))
    return found


def _join(runs: Sequence[tuple[int, int, int]] | Sequence[tuple[int, int]]) -> list[Run]:
    """Runs (or single pairs) that continue each other, as one run each."""
    joined: list[Run] = []
    for run in runs:
        i, j = run[0], run[1]
        n = run[2] if len(run) == 3 else 1
        if joined:
            i0, j0, n0 = joined[-1]
            if i0 + n0 == i and j0 + n0 == j:
                joined[-1] = (i0, j0, n0 + n)
                continue
        joined.append((i, j, n))
    return joined


def _unique_common(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    old_anchorable: bytes | None = None,
    new_anchorable: bytes | None = None,
) -> list[tuple[int, int]]:
    """The longest increasing run of keys that occur exactly once on each side (and
    may anchor, when the flags are given)."""
    old_counts = Counter(old[a0:a1])
    new_counts = Counter(new[b0:b1])
    new_at = {new[j]: j for j in range(b0, b1) if new_counts[new[j]] == 1}
    candidates = [
        (i, new_at[old[i]]) for i in range(a0, a1) if old_counts[old[i]] == 1 and old[i] in new_at
    ]
    if old_anchorable is not None and new_anchorable is not None:
        candidates = [(i, j) for i, j in candidates if old_anchorable[i] and new_anchorable[j]]
    return longest_increasing(candidates)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j also increases."""
    tails: list[int] = []  # j of the smallest tail of an increasing run of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    result: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        result.append(pairs[index])
        index = previous[index]
    return result[::-1]


def _small_lcs(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    max_repeated_gap: int = _DEFAULT_REPEATED_GAP,
    old_anchorable: bytes | None = None,
    new_anchorable: bytes | None = None,
) -> list[Run]:
    """Runs of equal keys in a gap without unique ones (repeated blocks), if the gap is
    at most ``max_repeated_gap`` blocks a side: a longest common subsequence of the
    blocks that may anchor first, then of all blocks between those matches, so that
    repeated footnote numbers cannot pull sections out of place.

    >>> old, new = ["A", "1", "2", "B"], ["B", "1", "2", "A"]
    >>> _small_lcs(old, new, 0, 4, 0, 4)
    [(1, 1, 2)]
    >>> words = bytes([1, 0, 0, 1])  # "A" and "B" may anchor, the numbers may not
    >>> _small_lcs(old, new, 0, 4, 0, 4, 10, words, words)
    [(0, 3, 1)]
    """
    if a1 - a0 > max_repeated_gap or b1 - b0 > max_repeated_gap:
        return []
    if old_anchorable is None or new_anchorable is None:
        return _lcs(old, new, range(a0, a1), range(b0, b1))
    olds = [i for i in range(a0, a1) if old_anchorable[i]]
    news = [j for j in range(b0, b1) if new_anchorable[j]]
    found: list[Run] = []
    i0, j0 = a0, b0
    for i, j, _ in [*_lcs(old, new, olds, news), (a1, b1, 0)]:
        found.extend(_lcs(old, new, range(i0, i), range(j0, j)))
        if i < a1:
            found.append((i, j, 1))
        i0, j0 = i + 1, j + 1
    return found


def _lcs(
    old: Sequence[Hashable], new: Sequence[Hashable], olds: Sequence[int], news: Sequence[int]
) -> list[Run]:
    """A longest common subsequence of the keys of blocks ``olds`` and ``news``, one
    ``(i, j, 1)`` a matched block (or runs, where the blocks are consecutive)."""
    if not olds or not news:
        return []
    matcher = difflib.SequenceMatcher(
        None, [old[i] for i in olds], [new[j] for j in news], autojunk=False
    )
    if isinstance(olds, range) and isinstance(news, range):
        return [
            (olds[0] + block.a, news[0] + block.b, block.size)
            for block in matcher.get_matching_blocks()
            if block.size
        ]
    return [
        (olds[block.a + k], news[block.b + k], 1)
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    ]


Copies = tuple[set[int], set[int]]
"""Old and new blocks outside the anchored runs that have an equal block (of at least
``move_min_words`` words) outside them on the other side: candidates for an exact move."""


def _copies_elsewhere(
    keys: BlockKeys, old_gaps: list[range], new_gaps: list[range], options: CompareOptions
) -> Copies:
    """The blocks of the gaps with an equal block in some gap of the other side."""
    old_keys, new_keys = _gap_keys(keys.old, old_gaps), _gap_keys(keys.new, new_gaps)
    shared = set(old_keys).intersection(new_keys)
    least = options.move_min_words
    return (
        set(keys.with_words(0, list(_keyed(old_gaps, old_keys, shared)), least)),
        set(keys.with_words(1, list(_keyed(new_gaps, new_keys, shared)), least)),
    )


def _gap_keys(keys: array[int], gaps: list[range]) -> list[int]:
    """The keys of the blocks of ``gaps``, in order."""
    return list(itertools.chain.from_iterable(keys[gap.start : gap.stop] for gap in gaps))


def _keyed(gaps: list[range], gap_keys: list[int], wanted: set[int]) -> Iterator[int]:
    """The blocks of ``gaps`` whose key (``gap_keys``, in the same order) is ``wanted``,
    picked in the interpreter's C loops: two unrelated documents make one gap of tens of
    thousands of blocks, of which few or none have a copy."""
    chosen = map(wanted.__contains__, gap_keys)
    return itertools.compress(itertools.chain.from_iterable(gaps), chosen)


def _pair_gaps(
    keys: BlockKeys,
    old_gaps: list[range],
    new_gaps: list[range],
    options: CompareOptions,
    copies: Copies,
) -> list[BlockPair]:
    """Edited blocks paired inside each gap between exact anchors."""
    gaps = [(old_gap, new_gap) for old_gap, new_gap in zip(old_gaps, new_gaps, strict=True)
            if old_gap and new_gap]  # fmt: skip
    lone = _lone_gaps(gaps, options, copies)
    # each block of the others is scored: their words made in one pass, not gap by gap
    others = [gap for gap, one in zip(gaps, lone, strict=True) if not one]
    keys.words_of(0, list(itertools.chain.from_iterable(old_gap for old_gap, _ in others)))
    keys.words_of(1, list(itertools.chain.from_iterable(new_gap for _, new_gap in others)))
    pairs: list[BlockPair] = []
    rewritten_gaps = _lone_rewritten(keys, gaps, lone, options)
    for (old_gap, new_gap), rewritten in zip(gaps, rewritten_gaps, strict=True):
        if rewritten:
            # the common case of an edited paragraph: paired whatever its score
            pairs.append(BlockPair(PairKind.SIMILAR, old_gap, new_gap))
        else:
            pairs.extend(_pair_gap(keys, list(old_gap), list(new_gap), options, copies))
    return pairs


def _lone_gaps(
    gaps: list[tuple[range, range]], options: CompareOptions, copies: Copies
) -> list[bool]:
    """For each gap, whether it is one block a side, neither with an exact copy in
    another gap, to be taken as that block rewritten if it is (``_lone_rewritten``)."""
    if not options.pair_lone_blocks:
        return [False] * len(gaps)
    return [
        len(old_gap) == 1
        and len(new_gap) == 1
        and old_gap.start not in copies[0]
        and new_gap.start not in copies[1]
        for old_gap, new_gap in gaps
    ]


def _lone_rewritten(
    keys: BlockKeys, gaps: list[tuple[range, range]], lone: list[bool], options: CompareOptions
) -> list[bool]:
    """For each gap, whether it is ``lone`` and its block rewritten
    (``_blocks_rewritten``). Asked of all gaps before ``_pair_gap``, which then never
    needs to: a document edited in places makes thousands of such gaps, settled here
    together without making their lists and sets, each pair read by its identical
    ends (``BlockKeys.read_by_ends``)."""
    if not any(lone):
        return lone
    olds = [old_gap.start for (old_gap, _), one in zip(gaps, lone, strict=True) if one]
    news = [new_gap.start for (_, new_gap), one in zip(gaps, lone, strict=True) if one]
    keys.read_by_ends(olds, news)
    rewritten = iter(_blocks_rewritten(keys, olds, news, options))
    return [one and next(rewritten) for one in lone]


def _pair_gap(
    keys: BlockKeys, olds: list[int], news: list[int], options: CompareOptions, copies: Copies
) -> list[BlockPair]:
    """Similar blocks of one gap paired in reading order, grown into splits/merges;
    a lone block a side taken as rewritten (``_lone_rewritten``) is not asked here.

    A block with an exact copy in another gap (``copies``) is paired here only at
    ``similarity_threshold``: else it moved there, and the lone-block, floor and
    containment rules must not take it (a paragraph moved away, another inserted in
    its place, are not one edited paragraph)."""
    has_copy = bool(copies[0].intersection(olds) or copies[1].intersection(news))
    scored = similar_pairs(
        keys,
        olds,
        news,
        options.similarity_threshold,
        options,
        containment=options.containment_threshold,
        floor=options.pair_floor,
    )
    # (the words of each block counted once: a table of a thousand rows makes a million)
    old_words = dict(zip(olds, keys.word_counts(0, olds), strict=True))
    new_words = dict(zip(news, keys.word_counts(1, news), strict=True))
    least, strong = options.anchor_min_words, options.move_similarity
    candidates = [
        (score, i, j)
        for score, i, j in scored
        if not (
            score < strong
            and min(old_words[i], new_words[j]) < least
            and _too_short(keys, i, j, options)
        )
        and not (score < options.similarity_threshold and (i in copies[0] or j in copies[1]))
    ]
    candidates = _without_outclassed(_best_few(candidates, options.max_pair_candidates), options)
    closeness = _closeness_of_ties(keys, candidates)
    accepted = best_in_order(candidates, olds, news, closeness)  # sorted by old, new too
    accepted = _keeping_moves(keys, candidates, accepted, (olds, news, closeness), options)
    if options.pair_lone_blocks:
        accepted = _pair_lone(keys, olds, news, accepted, options, copies)
    if not accepted:
        return [] if has_copy else _whole_gap(keys, olds, news, options)
    old_left = [i for i in olds if i not in copies[0]]
    new_left = [j for j in news if j not in copies[1]]
    return _grow(keys, old_left, new_left, accepted, options)


def best_in_order(
    scored: list[tuple[float, int, int]],
    olds: list[int],
    news: list[int],
    closeness: dict[tuple[int, int], float] | None = None,
) -> list[tuple[int, int]]:
    """Of the ``scored`` pairs ``(score, i, j)`` of a gap's blocks ``olds`` and
    ``news``, those that keep reading order on both sides with the highest total score,
    sorted; of equal totals, those of greater ``closeness`` (given for some pairs, 0 for
    the others), then those nearer their proportional places. Taking the best
    pair first would let one pair cross two that together are worth more: two
    paragraphs each edited in place, the first now reading like the second's old text,
    would read as one paragraph paired out of place and two blocks deleted and added.

    A heaviest chain increasing in both indexes (a weighted longest increasing
    subsequence), found with a Fenwick tree of prefix maxima over the new blocks.

    >>> best_in_order([(1.0, 0, 1), (0.9, 0, 0), (0.8, 1, 1)], [0, 1], [0, 1])
    [(0, 0), (1, 1)]
    """
    if not scored:
        return []
    # a chain's worth is one whole number: its scores, then its closeness, then minus
    # its distances (|k * len(news) - rank * len(olds)|, exact), each sum in its own bits
    old_place = {i: k * len(news) for k, i in enumerate(olds)}
    new_rank = {j: k for k, j in enumerate(news)}
    width, closeness = len(olds), closeness or {}
    size = len(news)
    worth = [0] * (size + 1)  # Fenwick tree of the best worth of a chain ending by rank
    last = [-1] * (size + 1)  # its last node
    nodes: list[tuple[int, int, int]] = []  # (i, j, previous node)
    # old ascending, new descending: two pairs of one old block never chain
    for score, i, j in sorted(scored, key=lambda pair: (pair[1], -pair[2])):
        rank = new_rank[j]
        best, previous = 0, -1
        at = rank  # prefix maxima of the new blocks before j
        while at:
            if worth[at] > best:
                best, previous = worth[at], last[at]
            at &= at - 1
        close = round(closeness.get((i, j), 0.0) * _UNIT) if closeness else 0
        distance = abs(old_place[i] - rank * width)
        best += (round(score * _UNIT) << _SCORE_SHIFT) + (close << _CLOSENESS_SHIFT) - distance
        node = len(nodes)
        nodes.append((i, j, previous))
        at = rank + 1
        while at <= size:
            if best > worth[at]:
                worth[at], last[at] = best, node
            at += at & -at
    chain: list[tuple[int, int]] = []
    node = last[max(range(size + 1), key=worth.__getitem__)]
    while node >= 0:
        i, j, node = nodes[node]
        chain.append((i, j))
    return chain[::-1]


_UNIT = 1 << 30
"""Scores and closeness (0-1) in whole units, so that equal sums are equal whatever the
order of their additions."""
_CLOSENESS_SHIFT = 64
"""Where a chain's closeness stands in its worth: above any sum of distances."""
_SCORE_SHIFT = 128
"""Where a chain's score stands in its worth: above any sum of closeness."""


def _best_few(scored: list[tuple[float, int, int]], most: int) -> list[tuple[float, int, int]]:
    """Of the ``scored`` pairs (best first), those among the ``most`` best of their old
    block or of their new block (``max_pair_candidates``)."""
    old_seen: Counter[int] = Counter()
    new_seen: Counter[int] = Counter()
    kept = []
    for pair in scored:
        _, i, j = pair
        old_seen[i] += 1
        new_seen[j] += 1
        if old_seen[i] <= most or new_seen[j] <= most:
            kept.append(pair)
    return kept


def _without_outclassed(
    scored: list[tuple[float, int, int]], options: CompareOptions
) -> list[tuple[float, int, int]]:
    """``scored`` without the pairs below ``move_similarity`` of which a block has a
    partner ``move_over_pair_margin`` more alike, the two each other's best candidate
    in the gap (as ``_undo_weak_pairs`` does with blocks elsewhere): two weak pairs
    summed must not outweigh the one real pair they cross (a paragraph edited in place
    read as its neighbour rewritten into it, and itself rewritten into a new one)."""
    best_old, best_new = _best_scores(scored)
    mutual_old: dict[int, float] = {}
    mutual_new: dict[int, float] = {}
    for score, i, j in scored:
        if score == best_old[i] == best_new[j]:
            mutual_old[i] = mutual_new[j] = score
    margin = options.move_over_pair_margin
    return [
        (score, i, j)
        for score, i, j in scored
        if score >= options.move_similarity
        or max(mutual_old.get(i, 0.0), mutual_new.get(j, 0.0)) < score + margin
    ]


def _best_scores(
    scored: list[tuple[float, int, int]],
) -> tuple[dict[int, float], dict[int, float]]:
    """The best score of each old block and of each new block among ``scored``."""
    best_old: dict[int, float] = {}
    best_new: dict[int, float] = {}
    for score, i, j in scored:
        best_old[i] = max(best_old.get(i, 0.0), score)
        best_new[j] = max(best_new.get(j, 0.0), score)
    return best_old, best_new


def _keeping_moves(
    keys: BlockKeys,
    scored: list[tuple[float, int, int]],
    accepted: list[tuple[int, int]],
    gap: tuple[list[int], list[int], dict[tuple[int, int], float]],
    options: CompareOptions,
) -> list[tuple[int, int]]:
    """``accepted``, or the in-order pairs that leave the gap's likely moves whole
    (``_likely_moves``) if that reading keeps more (``_kept``): two similar clauses
    that swapped places, each edited a little, are one moved and one edited in place,
    not each rewritten into the other (the harassment rule replaced by the copyright
    rule and the copyright rule by the harassment rule). Of readings that keep as
    much, the one that moves fewer words (``_moved_words``): a line of five words moved
    past a paragraph of fifty edited in place is the line moved."""
    likely = _likely_moves(keys, scored, options)
    if likely.issubset(accepted):
        return accepted  # (the common case: no likely move is left out)
    held = {block for i, j in likely for block in ((0, i), (1, j))}
    spared = [pair for pair in scored if pair[1:] in likely or not _touches(pair, held)]
    score = {(i, j): value for value, i, j in scored}
    margin = options.move_over_pair_margin
    best, kept = accepted, _kept(accepted, likely, score, margin)
    other = best_in_order(spared, *gap)
    if (other_kept := _kept(other, likely, score, margin)) > kept:
        best, kept = other, other_kept
    fewer = best_in_order(_in_words(keys, spared), *gap)
    if _kept(fewer, likely, score, margin) >= kept - 1e-9 and _moved_words(
        keys, fewer, likely
    ) < _moved_words(keys, best, likely):
        return fewer
    return best


def _in_words(
    keys: BlockKeys, scored: list[tuple[float, int, int]]
) -> list[tuple[float, int, int]]:
    """The ``scored`` pairs weighed by the words they keep: their similarity times
    their mean length in words."""
    return [
        (score * (keys.word_count(0, i) + keys.word_count(1, j)) / 2, i, j)
        for score, i, j in scored
    ]


def _moved_words(
    keys: BlockKeys, chain: list[tuple[int, int]], likely: set[tuple[int, int]]
) -> int:
    """The words of the ``likely`` moves a reading of a gap leaves out of its in-order
    pairs ``chain``, both sides counted."""
    used = {block for i, j in chain for block in ((0, i), (1, j))}
    return sum(
        keys.word_count(0, i) + keys.word_count(1, j)
        for i, j in likely
        if not used.intersection(((0, i), (1, j)))
    )


def _likely_moves(
    keys: BlockKeys, scored: list[tuple[float, int, int]], options: CompareOptions
) -> set[tuple[int, int]]:
    """The ``scored`` pairs of blocks that are each other's best candidate, at least
    ``move_similarity`` alike and long enough to move (``move_min_words``): left out
    of the in-order pairs, such a pair is found again as a move."""
    best_old, best_new = _best_scores(scored)
    least = options.move_min_words
    return {
        (i, j)
        for score, i, j in scored
        if score >= options.move_similarity
        and score == best_old[i] == best_new[j]
        and min(keys.word_count(0, i), keys.word_count(1, j)) >= least
    }


def _touches(pair: tuple[float, int, int], held: set[tuple[int, int]]) -> bool:
    """Whether the scored ``pair`` uses a block of ``held`` (side, block)."""
    return (0, pair[1]) in held or (1, pair[2]) in held


def _kept(
    chain: list[tuple[int, int]],
    likely: set[tuple[int, int]],
    score: dict[tuple[int, int], float],
    margin: float,
) -> float:
    """What a reading of a gap keeps: the score of its in-order pairs, and of each
    ``likely`` move whose blocks it leaves free, less ``margin`` (a move asks more of
    a reader than a block edited in place)."""
    used = {block for i, j in chain for block in ((0, i), (1, j))}
    moves = [pair for pair in likely if not used.intersection(((0, pair[0]), (1, pair[1])))]
    return sum(score[pair] for pair in chain) + sum(score[pair] - margin for pair in moves)


def _closeness_of_ties(
    keys: BlockKeys, scored: list[tuple[float, int, int]]
) -> dict[tuple[int, int], float]:
    """For the ``scored`` pairs of a block that has another candidate of the same words
    (a heading, and a new link to its anchor ``[​](#automation-spam)``), how alike their
    texts are letter by letter (``difflib``'s ratio of their first
    ``_CLOSENESS_CHARACTERS``): what the words cannot tell apart, the text can. Pairs
    that only score alike (``Dec 16`` against ``Dec 17`` and ``Dec 1``) are not asked;
    nor any, past ``_CLOSENESS_PAIRS`` such pairs (a gap of many copies of one text:
    of equal texts the nearest wins, and letters would not tell them apart)."""
    olds, news = [i for _, i, _ in scored], [j for _, _, j in scored]
    old_words, new_words = keys.words_of(0, olds), keys.words_of(1, news)
    old_choices = Counter(zip(olds, new_words, strict=True))  # old block, new words
    new_choices = Counter(zip(news, old_words, strict=True))
    tied = [
        (i, j)
        for i, j, i_words, j_words in zip(olds, news, old_words, new_words, strict=True)
        if old_choices[(i, j_words)] > 1 or new_choices[(j, i_words)] > 1
    ]
    if len(tied) > _CLOSENESS_PAIRS:
        return {}
    old, new = keys.docs
    return {
        (i, j): difflib.SequenceMatcher(
            None,
            old.body_text(old.blocks[i])[:_CLOSENESS_CHARACTERS],
            new.body_text(new.blocks[j])[:_CLOSENESS_CHARACTERS],
            autojunk=False,
        ).ratio()
        for i, j in tied
    }


_CLOSENESS_CHARACTERS = 2000
"""How much of two tied blocks' texts ``_closeness_of_ties`` compares: enough to tell
them apart, bounded so that two tied paragraphs of a whole chapter cost little."""

_CLOSENESS_PAIRS = 200
"""How many tied pairs of a gap ``_closeness_of_ties`` compares at most (each costs up
to the square of ``_CLOSENESS_CHARACTERS`` steps)."""


def _blocks_rewritten(
    keys: BlockKeys, olds: list[int], news: list[int], options: CompareOptions
) -> list[bool]:
    """Whether each lone old block ``olds[k]`` and new block ``news[k]`` of a gap are
    one block rewritten. Of one kind (a heading is not rewritten into a list item) and
    neither body more than ``options.lone_block_ratio`` times as long as the other (a
    date line is not rewritten into a notice of forty words), a short one (under
    ``containment_min_words`` words: a date, an agenda line) is, whatever its words;
    a longer one only from ``pair_floor`` similarity (a paragraph facing a new one
    while it moved elsewhere is not rewritten into it). Else sharing words
    (``_shares_words``). The scores are made for all the pairs in one pass."""
    old_counts, new_counts = keys.word_counts(0, olds), keys.word_counts(1, news)
    # scoring costs the product of the two blocks' words: past the similarity work
    # allowed (one paragraph of 200,000 words rewritten), the two are taken as one
    most = options.max_similarity_work
    costly = [a * b > most for a, b in zip(old_counts, new_counts, strict=True)]
    alike = map(_alike_in_form, map(keys.docs[0].blocks.form_of, olds),
                map(keys.docs[1].blocks.form_of, news), itertools.repeat(options))  # fmt: skip
    least = options.containment_min_words
    # True: rewritten; None: to be scored; False: not by its form (see _shares_words)
    by_form: list[bool | None] = [
        form and (min(a, b) < least or cost or None)
        for form, a, b, cost in zip(alike, old_counts, new_counts, costly, strict=True)
    ]
    scored = [k for k, settled in enumerate(by_form) if settled is None]
    scores = keys.block_scores([olds[k] for k in scored], [news[k] for k in scored])
    for k, score in zip(scored, scores, strict=True):
        by_form[k] = score >= options.pair_floor
    return [
        bool(settled) or _shares_words(keys, i, j, cost, options)
        for settled, i, j, cost in zip(by_form, olds, news, costly, strict=True)
    ]


def _alike_in_form(old: tuple[int, int], new: tuple[int, int], options: CompareOptions) -> bool:
    """Whether two blocks' forms (kind, body length: ``Blocks.form_of``) allow the one
    to be the other rewritten: one kind, and lengths within ``lone_block_ratio``."""
    (old_kind, old_length), (new_kind, new_length) = old, new
    shorter, longer = min(old_length, new_length), max(old_length, new_length)
    return old_kind == new_kind and longer <= options.lone_block_ratio * max(shorter, 1)


def _shares_words(keys: BlockKeys, i: int, j: int, costly: bool, options: CompareOptions) -> bool:
    """Whether the lone old block ``i`` and new block ``j`` of a gap share a clause of
    ``kept_run_words`` words, or the shorter one is found inside the other
    (``containment_threshold``; not asked of a ``costly`` pair): with no other
    candidate in the gap, that is not there by chance."""
    old_words, new_words = keys.words(0, i), keys.words(1, j)
    if shares_run(old_words, new_words, options.kept_run_words):
        return True
    if costly:
        return False
    found = keys.containment([i], [j])
    return found >= options.containment_threshold and keys.held_by_meaning(
        old_words, new_words, found
    )


def _too_short(keys: BlockKeys, i: int, j: int, options: CompareOptions) -> bool:
    """Whether either block holds fewer than ``anchor_min_words`` words: two short
    headings sharing one word (ELEVATE SERVICE, Service Eligibility) are alike by
    chance, so such blocks pair in a larger gap only at ``move_similarity``; not a
    table row that gained or lost columns (``_regrouped_row``)."""
    shortest = min(keys.word_count(0, i), keys.word_count(1, j))
    return shortest < options.anchor_min_words and not _regrouped_row(keys, i, j)


def _regrouped_row(keys: BlockKeys, i: int, j: int) -> bool:
    """Whether old block ``i`` and new block ``j`` are table rows of which the one with
    fewer cells has each of its cells, as they read, among the other's in order: a row
    that gained or lost a column (``sid | 1`` → ``sid | 1 | first party``), which its
    cells tell apart from rows alike by chance."""
    old, new = keys.docs[0], keys.docs[1]
    old_block, new_block = old.blocks[i], new.blocks[j]
    if old_block.kind is not BlockKind.TABLE_ROW or new_block.kind is not BlockKind.TABLE_ROW:
        return False
    cells = [
        [cell.strip() for cell in text.split(CELL_SEPARATOR)]
        for text in (old.body_text(old_block), new.body_text(new_block))
    ]
    fewer, more = sorted(cells, key=len)
    rest = iter(more)
    return len(fewer) < len(more) and all(cell in rest for cell in fewer)


def _whole_gap(
    keys: BlockKeys, olds: list[int], news: list[int], options: CompareOptions
) -> list[BlockPair]:
    """No block of the gap is like one on the other side, but the gap as a whole may
    be: a long paragraph cut into many short ones (or many merged into one), each
    piece too small a part of the whole to pass the threshold alone. Then the gap is
    one pair, a split, a merge or a rewritten passage; else nothing is paired.

    The whole-gap score costs the product of the two sides' words, so it is skipped
    above ``max_gap_words`` a side, and when the words the sides share (counted as
    multisets, in linear time) cannot reach the threshold."""
    contiguous = olds[-1] - olds[0] == len(olds) - 1 and news[-1] - news[0] == len(news) - 1
    if not contiguous:
        return []
    old_words = "".join(keys.words(0, i) for i in olds)
    new_words = "".join(keys.words(1, j) for j in news)
    if max(len(old_words), len(new_words)) > options.max_gap_words:
        return []
    if _shared_bound(old_words, new_words) < options.similarity_threshold:
        return []
    if keys.score(olds, news) < options.similarity_threshold:
        return []
    return [BlockPair(PairKind.SIMILAR, range(olds[0], olds[-1] + 1), range(news[0], news[-1] + 1))]


def _shared_bound(old_words: str, new_words: str) -> float:
    """An upper bound of the word similarity of two word strings: the words they share
    in any order, which their longest common subsequence cannot exceed.

    >>> _shared_bound("abc", "cxy")
    0.3333333333333333
    """
    total = len(old_words) + len(new_words)
    return 2 * sum((Counter(old_words) & Counter(new_words)).values()) / total if total else 1.0


def _pair_lone(
    keys: BlockKeys,
    olds: list[int],
    news: list[int],
    accepted: list[tuple[int, int]],
    options: CompareOptions,
    copies: Copies,
) -> list[tuple[int, int]]:
    """Between consecutive pairs (and the gap's ends), a lone old block facing a lone
    new block is taken as that block rewritten, if they are at least
    ``options.pair_floor`` alike and neither has an exact copy elsewhere."""
    result: list[tuple[int, int]] = []
    bounds = [(-1, -1), *accepted, (olds[-1] + 1, news[-1] + 1)]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        old_between = olds[bisect.bisect_right(olds, i0) : bisect.bisect_left(olds, i1)]
        new_between = news[bisect.bisect_right(news, j0) : bisect.bisect_left(news, j1)]
        if (
            len(old_between) == 1
            and len(new_between) == 1
            and old_between[0] not in copies[0]
            and new_between[0] not in copies[1]
            and keys.score(old_between, new_between) >= options.pair_floor
            and keys.meaningfully_alike(old_between[0], new_between[0])
        ):
            result.append((old_between[0], new_between[0]))
        if i1 <= olds[-1] or j1 <= news[-1]:
            result.append((i1, j1))
    return [pair for pair in result if pair[0] <= olds[-1] and pair[1] <= news[-1]]


def _grow(
    keys: BlockKeys,
    olds: list[int],
    news: list[int],
    accepted: list[tuple[int, int]],
    options: CompareOptions,
) -> list[BlockPair]:
    """Extend each pair over nearby unpaired blocks when the joined text fits better
    (``_fits_better``): one paragraph split in two, or two merged into one (also
    across one block between them, see ``options.merge_reach``)."""
    old_left = set(olds) - {i for i, _ in accepted}
    new_left = set(news) - {j for _, j in accepted}
    pairs: list[BlockPair] = []
    for i, j in accepted:
        old_run, new_run = [i], [j]
        grew = True
        while grew:
            grew = False
            for trial_old, trial_new, added in _growths(
                old_run, new_run, old_left, new_left, options.merge_reach
            ):
                if _fits_better(keys, (old_run, new_run), (trial_old, trial_new), added, options):
                    old_run, new_run, grew = trial_old, trial_new, True
                    (new_left if added[0] == 1 else old_left).difference_update(added[1])
                    break
        old_range = range(old_run[0], old_run[-1] + 1)
        new_range = range(new_run[0], new_run[-1] + 1)
        pairs.append(BlockPair(PairKind.SIMILAR, old_range, new_range))
    return pairs


def _fits_better(
    keys: BlockKeys,
    runs: tuple[list[int], list[int]],
    trial: tuple[list[int], list[int]],
    added: tuple[int, list[int]],
    options: CompareOptions,
) -> bool:
    """Whether a pair grown by the ``added`` blocks fits better: either it becomes more
    similar and at least ``pair_floor`` of the added words align (a piece of a split
    paragraph, however rewritten, but not an unrelated block that only dilutes a long
    one), or the added words supply ``containment_threshold`` of what was still
    unmatched on the other side (a trimmed paragraph merged into the next, which
    lowers the similarity yet brings the rest of the merged one) and the grown pair
    stays at least ``pair_floor`` alike (the few common words of a short heading, such
    as ``we``, ``our``, ``information``, are found in order in any long paragraph before
    it: that is no merge). Reaching over a block between (``options.merge_reach``)
    takes the second kind of evidence."""
    side, blocks = added
    common = keys.common(*runs)
    gain = keys.common(*trial) - common
    added_words = keys.total_words(side, blocks)
    if (
        len(blocks) == 1
        and gain >= options.pair_floor * added_words
        and keys.score(*trial) > keys.score(*runs)
    ):
        return True
    unmatched = keys.total_words(1 - side, runs[1 - side]) - common
    measured = min(added_words, unmatched)
    return (
        measured >= options.containment_min_words
        and gain >= options.containment_threshold * measured
        and keys.score(*trial) >= options.pair_floor
    )


def _growths(
    old_run: list[int], new_run: list[int], old_left: set[int], new_left: set[int], reach: int
) -> Iterator[tuple[list[int], list[int], tuple[int, list[int]]]]:
    """The runs one step larger: a side's run extended by 1 to ``reach`` free blocks
    before or after it, nearest first; with what was added (side, blocks)."""
    for step in range(1, reach + 1):
        for side, run, left in ((1, new_run, new_left), (0, old_run, old_left)):
            for added in (
                list(range(run[0] - step, run[0])),
                list(range(run[-1] + 1, run[-1] + 1 + step)),
            ):
                if all(k in left for k in added):
                    trial = sorted([*run, *added])
                    yield (
                        (old_run, trial, (side, added))
                        if side == 1
                        else (trial, new_run, (side, added))
                    )


def _unify(
    in_order: list[BlockPair],
    moves: list[tuple[int, int]],
    old_free: set[int],
    new_free: set[int],
    old_count: int,
    new_count: int,
) -> list[BlockPair]:
    """Everything in the order a unified redline reads: at each gap, what left the old
    text comes first, then what arrived in the new."""
    moved_old = sorted((i, n) for n, (i, _) in enumerate(moves))
    moved_new = sorted((j, n) for n, (_, j) in enumerate(moves))
    out: list[BlockPair] = []
    i = j = 0
    end = BlockPair(PairKind.EXACT, range(old_count, old_count), range(new_count, new_count))
    for pair in [*in_order, end]:
        # (most gaps are empty on both sides: a document edited in places pairs every
        # gap, and asking each empty side cost 5 µs, 25 ms for the large pair)
        if i < pair.old.start:
            at_new = range(j, j)  # shared by the gap's deleted blocks (50,000 in one, at times)
            out += _gap_side(0, range(i, pair.old.start), (moved_old, moves), old_free, at_new)
        if j < pair.new.start:
            at_old = range(pair.old.start, pair.old.start)
            out += _gap_side(1, range(j, pair.new.start), (moved_new, moves), new_free, at_old)
        if pair.old or pair.new:
            out.append(pair)
        i, j = pair.old.stop, pair.new.stop
    return out


_SIDE_KINDS = ((PairKind.DELETED, PairKind.MOVED_FROM), (PairKind.INSERTED, PairKind.MOVED_TO))
"""The kinds of a block of each side (old, new) found on that side only, and moved."""


def _gap_side(
    side: int,
    blocks: range,
    moved: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    free: set[int],
    place: range,
) -> list[BlockPair]:
    """The pairs of the ``blocks`` of one side (0 old, 1 new) of a gap, in order: those
    moved (``moved``: the side's moved blocks with the number of their move, sorted,
    and the moves) and those ``free``, whole deleted (or inserted) against ``place``."""
    ends, moves = moved
    out: list[BlockPair] = []
    start = blocks.start
    first, last = (bisect.bisect_left(ends, (at, -1)) for at in (blocks.start, blocks.stop))
    for k, n in ends[first:last]:
        out += _whole_pairs(side, free.intersection(range(start, k)), place)
        out.append(_moved(_SIDE_KINDS[side][1], moves[n], n))
        start = k + 1
    out += _whole_pairs(side, free.intersection(range(start, blocks.stop)), place)
    return out


def _whole_pairs(side: int, blocks: set[int], place: range) -> list[BlockPair]:
    """A pair of each of ``blocks`` (of ``side``) against ``place``, in order, made in
    the interpreter's C loops: two unrelated documents make 90,000."""
    found = sorted(blocks)
    ones = map(range, found, map((1).__add__, found))
    sides = (ones, itertools.repeat(place)) if side == 0 else (itertools.repeat(place), ones)
    fields = zip(itertools.repeat(_SIDE_KINDS[side][0]), *sides, itertools.repeat(-1))
    return list(map(tuple.__new__, itertools.repeat(BlockPair), fields))  # (as BlockPair makes it)


def _moved(kind: PairKind, move: tuple[int, int], number: int) -> BlockPair:
    i, j = move
    return BlockPair(kind, range(i, i + 1), range(j, j + 1), number)
