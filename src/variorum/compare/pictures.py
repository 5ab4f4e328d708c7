"""Pictures told apart, or left out.

Each picture without alternative text stands in the text as the same ``PICTURE``: the
word diff of a row is made in texts where each is a character of its own source
(``keyed_texts``), so that a picture added before one that looks alike in the text is
the picture added, not the other one replaced.

Pictures left out: ``ignore_images`` compares the words of two pages only, so each
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
from collections.abc import Iterator, Sequence

from variorum.comparison import Op, OpKind
from variorum.document import PICTURE, Block, Blocks, Document, Link, Span

_KEYS = range(0xE000, 0xF900)
"""The private-use characters a picture's source is written as in ``keyed_texts``."""


def keyed_texts(old: Document, new: Document) -> tuple[str, str]:
    """The texts of ``old`` and ``new`` with each picture without alternative text
    written as one private-use character of its source, the same on both sides for the
    same source, and none that either text holds (the offsets unchanged): two pictures
    are the same token of the word diff only if they show the same picture. The texts
    themselves when neither has a picture; past 6,400 sources, ``PICTURE`` as it is.

    >>> from variorum.ingest import parse_markdown
    >>> old, new = parse_markdown("A ![](a.png) z."), parse_markdown("A ![](b.png) ![](a.png) z.")
    >>> [[hex(ord(c)) for c in text if ord(c) > 0xFF] for text in keyed_texts(old, new)]
    [['0xe000'], ['0xe001', '0xe000']]
    """
    if not (old.pictures or new.pictures):
        return old.text, new.text
    held = set(old.text) | set(new.text)
    free = (chr(code) for code in _KEYS if chr(code) not in held)
    keys: dict[str, str] = {}
    texts = []
    for document in (old, new):
        text, at = document.text, 0
        pieces: list[str] = []
        for picture in document.pictures:
            key = keys.get(picture.target)
            if key is None:
                key = keys[picture.target] = next(free, text[picture.span.start])
            pieces += (text[at : picture.span.start], key)
            at = picture.span.end
        texts.append("".join([*pieces, text[at:]]))
    return texts[0], texts[1]


def pictures_in_place(ops: Sequence[Op], old_text: str, new_text: str) -> list[Op]:
    """``ops`` (of ``keyed_texts``) with each picture replaced where it stood made an
    equality, joined to the equalities beside it: a replacement of pictures by as many
    pictures, and the pictures that both sides of a replacement begin or end with (the
    cleanup joins ``{+policy +}`` and the picture replaced after it into one
    replacement). Such a picture reads as its alternative-text twin does, the text kept
    and the note beside it telling the new source.

    >>> from variorum.document import Span
    >>> ops = [Op(OpKind.EQUAL, Span(0, 2), Span(0, 2)), Op(OpKind.REPLACE, Span(2, 3), Span(2, 3))]
    >>> pictures_in_place(ops, "A \ufffc", "A \ufffc")
    [Op(kind=<OpKind.EQUAL: 'equal'>, old=Span(start=0, end=3), new=Span(start=0, end=3))]
    >>> [op.kind.value for op in pictures_in_place([ops[0], Op(OpKind.REPLACE, Span(2, 3),
    ...     Span(2, 5))], "A \ufffc", "A b \ufffc")]
    ['equal', 'insert', 'equal']
    """
    out: list[Op] = []
    for whole in ops:
        pieces = _ends_kept(whole, old_text, new_text) if whole.kind is OpKind.REPLACE else [whole]
        for op in pieces:
            if out and op.kind is OpKind.EQUAL and out[-1].kind is OpKind.EQUAL:
                before = out.pop()
                op = Op(
                    OpKind.EQUAL,
                    Span(before.old.start, op.old.end),
                    Span(before.new.start, op.new.end),
                )
            out.append(op)
    return out


def _ends_kept(op: Op, old_text: str, new_text: str) -> list[Op]:
    """The replacement ``op`` cut into the pictures both its sides begin with (an
    equality), what is between (a replacement, insertion or deletion, or nothing) and
    the pictures both its sides end with (an equality); whole, where a picture is left
    between (which of two pictures was replaced and which removed, the text cannot
    tell)."""
    old, new = op.old.of(old_text), op.new.of(new_text)
    lead = min(_leading_pictures(old), _leading_pictures(new))
    trail = min(_leading_pictures(old[lead:][::-1]), _leading_pictures(new[lead:][::-1]))
    (o0, o1), (n0, n1) = op.old, op.new
    left = old_text[o0 + lead : o1 - trail] + new_text[n0 + lead : n1 - trail]
    if not (lead or trail) or PICTURE in left:
        return [op]
    middle_old, middle_new = Span(o0 + lead, o1 - trail), Span(n0 + lead, n1 - trail)
    middle = (
        OpKind.EQUAL  # (the space between two pictures replaced each)
        if middle_old.of(old_text) == middle_new.of(new_text) and len(middle_old)
        else OpKind.REPLACE
        if middle_old.start < middle_old.end and middle_new.start < middle_new.end
        else OpKind.DELETE
        if middle_old.start < middle_old.end
        else OpKind.INSERT
        if middle_new.start < middle_new.end
        else None
    )
    pieces = [Op(OpKind.EQUAL, Span(o0, o0 + lead), Span(n0, n0 + lead))] if lead else []
    if middle is not None:
        pieces.append(Op(middle, middle_old, middle_new))
    if trail:
        pieces.append(Op(OpKind.EQUAL, Span(o1 - trail, o1), Span(n1 - trail, n1)))
    return pieces


def _leading_pictures(text: str) -> int:
    """How many ``PICTURE`` characters ``text`` begins with."""
    return len(text) - len(text.lstrip(PICTURE))


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
