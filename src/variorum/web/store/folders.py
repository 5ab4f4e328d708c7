"""A stored project as a project folder (``docs/project-format.md``), and back.

The folder is the library's own format, written and read by ``variorum.project``, so
a project exported from the web app opens with the command line, and a folder made
with the command line imports into the web app. Both travel as ZIP files.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from variorum.errors import InputError, VariorumError
from variorum.ingest.zipcheck import open_zip
from variorum.project import (
    ANNOTATIONS_FILE,
    PROJECT_FILE,
    Project,
    add_version,
    create_project,
    open_project,
)
from variorum.web.models import ProjectRecord, Status
from variorum.web.store import annotations as store
from variorum.web.store import projects
from variorum.web.store.history import HISTORY_FILE, read_history, restore_history, write_history
from variorum.web.store.workers import waiting_turn

MAX_IMPORT_ANNOTATIONS = 10_000
"""The most annotations one imported project folder may hold."""
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


def import_folder(folder: Path, owner: Any) -> ProjectRecord:
    """A new project, owned by ``owner``, from a project folder; its annotations are
    stored as drafts where the folder marks them so, published otherwise. Nothing is
    kept if any part cannot be read.

    The project and each version are written in short transactions of their own,
    the annotations ``IMPORT_BATCH`` at a time after all are checked, so an import
    never holds the database's writer for long (SQLite has one for everyone)."""
    source = open_project(folder)
    notes = source.annotations()
    history = read_history(folder)  # checked before anything is stored
    if len(notes) > MAX_IMPORT_ANNOTATIONS:
        raise InputError(
            folder / (source.annotations_file or ANNOTATIONS_FILE),
            f"holds {len(notes):,} annotations, over the limit of {MAX_IMPORT_ANNOTATIONS:,}"
            " that one import may hold",
        )
    title = source.title or folder.name
    project = projects.create_project(owner, title, source.authors, source.introduction)
    try:
        _fill(project, folder, source, (notes, history), owner)
    except BaseException:
        project.delete()  # a refused import keeps nothing, not even its empty project
        raise
    return project


def _fill(
    project: ProjectRecord, folder: Path, source: Project,
    read: tuple[list[Any], dict[str, Any]], owner: Any,
) -> None:  # fmt: skip
    """Store the folder's versions, annotations and their history (``read``: what
    ``read_history`` gave) in the new ``project``."""
    notes, history = read
    if source.annotations_file and (folder / source.annotations_file).is_file():
        project.collection_id = source.collection_id()
        project.save(update_fields=["collection_id"])
    for version in source.versions:
        path = folder / version.file
        projects.add_version(
            project, _read(path), path.name, version.label, version.date, version.source,
            version.format,
        )  # fmt: skip
    statuses = (str(Status.DRAFT if note.draft else Status.PUBLISHED) for note in notes)
    drafts_out = (replace(note, draft=False) for note in notes)
    store.create_many(project, owner, zip(drafts_out, statuses, strict=True), IMPORT_BATCH)
    restore_history(project, history, folder)


def import_zip(data: bytes, name: str, owner: Any) -> ProjectRecord:
    """A new project from a ZIP of a project folder (the folder at its root, or one
    folder holding it). The import holds one of the requests' turns to wait
    (``workers.waiting_turn``) while its versions are read in child processes."""
    with waiting_turn(f"importing {name}"):
        return _import_zip(data, name, owner)


def _import_zip(data: bytes, name: str, owner: Any) -> ProjectRecord:
    package = open_zip(data, name, "is not a ZIP file, or it is damaged")
    _check_paths(package.infolist(), name)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for member in package.infolist():
            _extract(package, member, root, name)
        found = sorted(root.glob("variorum.toml")) or sorted(root.glob("*/variorum.toml"))
        if not found:
            raise InputError(name, "holds no variorum.toml: it is not a project folder")
        try:
            return import_folder(found[0].parent, owner)
        except VariorumError as error:
            raise _inside_zip(error, root, name) from None


def _read(path: Path) -> bytes:
    """A version's file; InputError if it is missing or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, f"is listed in {PROJECT_FILE} but missing") from None
    except OSError as error:
        raise InputError(path, f"cannot be read: {error.strerror or error}") from None


def _inside_zip(error: VariorumError, root: Path, name: str) -> InputError:
    """``error`` about a file unpacked under ``root``, naming the file inside the ZIP
    ``name`` instead of the server's temporary folder."""
    message = str(error)
    for folder in {str(root.resolve()), str(root)}:
        message = message.replace(folder + os.sep, "").replace(folder, ".")
    return InputError(name, message)


def _check_paths(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse member paths that are absolute, leave the folder (``..``), have empty or
    ``.`` parts (``p/.``, ``p//a``), or make one name both a file and a folder."""
    files: set[str] = set()
    folders: set[str] = set()
    for member in members:
        path = member.filename.removesuffix("/") if member.is_dir() else member.filename
        parts = path.split("/")
        if PurePosixPath(path).is_absolute() or any(p in ("", ".", "..") for p in parts):
            raise InputError(name, f"has a part with an unsafe path {member.filename!r}")
        (folders if member.is_dir() else files).add(path)
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
    both = sorted(files & folders)
    if both:
        raise InputError(name, f"has {both[0]!r} both as a file and as a folder")


def _extract(package: zipfile.ZipFile, member: zipfile.ZipInfo, root: Path, name: str) -> None:
    """Unpack one member (its path checked by ``_check_paths``) inside ``root``."""
    if member.is_dir():
        return
    target = root.joinpath(*member.filename.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = package.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # a bad CRC, a damaged stream, an unknown compression or an encrypted part
        raise InputError(name, f"is damaged: its part {member.filename!r} cannot be unpacked"
                         f" ({error})") from None  # fmt: skip
    target.write_bytes(data)


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
