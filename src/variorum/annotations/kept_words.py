"""The words a rewritten phrase kept: how a point inside one wording maps to the other.

A replacement op says that one stretch of words became another, not which word became
which. When a passage covers only part of it (a note on three words of a rewritten
sentence), its ends are placed in the other wording through the words both wordings
share: a kept word maps to itself, a point between kept words to the words between
their counterparts. ``offset_map``, the one map between two versions, places a point
inside a rewrite through this, for carrying and for the published page alike.

>>> old = "to lead all elements of society"
>>> new = "to encourage all elements in society"
>>> words = KeptWords(old, Span(0, len(old)), new, Span(0, len(new)))
>>> start, end = words.start(old.index("all")), words.end(old.index(" of"))
>>> new[start:end]
'all elements'
"""

from __future__ import annotations

from bisect import bisect_right

from variorum.document import Span
from variorum.tokens import Token, TokenKind, tokenize

WORD_KINDS = (TokenKind.WORD, TokenKind.NUMBER, TokenKind.CJK)
"""The tokens that count as words here (not punctuation, spaces or addresses)."""
MIN_KEPT_CHARS = 4
"""A run of shared words places a point only if it has at least this many letters: a
lone "of" or "the" is in any two sentences and would pair unrelated words."""
MIN_STRETCH_SHARE = 0.5
"""A part of a rewritten stretch (the words between two kept ones) is given the words
that replaced the stretch only if it holds at least this share (0-1) of the stretch's
letters, or shares a word with them: a clause inside a long rewrite is not paired with
a few words that replaced something else beside it."""


class KeptWords:
    """The words of one wording (``here`` of ``text``) that another (``there`` of
    ``other_text``) kept, with the maps of points between them."""

    def __init__(self, text: str, here: Span, other_text: str, there: Span) -> None:
        self.mine = words_of(text, here)
        self.theirs = words_of(other_text, there)
        self.there = there
        self.kept: dict[int, int] = {}
        """My word's index -> the index of the same word in the other wording."""
        from rapidfuzz.distance import Indel  # when a note is first carried: not at import

        mine, theirs = [t.text for t in self.mine], [t.text for t in self.theirs]
        for block in Indel.opcodes(mine, theirs):
            run = range(block.src_start, block.src_end)
            if block.tag == "equal" and sum(len(mine[i]) for i in run) >= MIN_KEPT_CHARS:
                self.kept.update({i: block.dest_start + i - block.src_start for i in run})

    def start(self, offset: int) -> int:
        """Where a passage starting at ``offset`` starts in the other wording: inside the
        same word if it was kept, else at the word after the last kept one before."""
        index = bisect_right([word.end for word in self.mine], offset)  # first ending after
        if index in self.kept:
            return self.theirs[self.kept[index]].start + max(0, offset - self.mine[index].start)
        before = next((self.kept[i] for i in range(min(index, len(self.mine)) - 1, -1, -1)
                       if i in self.kept), -1)  # fmt: skip
        following = before + 1
        return self.theirs[following].start if following < len(self.theirs) else self.there.end

    def end(self, offset: int) -> int:
        """Where a passage ending at ``offset`` ends in the other wording: inside the same
        word if it was kept, else at the word before the next kept one."""
        index = bisect_right([word.start for word in self.mine], offset - 1) - 1  # last before
        if index in self.kept:
            word = self.theirs[self.kept[index]]
            return min(word.end, word.start + offset - self.mine[index].start)
        after = next((self.kept[i] for i in range(index + 1, len(self.mine)) if i in self.kept),
                     len(self.theirs))  # fmt: skip
        return self.theirs[after - 1].end if after > 0 else self.there.start

    def stretch_share(self, part: Span) -> float:
        """The share (0-1) of the letters ``part`` holds of its stretch: the words the
        rewrite did not keep, from the kept word before it to the kept word after."""
        first = bisect_right([word.end for word in self.mine], part.start)
        last = bisect_right([word.start for word in self.mine], part.end - 1) - 1
        before = next((i for i in range(first - 1, -1, -1) if i in self.kept), -1)
        after = next((i for i in range(last + 1, len(self.mine)) if i in self.kept), len(self.mine))
        stretch = [len(self.mine[i].text) for i in range(before + 1, after) if i not in self.kept]
        held = [len(self.mine[i].text) for i in range(first, last + 1) if i not in self.kept]
        return sum(held) / sum(stretch) if sum(stretch) else 1.0


def words_of(text: str, span: Span) -> list[Token]:
    """The words of ``span`` of ``text``."""
    return [token for token in tokenize(text, span.start, span.end) if token.kind in WORD_KINDS]


def share_a_word(text: str, other: str) -> bool:
    """Whether two passages have a word of ``MIN_KEPT_CHARS`` letters or more in common
    (whatever its case)."""
    mine = {w.text.lower() for w in words_of(text, Span(0, len(text)))}
    theirs = {w.text.lower() for w in words_of(other, Span(0, len(other)))}
    return any(len(word) >= MIN_KEPT_CHARS for word in mine & theirs)
