"""The redline in a terminal: colours through rich, or git-style markers
(``[-deleted-]{+inserted+}``) when colour is off. Text that only moved has its own
colour (struck where it stood), or ``[=moved away=]`` where it stood and ``{=moved here=}`` where it
arrived, so that the words an edit of it added or removed (ordinary insertions and
deletions) never look like it. Long unchanged stretches are folded to one line,
keeping ``context`` blocks around each change."""

from __future__ import annotations

import io
import shutil

from rich.console import Console
from rich.text import Text

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import Block, LinkKind
from variorum.render import register
from variorum.render.html import KIND_LABELS
from variorum.render.pieces import (
    Role,
    beside_words,
    edited,
    notes_by_block,
    picture_fate,
    readable,
    readable_text,
    row_notes,
    row_pieces,
    unchanged_blocks,
    visible_pieces,
)

STYLES = {
    Role.INSERT: "green underline",
    Role.DELETE: "red strike",
    Role.RENUMBER_NEW: "bold yellow",
    Role.RENUMBER_OLD: "yellow strike",
    Role.MOVED_AWAY: "magenta dim strike",
    Role.MOVED_HERE: "magenta",
}
"""Colours (rich styles) of each piece role. Moved text is magenta: struck and dimmed
where it stood (it is no longer there: the same hue at both ends read as text still
in place), plain where it arrived; so it differs from an edit by its hue, and from
the text around it by more than its hue."""
MARKERS = {
    Role.INSERT: ("{+", "+}"),
    Role.DELETE: ("[-", "-]"),
    Role.RENUMBER_NEW: ("{#", "#}"),
    Role.RENUMBER_OLD: ("[#", "#]"),
    Role.MOVED_AWAY: ("[=", "=]"),
    Role.MOVED_HERE: ("{=", "=}"),
}
"""Markers when colour is off: ``[`` old text, ``{`` new text, as ``git diff --word-diff``
has them; ``=`` for text that is the same, only moved."""


@register("terminal")
def render_terminal(
    comparison: Comparison,
    color: bool = False,
    context: int | None = 1,
    width: int | None = None,
) -> str:
    """The comparison for a terminal; ``context=None`` shows every block."""
    width = width or shutil.get_terminal_size((100, 20)).columns
    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=not color,
    )
    console.print(Text(_heading(comparison), style="bold"))
    units = _units(comparison)
    shown = _shown(units, context)
    previous = -1
    headed = -1  # the last row whose header is printed
    for number, (row, block, notes) in enumerate(units):
        if number not in shown:
            continue
        if number > previous + 1:
            _fold(console, number - previous - 1)
        previous = number
        if block is None or (notes is not None and headed != row.index):
            headed = row.index
            console.print(Text(_row_header(comparison, row), style="cyan"))
        if block is not None:
            words = readable_text(
                comparison.new, block.span.start, block.span.of(comparison.new.text)
            )
            console.print(Text(words, style="dim" if color else ""))
            _print_notes(console, notes or [])
            continue
        console.print(_row_text(comparison, row, color))
        _print_notes(console, row_notes(comparison, row))
    if previous < len(units) - 1:
        _fold(console, len(units) - 1 - previous)
    console.print(Text(summary(comparison), style="bold"))
    return out.getvalue()


def _print_notes(console: Console, notes: list[str]) -> None:
    for note in notes:
        console.print(Text(f"  ↪ {note}", style="dim"))


Unit = tuple[Row, Block | None, list[str] | None]
"""What the terminal shows as one item: a changed row; or one block of an equal row,
with the notes on it if the row is noted (its link targets or structure changed: the
row's header goes before the first of its blocks shown), else None."""


def _units(comparison: Comparison) -> list[Unit]:
    units: list[Unit] = []
    for row in comparison.rows:
        if row.changed:
            units.append((row, None, None))
            continue
        notes = notes_by_block(comparison, row) if comparison.noted(row) else None
        blocks = zip(row.new_blocks, unchanged_blocks(comparison, row), strict=True)
        units.extend(
            (row, block, None if notes is None else notes.get(index, [])) for index, block in blocks
        )
    return units


def _shown(units: list[Unit], context: int | None) -> set[int]:
    """The units shown: each change (a changed row, a block with notes), and ``context``
    blocks on either side."""
    if context is None:
        return set(range(len(units)))
    shown: set[int] = set()
    for number, (_, block, notes) in enumerate(units):
        if block is None or notes:
            shown.update(range(max(0, number - context), number + context + 1))
    return shown


def summary(comparison: Comparison) -> str:
    """One line: words inserted, deleted and moved, and blocks changed."""
    stats = comparison.stats
    changed, total = comparison.block_counts()
    return (
        f"{stats.words_inserted:,} words inserted, {stats.words_deleted:,} deleted, "
        f"{stats.words_moved:,} moved; {changed} of {total} blocks changed"
        + _counted("link targets changed", _kinds(comparison).count(LinkKind.LINK))
        + _counted("image sources changed", _kinds(comparison).count(LinkKind.IMAGE))
        + _counted("images added", _kinds(comparison).count("added"))
        + _counted("images removed", _kinds(comparison).count("removed"))
        + (
            f"; {len(comparison.structure_changes)} blocks changed kind or level"
            if comparison.structure_changes
            else ""
        )
    )


def _kinds(comparison: Comparison) -> list[str]:
    """The kind of each link change: links' targets and images' sources; pictures
    without alternative text added or removed (``picture_fate``) apart."""
    return [picture_fate(comparison, change) or change.kind for change in comparison.link_changes]


def _counted(what: str, count: int) -> str:
    """``; 2 link targets changed``, or nothing for none."""
    return f"; {count} {what}" if count else ""


def _heading(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    return f"--- {old.version or 'old'}  {old.source}\n+++ {new.version or 'new'}  {new.source}"


def _fold(console: Console, count: int) -> None:
    noun = "block" if count == 1 else "blocks"
    console.print(Text(f"  ⋯ {count} unchanged {noun} ⋯", style="dim"))


def _row_header(comparison: Comparison, row: Row) -> str:
    if row.kind is RowKind.MOVED_FROM:
        # the move and its edit are counted where the text arrived, not twice
        words = f"↕{row.stats.words_moved}"
    else:
        words = f"+{row.stats.words_inserted} −{row.stats.words_deleted}"
        if row.stats.words_moved:
            words += f" ↕{row.stats.words_moved}"
    link = ""
    if row.kind is RowKind.MOVED_FROM:
        link = f" (to c-{row.link}{', edited there' if edited(comparison, row) else ''})"
    elif row.link is not None:
        link = f" (from c-{row.link})"
    renumbered = ", renumbered" if row.renumbered and row.kind is not RowKind.RENUMBERED else ""
    kind = KIND_LABELS[row.kind] if row.changed else beside_words(comparison, row)
    return f"@@ c-{row.index} {kind}{link}{renumbered} · {words} words"


def _row_text(comparison: Comparison, row: Row, color: bool) -> Text:
    text = Text()
    whole = {RowKind.INSERTED: Role.INSERT, RowKind.DELETED: Role.DELETE}.get(row.kind)
    for each in visible_pieces(row_pieces(comparison, row)):
        role, piece = each.role, readable(comparison, row, each)
        if role == Role.EQUAL and whole:
            role = whole
        style = STYLES.get(role, "dim" if not row.changed else "")
        if color:
            text.append(piece, style=style)
        else:
            start, end = MARKERS.get(role, ("", ""))
            text.append(f"{start}{piece}{end}")
    return text
