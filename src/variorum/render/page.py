"""The standalone redline page: one HTML file with inline, side-by-side, old-only and
new-only views, next/previous change navigation, and statistics. It needs no
server and no network, and carries a strict Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

import jinja2

from variorum.comparison import Comparison, RowKind
from variorum.render import register_stream
from variorum.render.csp import policy
from variorum.render.html import KIND_LABELS, lines_between, redline_parts, row_html


@register_stream("html")
def render_page(comparison: Comparison, title: str = "") -> Iterator[str]:
    """A complete, self-contained HTML page of the comparison, in parts (a row at a time)."""
    css, script = _asset("page.css"), _asset("page.js")
    old, new = comparison.old, comparison.new
    return _template().generate(
        title=title or _title(comparison),
        old=old,
        new=new,
        stats=comparison.stats,
        counts={
            KIND_LABELS[RowKind(kind)]: n
            for kind, n in comparison.row_counts().items()
            if n and kind != "equal"
        },
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


@cache
def _asset(name: str) -> str:
    return resources.files("variorum.render").joinpath("static", name).read_text(encoding="utf-8")


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("variorum.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("page.html.j2")
