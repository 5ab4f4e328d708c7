"""The comparison stage: two versions in, one Comparison out.

Its modules, in the order a comparison runs them::

    pipeline   compare_documents(): wires the steps below together, builds the rows
    align      block pairs: equal, edited, moved, split, merged (similarity, moves)
    diff       the word diff of each pair of blocks (compiled twins: _wordops, _tokendiff)
    cleanup    its semantic cleanup, bounded so that kept phrases stay visible
    unfold     replacements cut around the runs of words both versions kept
    unpair     edited pairs whose redline keeps no word, made deletions and insertions
    moved_sentences  sentences that moved between blocks
    links      link targets and image sources that changed under unchanged text
    structure  blocks whose kind or nesting level changed

The engine takes Documents and reads no file; ``compare`` here, the library's front
door, also takes text or a path and hands it to ``variorum.ingest`` first. (Write
``from variorum.compare import align``: the package's name ``variorum.compare`` is
also the function, bound by ``import variorum``.)
"""

from __future__ import annotations

import os
from typing import Any

from variorum.compare.pipeline import compare_documents
from variorum.compare.settled import row_ops
from variorum.comparison import Comparison
from variorum.document import Document
from variorum.options import CompareOptions

__all__ = ["Source", "as_document", "compare", "compare_documents", "row_ops"]

Source = Document | str | os.PathLike[str]
"""One side of a comparison: a Document, text in a string, or a file path."""


def compare(
    old: Source, new: Source, options: CompareOptions | None = None, **option_values: Any
) -> Comparison:
    """Compare two versions: each a Document, a string of text, or a path to a file.

    Options come as a ``CompareOptions`` or as its fields by keyword
    (``compare(a, b, ignore_case=True)``).

    >>> c = compare("(b) Not to use ICTs;", "(2) Not to use ICTs;")
    >>> [row.kind.value for row in c.rows]
    ['renumbered']
    """
    chosen = (options or CompareOptions()).with_changes(**option_values)
    return compare_documents(as_document(old), as_document(new), chosen)


def as_document(source: Source) -> Document:
    """A Document from any accepted source: str is text, a PathLike is a file."""
    if isinstance(source, Document):
        return source
    from variorum.ingest import load, parse_text  # ingest imports parsers: load lazily

    if isinstance(source, str):
        return parse_text(source)
    return load(source)
