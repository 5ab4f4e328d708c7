"""The published page: an Edition as one HTML document, in one of three modes.

- ``site``: one page per pair of versions, the pair selector linking the pages;
- ``single``: one self-contained file holding every pair (the pairs not shown wait
  gzipped in ``<script type="application/gzip">`` elements, unpacked when chosen);
- ``embed``: the redline and its notes without the introduction, for an iframe;
- ``app``: the page inside an application (the web app), which adds its own bar,
  controls, stylesheets and scripts through a ``Frame``.

The redline is written once, by the one renderer (``variorum.render.html``) with
``publish.marks.Marks`` as its decorate hook. The other views are that same markup:
the old-only and new-only views hide one version's pieces with CSS, and the page's
script builds the side-by-side columns from it on first use (cloning each row and
dropping the other version's pieces), which keeps a long analysis's file half the
size it would be with a second copy of the text. The page's own CSS and JavaScript are
inlined and allowed by their SHA-256 hashes in a Content-Security-Policy that lets
nothing else run and nothing be fetched.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from variorum.comparison import Comparison, RowKind
from variorum.publish.chart import chart_svg, plural
from variorum.publish.edition import Edition, PairView, is_web
from variorum.publish.history import timeline_svg
from variorum.publish.marks import Marks
from variorum.publish.notes import Note
from variorum.publish.picking import step_data
from variorum.render.csp import policy
from variorum.render.html import KIND_LABELS, redline_parts

MODES = ("site", "single", "embed", "app")
"""The kinds of page ``render_page`` writes."""
QUOTE_CHARS = 110
"""Characters of a note's quote shown in its heading."""
CHUNK_ROWS = 32
"""Paragraphs (block elements) of the redline in one chunk (``.vr-chunk``), the unit the
browser lays out when it comes near the screen (``content-visibility: auto``). Each frame
that changes the layout asks of every such unit whether it is near: with a unit a
paragraph, the 3,600 of a long analysis made that a third of the time opening a note took."""
CHUNK_MARKUP = 24_000
"""Characters of markup after which a chunk ends before ``CHUNK_ROWS``: a chunk of long
paragraphs is laid out whole, even to show one line of it."""
_NOTHING = Markup("")


@dataclass(frozen=True, slots=True)
class Frame:
    """What an application showing the page adds to it (``app`` mode). Its HTML is
    trusted as given (the application escapes what it writes); its stylesheets and
    scripts are served by the application's own origin, which the page's
    Content-Security-Policy then allows along with requests to that origin."""

    top: Markup = _NOTHING
    """HTML shown above the page's header (the application's bar and controls)."""
    end: Markup = _NOTHING
    """HTML put after the page's content (dialogs, data for the scripts)."""
    stylesheets: tuple[str, ...] = ()
    """Addresses of stylesheets loaded after the page's own."""
    scripts: tuple[str, ...] = ()
    """Addresses of scripts run (deferred) after the page's own."""
    note_feet: Mapping[str, Markup] = field(default_factory=dict)
    """HTML added at the end of a note, by note key (badges, edit buttons)."""
    body_class: str = ""
    """Extra classes of the page's body."""


@dataclass(frozen=True, slots=True)
class PairLink:
    """An entry of the pair selector."""

    key: str
    label: str
    href: str
    current: bool


def render_page(
    edition: Edition,
    mode: str = "single",
    pair: int = 0,
    home: str = "",
    frame: Frame | None = None,
) -> str:
    """The page of ``edition`` showing pair number ``pair``; ``home`` is the full
    analysis's address, linked from an embedded page; ``frame`` what an application
    adds (``app`` mode only)."""
    return "".join(page_parts(edition, mode, pair, home, frame))


def page_parts(
    edition: Edition,
    mode: str = "single",
    pair: int = 0,
    home: str = "",
    frame: Frame | None = None,
) -> Iterator[str]:
    """``render_page`` in parts, a row of the redline at a time, for writing a long
    comparison without holding its page."""
    if mode not in MODES:
        raise ValueError(f"unknown page mode {mode!r} (known: {', '.join(MODES)})")
    if (mode == "app") != (frame is not None):
        raise ValueError("a Frame is given with the app mode, and only with it")
    css, script = page_assets()
    shown = edition.pairs[pair]
    others = [view for view in edition.pairs if view is not shown] if mode == "single" else []
    return _template().generate(
        edition=edition,
        # (an application's page keeps the notes' controls: its authors add the first note)
        annotated=mode == "app" or bool(edition.tags) or any(view.notes for view in edition.pairs),
        mode=mode,
        home=home,
        pair=_pair_parts(shown),
        waiting=[_pair_parts(view) for view in others],
        pair_links=_pair_links(edition, mode, pair),
        history=_history_parts(edition, mode, pair),
        css=Markup(css),
        script=Markup(script),
        frame=frame,
        csp=policy(css, script, same_origin=frame is not None),
    )


def file_name(edition: Edition, pair: int) -> str:
    """The site's file for pair number ``pair``: ``index.html`` for the first."""
    return "index.html" if pair == 0 else f"{edition.pairs[pair].key}.html"


def _pair_links(edition: Edition, mode: str, shown: int) -> list[PairLink]:
    if len(edition.pairs) < 2 or mode == "embed":
        return []
    return [
        PairLink(
            view.key,
            view.label,
            f"#p-{view.key}" if mode == "single" else file_name(edition, index),
            index == shown,
        )
        for index, view in enumerate(edition.pairs)
    ]


def _history_parts(edition: Edition, mode: str, shown: int) -> dict[str, object] | None:
    """What the page shows of the project's history: the timeline, the pairs a reader
    may pick (by the versions' indices), and, on the first page of a site or in the
    single file, the last version coloured by the version that wrote each passage."""
    history = edition.history
    if history is None or mode not in ("site", "single"):
        return None
    hrefs = {
        view.key: f"#p-{view.key}" if mode == "single" else file_name(edition, index)
        for index, view in enumerate(edition.pairs)
    }
    current = edition.pairs[shown]
    labels = [point.label for point in history.points]
    written = mode == "single" or shown == 0
    every_pair = len(history.pairs) == len(labels) * (len(labels) - 1) // 2
    return {
        "history": history,
        "chart": Markup(timeline_svg(history.points, hrefs, current.key)),
        "labels": labels,
        "old": labels.index(current.comparison.old.version),
        "new": labels.index(current.comparison.new.version),
        "pairs": json.dumps({f"{a}-{b}": hrefs[key] for (a, b), key in history.pairs.items()}),
        "hrefs": hrefs,
        "written": written,
        "home": file_name(edition, 0),
        "steps": "" if every_pair or not written else Markup(step_data(_steps(edition))),
    }


def _steps(edition: Edition) -> list[Comparison]:
    """The comparison of each version with the next, oldest first."""
    assert edition.history is not None
    keys = edition.history.pairs
    views = {view.key: view.comparison for view in edition.pairs}
    return [views[keys[at, at + 1]] for at in range(len(edition.history.points) - 1)]


def _pair_parts(view: PairView) -> dict[str, object]:
    """What the template shows of one pair: summary, redline views and notes."""
    comparison = view.comparison
    changes = sum(1 for _ in comparison.changes())
    return {
        "key": view.key,
        "label": view.label,
        "old": comparison.old,
        "new": comparison.new,
        "stats": comparison.stats,
        "changes": changes,
        "counts": _counts(comparison),
        "chart": Markup(chart_svg(view.bars, f"Words changed per provision, {view.label}")),
        "inline": (
            Markup(part)
            for part in _in_chunks(redline_parts(comparison, decorate=Marks(view.notes, ids=True)))
        ),
        "notes": [_note_parts(note) for note in view.notes],
        "orphans": sum(1 for note in view.notes if note.orphaned),
    }


def _in_chunks(
    parts: Iterator[str], rows: int = CHUNK_ROWS, markup: int = CHUNK_MARKUP
) -> Iterator[str]:
    """The redline's parts (its opening tag, its block elements, its closing tag) with
    its elements in ``<div class="vr-chunk">``s of ``rows`` elements, or fewer where
    they reach ``markup`` characters."""
    items = iter(parts)
    yield next(items) + '<div class="vr-chunk">'
    previous = next(items)
    count = size = 0
    for item in items:
        if count == rows or size >= markup:
            yield '\n</div><div class="vr-chunk">'
            count = size = 0
        yield previous
        count += 1
        size += len(previous)
        previous = item
    yield "\n</div>" + previous


def _counts(comparison: Comparison) -> dict[str, int]:
    return {
        KIND_LABELS[RowKind(kind)]: n
        for kind, n in comparison.row_counts().items()
        if n and kind != RowKind.EQUAL.value
    }


def _note_parts(note: Note) -> dict[str, object]:
    annotation = note.annotation
    quote = " ".join(note.quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    creator = annotation.creator
    if creator.startswith("acct:"):
        creator = creator.removeprefix("acct:").split("@", 1)[0]
    return {
        "key": note.key,
        "number": note.number,
        "quote": quote,
        "tags": note.tags,
        "creator": creator,
        "date": (annotation.modified or annotation.created)[:10],
        "versions": annotation.versions,
        "wordings": note.wordings,
        "body": Markup(annotation.body.html()),
        "orphaned": note.orphaned,
        "row": note.row,
    }


def packed(html: str) -> str:
    """A waiting pair's HTML as the single file holds it: gzipped, in base64 (the page
    unpacks it with the browser's DecompressionStream when the pair is first shown).
    Each pair repeats the whole text: a hundred pairs read as HTML made the file ten
    times as long and as slow to load."""
    return base64.b64encode(gzip.compress(html.encode("utf-8"), mtime=0)).decode("ascii")


@cache
def app_policy() -> str:
    """The Content-Security-Policy of every page in ``app`` mode (its ``<meta>``), for
    the application to send as a header as well."""
    return policy(*page_assets(), same_origin=True)


def page_assets() -> tuple[str, str]:
    """The style and the script every page inlines (their hashes are its policy)."""
    return asset("publish.css"), page_script()


READER_SCRIPTS = ("search.js", "notes.js", "history.js", "publish.js")
"""The reader's scripts, written in this order inside one function (they share names)."""
OWN_SCRIPTS = ("overview.js", "cite.js")
"""Scripts that run on their own after it: overview.js talks to the reader's through the
page, cite.js ("Copy citation") only reads the page."""


@cache
def page_script() -> str:
    """The page's script: the reader's scripts in one function, then the others."""
    return reader_script() + "".join(asset(name) for name in OWN_SCRIPTS)


def reader_script() -> str:
    """``READER_SCRIPTS`` inside one strict function, as the page runs them."""
    reader = "".join(asset(name) for name in READER_SCRIPTS)
    return f'(function () {{\n  "use strict";\n{reader}}})();\n'


@cache
def asset(name: str) -> str:
    """A file of ``publish/static``."""
    return resources.files("variorum.publish").joinpath("static", name).read_text("utf-8")


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("variorum.publish", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["is_web"] = is_web
    environment.filters["thousands"] = lambda n: f"{n:,}"
    environment.filters["plural"] = lambda word, n: plural(n, word)
    environment.filters["packed"] = packed
    return environment.get_template("analysis.html.j2")
