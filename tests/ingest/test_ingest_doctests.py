"""The examples in the ingest modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "variorum.ingest.reading",
    "variorum.ingest.sniff",
    "variorum.ingest.html",
    "variorum.ingest.docx_numbering",
    "variorum.ingest.pdf_layout",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no doctest"
    assert result.failed == 0
