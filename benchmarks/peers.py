"""The tools compared, each as a timed ``run`` and an untimed ``segments``.

``run(old, new, files)`` does the tool's whole job on two texts (``files`` holds the
same texts on disk for tools that read files) and returns its raw output.
``segments(output, old, new)`` turns that output into ``[(op, text)]`` with ``op``
one of ``=``, ``-``, ``+``, where ``=`` and ``-`` rebuild ``old`` and ``=`` and ``+``
rebuild ``new``: the one form every metric is computed from, the same way for
every tool.
"""

from __future__ import annotations

import difflib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from variorum.compare import compare
from variorum.ingest import parse_text
from variorum.tokens import tokenize

Segments = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool: how to run it and how to read its output."""

    name: str
    """Name in tables."""
    what: str
    """What exactly is measured, for the README and the table's notes."""
    run: Callable[[str, str, tuple[Path, Path]], Any]
    segments: Callable[[Any, str, str], Segments]
    slow: bool = False
    """Whether the tool may be sampled on the corpus when the time budget is short."""


# variorum ------------------------------------------------------------------------


def _variorum_run(old: str, new: str, _files: tuple[Path, Path]) -> Any:
    return compare(parse_text(old), parse_text(new))


def _variorum_segments(comparison: Any, old: str, new: str) -> Segments:
    if comparison.old.text != old or comparison.new.text != new:
        raise ValueError("variorum changed the canonical texts it was given")
    return comparison.segments()


# difflib -------------------------------------------------------------------------


def _token_texts(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def _difflib_run(old: str, new: str, _files: tuple[Path, Path]) -> Any:
    a, b = _token_texts(old), _token_texts(new)
    return a, b, difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _difflib_segments(output: Any, _old: str, _new: str) -> Segments:
    a, b, opcodes = output
    out: Segments = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            out.append(("-", "".join(a[i1:i2])))
            out.append(("+", "".join(b[j1:j2])))
    return out


# diff-match-patch ------------------------------------------------------------------


def _dmp_run(old: str, new: str, _files: tuple[Path, Path]) -> Any:
    """Word mode as the library's wiki describes it for lines: each distinct token
    becomes one character (the ``diff_linesToChars`` trick, on tokens instead of
    lines), ``diff_main`` without line mode, then ``diff_charsToLines`` back."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()  # library defaults, as a user gets them: Diff_Timeout = 1 s
    token_list: list[str] = [""]  # index 0 unused, as in diff_linesToChars
    codes: dict[str, str] = {}

    def encode(text: str) -> str:
        chars = []
        for token in _token_texts(text):
            code = codes.get(token)
            if code is None:
                code = codes[token] = chr(len(token_list))
                token_list.append(token)
            chars.append(code)
        return "".join(chars)

    a, b = encode(old), encode(new)
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_charsToLines(diffs, token_list)
    return diffs


def _dmp_segments(diffs: Any, _old: str, _new: str) -> Segments:
    ops = {0: "=", -1: "-", 1: "+"}
    return [(ops[op], text) for op, text in diffs]


# redlines ----------------------------------------------------------------------------


def _redlines_run(old: str, new: str, _files: tuple[Path, Path]) -> Any:
    from redlines import Redlines

    return Redlines(old, new).opcodes


def _redlines_segments(opcodes: Any, old: str, new: str) -> Segments:
    """redlines diffs its own tokens of a rewritten text (paragraphs joined by ``¶``,
    whitespace stripped): map each token back to the characters of the text it was
    given, then give whitespace between tokens as equal where both texts agree."""
    from redlines.processor import concatenate_paragraphs_and_add_chr_182, tokenize_text

    a = _locate(tokenize_text(concatenate_paragraphs_and_add_chr_182(old)), old)
    b = _locate(tokenize_text(concatenate_paragraphs_and_add_chr_182(new)), new)
    walk = _Walk(old, new)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            for (os_, oe), (ns, ne) in zip(a[i1:i2], b[j1:j2], strict=True):
                walk.equal(os_, oe, ns, ne)
        else:
            for _, end in a[i1:i2]:
                walk.delete(end)
            for _, end in b[j1:j2]:
                walk.insert(end)
    return walk.finish()


def _locate(tokens: list[str], text: str) -> list[tuple[int, int]]:
    """Character ranges in ``text`` of each token's non-space core; the paragraph
    markers redlines adds are empty ranges where they stand."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for token in tokens:
        core = token.strip()
        start = _skip_space(text, pos)
        if core and text.startswith(core, start):
            pos = start + len(core)
            spans.append((start, pos))
        elif core == "¶":
            spans.append((pos, pos))
        else:
            raise ValueError(f"redlines token {token!r} not found at {start}")
    return spans


# git diff --word-diff ---------------------------------------------------------------

_GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "LC_ALL": "C",
}


def _git_run(_old: str, _new: str, files: tuple[Path, Path]) -> Any:
    done = subprocess.run(
        [
            "git",
            "diff",
            "--no-index",
            "--no-color",
            "--no-ext-diff",
            "--word-diff=porcelain",
            "--unified=1000000000",
            "--",
            str(files[0]),
            str(files[1]),
        ],
        capture_output=True,
        env=_GIT_ENV,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    return done.stdout


def _git_segments(stdout: Any, old: str, new: str) -> Segments:
    """Walk the porcelain lines against the two texts: `` `` words stand in both,
    ``-`` in the old, ``+`` in the new, ``~`` ends a line. git prints words, not the
    whitespace between them, so that is taken from the texts themselves."""
    walk = _Walk(old, new)
    lines = stdout.decode("utf-8").split("\n")
    started = False
    for line in lines:
        if not started:
            started = line.startswith("@@")
            continue
        if not line or line[0] == "~" or line.startswith("\\"):
            continue
        marker, content = line[0], line[1:]
        for word in content.split():
            if marker == " ":
                os_ = _skip_space(old, walk.old_pos)
                ns = _skip_space(new, walk.new_pos)
                walk.equal(os_, _expect(old, os_, word), ns, _expect(new, ns, word))
            elif marker == "-":
                walk.delete(_expect(old, _skip_space(old, walk.old_pos), word))
            elif marker == "+":
                walk.insert(_expect(new, _skip_space(new, walk.new_pos), word))
    return walk.finish()


def _expect(text: str, start: int, word: str) -> int:
    if not text.startswith(word, start):
        raise ValueError(f"git word {word!r} not at offset {start}: {text[start : start + 40]!r}")
    return start + len(word)


# reading outputs that skip whitespace ------------------------------------------------


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


class _Walk:
    """Builds segments from words located in the two texts, in order; the gaps
    between located words (whitespace) are equal where both texts have the same gap
    at the same moment, else deleted and inserted."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.old_pos = self.new_pos = 0
        self.out: Segments = []

    def _add(self, op: str, text: str) -> None:
        if text:
            self.out.append((op, text))

    def _gaps(self, old_end: int, new_end: int) -> None:
        old_gap, new_gap = self.old[self.old_pos : old_end], self.new[self.new_pos : new_end]
        if old_gap == new_gap:
            self._add("=", old_gap)
        else:
            self._add("-", old_gap)
            self._add("+", new_gap)
        self.old_pos, self.new_pos = old_end, new_end

    def equal(self, old_start: int, old_end: int, new_start: int, new_end: int) -> None:
        self._gaps(old_start, new_start)
        self._add("=", self.old[old_start:old_end])
        self.old_pos, self.new_pos = old_end, new_end

    def delete(self, end: int) -> None:
        """Old text up to ``end`` (the gap before a word and the word) is deleted."""
        self._add("-", self.old[self.old_pos : end])
        self.old_pos = end

    def insert(self, end: int) -> None:
        """New text up to ``end`` is inserted."""
        self._add("+", self.new[self.new_pos : end])
        self.new_pos = end

    def finish(self) -> Segments:
        self._gaps(len(self.old), len(self.new))
        return self.out


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool(
            "variorum",
            "`compare(parse_text(old), parse_text(new))`: parsing both texts into "
            "Documents, block alignment, word diff, cleanup",
            _variorum_run,
            _variorum_segments,
        ),
        Tool(
            "git word-diff",
            "`git diff --no-index --word-diff=porcelain` on the two texts as files "
            "(process start included), full context",
            _git_run,
            _git_segments,
        ),
        Tool(
            "diff-match-patch",
            "Google diff-match-patch (Python) in word mode: the same tokens mapped to "
            "characters, `diff_main`, library defaults: past its 1 s `Diff_Timeout` it "
            "stops and returns a coarse diff (so its times are capped, its edits not minimal)",
            _dmp_run,
            _dmp_segments,
        ),
        Tool(
            "difflib",
            "`difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` over "
            "the same tokens (tokenizing included)",
            _difflib_run,
            _difflib_segments,
            slow=True,
        ),
        Tool(
            "redlines",
            "`Redlines(old, new).opcodes` (its own tokens; difflib underneath)",
            _redlines_run,
            _redlines_segments,
            slow=True,
        ),
    )
}
