"""The annotation store: the library's Annotation in, revisions and ETags kept.

Every save is checked against the versions' texts (each target must anchor, so no
note is stored on words that are not there), writes a new Revision, and bumps the
annotation's revision number, its ETag. A save that names the revision it edits
(``If-Match``) and finds another one current is refused with ``Stale``: two editors
saving the same annotation never lose an edit silently.

Carrying a version's notes to a later one makes a draft copy of each on the later
version. A note whose words the later version deleted (or that could not be anchored)
gets a *lost* copy: it keeps the old version's target, so it still says which words it
was on, but it is held apart (``LOST``) from the later version's notes until an analyst
attaches it to other words of that version (a save) or dismisses it (a deletion).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from variorum.annotations.anchor import anchor_annotation
from variorum.annotations.carry import Carried, CarryStatus, carry
from variorum.annotations.jsonld import from_jsonld, to_jsonld
from variorum.annotations.model import Annotation, AnnotationError, ChangeTarget, new_id, now
from variorum.compare import compare
from variorum.document import Document
from variorum.errors import UsageError, VariorumError
from variorum.publish.notes import keys_of_ids
from variorum.web.limits import NOTE_CHARACTERS
from variorum.web.models import AnnotationRecord, ProjectRecord, Revision, Status, VersionRecord
from variorum.web.store import workers
from variorum.web.store.documents import document_of
from variorum.web.store.prepared import Prepared


class Deleted(VariorumError):
    """The annotation was deleted, by someone else, since the editor loaded it."""

    def __init__(self, current: AnnotationRecord) -> None:
        super().__init__(
            f"annotation {current.iri} was deleted by someone else since you loaded it;"
            " reload the notes (it can be restored from the deleted notes)"
        )


class Stale(Exception):
    """The annotation changed since the revision the editor started from."""

    def __init__(self, current: AnnotationRecord) -> None:
        self.current = current
        super().__init__(
            f"annotation {current.iri} was changed by someone else (now revision"
            f" {current.revision}); reload it and apply your edit again"
        )


VIA = "via"
"""The key of the stored JSON-LD holding the id a client gave an annotation it posted
(the Web Annotation Protocol moves a client's ``id`` there)."""
LOST = (CarryStatus.DELETED.value, CarryStatus.ORPHANED.value)
"""The ``carried`` states of a copy whose words are gone from its version."""


def current_annotations(project: ProjectRecord) -> Any:
    """The project's annotations not deleted, on versions not in the trash, lost copies
    included: what the API reaches one by one."""
    return (
        AnnotationRecord.objects.filter(
            project=project, deleted_at__isnull=True, version__deleted_at__isnull=True
        )
        .select_related("project", "version", "creator")
        .defer("version__content")
    )


def live_annotations(project: ProjectRecord) -> Any:
    """The project's notes as shown and published: current, lost copies left out."""
    return current_annotations(project).exclude(carried__in=LOST)


def shown_state(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord
) -> list[tuple[Any, ...]]:
    """What changes whenever anything the redline of ``old`` and ``new`` shows of its
    annotations does, read without their JSON: each one's id, revision, time of
    change (a renamed version rewrites targets), status, carried state, deletion,
    and the label of the version a carried copy came from."""
    return _SHOWN.rows(project.pk, old.pk, new.pk)


SHOWN_FIELDS = ("uuid", "revision", "modified", "status", "carried", "deleted_at",
                "carried_from__version__label")  # fmt: skip
_SHOWN = Prepared(
    lambda project, old, new: _of_pair(
        ProjectRecord(pk=project), VersionRecord(pk=old), VersionRecord(pk=new)
    ).values_list(*SHOWN_FIELDS),
    int, int, int,
)  # fmt: skip
"""``shown_state``'s read, compiled once: every opening of a redline asks it."""


def _of_pair(project: ProjectRecord, old: VersionRecord, new: VersionRecord) -> Any:
    return AnnotationRecord.objects.filter(project=project, version__in=[old.pk, new.pk]).order_by(
        "created", "id"
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """The annotations a redline of two versions shows, read in one query."""

    live: list[AnnotationRecord]
    """The notes placed in the text (``live_annotations`` on either version)."""
    lost: list[AnnotationRecord]
    """The copies carried to the newer version whose words it deleted, awaiting an
    analyst."""
    deleted: list[AnnotationRecord]
    """The deleted annotations of either version, most recently deleted first."""


def shown_annotations(project: ProjectRecord, old: VersionRecord, new: VersionRecord) -> Shown:
    """The annotations of the redline of ``old`` and ``new``, in the order of making."""
    rows = list(
        _of_pair(project, old, new)
        .select_related("carried_from__version")
        .defer("carried_from__version__content")
    )
    current = [row for row in rows if row.deleted_at is None]
    deleted = sorted((row for row in rows if row.deleted_at is not None),
                     key=lambda row: row.deleted_at, reverse=True)  # fmt: skip
    return Shown(
        [row for row in current if row.carried not in LOST],
        [row for row in current if row.carried in LOST and row.version_id == new.pk],
        deleted,
    )


def as_published(rows: Iterable[AnnotationRecord]) -> list[Annotation]:
    """The notes readers see, in the order of ``rows``: a published annotation as it
    is; a published one whose edit was saved as a draft (a pending edit) as it was
    last published, until the edit is published; a draft never published not at all.
    "Save draft" on a published note thus never takes it out of the publication."""
    rows = list(rows)
    pending = [row.pk for row in rows if row.status == Status.DRAFT]
    last: dict[int, Any] = {}
    published = Revision.objects.filter(
        annotation__in=pending, status=Status.PUBLISHED, deleted=False
    ).order_by("annotation_id", "number")
    for revision in published.only("annotation_id", "data"):
        last[revision.annotation_id] = revision.data
    return [
        note_of(row) if row.status == Status.PUBLISHED else from_jsonld(last[row.pk])
        for row in rows
        if row.status == Status.PUBLISHED or row.pk in last
    ]


def published_before(rows: Iterable[AnnotationRecord]) -> set[int]:
    """The ids of the draft ``rows`` that have a published revision: pending edits."""
    drafts = [row.pk for row in rows if row.status == Status.DRAFT]
    found = Revision.objects.filter(annotation__in=drafts, status=Status.PUBLISHED, deleted=False)
    return set(found.values_list("annotation_id", flat=True))


def passage_keys(project: ProjectRecord) -> dict[str, str]:
    """Each live annotation's id -> its permalink key (``#a-<key>``) on the page of its
    version, as that page numbers them (by version, in the order of making)."""
    ids = live_annotations(project).order_by("version_id", "created", "id")
    by_version: dict[int, list[str]] = {}
    for version, iri in ids.values_list("version_id", "iri"):
        by_version.setdefault(version, []).append(iri)
    return {iri: key for iris in by_version.values() for iri, key in keys_of_ids(iris).items()}


def note_of(row: AnnotationRecord) -> Annotation:
    """The library's Annotation stored in ``row``."""
    return from_jsonld(row.data)


def documents_of(project: ProjectRecord) -> dict[str, Document]:
    """The Document of every live version, by label."""
    return {version.label: document_of(version) for version in project.live_versions()}


def create(
    project: ProjectRecord,
    user: Any,
    note: Annotation,
    status: str = Status.DRAFT,  # type: ignore[assignment]  # a str: see store.access
    keep_creator: bool = False,
    via: str = "",
) -> AnnotationRecord:
    """Store a new annotation, after checking that its target anchors. Its creator is
    ``user``, whatever the note says, unless ``keep_creator`` (an imported project
    folder, a carried copy: the note's author is someone else); ``via`` is the id a
    client gave it elsewhere (the protocol's ``via``), kept through every edit."""
    creator = note.creator if keep_creator else _creator(user)
    note = replace(note, creator=creator, created=note.created or now())
    _check_length(note)
    container = _check(project, note)
    _check_status(status)
    with transaction.atomic():
        if AnnotationRecord.objects.filter(project=project, iri=note.id).exists():
            raise UsageError(f"the project already has an annotation {note.id}")
        row = AnnotationRecord.objects.create(
            project=project,
            version=container,
            iri=note.id,
            data=to_jsonld(note, context=False) | ({VIA: via} if via else {}),
            status=status,
            tags=list(note.body.tags),
            creator=user if user.is_authenticated else None,
        )
        _record(row, user)
    return row


def create_many(
    project: ProjectRecord, user: Any, notes: Iterable[tuple[Annotation, str]], batch: int,
    stored: Callable[[int], None] | None = None,
) -> None:  # fmt: skip
    """Store many new annotations, each ``(note, status)`` with its own creator kept
    (an imported project folder): all are checked first, outside any transaction, then
    written ``batch`` at a time, so no transaction holds the database for long;
    ``stored`` is told how many are stored after each batch."""
    versions = {version.label: version for version in project.live_versions()}
    rows = [_new_row(project, user, note, status, versions) for note, status in notes]
    seen: set[str] = set()
    for row in rows:
        if row.iri in seen:
            raise UsageError(f"the annotation {row.iri} is there twice")
        seen.add(row.iri)
    for start in range(0, len(rows), batch):
        with transaction.atomic():
            made = AnnotationRecord.objects.bulk_create(rows[start : start + batch])
            Revision.objects.bulk_create(_first_revision(row) for row in made)
        if stored is not None:
            stored(start + len(made))


def _first_revision(row: AnnotationRecord) -> Revision:
    return Revision(
        annotation=row, number=row.revision, data=row.data, status=row.status, author=row.creator
    )


def _new_row(
    project: ProjectRecord,
    user: Any,
    note: Annotation,
    status: str,
    versions: dict[str, VersionRecord],
) -> AnnotationRecord:
    """The unsaved row of a new annotation, checked (its status, its anchors)."""
    _check_status(status)
    _check_length(note)
    note = replace(note, created=note.created or now())
    return AnnotationRecord(
        project=project,
        version=versions[_anchored_on(note, versions)],
        iri=note.id,
        data=to_jsonld(note, context=False),
        status=status,
        tags=list(note.body.tags),
        creator=user if user.is_authenticated else None,
    )


def update(
    row: AnnotationRecord, user: Any, note: Annotation, status: str, if_match: str | None = None
) -> AnnotationRecord:
    """Save a new revision of ``row``; Stale if ``if_match`` is not its current ETag."""
    _check_status(status)
    creator = note_of(row).creator or _creator(user)  # an edit never changes the author
    note = replace(note, id=row.iri, creator=creator, modified=now())
    note = replace(note, created=note_of(row).created or note.created)
    _check_length(note)
    container = _check(row.project, note)
    with transaction.atomic():
        current = _locked(row, if_match)
        if current.carried in LOST and container != current.version:
            raise AnnotationError(
                f"the words of this note were deleted in version {current.version.label!r}:"
                f" attach it to words of {current.version.label!r}, or delete it"
            )
        if container != current.version:
            raise AnnotationError(
                f"a note stays on the version it was made on ({current.version.label!r}):"
                " make a new note on the other version instead"
            )
        kept = {VIA: current.data[VIA]} if VIA in current.data else {}
        current.data = to_jsonld(note, context=False) | kept
        current.version = container
        current.status = status
        current.tags = list(note.body.tags)
        current.carried = ""
        current.revision += 1
        try:
            with transaction.atomic():
                current.save()
        except IntegrityError:
            raise UsageError(
                f"version {container.label!r} already has a copy of the note this one was"
                " carried from"
            ) from None
        _record(current, user)
    return current


def delete(row: AnnotationRecord, user: Any, if_match: str | None = None) -> None:
    """Delete ``row`` (its revisions stay, the last one marked as the deletion)."""
    with transaction.atomic():
        current = _locked(row, if_match)
        current.deleted_at = timezone.now()
        current.revision += 1
        current.save()
        _record(current, user, deleted=True)


def restore(row: AnnotationRecord, user: Any, if_match: str | None = None) -> AnnotationRecord:
    """Bring back a deleted annotation as it was before its deletion (a new revision),
    after checking that its words are still in its versions (a lost copy's are not:
    it comes back to be attached to other words)."""
    if row.carried not in LOST:
        _check(row.project, note_of(row))
    with transaction.atomic():
        current = AnnotationRecord.objects.select_for_update().get(pk=row.pk)
        if current.deleted_at is None:
            raise UsageError(f"annotation {current.iri} is not deleted")
        if if_match is not None and if_match.strip() not in (current.etag, f"W/{current.etag}"):
            raise Stale(current)
        current.deleted_at = None
        current.revision += 1
        current.save()
        _record(current, user)
    return current


def confirm(row: AnnotationRecord, user: Any, if_match: str | None = None) -> AnnotationRecord:
    """An analyst confirms a carried annotation as it stands."""
    return update(row, user, note_of(row), row.status, if_match)


def carry_forward(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, user: Any
) -> list[Carried]:
    """Carry the annotations of ``old`` onto ``new`` as drafts marked with what became
    of their passage, for an analyst to confirm or fix; a note whose passage is gone
    gets a lost copy (see ``LOST``). Each note is carried to a version once: carrying
    again, even at the same moment, adds no second copy."""
    rows = {row.iri: row for row in live_annotations(project).filter(version=old)}
    comparison = workers.run(
        f"comparing {old.label} and {new.label}", compare, document_of(old), document_of(new)
    )
    carried = carry([note_of(row) for row in rows.values()], comparison)
    with transaction.atomic():
        # a second carry to the same version waits here for the first one to finish
        VersionRecord.objects.select_for_update().filter(pk=new.pk).first()
        already = set(
            AnnotationRecord.objects.filter(version=new, carried_from__isnull=False).values_list(
                "carried_from", flat=True
            )
        )
        for item in carried:
            source = rows[item.annotation.id]
            if source.pk not in already:
                _copy(project, user, item, source, new, comparison.new)
    return carried


def _copy(
    project: ProjectRecord,
    user: Any,
    item: Carried,
    source: AnnotationRecord,
    new: VersionRecord,
    text: Document,
) -> None:
    """The draft copy of ``source`` on ``new``: on its passage there, or a lost copy
    that keeps the old target when the passage is gone."""
    target = item.target_in(text)
    note = item.annotation
    try:
        with transaction.atomic():  # the constraint refuses a copy made meanwhile
            if target is not None:
                fresh = replace(Annotation.new(target, note.body.text, note.body.tags),
                                creator=note.creator)  # fmt: skip
                copy = create(project, user, fresh, keep_creator=True)
            else:
                copy = _create_lost(project, user, replace(note, id=new_id()), new)
            AnnotationRecord.objects.filter(pk=copy.pk).update(
                carried=item.status.value, carried_from=source
            )
    except IntegrityError:
        return


def _create_lost(
    project: ProjectRecord, user: Any, note: Annotation, new: VersionRecord
) -> AnnotationRecord:
    row = AnnotationRecord.objects.create(
        project=project,
        version=new,
        iri=note.id,
        data=to_jsonld(note, context=False),
        tags=list(note.body.tags),
        creator=user if user.is_authenticated else None,
    )
    _record(row, user)
    return row


def revisions(row: AnnotationRecord) -> list[Revision]:
    """Every saved state of ``row``, oldest first."""
    return list(row.revisions.select_related("author").order_by("number"))


def _check(project: ProjectRecord, note: Annotation) -> VersionRecord:
    """The version that contains ``note`` (a change: its newer side), after checking
    that each target anchors on its version's text."""
    versions = {version.label: version for version in project.live_versions()}
    return versions[_anchored_on(note, versions)]


def _anchored_on(note: Annotation, versions: dict[str, VersionRecord]) -> str:
    """The label of the version that contains ``note``, of ``versions`` (by label);
    AnnotationError if a version is missing or a target does not anchor."""
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
    return target.new.version if isinstance(target, ChangeTarget) else target.version


def _check_length(note: Annotation) -> None:
    """Refuse a note longer than ``NOTE_CHARACTERS``: every page showing it renders it."""
    if len(note.body.text) > NOTE_CHARACTERS:
        raise AnnotationError(
            f"the note of annotation {note.id} is {len(note.body.text):,} characters,"
            f" over the limit of {NOTE_CHARACTERS:,}"
        )


def _check_status(status: str) -> None:
    if status not in Status.values:
        raise UsageError(f"unknown status {status!r} (known: {', '.join(Status.values)})")


def _locked(row: AnnotationRecord, if_match: str | None) -> AnnotationRecord:
    current = AnnotationRecord.objects.select_for_update().get(pk=row.pk)
    if current.deleted_at is not None:
        raise Deleted(current)
    if if_match is not None and if_match.strip() not in (current.etag, f"W/{current.etag}"):
        raise Stale(current)
    return current


def _record(row: AnnotationRecord, user: Any, deleted: bool = False) -> None:
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
