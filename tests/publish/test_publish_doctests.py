"""The publish modules' docstring examples run."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name", ["variorum.publish.marks", "variorum.publish.chart", "variorum.publish.edition"]
)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest"
    assert result.failed == 0
