"""The report's charts: Vega-Lite specifications drawn as SVG by ``vl-convert`` (the
Vega project's own renderer, run in the Python process), so the page carries finished
drawings: no script, nothing fetched, nothing for its Content-Security-Policy to allow.

    Summary --spec (Vega-Lite JSON: data, marks, encodings)--> vl_convert --> <svg>

Vega's ARIA attributes are turned off (``aria: false``): each drawing is one image
named by its caption, beside a table of its numbers for a reader who cannot see it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any

from variorum.batch.report import UNDATED, ProvisionTally, Tally

WIDTH = 760
"""The plotting area's width, in CSS pixels at full size (the page scales it down)."""
ROW_HEIGHT = 18
"""Height of one row of a heat map or one bar of a bar chart, in pixels."""
MOST_ROWS = 25
"""Rows a heat map shows: the groups with the most words changed."""
PROSE, LINKS = "prose changes", "link targets only"
COLOURS = {PROSE: "#1f5f99", LINKS: "#b36b00"}
"""Blue and orange, told apart with any colour vision; both 4.5:1 on white."""
CONFIG = {
    "aria": False, "font": "sans-serif", "background": "white", "padding": 8,
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12, "titleFontSize": 12},
}  # fmt: skip
"""``sans-serif``: the font vl-convert measures labels with is the one the browser draws."""


def changes_over_time(months: Sequence[Tally], label: str) -> str:
    """Pairs a month, those with prose changes under those with only link targets changed."""
    values = [
        {"month": f"{m.name}-01", "kind": kind, "pairs": count}
        for m in months
        if m.name != UNDATED
        for kind, count in ((PROSE, m.prose_pairs), (LINKS, m.link_only_pairs))
    ]
    return draw({
        "data": {"values": values},
        "mark": {"type": "bar"},
        "width": WIDTH, "height": 200,
        "encoding": {
            "x": _month_axis(),
            "y": {"field": "pairs", "type": "quantitative", "title": "pairs of versions"},
            "color": {
                "field": "kind", "type": "nominal", "title": None,
                "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
                "legend": {"orient": "top"},
            },
            "order": {"field": "kind", "sort": "descending"},
        },
    }, label)  # fmt: skip


def heat_map(
    cells: dict[tuple[str, str], int], groups: Sequence[Tally], title: str, label: str
) -> str:
    """Words changed by group (a row each, the most changed first) and month."""
    shown = sorted(groups, key=lambda t: -t.words)[:MOST_ROWS]
    names = [t.name for t in shown]
    values = [
        {"group": name, "month": f"{month}-01", "words": words}
        for (name, month), words in cells.items()
        if name in set(names) and month != UNDATED and words
    ]
    return draw({
        "data": {"values": values},
        "mark": {"type": "rect"},
        "width": WIDTH, "height": ROW_HEIGHT * max(len(names), 1),
        "encoding": {
            "x": _month_axis(),
            "y": {"field": "group", "type": "nominal", "title": title, "sort": names},
            "color": {
                "field": "words", "type": "quantitative", "title": "words changed",
                "scale": {"type": "symlog", "scheme": "blues"},
            },
        },
    }, label)  # fmt: skip


def provisions_bars(provisions: Sequence[ProvisionTally], label: str) -> str:
    """The most changed provisions as horizontal bars of words changed."""
    values = [
        {"provision": f"{_short(p.document)} › {_short(p.heading)}", "words": p.words}
        for p in provisions
    ]
    return draw({
        "data": {"values": values},
        "mark": {"type": "bar", "color": COLOURS[PROSE]},
        "width": WIDTH // 2 + 40, "height": ROW_HEIGHT * max(len(values), 1),
        "encoding": {
            "y": {
                "field": "provision", "type": "nominal", "title": None, "sort": None,
                "axis": {"labelLimit": 360},
            },
            "x": {"field": "words", "type": "quantitative", "title": "words changed"},
        },
    }, label)  # fmt: skip


def draw(spec: dict[str, Any], label: str) -> str:
    """A Vega-Lite specification as an SVG element: an image named ``label``."""
    import vl_convert  # loads V8: only when a report is drawn

    complete = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": CONFIG}
    svg: str = vl_convert.vegalite_to_svg(json.dumps({**complete, **spec}))
    named = f'<svg role="img" aria-label="{html.escape(label)}" '
    return _PARTS_ROLES.sub("", svg).replace("<svg ", named, 1)


_PARTS_ROLES = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')
"""The roles Vega still gives the parts of a drawing (its mark containers) with ARIA
off: an image's parts have none, and axe reports an image whose parts are named."""


def _month_axis() -> dict[str, Any]:
    return {
        "field": "month", "type": "temporal", "timeUnit": "utcyearmonth", "title": None,
        "axis": {"format": "%Y-%m", "labelAngle": 0, "tickCount": 12},
    }  # fmt: skip


def _short(text: str, characters: int = 40) -> str:
    return text if len(text) <= characters else text[: characters - 1].rstrip() + "…"
