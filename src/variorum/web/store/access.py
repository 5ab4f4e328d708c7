"""Who may do what in a project.

===========  =======  =======  ======
action       viewer   editor   owner
===========  =======  =======  ======
read         yes      yes      yes
edit         no       yes      yes
manage       no       no       yes
===========  =======  =======  ======

``read`` is seeing the project, its versions, redlines and published annotations
(drafts too: a viewer is a colleague reviewing work in progress); ``edit`` is
uploading and reordering versions, annotating and publishing; ``manage`` is
editing members, deleting and restoring. A user who is not a member learns nothing:
the project does not exist for them (404).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from variorum.web.models import MemberRole, Membership, ProjectRecord
from variorum.web.store.prepared import Prepared


class Action(StrEnum):
    """What a request wants to do with a project."""

    READ = "read"
    EDIT = "edit"
    MANAGE = "manage"


# MemberRole's members are str at run time; without django-stubs mypy sees their tuples
ALLOWED: dict[Action, frozenset[str]] = {
    Action.READ: frozenset({MemberRole.VIEWER, MemberRole.EDITOR, MemberRole.OWNER}),  # type: ignore[arg-type]
    Action.EDIT: frozenset({MemberRole.EDITOR, MemberRole.OWNER}),  # type: ignore[arg-type]
    Action.MANAGE: frozenset({MemberRole.OWNER}),  # type: ignore[arg-type]
}


class Forbidden(Exception):
    """A member asked for something their role does not allow."""

    def __init__(self, project: ProjectRecord, role: str, action: Action) -> None:
        self.role, self.action = role, action
        super().__init__(f"a {role} of {project.title!r} may not {action} it")


def may(role: str | None, action: Action) -> bool:
    """Whether a member with ``role`` may do ``action``."""
    return role is not None and role in ALLOWED[action]


def project_for(user: Any, slug: str, action: Action, trashed: bool = False) -> ProjectRecord:
    """The project ``slug`` if ``user`` may do ``action`` in it; Http404 for strangers
    and missing projects, Forbidden for members whose role is too small."""
    return project_and_role(user, slug, action, trashed)[0]


def with_role(projects: QuerySet[ProjectRecord], slug: str, user: int) -> QuerySet[ProjectRecord]:
    """The project ``slug`` among ``projects``, annotated with the ``role`` of the user
    whose id is ``user`` (None if not a member)."""
    role_here = Membership.objects.filter(project=OuterRef("pk"), user_id=user).values("role")
    return projects.filter(slug=slug).annotate(role=Subquery(role_here[:1]))


PROJECT_FIELDS = tuple(field.attname for field in ProjectRecord._meta.concrete_fields)
"""A project's columns, as its reads with a role give them."""
_WITH_ROLE = {
    trashed: Prepared(
        lambda slug, user, trashed=trashed: with_role(
            (ProjectRecord.objects if trashed else ProjectRecord.live).all(), slug, user
        ).values_list(*PROJECT_FIELDS, "role")[:1],
        str,
        int,
    )
    for trashed in (False, True)
}
"""``with_role`` of live (False) or all (True) projects, compiled once (every page and
API request asks it first)."""


def _with_role_read(slug: str, user: int, trashed: bool) -> ProjectRecord | None:
    found = _WITH_ROLE[trashed].rows(slug, user)
    if not found:
        return None
    project = ProjectRecord.from_db(ProjectRecord.objects.db, PROJECT_FIELDS, found[0][:-1])
    project.role = found[0][-1]  # type: ignore[attr-defined]
    return project


def project_and_role(
    user: Any, slug: str, action: Action, trashed: bool = False
) -> tuple[ProjectRecord, str]:
    """``project_for``, with the user's role in the project (asked once)."""
    project = None
    if user.is_authenticated:  # the project and the user's role in it, in one query
        project = _with_role_read(slug, user.pk, trashed)
    role = project.role if project is not None else None
    if project is None or role is None:
        raise Http404("no such project")
    if trashed and project.deleted_at is None:
        raise Http404("no such project in the trash")
    if not may(role, action):
        raise Forbidden(project, role, action)
    return project, role
