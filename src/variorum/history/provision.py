"""One provision through every version: a block (or a heading with its section) found
in one version, followed through the alignment of each consecutive pair, back to the
version that introduced it and forward to the last, or to the one that deleted it.

    version k --find--> blocks --rows of (k-1 -> k) over them--> spans of k-1 --> ...
                               --rows of (k -> k+1) over them--> spans of k+1 --> ...

Rows carry the provision across renumbering, moves, splits and merges: whatever the
alignment paired with its text is its text in the other version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from variorum.annotations.model import Annotation
from variorum.comparison import Comparison, Row, RowKind
from variorum.document import BlockKind, Document, Span
from variorum.errors import UsageError
from variorum.publish.notes import Note, place_notes


@dataclass(frozen=True, slots=True)
class ProvisionChange:
    """The provision's rows in one consecutive comparison where it changed."""

    comparison: Comparison
    rows: tuple[Row, ...]
    """The changed rows over the provision, in reading order; a move only where it
    arrived; unchanged text only where a link target in it changed."""

    @property
    def old_label(self) -> str:
        return self.comparison.old.version

    @property
    def new_label(self) -> str:
        return self.comparison.new.version


@dataclass(frozen=True, slots=True)
class ProvisionHistory:
    """A provision's life: where it was found, when it appeared, each change."""

    found_in: str
    """The version it was looked up in."""
    title: str
    """Its first line there."""
    introduced: str
    """The first version that has it (the first of all if it was always there)."""
    deleted: str
    """The version that no longer has it, or "" if the last one does."""
    changes: tuple[ProvisionChange, ...]
    """Oldest first."""


def provision_history(
    versions: Sequence[Document], comparisons: Sequence[Comparison], query: str, found_in: int
) -> ProvisionHistory:
    """The life of the provision ``query`` names in ``versions[found_in]``;
    ``comparisons`` of each consecutive pair (oldest first)."""
    document = versions[found_in]
    start = [find_provision(document, query)]
    title = start[0].of(document.text).split("\n", 1)[0]
    back, introduced = _follow(comparisons[:found_in][::-1], start, backward=True)
    ahead, deleted = _follow(comparisons[found_in:], start, backward=False)
    return ProvisionHistory(
        found_in=document.version,
        title=title,
        introduced=introduced or versions[0].version,
        deleted=deleted,
        changes=tuple(back[::-1] + ahead),
    )


def notes_on(
    annotations: Sequence[Annotation], comparison: Comparison, rows: Sequence[Row]
) -> list[Note]:
    """The notes on either version of ``comparison`` whose passage begins in ``rows``,
    in reading order."""
    shown = {row.index for row in rows}
    return [note for note in place_notes(annotations, comparison) if note.row in shown]


def find_provision(document: Document, query: str) -> Span:
    """The provision ``query`` names: a block whose label is it (``7``, ``(b)``), else
    one whose words are the query's, else one holding them, headings first; a heading
    brings the blocks under it."""
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        raise UsageError("give the provision's label or some of its words")
    blocks = list(document.blocks)
    bare, plain = _bare(wanted), _plain(wanted)
    if not (bare or plain):
        raise UsageError("give the provision's label or some of its words")
    texts = [_plain(_words(document, i)) for i in range(len(blocks))]
    heads = [i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING]
    labelled = [i for i, b in enumerate(blocks) if bare and _bare(document.label_text(b)) == bare]
    same = [i for i in range(len(blocks)) if texts[i] == plain]
    holding = [i for i in range(len(blocks)) if f" {plain} " in f" {texts[i]} "]
    candidates = (
        labelled,
        [i for i in same if i in heads],
        same,
        [i for i in holding if i in heads],
        holding,
    )
    for found in candidates:
        if len(found) == 1:
            return _section(document, found[0])
        if found:
            shown = "; ".join(_words(document, i)[:50] for i in found[:3])
            raise UsageError(
                f"{query!r} matches {len(found)} blocks of {document.version or 'the version'} "
                f"({shown}{'; ...' if len(found) > 3 else ''}): give more of its words"
            )
    raise UsageError(f"no block of {document.version or 'the version'} matches {query!r}")


def _follow(
    comparisons: Sequence[Comparison], spans: list[Span], backward: bool
) -> tuple[list[ProvisionChange], str]:
    """The changes of the provision through ``comparisons`` (in the order walked), and
    the version where it stops: the one it is missing from next ("" if none)."""
    changes = []
    for comparison in comparisons:
        rows = [row for row in comparison.rows if _over(row, spans, backward)]
        shown = tuple(row for row in rows if _changed(comparison, row))
        if shown:
            changes.append(ProvisionChange(comparison, shown))
        spans = _merged([part for row in rows for part in _carried(row, spans, backward)])
        if not spans:  # missing from the next version walked to
            return changes, comparison.new.version  # the first that has it, or that lacks it
    return changes, ""


def _carried(row: Row, spans: list[Span], backward: bool) -> list[Span]:
    """The provision's text in ``row`` on the side walked to: where an unchanged run of
    blocks holds part of it, that part only (the run may be a whole document long);
    elsewhere the row's whole other side (its blocks were paired with the provision's)."""
    here, there = (row.new, row.old) if backward else (row.old, row.new)
    if row.kind is not RowKind.EQUAL or len(here) != len(there):
        return [there]
    shift = there.start - here.start
    return [
        Span(max(span.start, here.start) + shift, min(span.end, here.end) + shift)
        for span in spans
        if span.start < here.end and here.start < span.end
    ]


def _changed(comparison: Comparison, row: Row) -> bool:
    """Whether ``row`` shows a change (a move once, where it arrived)."""
    if row.kind is RowKind.EQUAL:
        return comparison.noted(row)
    return row.kind is not RowKind.MOVED_FROM


def _over(row: Row, spans: list[Span], backward: bool) -> bool:
    """Whether ``row`` holds text of the provision on the side already known."""
    side = row.new if backward else row.old
    return any(side.start < span.end and span.start < side.end for span in spans)


def _merged(spans: list[Span]) -> list[Span]:
    """The non-empty ``spans``, sorted, with touching ones joined."""
    out: list[Span] = []
    for span in sorted(s for s in spans if s):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out


def _section(document: Document, index: int) -> Span:
    """The block at ``index``; a heading with the blocks under it, to the next heading
    of its level or above."""
    blocks = document.blocks
    block = blocks[index]
    end = index + 1
    if block.kind is BlockKind.HEADING:
        while end < len(blocks) and not (
            blocks[end].kind is BlockKind.HEADING and blocks[end].level <= block.level
        ):
            end += 1
    return document.region(index, end)


def _words(document: Document, index: int) -> str:
    return " ".join(document.blocks[index].span.of(document.text).split()).casefold()


def _plain(text: str) -> str:
    """The words of ``text`` alone, lower case: markup and punctuation left out."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _bare(label: str) -> str:
    """A label without its brackets, dots and case: ``(b)``, ``b.`` and ``B`` alike."""
    return re.sub(r"[\s().\[\]§]", "", label).casefold()
