"""Lists whose items moved, split, merged, were renumbered, inserted and deleted, at
random: the Word redline numbers every item with a label Word can write by Word's own
numbering (multi-level numbers such as ``2.1.3`` too), makes bulleted items (Markdown's,
or a plain text's ``•`` and ``-``) Word bullet lists' items, and "Accept all" still
gives the new version and "Reject all" the old one, block for block, read back by
Variorum's own DOCX reader."""

from __future__ import annotations

import io
import random

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

import variorum
from variorum.document import Document
from variorum.ingest.docx import parse_docx
from variorum.ingest.markdown import parse_markdown
from variorum.ingest.text import parse_text
from variorum.render.word import word_redline

WORDS = ["the", "clerk", "keeps", "register", "seal", "fees", "are", "paid", "in", "cash",
         "every", "complaint", "is", "answered", "writing", "within", "ten", "days", "of",
         "its", "arrival", "at", "office"]  # fmt: skip
LABELS = (
    lambda n: f"{n}.",
    lambda n: f"({chr(ord('a') + n - 1)})",
    lambda n: f"Article {n}",
    lambda n: f"{n})",
    lambda n: f"2.{n}",
    lambda n: f"3.1.{n}",
    lambda _: "•",
    lambda _: "-",
)
MARKDOWN = len(LABELS)
"""The list written as Markdown's bullet list (its items have no label)."""


def sentence(draw: random.Random) -> str:
    """A sentence of 4 to 12 words drawn from WORDS."""
    words = draw.choices(WORDS, k=draw.randint(4, 12))
    return " ".join(words).capitalize() + "."


def edited_items(draw: random.Random) -> tuple[list[str], list[str]]:
    """Item bodies of an old list and of a new one made from it by moves, splits,
    merges, insertions and deletions (the new list numbers them afresh)."""
    old = [" ".join(sentence(draw) for _ in range(draw.randint(1, 3))) for _ in range(8)]
    new = list(old)
    for _ in range(draw.randint(1, 5)):
        at = draw.randrange(len(new))
        action = draw.choice(["move", "split", "merge", "insert", "delete"])
        if action == "move":
            new.insert(draw.randrange(len(new)), new.pop(at))
        elif action == "split" and ". " in new[at]:
            first, rest = new[at].split(". ", 1)
            new[at : at + 1] = [f"{first}.", rest]
        elif action == "merge" and at + 1 < len(new):
            new[at : at + 2] = [f"{new[at]} {new[at + 1]}"]
        elif action == "insert":
            new.insert(at, sentence(draw))
        elif action == "delete" and len(new) > 2:
            new.pop(at)
    return old, new


def listed(items: list[str], label: int) -> Document:
    if label == MARKDOWN:
        return parse_markdown("# Duties\n\n" + "".join(f"- {body}\n" for body in items))
    text = "".join(f"{LABELS[label](n)} {body}\n\n" for n, body in enumerate(items, start=1))
    return parse_text(f"Duties\n\n{text}")


def blocks(doc: Document) -> list[str]:
    return [" ".join(block.span.of(doc.text).split()) for block in doc.blocks]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_edited_lists_round_trip_as_word_numbering(seed: int) -> None:
    draw = random.Random(seed)
    old_items, new_items = edited_items(draw)
    old = listed(old_items, draw.randrange(MARKDOWN + 1))
    new = listed(new_items, draw.randrange(MARKDOWN + 1))
    data = word_redline(variorum.compare(old, new))
    assert blocks(parse_docx(data)) == blocks(new)
    assert blocks(parse_docx(data, tracked="original")) == blocks(old)
    paragraphs = [p._p for p in docx.Document(io.BytesIO(data)).paragraphs]
    listed_paragraphs = [p for p in paragraphs if p.pPr is not None and p.pPr.pStyle is not None
                         and p.pPr.pStyle.val == "ListParagraph"]  # fmt: skip
    assert listed_paragraphs
    assert [p for p in listed_paragraphs if p.pPr.numPr is None] == []  # no label as text
