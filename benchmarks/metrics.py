"""What a diff's output is worth, computed the same way for every tool from its
segments ``[(op, text)]`` (``=`` and ``-`` rebuild the old text, ``=`` and ``+``
the new one).

- **edit size**: how many non-whitespace tokens (``variorum.tokens``) of the old
  and the new text the output marks changed; a token counts if any of its
  characters lies in a ``-`` (old) or ``+`` (new) segment. Coarser tools (git's
  whitespace-delimited words) thereby pay for marking ``policy,`` rather than ``,``.
- **hunks**: maximal runs of ``-``/``+`` segments between ``=`` segments, counting
  only runs that change some non-whitespace character (git's word diff cannot
  show a change of whitespace alone, and redlines ignores it, so no tool is
  charged for one).

>>> m = measure([("=", "The "), ("-", "quick"), ("+", "slow"), ("=", " fox, "),
...              ("-", "jumps"), ("+", "leaps"), ("=", ".\\n")],
...             "The quick fox, jumps.\\n", "The slow fox, leaps.\\n")
>>> (m.edit_size, m.hunks)
(4, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

from variorum.tokens import TokenKind, tokenize


@dataclass(frozen=True, slots=True)
class Measure:
    """The size of one tool's change between one pair of texts."""

    edit_size: int
    """Non-whitespace tokens marked changed, old and new together."""
    hunks: int
    """Runs of changes separated by equal text."""


def measure(segments: list[tuple[str, str]], old: str, new: str) -> Measure:
    """Edit size and hunks of ``segments``; raises ValueError if they do not
    rebuild both texts exactly (a tool's output misread is not a measurement)."""
    check_rebuild(segments, old, new)
    old_changed: list[tuple[int, int]] = []
    new_changed: list[tuple[int, int]] = []
    old_pos = new_pos = 0
    hunks = 0
    counted = False  # whether the current run of changes is already a hunk
    for op, text in segments:
        if op == "=":
            old_pos += len(text)
            new_pos += len(text)
            counted = False
            continue
        if op == "-":
            old_changed.append((old_pos, old_pos + len(text)))
            old_pos += len(text)
        else:
            new_changed.append((new_pos, new_pos + len(text)))
            new_pos += len(text)
        if not counted and text and not text.isspace():
            counted = True
            hunks += 1
    return Measure(_tokens_touched(old, old_changed) + _tokens_touched(new, new_changed), hunks)


def check_rebuild(segments: list[tuple[str, str]], old: str, new: str) -> None:
    """Raise ValueError unless the segments rebuild both texts."""
    for side, text, keep in (("old", old, "=-"), ("new", new, "=+")):
        rebuilt = "".join(piece for op, piece in segments if op in keep)
        if rebuilt != text:
            at = next(
                (i for i, (x, y) in enumerate(zip(rebuilt, text, strict=False)) if x != y),
                min(len(rebuilt), len(text)),
            )
            raise ValueError(f"segments do not rebuild the {side} text (first difference at {at})")


def _tokens_touched(text: str, ranges: list[tuple[int, int]]) -> int:
    """Non-whitespace tokens overlapping any of ``ranges`` (in text order). Only the
    lines the ranges touch are tokenized: no such token spans a line break, so a
    line tokenized alone gives the same tokens as the whole text."""
    ranges = [(start, end) for start, end in ranges if start < end]
    count = 0
    index = 0
    for first, last in _lines_around(text, ranges):
        for token in tokenize(text, first, last):
            if token.kind is TokenKind.SPACE:
                continue
            while index < len(ranges) and ranges[index][1] <= token.start:
                index += 1
            if index < len(ranges) and ranges[index][0] < token.end:
                count += 1
    return count


def _lines_around(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The whole lines holding ``ranges``, merged where they meet."""
    windows: list[tuple[int, int]] = []
    for start, end in ranges:
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        last = len(text) if last < 0 else last
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(last, windows[-1][1]))
        else:
            windows.append((first, last))
    return windows
