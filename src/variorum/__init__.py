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

from __future__ import annotations

from typing import TYPE_CHECKING

# a function named like its module is bound now: importing the module later would
# otherwise set the package's attribute to the module
from variorum.compare import compare
from variorum.lazy import attribute_loader
from variorum.render import render, stream

if TYPE_CHECKING:  # the names below, for type checkers; at run time each loads on first use
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
    from variorum.comparison import Comparison, Op, OpKind, Row, RowKind, Stats
    from variorum.document import Block, BlockKind, Document, Link, LinkKind, Span
    from variorum.errors import InputError, UsageError, VariorumError
    from variorum.ingest import load, parse
    from variorum.options import CompareOptions
    from variorum.project import Project, add_version, create_project, open_project

_HOMES = {
    **dict.fromkeys(
        [
            "Anchor", "AnchorMethod", "Annotation", "AnnotationError", "Body", "Carried",
            "CarryStatus", "ChangeTarget", "Target", "TextPositionSelector",
            "TextQuoteSelector", "anchor", "anchor_annotation", "carry",
            "collection_to_jsonld", "from_jsonld", "parse_annotations", "to_jsonld",
        ],
        "variorum.annotations",
    ),
    **dict.fromkeys(
        ["Comparison", "Op", "OpKind", "Row", "RowKind", "Stats"], "variorum.comparison"
    ),
    **dict.fromkeys(
        ["Block", "BlockKind", "Document", "Link", "LinkKind", "Span"], "variorum.document"
    ),
    **dict.fromkeys(["InputError", "UsageError", "VariorumError"], "variorum.errors"),
    **dict.fromkeys(["load", "parse"], "variorum.ingest"),
    "CompareOptions": "variorum.options",
    **dict.fromkeys(
        ["Project", "add_version", "create_project", "open_project"], "variorum.project"
    ),
}  # fmt: skip
"""Where each public name lives: ``import variorum`` loads none of them (nor the
libraries behind them, such as tomlkit or rapidfuzz) until it is first used."""


__getattr__ = attribute_loader("variorum", _HOMES, globals())


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


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
    "LinkKind",
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
