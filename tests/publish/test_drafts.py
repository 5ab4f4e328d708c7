"""Draft notes in a project folder (``"variorum:status": "draft"``, as the web app
exports them) are kept by the folder and left out of everything published."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from variorum.annotations.jsonld import from_jsonld, to_jsonld
from variorum.annotations.model import AnnotationError
from variorum.cli import main
from variorum.project import Project, open_project

VERSIONS = {"v1": "Not to use weapons.\nTo cooperate.\n", "v2": "Not to use ICTs.\nTo share.\n"}
NOTES = [("v2", "ICTs", "Published remark.", ()), ("v2", "share", "Half-baked idea.", ())]


def with_a_draft(make_project: Callable[..., Project]) -> Project:
    project = make_project(VERSIONS, NOTES)
    published, draft = project.annotations()
    project.save_annotations([published, replace(draft, draft=True)])
    return open_project(project.folder)


def test_the_folder_keeps_the_draft_mark(make_project: Callable[..., Project]) -> None:
    project = with_a_draft(make_project)
    items = json.loads((project.folder / "annotations.jsonld").read_text())["first"]["items"]
    assert [item.get("variorum:status") for item in items] == [None, "draft"]
    assert [note.draft for note in project.annotations()] == [False, True]
    assert from_jsonld(to_jsonld(project.annotations()[1])).draft


def test_an_unknown_status_is_refused(make_project: Callable[..., Project]) -> None:
    data = to_jsonld(make_project(VERSIONS, NOTES).annotations()[0]) | {"variorum:status": "x"}
    with pytest.raises(AnnotationError, match="'variorum:status' must be"):
        from_jsonld(data)


def test_publishing_leaves_drafts_out(make_project: Callable[..., Project], tmp_path: Path) -> None:
    project = with_a_draft(make_project)
    result = CliRunner().invoke(
        main, ["publish", "-p", str(project.folder), "-o", str(tmp_path / "site")]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Published remark." in page and "Half-baked idea." not in page
    published = (tmp_path / "site" / "annotations.jsonld").read_text(encoding="utf-8")
    assert "Published remark." in published and "Half-baked" not in published
