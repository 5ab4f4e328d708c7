"""The compiled module gives exactly what the pure-Python code gives.

``variorum._speedups`` does the per-character work of plain-text parsing (labels,
blocks, body hashes). Each of its functions is checked against its Python reference
on inputs made of the characters that decide the hard cases: Unicode digits that
``\\d`` takes (``٣``, ``５``, ``𝟘``) and one it does not (``²``), spaces other than
" " (``\\x1c``, ``\\x85``, U+00A0, U+3000), roman letters of both cases, the keywords.
Those characters also put the texts in every internal width (Latin-1, UCS-2, UCS-4).
"""

from __future__ import annotations

import doctest
import inspect
import random
from array import array
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum import _speedups
from variorum._speedups import find_label, plain_text_blocks, span_hashes
from variorum.ingest import text as text_module
from variorum.ingest.labels import LABEL_PATTERN
from variorum.ingest.normalize import canonical_text

BODY_START, BODY_END, RECORD = 3, 4, 8


def regex_label(text: str, start: int) -> tuple[int, int] | None:
    """The reference: the regular expression itself."""
    match = LABEL_PATTERN.match(text, start)
    return match.span() if match else None


def python_records(text: str) -> list[int]:
    """The reference: the blocks the pure-Python reading finds in a canonical text."""
    return list(text_module.python_plain_text_blocks(text))


def span_hash(text: str) -> int:
    """The hash of a whole text."""
    return span_hashes(text, array("q", [0, len(text)]), 0, 1, 2)[0]


DIGITS = "0179٣５𝟘"
"""Decimal digits (``\\d``) of every width: ASCII, Arabic-Indic, fullwidth, astral."""
SPACES = [" ", "\t", "\n", "\x1c", "\x85", "\u00a0", "\u3000"]
PIECES = [
    *"().§-*•·◦▪–",
    *SPACES,
    *DIGITS,
    "12",
    "²",  # a digit (str.isdigit) but not a decimal (\d)
    *"ivxlcdmIVXLCDM",
    *"abzAZé",
    "Article", "Art.", "Section", "Sec.", "Chapter", "Part", "Rule", "Clause",
    "Principle", "Annex", "word",
]  # fmt: skip
"""What labels are made of, and what breaks them."""

digits = st.text(DIGITS + "²", min_size=1, max_size=4)
romans = st.text("ivxlcdmIVXLCDM", min_size=1, max_size=9)
letters = st.text("abzAZiIé", min_size=1, max_size=3)
spaces = st.lists(st.sampled_from(SPACES), max_size=2).map("".join)
cores = st.one_of(
    digits,
    st.tuples(digits, st.sampled_from(["", "a", "z", "A"])).map("".join),
    st.lists(digits, min_size=2, max_size=4).map(".".join),
    romans,
    letters,
)
label_like = st.tuples(
    st.sampled_from(["", "(", "(", "§", "§§", "§§§", "Article", "Art.", "Part", "Clause", "Sec."]),
    spaces,
    cores,
    spaces,
    st.sampled_from(["", ")", ".", ".)", ").", "..", "-"]),
    st.sampled_from(["", " ", "\n", "\u3000", "x", ".", "1", "(b)"]),
).map("".join)
"""Texts shaped like labels: an opener, a number, roman numeral or letters, a closer."""
label_texts = st.one_of(
    label_like,
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.lists(st.one_of(label_like, st.sampled_from(PIECES)), max_size=4).map("".join),
)


@settings(max_examples=3000)
@given(label_texts)
def test_find_label_is_the_regular_expression_at_every_start(text: str) -> None:
    for start in range(-2, len(text) + 2):
        assert find_label(text, start) == regex_label(text, start), (text, start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(b) Not to use information", (0, 3)),
        ("( iv ) x", (0, 6)),
        ("(abc) x", None),
        ("(xiv)\n", (0, 5)),
        ("Article 5. Each State", (0, 10)),
        ("Article\n5\n", (0, 9)),  # \s+ crosses the line break, as in the regex
        ("Clause 12a.", (0, 11)),
        ("1.2.3. Text", (0, 6)),
        ("1.2 Text", (0, 3)),
        ("1.2345 Text", None),
        ("1234. Text", None),
        ("٣. Arabic-Indic three", (0, 2)),
        ("²) not a decimal", None),
        ("§§ 12 Text", (0, 5)),
        ("§§§ 12 Text", None),
        ("• bullet", (0, 1)),
        ("2015 was a year", None),
        ("C. Civil", (0, 2)),
        ("iiiiiiii) too long", None),
    ],
)
def test_find_label_examples(text: str, expected: tuple[int, int] | None) -> None:
    assert find_label(text) == expected == regex_label(text, 0)


def test_find_label_takes_str_subclasses_and_refuses_bytes() -> None:
    class Text(str):
        pass

    assert find_label(Text("(a) x")) == (0, 3)
    with pytest.raises(TypeError):
        find_label(b"(a) x")  # type: ignore[arg-type]  # the refusal is under test


WORDS = [
    "a ", "lorem ", "ipsum dolor ", "x" * 20 + " ", "y" * 47, "End.", "stop;", "Ask?",
    "Upper ", "É ", "²", "٣ ", "５", "\t", "  ", "\x1c", "\u00a0", "\u3000",
    "(a) ", "(iv)\t", "1. ", "1.2 ", "Article 5 ", "§ 3 ", "- ", "• ", "iv) ", "B. ",
]  # fmt: skip
"""Line content: short and long words, sentence ends, labels, odd spaces."""

lines = st.tuples(
    st.text(" \t\u3000", max_size=40),  # indentation (up to level 8 and past it)
    st.lists(st.sampled_from(WORDS), max_size=14).map("".join),
).map("".join)
texts = st.tuples(
    st.lists(lines, max_size=16).map("\n".join), st.sampled_from(["", "\n", "\n\n"])
).map("".join)
"""Chunks of lines around the hard-wrap width, with blank and whitespace-only lines."""


@settings(max_examples=1500)
@given(st.one_of(texts, label_texts))
def test_plain_text_blocks_are_parse_texts_blocks(text: str) -> None:
    text = canonical_text(text)
    expected = python_records(text)
    assert list(plain_text_blocks(text)) == expected
    assert (
        list(plain_text_blocks(text, text_module.HARD_WRAP_MAX_WIDTH, text_module.HARD_WRAP_FILL))
        == expected
    )


@settings(max_examples=800)
@given(texts, st.data())
def test_plain_text_blocks_follow_the_thresholds_given(text: str, data: st.DataObject) -> None:
    text = canonical_text(text)
    # thresholds at and around the text's own line widths reach the boundaries
    widths = [len(line.lstrip()) for line in text.split("\n")]
    max_width = data.draw(st.sampled_from(widths)) + data.draw(st.integers(-1, 1))
    fill = data.draw(
        st.one_of(
            st.floats(0, 1.5),
            st.tuples(st.sampled_from(widths), st.sampled_from(widths)).map(
                lambda pair: pair[0] / pair[1] if pair[1] else 0.0
            ),
        )
    )
    with (
        mock.patch.object(text_module, "HARD_WRAP_MAX_WIDTH", max_width),
        mock.patch.object(text_module, "HARD_WRAP_FILL", fill),
    ):
        expected = python_records(text)
    assert list(plain_text_blocks(text, max_width, fill)) == expected


def test_the_default_thresholds_are_text_pys() -> None:
    parameters = inspect.signature(plain_text_blocks).parameters
    assert parameters["max_width"].default == text_module.HARD_WRAP_MAX_WIDTH
    assert parameters["fill"].default == text_module.HARD_WRAP_FILL


def test_plain_text_blocks_example() -> None:
    text = "Title\n\n  (a) One;\n  (b) Two,\ncontinued.\n"
    assert list(plain_text_blocks(text)) == [
        1, 0, 5, 0, 5, -1, -1, 0,  # Title
        2, 9, 17, 13, 17, 9, 12, 1,  # (a) One; (indented by two: level 1)
        2, 20, 39, 24, 39, 20, 23, 1,  # (b) Two, continued.
    ]  # fmt: skip
    assert list(plain_text_blocks("")) == []
    assert list(plain_text_blocks(" \n\t\n")) == []


def test_the_docstring_examples() -> None:
    result = doctest.testmod(_speedups)
    assert result.attempted > 0
    assert result.failed == 0


@settings(max_examples=500)
@given(st.text(st.characters(max_codepoint=255)), st.text(st.characters(max_codepoint=0xFFFF)))
def test_equal_text_hashes_equal_in_every_string_width(latin: str, bmp: str) -> None:
    # prefixes that store the same characters as Latin-1, UCS-2 and UCS-4
    for body in (latin, bmp):
        texts = [prefix + body + "\n" for prefix in ("", "٣", "\U0001f600") if body or prefix]
        records = array("q", [0, 0])
        hashes = set()
        for text in texts:
            start = len(text) - len(body) - 1
            records[0], records[1] = start, start + len(body)
            hashes.add(span_hashes(text, records, 0, 1, 2)[0])
        hashes.add(span_hash(body))
        assert len(hashes) == 1


@settings(max_examples=300)
@given(
    st.text(st.sampled_from(["a", "b", "\x00", " ", "é", "٣", "\U0001d7d8"]), max_size=40),
    st.lists(st.tuples(st.integers(-45, 45), st.integers(-45, 45)), min_size=1, max_size=30),
)
def test_a_span_hashes_as_its_slice(text: str, bounds: list[tuple[int, int]]) -> None:
    records = array("q", [-9, *(value for pair in bounds for value in pair), -9])
    hashes = span_hashes(text, records[1:-1], 0, 1, 2)
    slices = [text[start:end] for start, end in bounds]
    assert list(hashes) == [span_hash(part) for part in slices]
    # equal hashes exactly for equal slices
    assert len(set(zip(slices, hashes, strict=True))) == len(set(slices)) == len(set(hashes))


def test_hashes_of_columns_in_records() -> None:
    text = "(a) Same words.\n\n(b) Same words.\n\n(c) Other words.\n"
    blocks = plain_text_blocks(text)
    hashes = span_hashes(text, blocks, BODY_START, BODY_END, RECORD)
    assert hashes[0] == hashes[1] == span_hash("Same words.") != hashes[2]
    assert len(hashes) == len(blocks) // RECORD
    assert list(span_hashes(text, array("q"), BODY_START, BODY_END, RECORD)) == []


def test_nul_characters_count() -> None:
    # three code points are hashed as one word, where a missing one reads as U+0000
    texts = [prefix + "\x00" * count for prefix in ("", "a", "ab", "abc") for count in range(7)]
    assert len({span_hash(text) for text in texts}) == len(texts)


def test_near_identical_and_random_spans_do_not_collide() -> None:
    rng = random.Random(20240601)
    base = "The States Parties shall take all appropriate measures to ensure the rights, "
    variants = {base}
    for position in range(len(base)):  # every one-character edit with a few replacements
        for char in "aeE .;٣\U0001d7d8":
            variants.add(base[:position] + char + base[position + 1 :])
            variants.add(base[:position] + char + base[position:])
        variants.add(base[:position] + base[position + 1 :])
    for _ in range(20000):  # two-character edits
        chars = list(base)
        for _ in range(2):
            chars[rng.randrange(len(chars))] = rng.choice("abcdefghij ,.")
        variants.add("".join(chars))
    words = ["shall", "the", "of", "States", "rights", "to", "and", "a", "measures", "ensure"]
    corpus = " ".join(rng.choice(words) for _ in range(40000))
    for _ in range(150000):  # random spans of a text of few distinct words
        start = rng.randrange(len(corpus))
        variants.add(corpus[start : start + rng.randrange(1, 120)])
    spans = sorted(variants)
    text = "\n".join(spans)
    records = array("q")
    start = 0
    for span in spans:
        records.extend((start, start + len(span)))
        start += len(span) + 1
    hashes = span_hashes(text, records, 0, 1, 2)
    assert len(spans) > 150000
    assert len(set(hashes)) == len(spans)


@pytest.mark.parametrize(
    ("records", "columns"),
    [
        ([0, 1], (0, 1, 0)),  # no records of no numbers
        ([0, 1], (0, 2, 2)),  # a column outside the record
        ([0, 1], (-1, 1, 2)),
        ([0, 1, 2], (0, 1, 2)),  # numbers left over
    ],
)
def test_span_hashes_refuses_bad_layouts(records: list[int], columns: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="record"):
        span_hashes("text", array("q", records), *columns)
