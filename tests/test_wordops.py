"""The compiled ops of a row are exactly the Python ones.

``variorum.compare._wordops.row_ops`` replaces ``compare.row_ops`` (word diff, then every
cleanup pass) when no option normalizes the text. Both are run on the same random
spans of random texts made of what the passes decide on: function words in any case
(folded between two replacements), punctuation and spaces alone (folded between two
edits), spaces of several kinds before and after edits (slid past), URLs, numbers,
CJK and characters outside the Basic Multilingual Plane (the texts' internal widths),
and changed numbering labels at any place in the spans.
"""

from __future__ import annotations

import doctest
import gc
import itertools
import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import _wordops, compare, row_ops
from variorum.compare._wordops import cut_ops as compiled_cut_ops
from variorum.compare._wordops import equal_count_chain as compiled_chain
from variorum.compare._wordops import equal_row as compiled_equal_row
from variorum.compare._wordops import joined_runs as compiled_joined_runs
from variorum.compare._wordops import kept_words as compiled_kept_words
from variorum.compare._wordops import row_ops as compiled_row_ops
from variorum.compare._wordops import row_segments as compiled_row_segments
from variorum.compare._wordops import settled_rows as compiled_settled_rows
from variorum.compare._wordops import spans as compiled_spans
from variorum.compare._wordops import whole_rows as compiled_whole_rows
from variorum.compare.pipeline import whole_rows
from variorum.compare.settled import equal_row, settled_rows
from variorum.compare.unfold import cut_around, equal_count_chain, joined_runs
from variorum.compare.unpair import kept_words
from variorum.comparison import Op, OpKind, RowKind, Stats, row_segments
from variorum.document import Span
from variorum.ingest import parse_text
from variorum.options import CompareOptions

WORDS, RUN = CompareOptions().function_words, CompareOptions().function_word_run
"""The function words folded between replacements, as ``compare`` passes them."""
TOKENS = [
    "the", "The", "OF", "of", "in", "to", "a", "cat", "dog", "ICTs", "use", "Not",
    "states", "States’", "1.5", "19", "https://x.test/a?b=1", "信", "息", "𝟘", "😀",
    ",", ".", ";", "(", ")", "—",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u3000",
]  # fmt: skip
"""Words the cleanup folds or keeps, punctuation, spaces; repeated ones come more often."""
FEW_TOKENS = ["the", "of", "cat", "a", ",", " ", " ", "  ", "\n"]
"""Few tokens, many spaces: edits that start or end with the spaces around them."""

texts = st.sampled_from([TOKENS, FEW_TOKENS]).flatmap(
    lambda tokens: st.lists(st.sampled_from(tokens), max_size=30).map("".join)
)


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a version of it with a few stretches of tokens replaced."""
    tokens = draw(st.sampled_from([TOKENS, FEW_TOKENS]))
    old = draw(st.lists(st.sampled_from(tokens), min_size=1, max_size=40))
    new = list(old)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(new)))
        cut = draw(st.integers(0, 3))
        new[at : at + cut] = draw(st.lists(st.sampled_from(tokens), max_size=4))
    return "".join(old), "".join(new)


@st.composite
def spans_and_label(draw: st.DrawFn, old: str, new: str) -> tuple[Span, Span, tuple | None]:
    """A span of each text and, maybe, a label span inside each."""
    o = sorted(draw(st.lists(st.integers(0, len(old)), min_size=4, max_size=4)))
    n = sorted(draw(st.lists(st.integers(0, len(new)), min_size=4, max_size=4)))
    if draw(st.booleans()):
        return Span(o[0], o[3]), Span(n[0], n[3]), (Span(o[1], o[2]), Span(n[1], n[2]))
    return Span(o[0], o[3]), Span(n[0], n[3]), None


def both(old: str, old_span: Span, new: str, new_span: Span, label: tuple | None,
         effort: int = 30) -> tuple[tuple, tuple]:  # fmt: skip
    """The Python ops and the compiled ops of one row."""
    expected = row_ops(old, old_span, new, new_span, label, CompareOptions(diff_effort=effort))
    flat = label and (label[0].start, label[0].end, label[1].start, label[1].end)
    found = compiled_row_ops(
        old, old_span.start, old_span.end, new, new_span.start, new_span.end, flat, effort, 10_000,
        WORDS, RUN,
    )  # fmt: skip
    return expected, found


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_random_rows_give_the_python_ops(data: st.DataObject) -> None:
    old, new = data.draw(edited_pair())
    old_span, new_span, label = data.draw(spans_and_label(old, new))
    expected, found = both(old, old_span, new, new_span, label)
    assert found == expected


@settings(max_examples=500, deadline=None)
@given(texts, texts)
def test_unrelated_texts_give_the_python_ops(old: str, new: str) -> None:
    expected, found = both(old, Span(0, len(old)), new, Span(0, len(new)), None, effort=1)
    assert found == expected


def test_each_pass_has_its_effect() -> None:
    cases = {
        # function words between two replacements: one phrase replaced
        ("spirit of mutual respect", "sphere of information security"): [
            ("replace", "spirit of mutual respect", "sphere of information security")
        ],
        # compared case-folded: the long s of old prints folds to "s"
        ("spirit iſ respect", "sphere iſ security"): [
            ("replace", "spirit iſ respect", "sphere iſ security")
        ],
        # ...but not between an insertion and a replacement
        ("of two", "three of five"): [
            ("insert", "", "three "), ("equal", "of ", "of "), ("replace", "two", "five")
        ],
        # a comma and a space between two edits: one replacement
        ("red, big", "blue, small"): [("replace", "red, big", "blue, small")],
        # an insertion at the end slid past the spaces it starts with
        ("the ", "the   a "): [("equal", "the ", "the "), ("insert", "", "  a ")],
        # a deletion slid past the space it starts with
        ("the provisional agenda", "the agenda"): [
            ("equal", "the ", "the "), ("delete", "provisional ", ""), ("equal", "agenda", "agenda")
        ],
    }  # fmt: skip
    for (old, new), expected in cases.items():
        found = compiled_row_ops(old, 0, len(old), new, 0, len(new), None, 100, 10_000, WORDS, RUN)
        assert [(op.kind.value, op.old.of(old), op.new.of(new)) for op in found] == expected
        assert found == both(old, Span(0, len(old)), new, Span(0, len(new)), None)[0]


def test_a_changed_label_is_one_renumber_op_between_two_diffs() -> None:
    old, new = "(b) Not to use ICTs;", "(2) Not to use information technologies;"
    found = compiled_row_ops(
        old, 0, len(old), new, 0, len(new), (0, 3, 0, 3), 100, 10_000, WORDS, RUN
    )
    assert [(op.kind, op.old.of(old), op.new.of(new)) for op in found] == [
        (OpKind.RENUMBER, "(b)", "(2)"),
        (OpKind.EQUAL, " Not to use ", " Not to use "),
        (OpKind.REPLACE, "ICTs", "information technologies"),
        (OpKind.EQUAL, ";", ";"),
    ]


@settings(max_examples=500, deadline=None)
@given(st.data(), st.integers(0, 2**32 - 1))
def test_a_replacement_cut_at_runs_gives_the_python_ops(data: st.DataObject, seed: int) -> None:
    # the stretches between the runs diffed one by one as row_ops diffs them, the ops
    # joined as unfold.cut_around joins them (an equality after an equality: one);
    # runs in order inside the replacement, some empty on a side, some side by side
    old, new = data.draw(edited_pair())
    rng = random.Random(seed)
    count = rng.randrange(4)
    old_places = sorted(rng.randrange(len(old) + 1) for _ in range(2 * count + 2))
    new_places = sorted(rng.randrange(len(new) + 1) for _ in range(2 * count + 2))
    op = Op(
        OpKind.REPLACE, Span(old_places[0], old_places[-1]), Span(new_places[0], new_places[-1])
    )
    runs = [
        (Span(*old_places[k : k + 2]), Span(*new_places[k : k + 2])) for k in range(1, 2 * count, 2)
    ]
    options = CompareOptions(diff_effort=30)
    expected = cut_around(op, runs, lambda o, n: row_ops(old, o, new, n, None, options))
    assert compiled_cut_ops(op, runs, old, new, 30, 10_000, WORDS, RUN) == expected


def test_compare_uses_it_and_ignoring_options_do_not() -> None:
    old, new = "The Cat sat.\n", "the cat sat!\n"
    assert compare(old, new).rows[0].changed
    assert not compare(old, new, ignore_case=True, ignore_punctuation=True).rows[0].changed


@settings(max_examples=300)
@given(st.integers(0, 2**32 - 1))
def test_the_chain_of_kept_runs_is_the_python_one(seed: int) -> None:
    # shingle keys of two versions of a passage: few distinct ones (keys repeated a
    # different number of times on each side, or as often), or many (most once a side),
    # the extremes of int64 among them; drawn from a seeded generator (thousands of
    # keys would overflow Hypothesis's buffer)
    rng = random.Random(seed)
    keys = [
        -(2**63),
        2**63 - 1,
        0,
        *(rng.getrandbits(64) - 2**63 for _ in range(rng.choice([2, 8, 5000]))),
    ]
    old = array("q", [rng.choice(keys) for _ in range(rng.randrange(300))])
    new = array("q", [rng.choice(keys) for _ in range(rng.randrange(300))])
    if rng.random() < 0.5:  # a rewrite of the old side: its keys in place, some changed
        new = array("q", [key if rng.random() < 0.8 else rng.choice(keys) for key in old])
    chain = equal_count_chain(old, new)
    assert compiled_chain(old, new) == chain
    for last in range(4):
        assert compiled_joined_runs(*chain, last) == joined_runs(*chain, last)


def test_the_chain_pairs_the_kth_place_of_a_key_with_its_kth() -> None:
    # key 2 twice a side: first with first, second with second; key 4 once against
    # twice is no anchor; of the crossing pairs the longest chain in order is kept
    old, new = array("q", [1, 2, 2, 3, 4]), array("q", [2, 1, 3, 2, 4, 4])
    assert equal_count_chain(old, new) == (array("q", [1, 3]), array("q", [0, 2]))
    assert compiled_chain(old, new) == equal_count_chain(old, new)
    assert compiled_chain(array("q"), array("q", [1])) == (array("q"), array("q"))


def test_overlapping_places_of_one_alignment_join_and_others_are_dropped() -> None:
    # runs of 4 words (last = 3): (0, 5) and (1, 6) overlap on one alignment: one run;
    # (2, 8) overlaps it on another: dropped; (9, 20) starts a run of its own
    chain = array("q", [0, 1, 2, 9]), array("q", [5, 6, 8, 20])
    assert joined_runs(*chain, 3) == [(0, 5, 4, 9), (9, 20, 12, 23)]
    assert compiled_joined_runs(*chain, 3) == joined_runs(*chain, 3)


PARAGRAPHS = [
    "The Cat sat on the mat.", "the cat sat on the mat!", "A dog, of the States’ use.",
    "信息 19 https://x.test/a?b=1", "Not to use ICTs 😀", "", "(b) Not to use ICTs;",
    "(2) Not to use ICTs;", "The Cat sat on the rug, in the sun.",
]  # fmt: skip
"""Paragraphs alike, equal but for case or punctuation, labelled, empty: documents of
them in any order make every kind of row, moves too."""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PARAGRAPHS), max_size=12),
    st.lists(st.sampled_from(PARAGRAPHS), max_size=12),
    st.sampled_from([{}, {"ignore_case": True, "ignore_punctuation": True}]),
)
def test_segments_are_the_python_ones(old: list[str], new: list[str], options: dict) -> None:
    comparison = compare("\n\n".join(old), "\n\n".join(new), **options)
    texts = comparison.old.text, comparison.new.text
    for exact in (True, False):  # (not exact: equalities compared again)
        expected = row_segments(comparison.rows, *texts, exact)
        assert compiled_row_segments(comparison.rows, *texts, exact) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PARAGRAPHS), max_size=12),
    st.lists(st.sampled_from(PARAGRAPHS), max_size=12),
    st.integers(1, 4),
)
def test_words_kept_by_rows_are_the_python_ones(
    old: list[str], new: list[str], enough: int
) -> None:
    comparison = compare("\n\n".join(old), "\n\n".join(new))
    text, records = comparison.old.text, comparison.old.blocks.records
    for row in comparison.rows:
        kept = (row.ops, text, records, row.old_blocks.start, row.old_blocks.stop, enough)
        assert compiled_kept_words(*kept) == kept_words(*kept)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_words_kept_by_random_ops_are_the_python_ones(data: st.DataObject) -> None:
    # web addresses, CJK and astral characters; bodies anywhere in the text, labels too
    old, new = data.draw(edited_pair())
    old_span, new_span, label = data.draw(spans_and_label(old, new))
    ops, _ = both(old, old_span, new, new_span, label)
    bounds = data.draw(st.lists(st.integers(0, len(old)), min_size=2, max_size=8).map(sorted))
    records = array("q", [n for start, end in itertools.pairwise(bounds) for n in
                          (1, start, end, start, end, -1, -1, 0)])  # fmt: skip
    for enough in (1, 3, 100):
        kept = (ops, old, records, 0, len(records) // 8, enough)
        assert compiled_kept_words(*kept) == kept_words(*kept)


def test_segments_join_the_pieces_of_one_text_or_of_both() -> None:
    # one text as the old and the new (a run of "=" crossing rows stays one slice)
    text = "Same.\n\nText.\n"
    comparison = compare(text, text)
    for old, new in ((text, text), (text, "".join(text))):
        assert compiled_row_segments(comparison.rows, old, new, True) == row_segments(
            comparison.rows, old, new, True
        )
    a, b, c = (f"{name} is a paragraph of words." for name in "ABC")
    moved = compare(f"{a}\n\n{b}\n\n{c}", f"{b}\n\n{c}\n\n{a}")
    assert {row.kind for row in moved.rows} >= {RowKind.MOVED_FROM, RowKind.MOVED_TO}
    texts = moved.old.text, moved.new.text
    assert compiled_row_segments(moved.rows, *texts, True) == row_segments(moved.rows, *texts, True)


@settings(max_examples=200)
@given(st.integers(0, 2**32 - 1), st.integers(0, 300), st.booleans())
def test_whole_rows_are_the_python_rows(seed: int, first: int, inserted: bool) -> None:
    # a run of whole inserted (or deleted) blocks: the other side one empty place
    rng = random.Random(seed)
    count = rng.randrange(6)
    place, blocks = Span(7, 7), [range(k, k + 1) for k in range(count)]
    spans = [Span(at, at + rng.randrange(9)) for at in range(0, 10 * count, 10)]
    stats = [Stats(words_inserted=rng.randrange(4)) for _ in range(count)]
    side = [place] * count, spans
    kind, op_kind = (
        (RowKind.INSERTED, OpKind.INSERT) if inserted else (RowKind.DELETED, OpKind.DELETE)
    )
    blocks_of = [range(0)] * count, blocks
    if not inserted:
        side, blocks_of = side[::-1], blocks_of[::-1]
    columns = (*side, *blocks_of, stats)
    expected = whole_rows(first, kind, op_kind, *columns)
    made = compiled_whole_rows(first, kind, op_kind, *columns)
    assert made == expected
    assert [row.ops[0].new for row in made] == [row.new for row in expected]


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(-(2**70), 2**70), st.integers(-(2**70), 2**70))))
def test_spans_are_the_pythons_untracked(bounds: list[tuple[int, int]]) -> None:
    starts, ends = [start for start, _ in bounds], [end for _, end in bounds]
    made = compiled_spans(starts, ends)
    assert made == [Span(start, end) for start, end in bounds]
    assert all(type(span) is Span and not gc.is_tracked(span) for span in made)


def test_spans_of_other_values_or_unequal_lengths() -> None:
    # values that are no ints are kept as Span keeps them (tracked); lengths must agree
    assert compiled_spans([True, 1.5], [[2], 3]) == [Span(True, [2]), Span(1.5, 3)]
    assert gc.is_tracked(compiled_spans([0], [[1]])[0])
    with pytest.raises(ValueError, match="as many ends"):
        compiled_spans([0, 1], [2])
    with pytest.raises(ValueError, match="as many ends"):
        compiled_spans([0], [1, 2])


SETTLED_WORDS = ["the", "of", "data", "Data.", "share.", "We", "we", "1.5", "(EU)", "信",
                 "!", "?", ";", "\n", "  ", "\u00a0", "https://x.test/a"]  # fmt: skip
"""Words, sentence ends, line breaks and spaces: where an edit slides, or is not settled."""
LABELS = ["", "", "", "(a) ", "(b) ", "1. ", "2. ", "• ", "Article 5. "]
"""Paragraph labels: none, numbering, a bullet (one side only: a label change)."""


def settled_texts(rng: random.Random) -> tuple[str, str]:
    """Labelled paragraphs (most labels kept), each edited in one place or a few (or not
    at all): words inserted, deleted or replaced, or a copy of the words beside the edit
    inserted (an insertion that could slide, to a sentence end)."""
    old, new = [], []
    for _ in range(rng.randint(1, 6)):
        words = [rng.choice(SETTLED_WORDS) for _ in range(rng.randint(1, 16))]
        edited = list(words)
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            at = rng.randint(0, len(edited))
            added = [rng.choice(SETTLED_WORDS) for _ in range(rng.randint(0, 3))]
            gone = rng.randint(0, 2)
            if rng.random() < 0.4:
                added, gone = edited[at : at + rng.randint(1, 3)], 0  # a repeat: it slides
            edited[at : at + gone] = added
        label = rng.choice(LABELS)
        old.append(label + " ".join(words))
        new.append((label if rng.random() < 0.8 else rng.choice(LABELS)) + " ".join(edited))
    return "\n\n".join(old), "\n\n".join(new)


SETTLED_OPTIONS = [{}, {"kept_run_words": 2}, {"pair_kept_words": 3}, {"pair_kept_words": 0}]
"""The defaults, short kept runs (never settled), more and no kept words asked."""


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(SETTLED_OPTIONS))
def test_settled_rows_are_the_python_ones(seed: int, options: dict[str, int]) -> None:
    # every run of up to 3 blocks a side against every other: settled or not alike
    rng = random.Random(seed)
    old, new = (parse_text(text) for text in settled_texts(rng))
    chosen = CompareOptions(**options)  # type: ignore[arg-type]
    columns = (old.text, new.text, old.blocks.records, new.blocks.records,
               old.region_bounds, new.region_bounds, chosen)  # fmt: skip
    compiled, python = compiled_settled_rows(*columns), settled_rows(*columns)
    runs = [range(i, j) for i in range(len(old.blocks)) for j in range(i + 1, i + 4)]
    news = [range(i, j) for i in range(len(new.blocks)) for j in range(i + 1, i + 4)]
    for old_run in runs:
        for new_run in news:
            if old_run.stop <= len(old.blocks) and new_run.stop <= len(new.blocks):
                index = old_run.start * 7 + new_run.stop
                assert compiled(index, old_run, new_run) == python(index, old_run, new_run)


@settings(max_examples=200)
@given(st.integers(0, 2**32 - 1))
def test_equal_rows_are_the_python_ones(seed: int) -> None:
    # every run of blocks of a document against itself and against another, the last
    # run's region reaching the text's end
    rng = random.Random(seed)
    old, new = (parse_text(text) for text in settled_texts(rng))
    bounds = old.region_bounds, new.region_bounds
    for start in range(len(old.blocks)):
        for stop in range(start, len(old.blocks) + 1):
            blocks = range(start, stop), range(min(start, len(new.blocks)), len(new.blocks))
            index = rng.randrange(10**6)
            made = compiled_equal_row(index, *bounds, *blocks)
            assert made == equal_row(index, *bounds, *blocks)
            assert made.stats is equal_row(index, *bounds, *blocks).stats


def test_settled_rows_read_arrays_of_64_bit_integers() -> None:
    doc = parse_text("a b c.")
    columns = (doc.text, doc.text, doc.blocks.records, array("i", [0]), doc.region_bounds,
               doc.region_bounds, CompareOptions())  # fmt: skip
    with pytest.raises(TypeError, match="64-bit"):
        compiled_settled_rows(*columns)


def test_the_docstring_examples() -> None:
    result = doctest.testmod(_wordops)
    assert result.attempted > 0
    assert result.failed == 0
