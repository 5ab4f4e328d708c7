"""The redline as a Word document whose changes are Word's own tracked changes.

Every change of the Comparison becomes a revision a reader of Word can navigate,
accept or reject, with an author and a date: inserted and deleted words as
``w:ins`` and ``w:del``; a block or sentence that moved as a move (``w:moveFrom``
where it stood, ``w:moveTo`` where it arrived, linked by name); a renumbered label as
the old label deleted and the new one inserted; an added or removed paragraph break
as an inserted or deleted paragraph mark. "Accept all" gives the new version and
"Reject all" the old one, block for block (tested with Variorum's own DOCX reader).

Headings keep Word's heading styles; list items are Word's list paragraphs with Word's
own numbering (``word_numbering``) in every kind of row, a moved, split or merged item
too: a paragraph is numbered as the block it ends, and where its label changed, the old
numbering is a tracked change of the paragraph's properties (``w:pPrChange``), which
"Reject all" restores: a renumbering is a change of the label. Table rows are rows of
a Word table (``word_table``). Links are Word hyperlinks, a changed target tracked as
its words deleted and inserted again (``word_links``). Written with python-docx
(already the DOCX reader's library), whose default template supplies the styles; the
revision markup is added to its XML. The files validate against the WordprocessingML
schema and open in LibreOffice (``tests/render/test_word_opened.py``).

A moved and edited block is, as in Word, a move whose moved-to text carries the
edit's inserted words as insertions; its deleted words are deletions where it stood,
inside the moved-away text (a deletion where it arrived would leave them twice on
"Reject all"), so no deleted word passes for one that only moved.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import docx
from docx.comments import Comment
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from variorum.comparison import Comparison, Row, RowKind, Side
from variorum.document import PICTURE, SPAN_END, SPAN_START, BlockKind, Document, Span
from variorum.render import register_file
from variorum.render.pieces import (
    MOVED_ROLES,
    Piece,
    Role,
    View,
    link_note,
    readable_text,
    row_pieces,
)
from variorum.render.word_links import Hyperlinks, WordLinks, bookmark, place_bookmarks
from variorum.render.word_numbering import (
    INDENT,
    ListNumbering,
    RowNumbering,
    number_paragraph,
    plan,
)
from variorum.render.word_table import CELL_SEPARATOR, Tables

REVISION = {
    Role.INSERT: "w:ins",
    Role.RENUMBER_NEW: "w:ins",
    Role.DELETE: "w:del",
    Role.RENUMBER_OLD: "w:del",
    Role.MOVED_HERE: "w:moveTo",
    Role.MOVED_AWAY: "w:moveFrom",
}
"""The Word revision each piece role becomes (``equal`` is plain text)."""
LINK_STYLE = "Hyperlink"
"""The character style of links' words."""
LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
"""The colour of Word's own links."""
_BREAKS = re.compile(r"\n+")
"""Line breaks: a paragraph ends at those between blocks."""


@dataclass(frozen=True, slots=True)
class WordComment:
    """A comment in Word's margin on a passage of one version (an analyst's note)."""

    side: Side
    """Whose text ``span`` indexes."""
    span: Span
    """The passage, as character offsets into that version's Document text."""
    text: str
    """What the comment says; line breaks start new paragraphs."""
    author: str = ""
    initials: str = ""


@dataclass(frozen=True, slots=True)
class WordPart:
    """One redline of a Word file holding several (a published analysis: each pair)."""

    comparison: Comparison
    comments: Sequence[WordComment] = ()
    """Comments on the passages of this pair's versions."""
    heading: str = ""
    """A heading above this redline (``2011 → 2015``), unchanged text; none if empty."""


@register_file("docx")
def word_redline(
    comparison: Comparison,
    *,
    author: str = "Variorum",
    date: datetime | None = None,
    comments: Sequence[WordComment] = (),
) -> bytes:
    """The redline as the bytes of a DOCX file with tracked changes by ``author`` at
    ``date`` (now, by default), and ``comments`` on their passages."""
    return word_document([WordPart(comparison, comments)], author=author, date=date)


def word_document(
    parts: Sequence[WordPart], *, author: str = "Variorum", date: datetime | None = None
) -> bytes:
    """Several redlines one after another in one DOCX file, each after its heading and
    from the second on a new page, with tracked changes by ``author`` at ``date``."""
    when = (date or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = docx.Document()
    comments = [[*part.comments, *link_comments(part.comparison)] for part in parts]
    # revisions and comments share Word's annotation ids: comments take 0 to n - 1
    ids = itertools.count(sum(map(len, comments)))
    commented = linked = False
    for number, (part, noted) in enumerate(zip(parts, comments, strict=True)):
        if part.heading:
            heading = document.add_heading(part.heading, level=1)
            heading.paragraph_format.page_break_before = number > 0
        writer = _Writer(document, part.comparison, author, when, noted, ids)
        for row in part.comparison.rows:
            writer.row(row)
        writer.tables.close()
        writer.attach_comments()
        commented = commented or bool(writer.comments.runs)
        linked = linked or writer.link is not None
    _tidy_package(document, commented=commented, linked=linked)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def link_comments(comparison: Comparison) -> list[WordComment]:
    """A comment by Variorum on the words of each link whose target changed, appeared
    or went: Word tracks such a link as its words deleted and inserted again, and the
    comment says the words are not what changed (the note every format gives)."""
    comments = []
    for change in comparison.link_changes:
        side, link = (Side.NEW, change.new) if change.new else (Side.OLD, change.old)
        assert link is not None  # (a link change has a link on one side at least)
        note = link_note(comparison, change)
        comments.append(WordComment(side, link.span, note, "Variorum", "V"))
    return comments


class _Writer:
    """Paragraphs appended one piece at a time, each revision with its own id."""

    def __init__(
        self, document: Any, comparison: Comparison, author: str, when: str,
        comments: Sequence[WordComment], ids: Iterator[int],
    ) -> None:  # fmt: skip
        self.comparison = comparison
        self.comments = _Comments(comments)
        self.written: list[Any] = []  # the runs of the piece being written
        self.document = document
        self.tables = Tables(self.document)
        self.author, self.when = author, when
        self.ids = ids
        self.lists = ListNumbering(document)
        self.links = WordLinks(comparison)
        self.hyperlinks = Hyperlinks(document.part)
        self.places = place_bookmarks(comparison)  # by block: the places links name there
        self.bookmarked: set[str] = set()  # the names written
        self.link: tuple[Any, str] | None = None  # the hyperlink written last, its target
        self.style_ids: dict[str, str] = {}
        self.body_end = document.element.body.find(qn("w:sectPr"))  # paragraphs go before it
        self.numbering = RowNumbering()  # the list items of the row being written
        self.whole: str | None = None  # the revision of the row being written, if whole
        self.paragraph: Any = None
        self.last: Any = None  # the paragraph written last, for a move range ending after it
        self.open_range: tuple[str, str] | None = None  # (range tag, move name) being written
        self.starts = (_column(comparison.old, SPAN_START), _column(comparison.new, SPAN_START))
        self.ends = (_column(comparison.old, SPAN_END), _column(comparison.new, SPAN_END))

    def row(self, row: Row) -> None:
        """The row's pieces, then the end of its last paragraph, tracked as the row's
        kind says (an inserted row's paragraph mark was inserted too)."""
        block_move = ""
        self.whole = REVISION.get(_MARKS.get(row.kind, Role.EQUAL))
        self.numbering = plan(self.comparison, row, self.comments.starts_in)
        if row.link is not None:
            block_move = f"block-move-{min(row.index, row.link)}"
        for role, text, old_at, new_at in self._pieces(row):
            if role in _OLD_ROLES and row.kind is RowKind.MOVED_TO:
                continue  # the old words stand where the block was, inside its moved-away text
            if role == Role.MOVED_HERE and not block_move and self._left_moved_block(text, new_at):
                role = Role.INSERT  # its old words stand inside a moved-away block: no end
            at = old_at if role in _OLD_ROLES else new_at
            if role in MOVED_ROLES:
                self._open(role, block_move or self._sentence_move(role, text, at), at)
            for start, end in self.comments.cuts(role, len(text), old_at, new_at):
                self._piece(role, text[start:end], old_at + start, new_at + start)
                self.comments.cover(role, old_at + start, new_at + start, self.written)
            if not block_move:
                self._close()  # a sentence's move ends with it
        self._close()
        last = (row.old_blocks[-1:] or [-1])[0], (row.new_blocks[-1:] or [-1])[0]
        self._end_paragraph(_MARKS.get(row.kind, Role.EQUAL), last)

    def _pieces(self, row: Row) -> Iterator[Piece]:
        """The row's pieces; where a block moved from, its old words as moved away but
        those its edit deleted as deletions: Word shows no deletion where the block arrived
        (rejecting it there would leave the words twice), so they are struck here."""
        if row.kind is not RowKind.MOVED_FROM or row.link is None:
            yield from row_pieces(self.comparison, row)
            return
        arrived = self.comparison.rows[row.link]
        for piece in row_pieces(self.comparison, arrived, View.OLD):
            role = _AT_ORIGIN.get(piece.role, piece.role)
            yield Piece(role, piece.text, piece.old_start, row.new.start)

    def attach_comments(self) -> None:
        """Each comment that found runs of its passage, in Word's margin beside them."""
        anchored = list(self.comments.anchored())
        if not anchored:
            return  # (no comments part in a file without comments)
        notes = _NewComments(self.document, self.when)
        for comment, (first, last) in anchored:
            note = notes.add(comment)
            Run(first, self.document).mark_comment_range(Run(last, self.document), note.comment_id)
            for number, line in enumerate(comment.text.split("\n")):
                paragraph = note.paragraphs[0] if number == 0 else note.add_paragraph()
                paragraph.add_run(line)

    def _piece(self, role: Role, text: str, old_at: int, new_at: int) -> None:
        """``text`` of one role, at these offsets, cut into paragraphs where blocks end;
        its runs are left in ``written``."""
        self.written = []
        side = 0 if role in _OLD_ROLES else 1
        for part, begin, ends_paragraph in self._parts(text, new_at if side else old_at, side):
            for shown_role, shown, offset in self.numbering.shown(
                role, part, old_at + begin, new_at + begin
            ):
                shift = old_at - new_at  # where unchanged words stand in the old text
                for parts in self.links.parts(shown_role, shown, offset, offset + shift):
                    self._text(*parts)
            if ends_paragraph:
                where = (old_at + begin + len(part), new_at + begin + len(part))
                ended = [bisect.bisect_right(self.starts[n], where[n]) - 1 for n in (0, 1)]
                self._end_paragraph(role, (ended[0], ended[1]))

    def _parts(self, text: str, at: int, side: int) -> Iterator[tuple[str, int, bool]]:
        """``text`` (at offset ``at`` of a side's text) cut where a block ends: (text, its
        offset in ``text``, whether a paragraph ends after it). Line breaks inside a block
        stay in it."""
        starts, ends = self.starts[side], self.ends[side]
        begin = 0
        for match in _BREAKS.finditer(text):
            where = at + match.start()
            index = bisect.bisect_right(starts, where) - 1
            if index < 0 or where >= ends[index]:  # between blocks: a paragraph ends
                yield text[begin : match.start()], begin, True
                begin = match.end()
        yield text[begin:], begin, False

    def _left_moved_block(self, text: str, at: int) -> bool:
        """Whether the sentence that arrived in this piece left a block that moved (its
        old words are written inside that block's moved-away text, not apart)."""
        rows = self.comparison.rows
        return any(
            at <= move.new.start
            and move.new.end <= at + len(text)
            and rows[move.old_row].kind is RowKind.MOVED_TO
            for move in self.comparison.text_moves
        )

    def _sentence_move(self, role: Role, text: str, at: int) -> str:
        """The name shared by the two ends of the moved sentence in this piece."""
        for number, move in enumerate(self.comparison.text_moves):
            span = move.old if role == Role.MOVED_AWAY else move.new
            if at <= span.start and span.end <= at + len(text):
                return f"sentence-move-{number}"
        return f"sentence-move-at-{at}"

    def _open(self, role: Role, name: str, at: int) -> None:
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

    def _text(self, role: Role, text: str, at: int, target: str = "") -> None:
        """``text`` in the paragraph being written, a link to ``target`` if given; in a
        table row, a cell separator both readings show (unchanged text, or a row inserted
        or deleted whole) begins a cell."""
        paragraph = self._current(role, at)
        if PICTURE in text:  # a picture without alternative text, named as every format does
            side = self.comparison.old if role in _OLD_ROLES else self.comparison.new
            text = readable_text(side, at, text)
        cells = [text]
        if self.tables.holds(paragraph) and (role == Role.EQUAL or self.whole):
            cells = text.split(CELL_SEPARATOR)
        for number, cell in enumerate(cells):
            if number:
                paragraph = self.paragraph = self.tables.new_cell()
            if cell:
                self._runs(role, cell, paragraph, target)

    def _runs(self, role: Role, text: str, paragraph: Any, target: str) -> None:
        runs = _runs(text, deleted=role in (Role.DELETE, Role.RENUMBER_OLD))
        self.written += runs
        tag = REVISION.get(role)
        container = paragraph
        if target:
            container = self._hyperlink(paragraph, target)
            for run in runs:
                style = OxmlElement("w:rPr")
                style.append(OxmlElement("w:rStyle", {qn("w:val"): LINK_STYLE}))
                run.insert(0, style)
        if tag is None:
            container.extend(runs)
            return
        wrapper = self._revision(tag)
        wrapper.extend(runs)
        container.append(wrapper)

    def _hyperlink(self, paragraph: Any, target: str) -> Any:
        """The hyperlink to ``target`` that ends ``paragraph``, continued, or a new one."""
        last = paragraph[-1] if len(paragraph) else None
        if self.link is not None and last is self.link[0] and self.link[1] == target:
            return last
        link = self.hyperlinks.link(target)
        paragraph.append(link)
        self.link = (link, target)
        return link

    def _current(self, role: Role, at: int) -> Any:
        """The paragraph being written, begun with the style of the block at ``at``."""
        if self.paragraph is None:
            side = 0 if role in _OLD_ROLES else 1
            index, kind, level = self._block_at(side, at)
            if kind is BlockKind.TABLE_ROW:
                self.paragraph = self.last = self.tables.new_row()
                return self.paragraph
            self.tables.close()
            self.paragraph = self.last = self._paragraph(self._style_id(_style(kind, level)))
            for name in self.places.get((side, index), ()):
                if name not in self.bookmarked:
                    self.bookmarked.add(name)
                    bookmark(self.paragraph, name, next(self.ids))
            if kind is BlockKind.LIST_ITEM and (side, index) not in self.numbering.paragraphs:
                layout = Paragraph(self.paragraph, self.document._body).paragraph_format
                self._indent(layout, side, index, level)
        return self.paragraph

    def _style_id(self, name: str | None) -> str | None:
        """The id of the paragraph style ``name`` (python-docx looks names up in the
        whole styles part each time: once per name here)."""
        if name is None:
            return None
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def _indent(self, layout: Any, side: int, index: int, level: int) -> None:
        """A list item's indent by its level; a label as text hangs, as a number would."""
        doc = self.comparison.new if side else self.comparison.old
        if doc.blocks.label_of(index) is None:
            layout.left_indent = INDENT * (level + 1)
            return
        layout.left_indent = INDENT * (level + 2)
        layout.first_line_indent = -2 * INDENT

    def _paragraph(self, style_id: str | None) -> Any:
        """A new paragraph of the style ``style_id`` at the end of the body. Made here, not
        by python-docx, whose every element it adds looks up where the schema puts it:
        on a long document, most of the writing time."""
        paragraph = OxmlElement("w:p")
        if style_id is not None:
            properties = OxmlElement("w:pPr")
            properties.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
            paragraph.append(properties)
        self.body_end.addprevious(paragraph)
        return paragraph

    def _end_paragraph(self, role: Role, ended: tuple[int, int]) -> None:
        """End the paragraph, which ends the blocks ``ended`` (old index, new index); its
        mark tracked as inserted, deleted or moved by ``role`` (plain for ``equal``)."""
        if self.paragraph is None:
            return
        tag = REVISION.get(role)
        in_table = self.tables.holds(self.paragraph)
        change = None if in_table else self._number(role, ended)
        if tag is not None and self.whole and in_table:
            self.tables.track_row(self._revision(_ROW_REVISION[self.whole]))
        elif tag is not None:
            mark = OxmlElement("w:rPr")
            mark.append(self._revision(tag))
            self.paragraph.get_or_add_pPr().append(mark)
        if change is not None:
            self.paragraph.get_or_add_pPr().append(change)  # last, after the mark
        self.paragraph = None

    def _number(self, role: Role, ended: tuple[int, int]) -> Any:
        """Word's numbering for the paragraph, as the block it ends in the version its
        mark shows (the new one, if both); where both show it and the old block was
        numbered or styled otherwise (a heading of another level, a list item that was a
        paragraph), the old numbering and style as a tracked change of the paragraph's
        properties (``w:pPrChange``), which "Reject all" restores."""
        numbers = self.numbering.paragraphs
        old = numbers.get((0, ended[0])) if role not in _NEW_ROLES else None
        new = numbers.get((1, ended[1])) if role not in _OLD_ROLES else None
        shown = old if role in _OLD_ROLES else new
        if shown is not None:
            number_paragraph(self.paragraph.get_or_add_pPr(), self.lists.instance(*shown), shown[1])
        if role in _OLD_ROLES or role in _NEW_ROLES or min(ended) < 0:
            return None
        block = self.comparison.old.blocks[ended[0]]
        style = self._style_id(_style(block.kind, block.level))
        new_block = self.comparison.new.blocks[ended[1]]
        if old == new and style == self._style_id(_style(new_block.kind, new_block.level)):
            return None
        before = OxmlElement("w:pPr")
        if style is not None:
            before.append(OxmlElement("w:pStyle", {qn("w:val"): style}))
        if old is not None:
            number_paragraph(before, self.lists.instance(*old), old[1])
        change = self._revision("w:pPrChange")
        change.append(before)
        return change

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

    def _block_at(self, side: int, at: int) -> tuple[int, BlockKind, int]:
        """The index, kind and level of a side's block at offset ``at``."""
        doc = self.comparison.new if side else self.comparison.old
        index = max(bisect.bisect_right(self.starts[side], at) - 1, 0)
        if not len(doc.blocks):
            return -1, BlockKind.PARAGRAPH, 0
        block = doc.blocks[index]
        return index, block.kind, block.level


_OLD_ROLES = frozenset({Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY})
"""Pieces whose offsets are read in the old text."""
_NEW_ROLES = frozenset({Role.INSERT, Role.RENUMBER_NEW, Role.MOVED_HERE})
"""Pieces of the new text alone."""
_MARKS = {
    RowKind.INSERTED: Role.INSERT,
    RowKind.DELETED: Role.DELETE,
    RowKind.MOVED_TO: Role.MOVED_HERE,
    RowKind.MOVED_FROM: Role.MOVED_AWAY,
}
"""How the paragraph mark after a row's last block is tracked, by the row's kind."""


_AT_ORIGIN = {
    Role.EQUAL: Role.MOVED_AWAY,
    Role.MOVED_HERE: Role.MOVED_AWAY,
    Role.MOVED_AWAY: Role.DELETE,
}
"""Roles of a moved block's old words where it stood: kept words moved away; a sentence that
left the block was deleted here (its arrival is written as an insertion)."""


_ROW_REVISION = {"w:ins": "w:ins", "w:moveTo": "w:ins", "w:del": "w:del", "w:moveFrom": "w:del"}
"""How a row inserted, deleted or moved whole is tracked on a table row (which has no moves)."""


def _style(kind: BlockKind, level: int) -> str | None:
    """The Word paragraph style of a block: headings by level, list items as list paragraphs."""
    if kind is BlockKind.HEADING:
        return f"Heading {min(max(level, 1), 9)}"
    if kind is BlockKind.LIST_ITEM:
        return "List Paragraph"
    return None


def _tidy_package(document: Any, *, commented: bool, linked: bool) -> None:
    """What the default template lacks or has too much of, for a file that validates: the
    character styles of comment marks and of links, and a Word 2010 copy of the styles
    that would disagree with the styles written (Word reads the styles part alone)."""
    styles = document.styles
    names = [style.name for style in styles]
    if commented and "Comment Reference" not in names:
        styles.add_style("Comment Reference", WD_STYLE_TYPE.CHARACTER).font.size = Pt(8)
    if linked and LINK_STYLE not in names:
        # blue, as Word's links are, but not underlined: in a redline, underlined words
        # are inserted ones
        styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER).font.color.rgb = LINK_BLUE
    for key, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(key)


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


_SIDE_ROLES = {
    Side.OLD: frozenset({Role.EQUAL, Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY}),
    Side.NEW: frozenset({Role.EQUAL, Role.INSERT, Role.RENUMBER_NEW, Role.MOVED_HERE}),
}
"""The pieces that show a side's text, where a comment on that side can be anchored."""


class _NewComments:
    """Comments added to the document's comments part, dated as the revisions are.
    python-docx finds each new comment's id by reading every comment there, and the
    part by reading every relationship (a note on each of 8,000 links whose target
    changed took minutes): here each is made alone, numbered and moved in."""

    def __init__(self, document: Any, when: str) -> None:
        self.comments = document.comments  # (the part, made on first use)
        self.element = self.comments._comments_elm  # (python-docx names it no other way)
        self.when = when
        self.next = len(self.comments)

    def add(self, comment: WordComment) -> Comment:
        """A new empty comment by the comment's author, numbered next."""
        element = OxmlElement("w:comments").add_comment()  # (alone: its id found at once)
        element.id, self.next = self.next, self.next + 1
        element.author, element.initials = comment.author, comment.initials
        element.set(qn("w:date"), self.when)
        self.element.append(element)
        return Comment(element, self.comments._comments_part)


class _Comments:
    """Where comments begin and end among the pieces written, and their first and last
    runs (a comment covers the runs of its passage's pieces, cut at its ends)."""

    def __init__(self, comments: Sequence[WordComment]) -> None:
        self.comments = list(comments)
        self.by_side = {
            side: sorted(
                (
                    (c.span.start, c.span.end, n)
                    for n, c in enumerate(self.comments)
                    if c.side == side
                )
            )
            for side in _SIDE_ROLES
        }
        self.starts = {
            side: [start for start, _, _ in spans] for side, spans in self.by_side.items()
        }
        # the furthest end of the comments up to each: ``_near`` walks back only while a
        # comment before may still reach (thousands of link notes, none overlapping)
        self.reach = {
            side: list(itertools.accumulate((stop for _, stop, _ in spans), max))
            for side, spans in self.by_side.items()
        }
        self.runs: dict[int, list[Any]] = {}

    def cuts(self, role: Role, length: int, old_at: int, new_at: int) -> list[tuple[int, int]]:
        """The piece ``[0, length)`` cut where a comment on a side it shows begins or ends."""
        points = {0, length}
        for side, at in ((Side.OLD, old_at), (Side.NEW, new_at)):
            if role in _SIDE_ROLES[side]:
                for start, end, _ in self._near(side, at, at + length):
                    points.update(p - at for p in (start, end) if 0 < p - at < length)
        ordered = sorted(points)
        return list(itertools.pairwise(ordered)) if length else [(0, 0)]

    def cover(self, role: Role, old_at: int, new_at: int, runs: list[Any]) -> None:
        """Record ``runs`` (a piece starting at these offsets) for the comments over it."""
        if not runs:
            return
        for side, at in ((Side.OLD, old_at), (Side.NEW, new_at)):
            if role in _SIDE_ROLES[side]:
                for start, end, number in self._near(side, at, at + 1):
                    if start <= at < end:
                        anchored = self.runs.setdefault(number, [runs[0], runs[-1]])
                        anchored[1] = runs[-1]

    def starts_in(self, side: int, span: Span) -> bool:
        """Whether a comment on a side (0 old, 1 new) begins inside ``span``."""
        starts = self.starts[Side.NEW if side else Side.OLD]
        return bisect.bisect_left(starts, span.start) < bisect.bisect_left(starts, span.end)

    def anchored(self) -> Iterator[tuple[WordComment, tuple[Any, Any]]]:
        """Each comment with the first and last run of its passage, in comment order."""
        for number in sorted(self.runs):
            first, last = self.runs[number]
            yield self.comments[number], (first, last)

    def _near(self, side: Side, begin: int, end: int) -> Iterator[tuple[int, int, int]]:
        """The comments of ``side`` that begin before ``end`` and reach past ``begin``."""
        spans, reach = self.by_side[side], self.reach[side]
        index = bisect.bisect_left(self.starts[side], end) - 1
        found = []
        while index >= 0 and reach[index] > begin:
            if spans[index][1] > begin:
                found.append(spans[index])
            index -= 1
        return reversed(found)
