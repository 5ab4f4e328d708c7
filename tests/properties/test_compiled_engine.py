"""The compiled speedups change how fast a comparison is made, never what it says: the
same pairs compared with every compiled hook switched off (the pure-Python engine a
machine without a C compiler runs) give the same comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from pairs import edited

from variorum.compare import compare
from variorum.compiled import HOMES, twins
from variorum.examples import example_pair
from variorum.options import CompareOptions
from variorum.settings import PURE_PYTHON

pytestmark = pytest.mark.usefixtures("compiled_modules")


def pure_python(pair: tuple[object, object]) -> dict[str, object]:
    """The comparison's JSON form with every compiled hook set to None. Without a time
    limit: the C++ diff the pure-Python engine calls can only be bounded by time, and
    under a limit it takes a faster, coarser path on long pairs (the compiled core is
    bounded by ``diff_effort`` instead, the same on every machine)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in HOMES:
            patch.setattr(twins, name, None)
        result = compare(*pair, diff_timeout=0).to_dict()  # type: ignore[arg-type]
    result["options"]["diff_timeout"] = CompareOptions().diff_timeout
    return result


def test_every_twin_is_compiled_unless_turned_off() -> None:
    pure = PURE_PYTHON.text() in ("1", "all")
    for name, home in HOMES.items():
        found = getattr(twins, name)
        if pure:
            assert found is None, f"{PURE_PYTHON.name}=1 left {name} on"
        else:
            assert found is not None, f"{home}.{name} was not built (no C compiler?)"


@settings(max_examples=200, deadline=None)
@given(edited())
def test_random_edits_compare_the_same_without_compiled_code(pair: tuple[str, str]) -> None:
    assert pure_python(pair) == compare(*pair).to_dict()


def test_the_example_compares_the_same_without_compiled_code() -> None:
    old, new = (document.text for document in example_pair("icoc"))
    assert pure_python((old, new)) == compare(old, new).to_dict()


def test_the_example_compares_the_same_without_compiled_code_under_the_default_limit() -> None:
    # a build without a C compiler keeps diff_timeout; pairs of ordinary size still get
    # the compiled core's minimal diff (the port's half-match shortcut is off for them)
    old, new = (document.text for document in example_pair("icoc"))
    with pytest.MonkeyPatch.context() as patch:
        for name in HOMES:
            patch.setattr(twins, name, None)
        pure = compare(old, new).to_dict()
    assert pure == compare(old, new).to_dict()
