"""The invariant every renderer, store and publisher relies on, on random texts and edits:
the ops of a comparison rebuild both texts exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pairs import assert_rebuilds, edited, moved_and_edited, texts

from variorum.compare import compare
from variorum.ingest import parse_markdown, parse_text


@settings(max_examples=300, deadline=None)
@given(texts(), texts())
def test_unrelated_texts_rebuild(old: str, new: str) -> None:
    assert_rebuilds(compare(old, new))


@settings(max_examples=300, deadline=None)
@given(edited())
def test_edited_texts_rebuild(pair: tuple[str, str]) -> None:
    assert_rebuilds(compare(*pair))


@settings(max_examples=200, deadline=None)
@given(moved_and_edited())
def test_moved_and_edited_blocks_rebuild(pair: tuple[str, str]) -> None:
    assert_rebuilds(compare(*pair))


@settings(max_examples=150, deadline=None)
@given(edited(), st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_every_option_keeps_the_invariant(
    pair: tuple[str, str], case: bool, space: bool, punct: bool, typo: bool, blocks: bool
) -> None:
    comparison = compare(
        *pair,
        ignore_case=case,
        ignore_whitespace=space,
        ignore_punctuation=punct,
        fold_typography=typo,
        blocks_only=blocks,
    )
    assert_rebuilds(comparison)


@settings(max_examples=100, deadline=None)
@given(edited())
def test_markdown_documents_rebuild(pair: tuple[str, str]) -> None:
    old, new = (parse_markdown(text.replace("(a)", "- ").replace("(2)", "# ")) for text in pair)
    assert_rebuilds(compare(old, new))


@settings(max_examples=100, deadline=None)
@given(texts())
def test_a_text_compared_with_itself_has_no_changes(text: str) -> None:
    comparison = compare(parse_text(text), parse_text(text))
    assert not comparison.has_changes
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
