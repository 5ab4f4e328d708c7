"""What an annotation container's answer depends on, read in one compiled query.

A container is asked for far more often than it changes: its answer is kept by a
digest of its state (``views.api_annotations``), and a request only has to read that
state. This read is ``Prepared`` (compiled once per process): the version's id with each
live annotation's id, revision and time of change, in one query (the project and the
caller's role are read by ``access.project_and_role``, compiled too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import FilteredRelation, Q

from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store.annotations import LOST
from variorum.web.store.prepared import Prepared

_STATE = Prepared(
    lambda project, label: VersionRecord.objects.filter(
        project_id=project, label=label, deleted_at__isnull=True
    )
    .annotate(live=FilteredRelation("annotations", condition=live_here(project)))
    .order_by("live__created", "live__id")
    .values_list("pk", "live__uuid", "live__revision", "live__modified"),
    int, str,
)  # fmt: skip
"""The version with each of its live annotations (None for each field when it has
none), in one query: the version's row joined with ``live_annotations``'s."""


def live_here(project: int) -> Q:
    """``live_annotations`` of the project whose id is ``project``, as a condition on
    a version's ``annotations``."""
    return Q(annotations__project_id=project, annotations__deleted_at__isnull=True) & ~Q(
        annotations__carried__in=LOST
    )


@dataclass(frozen=True, slots=True)
class ContainerState:
    """A container as it stands now."""

    version: int
    """The version's id."""
    annotations: list[tuple[Any, ...]]
    """Each live annotation's id, revision and time of change, in the container's order."""


def container_state(project: ProjectRecord, label: str) -> ContainerState | None:
    """The state of the container of version ``label`` of ``project``; None if the
    project has no such live version."""
    rows = _STATE.rows(project.pk, label)
    if not rows:
        return None
    return ContainerState(rows[0][0], [row[1:] for row in rows if row[1] is not None])
