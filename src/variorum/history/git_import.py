"""A file's history in a git repository as the versions of a project.

    repository --git log--> commits that changed the file --git show--> each text
    --> versions of the project (labelled and dated by the commit, its id the source)

Read with ``git`` itself (a real git: renames followed, any repository layout), one
``git log`` for the list and one ``git cat-file --batch`` process for every text. A
commit that leaves the text as it was (or changes only its white space, unless asked
to keep those) is folded into the version before it. An import that stops half way
resumes: commits already imported (by their id, the versions' source) are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from variorum.errors import InputError, UsageError
from variorum.project import PROJECT_FILE, Project, add_versions, create_project, open_project

VERSIONS_FOLDER = "versions"
"""Where the imported texts are written inside the project folder."""
BATCH = 50
"""Versions listed in variorum.toml at a time: an interrupted import loses at most
these, and imports them again when it resumes."""


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit that changed the file: its id, author date and the file's path then."""

    id: str
    date: str
    """The author date, ``YYYY-MM-DD``."""
    path: str
    """The file's path in that commit (it may have been renamed since)."""


def file_commits(repository: Path, path: str) -> list[Commit]:
    """The commits that changed ``path`` (following renames), oldest first; a commit
    that deleted the file is left out."""
    output = _git(
        repository,
        "log", "--follow", "--format=%x00%H %as", "--name-status", "--no-merges",
        "--", path,
    )  # fmt: skip
    commits = []
    for entry in output.split("\0")[1:]:
        header, _, changes = entry.partition("\n")
        ident, _, date = header.partition(" ")
        status = [line.split("\t") for line in changes.splitlines() if line.strip()]
        if not status or status[-1][0].startswith("D"):
            continue  # deleted here: no text to compare
        commits.append(Commit(ident, date, status[-1][-1]))
    return commits[::-1]


def import_git(
    repository: Path,
    path: str,
    folder: Path,
    *,
    keep_whitespace_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Project, int]:
    """Every version of ``path`` in ``repository`` as a version of the project in
    ``folder`` (made if missing); the project and how many versions were added."""
    commits = file_commits(repository, path)
    if not commits:
        raise UsageError(f"{path}: no commit of {repository} has this file")
    project = (
        open_project(folder)
        if (folder / PROJECT_FILE).exists()
        else create_project(folder, title=Path(path).stem)
    )
    todo = commits[_resumed_at(commits, project) :]
    last = _last_text(project)
    added = 0
    suffix = Path(path).suffix or ".txt"
    waiting: list[tuple[Path, str, str, str]] = []
    labels = set(project.labels)
    for number, (commit, text) in enumerate(file_texts(repository, todo), 1):
        if progress:
            progress(number, len(todo))
        if last is not None and _same(last, text, keep_whitespace_only):
            continue
        label = version_label(labels, commit)
        labels.add(label)
        file = folder / VERSIONS_FOLDER / f"{label}{suffix}"
        file.parent.mkdir(exist_ok=True)
        file.write_bytes(text)
        waiting.append((file, label, commit.date, commit.id))
        last, added = text, added + 1
        if len(waiting) == BATCH:
            project, waiting = add_versions(project, waiting), []
    return (add_versions(project, waiting) if waiting else project), added


def _resumed_at(commits: list[Commit], project: Project) -> int:
    """Where an import resumes in ``commits``: after the last one already a version
    (the commits folded before it were read and left out then)."""
    done = {version.source for version in project.versions}
    imported = [index for index, commit in enumerate(commits) if commit.id in done]
    return imported[-1] + 1 if imported else 0


def import_all(
    repository: Path,
    archive: Path,
    *,
    keep_whitespace_only: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[int, int]:
    """Every file of ``repository``'s current commit as a project of its own under
    ``archive`` (``Facebook/Privacy Policy.md`` in ``archive/Facebook/Privacy Policy``);
    how many files and how many new versions. Run again, it resumes file by file."""
    files = tracked_files(repository)
    added = 0
    for number, path in enumerate(files, 1):
        if progress:
            progress(number, len(files), path)
        _, new = import_git(
            repository,
            path,
            archive_folder(archive, path),
            keep_whitespace_only=keep_whitespace_only,
        )
        added += new
    return len(files), added


def archive_folder(archive: Path, path: str) -> Path:
    """The project folder of the repository's file ``path`` inside ``archive``: its
    directories, then its name without the suffix."""
    relative = Path(path)
    return archive.joinpath(*relative.parent.parts, relative.stem or relative.name)


def file_texts(repository: Path, commits: list[Commit]) -> Iterator[tuple[Commit, bytes]]:
    """Each commit's text of the file, through one ``git cat-file --batch`` process."""
    if not commits:
        return
    with subprocess.Popen(
        [_git_program(), "-C", str(repository), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for commit in commits:
            process.stdin.write(f"{commit.id}:{commit.path}\n".encode())
            process.stdin.flush()
            header = process.stdout.readline().decode().split()
            if len(header) < 3 or header[1] != "blob":
                raise InputError(repository, f"{commit.path} at {commit.id[:7]} is not a file")
            data = process.stdout.read(int(header[2]))
            process.stdout.read(1)  # the line break after each object
            yield commit, data
        process.stdin.close()


def _same(old: bytes, new: bytes, keep_whitespace_only: bool) -> bool:
    if old == new:
        return True
    return not keep_whitespace_only and old.split() == new.split()


def version_label(labels: set[str], commit: Commit) -> str:
    """The commit's date, with ``.2``, ``.3``... for a second commit on one day."""
    label, number = commit.date, 1
    while label in labels:
        number += 1
        label = f"{commit.date}.{number}"
    return label


def tracked_files(repository: Path) -> list[str]:
    """The paths of the files in the repository's current commit (``HEAD``), sorted."""
    return sorted(_git(repository, "ls-tree", "-r", "-z", "--name-only", "HEAD").split("\0")[:-1])


def _last_text(project: Project) -> bytes | None:
    if not project.versions:
        return None
    return (project.folder / project.versions[-1].file).read_bytes()


def _git(repository: Path, *arguments: str) -> str:
    try:
        result = subprocess.run(
            [_git_program(), "-C", str(repository), *arguments],
            capture_output=True,
            check=True,
        )
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(repository, message[-1] if message else "git failed") from None
    return result.stdout.decode("utf-8", errors="replace")


def _git_program() -> str:
    program = shutil.which("git")
    if program is None:
        raise UsageError("import-git needs git: install it (apt-get install git)")
    return program
