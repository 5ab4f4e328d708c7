"""A project's history made in a worker process from plain inputs: the words changed in
each step of the timeline the project page draws (only the steps not known yet), and
the Atom feeds of the API (the document's, or one provision's).

Both rest on the comparison of each version with the next, which is all of their cost;
like the redline (``redline_render``), they are made from picklable values without
Django, so that ``variorum.web.worker`` runs them in a child process with limits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from variorum.annotations.jsonld import from_jsonld
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.document import Document
from variorum.errors import UsageError
from variorum.history.feed import FeedBody, FeedSource, feed_body
from variorum.history.provision import provision_history
from variorum.ingest.together import FileToRead, load_together
from variorum.web.redline_render import StoredVersion


@dataclass(frozen=True, slots=True)
class HistoryInputs:
    """Everything a project's history is made from."""

    title: str
    authors: tuple[str, ...]
    collection: str
    """The project's permanent IRI (its annotation collection's id)."""
    versions: tuple[StoredVersion, ...]
    """Oldest first."""
    notes: tuple[Mapping[str, Any], ...]
    """The project's live annotations, as W3C JSON-LD."""


@dataclass(frozen=True, slots=True)
class FeedInputs:
    """Everything a feed is made from (not its address: every address of the same feed
    shares one making of it)."""

    history: HistoryInputs
    provision: str
    """The provision's label or words, in the last version; empty for the whole document."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed without its address (``history.feed.atom`` writes it at one), or why it
    could not be made from the request."""

    body: FeedBody | None = None
    refusal: str = ""

    def size(self) -> int:
        """About how many bytes it holds."""
        return (self.body.size() if self.body else 0) + len(self.refusal)


@dataclass(frozen=True, slots=True)
class StepInputs:
    """Consecutive pairs of versions whose changes are not known yet."""

    title: str
    pairs: tuple[tuple[StoredVersion, StoredVersion], ...]


Change = tuple[int, int, int]
"""Words inserted, deleted and moved from one version to the next."""


def step_changes(inputs: StepInputs) -> tuple[Change, ...]:
    """The words changed in each pair, a version read once where pairs follow each other
    (the newer of one pair the older of the next)."""
    order: list[StoredVersion] = []
    olders: set[int] = set()  # the places in ``order`` of each pair's older version
    for old, new in inputs.pairs:
        if not order or order[-1] is not old:
            order.append(old)
        olders.add(len(order) - 1)
        order.append(new)
    changes = []
    previous: Document | None = None
    for at, document in enumerate(_parsed(order, inputs.title)):
        if previous is not None and at - 1 in olders:
            stats = compare(previous, document).stats
            changes.append((stats.words_inserted, stats.words_deleted, stats.words_moved))
        previous = document
    return tuple(changes)


def feed_of(inputs: FeedInputs) -> Feed:
    """The feed of the project's changes, or of one provision's."""
    project = inputs.history
    documents = _documents(project)
    comparisons = _consecutive(documents)
    history = None
    if inputs.provision:
        try:
            history = provision_history(
                documents, comparisons, inputs.provision, len(documents) - 1
            )
        except UsageError as refusal:
            return Feed(refusal=str(refusal))
    source = FeedSource(
        project.collection, project.title, project.authors,
        [from_jsonld(note) for note in project.notes],
    )  # fmt: skip
    return Feed(feed_body(source, comparisons, history))


def _documents(inputs: HistoryInputs) -> list[Document]:
    return list(_parsed(inputs.versions, inputs.title))


def _parsed(versions: Sequence[StoredVersion], title: str) -> Iterator[Document]:
    """The Documents of stored versions, as ``parse_stored`` reads them but a group of
    them to a reading child (``ingest.together``)."""
    return load_together(
        FileToRead(Path(version.filename), version.format or None,
                   {"version": version.label, "date": version.date, "source": version.source,
                    "title": title}, version.content)
        for version in versions
    )  # fmt: skip


def _consecutive(documents: list[Document]) -> list[Comparison]:
    return [compare(old, new) for old, new in pairwise(documents)]
