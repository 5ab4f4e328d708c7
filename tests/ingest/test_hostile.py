"""The hostile-input corpus (``hostile.py``) through the command line: each input is
read as its exact text, or refused with exactly one line naming it and the problem,
exit status 2, and nothing stored in a project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile import BOMB_MEMORY_MB, SECRET, Case, cases

from variorum import load
from variorum.cli import main
from variorum.cli.errors import run_safely

CORPUS = {case.name: case for case in cases(Path("/unused"))}


@pytest.fixture(autouse=True)
def _limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus is read under a memory limit the flate bomb passes by far."""
    monkeypatch.setenv("VARIORUM_READ_MEMORY_MB", str(BOMB_MEMORY_MB))


def _made(name: str, folder: Path) -> tuple[Case, Path]:
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    case = next(case for case in cases(secret) if case.name == name)
    return case, case.make(folder / name)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_the_corpus_holds_at_least_50_cases() -> None:
    assert len(CORPUS) >= 50
    assert len(CORPUS) == len(cases(Path("/unused")))  # names are unique


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_compare_reads_or_refuses_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, path = _made(name, tmp_path / "in")
    output = tmp_path / "redline.html"
    status = run_safely(main, ["compare", str(path), str(path), "-o", str(output)])
    captured = capsys.readouterr()
    if case.refused:
        assert (status, captured.out) == (2, "")
        assert captured.err == f"variorum: error: {path}: {case.refused}\n"
        assert not output.exists()
    else:
        assert (status, captured.err) == (0, "")
        assert load(path).text == case.text
        assert SECRET not in case.text


@pytest.mark.parametrize("name", sorted(name for name, case in CORPUS.items() if case.refused))
def test_a_refused_input_is_not_stored_in_a_project(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "project"
    assert run_safely(main, ["init", str(folder)]) == 0
    before = _snapshot(folder)
    case, path = _made(name, tmp_path / "in")
    status = run_safely(main, ["add-version", str(path), "-p", str(folder)])
    assert status == 2
    assert capsys.readouterr().err == f"variorum: error: {path}: {case.refused}\n"
    assert _snapshot(folder) == before
    shutil.rmtree(tmp_path / "in", ignore_errors=True)
