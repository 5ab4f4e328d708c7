"""What an annotation container's answer depends on, read in three compiled queries.

A container is asked for far more often than it changes: its answer is kept by a
digest of its state (``views.api_annotations``), and a request only has to read that
state. These reads are ``Prepared`` (compiled once per process): the project with
the caller's role, the version's id, and each live annotation's id, revision and
time of change, defined by the same querysets as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from variorum.web.models import Project, Version
from variorum.web.store.access import with_role
from variorum.web.store.annotations import live_annotations
from variorum.web.store.prepared import Prepared

_PROJECT = Prepared(
    lambda slug, user: with_role(Project.live.all(), slug, user)
    .values_list("pk", "title", "role")[:1],
    str, int,
)  # fmt: skip
_VERSION = Prepared(
    lambda project, label: Version.objects.filter(
        project_id=project, label=label, deleted_at__isnull=True
    ).values_list("pk")[:1],
    int, str,
)  # fmt: skip
_STATE = Prepared(
    lambda project, version: live_annotations(Project(pk=project)).filter(version_id=version)
    .order_by("created", "id").values_list("uuid", "revision", "modified"),
    int, int,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ContainerState:
    """A container as one member may read it now."""

    project: int
    """The project's id."""
    title: str
    """The project's title (the container's label names it)."""
    version: int
    """The version's id."""
    annotations: list[tuple[Any, ...]]
    """Each live annotation's id, revision and time of change, in the container's order,
    as the database gives them."""


def readable_state(user: Any, slug: str, label: str) -> ContainerState | None:
    """The state of the container of version ``label`` of project ``slug`` if ``user``
    is a member (any role reads); None otherwise, or if there is no such version (the
    ORM's reads then say which refusal applies)."""
    if not user.is_authenticated:
        return None
    found = _PROJECT.rows(slug, user.pk)
    if not found or found[0][2] is None:
        return None
    project, title, _ = found[0]
    version = _VERSION.rows(project, label)
    if not version:
        return None
    return ContainerState(project, title, version[0][0], _STATE.rows(project, version[0][0]))
