"""The one HTML redline renderer, used by the CLI, the web app and the publisher.

Semantic ``<ins>`` and ``<del>``; moved text marked apart (``class="vr-moved"``) with
links between its two ends, and the words an edit of moved text added or removed
marked as ordinary edits (``vr-edit``) where it arrived; renumbered labels shown as
such; every piece carries the character offsets it starts at (``data-o`` old,
``data-n`` new) so annotations can find it; everything from the documents is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from html import escape

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import PICTURE, Document
from variorum.render import register
from variorum.render.pieces import (
    MOVED_ROLES,
    Piece,
    Role,
    View,
    beside_words,
    edited,
    notes_by_block,
    piece_place,
    readable_text,
    row_block,
    row_notes,
    row_pieces,
    unchanged_blocks,
    visible_pieces,
)

KIND_LABELS = {
    RowKind.EQUAL: "unchanged",
    RowKind.CHANGED: "changed",
    RowKind.RENUMBERED: "renumbered",
    RowKind.SPLIT: "split",
    RowKind.MERGED: "merged",
    RowKind.INSERTED: "inserted",
    RowKind.DELETED: "deleted",
    RowKind.MOVED_FROM: "moved away",
    RowKind.MOVED_TO: "moved here",
}
"""How each kind of row is named to a reader."""


def change_counts(comparison: Comparison) -> dict[str, int]:
    """How many rows of each changed kind, by the kind's name (``KIND_LABELS``)."""
    return {
        KIND_LABELS[RowKind(kind)]: n
        for kind, n in comparison.row_counts().items()
        if n and kind != "equal"
    }


Decorate = Callable[[Row, Piece], Iterable[tuple[Piece, str, str]]]
"""A hook for the publisher: split a piece into parts, each with extra attributes for
its element (already escaped, starting with a space) and HTML to put after it; it
marks annotated passages without a second renderer."""


@register("html-fragment")
def render_fragment(comparison: Comparison) -> str:
    """The inline redline alone, as an HTML fragment (for embedding)."""
    return redline(comparison)


def redline(
    comparison: Comparison, view: View = View.BOTH, decorate: Decorate | None = None
) -> str:
    """All rows as HTML; the view ``old`` or ``new`` renders one version's column."""
    return "".join(redline_parts(comparison, view, decorate))


def redline_parts(
    comparison: Comparison, view: View = View.BOTH, decorate: Decorate | None = None
) -> Iterator[str]:
    """``redline`` an element at a time (a row, or a block of an unchanged run of
    several), for writing a large comparison without holding it."""
    elements = (
        element
        for row in comparison.rows
        for element in row_elements(comparison, row, view, decorate)
    )
    return lines_between(f'<div class="vr-redline" data-side="{view}">', elements)


def lines_between(head: str, items: Iterable[str], tail: str = "</div>") -> Iterator[str]:
    """``head``, the items and ``tail`` on lines of their own, an item at a time."""
    yield head + "\n"
    for number, item in enumerate(items):
        yield "\n" + item if number else item
    yield "\n" + tail


def row_html(
    comparison: Comparison, row: Row, view: View = View.BOTH, decorate: Decorate | None = None
) -> str:
    """One row as one block element (an unchanged run of several blocks: one each, on
    lines of their own); a placeholder when the view shows none of its text."""
    return "\n".join(row_elements(comparison, row, view, decorate))


def row_elements(
    comparison: Comparison, row: Row, view: View = View.BOTH, decorate: Decorate | None = None
) -> list[str]:
    """``row_html`` as a list of its block elements."""
    if view == View.OLD and row.kind in (RowKind.INSERTED, RowKind.MOVED_TO):
        return [_placeholder(row)]
    if view == View.NEW and row.kind in (RowKind.DELETED, RowKind.MOVED_FROM):
        return [_placeholder(row)]
    notes = row_notes(comparison, row) if view == View.BOTH else []
    equal_run = len(row.new_blocks) > 1 and len(row.old_blocks) == len(row.new_blocks)
    if row.kind is RowKind.EQUAL and equal_run:
        # (an equal row may also join or part blocks whose words are the same: one piece)
        placed = notes_by_block(comparison, row) if notes else {}
        return _unchanged_run(comparison, row, view, decorate, placed)
    kind, level = row_block(comparison, row)
    tag = _tag(kind, level)
    attrs = _row_attrs(comparison, row, kind, level, view, bool(notes))
    pieces = visible_pieces(row_pieces(comparison, row, view))
    body = _pieces_html(comparison, pieces, row, view, decorate)
    notes_html = _notes_html(notes)
    moves = _sentence_move_links(comparison, row, view)
    return [f"<{tag} {attrs}>{_move_note(comparison, row, view)}{body}{moves}{notes_html}</{tag}>"]


def _unchanged_run(
    comparison: Comparison,
    row: Row,
    view: View,
    decorate: Decorate | None = None,
    notes: Mapping[int, list[str]] | None = None,
) -> list[str]:
    """An equal row holding several blocks: each block its own element, with the notes
    on its link targets or structure after its words; the row's id (which the page's
    change navigation and permalinks go to) on the first block with a note, else the
    first block."""
    old_blocks = comparison.old.blocks[row.old_blocks.start : row.old_blocks.stop]
    notes = notes or {}
    named = min(notes, default=row.new_blocks.start) - row.new_blocks.start
    parts = []
    for number, (block, old_block) in enumerate(
        zip(unchanged_blocks(comparison, row), old_blocks, strict=True)
    ):
        kind, level = block.kind.value, block.level
        noted = notes.get(row.new_blocks.start + number, [])
        attrs = _row_attrs(comparison, row, kind, level, view, bool(noted))
        if number != named:
            attrs = attrs.split(" ", 1)[1]  # the row's id: on its first block with a note
        shown_block, side = (
            (old_block, comparison.old) if view == View.OLD else (block, comparison.new)
        )
        text = _with_pictures(side, shown_block.span.start, shown_block.span.of(side.text))
        where = f'data-o="{old_block.span.start}" data-n="{block.span.start}"'
        tag = _tag(kind, level)
        here = _notes_html(noted)
        if decorate is not None:
            text_of = block.span.of(comparison.new.text)
            piece = Piece(Role.EQUAL, text_of, old_block.span.start, block.span.start)
            body = _pieces_html(comparison, [piece], row, view, decorate)
            parts.append(f"<{tag} {attrs}>{body}{here}</{tag}>")
            continue
        parts.append(f'<{tag} {attrs}><span class="vr-eq" {where}>{text}</span>{here}</{tag}>')
    return parts


def _notes_html(notes: Iterable[str]) -> str:
    return "".join(f' <small class="vr-note">{escape(note)}</small>' for note in notes)


def _tag(kind: str, level: int) -> str:
    return f"h{min(level + 1, 6)}" if kind == "heading" else "p"


def _row_attrs(
    comparison: Comparison, row: Row, kind: str, level: int, view: View, noted: bool
) -> str:
    classes = f"vr-row vr-{row.kind.value} vr-{kind}"
    if level:
        classes += f" vr-level-{min(level, 8)}"
    if row.renumbered and row.kind is not RowKind.RENUMBERED:  # (a renumbered row has it)
        classes += " vr-renumbered"
    ident = f"c-{row.index}" if view == View.BOTH else f"c-{row.index}-{view}"
    attrs = (
        f'id="{ident}" class="{classes}" data-row="{row.index}" data-kind="{row.kind.value}" '
        f'data-old="{row.old.start}-{row.old.end}" data-new="{row.new.start}-{row.new.end}"'
    )
    if row.link is not None:
        attrs += f' data-link="c-{row.link}"'
    if row.changed:
        attrs += f' data-change="{KIND_LABELS[row.kind]}"'
    elif noted:
        attrs += f' data-change="{beside_words(comparison, row)}"'
    return attrs


def _sentence_move_links(comparison: Comparison, row: Row, view: View) -> str:
    """After a row's text, a link to the other end of each sentence that moved away
    from it or into it (``vr-moved`` marks the sentence itself)."""
    if view != View.BOTH:
        return ""
    links = []
    for move in comparison.row_text_moves(row):
        if move.old_row == row.index and move.new_row != row.index:
            arrow = "↓" if move.new_row > row.index else "↑"
            links.append((move.new_row, f"a sentence moved to {arrow}"))
        if move.new_row == row.index and move.old_row != row.index:
            arrow = "↓" if move.old_row > row.index else "↑"
            links.append((move.old_row, f"a sentence moved from {arrow}"))
    return "".join(
        f' <a class="vr-move-link" href="#c-{target}">{text}</a>' for target, text in links
    )


def _move_note(comparison: Comparison, row: Row, view: View) -> str:
    if row.link is None or view != View.BOTH:
        return ""
    arrow = "↓" if row.link > row.index else "↑"
    text = f"moved to {arrow}" if row.kind is RowKind.MOVED_FROM else f"moved from {arrow}"
    if row.kind is RowKind.MOVED_FROM and edited(comparison, row):
        text += " and edited there"  # the old position shows no edit: say that there is one
    return f'<a class="vr-move-link" href="#c-{row.link}">{text}</a> '


def _pieces_html(
    comparison: Comparison,
    pieces: Iterable[Piece],
    row: Row,
    view: View,
    decorate: Decorate | None,
) -> str:
    if decorate is None:
        return "".join(_piece_html(comparison, piece, row, view) for piece in pieces)
    return "".join(
        _piece_html(comparison, part, row, view, attrs) + after
        for piece in pieces
        for part, attrs, after in decorate(row, piece)
    )


def _piece_html(comparison: Comparison, piece: Piece, row: Row, view: View, attrs: str = "") -> str:
    role, text, old_at, new_at = piece
    if PICTURE in text:
        body = _with_pictures(*piece_place(comparison, row, piece, view), text)
    else:
        body = _text(text, role != Role.EQUAL and role not in MOVED_ROLES)
    where = f'data-o="{old_at}" data-n="{new_at}"{attrs}'
    whole = row.kind in (RowKind.INSERTED, RowKind.DELETED)
    if role == Role.EQUAL:
        return f'<span class="vr-eq" {where}>{body}</span>'
    # Moved text and renumbering are not deletions and insertions: screen readers would
    # say so before the page's own words for them ("[moved away: …", "[renumbered from: …").
    if role == Role.MOVED_AWAY:
        return f'<del class="vr-moved" role="none" {where}>{body}</del>'
    if role == Role.MOVED_HERE:
        return f'<ins class="vr-moved" role="none" {where}>{body}</ins>'
    if role == Role.RENUMBER_OLD:
        return f'<del class="vr-label" role="none" {where}>{body}</del>'
    if role == Role.RENUMBER_NEW:
        return f'<ins class="vr-label" role="none" {where}>{body}</ins>'
    tag = "ins" if role == Role.INSERT else "del"
    css = f"vr-{'whole' if whole else 'edit'}"
    return f'<{tag} class="{css}" {where}>{body}</{tag}>'


def _with_pictures(document: Document, start: int, text: str) -> str:
    """Escaped text (at offset ``start`` of ``document``) with each picture without
    alternative text an element of its own: named as every format names it, its source
    in its title, and ``data-picture`` so that the page counts it as the one character
    of the text it is (the offsets of a selection are read from the characters shown)."""
    parts = text.split(PICTURE)
    out = [_text(parts[0], False)]
    at = start + len(parts[0])
    for part in parts[1:]:
        image = document.image_at(at)
        if image is None or len(image.span) != 1:  # (the source's own character)
            out += [PICTURE, _text(part, False)]
            at += 1 + len(part)
            continue
        title = escape(image.target, quote=True)
        name = escape(readable_text(document, at, PICTURE), quote=True)
        out += [f'<span class="vr-picture" data-picture title="{title}">{name}</span>']
        out += [_text(part, False)]
        at += 1 + len(part)
    return "".join(out)


def _text(text: str, edited: bool) -> str:
    """Escaped text; line breaks kept, and an edited paragraph break shown as ¶."""
    escaped = escape(text, quote=True)
    if "\n" not in escaped:
        return escaped
    if edited and not text.strip():
        return "¶<br>"
    return escaped.replace("\n", "<br>")


def _placeholder(row: Row) -> str:
    return f'<p class="vr-row vr-gap" data-row="{row.index}" aria-hidden="true"></p>'
