"""Markdown (CommonMark with tables) through pyromark, a binding of the Rust
pulldown-cmark parser: fast and standard-conforming. The Document's text is what a
reader sees: no markup, link text kept and link targets held apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyromark

from variorum.document import BlockKind, Document
from variorum.ingest.builder import DocumentBuilder, InlineText

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
_TAG = re.compile(r"<[^>]*>")
_ORDERED_MARKER = re.compile(rb"\s*\d{1,9}([.)])")


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

    def open(self, kind: BlockKind, level: int = 0, label: str = "") -> None:
        self.flush()
        self.inline, self.kind, self.level, self.label = InlineText(), kind, level, label

    def flush(self) -> None:
        empty_row = (
            self.kind is BlockKind.TABLE_ROW
            and self.inline is not None
            and not (self.inline.text.replace("|", "").strip())
        )
        if self.inline is not None and not empty_row:
            self.builder.add(self.kind, self.inline, self.level, self.label)
        self.inline, self.label = None, ""

    def text(self, piece: str) -> None:
        if self.inline is None:
            self.open(BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)
        assert self.inline is not None
        self.inline.append(piece)


def parse_markdown(text: str, **meta: str) -> Document:
    """A Document from Markdown.

    >>> doc = parse_markdown("# Terms\\n\\n1. See [our policy](https://x.test/?utm=1).")
    >>> doc.text
    'Terms\\n1. See our policy.\\n'
    >>> [link.target for link in doc.links]
    ['https://x.test/?utm=1']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    state = _State(text.encode())
    for event, where in pyromark.events_with_range(text, options=_OPTIONS):
        if isinstance(event, str):
            _on_marker(state, event)
        elif "Start" in event:
            _on_start(state, event["Start"], where["start"])
        elif "End" in event:
            _on_end(state, event["End"])
        else:
            _on_inline(state, dict(event))
    state.flush()
    meta.setdefault("format", "markdown")
    return state.builder.build(**meta)


def _name(value: Any) -> str:
    return value if isinstance(value, str) else next(iter(value))


def _on_start(state: _State, tag: Any, offset: int) -> None:
    name = _name(tag)
    if name == "Heading":
        state.open(BlockKind.HEADING, int(tag["Heading"]["level"][1:]))
    elif name == "Paragraph":
        if state.inline is None or state.inline.text:
            state.open(BlockKind.QUOTE if state.quotes else BlockKind.PARAGRAPH, len(state.lists))
    elif name == "List":
        state.flush()
        state.lists.append([tag["List"], 0])
    elif name == "Item":
        state.open(BlockKind.LIST_ITEM, max(len(state.lists) - 1, 0), _item_label(state, offset))
    elif name == "BlockQuote":
        state.flush()
        state.quotes += 1
    elif name == "CodeBlock":
        state.open(BlockKind.CODE)
    elif name in ("TableHead", "TableRow"):
        state.open(BlockKind.TABLE_ROW)
        state.cells = 0
    elif name == "TableCell":
        if state.cells:
            state.text(" | ")
        state.cells += 1
    elif name in ("Link", "Image"):
        state.links.append((state.inline.offset if state.inline else 0, tag[name]["dest_url"]))
    elif name in ("HtmlBlock", "FootnoteDefinition"):
        state.flush()


def _on_end(state: _State, tag: Any) -> None:
    name = _name(tag)
    if name in ("Heading", "Paragraph", "Item", "CodeBlock", "TableHead", "TableRow", "HtmlBlock"):
        state.flush()
    elif name == "List":
        state.flush()
        state.lists.pop()
    elif name == "BlockQuote":
        state.flush()
        state.quotes -= 1
    elif name in ("Link", "Image") and state.links:
        start, target = state.links.pop()
        if state.inline is not None:
            state.inline.add_link(start, target)


def _on_inline(state: _State, event: dict[str, Any]) -> None:
    name, value = next(iter(event.items()))
    if name in ("Text", "Code"):
        state.text(value)
    elif name in ("Html", "InlineHtml"):
        state.text(" " if value.lower().startswith("<br") else _TAG.sub("", value))
    elif name == "TaskListMarker":
        state.text("[x] " if value else "[ ] ")


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
