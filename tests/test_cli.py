"""The command line as a user runs it: exit statuses, outputs, and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from commands import run_cli
from variorum.cli import main
from variorum.cli.errors import run_safely

run = run_cli


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("(a) Not to use ICTs;\n(b) To cooperate.\n", encoding="utf-8")
    new.write_text("(1) Not to use ICT networks;\n(2) To cooperate.\n", encoding="utf-8")
    return old, new


def test_exit_status_is_1_for_differences_and_0_for_none(pair: tuple[Path, Path]) -> None:
    old, new = pair
    assert run("compare", str(old), str(new)).returncode == 1
    assert run("compare", str(old), str(old)).returncode == 0


def test_terminal_output_respects_no_color(pair: tuple[Path, Path]) -> None:
    result = run("compare", *map(str, pair), "--color", env={"NO_COLOR": "1"})
    assert "\x1b[" in result.stdout  # an explicit --color wins
    result = run("compare", *map(str, pair), env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.stdout
    assert "Not to use [-ICTs-]{+ICT networks+};" in result.stdout


@pytest.mark.parametrize(
    ("suffix", "marker"),
    [(".html", "<!DOCTYPE html>"), (".md", "{~~"), (".json", '"schema_version": 1')],
)
def test_output_format_follows_the_file_suffix(
    pair: tuple[Path, Path], tmp_path: Path, suffix: str, marker: str
) -> None:
    out = tmp_path / f"changes{suffix}"
    result = run("compare", *map(str, pair), "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert marker in out.read_text(encoding="utf-8")
    assert result.stdout == ""


def test_format_option_writes_json_to_stdout(pair: tuple[Path, Path]) -> None:
    data = json.loads(run("compare", *map(str, pair), "-f", "json").stdout)
    assert [row["kind"] for row in data["rows"]] == ["changed", "renumbered"]


def test_stat_prints_words_per_block_and_total(pair: tuple[Path, Path]) -> None:
    out = run("compare", *map(str, pair), "--stat").stdout
    assert "renumbered" in out
    assert out.splitlines()[-1].startswith("2 words inserted, 1 deleted, 0 moved")


def test_ignore_options_reach_the_engine(tmp_path: Path) -> None:
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("The  Code, as “agreed”.\n", encoding="utf-8")
    new.write_text('the code as "agreed"\n', encoding="utf-8")
    assert run("compare", str(old), str(new)).returncode == 1
    assert run("compare", str(old), str(new), "-i", "-w", "-p", "-t").returncode == 0


def test_built_in_example_needs_no_files(tmp_path: Path) -> None:
    out = tmp_path / "icoc.html"
    result = run("compare", "--example", "icoc", "-o", str(out))
    assert result.returncode == 1
    page = out.read_text(encoding="utf-8")
    assert "International code of conduct for information security" in page
    assert "A/69/723" in page


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "missing file": (tmp_path / "nope.txt", "no such file"),
        "directory": (folder, "is a directory"),
        "binary file": (binary, "binary"),
        "empty file": (empty, "is empty"),
    }


@pytest.mark.parametrize("case", ["missing file", "directory", "binary file", "empty file"])
def test_bad_input_is_one_line_exit_2_and_no_output_file(
    tmp_path: Path, pair: tuple[Path, Path], case: str
) -> None:
    bad, problem = bad_inputs(tmp_path)[case]
    out = tmp_path / "out.html"
    result = run("compare", str(pair[0]), str(bad), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".out.html.*"))


def test_usage_errors_are_one_line_exit_2(pair: tuple[Path, Path]) -> None:
    for args in (
        ["compare", str(pair[0])],
        ["compare", "--example", "icoc", str(pair[0]), str(pair[1])],
        ["compare", *map(str, pair), "-f", "pdf"],
    ):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert result.stderr.strip()


def test_unwritable_output_is_a_clear_error(pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run("compare", *map(str, pair), "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_size_limit_is_configurable(pair: tuple[Path, Path]) -> None:
    result = run("compare", *map(str, pair), "--max-size", "10")
    assert result.returncode == 2
    assert "over the limit of 10 bytes" in result.stderr


def test_unexpected_errors_never_show_a_traceback(
    monkeypatch: pytest.MonkeyPatch, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(
        "variorum.cli.compare.compare", explode
    )  # a bug stands in for any internal failure
    status = run_safely(main, ["compare", *map(str, pair)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.strip() == "variorum: internal error: RuntimeError: boom"


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    with click.Context(main) as context:
        commands = {name: main.get_command(context, name) for name in main.list_commands(context)}
    for name, command in commands.items():
        assert command is not None, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"'variorum {name} --help' shows no example"
        assert command.help


def test_output_files_get_ordinary_permissions(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "changes.html"
    run("compare", *map(str, pair), "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
