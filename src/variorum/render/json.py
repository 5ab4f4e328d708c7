"""The Comparison as JSON, schema-versioned (``variorum/schema/comparison.schema.json``)."""

from __future__ import annotations

import json as _json
from collections.abc import Iterator
from itertools import islice

from variorum.comparison import Comparison
from variorum.render import register_stream

_PIECES_A_PART = 4096
"""The encoder yields a piece per value or punctuation mark; parts join this many."""


@register_stream("json")
def render_json(comparison: Comparison, indent: int | None = 1) -> Iterator[str]:
    """The comparison's JSON form, with the texts of both versions, in parts."""
    encoder = _json.JSONEncoder(ensure_ascii=False, indent=indent)
    pieces = encoder.iterencode(comparison.to_dict())
    while part := "".join(islice(pieces, _PIECES_A_PART)):
        yield part
    yield "\n"
