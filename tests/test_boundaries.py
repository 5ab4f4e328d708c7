"""The core stays pure: comparing text loads no web framework, document or HTML library."""

import subprocess
import sys

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
