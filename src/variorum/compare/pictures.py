"""Pictures left out: ``ignore_images`` compares the words of two pages only, so each
picture without alternative text (``variorum.pictures.PICTURE``) is taken out of the
Documents compared, with the spaces around it that a reader of the words would not
see, and a block that held nothing else goes with it. The texts are then those a
reader that skips pictures makes (``Intro [image] text.`` reads ``Intro text.``), and
their comparison is that of Variorum before pictures were compared.

>>> from variorum.ingest import parse_markdown
>>> page = parse_markdown("Intro ![](/a.png) text.\\n\\n![](/b.png)\\n\\nEnd.")
>>> page.text
'Intro \\ufffc text.\\n\\ufffc\\nEnd.\\n'
>>> bare = without_pictures(page)
>>> bare.text, len(bare.blocks), bare.links
('Intro text.\\nEnd.\\n', 2, ())
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from variorum.document import Block, Blocks, Document, Link, Span


def without_pictures(document: Document) -> Document:
    """``document`` without its pictures that have no alternative text (the same
    Document when it has none)."""
    text = document.text
    pictures = [picture.span.start for picture in document.pictures]
    if not pictures:
        return document
    removed: list[int] = []
    kept_blocks: list[Block] = []
    starts = [block.span.start for block in document.blocks]
    touched = {bisect.bisect_right(starts, at) - 1 for at in pictures}
    picture_set = set(pictures)
    for index, block in enumerate(document.blocks):
        if index not in touched:
            kept_blocks.append(block)
            continue
        cut = _cut(text, block, picture_set)
        removed += cut
        if len(cut) < len(block.span):
            kept_blocks.append(block)
        elif text[block.span.end : block.span.end + 1] == "\n":
            removed.append(block.span.end)  # (the separator of a block that is gone)
    removed.sort()
    kept_text = "".join(_kept(text, removed))
    blocks = Blocks.of(_moved_block(block, removed) for block in kept_blocks)
    links = tuple(
        Link(span, link.target, link.kind)
        for link in document.links
        if len(span := _moved(link.span, removed))
    )
    return Document(
        kept_text, blocks, links, document.title, document.version, document.date,
        document.source, document.format,
    )  # fmt: skip


def _cut(text: str, block: Block, pictures: set[int]) -> list[int]:
    """The offsets of ``block`` to take out: its pictures, and the spaces around them
    that the words would not show: all at the body's ends, all but one between words
    (none where the picture stood between two letters). A body left empty takes the
    space after its label with it (all of a block without one)."""
    body = block.body
    cut: list[int] = []
    at = body.start
    while at < body.end:
        if at not in pictures and text[at] != " ":
            at += 1
            continue
        end = at
        while end < body.end and (end in pictures or text[end] == " "):
            end += 1
        run = range(at, end)
        if any(offset in pictures for offset in run):
            spaces = [offset for offset in run if text[offset] == " "]
            keep = spaces[:1] if at > body.start and end < body.end else []
            cut += [offset for offset in run if offset not in keep]
        at = end
    if len(cut) == len(body):  # nothing left of the body
        if block.label is not None:
            cut += range(block.label.end, body.start)
        else:
            cut += range(block.span.start, body.start)
    return sorted(cut)


def _kept(text: str, removed: list[int]) -> Iterator[str]:
    at = 0
    for offset in removed:
        yield text[at:offset]
        at = offset + 1
    yield text[at:]


def _moved(span: Span, removed: list[int]) -> Span:
    """Where ``span`` stands once the ``removed`` offsets are taken out."""
    return Span(
        span.start - bisect.bisect_left(removed, span.start),
        span.end - bisect.bisect_left(removed, span.end),
    )


def _moved_block(block: Block, removed: list[int]) -> Block:
    label = _moved(block.label, removed) if block.label is not None else None
    return Block(
        block.kind, _moved(block.span, removed), _moved(block.body, removed), label, block.level
    )
