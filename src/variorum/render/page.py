"""The standalone redline page (``variorum compare -o page.html``): a publication
without notes, on the published analysis's one page shell (``variorum.publish.page``),
so that its views, navigation, search, overview, phone layout and accessibility are
the published page's own. It needs no server and no network, and carries a strict
Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

from variorum.comparison import Comparison, Side
from variorum.render import register_stream


@register_stream("html")
def render_page(comparison: Comparison, title: str = "") -> Iterator[str]:
    """A complete, self-contained HTML page of the comparison, in parts (a row at a time)."""
    # Imported here: the publisher (templates, Markdown) loads only when a page is written.
    from variorum.publish.chart import chart_bars
    from variorum.publish.edition import Edition, PairView, VersionInfo, pair_key
    from variorum.publish.page import page_parts

    old, new = comparison.old, comparison.new
    view = PairView(
        pair_key(old.version or "old", new.version or "new"), comparison, [], chart_bars(comparison)
    )
    versions = tuple(
        VersionInfo(document.version or side, document.date, document.source, "")
        for side, document in ((Side.OLD, old), (Side.NEW, new))
    )
    edition = Edition(title or _title(comparison), (), "", versions, (view,), ())
    return page_parts(edition, "single")


def _title(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    name = new.title or old.title or "Comparison"
    versions = " → ".join(v for v in (old.version, new.version) if v)
    return f"{name}: {versions}" if versions else name
