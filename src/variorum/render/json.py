"""The Comparison as JSON, schema-versioned (``variorum/schema/comparison.schema.json``)."""

from __future__ import annotations

import json as _json

from variorum.comparison import Comparison
from variorum.render import register


@register("json")
def render_json(comparison: Comparison, indent: int | None = 1, **_: object) -> str:
    """The comparison's JSON form, with the texts of both versions."""
    return _json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent) + "\n"
