"""The corpus-wide figures of a batch: its rows tallied by platform, document type,
month and provision, in one pass, for the report page (``report_page``).

A platform is the first folder of a document's path (``Facebook`` of
``Facebook/Privacy Policy.md``), a document type its file name without the suffix
(``Privacy Policy``), a month that of the newer version's date. Words changed are
the words inserted and deleted; a pair whose only change is link targets is "link-only
churn", counted apart from prose changes. A provision is a section of one document
(``provisions.py``), tallied over every pair that changed it.

>>> from variorum.batch.task import Result
>>> rows = [Result(0, "p", "X/Terms.md", "a", "b", "2020-01-01", "2020-02-03", "d", 4, 2)]
>>> summary = summarize(rows)
>>> summary.months[0].name, summary.months[0].words, summary.platforms[0].name
('2020-02', 6, 'X')
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from variorum.batch.task import Result

MOST = 20
"""Documents, pairs and provisions listed as the most changed."""
UNDATED = "undated"


@dataclass(slots=True)
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

    def add(self, result: Result) -> None:
        prose = result.words_inserted + result.words_deleted + result.words_moved > 0
        self.pairs += 1
        self.words += result.words_inserted + result.words_deleted
        self.moved += result.words_moved
        self.prose_pairs += prose and not result.failed
        self.link_only_pairs += result.link_only
        self.failed += result.failed


@dataclass(slots=True)
class ProvisionTally:
    """One section of one document over the whole corpus."""

    document: str
    heading: str
    words: int = 0
    """Words inserted, deleted and moved in it, over every pair."""
    pairs: int = 0
    """Pairs (consecutive versions) that changed it."""
    largest: tuple[int, str, int] = (0, "", 0)
    """Its largest change: (words, the pair's digest, the redline's row)."""


@dataclass(slots=True)
class Summary:
    """Everything the report page shows."""

    total: Tally = field(default_factory=lambda: Tally("all"))
    platforms: list[Tally] = field(default_factory=list)
    """In name order."""
    kinds: list[Tally] = field(default_factory=list)
    """Per document type, most words changed first."""
    months: list[Tally] = field(default_factory=list)
    """Per month of the newer version's date, in order."""
    documents: list[Tally] = field(default_factory=list)
    """The most changed documents."""
    pairs: list[Result] = field(default_factory=list)
    """The most changed pairs."""
    provisions: list[ProvisionTally] = field(default_factory=list)
    """The most changed provisions."""
    platform_months: dict[tuple[str, str], int] = field(default_factory=dict)
    """Words changed by (platform, month)."""
    kind_months: dict[tuple[str, str], int] = field(default_factory=dict)
    """Words changed by (document type, month)."""


def summarize(results: Iterable[Result]) -> Summary:
    """The results tallied by platform, document type, month, document and provision,
    reading each once (a table of millions of rows is not held)."""
    total = Tally("all")
    groups: tuple[dict[str, Tally], ...] = ({}, {}, {}, {})
    cells: tuple[dict[tuple[str, str], int], ...] = ({}, {})
    provisions: dict[tuple[str, str], ProvisionTally] = {}
    largest: list[tuple[int, int, Result]] = []
    for result in results:
        total.add(result)
        platform, kind = _parts(result.document)
        month = result.new_date[:7] or UNDATED
        names = (platform, kind, month, result.document or result.pair)
        for tallies, name in zip(groups, names, strict=True):
            tallies.setdefault(name, Tally(name)).add(result)
        words = result.words_inserted + result.words_deleted
        for grid, name in zip(cells, (platform, kind), strict=True):
            grid[name, month] = grid.get((name, month), 0) + words
        _add_provisions(provisions, result)
        if not result.failed:
            _keep_largest(largest, (words, -result.index, result))
    platforms, kinds, months, documents = (list(tallies.values()) for tallies in groups)
    return Summary(
        total=total,
        platforms=sorted(platforms, key=lambda t: t.name),
        kinds=sorted(kinds, key=lambda t: -t.words),
        months=sorted(months, key=lambda t: t.name),
        documents=sorted(documents, key=lambda t: -t.words)[:MOST],
        pairs=[result for *_, result in sorted(largest, key=lambda k: k[:2], reverse=True)],
        provisions=heapq.nlargest(MOST, provisions.values(), key=lambda p: (p.words, p.pairs)),
        platform_months=cells[0],
        kind_months=cells[1],
    )


def _add_provisions(provisions: dict[tuple[str, str], ProvisionTally], result: Result) -> None:
    for provision in result.provisions:
        key = (result.document or result.pair, provision.heading)
        tally = provisions.setdefault(key, ProvisionTally(*key))
        tally.words += provision.words
        tally.pairs += 1
        if provision.words > tally.largest[0]:
            tally.largest = (provision.words, result.digest, provision.row)


def _keep_largest(heap: list[tuple[int, int, Result]], entry: tuple[int, int, Result]) -> None:
    """Keep the ``MOST`` largest entries (words, then earlier pairs first)."""
    if len(heap) < MOST:
        heapq.heappush(heap, entry)
    elif entry[:2] > heap[0][:2]:
        heapq.heapreplace(heap, entry)


def _parts(document: str) -> tuple[str, str]:
    """(platform, document type) of a document's path."""
    path = PurePosixPath(document)
    platform = path.parts[0] if len(path.parts) > 1 else "(none)"
    return platform, path.stem or "(none)"
