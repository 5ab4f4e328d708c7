"""A stored project as a project folder (``docs/project-format.md``), and back.

The folder is the library's own format, written and read by ``variorum.project``, so
a project exported from the web app opens with the command line, and a folder made
with the command line imports into the web app. Both travel as ZIP files.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.db import transaction

from variorum.errors import InputError, UsageError, VariorumError
from variorum.project import ANNOTATIONS_FILE, PROJECT_FILE, Project, add_version, create_project
from variorum.web.models import ProjectRecord, Status
from variorum.web.store import annotations as store
from variorum.web.store import projects, workers
from variorum.web.store.folder_reading import (
    HISTORY_FILE,
    ReadFolder,
    inside_zip,
    read_folder,
    read_zip_or_refusal,
)
from variorum.web.store.history import restore_history, write_history

IMPORT_BATCH = 250
"""Annotations written per transaction by an import."""


def export_folder(project: ProjectRecord, folder: Path, drafts: bool = True) -> Project:
    """Write ``project`` into the empty or new ``folder``; ``drafts=False`` leaves out
    the annotations not yet published."""
    written = create_project(
        folder, project.title, project.authors, project.introduction, project.collection_id
    )
    taken = set(RESERVED)
    for version in project.live_versions():
        path = folder / _file_name(version.label, version.filename, taken)
        path.write_bytes(bytes(version.content))
        written = add_version(
            written, path, version.label, version.date, version.source, version.format
        )
    rows = store.live_annotations(project).order_by("created", "id")
    if not drafts:  # what readers see: a pending edit keeps its last published text
        written.save_annotations(store.as_published(rows))
        return written
    rows = list(rows.select_related("carried_from"))
    written.save_annotations(
        replace(store.note_of(row), draft=row.status == Status.DRAFT) for row in rows
    )
    write_history(rows, folder)  # carried and unconfirmed, and every revision
    return written


def export_zip(project: ProjectRecord, drafts: bool = True) -> bytes:
    """The project folder as a ZIP file, in a folder named after the project."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / project.slug
        export_folder(project, folder, drafts)
        return zip_folder(folder, project.slug)


Progress = Callable[[str, int, int], None]
"""Told what an import is doing: ``(what, done, of)``, such as ("annotations", 250, 10000)."""


def import_folder(folder: Path, owner: Any, progress: Progress | None = None) -> ProjectRecord:
    """A new project, owned by ``owner``, from a project folder (read in this process)."""
    return store_folder(read_folder(folder, STATUSES), owner, progress)


def import_zip(
    data: bytes, name: str, owner: Any, progress: Progress | None = None,
    stages: Stages | None = None,
) -> ProjectRecord:  # fmt: skip
    """A new project from a ZIP of a project folder (the folder at its root, or one
    folder holding it), unpacked and parsed in a worker process (``folder_reading``),
    then stored here; ``progress`` is told of each step, ``stages`` as
    ``store_folder`` says."""
    with tempfile.TemporaryDirectory() as temporary:
        (progress or _silent)("reading", 0, 1)
        read = workers.run(f"reading {name}", read_zip_or_refusal, data, name, temporary,
                           STATUSES)  # fmt: skip
        if isinstance(read, str):
            raise UsageError(read)
        try:
            return store_folder(read, owner, progress, stages)
        except VariorumError as error:  # a listed file missing, a version unreadable
            raise inside_zip(error, Path(temporary), name) from None


def store_folder(
    read: ReadFolder, owner: Any, progress: Progress | None = None, stages: Stages | None = None
) -> ProjectRecord:
    """A new project, owned by ``owner``, from a folder already read and checked; its
    annotations are stored as drafts where the folder marks them so, published
    otherwise. Nothing is kept if any part cannot be stored.

    The project and each version are written in short transactions of their own,
    the annotations ``IMPORT_BATCH`` at a time after all are checked, so an import
    never holds the database's writer for long (SQLite has one for everyone). No one
    sees the project until it is complete: it has no member until the transaction
    that makes ``owner`` its owner and runs ``stages.finished``. A process stopped
    part-way leaves a project without members, told to ``stages.begun``, which the
    caller removes (``imports.tidy``)."""
    source, folder = read.source, read.folder
    told = stages or Stages()
    project = projects.create_project(None, source.title or folder.name, source.authors,
                                      source.introduction)  # fmt: skip
    try:
        told.begun(project)
        _fill(project, read, owner, progress or _silent)
        with transaction.atomic():
            projects.add_owner(project, owner)
            told.finished(project)
    except BaseException:
        project.delete()  # a refused import keeps nothing, not even its empty project
        raise
    return project


def _unseen(project: ProjectRecord) -> None:
    """A stage of an import no one follows."""


@dataclass(frozen=True, slots=True)
class Stages:
    """Told when an import's project is made (``begun``, before anything is stored in
    it) and when it is complete (``finished``, in the transaction that shows it to its
    owner: raising there keeps nothing)."""

    begun: Callable[[ProjectRecord], None] = _unseen
    finished: Callable[[ProjectRecord], None] = _unseen


STATUSES = frozenset(Status.values)
"""The statuses a folder's history may name."""


def _silent(what: str, done: int, of: int) -> None:
    """Progress told to no one."""


def _fill(project: ProjectRecord, read: ReadFolder, owner: Any, progress: Progress) -> None:
    """Store the folder's versions, annotations and their history in the new ``project``."""
    source, folder, notes = read.source, read.folder, read.notes
    if source.annotations_file and (folder / source.annotations_file).is_file():
        project.collection_id = source.collection_id()
        project.save(update_fields=["collection_id"])
    for number, version in enumerate(source.versions):
        progress("versions", number, len(source.versions))
        path = folder / version.file
        projects.add_version(project, _read(path), path.name, version.label, version.date,
                    version.source, version.format)  # fmt: skip
    statuses = (str(Status.DRAFT if note.draft else Status.PUBLISHED) for note in notes)
    drafts_out = (replace(note, draft=False) for note in notes)
    store.create_many(project, owner, zip(drafts_out, statuses, strict=True), IMPORT_BATCH,
                      lambda done: progress("annotations", done, len(notes)))  # fmt: skip
    progress("history", 0, 1)
    restore_history(project, read.history, folder)


def _read(path: Path) -> bytes:
    """A version's file; InputError if it is missing or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, f"is listed in {PROJECT_FILE} but missing") from None
    except OSError as error:
        raise InputError(path, f"cannot be read: {error.strerror or error}") from None


def zip_folder(folder: Path, prefix: str) -> bytes:
    """Every file under ``folder``, zipped under the folder name ``prefix``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{prefix}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


RESERVED = (PROJECT_FILE, ANNOTATIONS_FILE, HISTORY_FILE)
"""The folder's own files, never a version's name."""


def _file_name(label: str, filename: str, taken: set[str]) -> str:
    """A safe file name for a version, not in ``taken`` (compared case-insensitively,
    as on macOS and Windows) and then added to it: its label with the uploaded file's
    extension, numbered ``-2``, ``-3``... when two labels give the same name."""
    suffix = Path(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".txt"
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-.") or "version"
    name, number = stem + suffix, 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    taken.add(name.casefold())
    return name
