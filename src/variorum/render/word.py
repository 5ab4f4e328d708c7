"""The redline as a Word document whose changes are Word's own tracked changes.

Every change of the Comparison becomes a revision a reader of Word can navigate,
accept or reject, with an author and a date: inserted and deleted words as
``w:ins`` and ``w:del``; a block or sentence that moved as a move (``w:moveFrom``
where it stood, ``w:moveTo`` where it arrived, linked by name); a renumbered label as
the old label deleted and the new one inserted; an added or removed paragraph break
as an inserted or deleted paragraph mark. "Accept all" gives the new version and
"Reject all" the old one, block for block (tested with Variorum's own DOCX reader).

Headings keep Word's heading styles; other blocks are paragraphs with their
numbering as text. Written with python-docx (already the DOCX reader's library),
whose default template supplies the styles; the revision markup is added to its XML.

A moved and edited block is, as in Word, a move whose moved-to text carries the
edit: its inserted words as insertions; its deleted words stand only where it was
(inside the moved-away text), so the arrival shows no deletion of its own.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import SPAN_END, SPAN_START, BlockKind, Document
from variorum.render import register_file
from variorum.render.pieces import row_pieces

REVISION = {
    "insert": "w:ins",
    "renumber-new": "w:ins",
    "delete": "w:del",
    "renumber-old": "w:del",
    "moved-here": "w:moveTo",
    "moved-away": "w:moveFrom",
}
"""The Word revision each piece role becomes (``equal`` is plain text)."""
_BREAKS = re.compile(r"\n+")
"""Line breaks: a paragraph ends at those between blocks."""


@register_file("docx")
def word_redline(
    comparison: Comparison, *, author: str = "Variorum", date: datetime | None = None
) -> bytes:
    """The redline as the bytes of a DOCX file with tracked changes by ``author`` at
    ``date`` (now, by default)."""
    when = (date or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = _Writer(comparison, author, when)
    for row in comparison.rows:
        writer.row(row)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return buffer.getvalue()


class _Writer:
    """Paragraphs appended one piece at a time, each revision with its own id."""

    def __init__(self, comparison: Comparison, author: str, when: str) -> None:
        self.comparison = comparison
        self.document = docx.Document()
        self.author, self.when = author, when
        self.ids = itertools.count(1)
        self.paragraph: Any = None
        self.last: Any = None  # the paragraph written last, for a move range ending after it
        self.open_range: tuple[str, str] | None = None  # (range tag, move name) being written
        self.starts = (_column(comparison.old, SPAN_START), _column(comparison.new, SPAN_START))
        self.ends = (_column(comparison.old, SPAN_END), _column(comparison.new, SPAN_END))

    def row(self, row: Row) -> None:
        """The row's pieces, then the end of its last paragraph, tracked as the row's
        kind says (an inserted row's paragraph mark was inserted too)."""
        block_move = ""
        if row.link is not None:
            block_move = f"block-move-{min(row.index, row.link)}"
        for role, text, old_at, new_at in row_pieces(self.comparison, row):
            if role == "delete" and row.kind is RowKind.MOVED_TO:
                continue  # the deleted words stand where the block was, inside its moved-away text
            at = old_at if role in _OLD_ROLES else new_at
            if role in _MOVED:
                self._open(role, block_move or self._sentence_move(role, text, at), at)
            for part, ends_paragraph in self._parts(text, at, 0 if role in _OLD_ROLES else 1):
                if part:
                    self._text(role, part, at)
                if ends_paragraph:
                    self._end_paragraph(role if role != "equal" else "")
            if not block_move:
                self._close()  # a sentence's move ends with it
        self._close()
        self._end_paragraph(_MARKS.get(row.kind, ""))

    def _parts(self, text: str, at: int, side: int) -> Iterator[tuple[str, bool]]:
        """``text`` (at offset ``at`` of a side's text) cut where a block ends: (text,
        whether a paragraph ends after it). Line breaks inside a block stay in it."""
        starts, ends = self.starts[side], self.ends[side]
        begin = 0
        for match in _BREAKS.finditer(text):
            where = at + match.start()
            index = bisect.bisect_right(starts, where) - 1
            if index < 0 or where >= ends[index]:  # between blocks: a paragraph ends
                yield text[begin : match.start()], True
                begin = match.end()
        yield text[begin:], False

    def _sentence_move(self, role: str, text: str, at: int) -> str:
        """The name shared by the two ends of the moved sentence in this piece."""
        for number, move in enumerate(self.comparison.text_moves):
            span = move.old if role == "moved-away" else move.new
            if at <= span.start and span.end <= at + len(text):
                return f"sentence-move-{number}"
        return f"sentence-move-at-{at}"

    def _open(self, role: str, name: str, at: int) -> None:
        """Begin the move range ``name`` unless it is the one being written."""
        tag = f"{REVISION[role]}RangeStart"
        if self.open_range == (tag, name):
            return
        self._close()
        self._current(role, at).append(self._range(tag, name))
        self.open_range = (tag, name)

    def _close(self) -> None:
        """End the move range being written, in the paragraph being written."""
        if self.open_range is None:
            return
        tag = self.open_range[0].replace("RangeStart", "RangeEnd")
        (self.paragraph if self.paragraph is not None else self.last).append(self._range(tag, ""))
        self.open_range = None

    def _text(self, role: str, text: str, at: int) -> None:
        paragraph = self._current(role, at)
        runs = _runs(text, deleted=role in ("delete", "renumber-old"))
        tag = REVISION.get(role)
        if tag is None:
            paragraph.extend(runs)
            return
        wrapper = self._revision(tag)
        wrapper.extend(runs)
        paragraph.append(wrapper)

    def _current(self, role: str, at: int) -> Any:
        """The paragraph being written, begun with the style of the block at ``at``."""
        if self.paragraph is None:
            side = 0 if role in _OLD_ROLES else 1
            kind, level = self._block_at(side, at)
            style = f"Heading {min(max(level, 1), 9)}" if kind is BlockKind.HEADING else None
            self.paragraph = self.last = self.document.add_paragraph(style=style)._p
        return self.paragraph

    def _end_paragraph(self, role: str) -> None:
        """End the paragraph; its mark tracked as inserted, deleted or moved by ``role``."""
        if self.paragraph is None:
            return
        tag = REVISION.get(role)
        if tag is not None:
            mark = OxmlElement("w:rPr")
            mark.append(self._revision(tag))
            self.paragraph.get_or_add_pPr().append(mark)
        self.paragraph = None

    def _revision(self, tag: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.when)
        return element

    def _range(self, tag: str, name: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        if name:
            element.set(qn("w:name"), name)
            element.set(qn("w:author"), self.author)
            element.set(qn("w:date"), self.when)
        return element

    def _block_at(self, side: int, at: int) -> tuple[BlockKind, int]:
        doc = self.comparison.new if side else self.comparison.old
        index = max(bisect.bisect_right(self.starts[side], at) - 1, 0)
        if not len(doc.blocks):
            return BlockKind.PARAGRAPH, 0
        block = doc.blocks[index]
        return block.kind, block.level


_MOVED = frozenset({"moved-here", "moved-away"})
_OLD_ROLES = frozenset({"delete", "renumber-old", "moved-away"})
"""Pieces whose offsets are read in the old text."""
_MARKS = {
    RowKind.INSERTED: "insert",
    RowKind.DELETED: "delete",
    RowKind.MOVED_TO: "moved-here",
    RowKind.MOVED_FROM: "moved-away",
}
"""How the paragraph mark after a row's last block is tracked, by the row's kind."""


def _column(doc: Document, position: int) -> list[int]:
    return list(doc.blocks.column(position))


def _runs(text: str, *, deleted: bool) -> list[Any]:
    """Runs of ``text``, a line break (``w:br``) where it has one; deleted text is
    ``w:delText``."""
    runs = []
    for number, line in enumerate(text.split("\n")):
        run = OxmlElement("w:r")
        if number:
            run.append(OxmlElement("w:br"))
        if line:
            element = OxmlElement("w:delText" if deleted else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = line
            run.append(element)
        runs.append(run)
    return runs
