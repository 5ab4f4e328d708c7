"""Shared fixtures: the built-in example, the redline notation, golden files."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import variorum
from variorum.compare import compare
from variorum.comparison import Comparison, OpKind, RowKind
from variorum.examples import example_pair

# No time limit on a Hypothesis example: the machines that run the tests are shared and
# busy, and a test asserts behaviour, never speed (benchmarks/ measures that).
settings.register_profile("variorum", deadline=None)
settings.load_profile("variorum")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ files")


DATABASE_TESTS = ("web", "browser/app")
"""Folders of tests that reach the web app's database: marked ``database``, they are the
ones ``make test`` runs a second time, on PostgreSQL (the rest does not depend on it)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    folders = [here / folder for folder in DATABASE_TESTS]
    for item in items:
        if any(item.path.is_relative_to(folder) for folder in folders):
            item.add_marker(pytest.mark.database)


def _compiled_modules() -> list[str]:
    """Variorum's optional compiled modules, by their ``.pyx`` sources."""
    package = Path(variorum.__file__).parent
    return [
        ".".join(path.relative_to(package.parent).with_suffix("").parts)
        for path in sorted(package.rglob("*.pyx"))
    ]


def _missing(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return True
    return False


MISSING_COMPILED = [name for name in _compiled_modules() if _missing(name)]
"""The compiled modules this installation lacks (built only where a C compiler was)."""


class _NeedsCompiled(pytest.Module):
    """A test file of compiled modules that are not installed: skipped, saying why."""

    def collect(self) -> list[pytest.Item]:
        missing = ", ".join(name for name in MISSING_COMPILED if name in self.path.read_text())
        pytest.skip(f"{self.path.name} tests {missing}: not built (optional: needs a C compiler)")


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    if MISSING_COMPILED and any(name in module_path.read_text() for name in MISSING_COMPILED):
        return _NeedsCompiled.from_parent(parent, path=module_path)
    return None


@pytest.fixture
def compiled_modules() -> None:
    """For tests that compare the compiled modules with their pure-Python twins: skipped,
    saying why, where the compiled modules are not built."""
    if MISSING_COMPILED:
        pytest.skip(f"{', '.join(MISSING_COMPILED)} not built (optional: needs a C compiler)")


@pytest.fixture(scope="session")
def icoc() -> Comparison:
    """The built-in example compared: 2011 against 2015."""
    old, new = example_pair("icoc")
    return compare(old, new)


def notation(comparison: Comparison) -> str:
    """A comparison in the redline's own notation: ``<del>old</del><ins>new</ins>``,
    renumbering as ``<del#>``/``<ins#>``, moves as ``<moved-from>``/``<moved-to>``;
    rows are separated by `` | `` and the final newline is dropped."""
    old_text, new_text = comparison.old.text, comparison.new.text
    rows = []
    for row in comparison.rows:
        if row.kind in (RowKind.MOVED_FROM, RowKind.MOVED_TO):
            text = row.old.of(old_text) if row.kind is RowKind.MOVED_FROM else row.new.of(new_text)
            rows.append(f"<{row.kind.value}>{text.strip()}</{row.kind.value}>")
            continue
        parts = []
        for op in row.ops:
            old, new = op.old.of(old_text), op.new.of(new_text)
            if op.kind is OpKind.EQUAL:
                parts.append(new)
            elif op.kind is OpKind.RENUMBER:
                parts.append(f"<del#>{old}</del#><ins#>{new}</ins#>")
            else:
                parts.append(
                    (f"<del>{old}</del>" if old else "") + (f"<ins>{new}</ins>" if new else "")
                )
        rows.append("".join(parts).strip())
    return " | ".join(rows)


@pytest.fixture
def redline() -> Callable[..., str]:
    """``redline(old, new, **options)``: compare two texts and write the result in notation."""

    def run(old: str, new: str, **options: Any) -> str:
        return notation(compare(old, new, **options))

    return run


@pytest.fixture
def written() -> Callable[[Comparison], str]:
    """``written(comparison)``: a comparison already made, in notation."""
    return notation


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: assert ``text`` equals tests/golden/NAME (or rewrite it
    with ``pytest --update-golden``)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} did not exist and was written; re-run")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"

    return check
