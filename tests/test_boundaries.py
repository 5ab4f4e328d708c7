"""The core stays pure: comparing text loads no web framework, document or HTML library."""

import ast
import subprocess
import sys
from pathlib import Path

import variorum

HEAVY = [
    "django",
    "docx",
    "pypdfium2",
    "lxml",
    "trafilatura",
    "selectolax",
    "jinja2",
    "rich",
    "click",
]


def loaded_after(statements: str, modules: list[str]) -> list[str]:
    """Which of ``modules`` a fresh interpreter holds after ``statements``."""
    code = f"import sys; {statements}; print(','.join(m for m in {modules!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return [name for name in loaded.stdout.strip().split(",") if name]


def test_compare_imports_no_heavy_modules() -> None:
    statements = "from variorum.compare import compare; compare('a b', 'a c')"
    assert loaded_after(statements, HEAVY) == []


MODEL = {"comparison", "document", "options", "tokens", "errors", "_tokens", "compiled"}
"""The nouns every stage reads, and the switch to their compiled twins: they import
nothing of Variorum but one another."""


def test_the_model_imports_only_the_model() -> None:
    package = Path(variorum.__file__).parent
    for name in MODEL - {"_tokens"}:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module.split(".")[1]
            for node in ast.walk(tree)  # every import, also inside functions and guards
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("variorum.")
        }
        assert imported <= MODEL, f"variorum.{name} imports {imported - MODEL}"


def test_importing_variorum_loads_no_reader_or_project_library() -> None:
    libraries = ["tomlkit", "pyromark", "fast_diff_match_patch", *HEAVY]
    assert loaded_after("import variorum", libraries) == []
