"""The longest run of words that the old and the new text of a replacement share.

    text --tokens--> word, separator, word, ... --suffix automaton of the old side-->
    longest common stretch starting and ending on a word, and whether one holds a sentence end

A run is a contiguous stretch of tokens (``variorum.tokens``) that begins and ends with
a word and reads the same, separators included, in both texts: ``for information
security`` and ``for  information security`` share no run of three words. Words are
word, number, web-address and CJK tokens; a separator is everything between two words
(spaces and punctuation). The search costs O(n + m) in tokens (a suffix automaton),
so a replacement of a whole document costs no more than reading it.

>>> run = longest_shared_run("We sell it. To find out more, ask.", "Buy it. To find out more, ask!")
>>> (run.words, run.text, run.sentence_end)
(6, 'it. To find out more, ask', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from variorum.tokens import TOKEN_PATTERN

_WORD_KINDS = frozenset({"url", "number", "word", "cjk"})
SENTENCE_END = re.compile(r"[.?!][\"'”’)\]]*\s")
"""A separator holding a sentence end: ``. ``, ``? ``, ``! `` (a closing quote or
bracket may stand between the mark and the space)."""


@dataclass(frozen=True, slots=True)
class SharedRun:
    """The longest run of words both texts hold, and whether any shared run of two
    or more words spans a sentence end."""

    words: int
    """Words in the longest shared run (0 if the texts share no word)."""
    text: str
    """That run, as it reads in the new text."""
    sentence_end: bool
    """Whether the texts share two words with the same sentence end between them."""


def words_and_separators(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """``text[start:end]`` as word, separator, word, ..., word (separators may be
    empty, as between ``ICCPR`` and ``’s``); what stands before the first word and
    after the last one is dropped: a run starts and ends with a word."""
    out: list[str] = []
    pending: list[str] = []
    stop = len(text) if end is None else end
    for match in TOKEN_PATTERN.finditer(text, start, stop):
        if match.lastgroup in _WORD_KINDS:
            if out:
                out.append("".join(pending))
            pending.clear()
            out.append(match.group())
        else:
            pending.append(match.group())
    return out


def longest_shared_run(old: str, new: str) -> SharedRun:
    """The longest run of words shared by ``old`` and ``new`` (whole texts)."""
    return shared_run(words_and_separators(old), words_and_separators(new))


def shared_run(old: list[str], new: list[str]) -> SharedRun:
    """``longest_shared_run`` on texts already split by ``words_and_separators``."""
    if not old or not new:
        return SharedRun(0, "", False)
    codes: dict[str, int] = {}
    # words sit at even positions and separators at odd ones on both sides, so a
    # match of odd length ending on a word also starts on one
    old_codes = [codes.setdefault(piece, len(codes)) for piece in old]
    new_codes = [codes.setdefault(piece, len(codes)) for piece in new]
    automaton = _SuffixAutomaton(old_codes)
    best, best_end = 0, 0
    state = length = 0
    for position, code in enumerate(new_codes):
        state, length = automaton.step(state, length, code)
        if position % 2 == 0:
            usable = length if length % 2 else length - 1
            if usable > best:
                best, best_end = usable, position + 1
    text = "".join(new[best_end - best : best_end]) if best > 0 else ""
    return SharedRun((best + 1) // 2, text, _shares_sentence_end(old, new))


def _shares_sentence_end(old: list[str], new: list[str]) -> bool:
    """Whether some word, sentence-ending separator, word stands in both texts."""
    found = {
        (old[i - 1], old[i], old[i + 1])
        for i in range(1, len(old) - 1, 2)
        if SENTENCE_END.search(old[i])
    }
    if not found:
        return False
    return any(
        (new[i - 1], new[i], new[i + 1]) in found
        for i in range(1, len(new) - 1, 2)
        if SENTENCE_END.search(new[i])
    )


class _SuffixAutomaton:
    """The suffix automaton of a sequence of integers: every substring of it is a
    path from the start state, built in linear time (Blumer et al., 1985)."""

    def __init__(self, sequence: list[int]) -> None:
        self.next: list[dict[int, int]] = [{}]
        self.link = [-1]
        self.length = [0]
        last = 0
        for code in sequence:
            last = self._extend(last, code)

    def _new_state(self, length: int, link: int, moves: dict[int, int]) -> int:
        self.next.append(moves)
        self.link.append(link)
        self.length.append(length)
        return len(self.length) - 1

    def _extend(self, last: int, code: int) -> int:
        current = self._new_state(self.length[last] + 1, 0, {})
        state = last
        while state != -1 and code not in self.next[state]:
            self.next[state][code] = current
            state = self.link[state]
        if state == -1:
            return current
        target = self.next[state][code]
        if self.length[state] + 1 == self.length[target]:
            self.link[current] = target
            return current
        clone = self._new_state(self.length[state] + 1, self.link[target], dict(self.next[target]))
        while state != -1 and self.next[state].get(code) == target:
            self.next[state][code] = clone
            state = self.link[state]
        self.link[target] = self.link[current] = clone
        return current

    def step(self, state: int, length: int, code: int) -> tuple[int, int]:
        """Extend the current match by ``code``: the new state and match length (the
        longest suffix of what was read that is a substring of the sequence)."""
        while state and code not in self.next[state]:
            state = self.link[state]
            length = self.length[state]
        if code in self.next[state]:
            return self.next[state][code], length + 1
        return 0, 0
