"""Reading many versions of one Markdown document: what the walk over the parser's
events made of a top-level block (a paragraph, a heading, a whole list, table or
quote) is taken again from the version read before, when that block is unchanged.

    each version --pyromark, whole--> events --split--> top-level blocks
    block --its bytes, list markers' places, the walk's state at its start--> key
    key --unit of the version before, its events equal--> its Piece, appended again
                                    --else--> walked, and kept for the next version

Every version is still parsed whole, so the parser alone decides where blocks start
and end and what they hold (a link reference definition elsewhere, a list that a
change joins to the one before, an unclosed fence): a block is reused only when its
events are equal to the kept ones, the walk's state where it starts is the same, and
the walk then depends on nothing else (``parse_markdown`` says what it reads). Only
inside ``reusing()``: a reader of a document's history opens one around its versions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from variorum.ingest.builder import Piece

Key = tuple[bytes, tuple[int, ...], int, int]
"""A top-level block's bytes, where its items start in them, and the ``<br>`` in a row
and table cells the walk has counted when it reaches the block."""


@dataclass(frozen=True, slots=True)
class Unit:
    """What the walk made of one top-level block."""

    events: list[Any]
    """The block's events, as the parser gave them (without their places)."""
    piece: Piece
    headings: tuple[str, ...]
    """The titles of its headings, in order."""
    names: tuple[str, ...]
    """The ids and names its raw HTML gives places."""
    breaks: int
    cells: int
    """The walk's counts after the block."""


_MEMORY: ContextVar[dict[Key, Unit] | None] = ContextVar("markdown_units", default=None)


@contextmanager
def reusing() -> Iterator[None]:
    """Markdown read inside reuses the unchanged blocks of the version read before."""
    token = _MEMORY.set({})
    try:
        yield
    finally:
        _MEMORY.reset(token)


def memory() -> dict[Key, Unit] | None:
    """The units of the version read before, or None outside ``reusing()``."""
    return _MEMORY.get()


def top_level_blocks(
    pairs: list[tuple[Any, Any]],
) -> Iterator[tuple[int, int, int, int, list[int]]]:
    """Each top-level block of the parser's (event, place) pairs: the first and after
    the last of its events, where its bytes start and end, and where its list items
    start, counted from its start."""
    depth = first = start = 0
    items: list[int] = []
    for index, (event, where) in enumerate(pairs):
        if event.__class__ is str:
            continue
        if "Start" in event:
            if not depth:
                first, start, items = index, where["start"], []
            elif event["Start"] == "Item":
                items.append(where["start"] - start)
            depth += 1
        elif "End" in event:
            depth -= 1
            if not depth:
                yield first, index + 1, start, where["end"], items
