"""The annotation modules' docstring examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "variorum.annotations.model",
    "variorum.annotations.match_quote",
    "variorum.annotations.anchor",
    "variorum.annotations.carry",
    "variorum.annotations.jsonld",
    "variorum.annotations.hypothesis",
    "variorum.annotations.markdown",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no doctest"
    assert result.failed == 0
