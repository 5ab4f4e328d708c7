"""Structure changes: a block whose kind or nesting level changed.

A heading demoted under another, a list item moved out of the list it qualified, a
paragraph turned into a quotation: the words may be the same, the meaning is not. The
Documents keep each block's kind and level apart from its text, so the word diff cannot
see these; they are found here, block by block, in the rows that pair blocks one to one.
"""

from __future__ import annotations

from variorum.comparison import Row, RowKind, StructureChange
from variorum.document import KIND, LEVEL, NESTED_KINDS, Block, BlockKind, Document
from variorum.options import CompareOptions

PAIRING = frozenset({RowKind.EQUAL, RowKind.RENUMBERED, RowKind.CHANGED, RowKind.MOVED_TO})
"""The rows whose blocks are paired one to one (a move's, where its text arrived)."""


def structure_changes(
    rows: tuple[Row, ...], old: Document, new: Document, options: CompareOptions
) -> tuple[StructureChange, ...]:
    """Each block paired one to one whose kind or nesting level differs."""
    found = []
    shapes = Shapes(old, new)
    for row in rows:
        if row.kind not in PAIRING or len(row.old_blocks) != len(row.new_blocks):
            continue
        if shapes.same(row.old_blocks, row.new_blocks):
            continue  # the common case, read by whole columns: no block to make and ask
        for old_index, new_index in zip(row.old_blocks, row.new_blocks, strict=True):
            if reshaped(old.blocks[old_index], new.blocks[new_index], options):
                found.append(StructureChange(row.index, old_index, new_index))
    return tuple(found)


def reshaped(old: Block, new: Block, options: CompareOptions) -> bool:
    """Whether a reader sees the block's place in the document changed: its kind, or
    its level in a hierarchy (a heading's always; a list item's or quotation's nesting
    is whitespace in plain text: not with ``ignore_whitespace``). A numbering label
    that appeared or went is in the words."""
    if (old.label is None) != (new.label is None):
        return False
    if old.kind is not new.kind:
        return True
    if old.kind not in NESTED_KINDS or old.level == new.level:
        return False
    return old.kind is BlockKind.HEADING or not options.ignore_whitespace


class Shapes:
    """The kinds and levels of two Documents' blocks, read once, by whole columns."""

    def __init__(self, old: Document, new: Document) -> None:
        self.kinds = old.blocks.column(KIND), new.blocks.column(KIND)
        self.levels = old.blocks.column(LEVEL), new.blocks.column(LEVEL)

    def same(self, old: range, new: range) -> bool:
        """Whether these runs of blocks have the same kinds and levels, one by one."""
        (old_kinds, new_kinds), (old_levels, new_levels) = self.kinds, self.levels
        return (
            old_kinds[old.start : old.stop] == new_kinds[new.start : new.stop]
            and old_levels[old.start : old.stop] == new_levels[new.start : new.stop]
        )
