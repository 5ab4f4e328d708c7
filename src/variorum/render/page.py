"""The standalone redline page: one HTML file with inline, side-by-side, old-only and
new-only views, next/previous change navigation, and statistics. It needs no
server and no network, and carries a strict Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

from variorum.comparison import Comparison
from variorum.render import register_stream
from variorum.render.assets import asset, template
from variorum.render.csp import policy
from variorum.render.html import change_counts, lines_between, redline_parts, row_html


@register_stream("html")
def render_page(comparison: Comparison, title: str = "") -> Iterator[str]:
    """A complete, self-contained HTML page of the comparison, in parts (a row at a time)."""
    css, script = asset("page.css"), asset("page.js")
    old, new = comparison.old, comparison.new
    return template("page.html.j2").generate(
        title=title or _title(comparison),
        old=old,
        new=new,
        stats=comparison.stats,
        counts=change_counts(comparison),
        changes=sum(1 for _ in comparison.changes()),
        inline=redline_parts(comparison),
        side_by_side=_side_by_side(comparison),
        css=css,
        script=script,
        csp=policy(css, script),
    )


def _title(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    name = new.title or old.title or "Comparison"
    versions = " → ".join(v for v in (old.version, new.version) if v)
    return f"{name}: {versions}" if versions else name


def _side_by_side(comparison: Comparison) -> Iterator[str]:
    pairs = (
        f'<div class="vr-pair vr-{row.kind.value}" data-row="{row.index}">'
        f'<div class="vr-side vr-side-old">{row_html(comparison, row, "old")}</div>'
        f'<div class="vr-side vr-side-new">{row_html(comparison, row, "new")}</div></div>'
        for row in comparison.rows
    )
    return lines_between('<div class="vr-sbs">', pairs)
