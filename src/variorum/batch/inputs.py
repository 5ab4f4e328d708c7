"""What ``variorum batch`` reads: a git repository, a folder of versions named by
date, or a CSV file of pairs, each turned into the ``Pair`` values to compare.

    git repository --git log, cat-file--> every consecutive version of every file
    folder --names starting YYYY-MM-DD, per folder--> consecutive versions of each
    CSV (old,new[,id]) --paths relative to the CSV--> the pairs listed

The pairs are listed first (so that their number is known before any work starts)
and made one at a time as the run asks for them. A file's version is its path, read
by the worker that compares it; a git history's versions are read here, one stream of
``git cat-file`` a file, and travel with their pair.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from variorum.batch.pairs import Pair, Version
from variorum.errors import InputError

if TYPE_CHECKING:
    from variorum.history.git_import import Commit

DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")
"""A version file's name starts with its date; other files in the folder are ignored."""
CSV_HEADER = ("old", "new", "id")


@dataclass(frozen=True, slots=True)
class Corpus:
    """The pairs of one input, counted before any text is read."""

    kind: str
    """``git``, ``folder`` or ``csv``."""
    path: Path
    count: int
    """How many pairs iterating yields."""
    read: Callable[[], Iterator[Pair]]
    """The pairs with their bytes, read one at a time, in input order."""

    def __iter__(self) -> Iterator[Pair]:
        return self.read()

    def __len__(self) -> int:
        return self.count


def open_input(path: Path) -> Corpus:
    """The pairs of a git repository, a folder of dated versions or a CSV of pairs;
    an InputError names the input and the problem."""
    if path.is_file() and path.suffix.lower() == ".csv":
        return csv_corpus(path)
    if path.is_dir() and (path / ".git").exists():
        return git_corpus(path)
    if path.is_dir():
        return folder_corpus(path)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    raise InputError(path, "not a git repository, a folder of versions, or a .csv file of pairs")


def folder_corpus(folder: Path) -> Corpus:
    """Each folder's files named by date (``2021-03-04.md``, ``2021-03-04-terms.html``)
    as the versions of one document, in the order of their names."""
    documents: list[tuple[str, list[Path]]] = []
    for directory in sorted([folder, *_subfolders(folder)]):
        files = sorted(f for f in directory.iterdir() if f.is_file() and DATED.match(f.name))
        if len(files) > 1:
            name = directory.relative_to(folder).as_posix()
            documents.append((folder.name if name == "." else name, files))
    count = sum(len(files) - 1 for _, files in documents)
    if not count:
        raise InputError(folder, "holds no folder with two versions named by date (YYYY-MM-DD…)")

    def read() -> Iterator[Pair]:
        return _consecutive(
            (
                document,
                ((_file_version(f, f.relative_to(folder).as_posix()), f.stem) for f in files),
            )
            for document, files in documents
        )

    return Corpus("folder", folder, count, read)


def csv_corpus(table: Path) -> Corpus:
    """The pairs a CSV lists, a row each: ``old,new`` or ``old,new,id`` (paths relative
    to the CSV's folder; a header row naming those columns is allowed)."""
    count = sum(1 for _ in _csv_rows(table))  # every row checked before any work starts
    if not count:
        raise InputError(table, "lists no pairs (expected rows of old,new[,id])")

    def read() -> Iterator[Pair]:  # read again, a row at a time: a CSV may list millions
        folder = table.parent.absolute()
        last: dict[str, Version] = {}  # a pair's newer version is often the next one's older
        for index, (old, new, pair_id) in enumerate(_csv_rows(table)):
            versions = {n: last.get(n) or _file_version(folder / n, n) for n in (old, new)}
            yield Pair(index, pair_id, "", versions[old], versions[new])
            last = versions

    return Corpus("csv", table, count, read)


def git_corpus(repository: Path) -> Corpus:
    """Every consecutive version of every file in the repository's current commit,
    read with git as ``variorum import-git`` reads a history (renames followed)."""
    from variorum.history.git_import import file_commits, tracked_files  # git input only

    histories = [(path, file_commits(repository, path)) for path in tracked_files(repository)]
    histories = [(path, commits) for path, commits in histories if len(commits) > 1]
    count = sum(len(commits) - 1 for _, commits in histories)
    if not count:
        raise InputError(repository, "has no file with two versions in its history")

    def read() -> Iterator[Pair]:
        return _consecutive(
            (document, _git_versions(repository, commits)) for document, commits in histories
        )

    return Corpus("git", repository, count, read)


def _consecutive(documents: Iterable[tuple[str, Iterator[tuple[Version, str]]]]) -> Iterator[Pair]:
    """Each document's consecutive versions (each with its label) as pairs, numbered
    in order across documents."""
    index = 0
    for document, versions in documents:
        old, old_label = next(versions)
        for new, new_label in versions:
            yield Pair(index, f"{document}:{old_label}..{new_label}", document, old, new)
            old, old_label, index = new, new_label, index + 1


def _git_versions(repository: Path, commits: list[Commit]) -> Iterator[tuple[Version, str]]:
    """Each commit's version of the file, labelled by its date (``.2`` for a second
    commit that day, as ``import-git`` labels them)."""
    from variorum.history.git_import import file_texts, version_label

    labels: set[str] = set()
    for commit, data in file_texts(repository, commits):
        label = version_label(labels, commit)
        labels.add(label)
        yield Version(commit.id, commit.path, commit.date, data), label


def _file_version(file: Path, identifier: str) -> Version:
    """A file's version, to be read where it is compared (``Version.loaded``)."""
    date = match.group(1) if (match := DATED.match(file.name)) else ""
    return Version(identifier, file.name, date, path=str(file.absolute()))


def _csv_rows(table: Path) -> Iterator[tuple[str, str, str]]:
    """The CSV's rows as (old, new, id), read a line at a time; the id defaults to
    ``old..new``."""
    try:
        with table.open(encoding="utf-8-sig", newline="") as file:
            for number, row in enumerate(csv.reader(file), 1):
                cells = [cell.strip() for cell in row]
                if not any(cells) or (number == 1 and tuple(c.lower() for c in cells) in _HEADERS):
                    continue
                if len(cells) not in (2, 3) or not cells[0] or not cells[1]:
                    raise InputError(table, f"line {number}: expected old,new[,id], found {row!r}")
                pair_id = cells[2] if len(cells) == 3 and cells[2] else f"{cells[0]}..{cells[1]}"
                yield cells[0], cells[1], pair_id
    except UnicodeDecodeError:
        raise InputError(table, "is not UTF-8 text") from None
    except OSError as error:
        raise InputError(table, error.strerror or "cannot be read") from None


_HEADERS = {CSV_HEADER[:2], CSV_HEADER}


def _subfolders(folder: Path) -> Iterator[Path]:
    """Every folder below ``folder``, hidden ones (``.git``) left out."""
    for child in folder.rglob("*"):
        relative = child.relative_to(folder).parts
        if child.is_dir() and not any(part.startswith(".") for part in relative):
            yield child
