"""The annotation store: the library's Annotation in, revisions and ETags kept.

Every save is checked against the versions' texts (each target must anchor, so no
note is stored on words that are not there), writes a new Revision, and bumps the
annotation's revision number, its ETag. A save that names the revision it edits
(``If-Match``) and finds another one current is refused with ``Stale``: two editors
saving the same annotation never lose an edit silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from variorum.annotations.anchor import anchor_annotation
from variorum.annotations.carry import Carried, CarryStatus, carry
from variorum.annotations.jsonld import from_jsonld, to_jsonld
from variorum.annotations.model import Annotation as Note
from variorum.annotations.model import AnnotationError, ChangeTarget, now
from variorum.compare import compare
from variorum.document import Document
from variorum.errors import UsageError
from variorum.web.models import Annotation, Project, Revision, Status, Version
from variorum.web.store.documents import document_of


class Stale(Exception):
    """The annotation changed since the revision the editor started from."""

    def __init__(self, current: Annotation) -> None:
        self.current = current
        super().__init__(
            f"annotation {current.iri} was changed by someone else (now revision"
            f" {current.revision}); reload it and apply your edit again"
        )


def live_annotations(project: Project) -> Any:
    """The project's annotations not deleted, on versions not in the trash."""
    return Annotation.objects.filter(
        project=project, deleted_at__isnull=True, version__deleted_at__isnull=True
    ).select_related("project", "version", "creator").defer("version__content")


def note_of(row: Annotation) -> Note:
    """The library's Annotation stored in ``row``."""
    return from_jsonld(row.data)


def documents_of(project: Project) -> dict[str, Document]:
    """The Document of every live version, by label."""
    return {version.label: document_of(version) for version in project.live_versions()}


def create(project: Project, user: Any, note: Note, status: str = Status.DRAFT) -> Annotation:
    """Store a new annotation, after checking that its target anchors."""
    note = replace(note, creator=note.creator or _creator(user), created=note.created or now())
    container = _check(project, note)
    _check_status(status)
    with transaction.atomic():
        if Annotation.objects.filter(project=project, iri=note.id).exists():
            raise UsageError(f"the project already has an annotation {note.id}")
        row = Annotation.objects.create(
            project=project,
            version=container,
            iri=note.id,
            data=to_jsonld(note, context=False),
            status=status,
            tags=list(note.body.tags),
            creator=user if user.is_authenticated else None,
        )
        _record(row, user)
    return row


def update(
    row: Annotation, user: Any, note: Note, status: str, if_match: str | None = None
) -> Annotation:
    """Save a new revision of ``row``; Stale if ``if_match`` is not its current ETag."""
    _check_status(status)
    note = replace(note, id=row.iri, creator=note.creator or _creator(user), modified=now())
    note = replace(note, created=note_of(row).created or note.created)
    container = _check(row.project, note)
    with transaction.atomic():
        current = _locked(row, if_match)
        current.data = to_jsonld(note, context=False)
        current.version = container
        current.status = status
        current.tags = list(note.body.tags)
        current.carried = ""
        current.revision += 1
        current.save()
        _record(current, user)
    return current


def delete(row: Annotation, user: Any, if_match: str | None = None) -> None:
    """Delete ``row`` (its revisions stay, the last one marked as the deletion)."""
    with transaction.atomic():
        current = _locked(row, if_match)
        current.deleted_at = timezone.now()
        current.revision += 1
        current.save()
        _record(current, user, deleted=True)


def confirm(row: Annotation, user: Any, if_match: str | None = None) -> Annotation:
    """An analyst confirms a carried annotation as it stands."""
    return update(row, user, note_of(row), row.status, if_match)


def carry_forward(project: Project, old: Version, new: Version, user: Any) -> list[Carried]:
    """Carry the annotations of ``old`` onto ``new`` as drafts marked with what became
    of their passage, for an analyst to confirm or fix; deleted and orphaned passages
    are reported, not attached anywhere."""
    rows = {row.iri: row for row in live_annotations(project).filter(version=old)}
    notes = [note_of(row) for row in rows.values()]
    comparison = compare(document_of(old), document_of(new))
    carried = carry(notes, comparison)
    already = set(
        live_annotations(project).filter(version=new).values_list("carried_from", flat=True)
    )
    with transaction.atomic():
        for item in carried:
            source = rows[item.annotation.id]
            target = item.target_in(comparison.new)
            if target is None or source.pk in already:
                continue
            note = Note.new(target, item.annotation.body.text, item.annotation.body.tags)
            copy = create(project, user, replace(note, creator=item.annotation.creator))
            Annotation.objects.filter(pk=copy.pk).update(
                carried=item.status.value, carried_from=source
            )
    return carried


def revisions(row: Annotation) -> list[Revision]:
    """Every saved state of ``row``, oldest first."""
    return list(row.revisions.select_related("author").order_by("number"))


def from_request_data(data: Any, project: Project) -> Note:
    """The library's Annotation from JSON-LD sent by a client; its target sources may be
    version labels or the versions' API addresses."""
    if not isinstance(data, dict):
        raise AnnotationError("the body is not a JSON object")
    data = {"id": "urn:uuid:new", "type": "Annotation", **data}
    labels = set(project.live_versions().values_list("label", flat=True))
    return from_jsonld(data, lambda source: _label_of(source, labels))


CARRY_STATES = tuple(state.value for state in CarryStatus)
"""What a carried annotation's ``carried`` field may hold."""


def _label_of(source: str, labels: Iterable[str]) -> str | None:
    tail = source.rstrip("/").rsplit("/", 1)[-1]
    for label in labels:
        if source == label or (source.startswith("http") and tail == label):
            return label
    return None


def _check(project: Project, note: Note) -> Version:
    """The version that contains ``note`` (a change: its newer side), after checking
    that each target anchors on its version's text."""
    versions = {version.label: version for version in project.live_versions()}
    for label in note.versions:
        if label not in versions:
            known = ", ".join(versions) or "none yet"
            raise AnnotationError(f"no version {label!r} in this project (versions: {known})")
    documents = {label: document_of(versions[label]) for label in note.versions}
    for found in anchor_annotation(note, documents):
        if found.orphaned:
            raise AnnotationError(
                f"the passage {found.target.quote.exact[:60]!r} is not in version"
                f" {found.target.version!r}"
            )
    target = note.target
    return versions[target.new.version if isinstance(target, ChangeTarget) else target.version]


def _check_status(status: str) -> None:
    if status not in Status.values:
        raise UsageError(f"unknown status {status!r} (known: {', '.join(Status.values)})")


def _locked(row: Annotation, if_match: str | None) -> Annotation:
    current = Annotation.objects.select_for_update().get(pk=row.pk)
    if current.deleted_at is not None:
        raise UsageError(f"annotation {current.iri} was deleted")
    if if_match is not None and if_match.strip() not in (current.etag, f"W/{current.etag}"):
        raise Stale(current)
    return current


def _record(row: Annotation, user: Any, deleted: bool = False) -> None:
    Revision.objects.create(
        annotation=row,
        number=row.revision,
        data=row.data,
        status=row.status,
        author=user if user.is_authenticated else None,
        deleted=deleted,
    )


def _creator(user: Any) -> str:
    if not user.is_authenticated:
        return ""
    return user.get_full_name() or user.get_username()
