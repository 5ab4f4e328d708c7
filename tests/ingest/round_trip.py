"""How much of a document a round trip through another format changed."""

from __future__ import annotations

from variorum.compare import compare
from variorum.comparison import OpKind
from variorum.document import Document

MAX_CHANGED_SHARE = 0.005
"""At most this share of the plain text's tokens may differ after a round trip."""


def changed_share(expected: Document, found: Document) -> float:
    """The share of ``expected``'s tokens that a comparison with ``found`` marks as changed."""
    comparison = compare(expected, found)
    changed = 0
    for row in comparison.rows:
        for op in row.ops:
            if op.kind is not OpKind.EQUAL:
                changed += max(len(expected.tokens(op.old)), len(found.tokens(op.new)))
    return changed / len(expected.tokens())
