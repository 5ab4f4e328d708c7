"""Markdown (CommonMark with tables) through pyromark, a binding of the Rust
pulldown-cmark parser: fast and standard-conforming. The Document's text is what a
reader sees: no markup, link text kept and link targets held apart.

Markdown made from archived web pages (the Platform Governance Archive is) is read
as the page looked: ``<br><br>`` separates paragraphs, links side by side in a menu
are separate words, an image shows its alternative text, its source kept apart as a
``LinkKind.IMAGE`` Link (a linked logo is one link, to where it leads, and one image),
raw HTML's ``<img>`` likewise, a ``data:`` image is no text, and a link whose
text is set off by blank lines (``[\n\ntext\n\n](url)``) is one link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pyromark

from variorum.document import BlockKind, Document
from variorum.ingest import markdown_reuse
from variorum.ingest.anchors import heading_anchors
from variorum.ingest.builder import DocumentBuilder, InlineText
from variorum.ingest.markdown_reuse import Unit
from variorum.pictures import data_source, html_source, unseen

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
_TAG = re.compile(r"<[^>]*>")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = r"""\s{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
"""An attribute's value in raw HTML, double-quoted, single-quoted or bare."""
_NAMED = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
"""An ``id`` or ``name`` in raw HTML: a place a link may point at."""
_ORDERED_MARKER = re.compile(rb"\s*\d{1,9}([.)])")
# "[", the link's text and "](" with blank lines between: CommonMark reads the brackets
# as text in paragraphs of their own; the page showed one link.
_SPACED_LINK = re.compile(r"\[\s*+((?:\\.|[^\[\]\n\\])++)\s*+\]\(")  # possessive: linear
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# An image whose data: address holds spaces is no image to CommonMark: its SVG shows as
# text. Each data: image's address is replaced by its description (``data_source``)
# before parsing, which also spares the parser the blob.
_DATA_IMAGE = re.compile(r"(!\[[^\]\n]*\])\(<?(data:[^)\n>]*)>?\)")


@dataclass
class _State:
    """Where the walk over the parser's events is."""

    source: bytes
    builder: DocumentBuilder = field(default_factory=DocumentBuilder)
    inline: InlineText | None = None
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    label: str = ""
    lists: list[list[int | None]] = field(default_factory=list)  # [start, next index]
    quotes: int = 0
    cells: int = 0
    links: list[tuple[int, str]] = field(default_factory=list)
    images: list[tuple[int, str]] = field(default_factory=list)  # open: start, source
    link_end: tuple[InlineText | None, int] = (None, -1)  # where the last link ended
    breaks: int = 0  # <br> in a row
    headings: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # ids and names in raw HTML

    def at_rest(self) -> bool:
        """Whether the walk is between top-level blocks, holding nothing open."""
        return (self.inline is None and not self.lists and not self.quotes and not self.links
                and not self.images and not self.label and not self.builder.table_open)  # fmt: skip

    def open(self, kind: BlockKind, level: int = 0, label: str = "") -> None:
        self.flush()
        self.inline, self.kind, self.level, self.label = InlineText(), kind, level, label

    def flush(self) -> None:
        inline = self.inline
        if inline is not None:
            kind = self.kind
            if kind is BlockKind.HEADING:
                self.headings.append(inline.text)
            # a table row of no text but its cells' bars is no row
            if kind is not BlockKind.TABLE_ROW or inline.text.replace("|", "").strip():
                self.builder.add(kind, inline, self.level, self.label)
            self.inline = None
        self.label = ""

    def text(self, piece: str) -> None:
        if self.inline is None:
            self.open(BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)
        assert self.inline is not None
        self.inline.append(piece)
        if piece.strip():
            self.breaks = 0

    def line_break(self) -> None:
        """``<br>`` is a space; two in a row separate paragraphs, as the page showed."""
        self.breaks += 1
        if self.breaks >= 2 and not self.cells and self.inline is not None:
            kind, level = self.kind, self.level
            self.flush()
            if kind is not BlockKind.HEADING:
                kind = BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH
            self.open(kind, level)
        else:
            self.text(" ")


def parse_markdown(text: str, **meta: str) -> Document:
    """A Document from Markdown.

    >>> doc = parse_markdown("# Terms\\n\\n1. See [our policy](https://x.test/?utm=1).")
    >>> doc.text
    'Terms\\n1. See our policy.\\n'
    >>> [link.target for link in doc.links]
    ['https://x.test/?utm=1']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _DATA_IMAGE.sub(_described, _SPACED_LINK.sub(_join_spaced_link, text))
    state = _State(text.encode())
    events: list[tuple[Any, Any]] = list(pyromark.events_with_range(text, options=_OPTIONS))
    debris = _emphasis_debris(events)
    if debris:
        events = [pair for index, pair in enumerate(events) if index not in debris]
    units = markdown_reuse.memory()
    if units is None:
        _walk(state, events)
    else:
        _walk_reusing(state, events, units)
    state.flush()
    meta.setdefault("format", "markdown")
    return state.builder.build(heading_anchors(state.headings) | set(state.names), **meta)


def _walk(state: _State, events: list[tuple[Any, Any]]) -> None:
    """Read the parser's events into ``state``. What it reads besides the events: the
    source's bytes where an ordered list item starts (its number's delimiter), and the
    state the walk is in (``markdown_reuse`` relies on that)."""
    # The loop runs once an event (tens of thousands a long policy): the commonest
    # kinds are tested first and the rest dispatched through tables.
    for event, where in events:
        if event.__class__ is str:
            _on_marker(state, event)
        elif "Text" in event:
            state.text(event["Text"])
        elif "Start" in event:
            tag = event["Start"]
            name = tag if tag.__class__ is str else next(iter(tag))
            starting = _STARTS.get(name)
            if starting is not None:
                starting(state, tag, where["start"])
        elif "End" in event:
            tag = event["End"]
            ending = _ENDS.get(tag if tag.__class__ is str else next(iter(tag)))
            if ending is not None:
                ending(state)
        else:
            (name,) = event
            _on_inline(state, name, event[name])


def _walk_reusing(
    state: _State, events: list[tuple[Any, Any]], units: dict[markdown_reuse.Key, Unit]
) -> None:
    """``_walk``, but each top-level block that the version read before had, with the
    same events and met in the same state, is appended as it was made then; ``units``
    then holds this version's blocks."""
    kinds = list(map(itemgetter(0), events))
    kept: dict[markdown_reuse.Key, Unit] = {}
    done = 0
    for first, stop, start, end, items in markdown_reuse.top_level_blocks(events):
        _walk(state, events[done:first])
        done = stop
        if not state.at_rest():
            _walk(state, events[first:stop])
            continue
        key = (state.source[start:end], tuple(items), state.breaks, state.cells)
        unit = units.get(key)
        if unit is not None and unit.events == kinds[first:stop]:
            state.builder.add_piece(unit.piece)
            state.headings += unit.headings
            state.names += unit.names
            state.breaks, state.cells = unit.breaks, unit.cells
        else:
            unit = _walked(state, events, first, stop, kinds)
        if unit is not None:
            kept[key] = unit
    _walk(state, events[done:])
    units.clear()
    units.update(kept)


def _walked(
    state: _State, events: list[tuple[Any, Any]], first: int, stop: int, kinds: list[Any]
) -> Unit | None:
    """Walk one top-level block; what it made, or None if it leaves the walk astir."""
    mark, headings, names = state.builder.mark, len(state.headings), len(state.names)
    _walk(state, events[first:stop])
    piece = state.builder.piece_since(mark)
    if piece is None or not state.at_rest():
        return None
    return Unit(
        kinds[first:stop], piece, tuple(state.headings[headings:]),
        tuple(state.names[names:]), state.breaks, state.cells,
    )  # fmt: skip


_INLINE_TAGS = frozenset({"Emphasis", "Strong", "Strikethrough", "Link"})
_STAR = {"Text": "*"}


def _emphasis_debris(pairs: list[tuple[Any, Any]]) -> set[int]:
    """The places of the events of asterisks that emphasised nothing (``choose**.**``,
    ``our****``): runs of two or more that touch a word, or open onto one. A run
    standing alone after a space (``shows as ***.``) is text."""
    events = list(map(itemgetter(0), pairs))
    debris: set[int] = set()
    end = 0
    while True:
        try:  # list.index looks in C: most events are no asterisk
            index = events.index(_STAR, end)
        except ValueError:
            return debris
        end = index + 1
        while end < len(events) and events[end] == _STAR:
            end += 1
        if end - index >= 2:
            before = _edge(events[index - 1], -1) if index else " "
            after = _edge(events[end], 0) if end < len(events) else " "
            if not before.isspace() or after.isalnum():
                debris.update(range(index, end))


def _edge(event: Any, side: int) -> str:
    """The character of an event's text next to a run of asterisks: its first
    (``side`` 0) or last (-1); a word character for an inline tag, a space otherwise."""
    if isinstance(event, dict) and isinstance(event.get("Text"), str) and event["Text"]:
        return str(event["Text"][side])
    tag = event.get("End" if side else "Start") if isinstance(event, dict) else None
    return "x" if tag is not None and _name(tag) in _INLINE_TAGS else " "


def _described(match: re.Match[str]) -> str:
    """A data: image with its address replaced by its description, in angle brackets
    (a destination with spaces)."""
    return f"{match.group(1)}(<{data_source(match.group(2))}>)"


def _join_spaced_link(match: re.Match[str]) -> str:
    return f"[{match.group(1).strip()}](" if _BLANK_LINE.search(match.group()) else match.group()


def _name(value: Any) -> str:
    return value if isinstance(value, str) else next(iter(value))


def _paragraph(state: _State, _tag: Any, _offset: int) -> None:
    if state.inline is None or state.inline.text:
        state.open(BlockKind.QUOTE if state.quotes else BlockKind.PARAGRAPH, len(state.lists))


def _list(state: _State, tag: Any, _offset: int) -> None:
    state.flush()
    state.lists.append([tag["List"], 0])


def _item(state: _State, _tag: Any, offset: int) -> None:
    state.open(BlockKind.LIST_ITEM, max(len(state.lists) - 1, 0), _item_label(state, offset))


def _quote(state: _State, _tag: Any, _offset: int) -> None:
    state.flush()
    state.quotes += 1


def _row(state: _State, _tag: Any, _offset: int) -> None:
    state.open(BlockKind.TABLE_ROW)
    state.cells = 0


def _cell(state: _State, _tag: Any, _offset: int) -> None:
    if state.cells and state.inline is not None:
        state.inline.next_cell()
    state.cells += 1


def _link(state: _State, tag: Any, _offset: int) -> None:
    if state.inline is not None and state.link_end == (state.inline, state.inline.offset):
        state.text(" ")  # links side by side are separate words, as in a menu
    state.links.append((state.inline.offset if state.inline else 0, tag["Link"]["dest_url"]))


def _image(state: _State, tag: Any, _offset: int) -> None:
    state.images.append((state.inline.offset if state.inline else 0, tag["Image"]["dest_url"]))


_STARTS: dict[str, Callable[[_State, Any, int], None]] = {
    "Heading": lambda state, tag, _offset: state.open(
        BlockKind.HEADING, int(tag["Heading"]["level"][1:])
    ),
    "Paragraph": _paragraph,
    "List": _list,
    "Item": _item,
    "BlockQuote": _quote,
    "CodeBlock": lambda state, _tag, _offset: state.open(BlockKind.CODE),
    "TableHead": _row,
    "TableRow": _row,
    "TableCell": _cell,
    "Link": _link,
    "Image": _image,
    "HtmlBlock": lambda state, _tag, _offset: state.flush(),
    "FootnoteDefinition": lambda state, _tag, _offset: state.flush(),
}
"""What the start of each tag does (the state, the tag, where in the source it starts);
the others (emphasis, a table) start nothing."""


def _list_end(state: _State) -> None:
    state.flush()
    state.lists.pop()


def _table_end(state: _State) -> None:
    state.flush()
    state.builder.end_table()


def _quote_end(state: _State) -> None:
    state.flush()
    state.quotes -= 1


def _link_end(state: _State) -> None:
    if state.links:
        start, target = state.links.pop()
        if state.inline is not None:
            state.inline.add_link(start, target)
            state.link_end = (state.inline, state.inline.offset)


def _image_end(state: _State) -> None:
    if state.images:
        start, source = state.images.pop()
        if state.inline is not None:
            state.inline.add_image(start, source)


_ENDS: dict[str, Callable[[_State], None]] = {
    **dict.fromkeys(
        ("Heading", "Paragraph", "Item", "CodeBlock", "TableHead", "TableRow", "HtmlBlock"),
        _State.flush,
    ),
    "List": _list_end,
    "Table": _table_end,
    "BlockQuote": _quote_end,
    "Link": _link_end,
    "Image": _image_end,
}
"""What the end of each tag does; the others end nothing."""


def _on_inline(state: _State, name: str, value: Any) -> None:
    if name == "Code":
        state.text(value)
    elif name in ("Html", "InlineHtml"):
        state.names += ["".join(match) for match in _NAMED.findall(value)]
        if value.lower().startswith("<br"):
            state.line_break()
        else:
            _raw_html(state, value)
    elif name == "TaskListMarker":
        state.text("[x] " if value else "[ ] ")


def _raw_html(state: _State, value: str) -> None:
    """Raw HTML's text without its tags; an ``<img>`` in it read as the HTML reader reads
    one: its alternative text, its source kept apart (a replaced picture is no less a
    change for being written in HTML)."""
    at = 0
    for match in _IMG.finditer(value):
        state.text(_TAG.sub("", value[at : match.start()]))
        tag = match.group()
        alt = _attribute(tag, "alt")
        source = html_source(_attribute(tag, "src"), _attribute(tag, "srcset"))
        hidden = unseen(_attribute(tag, "width"), _attribute(tag, "height"))
        if not hidden and (alt.strip() or source):
            if state.inline is None:
                state.open(BlockKind.QUOTE if state.quotes else BlockKind.PARAGRAPH)
            assert state.inline is not None
            start = state.inline.offset
            state.text(alt)
            state.inline.add_image(start, source)
        at = match.end()
    state.text(_TAG.sub("", value[at:]))


def _attribute(tag: str, name: str) -> str:
    """The value of attribute ``name`` of an HTML tag, its character references
    resolved, or ``""``."""
    found = re.search(_ATTRIBUTE.format(name), tag, re.IGNORECASE)
    return html.unescape("".join(found.groups(""))).strip() if found else ""


def _on_marker(state: _State, event: str) -> None:
    if event in ("SoftBreak", "HardBreak"):
        state.text(" ")
    elif event == "Rule":
        state.flush()


def _item_label(state: _State, offset: int) -> str:
    """The number Markdown displays for an ordered item (``3.``), or ``""``."""
    if not state.lists or state.lists[-1][0] is None:
        return ""
    current = state.lists[-1]
    start, index = int(current[0] or 0), int(current[1] or 0)
    current[1] = index + 1
    match = _ORDERED_MARKER.match(state.source, offset)
    delimiter = match.group(1).decode() if match else "."
    return f"{start + index}{delimiter}"
