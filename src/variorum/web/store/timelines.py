"""A project's history for the app: the timeline of its project page and its Atom
feeds, each made in a worker process and kept by a digest of its inputs (the
versions' files and metadata, the notes for a feed), as the redline is."""

from __future__ import annotations

from functools import partial

from django.conf import settings

from variorum.web.history_render import FeedInputs, HistoryInputs, feed_atom, timeline_points
from variorum.web.jobs import State
from variorum.web.models import ProjectRecord
from variorum.web.store import workers
from variorum.web.store.annotations import live_annotations
from variorum.web.store.redlines import digest, page_header, stored, version_key


def timeline_state(project: ProjectRecord) -> State:
    """The project's timeline points (``Done``), how far their making is (``Running``),
    or why they cannot be made (``Failed``)."""
    versions = list(project.live_versions())
    key = digest([page_header(project), [version_key(version) for version in versions]])
    made = workers.jobs("timeline", timeline_points, lambda points: 200 * len(points))
    return made.get(key, partial(_inputs, project, False), settings.VARIORUM_REDLINE_WAIT_SECONDS)


def feed_state(project: ProjectRecord, provision: str, url: str) -> State:
    """The project's Atom feed (``Done`` with a ``Feed``), of one provision if given."""
    versions = list(project.live_versions())
    notes = [row.data for row in live_annotations(project).order_by("pk")]
    versions_key = [version_key(version) for version in versions]
    key = digest([page_header(project), project.collection_id, versions_key, notes, provision, url])
    made = workers.jobs("feed", feed_atom, lambda feed: len(feed.atom) + len(feed.refusal))

    def inputs() -> FeedInputs:
        return FeedInputs(_inputs(project, True), provision, url)

    return made.get(key, inputs, settings.VARIORUM_REDLINE_WAIT_SECONDS)


def _inputs(project: ProjectRecord, with_notes: bool) -> HistoryInputs:
    notes = (
        tuple(row.data for row in live_annotations(project).order_by("pk")) if with_notes else ()
    )
    return HistoryInputs(
        project.title, tuple(project.authors), project.collection_id or project_iri(project),
        tuple(stored(version) for version in project.live_versions()), notes,
    )  # fmt: skip


def project_iri(project: ProjectRecord) -> str:
    """A permanent IRI for a project without an annotation collection of its own."""
    return f"urn:variorum:project:{project.pk}"
