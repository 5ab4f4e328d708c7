"""A sentence taken out of one paragraph and put into another, among paragraphs that
otherwise stay, is found as one move, whole at both ends, and its words are counted
as moved: random paragraphs of distinct sentences, one sentence moved between them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.comparison import Stats
from variorum.tokens import count_words

WORDS = [f"word{number}" for number in range(400)]


@st.composite
def paragraphs_and_a_move(draw: st.DrawFn) -> tuple[list[list[str]], int, int, int]:
    """Paragraphs (lists of sentences of distinct words), a paragraph and a sentence
    in it to move, and the paragraph it moves to."""
    pool = iter(draw(st.permutations(WORDS)))
    paragraphs = [
        [
            " ".join(next(pool) for _ in range(draw(st.integers(6, 12)))).capitalize() + "."
            for _ in range(draw(st.integers(2, 4)))
        ]
        for _ in range(draw(st.integers(3, 6)))
    ]
    source = draw(st.integers(0, len(paragraphs) - 1))
    target = draw(st.integers(0, len(paragraphs) - 1).filter(lambda index: index != source))
    sentence = draw(st.integers(0, len(paragraphs[source]) - 1))
    return paragraphs, source, sentence, target


def text(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs) + "\n"


@settings(max_examples=200, deadline=None)
@given(paragraphs_and_a_move())
def test_a_sentence_moved_between_paragraphs_is_one_move(
    case: tuple[list[list[str]], int, int, int],
) -> None:
    paragraphs, source, index, target = case
    moved = paragraphs[source][index]
    after = [list(sentences) for sentences in paragraphs]
    del after[source][index]
    after[target].append(moved)
    comparison = compare(text(paragraphs), text(after))
    [move] = comparison.text_moves
    assert move.old.of(comparison.old.text) == moved
    assert move.new.of(comparison.new.text) == moved
    words = count_words(moved)
    assert comparison.stats == Stats(words_inserted=0, words_deleted=0, words_moved=words)
