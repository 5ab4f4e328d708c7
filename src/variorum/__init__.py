"""Variorum: compare versions of documents, annotate them, publish the analysis.

The pipeline, one stage a package or module, each producing one noun::

    files --ingest--> Document --compare--> Comparison --render--> HTML, Markdown, JSON, terminal
                         |                      |
                         +---- anchor <---------+-- Annotations (W3C Web Annotation)
    project folder (variorum.toml, versions, annotations.jsonld) --publish--> static site

>>> import variorum
>>> comparison = variorum.compare("Not to use ICTs.", "Not to use ICT networks.")
>>> comparison.segments()
[('=', 'Not to use '), ('-', 'ICTs'), ('+', 'ICT networks'), ('=', '.\\n')]
"""

from variorum.annotations import (
    Anchor,
    AnchorMethod,
    Annotation,
    AnnotationError,
    Body,
    Carried,
    CarryStatus,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
    anchor,
    anchor_annotation,
    carry,
    collection_to_jsonld,
    from_jsonld,
    parse_annotations,
    to_jsonld,
)
from variorum.compare import compare
from variorum.comparison import Comparison, Op, OpKind, Row, RowKind, Stats
from variorum.document import Block, BlockKind, Document, Link, Span
from variorum.errors import InputError, UsageError, VariorumError
from variorum.ingest import load, parse
from variorum.options import CompareOptions
from variorum.project import Project, add_version, create_project, open_project
from variorum.render import render, stream

__all__ = [
    "Anchor",
    "AnchorMethod",
    "Annotation",
    "AnnotationError",
    "Block",
    "BlockKind",
    "Body",
    "Carried",
    "CarryStatus",
    "ChangeTarget",
    "CompareOptions",
    "Comparison",
    "Document",
    "InputError",
    "Link",
    "Op",
    "OpKind",
    "Project",
    "Row",
    "RowKind",
    "Span",
    "Stats",
    "Target",
    "TextPositionSelector",
    "TextQuoteSelector",
    "UsageError",
    "VariorumError",
    "add_version",
    "anchor",
    "anchor_annotation",
    "carry",
    "collection_to_jsonld",
    "compare",
    "create_project",
    "from_jsonld",
    "load",
    "open_project",
    "parse",
    "parse_annotations",
    "render",
    "stream",
    "to_jsonld",
]
