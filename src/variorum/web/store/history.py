"""The review state a project folder keeps beside its annotations: ``history.json``.

``annotations.jsonld`` holds each note as it stands (W3C JSON-LD, the library's
format). What only the web app knows travels beside it, so that exporting a project
and importing it again loses nothing of a review in progress: which notes were
carried from another version and not yet confirmed (and from which note), and every
saved revision of each note. The file is keyed by the annotations' ids; the library
and other tools ignore it. Its format is in ``docs/project-format.md``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from variorum.errors import InputError
from variorum.web.models import AnnotationRecord, ProjectRecord, Revision
from variorum.web.store.folder_reading import HISTORY_FILE, HISTORY_FORMAT


def write_history(rows: list[AnnotationRecord], folder: Path) -> None:
    """Write the carried state and the revisions of ``rows`` (the exported notes)."""
    carried_from = {row.pk: row.carried_from.iri for row in rows if row.carried_from}
    revisions: dict[int, list[dict[str, Any]]] = {row.pk: [] for row in rows}
    saved = Revision.objects.filter(annotation__in=list(revisions)).select_related("author")
    for revision in saved.order_by("annotation_id", "number"):
        revisions[revision.annotation_id].append({
            "number": revision.number, "saved": revision.saved.isoformat(),
            "author": revision.author.get_username() if revision.author else None,
            "status": revision.status, "deleted": revision.deleted,
            "annotation": revision.data,
        })  # fmt: skip
    notes = {
        row.iri: {
            "carried": row.carried,
            "carried_from": carried_from.get(row.pk, ""),
            "revisions": revisions[row.pk],
        }
        for row in rows
    }
    text = json.dumps({"format_version": HISTORY_FORMAT, "annotations": notes},
                      ensure_ascii=False, indent=1)  # fmt: skip
    (folder / HISTORY_FILE).write_text(text + "\n", encoding="utf-8")


def restore_history(project: ProjectRecord, notes: dict[str, Any], folder: Path) -> None:
    """Give the imported annotations of ``project`` their carried state and revisions
    from ``notes`` (``read_history``), one annotation's transaction at a time. Authors
    are matched by user name; one unknown here is left blank."""
    rows = {row.iri: row for row in AnnotationRecord.objects.filter(project=project)}
    unknown = sorted(set(notes) - set(rows))
    if unknown:
        raise InputError(folder / HISTORY_FILE, f"names an annotation {unknown[0]!r} that"
                         " annotations.jsonld does not hold")  # fmt: skip
    names = {saved.get("author") for note in notes.values() for saved in note.get("revisions", [])}
    found = get_user_model().objects.filter(username__in=[n for n in names if isinstance(n, str)])
    users = {user.get_username(): user for user in found}
    for iri, note in notes.items():
        _restore_one(rows[iri], note, rows, users)


def _restore_one(row: AnnotationRecord, note: dict[str, Any], rows: dict[str, AnnotationRecord],
                 users: dict[str, Any]) -> None:  # fmt: skip
    saved = note.get("revisions", [])
    with transaction.atomic():
        if saved:
            row.revisions.all().delete()
            Revision.objects.bulk_create(_revision(row, item, users) for item in saved)
            row.revision = max(item["number"] for item in saved)
        row.carried = note.get("carried", "")
        row.carried_from = rows.get(note.get("carried_from", ""))
        row.save(update_fields=["revision", "carried", "carried_from"])


def _revision(row: AnnotationRecord, item: dict[str, Any], users: dict[str, Any]) -> Revision:
    return Revision(
        annotation=row,
        number=item["number"],
        data=item["annotation"],
        status=item["status"],
        author=users.get(item.get("author") or ""),
        saved=datetime.fromisoformat(item["saved"]),
        deleted=bool(item.get("deleted")),
    )
