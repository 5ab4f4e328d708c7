"""Annotations: notes attached to passages of a version, or to a change between two.

The pipeline, one module a step::

    Document + Span --describe--> Target (TextPositionSelector + TextQuoteSelector)
    Target + Document --anchor--> Anchor (position | quote | fuzzy | orphaned)
    Annotations + Comparison --carry--> Carried (intact | changed | moved | deleted)
    Annotations <--jsonld--> W3C Web Annotation JSON-LD (and Hypothesis API JSON)

- ``model``: Annotation, Body, Target, ChangeTarget and the two W3C selectors;
- ``match_quote``: finding a quote exactly or approximately, with named weights;
- ``anchor``: position verified by the quote, then the quote, then a fuzzy quote;
- ``offset_map`` (with ``kept_words``): where a passage of one version stands in the
  other, for carrying, the published page and a project alike;
- ``carry``: following passages through a Comparison's ops to the next version;
- ``jsonld`` and ``hypothesis``: import and export;
- ``markdown``: a note's Markdown as sanitized HTML.
"""

from variorum.annotations.anchor import Anchor, AnchorMethod, anchor, anchor_annotation
from variorum.annotations.carry import Carried, CarryStatus, carry
from variorum.annotations.jsonld import (
    Imported,
    collection_to_jsonld,
    from_jsonld,
    parse_annotations,
    to_jsonld,
)
from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    Body,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from variorum.annotations.offset_map import OffsetMap

__all__ = [
    "Anchor",
    "AnchorMethod",
    "Annotation",
    "AnnotationError",
    "Body",
    "Carried",
    "CarryStatus",
    "ChangeTarget",
    "Imported",
    "OffsetMap",
    "Target",
    "TextPositionSelector",
    "TextQuoteSelector",
    "anchor",
    "anchor_annotation",
    "carry",
    "collection_to_jsonld",
    "from_jsonld",
    "parse_annotations",
    "to_jsonld",
]
