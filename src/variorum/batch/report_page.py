"""The report page of a batch (``variorum batch-report``): its Summary as one offline
HTML page, with charts, each listed pair linked to its redline.

    Summary --charts (SVG)--> page.html on the report template
            --links: redlines/DIGEST.html (``batch --redlines``), else the Comparison JSON

The page runs no script and fetches nothing: its Content-Security-Policy allows its
own style alone (``render.csp``), as every page of Variorum does.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from variorum.batch import charts
from variorum.batch.report import Summary
from variorum.batch.results import COMPARISONS, REDLINES
from variorum.render.csp import policy


def page(summary: Summary, title: str, folder: Path, at: Path) -> str:
    """The report of the results ``folder`` as a self-contained page to be written in
    folder ``at``."""
    environment = Environment(
        loader=PackageLoader("variorum.batch", "templates"), autoescape=select_autoescape()
    )
    css = environment.get_template("report.css").render()
    return environment.get_template("report.html").render(
        title=title, summary=summary, css=css, csp=policy(css, ""),
        charts=_charts(summary), links=_links(summary, folder, at),
        most_rows=charts.MOST_ROWS,
    )  # fmt: skip


def _charts(summary: Summary) -> dict[str, str]:
    return {
        "time": charts.changes_over_time(
            summary.months, "Pairs of versions each month, prose changes and link-only churn"
        ),
        "platforms": charts.heat_map(
            summary.platform_months, summary.platforms, "platform",
            "Words changed each month, per platform",
        ),
        "kinds": charts.heat_map(
            summary.kind_months, summary.kinds, "document type",
            "Words changed each month, per document type",
        ),
        "provisions": charts.provisions_bars(
            summary.provisions, "Words changed in the most changed provisions"
        ),
    }  # fmt: skip


def _links(summary: Summary, folder: Path, at: Path) -> dict[str, str]:
    """For each digest the page lists, the link to its redline page when the results
    hold it, else to its Comparison JSON; none when they hold neither."""
    digests = {pair.digest for pair in summary.pairs}
    digests |= {provision.largest[1] for provision in summary.provisions}
    links = {}
    for digest in sorted(digests):
        for subfolder, suffix in ((REDLINES, ".html"), (COMPARISONS, ".json.gz")):
            target = folder / subfolder / f"{digest}{suffix}"
            if target.is_file():
                links[digest] = Path(os.path.relpath(target.resolve(), at.resolve())).as_posix()
                break
    return links
