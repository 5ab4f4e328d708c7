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


def test_compare_imports_no_heavy_modules() -> None:
    code = (
        "import sys, variorum.compare as _;"
        "from variorum.compare import compare; compare('a b', 'a c');"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == ""


MODEL = {"comparison", "document", "options", "tokens", "errors", "_tokens"}
"""The nouns every stage reads: they import nothing of Variorum but one another."""


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
    code = (
        "import sys, variorum;"
        "print(','.join(m for m in ['tomlkit', 'pyromark', 'fast_diff_match_patch', *"
        f"{HEAVY!r}] if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == ""
