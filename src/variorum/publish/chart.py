"""Change per provision: a bar chart drawn as inline SVG, each bar a link to its row.

A provision is what a reader would cite: one row of the comparison (a paragraph,
heading or numbered item, with the item's label). The chart has one bar per changed
provision, in reading order, split into words inserted, deleted and moved; a row
that was only renumbered gets a mark instead of a bar. Past ``MAX_BARS`` changed
provisions (a long document), bars stand for the document's own sections: the rows
under each heading, at the deepest heading level that keeps the chart within
``MAX_BARS`` bars (runs of consecutive top-level sections, named by their first and
last headings, when even those are too many).
Colours come from the page's stylesheet through classes (the page's
Content-Security-Policy allows no inline styles), so the chart follows the light and
dark schemes.

>>> from variorum.compare import compare
>>> bars = provisions(compare("(a) Keep.\\n(b) Old words here.", "(a) Keep.\\n(b) New words here."))
>>> [(bar.name, bar.inserted, bar.deleted, bar.row) for bar in bars]
[('(b) New words here.', 1, 1, 1)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from html import escape

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import BlockKind

NAME_CHARS = 60
"""Characters of a provision's label and first words shown above its bar."""
BAR_HEIGHT = 36
"""Pixels per provision: a line for its name, then its bar (so that names never
overlap bars, however narrow the screen)."""
MAX_BARS = 80
"""Most bars drawn: a long document's changed provisions are grouped by section
beyond this, so that the chart stays an overview (and the page light)."""
BAR_ROOM = 86.0
"""Percent of the chart's width taken by the longest bar (the rest holds its count)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One changed provision and how much of it changed."""

    row: int
    """Index of its comparison row: the bar links to ``#c-<row>``."""
    name: str
    """Its numbering label and first words."""
    inserted: int
    """Words inserted."""
    deleted: int
    """Words deleted."""
    moved: int
    """Words moved (counted where they arrived)."""
    renumbered: bool
    """Whether its numbering label changed."""

    @property
    def words(self) -> int:
        """Words changed in all."""
        return self.inserted + self.deleted + self.moved

    def describe(self) -> str:
        """The bar's meaning in words, for screen readers and tooltips."""
        parts = changed_words(self.inserted, self.deleted, self.moved)
        if self.renumbered:
            parts.append("renumbered")
        return f"{self.name}: {', '.join(parts) or 'changed'}"


def changed_words(inserted: int, deleted: int, moved: int) -> list[str]:
    """Word counts in words: ``['3 words inserted', '1 word moved']`` (none for zero)."""
    return [
        f"{count:,} {plural(count, 'word')} {what}"
        for count, what in ((inserted, "inserted"), (deleted, "deleted"), (moved, "moved"))
        if count
    ]


def provisions(comparison: Comparison) -> list[Bar]:
    """The changed provisions of ``comparison``, in reading order."""
    return [
        Bar(
            row.index,
            _name(comparison, row),
            row.stats.words_inserted,
            row.stats.words_deleted,
            row.stats.words_moved,
            row.renumbered,
        )
        for row in comparison.rows
        if row.changed and row.kind is not RowKind.MOVED_FROM
    ]


def chart_bars(comparison: Comparison, most: int = MAX_BARS) -> list[Bar]:
    """The chart's bars: one per changed provision, or, past ``most``, one per section
    of the document (see the module's docstring).

    >>> from variorum.compare import compare
    >>> from variorum.ingest.markdown import parse_markdown
    >>> old = "# A\\n\\nfirst one\\n\\nsecond two\\n\\n# B\\n\\nthird three\\n"
    >>> new = old.replace("one", "one more").replace("two", "two more").replace("ee", "ee more")
    >>> comparison = compare(parse_markdown(old), parse_markdown(new))
    >>> [bar.name for bar in chart_bars(comparison, most=2)]
    ['A (2 provisions)', 'third three more']
    """
    bars = provisions(comparison)
    chains = _heading_chains(comparison)
    if len(bars) <= most:
        return _told_apart(bars, chains)
    depth = max((len(chain) for chain in chains.values()), default=0)
    level, groups = 1, _grouped(bars, chains, 1)
    for deeper in range(depth, 1, -1):
        finer = _grouped(bars, chains, deeper)
        if len(finer) <= most:
            level, groups = deeper, finer
            break
    if len(groups) <= most:
        return [_merged(group, chains[group[0].row][:level][-1:]) for group in groups]
    size = -(-len(groups) // most)
    runs = [groups[at : at + size] for at in range(0, len(groups), size)]
    return [
        _merged(
            [bar for group in run for bar in group],
            chains[run[0][0].row][:1] + chains[run[-1][0].row][:1],
        )
        for run in runs
    ]


def _told_apart(bars: list[Bar], chains: dict[int, Chain]) -> list[Bar]:
    """Bars whose names repeat (the same words in each part of a document), named after
    their heading too: "Part 3 › Distr: General…" instead of ten "Distr: General…"."""
    counts = Counter(bar.name for bar in bars)
    return [
        replace(bar, name=f"{chains[bar.row][-1][1]} › {bar.name}")
        if counts[bar.name] > 1 and chains[bar.row] and chains[bar.row][-1][0] != bar.row
        else bar
        for bar in bars
    ]


Chain = tuple[tuple[int, str], ...]
"""The headings a row stands under, outermost first: (row index of the heading, text)."""


def _heading_chains(comparison: Comparison) -> dict[int, Chain]:
    """Row index -> the headings it stands under (itself included, if a heading)."""
    stack: list[tuple[int, int, str]] = []  # (level, row, text)
    out: dict[int, Chain] = {}
    for row in comparison.rows:
        old_side = row.kind in (RowKind.MOVED_FROM, RowKind.DELETED)
        document = comparison.old if old_side else comparison.new
        for index in row.old_blocks if old_side else row.new_blocks:
            block = document.blocks[index]
            if block.kind is BlockKind.HEADING:
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, row.index, _short(block.span.of(document.text))))
        out[row.index] = tuple((at, text) for _, at, text in stack)
    return out


def _grouped(bars: list[Bar], chains: dict[int, Chain], level: int) -> list[list[Bar]]:
    """Consecutive bars under the same headings down to ``level``."""
    groups: list[list[Bar]] = []
    for bar in bars:
        if groups and chains[groups[-1][0].row][:level] == chains[bar.row][:level]:
            groups[-1].append(bar)
        else:
            groups.append([bar])
    return groups


def _merged(group: list[Bar], headings: Chain) -> Bar:
    """One bar for ``group``, named after ``headings`` (one, or the first and last)."""
    first = group[0]
    names = list(dict.fromkeys(text for _, text in headings))
    if len(group) == 1 and len(names) < 2:
        return first
    name = " – ".join(names) if names else f"{first.name} – {group[-1].name}"
    return Bar(
        first.row,
        f"{name} ({len(group):,} {plural(len(group), 'provision')})",
        sum(bar.inserted for bar in group),
        sum(bar.deleted for bar in group),
        sum(bar.moved for bar in group),
        any(bar.renumbered for bar in group),
    )


def plural(count: int, word: str) -> str:
    """``word`` for one, ``word`` + s for any other count.

    >>> plural(1, "word"), plural(2, "word"), plural(0, "note")
    ('word', 'words', 'notes')
    """
    return word if count == 1 else word + "s"


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= NAME_CHARS else words[: NAME_CHARS - 1].rstrip() + "…"


def _name(comparison: Comparison, row: Row) -> str:
    old_side = not row.new_blocks or row.kind is RowKind.DELETED
    document = comparison.old if old_side else comparison.new
    blocks = row.old_blocks if old_side else row.new_blocks
    return _short(document.blocks[blocks.start].span.of(document.text))


def chart_svg(bars: list[Bar], title: str) -> str:
    """The chart as an inline ``<svg>`` element (empty string when nothing changed)."""
    if not bars:
        return ""
    widest = max(bar.words for bar in bars) or 1
    height = BAR_HEIGHT * len(bars)
    rows = "\n".join(_bar_svg(bar, index, widest) for index, bar in enumerate(bars))
    # One tab stop for the whole chart (the arrow keys move between its bars), so that a
    # long chart does not stand between the toolbar and the text.
    return (
        f'<svg class="vr-chart" width="100%" height="{height}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">\n{rows}\n</svg>'
    )


def _bar_svg(bar: Bar, index: int, widest: int) -> str:
    """One link: the provision's name, its stacked bar and its word count."""
    y = index * BAR_HEIGHT
    x = 0.0
    segments = []
    for count, css in ((bar.inserted, "ins"), (bar.deleted, "del"), (bar.moved, "mov")):
        if count:
            width = max(BAR_ROOM * count / widest, 0.4)
            segments.append(
                f'<rect class="vr-bar-{css}" x="{x:.2f}%" y="{y + 19}" '
                f'width="{width:.2f}%" height="11"/>'
            )
            x += width
    if bar.renumbered:
        segments.append(
            f'<rect class="vr-bar-num" x="{x:.2f}%" y="{y + 17}" width="4" height="15"/>'
        )
        x += 0.8
    shown = f"{bar.words:,}" if bar.words else "renumbered"
    description = escape(bar.describe())
    stop = "" if index == 0 else ' tabindex="-1"'
    return (
        f'<a href="#c-{bar.row}"{stop}><title>{description}</title>'
        f'<rect class="vr-bar-hit" x="0" y="{y}" width="100%" height="{BAR_HEIGHT}"/>'
        f'<text x="0" y="{y + 13}">{escape(bar.name)}</text>{"".join(segments)}'
        f'<text class="vr-bar-count" x="{x + 1:.2f}%" y="{y + 29}">{shown}</text></a>'
    )
