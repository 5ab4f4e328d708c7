"""Markdown with CriticMarkup: ``{++added++}``, ``{--deleted--}``, ``{~~old~>new~~}``,
with notes ``{>>…<<}`` for moves and renumbering. Readable as plain Markdown, and
understood by editors that know CriticMarkup.

Text that only moved is neither added nor deleted: it is highlighted, with a comment
naming where it went or came from (``{==moved text==}{>>moved from c-3<<}``); only the
words an edit of it added or removed are ``{++…++}``/``{--…--}``, where it arrived.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from variorum.comparison import Comparison, Row, RowKind
from variorum.render import register
from variorum.render.pieces import (
    MOVED_ROLES,
    edited,
    notes_by_block,
    readable,
    readable_text,
    row_block,
    row_notes,
    row_pieces,
    text_move_note,
    unchanged_blocks,
    visible_pieces,
)

_DELIMITER = re.compile(r"\{(?=\+\+|--|~~|==|>>)|(?<=\+\+|--|~~|==|<<)\}|~>")
"""A CriticMarkup delimiter's brace (or ``~>``) in the documents' own text, which a
CriticMarkup reader would take for a mark of the redline."""
_ENTITY = {"{": "&#123;", "}": "&#125;", "~>": "~&gt;"}
_INLINE = re.compile(r"[\\`*_<\[\]&]")
"""Characters of the documents' own text that Markdown would read as its syntax (emphasis,
code, links, HTML tags, character references): written backslash-escaped."""


def escaped(text: str) -> str:
    """``text`` with its CriticMarkup delimiters written as HTML character references,
    and what Markdown would read as inline syntax backslash-escaped: Markdown shows the
    characters, no CriticMarkup reader takes them for a mark, and a tag or an asterisk
    of the text does not vanish into formatting (with the change it was part of).

    >>> escaped("Users get {++free++} storage")
    'Users get &#123;++free++&#125; storage'
    >>> print(escaped("Use <b>*bold*</b>"))
    Use \\<b>\\*bold\\*\\</b>
    """
    text = _INLINE.sub(lambda match: "\\" + match.group(), text)
    return _DELIMITER.sub(lambda match: _ENTITY[match.group()], text)


@register("markdown")
def render_markdown(comparison: Comparison) -> str:
    """The whole comparison as Markdown, one paragraph per row."""
    old, new = comparison.old, comparison.new
    title = new.title or old.title
    lines = [f"<!-- Variorum: {old.version or 'old'} → {new.version or 'new'}"]
    lines[0] += f"{': ' + title if title else ''} -->\n"
    for row in comparison.rows:
        if row.kind is RowKind.EQUAL:
            lines.extend(_unchanged_markdown(comparison, row))
            continue
        lines.append(row_markdown(comparison, row) + "\n")
    return "\n".join(lines)


def _unchanged_markdown(comparison: Comparison, row: Row) -> Iterator[str]:
    """An equal row's blocks, one paragraph each, with the notes on their link targets
    or structure after their words."""
    notes = notes_by_block(comparison, row) if comparison.noted(row) else {}
    for index, block in zip(row.new_blocks, unchanged_blocks(comparison, row), strict=True):
        words = readable_text(comparison.new, block.span.start, block.span.of(comparison.new.text))
        text = escaped(words).replace("\n", "  \n")
        here = "".join(_comment(note) for note in notes.get(index, []))
        yield _block_prefix(block.kind.value, block.level) + text + here + "\n"


def row_markdown(comparison: Comparison, row: Row, text: bool = True) -> str:
    """One changed row as its paragraph of the Markdown redline; an unchanged row
    whose link targets or structure changed, without its text if not ``text``."""
    links = "".join(_comment(note) for note in row_notes(comparison, row))
    if row.kind is RowKind.EQUAL and not text:
        return links
    return _prefix(comparison, row) + _row_markup(comparison, row) + _note(row) + links


def _prefix(comparison: Comparison, row: Row) -> str:
    return _block_prefix(*row_block(comparison, row))


def _block_prefix(kind: str, level: int) -> str:
    if kind == "heading":
        return "#" * max(1, min(level, 6)) + " "
    if kind == "quote":
        return "> "
    return ""


def _row_markup(comparison: Comparison, row: Row) -> str:
    out: list[str] = []
    pieces = visible_pieces(row_pieces(comparison, row))
    note = _move_note(comparison, row)  # after each piece of a moved block's text
    noted = False
    index = 0
    while index < len(pieces):
        role, text = pieces[index][0], escaped(readable(comparison, row, pieces[index]))
        following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        if role in ("delete", "renumber-old") and following in ("insert", "renumber-new"):
            replacement = escaped(readable(comparison, row, pieces[index + 1]))
            out.append("{~~" + text + "~>" + replacement + "~~}")
            index += 2
            continue
        out.append(_mark(role, text))
        if role in MOVED_ROLES:  # a comment belongs right after the highlight it is about
            sentence = text_move_note(comparison, row, pieces[index])  # (one left a moved block)
            out.append(_comment(sentence) if sentence else note)
            noted = noted or (bool(note) and not sentence)
        index += 1
    return "".join(out).replace("\n", "  \n") + ("" if noted else note)


def _comment(text: str) -> str:
    """A note as a CriticMarkup comment, the documents' words in it escaped (a heading's
    ``<<}`` would end the comment early)."""
    return f"{{>>{escaped(text)}<<}}" if text else ""


def _mark(role: str, text: str) -> str:
    if role in MOVED_ROLES:
        return "{==" + text + "==}"
    if role == "equal":
        return text
    if role in ("insert", "renumber-new"):
        return "{++" + text + "++}"
    return "{--" + text + "--}"


def _move_note(comparison: Comparison, row: Row) -> str:
    if row.kind is RowKind.MOVED_FROM:
        there = ", edited there" if edited(comparison, row) else ""
        return f"{{>>moved to c-{row.link}{there}<<}}"
    if row.kind is RowKind.MOVED_TO:
        return f"{{>>moved from c-{row.link}<<}}"
    return ""


def _note(row: Row) -> str:
    if row.renumbered and row.kind is not RowKind.MOVED_FROM:
        return "{>>renumbered<<}"
    return ""
