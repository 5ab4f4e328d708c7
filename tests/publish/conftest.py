"""Projects to publish: the built-in example, and small ones made for a test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from variorum.annotations.model import Annotation, Body
from variorum.examples.projects import write_example_project
from variorum.project import Project, add_version, create_project

NoteSpec = tuple[str, str, str, tuple[str, ...]]
"""(version, quoted words, Markdown note, tags)."""


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The built-in Code of Conduct project, 2011 and 2015, with its notes."""
    return write_example_project("icoc", tmp_path_factory.mktemp("example") / "icoc")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """``make_project({"v1": text, ...}, [(version, quote, note, tags), ...])``."""

    def make(
        versions: dict[str, str], notes: list[NoteSpec] = (), title: str = "Test", intro: str = ""
    ) -> Project:
        folder = tmp_path / "project"
        project = create_project(folder, title, ["A. Analyst"], intro)
        for label, text in versions.items():
            path = tmp_path / f"{label}.txt"
            path.write_text(text, encoding="utf-8")
            project = add_version(project, path, label)
        annotations = [
            Annotation(
                f"urn:uuid:{number:08x}-0000-4000-8000-000000000000",
                project.quote_target(version, quote),
                Body(text, tags),
                creator="A. Analyst",
                created="2026-01-01T00:00:00Z",
            )
            for number, (version, quote, text, tags) in enumerate(notes, start=1)
        ]
        project.save_annotations(annotations)
        return project

    return make
