"""Run pytest as if Variorum's compiled modules had not been built.

    python scripts/without_compiled.py -q tests/test_compare.py

The compiled modules are optional (``setup.py`` builds them when a C compiler is there;
each has a pure-Python twin the code falls back to). This runs pytest in this process
with every compiled module of the ``variorum`` package made unimportable, so the
fallbacks are what the tests exercise; tests of the compiled modules themselves are
skipped, with the reason (``tests/conftest.py``). The exit status is pytest's.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

import pytest


class _NoCompiled(importlib.abc.MetaPathFinder):
    """Refuses any module of the ``variorum`` package that is a compiled extension."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,  # noqa: ARG002  (the finder protocol's signature)
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("variorum."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            raise ModuleNotFoundError(f"{fullname} is compiled: left out", name=fullname)
        return None


def main(arguments: list[str]) -> int:
    if any(name.startswith("variorum") for name in sys.modules):
        raise SystemExit("variorum was imported before its compiled modules could be left out")
    sys.meta_path.insert(0, _NoCompiled())
    return int(pytest.main(arguments))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
