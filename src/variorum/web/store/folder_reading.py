"""Reading an uploaded project folder's ZIP, in a worker process: unpacking, checking
and parsing everything an import stores, before anything is stored.

Parsing 10,000 annotations costs about half a second of CPU; in a request's thread it
held the server's interpreter meanwhile. ``read_zip`` runs in a worker process
(``store.workers``) instead, so it imports nothing of Django: its arguments and its
result are plain data, and the statuses a history may name are passed in.
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from variorum.annotations.carry import CarryStatus
from variorum.annotations.jsonld import MAX_DEPTH, nested_deeper
from variorum.annotations.model import Annotation
from variorum.errors import InputError, VariorumError
from variorum.ingest.zipcheck import open_zip
from variorum.project import ANNOTATIONS_FILE, Project, open_project

MAX_IMPORT_ANNOTATIONS = 10_000
"""The most annotations one imported project folder may hold."""
HISTORY_FILE = "history.json"
HISTORY_FORMAT = 1
"""The ``format_version`` of ``history.json``."""


@dataclass(frozen=True)
class ReadFolder:
    """A project folder unpacked, checked and parsed: what an import stores."""

    folder: Path
    source: Project
    notes: list[Annotation]
    history: dict[str, Any]
    """``history.json``'s entries by annotation id (empty without one)."""


def read_zip_or_refusal(
    data: bytes, name: str, into: str, statuses: frozenset[str]
) -> ReadFolder | str:
    """``read_zip``, or the message of its refusal (a worker's result is plain data)."""
    try:
        return read_zip(data, name, into, statuses)
    except VariorumError as refused:
        return str(refused)


def read_zip(data: bytes, name: str, into: str, statuses: frozenset[str]) -> ReadFolder:
    """Unpack the ZIP ``data`` (the file ``name``) of a project folder (at its root, or
    in one folder) under the empty folder ``into`` and read it; InputError naming
    ``name`` and the part at fault if anything cannot be read."""
    package = open_zip(data, name, "is not a ZIP file, or it is damaged")
    check_paths(package.infolist(), name)
    root = Path(into)
    for member in package.infolist():
        _extract(package, member, root, name)
    found = sorted(root.glob("variorum.toml")) or sorted(root.glob("*/variorum.toml"))
    if not found:
        raise InputError(name, "holds no variorum.toml: it is not a project folder")
    try:
        return read_folder(found[0].parent, statuses)
    except VariorumError as error:
        raise inside_zip(error, root, name) from None


def read_folder(folder: Path, statuses: frozenset[str]) -> ReadFolder:
    """The project folder ``folder`` read and checked (``statuses``: the annotation
    statuses its history may name)."""
    source = open_project(folder)
    notes = source.annotations()
    if len(notes) > MAX_IMPORT_ANNOTATIONS:
        raise InputError(
            folder / (source.annotations_file or ANNOTATIONS_FILE),
            f"holds {len(notes):,} annotations, over the limit of {MAX_IMPORT_ANNOTATIONS:,}"
            " that one import may hold",
        )
    return ReadFolder(folder, source, notes, read_history(folder, statuses))


def read_history(folder: Path, statuses: frozenset[str]) -> dict[str, Any]:
    """The notes' review state from ``history.json`` (empty if the folder has none);
    InputError naming the file and the first problem if it is not as written."""
    path = folder / HISTORY_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        raise InputError(path, "is not JSON") from None
    if nested_deeper(data, MAX_DEPTH):
        raise InputError(path, f"is nested deeper than {MAX_DEPTH} levels")
    if not isinstance(data, dict) or data.get("format_version") != HISTORY_FORMAT:
        raise InputError(path, f"is not a history file of format_version {HISTORY_FORMAT}")
    notes = data.get("annotations")
    if not isinstance(notes, dict) or not all(_valid(note, statuses) for note in notes.values()):
        raise InputError(path, "has an annotation entry that is not as docs/project-format.md says")
    return notes


def _valid(note: Any, statuses: frozenset[str]) -> bool:
    carried = {status.value for status in CarryStatus} | {""}
    if not isinstance(note, dict) or note.get("carried", "") not in carried:
        return False
    revisions = note.get("revisions", [])
    return isinstance(note.get("carried_from", ""), str) and isinstance(revisions, list) and all(
        isinstance(saved, dict) and isinstance(saved.get("number"), int) and saved["number"] > 0
        and saved.get("status") in statuses and isinstance(saved.get("annotation"), dict)
        and isinstance(saved.get("saved"), str) and _is_time(saved["saved"])
        for saved in revisions
    )  # fmt: skip


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def inside_zip(error: VariorumError, root: Path, name: str) -> InputError:
    """``error`` about a file unpacked under ``root``, naming the file inside the ZIP
    ``name`` instead of the server's temporary folder."""
    message = str(error)
    for folder in {str(root.resolve()), str(root)}:
        message = message.replace(folder + os.sep, "").replace(folder, ".")
    return InputError(name, message)


def check_paths(members: list[zipfile.ZipInfo], name: str) -> None:
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
    """Unpack one member (its path checked by ``check_paths``) inside ``root``."""
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
