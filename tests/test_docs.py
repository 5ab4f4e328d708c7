"""Docs are executable: doctests of the core modules run, and the README's commands exist."""

import doctest
import importlib
import re
from pathlib import Path

import click
import pytest

from variorum.cli import main

MODULES = [
    "variorum", "variorum.tokens", "variorum.document", "variorum.comparison",
    "variorum.compare",
    "variorum.compare.diff", "variorum.compare.align", "variorum.compare.unfold",
    "variorum.compare.moved_sentences", "variorum.compare.similarity",
    "variorum.compare.moves", "variorum.compare.settled", "variorum.compiled", "variorum.pictures",
    "variorum.compare.pictures",
    "variorum.history.blame", "variorum.batch.pairs", "variorum.batch.report",
    "variorum.batch.provisions", "variorum.batch.whitespace",
    "variorum.ingest.labels", "variorum.ingest.text",
    "variorum.ingest.markdown", "variorum.ingest.reading", "variorum.ingest.sniff",
    "variorum.ingest.encodings",
    "variorum.ingest.html", "variorum.ingest.docx_numbering", "variorum.ingest.pdf_words",
    "variorum.ingest.pdf_columns",
    "variorum.annotations.model", "variorum.annotations.match_quote", "variorum.annotations.anchor",
    "variorum.annotations.carry", "variorum.annotations.jsonld", "variorum.annotations.hypothesis",
    "variorum.annotations.markdown", "variorum.annotations.kept_words",
    "variorum.annotations.offset_map",
    "variorum.project_rules", "variorum.settings",
]  # fmt: skip
"""Every module with docstring examples: one runner for the whole package."""
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest"
    assert result.failed == 0


def test_readme_commands_are_real_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^\s*(?:\.venv/bin/)?variorum (\w[\w-]*)", readme, flags=re.MULTILINE))
    assert used, "the README shows no variorum command"
    with click.Context(main) as context:
        known = set(main.list_commands(context))
    assert used <= known, f"README mentions unknown commands: {used - known}"


def test_every_renderer_is_documented() -> None:
    from variorum.render import formats

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in formats():
        assert f"`{name}`" in readme, f"output format {name} is not in the README"
