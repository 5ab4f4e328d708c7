"""Whether two texts differ only in white space: the same words in the same order.

A batch asks this of every pair, so it looks only where the texts differ: past their
common start and before their common end. Where the first (or last) difference puts
a letter against a letter, a word changed; otherwise only the words around the
differing stretch are split and compared. ``old.split() == new.split()`` over both
whole texts (about 13,000 words a version of the corpus) is the definition, and what
this answers, at a fraction of the cost.

>>> whitespace_only("We keep it.\\n", "We  keep\\nit.\\n")
True
>>> whitespace_only("We keep it.", "We kept it.")
False
"""

from __future__ import annotations

from collections.abc import Callable

STRIDE = 4096
"""Characters compared at a time while looking for the first difference."""


def whitespace_only(old: str, new: str) -> bool:
    """The texts differ, and only in white space (``old.split() == new.split()``)."""
    if old == new:
        return False
    start = _common_start(old, new)
    if _letters_at(old, new, start, start):
        return False  # two different letters at the first difference: a word changed
    most = min(len(old), len(new)) - start
    tail = _common_end(old, new, most)
    if tail < most and _letters_at(old, new, len(old) - tail - 1, len(new) - tail - 1):
        return False  # and at the last
    while start and not old[start - 1].isspace():
        start -= 1  # back to the start of the word the difference is in
    while tail and not old[len(old) - tail].isspace():
        tail -= 1  # and on to the end of that at the other end
    return old[start : len(old) - tail].split() == new[start : len(new) - tail].split()


def _letters_at(old: str, new: str, at_old: int, at_new: int) -> bool:
    """Both positions are inside their texts and hold characters other than white
    space: the texts' words differ there, as the characters do."""
    return (
        0 <= at_old < len(old)
        and 0 <= at_new < len(new)
        and not old[at_old].isspace()
        and not new[at_new].isspace()
    )


def _common_start(old: str, new: str) -> int:
    """How many characters both texts start with."""
    return _common_run(lambda near, far: old[near:far] == new[near:far], min(len(old), len(new)))


def _common_end(old: str, new: str, most: int) -> int:
    """How many characters (at most ``most``) both texts end with."""

    def same(near: int, far: int) -> bool:
        return old[len(old) - far : len(old) - near] == new[len(new) - far : len(new) - near]

    return _common_run(same, most)


def _common_run(same: Callable[[int, int], bool], most: int) -> int:
    """The length (at most ``most``) of the run of characters the texts share from one
    end, ``same(near, far)`` telling whether they agree from ``near`` to ``far`` (counted
    from that end): ``STRIDE`` characters at a time, then halving the stride that
    differs."""
    done = 0
    while done < most:
        stride = min(STRIDE, most - done)
        if not same(done, done + stride):
            low, high = done, done + stride  # the first difference is in [low, high)
            while high - low > 1:
                middle = (low + high) // 2
                if same(low, middle):
                    low = middle
                else:
                    high = middle
            return low
        done += stride
    return most
