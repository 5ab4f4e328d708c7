"""What an annotation container's answer depends on, read in one compiled query.

A container is asked for far more often than it changes: its answer is kept by a
digest of its state (``views.api_annotations``), and a request only has to read that
state. This read is ``Prepared`` (compiled once per process) and asks everything at
once: the project with the caller's role in it, the version's id, and each live
annotation's id, revision and time of change (after the session and its user,
``web.session_store``, it is the request's only query).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery

from variorum.web.models import Membership, ProjectRecord, VersionRecord
from variorum.web.store.access import PROJECT_FIELDS
from variorum.web.store.annotations import LOST
from variorum.web.store.prepared import Prepared

_STATE = Prepared(
    lambda slug, label, user: VersionRecord.objects.filter(
        project__slug=slug, project__deleted_at__isnull=True, label=label,
        deleted_at__isnull=True,
    )
    .annotate(
        role=Subquery(Membership.objects.filter(project=OuterRef("project_id"), user_id=user)
                      .values("role")[:1]),
        live=FilteredRelation("annotations", condition=live_here()),
    )
    .order_by("live__created", "live__id")
    .values_list(*(f"project__{field}" for field in PROJECT_FIELDS), "role",
                 "pk", "live__uuid", "live__revision", "live__modified"),
    str, str, int,
)  # fmt: skip
"""The project with the role, the version, and each of its live annotations (None for
each of the annotation's fields when it has none), in one query."""
_ANNOTATION_AT = len(PROJECT_FIELDS) + 2
"""Where an annotation's fields start in a row of ``_STATE``."""


def live_here() -> Q:
    """``live_annotations`` of the version's project, as a condition on its ``annotations``."""
    here = Q(annotations__project_id=F("project_id"), annotations__deleted_at__isnull=True)
    return here & ~Q(annotations__carried__in=LOST)


@dataclass(frozen=True, slots=True)
class ContainerState:
    """A container as it stands now."""

    project: ProjectRecord
    """Its project, which the caller is a member of."""
    version: int
    """The version's id."""
    annotations: list[tuple[Any, ...]]
    """Each live annotation's id, revision and time of change, in the container's order."""


def container_state(user: Any, slug: str, label: str) -> ContainerState | None:
    """The state of the container of version ``label`` of the project ``slug``, if
    ``user`` is a member of it (any role reads it); None if not, or if there is no such
    live project or version (the caller finds out which)."""
    rows = _STATE.rows(slug, label, user.pk) if user.is_authenticated else []
    if not rows or rows[0][len(PROJECT_FIELDS)] is None:
        return None
    project = ProjectRecord.from_db(
        ProjectRecord.objects.db, PROJECT_FIELDS, rows[0][: len(PROJECT_FIELDS)]
    )
    annotations = [row[_ANNOTATION_AT:] for row in rows if row[_ANNOTATION_AT] is not None]
    return ContainerState(project, rows[0][_ANNOTATION_AT - 1], annotations)
