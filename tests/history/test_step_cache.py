"""The consecutive comparisons the timeline and blame rest on are made once and kept
in the project by the content digest of the two versions (issue 17)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from commands import run_cli
from variorum.history.blame import blame, passages
from variorum.history.steps import CACHE_DIR, step_summaries
from variorum.ingest import together
from variorum.project import open_project


def test_steps_are_kept_reused_and_remade_when_unreadable(
    terms_history: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(terms_history, folder)
    shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
    first = run_cli("history", "-p", str(folder), "--json")
    assert first.returncode == 0, first.stderr
    kept = sorted((folder / CACHE_DIR).iterdir())
    assert len(kept) == 4  # five versions, four steps
    stamps = {path: path.stat().st_mtime_ns for path in kept}
    assert run_cli("history", "-p", str(folder), "--json").stdout == first.stdout
    assert {path: path.stat().st_mtime_ns for path in kept} == stamps  # read, not made again
    kept[0].write_text("{not json", encoding="utf-8")
    assert run_cli("history", "-p", str(folder), "--json").stdout == first.stdout
    json.loads(kept[0].read_text(encoding="utf-8"))  # made again
    assert sorted((folder / CACHE_DIR).iterdir()) == kept


def test_blame_from_kept_steps_is_blame_from_the_comparisons(
    terms_history: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(terms_history, folder)
    project = open_project(folder)
    documents = [project.document(label) for label in project.labels]
    expected = [
        {"span": [span.start, span.end], "version": project.labels[origin],
         "text": span.of(documents[-1].text)}
        for span, origin in passages(blame(documents))
    ]  # fmt: skip
    for _ in range(2):  # made, then read from the project's cache
        shown = run_cli("blame", "-p", str(folder), "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout) == expected


def test_a_walk_reads_each_version_it_needs_once(
    terms_history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(terms_history, folder)
    shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
    read: list[str] = []
    reading = together.read_bytes

    def counted(path: Path, *limit: int) -> bytes:  # the real read, noted
        read.append(path.name)
        return reading(path, *limit)

    monkeypatch.setattr(together, "read_bytes", counted)
    project = open_project(folder)
    files = [version.file for version in project.versions]
    made = step_summaries(project)
    assert read == files  # five versions, four steps: each version read once
    read.clear()
    kept = sorted((folder / CACHE_DIR).iterdir())
    kept[1].unlink()
    assert step_summaries(open_project(folder)) == made
    assert len(read) == 2 and files.index(read[1]) == files.index(read[0]) + 1
