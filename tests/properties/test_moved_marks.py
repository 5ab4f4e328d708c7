"""A block moved and edited, on random documents: in every format, the text marked as
moved is exactly the text that only moved, the text marked as inserted or deleted is
exactly the edit (so a word the edit added is never shown as moved) but for a sentence
of it that moved on to another block, and where the block left, its old text is marked
as moved away and nothing else."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from pairs import assert_rebuilds, moved_and_edited

from marking import MARKED_FORMATS, expected_marks, marked
from variorum.compare import compare
from variorum.comparison import RowKind

LINE = " ".join(["the"] * 10)
AFFILIATES = "affiliates affiliates affiliates"
"""(found by Hypothesis: the moved block's last line became a paragraph of its own, a
sentence that moved on: marked moved in the block's edit, not deleted)"""


@settings(max_examples=80, deadline=None)
@given(moved_and_edited())
@example(
    (
        f"{LINE} the the the the the\n{LINE}\n{LINE} information subsidiaries {AFFILIATES}",
        f"{LINE} the information subsidiaries {AFFILIATES}\n{LINE} the the the the the\n{LINE}",
    )
)
def test_an_added_word_is_never_marked_as_moved(texts: tuple[str, str]) -> None:
    comparison = compare(*texts)
    assume(any(row.kind is RowKind.MOVED_TO for row in comparison.rows))
    assert_rebuilds(comparison)
    expected = expected_marks(comparison)
    for format in MARKED_FORMATS:
        assert marked(comparison, format) == expected, format
