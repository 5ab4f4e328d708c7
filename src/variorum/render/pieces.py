"""A row as the pieces a reader sees: what every text renderer walks.

Each piece is a ``Piece(role, text, old_start, new_start)``; its ``Role`` says how a
reader sees the text.
The blank lines after a row's last block are layout and are left out.

A block that moved and was edited has two roles apart, so that no reader mistakes
one for the other: text that only moved is ``moved-away`` where it stood (the whole
old text, never a new word) and ``moved-here`` where it arrived; the words its edit
added or removed are ordinary ``insert`` and ``delete`` pieces, at the new position
only. The edit is shown once, where the text now stands and where its old and new
words can be read together; the old position carries no deletion of its own, which
would show (and count) the same deletion twice.

A sentence that moved between blocks (``Comparison.text_moves``) is cut out of the
deletion where it stood, as ``moved-away``, and out of the insertion where it
arrived, as ``moved-here``; ``text_move_note`` names the other end.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple

from variorum.comparison import Comparison, LinkChange, OpKind, Row, RowKind, Side
from variorum.document import PICTURE, Block, BlockKind, Document, Link, LinkKind, Span
from variorum.pictures import picture_name, shown


class Role(StrEnum):
    """How a reader sees a piece of text (a format marks each role its own way)."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    RENUMBER_OLD = "renumber-old"
    """A numbering label the new version replaced."""
    RENUMBER_NEW = "renumber-new"
    """The numbering label that replaced it."""
    MOVED_AWAY = "moved-away"
    """Text that moved, where it stood."""
    MOVED_HERE = "moved-here"
    """Text that moved, where it arrived."""


class View(StrEnum):
    """Which text a rendering shows: the redline of both versions, or one alone."""

    BOTH = "both"
    OLD = "old"
    NEW = "new"


class Piece(NamedTuple):
    """A stretch of a row's text in one role, with where it stands in both versions."""

    role: Role
    text: str
    old_start: int
    """Offset in the old text (where the piece stands, or would stand, there)."""
    new_start: int
    """Offset in the new text."""


ROLES = tuple(Role)
"""Every role a piece can have."""
MOVED_ROLES = frozenset({Role.MOVED_AWAY, Role.MOVED_HERE})
"""Text that only moved: marked as moved, never as inserted or deleted."""


def row_pieces(comparison: Comparison, row: Row, view: View = View.BOTH) -> Iterator[Piece]:
    """The pieces of ``row``; the view ``old`` or ``new`` keeps only that version's text."""
    old_text, new_text = comparison.old.text, comparison.new.text
    old_end = _content_end(comparison, row, Side.OLD)
    new_end = _content_end(comparison, row, Side.NEW)
    moves = comparison.row_text_moves(row)
    away = [move.old for move in moves if move.old_row == row.index]
    here = [move.new for move in moves if move.new_row == row.index]
    if row.kind is RowKind.MOVED_FROM:
        if view != View.NEW:
            yield from _moved_away(comparison, row, old_end)
        return
    for op in row.ops:
        old = old_text[op.old.start : min(op.old.end, old_end)]
        new = new_text[op.new.start : min(op.new.end, new_end)]
        o, n = op.old.start, op.new.start
        if op.kind is OpKind.EQUAL:
            role = Role.MOVED_HERE if row.kind is RowKind.MOVED_TO else Role.EQUAL
            if view == View.OLD or row.kind is RowKind.DELETED:
                yield Piece(role, old, o, n)
            else:
                yield Piece(role, new, o, n)
            continue
        if op.kind is OpKind.RENUMBER:
            if view != View.NEW:
                yield Piece(Role.RENUMBER_OLD, old, o, n)
            if view != View.OLD:
                yield Piece(Role.RENUMBER_NEW, new, o, n)
            continue
        if old and view != View.NEW:
            for role, part, at in _cut_moved(old, o, Role.DELETE, Role.MOVED_AWAY, away):
                yield Piece(role, part, at, n)
        if new and view != View.OLD:
            for role, part, at in _cut_moved(new, n, Role.INSERT, Role.MOVED_HERE, here):
                yield Piece(role, part, o, at)


def _cut_moved(
    text: str, start: int, role: Role, moved_role: Role, moved: list[Span]
) -> Iterator[tuple[Role, str, int]]:
    """``text`` (which starts at offset ``start``) as pieces of ``role``, with the
    ``moved`` spans inside it as pieces of ``moved_role`` (and the spaces alone
    between them and the text's ends with them): (role, text, offset)."""
    end = start + len(text)
    at = start
    for span in moved:
        if start <= span.start and span.end <= end:
            first, last = span.start, span.end
            if text[at - start : first - start].isspace():
                first = at
            if text[last - start :].isspace():
                last = end
            if first > at:
                yield role, text[at - start : first - start], at
            yield moved_role, text[first - start : last - start], first
            at = last
    if at < end:
        yield role, text[at - start :], at


def readable(comparison: Comparison, row: Row, piece: Piece, view: View = View.BOTH) -> str:
    """A piece's text as a reader reads it: each picture without alternative text
    (``PICTURE``) named, ``[image “old.png”]``, from the version the piece shows."""
    if PICTURE not in piece.text:
        return piece.text
    return readable_text(*piece_place(comparison, row, piece, view), piece.text)


def piece_place(
    comparison: Comparison, row: Row, piece: Piece, view: View = View.BOTH
) -> tuple[Document, int]:
    """The version a piece's text is cut from, and where in it the piece starts."""
    old = piece.role in _OLD_ROLES or (
        piece.role == Role.EQUAL and (view == View.OLD or row.kind in _OLD_ROWS)
    )
    return (comparison.old, piece.old_start) if old else (comparison.new, piece.new_start)


def readable_text(document: Document, start: int, text: str) -> str:
    """``text``, which stands at offset ``start`` of ``document``, its pictures named."""
    return shown(text, start, lambda at: _picture_name(document, at))


def _picture_name(document: Document, at: int) -> str | None:
    """The name of the picture at ``at``; None for a ``PICTURE`` the source's text held
    itself (no picture: shown as the character it is)."""
    image = document.image_at(at)
    return picture_name(image.target) if image is not None and len(image.span) == 1 else None


_OLD_ROLES = frozenset({Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY})
"""The roles of pieces cut from the old text (the others, from the new, but for the
equal text of a row that shows the old version only)."""
_OLD_ROWS = frozenset({RowKind.DELETED, RowKind.MOVED_FROM})


def text_move_note(comparison: Comparison, row: Row, piece: Piece) -> str:
    """Where the other end of a moved sentence is (``moved to c-4``), for a piece that
    is one; empty for any other piece."""
    role, text, old_at, new_at = piece
    for move in comparison.row_text_moves(row):
        if role == Role.MOVED_AWAY and move.old_row == row.index and _holds(old_at, text, move.old):
            return f"moved to c-{move.new_row}"
        if role == Role.MOVED_HERE and move.new_row == row.index and _holds(new_at, text, move.new):
            return f"moved from c-{move.old_row}"
    return ""


def _holds(at: int, text: str, span: Span) -> bool:
    """Whether a piece of ``text`` starting at offset ``at`` holds ``span``."""
    return at <= span.start and span.end <= at + len(text)


def _moved_away(comparison: Comparison, row: Row, old_end: int) -> Iterator[Piece]:
    """Where a block moved from: its whole old text as one ``moved-away`` piece."""
    end = min(row.old.end, old_end)
    yield Piece(
        Role.MOVED_AWAY, comparison.old.text[row.old.start : end], row.old.start, row.new.start
    )


def edited(comparison: Comparison, row: Row) -> bool:
    """Whether a moved row's text was also edited (not only moved, or renumbered): its
    end where the text arrived shows an insertion or a deletion."""
    here = row
    if row.kind is RowKind.MOVED_FROM and row.link is not None:
        here = comparison.rows[row.link]
    pieces = visible_pieces(row_pieces(comparison, here))
    return any(piece.role in (Role.INSERT, Role.DELETE) for piece in pieces)


def _content_end(comparison: Comparison, row: Row, side: Side) -> int:
    blocks = row.blocks_on(side)
    if not blocks:
        return row.on(side).end
    return comparison.document(side).blocks[blocks.stop - 1].span.end


def row_block(comparison: Comparison, row: Row) -> tuple[str, int]:
    """The kind and level of the block a row is shown as (the new one if any)."""
    if row.new_blocks and row.kind is not RowKind.MOVED_FROM:
        block = comparison.new.blocks[row.new_blocks.start]
    else:
        block = comparison.old.blocks[row.old_blocks.start]
    return block.kind.value, block.level


def visible_pieces(pieces: Iterator[Piece]) -> list[Piece]:
    """Pieces without empty text."""
    return [piece for piece in pieces if piece.text]


def row_notes(comparison: Comparison, row: Row) -> list[str]:
    """Plain-language notes on what changed in ``row`` beside its words: link targets,
    then the kind or nesting of its blocks."""
    return [note for _, note in placed_notes(comparison, row)]


def placed_notes(comparison: Comparison, row: Row) -> list[tuple[int, str]]:
    """``row_notes``, each with the offset in the new text where its words stand (the
    old text's, shifted into the row's new span, for a link that was removed)."""
    notes = []
    for change in comparison.row_link_changes(row):
        if change.new:
            at = change.new.span.start
        else:
            assert change.old is not None  # (a link change has a link on one side at least)
            at = _shifted(row, change.old.span.start)
        notes.append((at, link_note(comparison, change)))
    for shape in comparison.row_structure_changes(row):
        old, new = comparison.old.blocks[shape.old_block], comparison.new.blocks[shape.new_block]
        words = readable_text_plain(new.body.of(comparison.new.text)).split()
        opening = " ".join(words[:_OPENING_WORDS]) + (" …" if len(words) > _OPENING_WORDS else "")
        notes.append((new.span.start, f"“{opening}”: {_reshaping(old, new)}"))
    return notes


def link_note(comparison: Comparison, change: LinkChange) -> str:
    """What a link change says, in every format: ``link “the help”: old → new``, or that
    a link was added to or removed from unchanged words; an image's the same way
    (``image “Home screen”: /old.png → /new.webp``, ``image added on “Logo”: /l.png``);
    a picture without alternative text by its name (``image “map.png” added: /a/map.png``)."""
    if change.old and change.new:
        text = _named(change.new, comparison.new)
        return f"{change.new.kind} “{text}”: {change.old.target} → {change.new.target}"
    link, side, removed = (
        (change.old, comparison.old, True) if change.old else (change.new, comparison.new, False)
    )
    assert link is not None  # (a link change has a link on one side at least)
    words = _named(link, side)
    if link.kind is LinkKind.IMAGE and link.span.of(side.text) == PICTURE:  # (no words)
        return f"image “{words}” {'removed' if removed else 'added'}: {link.target}"
    if link.kind is LinkKind.IMAGE:  # the alternative text is the image's: it stayed
        return f"image {'removed' if removed else 'added'} on “{words}”: {link.target}"
    return f"link {'removed from' if removed else 'added to'} “{words}”: {link.target}"


def picture_fate(comparison: Comparison, change: LinkChange) -> str:
    """``added`` or ``removed`` for a picture without alternative text that an edit
    added or removed; ``""`` for any other link change."""
    if change.old is not None and change.new is not None:
        return ""
    link, text = (
        (change.new, comparison.new.text) if change.new else (change.old, comparison.old.text)
    )
    assert link is not None  # (a link change has a link on one side at least)
    if link.kind is not LinkKind.IMAGE or link.span.of(text) != PICTURE:
        return ""
    return "added" if change.new else "removed"


def _named(link: Link, document: Document) -> str:
    """A link's words, the pictures in them named (``[image “map.png”]``); a picture
    without alternative text's name (``map.png``)."""
    words = link.span.of(document.text)
    if words == PICTURE and link.kind is LinkKind.IMAGE:
        return picture_name(link.target)
    return readable_text(document, link.span.start, words)


def readable_text_plain(words: str) -> str:
    """Words that hold pictures without alternative text, each written ``[image]``
    (where the document is not at hand: ``readable_text`` names each by its file)."""
    return words.replace(PICTURE, "[image]")


def notes_by_block(comparison: Comparison, row: Row) -> dict[int, list[str]]:
    """``placed_notes`` of an equal row by the new block whose words they follow (its
    index; a note before the row's first block goes to that block)."""
    starts = [block.span.start for block in unchanged_blocks(comparison, row)]
    found: dict[int, list[str]] = {}
    for at, note in placed_notes(comparison, row):
        place = max(bisect.bisect_right(starts, at) - 1, 0)
        found.setdefault(row.new_blocks.start + place, []).append(note)
    return found


def _shifted(row: Row, old_at: int) -> int:
    """Where an offset of an equal row's old text stands in its new text."""
    return old_at - row.old.start + row.new.start


def beside_words(comparison: Comparison, row: Row) -> str:
    """What changed in a row whose words did not: ``link target changed``, ``structure
    changed``, or both."""
    changed = [
        name
        for name, found in (
            ("link target", _of_kind(comparison, row, LinkKind.LINK)),
            ("image", _of_kind(comparison, row, LinkKind.IMAGE)),
            ("structure", comparison.row_structure_changes(row)),
        )
        if found
    ]
    return " and ".join(changed) + " changed"


def _of_kind(comparison: Comparison, row: Row, kind: LinkKind) -> list[LinkChange]:
    """The row's link changes of one kind (links or images)."""
    return [change for change in comparison.row_link_changes(row) if change.kind is kind]


_OPENING_WORDS = 6
"""How many of a block's first words name it in a structure note."""
_KIND_NAMES = {BlockKind.QUOTE: "quotation", BlockKind.LIST_ITEM: "list item"}


def _reshaping(old: Block, new: Block) -> str:
    """How a block's kind or place changed, as a reader names it: ``heading level 2 →
    3``, ``list item nested less deeply`` (a plain text's levels are indents, so no
    numbers), ``list item → paragraph``."""
    if old.kind is not new.kind:
        return f"{_shape(old)} → {_shape(new)}"
    if old.kind is BlockKind.HEADING:
        return f"heading level {old.level} → {new.level}"
    return f"{_shape(new)} nested {'more' if new.level > old.level else 'less'} deeply"


def _shape(block: Block) -> str:
    name = _KIND_NAMES.get(block.kind, block.kind.value.replace("-", " "))
    return f"{name} level {block.level}" if block.kind is BlockKind.HEADING else name


def unchanged_blocks(comparison: Comparison, row: Row, side: Side = Side.NEW) -> Iterator[Block]:
    """The blocks of an equal row, one by one (an equal row may hold a long run)."""
    document = comparison.document(side)
    for index in row.blocks_on(side):
        yield document.blocks[index]
