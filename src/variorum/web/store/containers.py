"""What an annotation container's answer depends on, read in two compiled queries.

A container is asked for far more often than it changes: its answer is kept by a
digest of its state (``views.api_annotations``), and a request only has to read that
state. These reads are ``Prepared`` (compiled once per process): the version's id,
and each live annotation's id, revision and time of change, defined by the same
querysets as everywhere else (the project and the caller's role are read by
``access.project_and_role``, compiled too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store.annotations import live_annotations
from variorum.web.store.prepared import Prepared

_VERSION = Prepared(
    lambda project, label: VersionRecord.objects.filter(
        project_id=project, label=label, deleted_at__isnull=True
    ).values_list("pk")[:1],
    int, str,
)  # fmt: skip
_STATE = Prepared(
    lambda project, version: live_annotations(ProjectRecord(pk=project)).filter(version_id=version)
    .order_by("created", "id").values_list("uuid", "revision", "modified"),
    int, int,
)  # fmt: skip


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
    version = _VERSION.rows(project.pk, label)
    if not version:
        return None
    return ContainerState(version[0][0], _STATE.rows(project.pk, version[0][0]))
