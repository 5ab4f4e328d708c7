"""The provisions a comparison changed: each changed row counted under the heading of the
section it stands in, so that a corpus can be asked which provisions change most.

A provision here is a section: a heading and the blocks under it, named by the
heading's text (in the newer version; in the older one for text that was deleted).
Text before the first heading is counted under ``BEFORE_HEADINGS``.

>>> from variorum.compare import compare
>>> from variorum.ingest import parse_bytes
>>> old = parse_bytes(b"# Data\\n\\nWe keep it.\\n\\n# Rights\\n\\nAsk.\\n", name="a.md")
>>> new = parse_bytes(b"# Data\\n\\nWe keep it a year.\\n\\n# Rights\\n\\nAsk.\\n", name="b.md")
>>> changed_provisions(compare(old, new))
(Provision(heading='Data', words=2, row=1),)
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from variorum.comparison import Comparison, Row, RowKind, Side
from variorum.document import KINDS, BlockKind, Document

KIND = 0
"""The kind's position in a block's record (``variorum.document.RECORD``)."""

BEFORE_HEADINGS = "(before the first heading)"
HEADING_CHARACTERS = 120
"""A heading longer than this is cut (with an ellipsis) to name its provision."""


class Provision(NamedTuple):
    """One section a comparison changed."""

    heading: str
    """The section's heading, whitespace collapsed."""
    words: int
    """Words inserted, deleted and moved in its changed rows."""
    row: int
    """Its first changed row: the redline's ``#c-ROW`` anchor."""


def changed_provisions(comparison: Comparison) -> tuple[Provision, ...]:
    """The sections with changes, in the order of their first changed row."""
    sections = {side: Sections(comparison.document(side)) for side in Side}
    found: dict[str, Provision] = {}
    for row in comparison.rows:
        if not row.changed or row.kind is RowKind.MOVED_FROM:
            continue  # a move is counted once, where it arrived
        side = Side.NEW if len(row.new_blocks) else Side.OLD
        blocks = row.blocks_on(side)
        heading = sections[side].heading_of(blocks[0]) if len(blocks) else BEFORE_HEADINGS
        earlier = found.get(heading)
        words = _words(row) + (earlier.words if earlier else 0)
        found[heading] = Provision(heading, words, earlier.row if earlier else row.index)
    return tuple(found.values())


class Sections:
    """The headings of one version, to name the section any block stands in. Only
    the kinds column of the blocks is read (a document of the corpus has a thousand
    blocks, of which a comparison changes a few)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        heading = KINDS.index(BlockKind.HEADING)
        kinds = document.blocks.column(KIND)
        self.headings = [index for index, kind in enumerate(kinds) if kind == heading]
        """The blocks that are headings, in order."""

    def heading_of(self, block: int) -> str:
        """The heading of the section ``block`` is in (a heading is in its own)."""
        before = bisect_right(self.headings, block)
        if not before:
            return BEFORE_HEADINGS
        heading = self.document.blocks[self.headings[before - 1]]
        return _name(heading.span.of(self.document.text))


def _name(text: str) -> str:
    words = " ".join(text.split()) or BEFORE_HEADINGS
    if len(words) <= HEADING_CHARACTERS:
        return words
    return words[: HEADING_CHARACTERS - 1].rstrip() + "…"


def _words(row: Row) -> int:
    stats = row.stats
    return stats.words_inserted + stats.words_deleted + stats.words_moved
