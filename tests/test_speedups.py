"""The compiled twins give exactly what the pure-Python code gives.

``variorum.ingest._reading`` does the per-character work of plain-text parsing (labels,
blocks) and the check that spares ``canonical_text`` its rewrites of a text that needs
none; ``variorum.compare._matching`` the body hashes and two inner loops of the
comparison (the search for unique anchors among block keys, the identical ends of two
blocks). Each of their functions is
checked against its Python reference on inputs made of what decides the hard cases: for
text, Unicode digits that ``\\d`` takes (``٣``, ``５``, ``𝟘``) and one it does not
(``²``), spaces other than " " (``\\x1c``, ``\\x85``, U+00A0, U+3000), roman letters of
both cases, the keywords, which also put the texts in every internal width (Latin-1,
UCS-2, UCS-4), and what NFC composes, reorders or replaces; for keys, few distinct ones
(repeats) or many (unique anchors), moved and copied stretches, and the extremes of int64.
"""

from __future__ import annotations

import doctest
import inspect
import random
import unicodedata
from array import array
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import _matching, align, moved_sentences
from variorum.compare._matching import (
    common_ends,
    common_words,
    read_ends,
    rough_key_spans,
    same_text,
    span_hashes,
    unchanged_runs,
    unique_anchor_runs,
    window_commons,
    word_similarity,
)
from variorum.compare.align import BlockPair, PairKind, align_blocks
from variorum.compare.pipeline import merged_runs
from variorum.compare.similarity import common_ends as common_ends_reference
from variorum.compare.similarity import common_words as common_words_reference
from variorum.compare.similarity import read_ends as read_ends_reference
from variorum.compare.similarity import window_commons as python_window_commons
from variorum.compare.similarity import word_similarity as word_similarity_reference
from variorum.compiled import twins
from variorum.document import Span
from variorum.ingest import _reading, normalize, parse_markdown, parse_text
from variorum.ingest import text as text_module
from variorum.ingest._reading import (
    canonical_need,
    find_label,
    is_canonical_inside,
    line_ends_fixed,
    plain_text_blocks,
    to_nfc,
)
from variorum.ingest.labels import LABEL_PATTERN
from variorum.ingest.normalize import canonical_text
from variorum.options import CompareOptions

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
        ("Article\u00a05 x", (0, 9)),
        ("Article\n5\n", None),  # a label stops at the end of its line
        ("Sec.\n0", None),
        ("(\na)", None),
        ("( a\n)", None),
        ("§\n3", None),
        ("(a)\nb", (0, 3)),  # the line break ends it, as any space does
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
    for at in range(0, len(expected), RECORD):
        _, start, end, body_start, body_end, label_start, label_end, _ = expected[at : at + RECORD]
        assert start <= body_start <= body_end == end
        assert label_start == label_end == -1 or start == label_start < label_end <= body_start
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


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # "Sec." ends a sentence and "0" starts one: two paragraphs, no label
        ("Sec.\n0\n", [1, 0, 4, 0, 4, -1, -1, 0, 1, 5, 6, 5, 6, -1, -1, 0]),
        # "(" is a paragraph of its own; "a)" a label with an empty body
        ("(\na)\n", [1, 0, 1, 0, 1, -1, -1, 0, 2, 2, 4, 4, 4, 2, 4, 0]),
        # "Article" alone, then a numbered item
        ("Article\n5. Text\n", [1, 0, 7, 0, 7, -1, -1, 0, 2, 8, 15, 11, 15, 8, 10, 0]),
    ],
)
def test_no_label_runs_onto_the_next_line(text: str, blocks: list[int]) -> None:
    # it used to: the label "Sec.\n0" ended past its block, "Sec." (a body ending
    # before it started)
    assert list(plain_text_blocks(text)) == python_records(text) == blocks
    document = text_module.parse_text(text)
    assert [block.span.of(text) for block in document.blocks] == text.split("\n")[:-1]


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
    for module in (_reading, _matching):
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
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


KEYS = [0, -1, 2**63 - 1, -(2**63), 2**11, 2**33 + 5, -(2**40), *range(1, 40)]
"""Block keys: the extremes of int64 and values apart in every byte (the search sorts
them by their bits), then small numbers."""


def completed_runs(old: list[int], new: list[int]) -> list[tuple[int, int, int]]:
    """What ``align.anchor_runs`` makes of the compiled search: the gaps' ``_small_lcs``
    runs added, all sorted and joined again."""
    found, gaps = unique_anchor_runs(array("q", old), array("q", new))
    for gap in gaps:
        found.extend(align._small_lcs(old, new, *gap))
    found.sort()
    return align._join(found)


def check_anchor_runs(
    old: list[int], new: list[int], flags: tuple[bytes, bytes] | None = None
) -> None:
    """The compiled search and the pure-Python one agree, with the anchor flags given
    (``flags``: which blocks may anchor) or without them."""
    masks = flags or (None, None)
    found, gaps = unique_anchor_runs(array("q", old), array("q", new), *masks)
    python_gaps: list[tuple[int, int, int, int]] = []

    def no_lcs(_old: object, _new: object, *gap: int) -> list[tuple[int, int, int]]:
        python_gaps.append((gap[0], gap[1], gap[2], gap[3]))
        return []

    with mock.patch.object(align, "_small_lcs", no_lcs):
        python_found = align.anchor_runs(old, new, *masks)  # lists: the pure-Python search
    # the same runs (sorted and joined), and the same gaps left to _small_lcs ...
    assert found == python_found
    assert gaps == sorted(python_gaps)
    # ... so the same result in the end: the lists take the pure-Python search
    if flags is None:
        assert completed_runs(old, new) == align.anchor_runs(old, new)


def edited(keys: list[int], edits: list[tuple[str, int, int, int]]) -> list[int]:
    """``keys`` after some block edits: deleted, inserted, moved, copied."""
    keys = list(keys)
    for kind, at, length, key in edits:
        at = at % (len(keys) + 1)
        stretch = keys[at : at + length]
        if kind == "delete":
            del keys[at : at + length]
        elif kind == "insert":
            keys.insert(at, key)
        elif kind == "move":
            del keys[at : at + length]
            keys[key % (len(keys) + 1) : 0] = stretch
        else:  # copy
            keys[key % (len(keys) + 1) : 0] = stretch
    return keys


edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "move", "copy"]),
        st.integers(0, 60),
        st.integers(1, 8),
        st.sampled_from(KEYS),
    ),
    max_size=6,
)


@settings(max_examples=2000)
@given(st.data())
def test_unique_anchor_runs_are_anchor_runs(data: st.DataObject) -> None:
    # few distinct keys make repeats (gaps for _small_lcs), many make unique anchors
    keys = st.sampled_from(KEYS[: data.draw(st.integers(1, len(KEYS)), label="distinct")])
    old = data.draw(st.lists(keys, max_size=60), label="old")
    new = data.draw(
        st.one_of(st.lists(keys, max_size=60), st.permutations(old), edits.map(
            lambda changes: edited(old, changes)
        )),
        label="new",
    )  # fmt: skip
    check_anchor_runs(old, new)
    # blocks too short to anchor (a footnote number): the same with flags
    flags = st.lists(st.booleans(), min_size=len(old), max_size=len(old))
    old_flags = bytes(data.draw(flags, label="old anchorable"))
    new_flags = bytes(
        data.draw(st.lists(st.booleans(), min_size=len(new), max_size=len(new)), label="new")
    )
    check_anchor_runs(old, new, (old_flags, new_flags))


@settings(max_examples=60)
@given(st.integers(100, 4000), st.floats(0, 0.5), edits, st.integers(0, 2**32 - 1))
def test_unique_anchor_runs_of_long_documents(
    size: int, repeated: float, changes: list[tuple[str, int, int, int]], seed: int
) -> None:
    # a document's block keys: mostly unique, some repeated (the same body twice), and
    # the new version edited in places; thousands of draws come from a seeded generator,
    # not from Hypothesis's buffer, which they would overflow (data_too_large)
    rng = random.Random(seed)
    old = [rng.randrange(20) if rng.random() < repeated else rng.getrandbits(64) - 2**63
           for _ in range(size)]  # fmt: skip
    new = edited(old, [(kind, rng.randrange(size), length * rng.randrange(1, 30), key)
                       for kind, _, length, key in changes])  # fmt: skip
    for _ in range(rng.randrange(size // 50 + 1) if new else 0):  # edited blocks
        new[rng.randrange(len(new))] = rng.getrandbits(63)
    check_anchor_runs(old, new)


@pytest.mark.parametrize(
    ("old", "new", "runs", "gaps"),
    [
        ([], [], [], []),
        ([1, 2], [], [], []),
        ([5], [5], [(0, 0, 1)], []),
        ([1, 2, 3, 4, 5], [1, 3, 4, 2, 5], [(0, 0, 1), (2, 1, 2), (4, 4, 1)], []),
        ([1, 2, 3, 2, 3, 4], [1, 3, 2, 3, 2, 4], [(0, 0, 1), (5, 5, 1)], [(1, 5, 1, 5)]),
        # a gap larger than max_repeated_gap: returned all the same
        ([1, 2] * 1500, [2, 1] * 1500, [], [(0, 3000, 0, 3000)]),
    ],
)
def test_unique_anchor_runs_examples(
    old: list[int],
    new: list[int],
    runs: list[tuple[int, int, int]],
    gaps: list[tuple[int, int, int, int]],
) -> None:
    assert unique_anchor_runs(array("q", old), array("q", new)) == (runs, gaps)
    check_anchor_runs(old, new)


CHARACTERS = [" ", "\n", "\t", "\u3000", "a", "b", "é", "信", "😀", "ab", "a b"]
"""Words and spaces (Unicode's too) of every string width."""

strings = st.lists(st.sampled_from(CHARACTERS), max_size=8).map("".join)


@settings(max_examples=1500)
@given(
    st.tuples(st.sampled_from(["", "é", "信", "😀"]), strings),
    st.tuples(st.sampled_from(["", "é", "信", "😀"]), strings),
    strings,
    strings,
    strings,
    st.lists(st.integers(-2, 2), min_size=4, max_size=4),
    st.booleans(),
)
def test_common_ends_are_diffs(
    a_around: tuple[str, str],
    b_around: tuple[str, str],
    head: str,
    middle: str,
    tail: str,
    shifts: list[int],
    swap: bool,
) -> None:
    # the two spans share a start and an end, around different middles; the texts
    # around them set each string's width (Latin-1, UCS-2, UCS-4) apart
    a_middle, b_middle = (middle, "") if swap else ("", middle)
    a = a_around[0] + head + a_middle + tail + a_around[1]
    b = b_around[0] + head + b_middle + tail + b_around[1]
    a_start = len(a_around[0]) + shifts[0]
    a_end = len(a) - len(a_around[1]) + shifts[1]
    b_start = len(b_around[0]) + shifts[2]
    b_end = len(b) - len(b_around[1]) + shifts[3]
    expected = common_ends_reference(a, Span(a_start, a_end), b, Span(b_start, b_end))
    assert common_ends(a, a_start, a_end, b, b_start, b_end) == expected


@settings(max_examples=1000)
@given(strings, strings, st.lists(st.integers(-12, 12), min_size=4, max_size=4))
def test_common_ends_of_any_spans(a: str, b: str, bounds: list[int]) -> None:
    # bounds past the ends, negative, crossed: sliced as text[start:end] slices
    a_start, a_end, b_start, b_end = bounds
    expected = common_ends_reference(a, Span(a_start, a_end), b, Span(b_start, b_end))
    assert common_ends(a, a_start, a_end, b, b_start, b_end) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("to use ICTs", "to use information technologies", (7, 0)),
        ("a cat sat", "a hat sat", (2, 4)),
        ("café au lait", "café😀 au lait", (0, 8)),  # Latin-1 against UCS-4
        ("same", "same", (4, 0)),  # the end does not overlap the start
        ("ab ab", "ab", (2, 0)),
        ("word", "words", (0, 0)),  # "word" ends inside "words"
        ("信 x", "信 y", (2, 0)),
        ("", "x", (0, 0)),
    ],
)
def test_common_ends_examples(a: str, b: str, expected: tuple[int, int]) -> None:
    assert common_ends(a, 0, len(a), b, 0, len(b)) == expected
    assert common_ends_reference(a, Span(0, len(a)), b, Span(0, len(b))) == expected


def test_common_ends_refuses_bytes() -> None:
    with pytest.raises(TypeError):
        common_ends(b"a b", 0, 3, "a c", 0, 3)  # type: ignore[arg-type]  # the refusal is under test


def needs_no_rewrite(text: str) -> bool:
    """The reference: ``canonical_text``'s rewrites inside the text leave it as it is
    (each of them, when it applies, changes the text)."""
    return normalize._canonical_inside(text) == text


FIRST_MAYBE_COMBINING = 0x300


def second_of_a_composition() -> set[str]:
    """Every character that NFC may compose with one before it: the second of each pair
    in a canonical decomposition, and the Hangul vowels and final consonants (whose
    compositions are computed, not listed)."""
    seconds = {chr(code) for code in range(0x1161, 0x1176)} | {
        chr(code) for code in range(0x11A8, 0x11C3)
    }
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    return seconds


def test_normalization_never_reaches_across_a_character_below_u0300() -> None:
    # what is_canonical_inside's split of the text into segments stands on
    seconds = second_of_a_composition()
    assert "\u0301" in seconds and "\u0bbe" in seconds and "\u11a8" in seconds
    for code in range(FIRST_MAYBE_COMBINING):
        char = chr(code)
        first = unicodedata.normalize("NFD", char)[0]
        assert unicodedata.combining(char) == unicodedata.combining(first) == 0, hex(code)
        assert unicodedata.is_normalized("NFC", char), hex(code)
        assert char not in seconds and first not in seconds, hex(code)
        for before in ("\u1100", "\uac00", "e\u0301", "\u0bc6", "\U0001d157"):
            assert unicodedata.normalize("NFC", before + char) == (
                unicodedata.normalize("NFC", before) + char
            ), hex(code)
    assert all(ord(char) >= FIRST_MAYBE_COMBINING for char in seconds)


CANONICAL_PIECES = [
    *"aeoAE .;",
    "The word ",
    "x" * 70,  # a long ordinary stretch: the scan's blocks, and few segments per character
    *normalize._LINE_END_SPACE,
    "\n", "\n\n", "\r", "\r\n",
    *(separator for separator, _ in normalize._RARE),
    "\u2002", "\u3000", "\x1c", "\x85", "\t\n",  # spaces that stay, a tab that goes
    "\u0300", "\u0301", "\u0306", "\u0308", "\u0327", "\u0338", "\u0340",  # combining
    "é", "Å", "\u212b", "\u2000", "\u2126", "\u0229", "\u1e69", "\u1f71",  # precomposed
    "\u1100", "\u1161", "\u11a8", "\uac00", "\uac01",  # Hangul jamo and syllables
    "\u0bc6", "\u0bbe", "\u0bca", "\u0b47", "\u0b3e", "\u0b4b",  # two-part vowel signs
    "й", "и", "\u0391", "\u03ac", "\u201c", "\u2019", "—", "信",  # ordinary from U+0300 up
    "\U0001f600", "\U0001d15e", "\U0001d157", "\U0001d165",  # UCS-4, one not NFC
]  # fmt: skip
"""What the check must tell apart: line breaks and line-end spaces, the separators, and
characters that NFC composes, reorders or replaces, in every internal width."""

RUNS_FROM_U0300 = ["Ωμέγα ", "Статья ", "信息安全", "\u0928\u0939\u0940\u0902 ", "\u0301"]
"""Words with no character below U+0300 but the space: a segment each."""

canonical_pieces = st.lists(st.sampled_from(CANONICAL_PIECES), max_size=40).map("".join)
dense_runs = st.lists(st.sampled_from(RUNS_FROM_U0300 + CANONICAL_PIECES[:3]), max_size=200).map(
    "".join
)
"""Texts with more segments than one per 64 characters: the fallback to one call."""


@settings(max_examples=3000)
@given(st.one_of(canonical_pieces, dense_runs), st.sampled_from([1, 2, 64, 10**9]))
def test_is_canonical_inside_is_needs_no_rewrite(text: str, chars_per_call: int) -> None:
    # chars_per_call 1 asks every segment, 10**9 asks the whole text at once
    expected = needs_no_rewrite(text)
    assert is_canonical_inside(text, chars_per_call) == expected
    assert is_canonical_inside(text) == expected


@settings(max_examples=3000)
@given(st.one_of(canonical_pieces, dense_runs), st.sampled_from([1, 2, 64, 10**9]))
def test_canonical_need_is_its_reference(text: str, chars_per_call: int) -> None:
    expected = normalize.python_canonical_need(text)
    assert canonical_need(text, chars_per_call) == expected
    assert (expected == normalize.Rewrites.NONE) == needs_no_rewrite(text)


@settings(max_examples=3000)
@given(st.one_of(canonical_pieces, dense_runs))
def test_a_text_that_needs_nfc_alone_is_canonical_after_it(text: str) -> None:
    # canonical_text's path for decomposed accents: NFC, and no other rewrite after it
    if normalize.python_canonical_need(text) is normalize.Rewrites.NFC:
        with (
            mock.patch.object(twins, "is_canonical_inside", None),
            mock.patch.object(twins, "line_ends_fixed", None),
            mock.patch.object(twins, "to_nfc", None),
        ):
            assert unicodedata.normalize("NFC", text) == normalize._canonical_inside(text)


def test_nfc_makes_no_character_another_rewrite_takes() -> None:
    # what Rewrites.NFC stands on: NFC's characters are those of the text's canonical
    # decompositions, or compositions of them; neither is a line break, a line-end
    # space, a control character or a separator unless the text's own character was
    taken = {*"\r\n", *normalize._LINE_END_SPACE, *(separator for separator, _ in normalize._RARE)}
    taken |= {chr(code) for code in normalize._CONTROL_TABLE}
    for char in taken:  # none is composed of others: NFC cannot make one
        assert unicodedata.normalize("NFD", char) == char, hex(ord(char))
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000 or chr(code) in taken:
            continue
        assert taken.isdisjoint(unicodedata.normalize("NFD", chr(code))), hex(code)


@settings(max_examples=1000)
@given(st.one_of(canonical_pieces, dense_runs))
def test_canonical_text_is_the_same_without_the_compiled_check(text: str) -> None:
    with mock.patch.object(twins, "is_canonical_inside", None):
        expected = canonical_text(text)
    assert canonical_text(text) == expected
    assert is_canonical_inside(expected)
    # and without any twin of normalize.py: the quick paths give what the rewrites give
    with (
        mock.patch.object(twins, "is_canonical_inside", None),
        mock.patch.object(twins, "line_ends_fixed", None),
        mock.patch.object(twins, "to_nfc", None),
    ):
        assert canonical_text(text) == expected


def python_line_ends_fixed(text: str) -> str:
    """The reference: ``normalize._line_ends_fixed`` in pure Python."""
    with mock.patch.object(twins, "line_ends_fixed", None):
        return normalize._line_ends_fixed(text)


@settings(max_examples=3000)
@given(st.one_of(canonical_pieces, dense_runs))
def test_line_ends_fixed_is_its_reference(text: str) -> None:
    # == on str compares the internal width too: the copy must be as narrow as CPython's
    assert line_ends_fixed(text) == python_line_ends_fixed(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One  \r\nTwo\t\rThree\u00a0", "One\nTwo\nThree"),
        ("a \r\r\n\r", "a\n\n\n"),  # CRLF is one break, a lone CR another
        ("a\u00a0\nb", "a\nb"),  # Latin-1 only by the no-break space: ASCII after
        ("\u00e9\u00a0\n", "\u00e9\n"),
        ("\U0001f600 \n\u4fe1\t", "\U0001f600\n\u4fe1"),
        ("a \x0c\n", "a \x0c\n"),  # a form feed is left to the full rewrite
        ("   ", ""),
    ],
)
def test_line_ends_fixed_examples(text: str, expected: str) -> None:
    assert line_ends_fixed(text) == expected == python_line_ends_fixed(text)
    assert line_ends_fixed(text).isascii() is expected.isascii()


def test_line_ends_fixed_keeps_a_text_that_needs_no_rewrite() -> None:
    text = "One\nTwo \u00e9\n\n\U0001f600"
    assert line_ends_fixed(text) is text
    with pytest.raises(TypeError):
        line_ends_fixed(b"a \r\n")  # type: ignore[arg-type]  # the refusal is under test


def test_to_nfc_reads_many_distinct_accented_letters() -> None:
    # more distinct two-character segments than its table holds: the rest by the dict
    text = "".join(chr(0x100 + code) + "\u0301 " + "x" * 70 for code in range(3000))
    assert to_nfc(text) == unicodedata.normalize("NFC", text)


def test_a_form_feed_before_a_line_break_is_a_line_break_either_way() -> None:
    assert canonical_text("a\x0c\na") == "a\n\na\n"  # a control that breaks lines, then one
    assert canonical_text("a \r\nb\t\r\n") == "a\nb\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("Caf\u00e9 \u201cau lait\u201d\n", True),
        ("Cafe\u0301\n", False),  # e and U+0301 compose
        ("\u0301", True),  # a mark at the start has nothing to compose with
        ("\u212b", False),  # ANGSTROM SIGN: NFC makes it Å
        ("\u0b47\u0b3e", False),  # two halves of U+0B4B, the second a starter
        ("\u1100\u1161", False),  # Hangul jamo compose into a syllable
        ("\uac00\u11a8", False),
        ("x\u0327\u0301", True),  # x composes with neither
        ("x\u0301\u0327", False),  # marks out of canonical order
        ("\U0001d15e", False),  # excluded from composition: NFC decomposes it
        ("x \n", False),
        ("x\u00a0", False),  # a line-end space at the very end
        ("x\u3000\n", True),  # not a line-end space
        ("\n \u0301\n", True),  # a space before a mark is not before the break
        ("a\r", False),
        ("\u2028", False),
        ("a\ufeffb", False),
    ],
)
def test_is_canonical_inside_examples(text: str, expected: bool) -> None:
    for chars_per_call in (1, 64, 10**9):
        assert is_canonical_inside(text, chars_per_call) == expected == needs_no_rewrite(text)


@settings(max_examples=3000)
@given(st.one_of(canonical_pieces, dense_runs), st.sampled_from([1, 2, 64, 10**9]))
def test_to_nfc_is_unicode_nfc(text: str, chars_per_call: int) -> None:
    # chars_per_call 1 normalizes every segment alone, 10**9 the whole text at once
    assert to_nfc(text, chars_per_call) == unicodedata.normalize("NFC", text)


def test_to_nfc_composes_decomposed_accents_and_keeps_a_text_that_is_nfc() -> None:
    decomposed = "Re\u0301sume\u0301 " * 50 + "x" * 5000  # few segments: one call each
    assert to_nfc(decomposed) == "Résumé " * 50 + "x" * 5000
    composed = "Résumé, 信息安全 \U0001f600\n"
    assert to_nfc(composed) is composed  # no copy of a text that is NFC already


def test_to_nfc_refuses_bytes_and_no_characters_per_call() -> None:
    with pytest.raises(TypeError):
        to_nfc(b"a")  # type: ignore[arg-type]  # the refusal is under test
    with pytest.raises(ValueError, match="chars_per_call"):
        to_nfc("a", 0)


def test_is_canonical_inside_refuses_bytes_and_no_characters_per_call() -> None:
    with pytest.raises(TypeError):
        is_canonical_inside(b"a")  # type: ignore[arg-type]  # the refusal is under test
    with pytest.raises(ValueError, match="chars_per_call"):
        is_canonical_inside("a", 0)


@settings(max_examples=1500)
@given(
    st.sampled_from(["", "é", "信", "😀"]),
    st.sampled_from(["", "é", "信", "😀"]),
    strings,
    strings,
    st.lists(st.integers(-12, 12), min_size=4, max_size=4),
)
def test_same_text_is_equality_of_the_slices(
    a_width: str, b_width: str, a: str, b: str, bounds: list[int]
) -> None:
    # the same characters in strings of different widths; bounds as slices take them
    a, b = a_width + a, b_width + (a if bounds[0] % 3 == 0 else b)
    a_start, a_end, b_start, b_end = bounds
    expected = a[a_start:a_end] == b[b_start:b_end]
    assert same_text(a, a_start, a_end, b, b_start, b_end) is expected
    shift = len(b_width) - len(a_width)  # the same stretch of a in b, when b copies a
    assert same_text(a, 0, len(a), b, shift, shift + len(a)) is (a == b[shift : shift + len(a)])


WORD_CODES = [0x100, 0xD7FF, 0xE000, 0x1F600]
"""Where word codes start, in every string width: what ``BlockKeys.words`` holds."""


def word_string(rng: random.Random) -> str:
    """A block's words, one character each: of a few or many distinct words, shorter and
    longer than the compiled scorer's 64 words of one machine word (the longest go to
    rapidfuzz itself)."""
    length = rng.choice([0, 1, 5, 22, 63, 64, 65, 130, rng.randrange(200)])
    distinct = rng.choice([2, 6, 50, 3000])
    base = rng.choice(WORD_CODES)
    return "".join(chr(base + rng.randrange(distinct)) for _ in range(length))


@settings(max_examples=300)
@given(st.integers(0, 2**32 - 1))
def test_window_commons_are_rapidfuzzs(seed: int) -> None:
    # queries scored against the choices near their place, at the thresholds the
    # alignment asks (pair_floor, similarity_threshold, move_similarity) and the extremes
    rng = random.Random(seed)
    queries = [word_string(rng) for _ in range(rng.randrange(8))]
    choices = [word_string(rng) for _ in range(rng.randrange(10))]
    if rng.random() < 0.3 and queries and choices:  # edited copies: long common runs
        choices[rng.randrange(len(choices))] = queries[0][: rng.randrange(100)] + choices[0]
    window = rng.randrange(len(choices) + 2)
    lowest = rng.choice([0.0, 0.15, 0.5, 0.7, 1.0, rng.random()])
    expected = python_window_commons(queries, choices, window, lowest)
    assert window_commons(queries, choices, window, lowest) == expected


@settings(max_examples=500)
@given(st.integers(0, 2**32 - 1))
def test_common_words_and_word_similarity_are_rapidfuzzs(seed: int) -> None:
    # any lengths (one machine word, several, a word's edge), few or many distinct words,
    # every string width, edited copies (long common runs), empty strings
    rng = random.Random(seed)
    old, new = word_string(rng), word_string(rng)
    if rng.random() < 0.3:
        new = old[: rng.randrange(len(old) + 1)] + new + old[rng.randrange(len(old) + 1) :]
    if rng.random() < 0.2:
        old, new = old * rng.randrange(1, 5), new * rng.randrange(1, 5)
    assert common_words(old, new) == common_words_reference(old, new)
    found = word_similarity(old, new)
    assert found == word_similarity_reference(old, new)
    assert type(found) is float


def test_common_words_past_a_machine_word_and_of_any_code_point() -> None:
    assert common_words("a" * 200, "ba" * 150) == common_words_reference("a" * 200, "ba" * 150)
    wide = "".join(chr(0x10000 + k) for k in range(300))
    assert common_words(wide, wide[::2] + "\x00") == 150
    assert common_words("", wide) == 0
    assert word_similarity("", "") == word_similarity_reference("", "") == 1.0


PARAGRAPHS = ["One paragraph.", "Another one here.", "- a list item", "  - a nested item",
              "1. Numbered", "(a) Lettered", "TERMS", "One paragraph!",
              "Ünïcödé 語 𝔘."]  # fmt: skip
"""Blocks of several kinds and levels, some alike but for a character or a label."""


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_unchanged_runs_are_the_python_ones(seed: int) -> None:
    # the pairs alignment makes, and any runs of as many blocks (equal or not), some
    # already unchanged: joined, split a block at a time, kept
    rng = random.Random(seed)
    blocks = [rng.choice(PARAGRAPHS) for _ in range(rng.randint(1, 14))]
    edited = [block if rng.random() < 0.7 else rng.choice(PARAGRAPHS) for block in blocks]
    if rng.random() < 0.5:  # Markdown: the same text as a heading or a deeper item
        parse = parse_markdown
        edited = [rng.choice(["", "# ", "## "]) + block for block in edited]
    else:
        parse = parse_text
    old, new = (
        parse("".join(block + rng.choice(["\n", "\n\n", "\n\n\n"]) for block in text))
        for text in (blocks, edited)
    )
    pairs = align_blocks(old, new, CompareOptions())
    for _ in range(rng.randrange(5)):
        n = rng.randint(1, min(len(old.blocks), len(new.blocks)))
        i, j = rng.randrange(len(old.blocks) - n + 1), rng.randrange(len(new.blocks) - n + 1)
        kind = rng.choice([PairKind.EXACT, PairKind.EXACT, PairKind.UNCHANGED])
        pairs.insert(
            rng.randrange(len(pairs) + 1), BlockPair(kind, range(i, i + n), range(j, j + n))
        )
    columns = (old.blocks.records, new.blocks.records, old.region_bounds, new.region_bounds)
    assert unchanged_runs(pairs, old.text, new.text, *columns) == merged_runs(pairs, old, new)


def test_unchanged_runs_refuse_runs_alignment_never_makes() -> None:
    doc = parse_text("One.\n\nTwo.\n")
    columns = (doc.blocks.records, doc.blocks.records, doc.region_bounds, doc.region_bounds)
    for old, new in ((range(2), range(1)), (range(1, 3), range(2)), (range(0, 2, 2), range(1))):
        with pytest.raises(ValueError, match="as many blocks"):
            unchanged_runs([BlockPair(PairKind.EXACT, old, new)], doc.text, doc.text, *columns)
    with pytest.raises(TypeError, match="64-bit"):
        unchanged_runs([], doc.text, doc.text, array("i"), *columns[1:])


ENDS_WORDS = ["We", "we", "WE", "keep", "Straße", "strasse", "ﬁle", "file", "信", "𝔘", "1.5",
              ",", ".", " ", "  ", "\u00a0", "\n"]  # fmt: skip
"""Words alike only case-folded (``ß``, ligatures: longer folded), numbers, CJK, spaces."""


def edited_block(rng: random.Random, block: str) -> str:
    """``block`` with a word put in at one place, and the text between cut out."""
    first, second = sorted(rng.randrange(len(block) + 1) for _ in range(2))
    return block[:first] + rng.choice(ENDS_WORDS) + block[second:]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_read_ends_are_the_python_ones(seed: int) -> None:
    # pairs of blocks (edited copies, and any other) read by their identical ends,
    # the words' codes shared across pairs, into dicts that already hold some
    rng = random.Random(seed)
    blocks = [" ".join(rng.choice(ENDS_WORDS) for _ in range(rng.randint(1, 12)))
              for _ in range(rng.randint(1, 6))]  # fmt: skip
    edited = [edited_block(rng, block) if rng.random() < 0.7 else block.upper() for block in blocks]
    old, new = parse_text("\n\n".join(blocks)), parse_text("\n\n".join(edited))
    pairs = rng.randint(0, 8) if old.blocks and new.blocks else 0  # (all spaces: no block)
    olds = [rng.randrange(len(old.blocks)) for _ in range(pairs)]
    news = [rng.randrange(len(new.blocks)) for _ in olds]
    columns = (old.text, new.text, old.blocks.records, new.blocks.records, olds, news)
    made = [({"x": chr(0x100)}, {(0, 0): (1, "", "", 0)}, {0: 9}, {}) for _ in range(2)]
    read_ends(*columns, *made[0])
    read_ends_reference(*columns, *made[1])
    assert made[0] == made[1]


def test_read_ends_refuse_what_the_reference_refuses() -> None:
    doc = parse_text("One.\n\nTwo.\n")
    columns = (doc.text, doc.text, doc.blocks.records, doc.blocks.records)
    with pytest.raises(ValueError, match="as many"):
        read_ends(*columns, [0], [], {}, {}, {}, {})
    with pytest.raises(IndexError):
        read_ends(*columns, [2], [0], {}, {}, {}, {})
    with pytest.raises(TypeError, match="64-bit"):
        read_ends(doc.text, doc.text, array("i"), *columns[3:], [], [], {}, {}, {}, {})


def test_window_commons_of_an_unrelated_pair() -> None:
    # 40 queries of 22 words, 82 choices: each query scored only within its window of 8
    rng = random.Random(7)
    words = [chr(0x100 + rng.randrange(60)) for _ in range(22 * 120)]
    queries = ["".join(words[k : k + 22]) for k in range(0, 22 * 40, 22)]
    choices = ["".join(words[k : k + 21]) for k in range(22 * 38, 22 * 120, 22)]
    choices[41] = queries[20][:18] + "xyz"  # an edited copy at its proportional place
    expected = python_window_commons(queries, choices, 8, 0.15)
    assert window_commons(queries, choices, 8, 0.15) == expected
    assert any(pair[:2] == (20, 41) and pair[2] >= 18 for pair in expected)


SENTENCE_PIECES = [
    *"aZé語𝔘",
    "one",
    "two words",
    *".!?。！？",
    ". ",
    "? ",
    "!\n",
    *" \n\t\u3000\u2028\x1c",
    "etc.",
]
"""What decides where a sentence stretch ends: each sentence end before a space, a
letter, a line break or the end, spaces of every kind, and text in every width."""


@settings(max_examples=500)
@given(st.integers(0, 2**32 - 1))
def test_rough_key_spans_are_the_regular_expressions(seed: int) -> None:
    # stretches of several spans of one text, each cut where its span starts and ends
    rng = random.Random(seed)
    text = "".join(rng.choices(SENTENCE_PIECES, k=rng.randrange(40)))
    bounds = sorted(rng.randrange(len(text) + 1) for _ in range(2 * rng.randrange(4)))
    starts, ends = array("q", bounds[0::2]), array("q", bounds[1::2])
    expected = moved_sentences.rough_key_spans(text, starts, ends)
    assert rough_key_spans(text, starts, ends) == expected


def test_rough_key_spans_example() -> None:
    # a key leaves out its sentence end; ". " ends a stretch, ".n" does not, and a
    # full-width stop that begins one is its first character
    text = "We share it.  Ask us? ok.no\n 。End!"
    starts, ends = array("q", [0, 28]), array("q", [28, len(text)])
    spans = rough_key_spans(text, starts, ends)
    keys = [text[start:end] for start, end in zip(spans[0::3], spans[1::3], strict=True)]
    assert keys == ["We share it", "Ask us", "ok.no", "。End"]
    assert list(spans[2::3]) == [0, 0, 0, 1]
    assert spans == moved_sentences.rough_key_spans(text, starts, ends)
