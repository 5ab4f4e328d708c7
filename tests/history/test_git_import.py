"""Importing a file's history from a real git repository, made here with ``git``
itself: each commit that changed the file is a version, dated by its author date,
with renames followed, identical and whitespace-only commits folded, a file deleted
and brought back, merges, and an import that resumes, after new commits or after
being stopped at any point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commands import run_cli
from git_repository import Repository
from variorum.errors import UsageError
from variorum.history.git_import import import_git
from variorum.project import open_project

POLICY = "Privacy Policy.md"
V1 = "# Privacy\n\nWe collect your name.\n"
V2 = "# Privacy\n\nWe collect your name and email.\n"
V3 = "# Privacy\n\nWe collect your name and email, and your location.\n"


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "repo")


def versions(folder: Path) -> list[tuple[str, str, str]]:
    return [(v.label, v.date, v.source) for v in open_project(folder).versions]


def test_each_commit_that_changed_the_file_is_a_version(
    repository: Repository, tmp_path: Path
) -> None:
    first = repository.commit("2021-03-01", {POLICY: V1})
    repository.commit("2021-04-01", {"other.md": "unrelated"})  # does not touch the policy
    second = repository.commit("2021-05-01", {POLICY: V2})
    repository.commit("2021-05-02", {})  # an empty commit
    third = repository.commit("2021-05-02", {POLICY: V3})
    project, added = import_git(repository.folder, POLICY, tmp_path / "project")
    assert added == 3
    assert versions(project.folder) == [
        ("2021-03-01", "2021-03-01", first),
        ("2021-05-01", "2021-05-01", second),
        ("2021-05-02", "2021-05-02", third),
    ]
    assert project.document("2021-05-02").text == project.document("2021-05-02").text
    assert "location" in project.document("2021-05-02").text


def test_identical_and_whitespace_only_commits_are_folded_unless_kept(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-03-01", {POLICY: V1})
    repository.commit("2021-03-02", {POLICY: V1.replace("name.", "name.   ")})  # spaces only
    repository.commit("2021-03-03", {POLICY: V2})
    repository.commit("2021-03-04", {POLICY: V1})  # back to the first text: a change
    folded, _ = import_git(repository.folder, POLICY, tmp_path / "folded")
    assert [v.date for v in folded.versions] == ["2021-03-01", "2021-03-03", "2021-03-04"]
    kept, _ = import_git(repository.folder, POLICY, tmp_path / "kept", keep_whitespace_only=True)
    assert len(kept.versions) == 4


def test_renames_are_followed_and_a_file_deleted_and_brought_back_counts_again(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-01-01", {"old name.md": V1})
    repository.git("mv", "old name.md", POLICY)
    repository.commit("2021-02-01", {}, "rename")
    repository.commit("2021-02-15", {POLICY: V2})
    repository.commit("2021-03-01", {POLICY: None}, "withdrawn")
    repository.commit("2021-04-01", {POLICY: V3}, "back")
    project, _ = import_git(repository.folder, POLICY, tmp_path / "project")
    assert [v.date for v in project.versions] == ["2021-01-01", "2021-02-15", "2021-04-01"]
    assert "name and email" in project.document("2021-02-15").text


def test_a_merged_branch_brings_its_commits(repository: Repository, tmp_path: Path) -> None:
    repository.commit("2021-01-01", {POLICY: V1})
    repository.git("checkout", "-q", "-b", "draft")
    repository.commit("2021-02-01", {POLICY: V2}, "draft edit")
    repository.git("checkout", "-q", "main")
    repository.commit("2021-02-15", {"notes.md": "x"})
    repository.git("merge", "-q", "--no-ff", "-m", "merge draft", "draft", date="2021-03-01")
    project, _ = import_git(repository.folder, POLICY, tmp_path / "project")
    assert [v.date for v in project.versions] == ["2021-01-01", "2021-02-01"]


def test_an_interrupted_import_resumes_with_the_newer_commits(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-01-01", {POLICY: V1})
    repository.commit("2021-02-01", {POLICY: V2})
    folder = tmp_path / "project"
    _, added = import_git(repository.folder, POLICY, folder)
    assert added == 2
    repository.commit("2021-03-01", {POLICY: V3})
    project, added = import_git(repository.folder, POLICY, folder)
    assert added == 1
    assert [v.date for v in project.versions] == ["2021-01-01", "2021-02-01", "2021-03-01"]
    assert import_git(repository.folder, POLICY, folder)[1] == 0


def test_an_import_stopped_anywhere_resumes_to_what_one_run_imports(
    repository: Repository, tmp_path: Path
) -> None:
    for day in range(1, 71):  # more than one batch of versions listed at a time
        repository.commit(f"2021-{day // 28 + 1:02d}-{day % 28 + 1:02d}", {POLICY: V1 * day})
    whole = tmp_path / "whole"
    import_git(repository.folder, POLICY, whole)
    for stop in (1, 49, 50, 51, 70):  # Ctrl-C as the stop-th commit is read

        def interrupt(number: int, _total: int, stop: int = stop) -> None:
            if number == stop:
                raise KeyboardInterrupt

        folder = tmp_path / f"stopped-at-{stop}"
        with pytest.raises(KeyboardInterrupt):
            import_git(repository.folder, POLICY, folder, progress=interrupt)
        assert len(versions(folder)) == (50 if stop > 50 else 0)  # listed a batch at a time
        import_git(repository.folder, POLICY, folder)
        assert versions(folder) == versions(whole)
        for version in open_project(folder).versions:
            assert (folder / version.file).read_bytes() == (whole / version.file).read_bytes()


def test_a_file_the_repository_never_had_is_one_clear_error(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-01-01", {POLICY: V1})
    with pytest.raises(UsageError, match=r"no commit of .* has this file"):
        import_git(repository.folder, "Terms.md", tmp_path / "project")
    assert not (tmp_path / "project").exists()


run = run_cli


def test_every_file_of_a_repository_becomes_a_project_and_a_rerun_adds_nothing(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-01-01", {POLICY: V1, "Spotify/Terms.md": "Use it well.\n"})
    repository.commit("2021-02-01", {POLICY: V1.replace(" ", "  ")})  # white space: folded
    repository.commit("2021-02-15", {POLICY: V2})
    repository.commit("2021-03-01", {"Spotify/Terms.md": "Use it well and often.\n"})
    archive = tmp_path / "archive"
    imported = run("import-git", str(repository.folder), "--all", "-o", str(archive))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == f"Imported 4 new versions of 2 files into {archive}"
    policy = [v[0] for v in versions(archive / "Privacy Policy")]
    assert policy == ["2021-01-01", "2021-02-15"]
    assert [v[0] for v in versions(archive / "Spotify" / "Terms")] == ["2021-01-01", "2021-03-01"]
    again = run("import-git", str(repository.folder), "--all", "-o", str(archive))
    # the folded commits were read the first time: a rerun takes none of them up
    assert again.stdout.strip() == f"Imported 0 new versions of 2 files into {archive}"
    refused = run("import-git", str(repository.folder), "--all")
    assert refused.returncode == 2 and "give -o" in refused.stderr


def test_the_commands_import_then_show_the_timeline_and_the_age_of_each_passage(
    repository: Repository, tmp_path: Path
) -> None:
    repository.commit("2021-01-01", {POLICY: V1})
    repository.commit("2021-02-01", {POLICY: V2})
    repository.commit("2021-03-01", {POLICY: V3})
    folder = str(tmp_path / "project")
    imported = run("import-git", str(repository.folder), POLICY, "-p", folder)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3 new versions" in imported.stdout
    assert f"Importing {POLICY}" in imported.stderr  # the progress bar, on standard error
    history = json.loads(run("history", "-p", folder, "--json").stdout)
    assert [(step["label"], step["inserted"], step["deleted"]) for step in history] == [
        ("2021-01-01", None, None),
        ("2021-02-01", 2, 0),
        ("2021-03-01", 3, 0),
    ]
    table = run("history", "-p", folder).stdout.splitlines()
    assert table[0].split() == [
        "version",
        "date",
        "words",
        "inserted",
        "deleted",
        "moved",
        "blocks",
    ]
    passages = json.loads(run("blame", "-p", folder, "--json").stdout)

    def age(word: str) -> str:
        at = V3.index(word)
        return next(p["version"] for p in passages if p["span"][0] <= at < p["span"][1])

    assert [age(word) for word in ("Privacy", "name", "email", "location")] == [
        "2021-01-01",
        "2021-01-01",
        "2021-02-01",
        "2021-03-01",
    ]
    missing = run("blame", "-p", folder, "--version", "1999")
    assert missing.returncode == 2
    assert missing.stderr.startswith("variorum: error: no version '1999'")
