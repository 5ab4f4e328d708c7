"""The compiled diff core gives exactly what fast_diff_match_patch gives.

``variorum.compare._tokendiff.diff_counts`` is checked against the C++ port it replaces, the
oracle, with and without a time limit (the half match runs only with one). Texts are
drawn from alphabets of two to six characters, so that equalities are short and ties,
overlaps and sliding edits are common; the characters come from where the project's
token codes live (private use, supplementary planes, from U+0100 on) and from the
classes the semantic cleanup scores boundaries by, including the characters where
the C library's classes differ from Python's ("\\x1c", "\\x85", "\\xa0", "²").
"""

from __future__ import annotations

import doctest
import random

import fast_diff_match_patch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import _tokendiff
from variorum.compare._tokendiff import diff_counts

PRIVATE_USE = "\ue000\ue001\ue002\ue003\ue004"
SUPPLEMENTARY = "\U000f0000\U000f0001\U000f0002\U0001d7d8\U0001f600"
TOKEN_CODES = "\u0100\u0101\u4e00"
ASCII = "ab01 \n\r."
CLASSES = "é²_\t\x1c\x85\xa0\u2007\u3000\u2028"
CHARACTERS = PRIVATE_USE + SUPPLEMENTARY + TOKEN_CODES + ASCII + CLASSES
TIMELIMITS = [0, 2.0]


def oracle(a: str, b: str, timelimit: float) -> list[tuple[str, int]]:
    """What the project's current diff core gives."""
    return fast_diff_match_patch.diff(  # type: ignore[no-any-return]
        a, b, timelimit=timelimit, checklines=False, cleanup="Semantic", counts_only=True
    )


def rebuilds(a: str, b: str, counts: list[tuple[str, int]]) -> bool:
    """Whether the counts cover both texts: "=" and "-" add up to a, "=" and "+" to b."""
    old = sum(n for kind, n in counts if kind != "+")
    new = sum(n for kind, n in counts if kind != "-")
    return old == len(a) and new == len(b)


alphabets = st.lists(st.sampled_from(CHARACTERS), min_size=2, max_size=6, unique=True)


def texts(alphabet: list[str], max_size: int = 200) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=max_size).map("".join)


@st.composite
def similar_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A text and the same text after a few deletions, insertions and replacements."""
    alphabet = draw(alphabets)
    a = draw(texts(alphabet))
    b = list(a)
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(b)))
        end = draw(st.integers(start, min(len(b), start + 6)))
        b[start:end] = draw(st.lists(st.sampled_from(alphabet), max_size=6))
    return a, "".join(b)


@st.composite
def unrelated_pairs(draw: st.DrawFn) -> tuple[str, str]:
    alphabet = draw(alphabets)
    return draw(texts(alphabet)), draw(texts(alphabet))


@pytest.mark.parametrize("timelimit", TIMELIMITS)
@settings(max_examples=800, deadline=None)
@given(pair=similar_pairs())
def test_similar_texts_as_the_oracle(pair: tuple[str, str], timelimit: float) -> None:
    assert diff_counts(*pair, timelimit) == oracle(*pair, timelimit)


@pytest.mark.parametrize("timelimit", TIMELIMITS)
@settings(max_examples=500, deadline=None)
@given(pair=unrelated_pairs())
def test_unrelated_texts_as_the_oracle(pair: tuple[str, str], timelimit: float) -> None:
    assert diff_counts(*pair, timelimit) == oracle(*pair, timelimit)


@settings(max_examples=500, deadline=None)
@given(pair=similar_pairs() | unrelated_pairs())
def test_without_the_semantic_cleanup_as_the_oracle(pair: tuple[str, str]) -> None:
    """The minimal diff the kept-run search reads (``semantic=False``), as the C++
    port's ``cleanup="No"``."""
    expected = fast_diff_match_patch.diff(
        *pair, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    assert diff_counts(*pair, 0, False) == expected


EDGE_CASES = [
    ("", ""),
    ("", "abc"),
    ("abc", ""),
    ("abc", "abc"),
    ("a", "b"),
    ("a", "a"),
    ("a", ""),
    ("ab", "ba"),
    ("xabcx", "abc"),  # one inside the other
    ("abc", "xabcx"),
    ("\U000f0000", "\U000f0000\ue000"),
    ("the cat sat.", "the cat sat. the cat sat."),
    ("one\n\ntwo", "one\n\nnew\n\ntwo"),  # edits slid to blank lines
    ("one\r\n\r\ntwo", "one\r\n\r\nnew\r\n\r\ntwo"),
    ("AAxA", "AAxAxA"),  # an edit slid to the end, its equality gone
    ("\n.\n..", ".\n..."),  # the same, by the semantic cleanup's shift
    ("the cat", "the cat cat"),  # an edit slid to after a space
    ("abcxxx", "xxxdef"),  # an overlap
    ("xxxdef", "abcxxx"),  # a reverse overlap
]


@pytest.mark.parametrize("timelimit", TIMELIMITS)
@pytest.mark.parametrize(("a", "b"), EDGE_CASES)
def test_edge_cases_as_the_oracle(a: str, b: str, timelimit: float) -> None:
    assert diff_counts(a, b, timelimit) == oracle(a, b, timelimit)


# each character where a boundary's score changes, on both sides of an edit that can slide
SCORED = "a1é\u0100\ue000\U000f0000 \t\n\r.²_\x1c\x85\xa0\u2007\u3000\u2028"


@pytest.mark.parametrize("c", list(SCORED))
def test_character_classes_as_the_oracle(c: str) -> None:
    for left, right in [("x", "y"), ("x ", "y"), ("x.", "y"), ("x", " y"), ("x\n", "y"), ("", "")]:
        for edit in ["x", " ", ".", "\n", c]:
            a = left + c + right
            b = left + c + edit + c + right
            assert diff_counts(a, b, 0) == oracle(a, b, 0), (a, b)


def test_the_half_match_runs_only_under_a_time_limit() -> None:
    # the half match's split is not the shortest diff here, so the two results differ
    a, b = "qHilloHelloHew", "xHelloHeHulloy"
    assert diff_counts(a, b, 2.0) == oracle(a, b, 2.0)
    assert diff_counts(a, b, 0) == oracle(a, b, 0)
    assert diff_counts(a, b, 2.0) != diff_counts(a, b, 0)


@pytest.mark.parametrize("seed", range(8))
def test_long_similar_texts_as_the_oracle(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = rng.sample(CHARACTERS, rng.randint(2, 30))
    a = "".join(rng.choices(alphabet, k=5000))
    b = list(a)
    for _ in range(rng.randint(1, 40)):
        start = rng.randrange(len(b))
        b[start : start + rng.randint(0, 30)] = rng.choices(alphabet, k=rng.randint(0, 30))
    for timelimit in TIMELIMITS:
        assert diff_counts(a, "".join(b), timelimit) == oracle(a, "".join(b), timelimit)


def test_within_its_effort_the_diff_is_the_minimal_one() -> None:
    rng = random.Random(2)
    words = [chr(0xE000 + k) for k in range(40)]
    for _ in range(50):
        a = "".join(rng.choices(words, k=rng.randint(0, 300)))
        b = list(a)
        for _ in range(rng.randint(0, 30)):
            b[rng.randrange(len(b) or 1) if b else 0 : 0] = rng.choice(words)
        assert diff_counts(a, "".join(b), 0, True, 1_000_000) == oracle(a, "".join(b), 0)


def test_past_its_effort_a_dissimilar_pair_settles_the_same_way_each_time() -> None:
    rng = random.Random(1)
    alphabet = [chr(code) for code in range(0xE000, 0xE000 + 3000)]
    a = "".join(rng.choices(alphabet, k=200_000))
    b = "".join(rng.choices(alphabet, k=200_000))
    counts = diff_counts(a, b, 0, True, 10)
    assert rebuilds(a, b, counts)
    assert [kind for kind, _ in counts] == ["-", "+"]  # nothing found within the bound
    assert diff_counts(a, b, 0, True, 10) == counts


def test_the_effort_bounds_work_not_time() -> None:
    """The same texts give the same diff with any time limit left out: the bound is
    counted in steps of the search."""
    rng = random.Random(3)
    alphabet = [chr(code) for code in range(0xE000, 0xE000 + 50)]
    a = "".join(rng.choices(alphabet, k=5_000))
    b = "".join(rng.choices(alphabet, k=5_000))
    coarse = diff_counts(a, b, 0, False, 2)
    assert rebuilds(a, b, coarse)
    assert coarse != diff_counts(a, b, 0, False, 10_000)
    assert coarse == diff_counts(a, b, 0, False, 2)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_a_bisection_out_of_reach_settles_as_the_full_search_does(seed: int) -> None:
    # a bisection whose budget runs out before any path its steps reach could join the
    # two texts (their characters' counts differ by more) settles at once: the same
    # diff as the search run until its budget is spent, and the same budget left for
    # the bisections after it (similar texts with rewritten stretches nest them)
    rng = random.Random(seed)
    alphabet = [chr(0xE000 + k) for k in range(rng.choice([5, 60, 3000]))]
    a = rng.choices(alphabet, k=rng.randint(0, 6000))
    b = list(a) if rng.random() < 0.7 else rng.choices(alphabet, k=rng.randint(0, 6000))
    for _ in range(rng.randint(0, 12)):  # stretches rewritten, some with other characters
        start, length = rng.randrange(len(b) + 1), rng.randint(0, 800)
        other = alphabet if rng.random() < 0.5 else [chr(0xF0000 + k) for k in range(50)]
        b[start : start + length] = rng.choices(other, k=rng.randint(0, 800))
    old, new = "".join(a), "".join(b)
    effort, least = rng.choice([1, 2, 5, 30]), rng.choice([0, 100, 10_000])
    for semantic in (True, False):
        early = diff_counts(old, new, 0, semantic, effort, least)
        try:
            _tokendiff.settle_early(False)
            full = diff_counts(old, new, 0, semantic, effort, least)
        finally:
            _tokendiff.settle_early(True)
        assert early == full


def test_docstrings() -> None:
    result = doctest.testmod(_tokendiff)
    assert result.attempted > 0
    assert result.failed == 0
