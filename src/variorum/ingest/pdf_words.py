"""The words of a PDF's lines: their vocabulary, and a paragraph's lines joined into
its text, words broken by a hyphen at a line end made whole (``keep_hyphen``)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from variorum.ingest.builder import InlineText
from variorum.ingest.pdf_page import Line

_WORD = re.compile(r"\w+(?:-\w+)*")  # numbers too: harmless, and faster to find
_LETTERS = re.compile(r"[^\W\d_]+")
_ALPHANUMERICS = re.compile(r"[^\W_]+")

LAST_WORD_CHARS = 80
"""The piece of a word broken at a line end is looked for in this many last characters."""
TOUCHING_EMS = 0.15
"""A line that goes on where the one before it ends, on its baseline, no farther than
this many font sizes on (less than a thin space), continues its word: PDFium cut
Chromium's line before its last glyphs ("moderator" then ","; "of" then "f")."""


def vocabulary(lines: Sequence[Line], broken_before: bool = False) -> set[str]:
    """Lower-cased words of the lines, leaving out the pieces of words broken at line ends
    (and the first word, if the lines may continue a word broken before them)."""
    pieces = []
    for line in lines:
        text = line.text
        broken_after = line.hyphen
        if broken_before:
            text = text[text.find(" ") + 1 :] if " " in text else ""
        if broken_after:
            text = text[: text.rfind(" ")] if " " in text else ""
        pieces.append(text)
        broken_before = broken_after
    # A word never spans whitespace, so the words of the distinct whitespace-separated
    # tokens are those of the whole text: far fewer to search, as tokens repeat.
    words: set[str] = set()
    for token in set("\n".join(pieces).split()):
        token = token.lower()
        if token.isalnum():
            words.add(token)
        else:
            words.update(_WORD.findall(token))
    # Each two pieces of a compound side by side, so that "end-to-" broken before "end"
    # finds "to-end" in "end-to-end" written elsewhere.
    compounds = [word.split("-") for word in words if word.count("-") > 1]
    words.update(f"{a}-{b}" for parts in compounds for a, b in itertools.pairwise(parts))
    return words


def join_lines(lines: Sequence[Line], words: set[str]) -> str:
    """The text of a paragraph's lines, with words broken at line ends made whole."""
    return joined(lines, words).text


def joined(lines: Sequence[Line], words: set[str], inline: InlineText | None = None) -> InlineText:
    """``join_lines`` with the lines' links, appended to ``inline`` (a new one if None)."""
    inline = InlineText() if inline is None else inline
    last = ""
    for index, line in enumerate(lines):
        if index and lines[index - 1].hyphen:
            hyphen = keep_hyphen(_last_word(last), _first_word(line.text), words)
            inline.append("-" if hyphen else "")
        elif index and not _continues(lines[index - 1], line):
            inline.append(" ")
        _append_line(inline, line)
        # the piece may follow a broken word too: its last word is looked for in both
        last = line.text if not line.hyphen or " " in line.text else last + line.text
    if lines[-1].hyphen:
        inline.append("-")  # a hyphen ending a paragraph stays
    return inline


def _continues(before: Line, line: Line) -> bool:
    """Whether ``line`` is the rest of the visual line ``before`` ends, its word going on."""
    gap = line.left - before.right
    return (
        abs(line.baseline - before.baseline) < 0.2 * before.size
        and -0.1 * before.size < gap < TOUCHING_EMS * before.size
    )


def _append_line(inline: InlineText, line: Line) -> None:
    """The line's text, its links marked: a link broken across lines stays one link."""
    done = 0
    for start, end, target in line.links:
        inline.append(line.text[done:start])
        first = inline.offset
        inline.append(line.text[start:end])
        if inline.links and inline.links[-1][2] == target and inline.links[-1][1] >= first - 1:
            first = inline.links.pop()[0]  # the same link continued from the line before
        inline.add_link(first, target)
        done = end
    inline.append(line.text[done:])


HYPHENATED_PREFIXES = frozenset(
    ["anti", "co", "de", "multi", "non", "post", "pre", "re", "self", "well"]
)
"""English prefixes written with a hyphen before a word ("co-sponsored", "non-profit",
"de-identified"): broken at the hyphen, they keep it (see ``keep_hyphen``)."""


def keep_hyphen(before: str, after: str, words: set[str]) -> bool:
    """Whether the hyphen between two pieces of a word broken at a line end is part of it.

    The rule, in order: kept before a capital or a digit ("non-European"); kept or
    dropped as the document itself writes the word elsewhere; else kept when the
    second piece is a word the document uses by itself ("anti-fraud") or the first a
    prefix English hyphenates ("co-sponsored"), dropped otherwise (a typesetter's
    break: "telecommu-nications"). Not the first piece alone: abbreviations are
    words too ("Distr." before "distr-ibution"). Measured on 994 line-end hyphens of
    12 corpus texts typeset by the ingest tests (breaks of both kinds) and printed
    by Chromium (hard hyphens only): 13 wrong, against 45 for the rule before it.

    >>> keep_hyphen("confidence", "building", {"confidence-building"})
    True
    >>> keep_hyphen("telecommu", "nications", {"other"})
    False
    >>> keep_hyphen("co", "sponsored", set())
    True
    >>> keep_hyphen("anti", "fraud", {"fraud"})
    True
    """
    if not after[:1].isalpha() or after[:1].isupper():
        return True  # a dash before a number, or a compound such as "non-European"
    joined, hyphenated = (before + after).lower(), f"{before}-{after}".lower()
    if hyphenated in words:
        return True
    if joined in words:
        return False
    second = after.lower()
    if before.lower() in HYPHENATED_PREFIXES and len(second) >= 4:
        return True
    return len(second) >= 3 and second in words


def _last_word(text: str) -> str:
    # Matched on the reversed end of the text: searching for a run of letters at the
    # end tries every starting position, a dozen times slower.
    match = _LETTERS.match(text[: -LAST_WORD_CHARS - 1 : -1])
    return match.group()[::-1] if match else ""


def _first_word(text: str) -> str:
    match = _ALPHANUMERICS.match(text)
    return match.group() if match else text[:1]
