"""A document's history in the published page (more than two versions).

    the edition's steps (each version against the next) --> History:
      points   one a version: its date and the words changed since the one before
      written  the last version's text in passages, each with the version that
               introduced it (history.blame.provenance) and the place in that
               version's step where it was written
      ages     the legend: versions grouped into at most ``AGE_CLASSES`` colours

The page draws the timeline (``timeline_svg``), lets a reader pick any two versions
published and step through the consecutive changes, and colours the text by age.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from variorum.comparison import Comparison, Side
from variorum.history.blame import provenance
from variorum.publish.chart import changed_words, plural
from variorum.render.pieces import readable_text

AGE_CLASSES = 8
"""Most colours of the "when was this written" view: versions share them past this."""
CHART_HEIGHT = 120
"""Pixels of the timeline's bars (the tallest bar); labels take ``LABEL_ROOM`` more."""
LABEL_ROOM = 22


@dataclass(frozen=True, slots=True)
class Point:
    """One version on the timeline."""

    label: str
    date: str
    inserted: int
    """Words inserted since the version before (deleted, moved: likewise)."""
    deleted: int
    moved: int
    step: str
    """The key of the pair from the version before to this one ("" for the first)."""

    @property
    def words(self) -> int:
        """Words changed since the version before."""
        return self.inserted + self.deleted + self.moved

    def describe(self) -> str:
        """The point in words, for screen readers and tooltips."""
        when = f" ({self.date})" if self.date else ""
        if not self.step:
            return f"{self.label}{when}: the first version"
        parts = changed_words(self.inserted, self.deleted, self.moved)
        return f"{self.label}{when}: {', '.join(parts) or 'no words changed'}"


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of the last version's text written in one version."""

    text: str
    version: int
    """Index of the version that introduced it."""
    pair: str
    """The key of the pair whose redline shows it being written."""
    row: int
    """The row of that redline where it stands."""


@dataclass(frozen=True, slots=True)
class Age:
    """One colour of the legend: the versions it stands for."""

    first: str
    last: str

    @property
    def label(self) -> str:
        return self.first if self.first == self.last else f"{self.first} – {self.last}"


@dataclass(frozen=True)
class History:
    """What the page shows of a project's history."""

    points: tuple[Point, ...]
    written: tuple[tuple[Passage, ...], ...]
    """The last version's blocks, each as its passages."""
    ages: tuple[Age, ...]
    pairs: dict[tuple[int, int], str]
    """The pairs published, by the indices of their versions: their keys."""

    def age(self, version: int) -> int:
        """The colour class of a version (of the legend's entry ``group``)."""
        return self.colour(version * len(self.ages) // len(self.points))

    def colour(self, group: int) -> int:
        """The colour class of the legend's entry ``group``: spread over the whole
        palette, so that the newest is always its warmest colour."""
        return group * (AGE_CLASSES - 1) // max(len(self.ages) - 1, 1)

    def when(self, version: int) -> str:
        """A version's label and date, as the view names it."""
        point = self.points[version]
        return f"{point.label}, {point.date}" if point.date else point.label


Shown = dict[tuple[str, str], tuple[str, Comparison]]
"""The pairs published: (old label, new label) -> (the pair's key, its comparison)."""


def build_history(labels: Sequence[str], dates: Sequence[str], pairs: Shown) -> History | None:
    """The history of versions ``labels`` (oldest first) from the ``pairs`` published;
    None with two versions or fewer, or when a step between consecutive versions is not
    among them."""
    if len(labels) < 3 or any(step not in pairs for step in pairwise(labels)):
        return None
    steps = [pairs[step] for step in pairwise(labels)]
    points = [Point(labels[0], dates[0], 0, 0, 0, "")] + [
        Point(label, date, c.stats.words_inserted, c.stats.words_deleted, c.stats.words_moved, key)
        for label, date, (key, c) in zip(labels[1:], dates[1:], steps, strict=True)
    ]
    index = {label: at for at, label in enumerate(labels)}
    return History(
        tuple(points),
        _written(steps),
        _ages(labels),
        {(index[old], index[new]): key for (old, new), (key, _) in pairs.items()},
    )


def _ages(labels: Sequence[str]) -> tuple[Age, ...]:
    classes = min(AGE_CLASSES, len(labels))
    groups: dict[int, list[str]] = {}
    for at, label in enumerate(labels):
        groups.setdefault(at * classes // len(labels), []).append(label)
    return tuple(Age(group[0], group[-1]) for group in groups.values())


def _written(steps: Sequence[tuple[str, Comparison]]) -> tuple[tuple[Passage, ...], ...]:
    """The last version's blocks as passages of one origin each, placed in their step."""
    comparisons = [comparison for _, comparison in steps]
    versions = [comparisons[0].old] + [comparison.new for comparison in comparisons]
    origins, places = provenance(versions, comparisons)
    finders = [_RowFinder(comparison) for comparison in comparisons]
    last = versions[-1]
    blocks = []
    for block in last.blocks:
        passages = []
        start = block.span.start
        for at in range(block.span.start + 1, block.span.end + 1):
            if at < block.span.end and origins[at] == origins[start]:
                continue
            origin = origins[start]
            # the first version's words are shown where the first step reads them
            key, _ = steps[max(origin - 1, 0)]
            finder = finders[max(origin - 1, 0)]
            row = finder.row(places[start], Side.OLD if origin == 0 else Side.NEW)
            words = readable_text(last, start, last.text[start:at])  # (pictures named)
            passages.append(Passage(words, origin, key, row))
            start = at
        blocks.append(tuple(passages))
    return tuple(blocks)


class _RowFinder:
    """The row of a comparison where a character of either version stands."""

    def __init__(self, comparison: Comparison) -> None:
        self._rows = {
            side: sorted(
                (row.on(side).start, row.on(side).end, row.index)
                for row in comparison.rows
                if row.on(side) and row.stands_in(side)
            )
            for side in Side
        }

    def row(self, offset: int, side: Side) -> int:
        rows = self._rows[side]
        at = bisect.bisect_right(rows, (offset, 1 << 62, 0)) - 1
        return rows[at][2] if at >= 0 and rows[at][0] <= offset < rows[at][1] else -1


def timeline_svg(points: Sequence[Point], hrefs: Mapping[str, str], current: str = "") -> str:
    """The timeline as an inline ``<svg>``: a column a version, its bar the words
    changed since the one before, each a link (``hrefs``: step -> address) to that
    step's redline; ``current`` the step shown."""
    tallest = max(point.words for point in points) or 1
    width = 100 / len(points)
    columns = "\n".join(
        _column(point, at, width, tallest, hrefs, point.step == current and bool(current))
        for at, point in enumerate(points)
    )
    first, last = points[0], points[-1]
    bottom = CHART_HEIGHT + LABEL_ROOM - 6
    return (
        f'<svg class="vr-chart vr-timeline" width="100%" height="{CHART_HEIGHT + LABEL_ROOM}" '
        f'role="group" aria-label="Words changed in each version, {escape(first.label)} to '
        f'{escape(last.label)}" xmlns="http://www.w3.org/2000/svg">\n'
        f'<text class="vr-bar-count" x="0" y="11" aria-hidden="true">{tallest:,} '
        f"{plural(tallest, 'word')}</text>\n{columns}\n"
        f'<text x="0" y="{bottom}" aria-hidden="true">{escape(first.date or first.label)}</text>'
        f'<text x="100%" y="{bottom}" text-anchor="end" aria-hidden="true">'
        f"{escape(last.date or last.label)}</text>\n</svg>"
    )


def _column(
    point: Point, at: int, width: float, tallest: int, hrefs: Mapping[str, str], current: bool
) -> str:
    """One version: a link over its column, its stacked bar."""
    x = at * width
    y = float(CHART_HEIGHT)
    segments = []
    for count, css in ((point.inserted, "ins"), (point.deleted, "del"), (point.moved, "mov")):
        if count:
            height = max((CHART_HEIGHT - 16) * count / tallest, 1.5)
            y -= height
            segments.append(
                f'<rect class="vr-bar-{css}" x="{x + width * 0.15:.3f}%" y="{y:.1f}" '
                f'width="{width * 0.7:.3f}%" height="{height:.1f}"/>'
            )
    stop = "" if at == 1 else ' tabindex="-1"'  # one tab stop: the first link
    href = hrefs.get(point.step, "") if point.step else ""
    now = ' class="vr-now" aria-current="page"' if current else ""
    hit = (
        f'<rect class="vr-bar-hit" x="{x:.3f}%" y="14" width="{width:.3f}%" '
        f'height="{CHART_HEIGHT - 14}"/>'
    )
    inner = f"<title>{escape(point.describe())}</title>{hit}{''.join(segments)}"
    if not href:
        return f'<g role="img" aria-label="{escape(point.describe())}">{inner}</g>'
    return f'<a href="{escape(href)}"{stop}{now} data-pair="{escape(point.step)}">{inner}</a>'
