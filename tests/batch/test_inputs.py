"""What ``variorum batch`` reads as pairs: consecutive versions of each document of a
folder named by date or of a git history, and the pairs a CSV lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from git_repository import Repository
from variorum.batch import open_input
from variorum.errors import InputError


def test_a_folder_pairs_each_documents_consecutive_versions_by_date(dated_folder: Path) -> None:
    corpus = open_input(dated_folder)
    pairs = list(corpus)
    assert corpus.kind == "folder" and len(corpus) == len(pairs) == 9
    assert [pair.index for pair in pairs] == list(range(9))
    assert [pair.id for pair in pairs[:3]] == [
        "policy-0:2020-01-01..2020-06-01",
        "policy-0:2020-06-01..2021-01-01",
        "policy-0:2021-01-01..2021-06-01",
    ]
    first = pairs[0]
    assert (first.old.id, first.old.date) == ("policy-0/2020-01-01.md", "2020-01-01")
    assert first.new.loaded().data == (dated_folder / "policy-0" / "2020-06-01.md").read_bytes()


def test_a_git_repository_pairs_every_consecutive_version_of_every_file(
    repository: Repository,
) -> None:
    corpus = open_input(repository.folder)
    pairs = list(corpus)
    assert corpus.kind == "git"
    # Once.md has one version: no pair; a second commit on one day is labelled .2
    assert [pair.id for pair in pairs] == [
        "Privacy/Policy.md:2020-02-01..2020-02-01.2",
        "Terms.md:2020-01-01..2020-02-01",
        "Terms.md:2020-02-01..2020-03-01",
    ]
    assert pairs[0].old.data == b"We ask.\n" and pairs[0].new.data == b"We ask first.\n"
    assert len(pairs[1].old.id) == 40 and pairs[1].new.date == "2020-02-01"


def test_a_csv_lists_pairs_relative_to_itself_with_optional_ids(dated_folder: Path) -> None:
    table = dated_folder / "pairs.csv"
    table.write_text(
        "old,new,id\n"
        "policy-0/2020-01-01.md,policy-1/2020-01-01.md,across\n"
        "policy-2/2020-01-01.md,policy-2/2021-06-01.md\n"
    )
    pairs = list(open_input(table))
    assert [pair.id for pair in pairs] == [
        "across",
        "policy-2/2020-01-01.md..policy-2/2021-06-01.md",
    ]
    assert pairs[1].new.date == "2021-06-01"
    assert pairs[0].new.loaded().data == (dated_folder / "policy-1" / "2020-01-01.md").read_bytes()


def test_a_missing_file_in_a_csv_is_that_pairs_problem_not_the_runs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.\n")
    table = tmp_path / "pairs.csv"
    table.write_text("a.txt,gone.txt\n")
    (pair,) = open_input(table)
    read = pair.loaded()  # where the worker reads it
    assert read.new.problem == "no such file" and read.old.data == b"One.\n"


def test_a_csv_named_relatively_is_read_by_workers_in_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("One.\n")
    (tmp_path / "b.txt").write_text("Two.\n")
    (tmp_path / "pairs.csv").write_text("a.txt,b.txt\n")
    monkeypatch.chdir(tmp_path)
    (pair,) = open_input(Path("pairs.csv"))
    monkeypatch.chdir(tmp_path.parent)  # a Dask worker runs in a folder of its own
    read = pair.loaded()
    assert (read.old.data, read.new.data) == (b"One.\n", b"Two.\n")
    assert not read.old.problem and not read.new.problem


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p / "nothing-here", "no such file or folder"),
        (lambda p: _write(p / "empty", None), "holds no folder with two versions named by date"),
        (lambda p: _write(p / "pairs.csv", "old,new\n"), "lists no pairs"),
        (lambda p: _write(p / "pairs.csv", "a.txt\n"), "line 1: expected old,new[,id]"),
        (lambda p: _write(p / "pairs.csv", "a,b,c,d\n"), "line 1: expected old,new[,id]"),
        (lambda p: _write(p / "notes.txt", "text"), "not a git repository, a folder"),
    ],
)
def test_an_input_that_holds_no_pairs_is_refused_naming_it(
    tmp_path: Path, make: object, problem: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError) as refused:
        open_input(path)
    assert refused.value.path == str(path)
    assert problem in refused.value.problem


def _write(path: Path, text: str | None) -> Path:
    if text is None:
        path.mkdir()
    else:
        path.write_text(text)
    return path
