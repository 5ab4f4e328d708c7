"""The one switch between the compiled twins and their pure-Python references.

A few inner loops exist twice: a Python function, the reference that states the rule,
and a Cython twin built by ``setup.py`` when the machine has a C compiler, which gives
exactly what the reference gives (``tests/test_speedups.py`` and the property tests
check each pair). The twins live with their stage: ``_tokens.pyx`` beside
``tokens.py``, ``ingest/_reading.pyx``, and ``compare/_matching.pyx``,
``compare/_tokendiff.pyx`` and ``compare/_wordops.pyx``.

Callers ask ``twins.NAME`` at the moment of the call: the compiled function, or None,
and then run the reference. A twin is None when its module was not built, or when the
setting ``VARIORUM_PURE_PYTHON`` turns it off: ``1`` turns every twin off, a
comma-separated list of names only those (how a benchmark measures what one twin earns);
a name it does not know is a ``UsageError`` at the first twin asked.

>>> twins.count_words is None or twins.count_words("two words", 0, 9) == 2
True
"""

from __future__ import annotations

import importlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from variorum.settings import PURE_PYTHON, Setting

HOMES: dict[str, str] = {
    "count_words": "variorum._tokens",
    "word_spans": "variorum._tokens",
    "share_word": "variorum._tokens",
    "encode_tokens": "variorum._tokens",
    "encode_words": "variorum._tokens",
    "encode_all_words": "variorum._tokens",
    "encode_bodies": "variorum._tokens",
    "letter_words": "variorum._tokens",
    "find_label": "variorum.ingest._reading",
    "plain_text_blocks": "variorum.ingest._reading",
    "is_canonical_inside": "variorum.ingest._reading",
    "canonical_need": "variorum.ingest._reading",
    "to_nfc": "variorum.ingest._reading",
    "line_ends_fixed": "variorum.ingest._reading",
    "span_hashes": "variorum.compare._matching",
    "unique_anchor_runs": "variorum.compare._matching",
    "window_commons": "variorum.compare._matching",
    "common_ends": "variorum.compare._matching",
    "same_text": "variorum.compare._matching",
    "common_words": "variorum.compare._matching",
    "word_similarity": "variorum.compare._matching",
    "unchanged_runs": "variorum.compare._matching",
    "read_ends": "variorum.compare._matching",
    "rough_key_spans": "variorum.compare._matching",
    "diff_counts": "variorum.compare._tokendiff",
    "row_ops": "variorum.compare._wordops",
    "cut_ops": "variorum.compare._wordops",
    "equal_count_chain": "variorum.compare._wordops",
    "joined_runs": "variorum.compare._wordops",
    "row_segments": "variorum.compare._wordops",
    "kept_words": "variorum.compare._wordops",
    "whole_rows": "variorum.compare._wordops",
    "settled_rows": "variorum.compare._wordops",
    "equal_row": "variorum.compare._wordops",
    "spans": "variorum.compare._wordops",
}
"""Every compiled twin, by its name: the module that holds it (under that name)."""
EVERY = frozenset({"1", "all"})
"""The values of the setting that turn every twin off."""

Runs = list[tuple[int, int, int]]
Gaps = list[tuple[int, int, int, int]]


class Twins:
    """Each compiled twin, or None: loaded on first use (``import variorum`` loads
    none), so that the modules that need them can be imported without them."""

    count_words: Callable[[str, int, int], int] | None
    word_spans: Callable[[str, int, int], tuple[array[int], array[int]]] | None
    share_word: Callable[[str, int, int, str, int, int], bool] | None
    encode_tokens: Callable[[str, int, int, dict[str, str]], tuple[str, array[int]]] | None
    encode_words: Callable[[str, dict[str, str]], str] | None
    encode_all_words: Callable[[Iterable[str], dict[str, str]], list[str]] | None
    encode_bodies: (
        Callable[[str, array[int], Sequence[int], int, int, int, dict[str, str]], list[str]] | None
    )
    letter_words: Callable[[str, array[int], int, int, int, int], bytes] | None
    find_label: Callable[[str, int], tuple[int, int] | None] | None
    plain_text_blocks: Callable[[str, int, float], array[int]] | None
    is_canonical_inside: Callable[[str], bool] | None
    canonical_need: Callable[[str], int] | None
    to_nfc: Callable[[str], str] | None
    line_ends_fixed: Callable[[str], str] | None
    span_hashes: Callable[[str, array[int], int, int, int], array[int]] | None
    unique_anchor_runs: Callable[..., tuple[Runs, Gaps]] | None
    window_commons: Callable[[list[str], list[str], int, float], Runs] | None
    common_ends: Callable[[str, int, int, str, int, int], tuple[int, int]] | None
    same_text: Callable[[str, int, int, str, int, int], bool] | None
    common_words: Callable[[str, str], int] | None
    word_similarity: Callable[[str, str], float] | None
    unchanged_runs: Callable[..., list[Any]] | None  # of BlockPairs (align imports us)
    read_ends: Callable[..., None] | None
    rough_key_spans: Callable[[str, array[int], array[int]], array[int]] | None
    diff_counts: Callable[..., list[tuple[str, int]]] | None
    row_ops: Callable[..., tuple[Any, ...]] | None  # of Ops (comparison, via tokens, imports us)
    cut_ops: Callable[..., list[Any]] | None  # of Ops, as row_ops
    equal_count_chain: Callable[[array[int], array[int]], tuple[array[int], array[int]]] | None
    joined_runs: Callable[[array[int], array[int], int], list[tuple[int, int, int, int]]] | None
    row_segments: Callable[[Iterable[Any], str, str, bool], list[tuple[str, str]]] | None  # of Rows
    kept_words: Callable[[Iterable[Any], str, array[int], int, int, int], int] | None  # of Ops
    whole_rows: Callable[..., list[Any]] | None  # of Rows, as row_ops
    settled_rows: Callable[..., Callable[[int, range, range], Any]] | None  # as row_ops
    equal_row: Callable[..., Any] | None  # a Row, as row_ops
    spans: Callable[[Iterable[int], Iterable[int]], list[Any]] | None  # of Spans, as row_ops

    def __init__(self, setting: Setting = PURE_PYTHON) -> None:
        self._setting = setting

    def __getattr__(self, name: str) -> Any:
        home = HOMES.get(name)
        if home is None:
            raise AttributeError(name)
        found = None if name in self._off() else _compiled(home, name)
        setattr(self, name, found)  # asked once: later calls read the attribute
        return found

    def _off(self) -> set[str]:
        """The twins the setting turns off; read when a twin is first asked, so that a
        wrong name is one message from the command that needed a twin."""
        chosen = self._setting.names(EVERY | set(HOMES))
        return set(HOMES) if chosen & EVERY else chosen


def _compiled(home: str, name: str) -> Any:
    """The function ``name`` of the compiled module ``home``, or None if it was not built
    (nor in a module built before it was written: sources updated, not rebuilt)."""
    try:
        module = importlib.import_module(home)
    except ImportError:
        return None
    return getattr(module, name, None)


twins = Twins()
"""The twins of this process, as ``VARIORUM_PURE_PYTHON`` chose them."""
