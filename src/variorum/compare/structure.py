"""Structure changes: a block whose kind or nesting level changed.

A heading demoted under another, a list item moved out of the list it qualified, a
paragraph turned into a quotation: the words may be the same, the meaning is not. The
Documents keep each block's kind and level apart from its text, so the word diff cannot
see these; they are found here, block by block, in the rows that pair blocks one to one.
"""

from __future__ import annotations

from variorum.comparison import Row, RowKind, StructureChange
from variorum.document import NESTED_KINDS, Block, Document
from variorum.options import CompareOptions

PAIRING = frozenset({RowKind.EQUAL, RowKind.RENUMBERED, RowKind.CHANGED, RowKind.MOVED_TO})
"""The rows whose blocks are paired one to one (a move's, where its text arrived)."""


def structure_changes(
    rows: tuple[Row, ...], old: Document, new: Document, options: CompareOptions
) -> tuple[StructureChange, ...]:
    """Each block paired one to one whose kind or nesting level differs."""
    found = []
    for row in rows:
        if row.kind not in PAIRING or len(row.old_blocks) != len(row.new_blocks):
            continue
        for old_index, new_index in zip(row.old_blocks, row.new_blocks, strict=True):
            if reshaped(old.blocks[old_index], new.blocks[new_index], options):
                found.append(StructureChange(row.index, old_index, new_index))
    return tuple(found)


def reshaped(old: Block, new: Block, options: CompareOptions) -> bool:
    """Whether a reader sees the block's place in the document changed: its kind, or
    its level in a hierarchy (nesting is whitespace in plain text: not with
    ``ignore_whitespace``). A numbering label that appeared or went is in the words."""
    if (old.label is None) != (new.label is None):
        return False
    if old.kind is not new.kind:
        return True
    return old.kind in NESTED_KINDS and old.level != new.level and not options.ignore_whitespace
