"""A row as the pieces a reader sees: what every text renderer walks.

Each piece is ``(role, text, old_start, new_start)``; ``role`` is one of ``ROLES``.
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

from collections.abc import Iterator

from variorum.comparison import Comparison, OpKind, Row, RowKind
from variorum.document import Block, Span

Piece = tuple[str, str, int, int]

ROLES = (
    "equal",
    "insert",
    "delete",
    "renumber-old",
    "renumber-new",
    "moved-away",
    "moved-here",
)
"""Every role a piece can have."""
MOVED_ROLES = frozenset({"moved-away", "moved-here"})
"""Text that only moved: marked as moved, never as inserted or deleted."""


def row_pieces(comparison: Comparison, row: Row, side: str = "both") -> Iterator[Piece]:
    """The pieces of ``row``; ``side`` ``old`` or ``new`` keeps only that version's text."""
    old_text, new_text = comparison.old.text, comparison.new.text
    old_end = _content_end(comparison, row, "old")
    new_end = _content_end(comparison, row, "new")
    moves = comparison.row_text_moves(row)
    away = [move.old for move in moves if move.old_row == row.index]
    here = [move.new for move in moves if move.new_row == row.index]
    if row.kind is RowKind.MOVED_FROM:
        if side != "new":
            yield from _moved_away(comparison, row, old_end)
        return
    for op in row.ops:
        old = old_text[op.old.start : min(op.old.end, old_end)]
        new = new_text[op.new.start : min(op.new.end, new_end)]
        o, n = op.old.start, op.new.start
        if op.kind is OpKind.EQUAL:
            role = "moved-here" if row.kind is RowKind.MOVED_TO else "equal"
            if side == "old" or row.kind is RowKind.DELETED:
                yield role, old, o, n
            else:
                yield role, new, o, n
            continue
        if op.kind is OpKind.RENUMBER:
            if side != "new":
                yield "renumber-old", old, o, n
            if side != "old":
                yield "renumber-new", new, o, n
            continue
        if old and side != "new":
            for role, part, at in _cut_moved(old, o, "delete", "moved-away", away):
                yield role, part, at, n
        if new and side != "old":
            for role, part, at in _cut_moved(new, n, "insert", "moved-here", here):
                yield role, part, o, at


def _cut_moved(
    text: str, start: int, role: str, moved_role: str, moved: list[Span]
) -> Iterator[tuple[str, str, int]]:
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


def text_move_note(comparison: Comparison, row: Row, piece: Piece) -> str:
    """Where the other end of a moved sentence is (``moved to c-4``), for a piece that
    is one; empty for any other piece."""
    role, text, old_at, new_at = piece
    for move in comparison.row_text_moves(row):
        if role == "moved-away" and move.old_row == row.index and _holds(old_at, text, move.old):
            return f"moved to c-{move.new_row}"
        if role == "moved-here" and move.new_row == row.index and _holds(new_at, text, move.new):
            return f"moved from c-{move.old_row}"
    return ""


def _holds(at: int, text: str, span: Span) -> bool:
    """Whether a piece of ``text`` starting at offset ``at`` holds ``span``."""
    return at <= span.start and span.end <= at + len(text)


def _moved_away(comparison: Comparison, row: Row, old_end: int) -> Iterator[Piece]:
    """Where a block moved from: its whole old text as one ``moved-away`` piece."""
    end = min(row.old.end, old_end)
    yield "moved-away", comparison.old.text[row.old.start : end], row.old.start, row.new.start


def edited(comparison: Comparison, row: Row) -> bool:
    """Whether a moved row's text was also edited (not only moved, or renumbered): its
    end where the text arrived shows an insertion or a deletion."""
    here = row
    if row.kind is RowKind.MOVED_FROM and row.link is not None:
        here = comparison.rows[row.link]
    pieces = visible_pieces(row_pieces(comparison, here))
    return any(role in ("insert", "delete") for role, _, _, _ in pieces)


def _content_end(comparison: Comparison, row: Row, side: str) -> int:
    doc = comparison.old if side == "old" else comparison.new
    blocks = row.old_blocks if side == "old" else row.new_blocks
    span = row.old if side == "old" else row.new
    if not blocks:
        return span.end
    return doc.blocks[blocks.stop - 1].span.end


def row_block(comparison: Comparison, row: Row) -> tuple[str, int]:
    """The kind and level of the block a row is shown as (the new one if any)."""
    if row.new_blocks and row.kind is not RowKind.MOVED_FROM:
        block = comparison.new.blocks[row.new_blocks.start]
    else:
        block = comparison.old.blocks[row.old_blocks.start]
    return block.kind.value, block.level


def visible_pieces(pieces: Iterator[Piece]) -> list[Piece]:
    """Pieces without empty text."""
    return [piece for piece in pieces if piece[1]]


def link_notes(comparison: Comparison, row: Row) -> list[str]:
    """Plain-language notes on the link targets that changed in ``row``."""
    notes = []
    for change in comparison.row_link_changes(row):
        if change.old and change.new:
            text = change.new.span.of(comparison.new.text)
            notes.append(f"link “{text}”: {change.old.target} → {change.new.target}")
        elif change.old:
            text = change.old.span.of(comparison.old.text)
            notes.append(f"link removed from “{text}”: {change.old.target}")
        elif change.new:
            text = change.new.span.of(comparison.new.text)
            notes.append(f"link added to “{text}”: {change.new.target}")
    return notes


def unchanged_blocks(comparison: Comparison, row: Row, side: str = "new") -> Iterator[Block]:
    """The blocks of an equal row, one by one (an equal row may hold a long run)."""
    doc = comparison.old if side == "old" else comparison.new
    blocks = row.old_blocks if side == "old" else row.new_blocks
    for index in blocks:
        yield doc.blocks[index]
