"""Provenance: for each passage of a version, the version that introduced its words.

    versions 0..n --compare consecutive--> each character's origin carried forward

The first version's characters all come from it. Each next comparison carries the
origin of every character that stayed (equal text, text that moved, a sentence that
moved between blocks) to where it stands now; what the edit added gets the new
version. Inside a replacement the minimal word diff is read as well, so that a word
that stayed between rewritten ones keeps its age even where the redline shows one
phrase replaced. A passage's origin is thus the first version in which it is present
and stays present since.

>>> from variorum.ingest import parse_text
>>> versions = [parse_text(text) for text in ("Not to use ICTs.", "Not to use ICT networks.")]
>>> [(span.of(versions[-1].text), origin) for span, origin in passages(blame(versions))]
[('Not to use ', 0), ('ICT networks', 1), ('.\\n', 0)]
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from variorum.compare import compare
from variorum.compare.diff import diff_core
from variorum.compare.similarity import encode_words
from variorum.comparison import Comparison, OpKind, RowKind
from variorum.document import Document, Span
from variorum.options import CompareOptions
from variorum.tokens import word_spans


def blame(
    versions: Sequence[Document], comparisons: Sequence[Comparison] | None = None
) -> array[int]:
    """The origin of each character of the last of ``versions`` (oldest first);
    ``comparisons`` of each consecutive pair, if already made."""
    return provenance(versions, comparisons)[0]


def provenance(
    versions: Sequence[Document], comparisons: Sequence[Comparison] | None = None
) -> tuple[array[int], array[int]]:
    """``blame``, and where each character stood in the version that introduced it (its
    offset in that version's text): the place to show it in that version's redline."""
    if not versions:
        raise ValueError("blame needs at least one version")
    steps = (
        (
            len(versions[index].text),
            kept_ranges(
                comparisons[index - 1]
                if comparisons is not None
                else compare(versions[index - 1], versions[index])
            ),
        )
        for index in range(1, len(versions))
    )
    return provenance_of(len(versions[0].text), steps)


def provenance_of(
    first: int, steps: Iterable[tuple[int, Sequence[int]]], places: bool = True
) -> tuple[array[int], array[int]]:
    """``provenance`` from each step's summary alone: the first version's length, then
    for each next version its length and the text it kept (``kept_ranges``). Without
    ``places``, the second array is left empty (``blame`` alone needs no places)."""
    counting = _Counting()
    origins = array("i", [0]) * first
    offsets = counting.up_to(first) if places else array("i")
    for index, (length, kept) in enumerate(steps, start=1):
        origins = _copied(kept, origins, array("i", [index]) * length)
        if places:
            offsets = _copied(kept, offsets, counting.up_to(length))
    return origins, offsets


class _Counting:
    """0, 1, 2, ... as arrays of any length, sliced from one kept array (a slice is a
    copy of memory; making each from ``range`` walks Python integers)."""

    def __init__(self) -> None:
        self._numbers = array("i")

    def up_to(self, length: int) -> array[int]:
        if len(self._numbers) < length:
            self._numbers = array("i", range(max(length, 2 * len(self._numbers))))
        return self._numbers[:length]


def kept_ranges(comparison: Comparison) -> array[int]:
    """The text of the new version that the old one already had, as copies to make in
    this order (a later one overrides an earlier): old start, old end, new start, new
    end, four numbers a copy; neighbouring copies are joined, so that their number
    follows the changes, not the length of the text. What stayed is equal text, text
    that moved, a sentence that moved between blocks, and, inside a replacement, the
    words its minimal word diff keeps."""
    old_text, new_text = comparison.old.text, comparison.new.text
    kept = array("i")

    def add(old: Span, new: Span) -> None:
        if kept and kept[-3] == old.start and kept[-1] == new.start:
            kept[-3], kept[-1] = old.end, new.end
        else:
            kept.extend((old.start, old.end, new.start, new.end))

    for row in comparison.rows:
        if row.kind is RowKind.MOVED_FROM:
            continue  # its ops are the moved-to row's
        for op in row.ops:
            if op.kind is OpKind.EQUAL and len(op.old) == len(op.new):
                add(op.old, op.new)
            elif op.kind is OpKind.REPLACE:
                for old, new in kept_words(old_text, op.old, new_text, op.new):
                    add(old, new)
    for move in comparison.text_moves:
        add(move.old, move.new)
    return kept


def _copied(kept: Sequence[int], values: array[int], out: array[int]) -> array[int]:
    """``out`` with ``values`` copied as ``kept`` says (see ``kept_ranges``)."""
    for at in range(0, len(kept), 4):
        old_start, old_end, new_start, new_end = kept[at : at + 4]
        out[new_start:new_end] = values[old_start:old_end]
    return out


def kept_words(old_text: str, old: Span, new_text: str, new: Span) -> Iterator[tuple[Span, Span]]:
    """The words two spans share in the minimal diff of their words alone (white space
    and punctuation left out, so that a shared space never wins over a shared word):
    each as (old span, new span)."""
    old_starts, old_ends = word_spans(old_text, old.start, old.end)
    new_starts, new_ends = word_spans(new_text, new.start, new.end)
    codes: dict[str, str] = {}  # one character per word, as the similarity scores them
    a, b = encode_words(old.of(old_text), codes), encode_words(new.of(new_text), codes)
    i = j = 0
    for step, count in diff_core(a, b, CompareOptions(), semantic=False):
        if step == "=":
            for k in range(count):
                yield (
                    Span(old_starts[i + k], old_ends[i + k]),
                    Span(new_starts[j + k], new_ends[j + k]),
                )
        i += count if step != "+" else 0
        j += count if step != "-" else 0


def passages(origins: array[int]) -> list[tuple[Span, int]]:
    """Runs of characters of one origin: (span, version index)."""
    runs: list[tuple[Span, int]] = []
    start = 0
    for at in range(1, len(origins) + 1):
        if at == len(origins) or origins[at] != origins[start]:
            runs.append((Span(start, at), origins[start]))
            start = at
    return runs
