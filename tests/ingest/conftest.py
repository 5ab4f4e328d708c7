"""Fixtures of the ingest tests: the built-in example's two versions as plain text,
and their PDF and Word renderings, made once per test session."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import pytest

# The tests here import their helper module ``renderings`` by name, whatever pytest's
# import mode; the benchmark of PDF ingestion imports it the same way.
sys.path.insert(0, str(Path(__file__).parent))

from renderings import render_docx, render_pdf


def _example(year: str) -> str:
    folder = resources.files("variorum.examples").joinpath("icoc")
    return folder.joinpath(f"{year}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def plain() -> dict[str, str]:
    """The example's versions as plain text, by year."""
    return {year: _example(year) for year in ("2011", "2015")}


@pytest.fixture(scope="session")
def renderings(plain: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDF and DOCX files of both versions, named like ``2011.pdf``."""
    folder = tmp_path_factory.mktemp("renderings")
    files = {}
    for year, text in plain.items():
        for suffix, render in ((".pdf", render_pdf), (".docx", render_docx)):
            path = folder / f"{year}{suffix}"
            path.write_bytes(render(text))
            files[path.name] = path
    return files
