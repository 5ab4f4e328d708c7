"""A pair's whitespace_only flag: true exactly when the words are the same, in order."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.batch import whitespace
from variorum.batch.whitespace import whitespace_only

PIECES = ["a", "b", "é", "42", ".", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003"]
"""Words, punctuation and white space of several kinds, Unicode's among them."""
SPACES = [" ", "\n", "\t", "\u2003"]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))


def _respaced(rng: random.Random, text: str) -> str:
    """The text with white space added next to white space or at either end, or a
    space character dropped or swapped for another: its words unchanged."""
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        spaces = [i for i, c in enumerate(chars) if c.isspace()]
        at = rng.choice([0, len(chars), *spaces])
        if spaces and rng.random() < 0.3 and at in spaces:
            chars[at] = rng.choice(SPACES)
        elif spaces and rng.random() < 0.3 and at in spaces and len(spaces) > 1:
            del chars[at]
        else:
            chars.insert(at, rng.choice(SPACES))
    return "".join(chars)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.sampled_from([2, 3, 4096]))
def test_whitespace_only_agrees_with_the_words_of_both_texts(seed: int, stride: int) -> None:
    rng = random.Random(seed)
    original, whitespace.STRIDE = whitespace.STRIDE, stride  # small strides: every branch
    try:
        for _ in range(50):
            old = _text(rng)
            new = _respaced(rng, old) if rng.random() < 0.5 else _text(rng)
            if rng.random() < 0.3:  # a long common start and end around the change
                frame = _text(rng) * 20
                old, new = frame + " " + old + " " + frame, frame + " " + new + " " + frame
            expected = old != new and old.split() == new.split()
            assert whitespace_only(old, new) is expected, (old, new)
    finally:
        whitespace.STRIDE = original


def test_a_reflowed_paragraph_is_whitespace_only_and_an_edited_one_is_not() -> None:
    old = "1. We keep your data\nfor a year.\n\n2. You may ask us to delete it.\n"
    assert whitespace_only(old, old.replace("data\nfor", "data for"))
    assert whitespace_only(old, old.replace("\n\n2.", "\n\n\n2."))
    assert not whitespace_only(old, old)
    assert not whitespace_only(old, old.replace("a year", "two years"))
    assert not whitespace_only(old, old.replace("data\nfor", "datafor"))  # two words made one
    assert not whitespace_only(old, old.replace("us to", "us  to ") + "Or not.")
