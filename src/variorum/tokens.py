"""Tokens with offsets: words, numbers, punctuation, whitespace; one token per CJK character.

Tokens are derived on demand from a text and never stored as the truth.
Whitespace is a token of its own so that a diff of tokens rebuilds the text exactly.

>>> [t.text for t in tokenize("Art. 19, ICCPR’s 1.5%")]
['Art', '.', ' ', '19', ',', ' ', 'ICCPR’s', ' ', '1.5', '%']
>>> [t.kind.value for t in tokenize("信息安全 ok")]
['cjk', 'cjk', 'cjk', 'cjk', 'space', 'word']
>>> [t.text for t in tokenize("(see https://x.test/a?utm=1).")]
['(', 'see', ' ', 'https://x.test/a?utm=1', ')', '.']
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from enum import StrEnum

from variorum.compiled import twins

# Scripts written without spaces between words: each character is a token, so a
# one-character change does not mark a whole sentence as changed.
_CJK = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3131-\u318e"
    "\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_WORDCHAR = rf"[^\W_{_CJK}]"

_URL = r"(?:https?|ftp)://[^\s<>()\[\]{}\"']*[^\s<>()\[\]{}\"'.,;:!?]|mailto:[^\s<>()]+@[\w.-]+\w"
"""A web address is one token: a changed tracking parameter is one word replaced, not
confetti of punctuation inside a URL."""

TOKEN_PATTERN = re.compile(
    rf"(?P<url>{_URL})"
    rf"|(?P<number>\d+(?:[.,]\d+)+)"  # 1.5, 1,000.25: one number, not three tokens
    rf"|(?P<word>{_WORDCHAR}+(?:['’]{_WORDCHAR}+)*)"  # don't, ICCPR’s
    rf"|(?P<space>\s+)"
    rf"|(?P<cjk>[{_CJK}])"
    rf"|(?P<punct>.)",
    re.DOTALL,
)
WORD_PATTERN = re.compile(rf"{_URL}|{_WORDCHAR}+(?:['’.,]{_WORDCHAR}+)*|[{_CJK}]")
"""What counts as one word in statistics: words, numbers, CJK characters."""


class TokenKind(StrEnum):
    """The kind of a token."""

    WORD = "word"
    URL = "url"
    NUMBER = "number"
    SPACE = "space"
    CJK = "cjk"
    PUNCT = "punct"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, offsets and text."""

    kind: TokenKind
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [
        Token(_kind(match), match.start(), match.end(), match.group())
        for match in TOKEN_PATTERN.finditer(text, start, stop)
    ]


def token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the tokens of ``text[start:end]``: the fast path used by the diff."""
    return [match.span() for match in TOKEN_PATTERN.finditer(text, start, end)]


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """How many words (and numbers, and CJK characters) ``text[start:end]`` holds."""
    stop = len(text) if end is None else end
    if twins.count_words is not None:
        return twins.count_words(text, start, stop)
    return len(WORD_PATTERN.findall(text, start, stop))


def share_word(
    old_text: str, old_start: int, old_end: int, new_text: str, new_start: int, new_end: int
) -> bool:
    """Whether a word of ``old_text[old_start:old_end]`` is a word of
    ``new_text[new_start:new_end]`` too (words as the statistics count them).

    >>> share_word("the cat sat", 0, 11, "a cat ran", 0, 9), share_word("cat", 0, 3, "cats", 0, 4)
    (True, False)
    """
    if twins.share_word is not None:
        return twins.share_word(old_text, old_start, old_end, new_text, new_start, new_end)
    old_words = WORD_PATTERN.findall(old_text, old_start, old_end)
    return not set(old_words).isdisjoint(WORD_PATTERN.findall(new_text, new_start, new_end))


def word_spans(text: str, start: int, end: int) -> tuple[array[int], array[int]]:
    """Where each word of ``text[start:end]`` starts, and where it ends: two arrays of
    offsets (a long passage holds hundreds of thousands: no object per word)."""
    if twins.word_spans is not None:
        return twins.word_spans(text, start, end)
    matches = list(WORD_PATTERN.finditer(text, start, end))
    return array("q", map(re.Match.start, matches)), array("q", map(re.Match.end, matches))


def _kind(match: re.Match[str]) -> TokenKind:
    kind = match.lastgroup
    if kind == "word" and match.group().isdigit():
        return TokenKind.NUMBER
    return TokenKind(kind or TokenKind.PUNCT)
