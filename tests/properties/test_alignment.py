"""Properties of the block alignment a reader relies on: no pair below the floor shown
as changed (but for the lone pair ``pair_lone_blocks`` promises), and numbers alone
never anchor an alignment that makes sections look moved."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from pairs import edit_lines

from variorum.compare import compare
from variorum.compare.align import best_in_order
from variorum.compare.similarity import BlockKeys
from variorum.comparison import Comparison, RowKind
from variorum.options import CompareOptions

WORDS = ["data", "users", "share", "policy", "consent", "service", "request", "store",
         "the", "of", "we", "your", "may", "85", "2", "information", "Meta"]  # fmt: skip
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join)
ANCHORS = {RowKind.EQUAL, RowKind.RENUMBERED}


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """Lines and a version of them with lines replaced, inserted, deleted or moved."""
    lines = draw(st.lists(line, min_size=1, max_size=14))
    new = edit_lines(draw, lines, line, 5, ["replace", "insert", "delete", "move"])
    return "\n".join(lines) + "\n", "\n".join(new) + "\n"


def lone(comparison: Comparison, index: int) -> bool:
    """Whether the row is the only old and new block between two anchored rows (or
    the text's ends): the pair ``pair_lone_blocks`` takes whatever its score."""
    rows = comparison.rows
    before = index == 0 or rows[index - 1].kind in ANCHORS
    after = index == len(rows) - 1 or rows[index + 1].kind in ANCHORS
    row = rows[index]
    return before and after and len(row.old_blocks) == 1 and len(row.new_blocks) == 1


@settings(max_examples=300, deadline=None)
@given(edited())
def test_no_changed_row_is_below_the_similarity_floor(pair: tuple[str, str]) -> None:
    comparison = compare(*pair)
    options = CompareOptions()
    keys = BlockKeys(comparison.old, comparison.new, options)
    for index, row in enumerate(comparison.rows):
        if row.kind in (RowKind.CHANGED, RowKind.SPLIT, RowKind.MERGED):
            score = keys.score(list(row.old_blocks), list(row.new_blocks))
            assert score >= options.pair_floor or lone(comparison, index), (index, score)


SECTIONS = [
    "Mechanisms we use for global data transfers",
    "What Products does this policy cover",
    "Adequacy decisions for each country",
    "Supplemental policies of our Products",
    "Other third parties we get information from",
    "What happens if you do not let us collect information",
    "Integrated partners and their own terms",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=7, unique=True),
    st.data(),
)
def test_renumbered_notes_make_no_section_look_moved(
    sections: list[str], data: st.DataObject
) -> None:
    # notes numbered 1, 2, ... before each section, twice (the text and an appendix of
    # notes, as in the Instagram policy); some sections deleted renumber the notes
    kept = [s for s in sections if data.draw(st.booleans(), label=s)]
    first = data.draw(st.integers(1, 90), label="first number")

    def text(chosen: list[str]) -> str:
        notes = [f"{first + n}\n\n{section}" for n, section in enumerate(chosen)]
        return "\n\n".join(chosen + notes) + "\n"

    comparison = compare(text(sections), text(kept))
    assert not [row for row in comparison.rows if row.kind.value.startswith("moved")]


candidates = st.lists(
    st.tuples(st.integers(1, 20).map(lambda n: n / 20), st.integers(0, 5), st.integers(0, 5)),
    max_size=12,
    unique_by=lambda pair: pair[1:],
)


@settings(max_examples=300, deadline=None)
@given(candidates)
def test_pairs_in_a_gap_keep_reading_order_with_the_best_total(
    scored: list[tuple[float, int, int]],
) -> None:
    # Against every subset of the candidates: the pairing must keep both sides' order,
    # and no ordered choice may score more (a best pair taken first may cross two
    # pairs worth more together)
    chosen = best_in_order(scored, list(range(6)), list(range(6)))
    assert chosen == sorted(chosen)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(chosen))
    score = {(i, j): s for s, i, j in scored}
    total = sum(score[pair] for pair in chosen)
    for size in range(len(scored) + 1):
        for subset in itertools.combinations(sorted(score), size):
            if all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(subset)):
                assert sum(score[pair] for pair in subset) <= total + 1e-6
