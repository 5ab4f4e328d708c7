"""A changed row whose one edit no pass after the word diff can change skips those
passes (``pipeline._settled``), or is made whole at once (``settled.settled_rows``):
the comparison is the one the passes would have made."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare, pipeline
from variorum.compare.pipeline import _settled
from variorum.comparison import Op, OpKind
from variorum.compiled import twins
from variorum.document import Span
from variorum.options import CompareOptions

VOCABULARY = ["the", "of", "or", "data", "account", "Data.", "don't", "don", "t", "it's",
              "(EU)", "EU", "1.5", "§", "https://example.com/a", "example.com", "«quoted»",
              "policy,", "policy", "share.", "Share", "—", ";", "!", "?", "\n", "信息",
              "a.b"]  # fmt: skip
"""Words, punctuation, sentence ends and line breaks, some of them parts of others
(``don't`` and ``don``, ``(EU)`` and ``EU``): where a shortcut could go wrong."""


def paragraphs(rng: random.Random) -> tuple[str, str]:
    """Paragraphs of random words, each edited in one place (so that each is still
    paired as changed): a stretch replaced by other words, or by its own words
    reordered among a few others (which the unfolding passes cut at the words kept)."""
    old, new = [], []
    for _ in range(rng.randint(1, 8)):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(6, 40))]
        at = rng.randint(0, len(words) - 1)
        gone = rng.randint(0, 6)
        added = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.5:
            added += words[at : at + gone]
            rng.shuffle(added)
        old.append(" ".join(words))
        new.append(" ".join(words[:at] + added + words[at + gone :]))
    return "\n\n".join(old), "\n\n".join(new)


def with_every_pass(old: str, new: str, **options: object) -> dict[str, object]:
    """The comparison with no row taken as settled: every pass run on every row (none
    made whole by ``settled_rows`` either, compiled or not)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_settled", lambda *_: False)
        patch.setattr(twins, "settled_rows", None)
        patch.setattr(pipeline, "settled_rows", lambda *_: lambda *_: None)
        return compare(old, new, **options).to_dict()  # type: ignore[arg-type]


OPTIONS = [{}, {"kept_run_words": 3}, {"kept_run_words": 2}, {"ignore_case": True},
           {"content_word_reach": 0, "fold_markup": False}]  # fmt: skip
"""The defaults, the shortest kept runs, and options that diff in Python (normalized)."""


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(OPTIONS))
def test_a_settled_row_is_what_the_passes_make_of_it(seed: int, options: dict[str, object]) -> None:
    old, new = paragraphs(random.Random(seed))
    settled = compare(old, new, **options).to_dict()  # type: ignore[arg-type]
    assert settled == with_every_pass(old, new, **options)


def test_one_word_replaced_by_an_unrelated_one_is_settled() -> None:
    old, new = "We keep your data for a year.", "We keep your records for a year."
    ops = [
        Op(OpKind.EQUAL, Span(0, 13), Span(0, 13)),
        Op(OpKind.REPLACE, Span(13, 17), Span(13, 20)),
        Op(OpKind.EQUAL, Span(17, 29), Span(20, 32)),
    ]
    assert _settled(ops, old, new, CompareOptions())


def test_a_replacement_sharing_a_word_or_two_sentence_ends_is_not_settled() -> None:
    options = CompareOptions()
    shared = "data and records", "records or files"
    assert not _settled([Op(OpKind.REPLACE, Span(0, 16), Span(0, 16))], *shared, options)
    ends = "Old one. Gone", "New two. Here"
    assert not _settled([Op(OpKind.REPLACE, Span(0, 13), Span(0, 13))], *ends, options)
    two_edits = [
        Op(OpKind.INSERT, Span(0, 0), Span(0, 3)),
        Op(OpKind.EQUAL, Span(0, 3), Span(3, 6)),
        Op(OpKind.DELETE, Span(3, 6), Span(6, 6)),
    ]
    assert not _settled(two_edits, "abcdef", "xyzabc", options)
