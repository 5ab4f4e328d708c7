"""Provenance checked against an independent reconstruction: random histories whose
generator knows when each word was written (every word is new when written, so that
where it came from is never a guess), edited by deletions, insertions, new
paragraphs and paragraphs moved. Every word of the last version must be attributed
to the version that wrote it: the first in which it is present and stays present."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.history.blame import blame, passages
from variorum.history.steps import summarize
from variorum.ingest import parse_text
from variorum.tokens import count_words

Word = tuple[str, int]
"""A word and the version that wrote it."""


@st.composite
def histories(draw: st.DrawFn) -> list[list[list[Word]]]:
    """Versions, each a list of paragraphs of words, each word tagged with its origin."""
    fresh = (f"w{number}z" for number in itertools.count())  # no word begins another

    def words(version: int, count: int) -> list[Word]:
        return [(next(fresh), version) for _ in range(count)]

    paragraphs = [words(0, draw(st.integers(8, 14))) for _ in range(draw(st.integers(2, 5)))]
    versions = [paragraphs]
    for version in range(1, draw(st.integers(2, 6))):
        paragraphs = [list(paragraph) for paragraph in paragraphs]
        for _ in range(draw(st.integers(1, 3))):
            action = draw(st.sampled_from(["delete", "insert", "move", "add"]))
            target = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
            if action == "delete" and len(target) > 8:
                at = draw(st.integers(0, len(target) - 2))
                del target[at : at + draw(st.integers(1, 2))]
            elif action == "insert":
                at = draw(st.integers(0, len(target)))
                target[at:at] = words(version, draw(st.integers(1, 2)))
            elif action == "move" and len(paragraphs) > 2:
                moved = paragraphs.pop(draw(st.integers(0, len(paragraphs) - 1)))
                paragraphs.insert(draw(st.integers(0, len(paragraphs))), moved)
            elif action == "add":
                paragraphs.insert(
                    draw(st.integers(0, len(paragraphs))), words(version, draw(st.integers(8, 12)))
                )
        versions.append(paragraphs)
    return versions


def text(paragraphs: list[list[Word]]) -> str:
    return "\n\n".join(" ".join(word for word, _ in paragraph) for paragraph in paragraphs) + "\n"


@settings(max_examples=150, deadline=None)
@given(histories())
def test_every_word_is_attributed_to_the_version_that_wrote_it(
    history: list[list[list[Word]]],
) -> None:
    documents = [parse_text(text(paragraphs)) for paragraphs in history]
    origins = blame(documents)
    last = documents[-1].text
    at = 0
    for paragraph in history[-1]:
        for word, version in paragraph:
            at = last.index(word, at)
            found = set(origins[at : at + len(word)])  # every character of the word
            assert found == {version}, (word, version, found)
            at += len(word)


def test_passages_are_runs_of_one_origin() -> None:
    first = parse_text("Not to use ICTs to interfere.\n")
    second = parse_text("Not to use ICT networks to interfere.\n")
    runs = passages(blame([first, second]))
    assert [(span.of(second.text), origin) for span, origin in runs] == [
        ("Not to use ", 0),
        ("ICT networks", 1),
        (" to interfere.\n", 0),
    ]


@settings(max_examples=100, deadline=None)
@given(histories())
def test_each_versions_words_are_counted_in_the_changed_rows_alone(
    history: list[list[list[Word]]],
) -> None:
    documents = [parse_text(text(paragraphs)) for paragraphs in history]
    words = count_words(documents[0].text)
    for old, new in itertools.pairwise(documents):
        summary = summarize(compare(old, new), words)
        assert summary.new_words == count_words(new.text)
        words = summary.new_words
