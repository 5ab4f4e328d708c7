"""Variorum: compare versions of documents, annotate them, publish the analysis.

The pipeline, one stage a package or module, each producing one noun::

    files --ingest--> Document --compare--> Comparison --render--> HTML, Markdown, JSON, terminal

>>> import variorum
>>> comparison = variorum.compare("Not to use ICTs.", "Not to use ICT networks.")
>>> comparison.segments()
[('=', 'Not to use '), ('-', 'ICTs'), ('+', 'ICT networks'), ('=', '.\\n')]
"""

from variorum.compare import compare
from variorum.comparison import Comparison, Op, OpKind, Row, RowKind, Stats
from variorum.document import Block, BlockKind, Document, Link, Span
from variorum.errors import InputError, UsageError, VariorumError
from variorum.ingest import load, parse
from variorum.options import CompareOptions
from variorum.render import render

__all__ = [
    "Block",
    "BlockKind",
    "CompareOptions",
    "Comparison",
    "Document",
    "InputError",
    "Link",
    "Op",
    "OpKind",
    "Row",
    "RowKind",
    "Span",
    "Stats",
    "UsageError",
    "VariorumError",
    "compare",
    "load",
    "parse",
    "render",
]
