"""The compiled speedups change how fast a comparison is made, never what it says: the
same pairs compared with every compiled hook switched off (the pure-Python engine a
machine without a C compiler runs) give the same comparison."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from pairs import edited

from variorum.compare import compare
from variorum.examples import example_pair
from variorum.options import CompareOptions

pytestmark = pytest.mark.usefixtures("compiled_modules")

HOOKS = [
    ("variorum.ingest.text", "_compiled_blocks"),
    ("variorum.similarity", "_compiled_hashes"),
    ("variorum.align", "compiled_anchor_runs"),
    ("variorum.diff", "compiled_encode"),
    ("variorum.diff", "compiled_common_ends"),
    ("variorum.compare", "compiled_row_ops"),
    ("variorum.tokens", "compiled_count_words"),
    ("variorum.tokens", "compiled_word_spans"),
    ("variorum.compare", "compiled_same_text"),
    ("variorum.similarity", "_compiled_words"),
    ("variorum.diff", "compiled_diff_counts"),
    ("variorum.ingest.normalize", "_compiled_is_canonical_inside"),
]
"""Every place the engine calls compiled code, as (module, name of the hook)."""


def pure_python(pair: tuple[object, object]) -> dict[str, object]:
    """The comparison's JSON form with every compiled hook set to None. Without a time
    limit: the C++ diff the pure-Python engine calls can only be bounded by time, and
    under a limit it takes a faster, coarser path on long pairs (the compiled core is
    bounded by ``diff_effort`` instead, the same on every machine)."""
    with pytest.MonkeyPatch.context() as patch:
        for module, name in HOOKS:
            patch.setattr(importlib.import_module(module), name, None)
        result = compare(*pair, diff_timeout=0).to_dict()  # type: ignore[arg-type]
    result["options"]["diff_timeout"] = CompareOptions().diff_timeout
    return result


def test_every_hook_is_there_and_compiled() -> None:
    for module, name in HOOKS:
        assert getattr(importlib.import_module(module), name) is not None, (
            f"{module}.{name} is None: the compiled modules were not built (no C compiler?)"
        )


@settings(max_examples=200, deadline=None)
@given(edited())
def test_random_edits_compare_the_same_without_compiled_code(pair: tuple[str, str]) -> None:
    assert pure_python(pair) == compare(*pair).to_dict()


def test_the_example_compares_the_same_without_compiled_code() -> None:
    old, new = (document.text for document in example_pair("icoc"))
    assert pure_python((old, new)) == compare(old, new).to_dict()
