"""An edition: what a published analysis shows, gathered from a project folder.

Project (variorum.toml + versions + annotations.jsonld) --> Edition: the header
(title, authors, introduction, versions), and for each pair of versions shown its
Comparison, its numbered notes and its changed provisions. Nothing here writes HTML.

With two versions there is one pair. With more, the pairs are the first version
against the last, then each version against the next: the whole change and each
step of it; up to ``ALL_PAIRS_UP_TO`` versions, every other pair as well (past it,
the quadratic number of pairs would outweigh the page, which composes any other pair
from the steps instead: ``publish.picking``). With more than two versions
the edition holds the document's history too (``publish.history``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, pairwise

from variorum.annotations.markdown import markdown_to_html
from variorum.annotations.model import Annotation
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.document import Document
from variorum.errors import UsageError
from variorum.options import CompareOptions
from variorum.project import Project
from variorum.publish.chart import Bar, chart_bars
from variorum.publish.history import History, build_history
from variorum.publish.notes import Note, note_keys, place_notes

ALL_PAIRS_UP_TO = 10
"""Most versions for which every pair is published (45 pairs); past it, the whole
change and each step."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version as the header lists it."""

    label: str
    date: str
    source: str
    """A citation or URL; shown as a link when it is an http(s) URL."""
    url: str
    """An http(s) URL for the version, if the project gives one."""


@dataclass(frozen=True)
class PairView:
    """One pair of versions: its comparison, notes and changed provisions."""

    key: str
    """URL-safe name such as ``2011-2015``: the pair's file name and ``#p-`` link."""
    comparison: Comparison
    notes: list[Note]
    """The notes on this pair, numbered in reading order."""
    bars: list[Bar]
    """The chart's bars: changed provisions (grouped by section in long documents)."""

    @property
    def label(self) -> str:
        """``2011 → 2015``."""
        return f"{self.comparison.old.version} → {self.comparison.new.version}"


@dataclass(frozen=True)
class Edition:
    """Everything a published page shows."""

    title: str
    authors: tuple[str, ...]
    introduction_html: str
    """The project's introduction, rendered from Markdown and sanitized."""
    versions: tuple[VersionInfo, ...]
    pairs: tuple[PairView, ...]
    """The first is the default pair."""
    tags: tuple[tuple[str, int], ...]
    """Every tag with its number of annotations, most used first."""
    history: History | None = None
    """The timeline and provenance, with more than two versions and every step shown."""


def build_edition(project: Project, options: CompareOptions | None = None) -> Edition:
    """Compare the project's versions and place its annotations on each pair shown
    (drafts are left out: they are not published)."""
    labels = project.labels
    if len(labels) < 2:
        raise UsageError(
            f"{project.folder} has {len(labels)} version(s): publishing needs two"
            " (variorum add-version FILE)"
        )
    documents = project.documents()
    return assemble_edition(
        project.title or documents[labels[-1]].title or "Comparison",
        project.authors,
        project.introduction,
        tuple(
            VersionInfo(v.label, v.date, v.source, v.url if is_web(v.url) else "")
            for v in project.versions
        ),
        documents,
        [note for note in project.annotations() if not note.draft],
        pair_labels(labels),
        options,
    )


def assemble_edition(
    title: str,
    authors: tuple[str, ...],
    introduction: str,
    versions: tuple[VersionInfo, ...],
    documents: dict[str, Document],
    annotations: list[Annotation],
    pairs: list[tuple[str, str]],
    options: CompareOptions | None = None,
) -> Edition:
    """An Edition from its parts, wherever they are stored (a project folder, the web
    app's database): the pairs of version labels shown, the first being the default."""
    keys = note_keys(annotations)
    views = tuple(
        _pair(documents[old], documents[new], annotations, keys, options) for old, new in pairs
    )
    tags = Counter(tag for annotation in annotations for tag in annotation.body.tags)
    shown = {(view.comparison.old.version, view.comparison.new.version): view for view in views}
    history = build_history(
        [version.label for version in versions],
        [version.date for version in versions],
        {pair: (view.key, view.comparison) for pair, view in shown.items()},
    )
    return Edition(
        title,
        authors,
        markdown_to_html(introduction) if introduction.strip() else "",
        versions,
        views,
        tuple(sorted(tags.items(), key=lambda item: (-item[1], item[0]))),
        history,
    )


def pair_labels(labels: list[str]) -> list[tuple[str, str]]:
    """The pairs of versions shown: first against last, then each step, then (up to
    ``ALL_PAIRS_UP_TO`` versions) every other pair.

    >>> pair_labels(["2011", "2015"])
    [('2011', '2015')]
    >>> pair_labels(["a", "b", "c", "d"])
    [('a', 'd'), ('a', 'b'), ('b', 'c'), ('c', 'd'), ('a', 'c'), ('b', 'd')]
    """
    steps = list(pairwise(labels))
    whole = (labels[0], labels[-1])
    if len(steps) == 1:
        return steps
    shown = [whole, *steps]
    if len(labels) <= ALL_PAIRS_UP_TO:
        shown += [pair for pair in combinations(labels, 2) if pair not in shown]
    return shown


def _pair(
    old: Document,
    new: Document,
    annotations: list[Annotation],
    keys: dict[str, str],
    options: CompareOptions | None,
) -> PairView:
    comparison = compare(old, new, options)
    return PairView(
        pair_key(old.version, new.version),
        comparison,
        place_notes(annotations, comparison, keys),
        chart_bars(comparison),
    )


def pair_key(old: str, new: str) -> str:
    """A URL- and file-safe name for a pair of version labels.

    >>> pair_key("2011", "v2 draft")
    '2011-v2-draft'
    """
    return re.sub(r"[^A-Za-z0-9_.]+", "-", f"{old}-{new}").strip("-.") or "pair"


def is_web(value: str) -> bool:
    """Whether a source can be shown as a link (only http and https are)."""
    return value.startswith(("https://", "http://"))
