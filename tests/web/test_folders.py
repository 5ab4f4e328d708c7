"""A project folder out of the web app: every version keeps its own file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from variorum.project import open_project
from variorum.web.models import Project
from variorum.web.store.folders import export_folder
from variorum.web.store.projects import add_version, create_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("labels", "filename"),
    [
        (["a?b#c", "a b c", "A-B-C"], "v.txt"),
        (["variorum"], "v.toml"),
        (["annotations"], "v.jsonld"),
    ],
)
def test_each_version_keeps_its_own_file(
    users: Any, tmp_path: Path, labels: list[str], filename: str
) -> None:
    project = create_project(users["owner"], "Names")
    for number, label in enumerate(labels):
        add_version(project, f"Version {number} of the text.\n".encode(), filename, label)
    written = open_project(export_folder(Project.objects.get(), tmp_path / "out").folder)
    files = [version.file for version in written.versions]
    assert len({name.casefold() for name in files}) == len(labels)
    assert {"variorum.toml", "annotations.jsonld"}.isdisjoint(files)
    for number, version in enumerate(written.versions):
        text = (tmp_path / "out" / version.file).read_text()
        assert text == f"Version {number} of the text.\n"
    assert [version.label for version in written.versions] == labels
