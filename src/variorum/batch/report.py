"""The corpus-wide report of a batch: its results folder as one offline HTML page.

    pairs.parquet --summarize--> Summary (per platform, per month, most changed)
                  --page--> HTML with inline SVG charts (no script, nothing fetched)

A platform is the first folder of a document's path (``Facebook`` of
``Facebook/Privacy Policy.md``), a document type its file name without the suffix
(``Privacy Policy``). Words changed are the words inserted and deleted; a pair whose
only change is link targets is "link-only churn", counted apart from prose changes.

>>> from variorum.batch.task import Result
>>> rows = [Result(0, "p", "X/Terms.md", "a", "b", "2020-01-01", "2020-02-03", "d", 4, 2)]
>>> summary = summarize(rows)
>>> summary.months[0].name, summary.months[0].words, summary.platforms[0].name
('2020-02', 6, 'X')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jinja2 import Environment, PackageLoader, select_autoescape

from variorum.batch.task import Result
from variorum.render.csp import policy

MOST = 20
"""Documents and pairs listed as the most changed."""
UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class Tally:
    """Pairs and words changed of one group (a platform, a document type, a month)."""

    name: str
    pairs: int = 0
    words: int = 0
    """Words inserted and deleted."""
    moved: int = 0
    prose_pairs: int = 0
    """Pairs whose text changed."""
    link_only_pairs: int = 0
    failed: int = 0

    def add(self, result: Result) -> Tally:
        prose = result.words_inserted + result.words_deleted + result.words_moved > 0
        return Tally(
            self.name,
            self.pairs + 1,
            self.words + result.words_inserted + result.words_deleted,
            self.moved + result.words_moved,
            self.prose_pairs + (prose and not result.failed),
            self.link_only_pairs + result.link_only,
            self.failed + result.failed,
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the report page shows."""

    total: Tally
    platforms: list[Tally]
    kinds: list[Tally]
    """Per document type, most words changed first."""
    months: list[Tally]
    """Per month of the newer version's date, in order."""
    documents: list[Tally]
    """The most changed documents."""
    pairs: list[Result]
    """The most changed pairs."""


def summarize(results: Sequence[Result]) -> Summary:
    """The results tallied by platform, document type, month and document."""
    platform = _tallies(results, lambda r: _parts(r.document)[0])
    kind = _tallies(results, lambda r: _parts(r.document)[1])
    month = _tallies(results, lambda r: r.new_date[:7] or UNDATED)
    document = _tallies(results, lambda r: r.document or r.pair)
    by_words = sorted(results, key=lambda r: -(r.words_inserted + r.words_deleted))
    return Summary(
        total=_tallies(results, lambda _: "all")[0] if results else Tally("all"),
        platforms=sorted(platform, key=lambda t: t.name),
        kinds=sorted(kind, key=lambda t: -t.words),
        months=sorted(month, key=lambda t: t.name),
        documents=sorted(document, key=lambda t: -t.words)[:MOST],
        pairs=[r for r in by_words if not r.failed][:MOST],
    )


def page(summary: Summary, title: str, folder: Path | None = None, at: Path | None = None) -> str:
    """The report as a self-contained HTML page, to be written in folder ``at``; a pair
    links to its Comparison JSON when the results ``folder`` holds it (``--json``)."""
    environment = Environment(
        loader=PackageLoader("variorum.batch", "templates"), autoescape=select_autoescape()
    )
    css = environment.get_template("report.css").render()
    linked = {
        result.digest
        for result in summary.pairs
        if folder and (folder / "comparisons" / f"{result.digest}.json.gz").exists()
    }
    return environment.get_template("report.html").render(
        title=title, summary=summary, css=css, csp=policy(css, ""), linked=linked,
        chart=_chart(summary.months), comparisons=_relative(folder, at),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bar:
    """One month's bar: its height in the chart's units for prose and link-only pairs."""

    x: int
    label: str
    prose: float
    links: float
    words: int


CHART_HEIGHT = 120
BAR_WIDTH = 12


def _chart(months: Sequence[Tally]) -> list[Bar]:
    """Pairs per month, prose changes under link-only churn, scaled to the chart."""
    highest = max((m.prose_pairs + m.link_only_pairs for m in months), default=0) or 1
    scale = CHART_HEIGHT / highest
    return [
        Bar(n * BAR_WIDTH, m.name, m.prose_pairs * scale, m.link_only_pairs * scale, m.words)
        for n, m in enumerate(months)
    ]


def _relative(folder: Path | None, at: Path | None) -> str:
    """The comparisons folder as a link from the page's folder."""
    if folder is None:
        return "comparisons"
    target = (folder / "comparisons").resolve()
    return Path(os.path.relpath(target, (at or folder).resolve())).as_posix()


def _tallies(results: Iterable[Result], key: Callable[[Result], str]) -> list[Tally]:
    groups: dict[str, Tally] = {}
    for result in results:
        name = key(result)
        groups[name] = groups.get(name, Tally(name)).add(result)
    return list(groups.values())


def _parts(document: str) -> tuple[str, str]:
    """(platform, document type) of a document's path."""
    path = PurePosixPath(document)
    platform = path.parts[0] if len(path.parts) > 1 else "(none)"
    return platform, path.stem or "(none)"
