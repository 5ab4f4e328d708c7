"""A watch on a document: an Atom feed (RFC 4287) of its changes, or of one provision's.

    consecutive comparisons --changed rows (or a provision's)--> one entry a version:
        title (words changed), date, the word-level redline, the notes on it

Written with feedgen, a library made for Atom and RSS (it escapes and orders the
elements as the standard wants); a feed reader shows each entry's redline with its
``<ins>`` and ``<del>`` marks, as browsers do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from feedgen.feed import FeedGenerator

from variorum.annotations.model import Annotation
from variorum.comparison import Comparison, Row, RowKind
from variorum.history.provision import ProvisionHistory, notes_on
from variorum.project import Project
from variorum.publish.notes import Note
from variorum.render.html import row_html


@dataclass(frozen=True, slots=True)
class FeedSource:
    """Whose changes a feed tells, wherever the project is kept (a folder, the web app)."""

    id: str
    """A permanent IRI of the project (its annotation collection's id)."""
    name: str
    authors: tuple[str, ...]
    annotations: Sequence[Annotation]

    @classmethod
    def of(cls, project: Project) -> FeedSource:
        """The source a project folder gives."""
        return cls(
            project.collection_id(),
            project.title or project.folder.name,
            tuple(project.authors),
            project.annotations(),
        )


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One version that changed what the feed watches."""

    id: str
    title: str
    when: datetime
    """The new version's date."""
    link: str
    """The new version's source, if it is a web address; else empty."""
    content: str
    """The redline of what changed, then the notes on it, as HTML."""


@dataclass(frozen=True, slots=True)
class FeedBody:
    """A feed without its own address: all the work of a feed, which every address it is
    served at shares (``atom`` adds the address)."""

    id: str
    title: str
    authors: tuple[str, ...]
    updated: datetime
    entries: tuple[FeedEntry, ...]
    """Oldest first."""

    def size(self) -> int:
        """About how many bytes it holds (for a cache's budget)."""
        return sum(len(entry.content) + len(entry.title) + 200 for entry in self.entries)


def changes_feed(
    source: FeedSource,
    comparisons: Sequence[Comparison],
    provision: ProvisionHistory | None = None,
    url: str = "",
) -> bytes:
    """The Atom feed of ``source``'s changes, newest first: one entry for each version
    that changed the document (or, given ``provision``, that provision), with the
    redline of what changed and the notes on it. ``url`` is where the feed is served."""
    return atom(feed_body(source, comparisons, provision), url)


def feed_body(
    source: FeedSource, comparisons: Sequence[Comparison], provision: ProvisionHistory | None
) -> FeedBody:
    """What ``changes_feed`` writes, but its address."""
    collection, name = source.id, source.name
    feed_id = collection + ("#provision-" + _slug(provision.title) if provision else "#changes")
    entries = _provision_entries(provision) if provision else _document_entries(comparisons)
    made = []
    for comparison, rows in sorted(entries, key=lambda entry: _when(entry[0])):
        notes = notes_on(source.annotations, comparison, rows)
        title = _provision_title(provision, rows) if provision else _document_title(comparison)
        made.append(_entry(feed_id, comparison, rows, notes, title))
    return FeedBody(
        feed_id,
        f"{name}: {provision.title}" if provision else f"{name}: changes",
        source.authors,
        max((entry.when for entry in made), default=datetime.now(UTC)),
        tuple(made),
    )


def atom(body: FeedBody, url: str = "") -> bytes:
    """The Atom feed of ``body``, served at ``url`` (its self link) if given."""
    feed = FeedGenerator()
    feed.id(body.id)
    feed.title(body.title)
    feed.author([{"name": author} for author in body.authors] or {"name": "Variorum"})
    feed.generator("Variorum")
    if url:
        feed.link(href=url, rel="self")
    feed.updated(body.updated)
    for made in body.entries:
        entry = feed.add_entry()
        entry.id(made.id)
        entry.title(made.title)
        entry.updated(made.when)
        entry.published(made.when)
        if made.link:
            entry.link(href=made.link)
        entry.content(made.content, type="html")
    return feed.atom_str(pretty=True)  # type: ignore[no-any-return]


def _document_entries(comparisons: Sequence[Comparison]) -> list[tuple[Comparison, list[Row]]]:
    """Each comparison that changed something, with its changed rows."""
    entries = []
    for comparison in comparisons:
        rows = [row for row in comparison.changes() if row.kind is not RowKind.MOVED_FROM]
        if rows:
            entries.append((comparison, rows))
    return entries


def _provision_entries(history: ProvisionHistory) -> list[tuple[Comparison, list[Row]]]:
    return [(change.comparison, list(change.rows)) for change in history.changes]


def _entry(
    feed_id: str, comparison: Comparison, rows: list[Row], notes: list[Note], title: str
) -> FeedEntry:
    old, new = comparison.old, comparison.new
    collection, kind = feed_id.rsplit("#", 1)
    return FeedEntry(
        f"{collection}#{kind}-{old.version}..{new.version}",
        f"{new.version}: {title}",
        _when(comparison),
        new.source if new.source.startswith(("http://", "https://")) else "",
        _content(comparison, rows, notes),
    )


def _document_title(comparison: Comparison) -> str:
    stats = comparison.stats
    return (
        f"{stats.words_inserted:,} words inserted, {stats.words_deleted:,} deleted, "
        f"{stats.words_moved:,} moved"
    )


def _provision_title(history: ProvisionHistory, rows: list[Row]) -> str:
    kinds = {row.kind for row in rows}
    what = (
        "inserted" if kinds == {RowKind.INSERTED}
        else "deleted" if kinds == {RowKind.DELETED}
        else "changed"
    )  # fmt: skip
    return f"“{history.title[:80]}” {what}"


def _content(comparison: Comparison, rows: list[Row], notes: list[Note]) -> str:
    """The rows' redline, then the notes on them."""
    old, new = comparison.old, comparison.new
    parts = [f"<p>Changes from {escape(old.version)} to {escape(new.version)}:</p>"]
    parts += [row_html(comparison, row) for row in rows]
    if notes:
        parts.append("<h3>Notes</h3>")
        for note in notes:
            author = f" ({escape(note.annotation.creator)})" if note.annotation.creator else ""
            parts.append(
                f"<blockquote><p>“{escape(note.quote)}”{author}</p>"
                f"<p>{escape(note.annotation.body.text)}</p></blockquote>"
            )
    return "\n".join(parts)


def _when(comparison: Comparison) -> datetime:
    """The new version's date (midnight UTC), else the Unix epoch: a feed needs one."""
    try:
        day = datetime.fromisoformat(comparison.new.date[:10])
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return day.replace(tzinfo=UTC)


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.casefold()).split())[:60]
