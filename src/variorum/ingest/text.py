"""Plain text: paragraphs are lines, or blank-line-separated chunks when hard-wrapped."""

from __future__ import annotations

import re
from array import array

from variorum.compiled import twins
from variorum.document import KINDS, BlockKind, Blocks, Document
from variorum.ingest.labels import find_label
from variorum.ingest.normalize import CONTROLS, canonical_text

_CONTENT_LINE = re.compile(r"^[^\S\n]*(\S[^\n]*)$", re.MULTILINE)
"""A line that is not blank; group 1 is the line without its indentation."""

HARD_WRAP_MAX_WIDTH = 100
"""A chunk of lines is read as hard-wrapped (one paragraph) only if no line is wider
than this many characters; longer lines are paragraphs of their own."""
HARD_WRAP_FILL = 0.6
"""...and a line continues the previous one only if that one fills at least this
fraction of the chunk's widest line (a short line ends a paragraph)."""


def parse_text(text: str, **meta: str) -> Document:
    """A Document from plain text.

    >>> doc = parse_text("Title\\n\\n(a) One;\\n(b) Two.\\n")
    >>> [(b.kind.value, doc.label_text(b)) for b in doc.blocks]
    [('paragraph', ''), ('list-item', '(a)'), ('list-item', '(b)')]
    """
    text = canonical_text(text)
    meta = {name: CONTROLS.sub("", value) for name, value in meta.items()}
    meta.setdefault("format", "text")
    return Document(text, Blocks(plain_text_blocks(text)), (), **meta)


def python_plain_text_blocks(text: str) -> array[int]:
    """The blocks of a canonical text as ``Blocks`` records (the pure-Python reading;
    ``plain_text_blocks`` is the compiled one when it was built)."""
    records: array[int] = array("q")
    for chunk in _chunks(text):
        if len(chunk) == 1:
            records.extend(_record(text, *chunk[0]))
            continue
        width = max(end - start for start, end in chunk)
        wrapped = width <= HARD_WRAP_MAX_WIDTH
        first = 0
        for index in range(1, len(chunk) + 1):
            if index < len(chunk) and wrapped and _continues(text, chunk, index, width):
                continue
            records.extend(_record(text, chunk[first][0], chunk[index - 1][1]))
            first = index
    return records


def _chunks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines, each line as (start of its first non-space, end)."""
    chunks: list[list[tuple[int, int]]] = []
    previous_end = -2
    for match in _CONTENT_LINE.finditer(text):
        start, end = match.span(1)
        if previous_end < 0 or text.count("\n", previous_end, start) > 1:
            chunks.append([])
        chunks[-1].append((start, end))
        previous_end = end
    return chunks


def _continues(text: str, chunk: list[tuple[int, int]], index: int, width: int) -> bool:
    prev_start, prev_end = chunk[index - 1]
    start = chunk[index][0]
    if prev_end - prev_start < HARD_WRAP_FILL * width:
        return False
    if text[prev_end - 1] in ".!?:;" and (text[start].isupper() or text[start].isdigit()):
        return False  # a sentence ends and a new one starts: one paragraph per line
    return find_label(text, start) is None


_PARAGRAPH, _LIST_ITEM = KINDS.index(BlockKind.PARAGRAPH), KINDS.index(BlockKind.LIST_ITEM)


def _record(text: str, start: int, end: int) -> tuple[int, ...]:
    """One block's record: kind, span, body, label (or -1, -1), level."""
    label = find_label(text, start)
    if label is None:
        return (_PARAGRAPH, start, end, start, end, -1, -1, _level(text, start))
    body = label[1]
    while body < end and text[body] in " \t":
        body += 1
    return (_LIST_ITEM, start, end, body, end, *label, _level(text, start))


def _level(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    return min((start - line_start) // 2, 8)


def plain_text_blocks(text: str) -> array[int]:
    """The blocks of a canonical text as ``Blocks`` records."""
    if twins.plain_text_blocks is None:
        return python_plain_text_blocks(text)
    return twins.plain_text_blocks(text, HARD_WRAP_MAX_WIDTH, HARD_WRAP_FILL)
