"""Moved blocks: text that left one place of the document and arrived at another.

A block found elsewhere is shown as moved, with a link between its two ends,
rather than as a deletion and an unrelated insertion.
"""

from __future__ import annotations

from collections import defaultdict

from variorum.options import CompareOptions
from variorum.similarity import BlockKeys, similar_pairs


def exact_moves(
    keys: BlockKeys, old_free: list[int], new_free: list[int], options: CompareOptions
) -> list[tuple[int, int]]:
    """Unaligned old and new blocks with equal bodies of at least
    ``options.move_min_words`` words, paired first come, first served."""
    new_keys = {keys.new[j] for j in new_free}
    waiting: dict[int, list[int]] = defaultdict(list)
    for i in old_free:
        if keys.old[i] in new_keys and keys.word_count(0, i) >= options.move_min_words:
            waiting[keys.old[i]].append(i)
    moves: list[tuple[int, int]] = []
    for j in new_free:
        candidates = waiting.get(keys.new[j])
        if candidates:
            moves.append((candidates.pop(0), j))
    return moves


def similar_moves(
    keys: BlockKeys, old_free: list[int], new_free: list[int], options: CompareOptions
) -> list[tuple[int, int]]:
    """Unaligned old and new blocks at least ``options.move_similarity`` alike, anywhere
    in the document: moved and edited. Each block takes part in one move at most."""
    olds = [i for i in old_free if keys.word_count(0, i) >= options.move_min_words]
    news = [j for j in new_free if keys.word_count(1, j) >= options.move_min_words]
    if not olds or not news:
        return []
    used_old: set[int] = set()
    used_new: set[int] = set()
    moves: list[tuple[int, int]] = []
    for _, i, j in similar_pairs(keys, olds, news, options.move_similarity, options):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            moves.append((i, j))
    return moves
