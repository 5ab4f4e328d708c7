"""Moved blocks: text that left one place of the document and arrived at another.

A block found elsewhere is shown as moved, with a link between its two ends,
rather than as a deletion and an unrelated insertion.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

from variorum.compare.similarity import BlockKeys, similar_pairs
from variorum.document import Span
from variorum.options import CompareOptions


def exact_moves(
    keys: BlockKeys,
    old_free: list[int],
    new_free: list[int],
    runs: list[tuple[int, int, int]],
    options: CompareOptions,
) -> list[tuple[int, int]]:
    """Unaligned old and new blocks with equal bodies of at least
    ``options.move_min_words`` words, or shorter but showing the same pictures (a
    logo, a chart moved to the end: its source tells it apart where two words could
    be there by chance). Of several equal old blocks, a new one takes the nearest to
    where it would be had nothing moved (``expected_old``), so that a repeated heading
    is not shown crossing the document."""
    new_keys = {keys.new[j] for j in new_free}
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    least = options.move_min_words
    short: list[int] = []  # short old blocks equal to a new one: moved if by their pictures
    for i in old_free:
        key = keys.old[i]
        if key in new_keys:
            if keys.word_count(0, i) >= least:
                waiting[key].append(i)
            else:
                short.append(i)
    if short and all(document.images_in(Span(0, len(document.text))) for document in keys.docs):
        waiting.update(_pictured(keys, short))
    short_keys = {keys.old[i] for i in short}
    run_starts = [j for _, j, _ in runs]
    moves: list[tuple[int, int]] = []
    for j in new_free:
        key = keys.new[j]
        moving = _pictured_key(keys, 1, j) if key in short_keys else key
        candidates = waiting.get(moving)  # in increasing order
        if candidates:
            nearest = candidates.pop(nearest_index(candidates, expected_old(runs, run_starts, j)))
            moves.append((nearest, j))
    return moves


def _pictured(keys: BlockKeys, olds: list[int]) -> dict[Hashable, list[int]]:
    """Of the short old blocks ``olds``, those that show pictures, by their
    ``_pictured_key``, where that key is found once in each document: a logo moved is
    told by its source, but a ``Top`` link with its arrow after every answer of a page
    is not one arrow moved to another answer."""
    short_keys = {keys.old[i] for i in olds}
    found = [
        Counter(
            _pictured_key(keys, side, block)
            for block in range(len(side_keys))
            if side_keys[block] in short_keys
        )
        for side, side_keys in enumerate((keys.old, keys.new))
    ]
    return {
        key: [i]
        for i in olds
        if (key := _pictured_key(keys, 0, i)) is not None
        and found[0][key] == 1
        and found[1][key] == 1
    }


def _pictured_key(keys: BlockKeys, side: int, block: int) -> Hashable:
    """What must be equal for a short block of ``side`` to have moved unchanged: its
    body (its key) and the sources of its pictures; None if it shows none."""
    document = keys.docs[side]
    images = document.images_in(document.blocks[block].span)
    return (
        ((keys.old, keys.new)[side][block], *(image.target for image in images)) if images else None
    )


def nearest_index(candidates: list[int], expected: int) -> int:
    """Where in ``candidates`` (increasing) the one nearest ``expected`` is, the first of
    two as near: found by bisection, as a block repeated a thousand times on each side
    would otherwise compare a million pairs.

    >>> nearest_index([2, 6, 10], 4), nearest_index([2, 6, 10], 5), nearest_index([2], 9)
    (0, 1, 0)
    """
    at = bisect.bisect_left(candidates, expected)
    if at == len(candidates) or (
        at > 0 and expected - candidates[at - 1] <= candidates[at] - expected
    ):
        return at - 1
    return at


def expected_old(runs: list[tuple[int, int, int]], run_starts: list[int], j: int) -> int:
    """Where new block ``j`` would be in the old text, by the aligned run before it.

    >>> expected_old([(0, 0, 2), (10, 4, 3)], [0, 4], 8)  # new 4-6 are old 10-12
    14
    """
    at = bisect.bisect_right(run_starts, j) - 1
    if at < 0:
        return j
    i0, j0, n = runs[at]
    return i0 + n + (j - j0 - n)


def similar_moves(
    keys: BlockKeys, old_free: list[int], new_free: list[int], options: CompareOptions
) -> list[tuple[int, int]]:
    """Unaligned old and new blocks at least ``options.move_similarity`` alike, anywhere
    in the document, or whose shorter one has that share of its words inside the
    other and which are ``similarity_threshold`` alike: moved and edited (also moved
    and grown or trimmed). Each block takes part in one move at most; of equal
    candidates, the nearest wins."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    moves: list[tuple[int, int]] = []
    for _, i, j in move_candidates(keys, old_free, new_free, options):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            moves.append((i, j))
    return moves


def move_candidates(
    keys: BlockKeys, olds: Sequence[int], news: Sequence[int], options: CompareOptions
) -> list[tuple[float, int, int]]:
    """The ``(similarity, old, new)`` of the blocks of ``olds`` and ``news`` that could
    be one block moved and edited, by the rules of ``similar_moves``, best first."""
    olds = keys.with_words(0, olds, options.move_min_words)
    news = keys.with_words(1, news, options.move_min_words)
    if not olds or not news:
        return []
    return similar_pairs(
        keys,
        olds,
        news,
        options.move_similarity,
        options,
        containment=options.move_similarity,
        floor=options.similarity_threshold,
    )
