"""Settings live in one module: every environment variable is read there and documented."""

import ast
import re
from pathlib import Path

import pytest

import variorum
from variorum import settings
from variorum.errors import UsageError
from variorum.ingest import default_limits
from variorum.ingest.reading import max_input_bytes

SOURCE = Path(variorum.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_no_module_but_settings_names_an_environment_variable() -> None:
    names = {setting.name for setting in settings.SETTINGS}
    for path in SOURCE.rglob("*.py"):
        if path.name == "settings.py" and path.parent == SOURCE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                relative = path.relative_to(SOURCE)
                pytest.fail(f"{relative}:{node.lineno} names {node.value} instead of its Setting")


def test_every_variable_the_code_mentions_is_a_setting() -> None:
    names = {setting.name for setting in settings.SETTINGS}
    mentioned = {
        name
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r"\bVARIORUM_[A-Z_]*[A-Z]\b", path.read_text(encoding="utf-8"))
    }
    assert mentioned <= names


def test_every_setting_is_documented_with_its_default() -> None:
    rows = {
        match[0]: match[1]
        for match in re.findall(r"^\| `(VARIORUM_\w+)` \| ([^|]*) \|", DOCS.read_text(), re.M)
    }
    for setting in settings.SETTINGS:
        assert setting.name in rows, f"docs/settings.md does not list {setting.name}"
        assert rows[setting.name] == (setting.default or "(none)"), setting.name


def test_a_setting_read_from_the_environment_changes_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert max_input_bytes() == int(settings.MAX_INPUT_BYTES.default)
    monkeypatch.setenv("VARIORUM_MAX_INPUT_BYTES", "1000")
    monkeypatch.setenv("VARIORUM_READ_MEMORY_MB", " 512 ")
    assert max_input_bytes() == 1000
    assert default_limits().memory_mb == 512


def test_a_setting_that_is_not_a_positive_number_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VARIORUM_COMPARE_SECONDS", "-3")
    with pytest.raises(UsageError, match=r"^VARIORUM_COMPARE_SECONDS: '-3' is not a positive"):
        settings.COMPARE_SECONDS.positive()
