"""The compiled tokenizer gives exactly what the regular expression gives.

``variorum._tokens`` finds the tokens of the word diff (``token_ends``) and encodes them
one character each (``encode_tokens``). Both are checked against their Python references,
``TOKEN_PATTERN.finditer`` and ``diff._encode``, on texts made of what decides the hard
cases: the starts of web addresses and mail addresses, "@", the characters a web address
may not end with, digits that ``\\d`` takes (``٣``, ``５``, ``𝟘``) and one it does not
(``²``), apostrophes, "_" (``\\w`` but not a word character), spaces other than " ",
CJK, Hangul and astral characters. Those also put the texts in every internal width
(Latin-1, UCS-2, UCS-4). Every code point where the pattern's character classes change
is tried in each place where a class matters.
"""

from __future__ import annotations

import doctest
import random
import re
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum import _tokens, tokens
from variorum._tokens import (
    CJK_RANGES,
    count_words,
    encode_all_words,
    encode_bodies,
    encode_tokens,
    encode_words,
    letter_words,
    share_word,
    token_ends,
    word_spans,
)
from variorum.compare import similarity
from variorum.compare.diff import _code_point, _encode, units
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import TOKEN_PATTERN, WORD_PATTERN


def regex_ends(text: str, start: int, end: int) -> list[int]:
    """The reference: the regular expression itself."""
    return [match.end() for match in TOKEN_PATTERN.finditer(text, start, end)]


def regex_units(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The regular expression's tokens as the diff's units: start, end, text."""
    return [(*match.span(), match.group()) for match in TOKEN_PATTERN.finditer(text, start, end)]


def python_encoding(
    text: str, start: int, end: int, codes: dict[str, str]
) -> tuple[str, list[int]]:
    """The reference: the diff's Python encoding of the regular expression's tokens."""
    found = regex_units(text, start, end)
    return _encode(found, codes), [end for _, end, _ in found]


def token_texts(text: str, start: int, end: int) -> list[str]:
    """The tokens ``token_ends`` finds, as text."""
    ends = list(token_ends(text, start, end))
    return [text[a:b] for a, b in zip([start, *ends], ends, strict=False)]


PIECES = [
    *"aZeé", "an", "ok",
    *"07٣５𝟘", "²",  # decimal digits of every width, and a digit that is not a decimal
    *".,'’_-@:/?!()<>[]{}\";", "\x00",
    " ", "\t", "\n", "\x1c", "\u00a0", "\u3000",
    "信", "〇", "々", "ー", "한", "ㄱ", "𠀀", "😀", "\u0301", "ª", "ǅ", "Ⅻ", "\u2e7f", "\ua97f",
    "http://", "https://", "ftp://", "mailto:", "a@b.c", "h", "m", "f", "ttp", "ailto:", "://",
    "http", "x.test/a?b=1", "@", "www.", "1,000", "1.5", "don’t", "it's", "U.S.", "a,b",
]  # fmt: skip
"""What tokens are made of, and what breaks them."""
WORDS = ["an", "é", "Ⅻ", "07", "信", "don’t", "1,000", "U.S.", "http://x.test/a?b=1", "a@b.c"]
"""Pieces that are words (or hold one) in every string width."""

addresses = st.tuples(
    st.sampled_from(["http://", "https://", "ftp://", "mailto:", "mailto:a@", "htp://", "mailto"]),
    st.text(st.sampled_from("ab1_.,;:!?@-/=&%’'()<>[]{}\" \u00a0信𠀀"), max_size=8),
    st.sampled_from(["", "b", ".", "?", " ", "<", "@b", "@b.c", "_"]),
).map("".join)
"""Web and mail addresses, whole or broken, with what may and may not end them."""

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.one_of(addresses, st.sampled_from(PIECES)), max_size=6).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=12).map("".join),
    st.text(max_size=20),
)
"""Mostly the pieces above in any order; some texts of any characters."""


@st.composite
def spans(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text and a start and end, mostly inside it, sometimes outside or crossed."""
    text = draw(texts)
    bound = st.integers(-3, len(text) + 3)
    inside = st.integers(0, len(text))
    start = draw(st.one_of(inside, bound))
    end = draw(st.one_of(st.integers(start, len(text)) if start <= len(text) else bound, bound))
    return text, start, end


@settings(max_examples=3000)
@given(spans())
def test_token_ends_are_the_regular_expressions(span: tuple[str, int, int]) -> None:
    text, start, end = span
    assert list(token_ends(text, start, end)) == regex_ends(text, start, end)


@settings(max_examples=3000)
@given(spans())
def test_count_words_is_the_regular_expressions(span: tuple[str, int, int]) -> None:
    text, start, end = span
    assert count_words(text, start, end) == len(WORD_PATTERN.findall(text, start, end))


@settings(max_examples=3000)
@given(spans())
def test_word_spans_are_the_regular_expressions(span: tuple[str, int, int]) -> None:
    text, start, end = span
    starts, ends = word_spans(text, start, end)
    matches = list(WORD_PATTERN.finditer(text, start, end))
    assert list(starts) == [match.start() for match in matches]
    assert list(ends) == [match.end() for match in matches]


def piece_text(rng: random.Random, pieces: list[str]) -> tuple[str, int, int]:
    """A text of ``pieces`` in any order, and a start and end: mostly its own, sometimes
    anywhere in it, outside it or crossed."""
    text = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
    start = rng.randint(-2, len(text) + 2) if rng.random() < 0.3 else 0
    return text, start, rng.randint(start - 2, len(text) + 2) if rng.random() < 0.3 else len(text)


@settings(max_examples=3000)
@given(st.integers(0, 2**32 - 1))
def test_share_word_is_whether_the_regular_expressions_words_meet(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*rng.sample(PIECES, 4), " ", rng.choice(WORDS)]  # (the texts often share a word)
    old, old_start, old_end = piece_text(rng, pieces)
    new, new_start, new_end = piece_text(rng, pieces)
    old_words = set(WORD_PATTERN.findall(old, old_start, old_end))
    shared = not old_words.isdisjoint(WORD_PATTERN.findall(new, new_start, new_end))
    assert share_word(old, old_start, old_end, new, new_start, new_end) is shared


@settings(max_examples=2000)
@given(spans(), st.integers(1, 5))
def test_letter_words_are_the_python_twins(span: tuple[str, int, int], most: int) -> None:
    # whether a block may anchor: its words with a letter, numbers not counted
    text, start, end = span
    records = array("q", [start, end])
    expected = similarity.letter_words(text, start, end, most) >= most
    assert letter_words(text, records, 0, 1, 2, most) == bytes([expected])


@settings(max_examples=500)
@given(st.integers(0, 2**32 - 1))
def test_letter_words_of_many_blocks_are_each_blocks_own(seed: int) -> None:
    # a document's blocks in one call (each block's text asked for ahead of its turn),
    # some reaching past the text's ends: each flag is that block's alone
    rng = random.Random(seed)
    text = "".join(rng.choices([*PIECES, " ", "Terms of use "], k=rng.randint(0, 40)))
    bounds = [(rng.randint(-3, len(text) + 3), rng.randint(-3, len(text) + 3)) for _ in range(30)]
    most = rng.randint(1, 4)
    records = array("q", [value for block in bounds for value in (7, *block)])
    expected = []
    for start, end in bounds:
        start = min(max(start, 0), len(text))
        expected.append(similarity.letter_words(text, start, max(end, start), most) >= most)
    assert letter_words(text, records, 1, 2, 3, most) == bytes(expected)


@settings(max_examples=1500)
@given(st.lists(texts, min_size=1, max_size=3), st.lists(st.sampled_from(PIECES), max_size=5))
def test_encode_words_is_the_similaritys_encoding(block_texts: list[str], known: list[str]) -> None:
    # blocks encoded one after another share their codes, some known beforehand
    compiled_codes = {word: similarity._code_point(n) for n, word in enumerate(known)}
    python_codes = dict(compiled_codes)
    for text in block_texts:
        assert encode_words(text, compiled_codes) == similarity.encode_words(text, python_codes)
        assert compiled_codes == python_codes


@settings(max_examples=1000)
@given(st.lists(texts, max_size=4), st.lists(st.sampled_from(PIECES), max_size=5))
def test_encode_all_words_is_encode_words_of_each(block_texts: list[str], known: list[str]) -> None:
    # blocks encoded in one call: a word met in an earlier block keeps its code
    compiled_codes = {word: similarity._code_point(n) for n, word in enumerate(known)}
    python_codes = dict(compiled_codes)
    repeated = block_texts + block_texts[::-1]
    assert encode_all_words(repeated, compiled_codes) == [
        similarity.encode_words(text, python_codes) for text in repeated
    ]
    assert compiled_codes == python_codes


@pytest.mark.parametrize("seed", [1, 2])
def test_encode_all_words_of_many_distinct_words(seed: int) -> None:
    # more words than its first table holds, in every width, each met again later
    rng = random.Random(seed)
    letters = "abcdeéžшλ語𝔘"
    words = ["".join(rng.choices(letters, k=rng.randint(1, 6))) for _ in range(6000)]
    blocks = [" ".join(rng.choices(words, k=rng.randint(0, 40))) for _ in range(600)]
    compiled_codes: dict[str, str] = {}
    python_codes: dict[str, str] = {}
    assert encode_all_words(blocks, compiled_codes) == [
        similarity.encode_words(text, python_codes) for text in blocks
    ]
    assert compiled_codes == python_codes


FOLDS = ["ß", "ﬁ", "İ", "ŉ", "Σ", "ς", "K", "Ǆ", "ᾼ", "𐐀", "𞤀", "ΐ"]
"""Characters whose case fold is another character, several, or one beyond the BMP."""


@settings(max_examples=1000)
@given(
    st.lists(
        st.one_of(texts, st.lists(st.sampled_from([*PIECES, *FOLDS]), max_size=12).map("".join)),
        max_size=4,
    ),
    st.lists(st.sampled_from(PIECES), max_size=5),
    st.randoms(use_true_random=False),
)
def test_encode_bodies_is_encode_words_of_each_folded_body(
    block_texts: list[str], known: list[str], rng: random.Random
) -> None:
    # the bodies of blocks of one text, in any order, some asked twice, a few empty
    text = "\n".join(block_texts)
    records = array("q")
    for _ in range(rng.randint(0, 8)):
        start = rng.randint(0, len(text))
        records.extend([9, start, rng.randint(start, len(text) + 2)])
    blocks = (
        [rng.randrange(len(records) // 3) for _ in range(rng.randint(0, 12))] if records else []
    )
    compiled_codes = {word: similarity._code_point(n) for n, word in enumerate(known)}
    python_codes = dict(compiled_codes)
    expected = [
        similarity.encode_words(
            text[records[3 * b + 1] : records[3 * b + 2]].casefold(), python_codes
        )
        for b in blocks
    ]
    reference_codes = dict(compiled_codes)
    assert encode_bodies(text, records, blocks, 1, 2, 3, compiled_codes) == expected
    assert list(compiled_codes.items()) == list(python_codes.items())  # in the same order
    assert similarity.encode_bodies(text, records, blocks, 1, 2, 3, reference_codes) == expected


def test_encode_bodies_keeps_codes_of_other_lengths() -> None:
    # codes given by the caller are appended whole, each time their word comes again
    records = array("q", [0, 9, 0, 3])
    compiled_codes, python_codes = {"a": "", "b": "xy"}, {"a": "", "b": "xy"}
    expected = similarity.encode_bodies("A b a c B", records, [0, 1, 0], 0, 1, 2, python_codes)
    assert encode_bodies("A b a c B", records, [0, 1, 0], 0, 1, 2, compiled_codes) == expected
    assert expected == ["xy\u0102xy", "xy", "xy\u0102xy"]
    assert compiled_codes == python_codes


def test_encode_bodies_refuses_a_block_without_a_record() -> None:
    with pytest.raises(IndexError):
        encode_bodies("words", array("q", [0, 5]), [1], 0, 1, 2, {})


def test_encode_all_words_refuses_bytes() -> None:
    with pytest.raises(TypeError):
        encode_all_words(["words", b"bytes"], {})  # type: ignore[list-item]


def test_word_codes_skip_the_surrogates() -> None:
    codes = {str(n): "" for n in range(0xD800 - 0x100 - 1)}
    assert (
        encode_words("a b", codes)
        == "\ud7ff\ue000"
        == similarity.encode_words("a b", {str(n): "" for n in range(0xD800 - 0x100 - 1)})
    )


@settings(max_examples=1500)
@given(st.lists(spans(), min_size=1, max_size=3), st.lists(st.sampled_from(PIECES), max_size=5))
def test_encode_tokens_is_the_diffs_encoding(
    sides: list[tuple[str, int, int]], known: list[str]
) -> None:
    # one dict for several texts, as the diff shares it between the two sides; it may
    # already hold tokens, or text that is no token
    compiled: dict[str, str] = {}
    python: dict[str, str] = {}
    for piece in known:
        compiled[piece] = python[piece] = _code_point(len(python))
    for text, start, end in sides:
        encoded, ends = encode_tokens(text, start, end, compiled)
        assert (encoded, list(ends)) == python_encoding(text, start, end, python)
        assert list(compiled.items()) == list(python.items())  # in the same order


@settings(max_examples=300)
@given(spans())
def test_the_default_units_are_the_tokens(span: tuple[str, int, int]) -> None:
    # what makes encode_tokens the same as _encode(units(...)) with the default options
    text, start, end = span
    assert units(text, Span(start, end), CompareOptions()) == regex_units(text, start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Art. 19, ICCPR’s 1.5%", ["Art", ".", " ", "19", ",", " ", "ICCPR’s", " ", "1.5", "%"]),
        ("(see https://x.test/a?utm=1).", ["(", "see", " ", "https://x.test/a?utm=1", ")", "."]),
        ("ftp://a.b/c.,!", ["ftp://a.b/c", ".", ",", "!"]),
        ("http://.,", ["http", ":", "/", "/", ".", ","]),  # nothing an address may end with
        ("https:/x", ["https", ":", "/", "x"]),
        ("HTTP://x", ["HTTP", ":", "/", "/", "x"]),  # the pattern is case-sensitive
        ("http://a]b", ["http://a", "]", "b"]),
        ("mailto:a@b.c.", ["mailto:a@b.c", "."]),
        # the last "@" whose domain matches wins; "@d" alone is too short
        ("mailto:a@b.c@d, x", ["mailto:a@b.c", "@", "d", ",", " ", "x"]),
        ("mailto:@@b.c", ["mailto:@@b.c"]),  # one character (an "@") before the "@"
        ("mailto:@b.c", ["mailto", ":", "@", "b", ".", "c"]),
        ("mailto:a@b_", ["mailto:a@b_"]),  # \w takes "_"
        ("mailto:a@信息", ["mailto:a@信息"]),  # and CJK
        ("mailto:x<y@b.c", ["mailto", ":", "x", "<", "y", "@", "b", ".", "c"]),
        ("1,000.25.", ["1,000.25", "."]),
        ("1.", ["1", "."]),
        ("1..2", ["1", ".", ".", "2"]),
        ("٣.５", ["٣.５"]),
        ("²3", ["²3"]),  # not a number: "²" is no \d, but a word character
        ("3²,4", ["3²", ",", "4"]),
        ("1.5a", ["1.5", "a"]),
        ("a1.5", ["a1", ".", "5"]),
        ("don't’s", ["don't’s"]),
        ("don''t", ["don", "'", "'", "t"]),
        ("x’", ["x", "’"]),
        ("x_y", ["x", "_", "y"]),
        ("信息ok", ["信", "息", "ok"]),
        ("〇1", ["〇", "1"]),
        ("e\u0301", ["e", "\u0301"]),  # a combining mark is no word character
        ("a\u00a0\t\nb", ["a", "\u00a0\t\n", "b"]),
        ("𠀀😀x", ["𠀀", "😀", "x"]),
        ("", []),
    ],
)
def test_token_examples(text: str, expected: list[str]) -> None:
    assert token_texts(text, 0, len(text)) == expected
    assert list(token_ends(text, 0, len(text))) == regex_ends(text, 0, len(text))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 11, ["http://ab.c"]),
        (0, 9, ["http://ab"]),  # the end cuts the address where the pattern stops seeing
        (0, 8, ["http://a"]),
        (0, 7, ["http", ":", "/", "/"]),
        (4, 11, [":", "/", "/", "ab", ".", "c"]),
        (-5, 4, ["http"]),  # as re clamps pos and endpos into the text
        (7, 99, ["ab", ".", "c"]),
        (6, 3, []),
        (11, 11, []),
        (20, 30, []),
    ],
)
def test_start_and_end_are_reads_pos_and_endpos(start: int, end: int, expected: list[str]) -> None:
    text = "http://ab.c"
    assert token_texts(text, max(start, 0), end) == expected
    assert list(token_ends(text, start, end)) == regex_ends(text, start, end)


def test_many_mailto_and_at_signs_give_the_regexs_answer() -> None:
    cases = [
        "mailto:" * 300 + "a@b.c",
        "mailto:" * 300,
        "mailto:a" + "@." * 300 + "@bb",
        "mailto:a" + "@." * 300,
        "x mailto:a@bb.c mailto:d@ee mailto:" * 30,
    ]
    for text in cases:
        assert list(token_ends(text, 0, len(text))) == regex_ends(text, 0, len(text))
        for start in range(0, len(text), 97):
            assert list(token_ends(text, start, len(text) - start // 3)) == regex_ends(
                text, start, len(text) - start // 3
            )


def _class_changes() -> list[int]:
    """Every code point where one of the pattern's character classes starts or stops
    matching (by the regular expression itself), with the one before it."""
    everything = "".join(map(chr, range(0x110000)))
    classes = [tokens._WORDCHAR, r"\w", r"\d", r"\s", f"[{tokens._CJK}]"]
    signature = [0] * 0x110000
    for bit, pattern in enumerate(classes):
        for match in re.finditer(pattern, everything):
            signature[match.start()] |= 1 << bit
    return [
        code
        for point in range(1, 0x110000)
        if signature[point] != signature[point - 1]
        for code in (point - 1, point)
    ]


def test_every_change_of_character_class_is_read_as_the_regex_reads_it() -> None:
    points = sorted(
        {*range(0x300), *_class_changes(), *random.Random(7).sample(range(0x110000), 3000)}
    )
    # each code point where each class matters: in a word, a space, a number, after an
    # apostrophe, in a web address (inside and at its end) and in a mail address (before
    # the "@", in the domain and at its end)
    # the places are kept apart by "<", which ends every token but a one-character one
    places = "<".join([
        "a{c}a", " {c} ", "1.{c}1", "a’{c}", "http://a{c}b", "http://a{c}",
        "mailto:a{c}@bb", "mailto:a@b{c}b", "mailto:a@bb{c}", "<",
    ])  # fmt: skip
    text = "".join(places.replace("{c}", chr(point)) for point in points)
    assert list(token_ends(text, 0, len(text))) == regex_ends(text, 0, len(text))
    # and for the statistics' words: also after the joiners only words take
    joined = "<".join(["a.{c}", "1,{c}1", "a'{c}a", "{c}.a", "<"])
    text += "".join(joined.replace("{c}", chr(point)) for point in points)
    assert count_words(text, 0, len(text)) == len(WORD_PATTERN.findall(text))
    starts, ends = word_spans(text, 0, len(text))
    assert list(zip(starts, ends, strict=True)) == [m.span() for m in WORD_PATTERN.finditer(text)]


def test_the_cjk_ranges_are_tokens_pys() -> None:
    ranges = [
        (ord(first), ord(last or first))
        for first, last in re.findall(r"(.)(?:-(.))?", tokens._CJK, re.DOTALL)
    ]
    assert list(CJK_RANGES) == ranges


@pytest.mark.parametrize(
    "known",
    [0, 1, 0x18FF, 0x1900, 0x1901, 0x1900 + 0x1FFFD, 0x1900 + 0x1FFFE, 0x1900 + 0x1FFFE + 0xD6FF,
     0x1900 + 0x1FFFE + 0xD700, 0x1900 + 0x1FFFE + 0xD701, 0x1900 + 0x1FFFE + 0xDEFF,
     0x1900 + 0x1FFFE + 0xDF00, 0x1900 + 0x1FFFE + 0xED6FF],
)  # fmt: skip
def test_a_new_token_gets_the_diffs_code_point(known: int) -> None:
    codes: dict[str, str] = dict.fromkeys(map(str, range(known)), "x")
    encoded, _ = encode_tokens("new new", 0, 7, codes)
    assert encoded == _code_point(known) + _code_point(known + 1) + _code_point(known)
    assert codes["new"] == _code_point(known)


def test_codes_of_any_length_are_joined_and_other_values_refused() -> None:
    codes = {"a": "xy", " ": ""}
    assert encode_tokens("a a b", 0, 5, codes)[0] == "xyxy" + _code_point(2)
    assert encode_tokens("a a b", 0, 5, dict(codes)) == (
        _encode(units("a a b", Span(0, 5), CompareOptions()), dict(codes)),
        encode_tokens("a a b", 0, 5, {})[1],
    )
    with pytest.raises(TypeError):
        encode_tokens("a", 0, 1, {"a": 1})  # type: ignore[dict-item]  # the refusal is under test


def test_str_subclasses_are_read_and_bytes_refused() -> None:
    class Text(str):
        pass

    assert list(token_ends(Text("ab cd"), 0, 5)) == [2, 3, 5]
    assert encode_tokens(Text("ab ab"), 0, 5, {})[0] == _code_point(0) + _code_point(
        1
    ) + _code_point(0)
    with pytest.raises(TypeError):
        token_ends(b"ab", 0, 2)  # type: ignore[arg-type]  # the refusal is under test
    with pytest.raises(TypeError):
        encode_tokens("ab", 0, 2, None)  # type: ignore[arg-type]  # the refusal is under test


def test_the_docstring_examples() -> None:
    result = doctest.testmod(_tokens)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_token_of_a_pair_gets_a_character_of_its_own() -> None:
    starts = {0, 0x1900, 0x1900 + 0x1FFFE, 0x1900 + 0x1FFFE + 0xD700, 0x1900 + 0x1FFFE + 0xDF00}
    numbers = [start + k for start in starts for k in range(-2, 3) if start + k >= 0]
    used = {_code_point(n) for n in range(0x1900 + 0x1FFFE + 0xE000)}
    assert len(used) == 0x1900 + 0x1FFFE + 0xE000  # no character handed out twice
    assert all(len(_code_point(n)) == 1 for n in numbers)
    with pytest.raises(ValueError, match="distinct tokens"):
        _code_point(0x1900 + 0x1FFFE + 0xEDE00)
    assert _code_point(0x1900 + 0x1FFFE + 0xEDDFF) == chr(0xEFFFF)
