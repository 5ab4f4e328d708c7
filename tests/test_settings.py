"""Settings live in one module: every environment variable is read there and documented."""

import ast
import re
from pathlib import Path

import pytest

import variorum
from commands import run_cli
from variorum import settings
from variorum.compiled import HOMES, Twins, twins
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


def test_a_compiled_twin_the_setting_misnames_is_refused_with_the_known_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VARIORUM_PURE_PYTHON", "count_words, cleanup")
    with pytest.raises(UsageError) as refused:
        Twins().count_words  # noqa: B018 (asking a twin is what reads the setting)
    message = str(refused.value)
    assert message.startswith("VARIORUM_PURE_PYTHON: unknown 'cleanup'; known: ")
    assert all(name in message for name in HOMES)


def test_the_twins_the_setting_names_are_off_and_the_others_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VARIORUM_PURE_PYTHON", " count_words ,")
    chosen = Twins()
    assert chosen.count_words is None
    assert chosen.same_text is twins.same_text  # on, or absent here alike


def test_a_misnamed_twin_is_one_line_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One text.\n")
    (tmp_path / "b.txt").write_text("Another text.\n")
    old, new = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    done = run_cli("compare", old, new, env={"VARIORUM_PURE_PYTHON": "word_span"})
    assert done.returncode == 2
    assert done.stderr.startswith("variorum: error: VARIORUM_PURE_PYTHON: unknown 'word_span';")
    assert "word_spans" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_twin_missing_from_a_module_built_before_it_is_its_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sources updated, compiled modules not rebuilt: the reference runs, no traceback
    monkeypatch.setitem(HOMES, "written_after_the_build", "variorum._tokens")
    assert Twins().written_after_the_build is None
    assert variorum.compare("The cat sat.", "The dog sat.").has_changes
