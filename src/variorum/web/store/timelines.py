"""A project's history for the app: the timeline of its project page and its Atom
feeds, each made in a worker process. The timeline's steps are kept one by one by the
digests of their two versions' files; a feed is kept by a digest of its inputs (the
versions' files and metadata, the notes), as the redline is."""

from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import pairwise

from django.conf import settings

from variorum.publish.history import Point
from variorum.web.history_render import (
    Change,
    Feed,
    FeedInputs,
    HistoryInputs,
    StepInputs,
    feed_of,
    step_changes,
)
from variorum.web.jobs import Done, State
from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store import workers
from variorum.web.store.annotations import live_annotations
from variorum.web.store.redlines import digest, page_header, stored, version_key

STEPS_KEPT = 100_000
"""Most consecutive comparisons whose words changed are kept (a few dozen bytes each)."""
_changes: OrderedDict[str, Change] = OrderedDict()
_changes_lock = threading.Lock()


def timeline_state(project: ProjectRecord) -> State:
    """The project's timeline points (``Done``), how far their making is (``Running``),
    or why they cannot be made (``Failed``). Each step's words changed are kept by the
    content digests of its two versions, so that a new version costs one comparison
    and renaming, re-dating or reordering versions reuses what is known."""
    versions = list(project.live_versions())
    steps = list(pairwise(versions))
    keys = [step_key(old, new) for old, new in steps]
    with _changes_lock:
        known = {key: _changes[key] for key in keys if key in _changes}
    missing = [(key, step) for key, step in zip(keys, steps, strict=True) if key not in known]
    if missing:
        made = workers.jobs("steps", step_changes, lambda changes: 40 * len(changes))
        pairs = [pair for _, pair in missing]
        state = made.get(
            digest([key for key, _ in missing]),
            lambda: StepInputs(project.title, tuple((stored(a), stored(b)) for a, b in pairs)),
            settings.VARIORUM_REDLINE_WAIT_SECONDS,
        )
        if not isinstance(state, Done):
            return state
        found = dict(zip((key for key, _ in missing), state.value, strict=True))
        _keep(found)
        known.update(found)
    return Done(_points(versions, [known[key] for key in keys]))


def step_key(old: VersionRecord, new: VersionRecord) -> str:
    """The key of the comparison of two versions: their files' digests and formats."""
    return digest([old.sha256, old.format, new.sha256, new.format])


def _keep(found: dict[str, Change]) -> None:
    with _changes_lock:
        _changes.update(found)
        for key in found:
            _changes.move_to_end(key)
        while len(_changes) > STEPS_KEPT:
            _changes.popitem(last=False)


def _points(versions: list[VersionRecord], changes: list[Change]) -> tuple[Point, ...]:
    """One point a version: its date and the words changed since the one before (the
    step named by the index of the version before, as text)."""
    first = versions[0]
    later = zip(versions[1:], changes, strict=True)
    return (
        Point(first.label, first.date, 0, 0, 0, ""),
        *(
            Point(version.label, version.date, *change, str(at))
            for at, (version, change) in enumerate(later)
        ),
    )


def feed_state(project: ProjectRecord, provision: str) -> State:
    """The project's feed (``Done`` with a ``Feed``), of one provision if given: made
    once for every address it is read at (the API's, each member's feed addresses), and
    again only when the versions, their metadata or the notes change."""
    versions = list(project.live_versions())
    notes = [row.data for row in live_annotations(project).order_by("pk")]
    versions_key = [version_key(version) for version in versions]
    key = digest([page_header(project), project.collection_id, versions_key, notes, provision])
    made = workers.jobs("feed", feed_of, Feed.size)

    def inputs() -> FeedInputs:
        return FeedInputs(_inputs(project), provision)

    return made.get(key, inputs, settings.VARIORUM_REDLINE_WAIT_SECONDS)


def _inputs(project: ProjectRecord) -> HistoryInputs:
    notes = tuple(row.data for row in live_annotations(project).order_by("pk"))
    return HistoryInputs(
        project.title, tuple(project.authors), project.collection_id or project_iri(project),
        tuple(stored(version) for version in project.live_versions()), notes,
    )  # fmt: skip


def project_iri(project: ProjectRecord) -> str:
    """A permanent IRI for a project without an annotation collection of its own."""
    return f"urn:variorum:project:{project.pk}"
