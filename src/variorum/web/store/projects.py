"""Projects, their versions and members, and the trash.

Every change that could fail is checked before anything is written, inside one
transaction, so a refused upload or a bad reordering leaves the project as it was.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from variorum.errors import UsageError
from variorum.project_rules import check_date, check_label, check_source, check_title
from variorum.web.limits import VERSION_FILE_BYTES, megabytes
from variorum.web.models import (
    AnnotationRecord,
    MemberRole,
    Membership,
    ProjectRecord,
    Revision,
    VersionRecord,
)
from variorum.web.store.documents import upload_format
from variorum.web.store.prepared import Prepared

SLUG_ATTEMPTS = 5
"""Tries at a free slug when other projects of the same title are made at once."""


class Conflict(UsageError):
    """The request clashes with what is stored, such as a label already in use."""


def create_project(
    owner: Any | None, title: str, authors: Iterable[str] = (), introduction: str = ""
) -> ProjectRecord:
    """A new project owned by ``owner``; its slug is made from the title. Without an
    owner it has no member, so no one sees it (an import's, until ``add_owner``)."""
    title = title.strip()
    check_title(title)
    names = [name.strip() for name in authors if name.strip()]
    for _ in range(SLUG_ATTEMPTS - 1):
        try:
            return _new_project(owner, title, names, introduction)
        except IntegrityError:  # another project took the slug since it was chosen
            continue
    return _new_project(owner, title, names, introduction)


def _new_project(
    owner: Any | None, title: str, authors: list[str], introduction: str
) -> ProjectRecord:
    with transaction.atomic():
        project = ProjectRecord.objects.create(
            slug=_free_slug(title), title=title, authors=authors, introduction=introduction
        )
        if owner is not None:
            add_owner(project, owner)
    return project


def add_owner(project: ProjectRecord, owner: Any) -> None:
    """Make ``owner`` an owner of ``project``."""
    Membership.objects.create(project=project, user=owner, role=MemberRole.OWNER)


_LISTED_FIELDS = tuple(
    field.attname for field in VersionRecord._meta.concrete_fields if field.attname != "content"
)
_LIVE_VERSIONS = Prepared(
    lambda project: ProjectRecord(pk=project).live_versions().values_list(*_LISTED_FIELDS), int
)
"""``live_versions``'s read, compiled once: every redline and project page asks it."""


def live_versions(project: ProjectRecord) -> list[VersionRecord]:
    """``project.live_versions()`` as a list, read by SQL compiled once; each file
    (``content``) is read only if used."""
    database = VersionRecord.objects.db
    rows = _LIVE_VERSIONS.rows(project.pk)
    return [VersionRecord.from_db(database, _LISTED_FIELDS, row) for row in rows]


def update_project(
    project: ProjectRecord, title: str, authors: Iterable[str], introduction: str
) -> None:
    """Change the project's title, authors and introduction."""
    check_title(title.strip())
    project.title = title.strip()
    project.authors = [name.strip() for name in authors if name.strip()]
    project.introduction = introduction
    project.save()


def add_version(
    project: ProjectRecord,
    content: bytes,
    filename: str,
    label: str = "",
    date: str = "",
    source: str = "",
    format: str = "",
) -> VersionRecord:
    """Store an uploaded file as the project's newest version, after checking that
    Variorum can read it within the reading limits (InputError naming the file if
    not)."""
    check_size(filename, len(content), VERSION_FILE_BYTES)
    label = (label or filename.rsplit(".", 1)[0]).strip()
    _check_label(project, label)
    check_date(date)
    check_source(source)
    found = upload_format(content, filename, format)
    try:
        with transaction.atomic():
            last = project.versions.filter(deleted_at__isnull=True).aggregate(Max("position"))
            return VersionRecord.objects.create(
                project=project,
                label=label,
                position=(last["position__max"] or 0) + 1,
                date=date,
                source=source.strip(),
                filename=filename[-255:],
                format=found,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )
    except IntegrityError:  # the same label, added by another request since the check
        raise Conflict(f"the project already has a version {label!r}") from None


def add_uploaded_version(
    project: ProjectRecord, upload: Any, fields: Mapping[str, str]
) -> VersionRecord:
    """``add_version`` for a file posted in a form (a Django ``UploadedFile``) with the
    form's ``label``, ``date`` and ``source`` fields; its size is checked before it is read."""
    check_size(upload.name or "upload", upload.size, VERSION_FILE_BYTES)
    return add_version(
        project,
        upload.read(),
        upload.name or "upload",
        fields.get("label", ""),
        fields.get("date", ""),
        fields.get("source", ""),
    )


def check_size(name: str, size: int, limit: int) -> None:
    """UsageError naming the file ``name`` if ``size`` (bytes) is over ``limit``."""
    if size > limit:
        raise UsageError(f"{name}: {size:,} bytes, over the limit of {megabytes(limit)}")


def update_version(version: VersionRecord, label: str, date: str, source: str) -> None:
    """Change a version's label, date and source. Annotations name their versions by
    label, so a new label is written into every target naming the old one, in each
    annotation and each of its revisions (history keeps pointing at this version)."""
    label = label.strip()
    if label != version.label:
        _check_label(version.project, label)
    check_date(date)
    check_source(source)
    with transaction.atomic():
        if label != version.label:
            _rename_targets(version.project, version.label, label)
        version.label, version.date, version.source = label, date, source.strip()
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError:
            raise Conflict(f"the project already has a version {label!r}") from None


def _rename_targets(project: ProjectRecord, old: str, new: str) -> None:
    """Write ``new`` for ``old`` in the target sources of the project's annotations and
    their revisions (a change's older side lives in the newer version's row)."""
    for model in (AnnotationRecord, Revision):
        rows = model.objects.select_for_update(of=("self",)).filter(**{_PROJECT_OF[model]: project})
        for row in rows.only("pk", "data"):
            data = _renamed(row.data, old, new)
            if data != row.data:  # an annotation's JSON changed: so did its time (ETags)
                changed = {"modified": timezone.now()} if model is AnnotationRecord else {}
                model.objects.filter(pk=row.pk).update(data=data, **changed)


_PROJECT_OF = {AnnotationRecord: "project", Revision: "annotation__project"}


def _renamed(data: Any, old: str, new: str) -> Any:
    """The annotation JSON-LD ``data`` with each target source ``old`` written ``new``."""
    if not isinstance(data, dict) or "target" not in data:
        return data
    targets = data["target"]
    renamed = [
        {**target, "source": new}
        if isinstance(target, dict) and target.get("source") == old
        else target
        for target in (targets if isinstance(targets, list) else [targets])
    ]
    return {**data, "target": renamed if isinstance(targets, list) else renamed[0]}


def reorder_versions(project: ProjectRecord, labels: Sequence[str]) -> None:
    """Put the project's versions in the order of ``labels`` (every label, once)."""
    versions = {version.label: version for version in project.live_versions()}
    if sorted(labels) != sorted(versions):
        raise UsageError("the new order must name every version of the project once")
    with transaction.atomic():
        for position, label in enumerate(labels, start=1):
            VersionRecord.objects.filter(pk=versions[label].pk).update(position=position)


def trash(item: ProjectRecord | VersionRecord) -> None:
    """Move a project or a version to the trash, restorable for TRASH_DAYS days."""
    item.deleted_at = timezone.now()
    item.save(update_fields=["deleted_at"])


def restore(item: ProjectRecord | VersionRecord) -> None:
    """Take a project or a version back out of the trash."""
    if isinstance(item, VersionRecord):
        _check_label(item.project, item.label)
    item.deleted_at = None
    item.save(update_fields=["deleted_at"])


def purge_trash(now: datetime.datetime | None = None) -> int:
    """Delete for good what has been in the trash longer than TRASH_DAYS days; return
    how many projects and versions (not counting what they held)."""
    before = (now or timezone.now()) - datetime.timedelta(days=settings.TRASH_DAYS)
    _, projects = ProjectRecord.objects.filter(deleted_at__lt=before).delete()
    _, versions = VersionRecord.objects.filter(deleted_at__lt=before).delete()
    return projects.get(ProjectRecord._meta.label, 0) + versions.get(VersionRecord._meta.label, 0)


def set_member(project: ProjectRecord, username: str, role: str) -> Membership:
    """Invite ``username`` with ``role``, or change the role of a member."""
    if role not in MemberRole.values:
        raise UsageError(f"unknown role {role!r} (roles: {', '.join(MemberRole.values)})")
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise UsageError(f"no user named {username!r}")
    with transaction.atomic():
        membership, _ = Membership.objects.update_or_create(
            project=project, user=user, defaults={"role": role}
        )
        _keep_an_owner(project)
    return membership


def remove_member(project: ProjectRecord, username: str) -> None:
    """Take a member out of the project (never its last owner)."""
    with transaction.atomic():
        project.memberships.filter(user__username=username).delete()
        _keep_an_owner(project)


def _keep_an_owner(project: ProjectRecord) -> None:
    if not project.memberships.filter(role=MemberRole.OWNER).exists():
        raise UsageError("a project keeps at least one owner")


def _check_label(project: ProjectRecord, label: str) -> None:
    """The library's rules of a label, and no other live version of the project has it."""
    check_label(label)
    if project.versions.filter(label=label, deleted_at__isnull=True).exists():
        raise Conflict(f"the project already has a version {label!r}")


def _free_slug(title: str) -> str:
    base = slugify(title)[:70] or "project"
    slug, number = base, 1
    while ProjectRecord.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
