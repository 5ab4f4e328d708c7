"""The comparison's switches are listed once (``variorum.options.SWITCHES``): each is a
flag of every command that compares, and changes what that command reports."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from variorum.cli import main
from variorum.options import SWITCHES, CompareOptions


def test_every_switch_is_an_option_that_is_off_by_default() -> None:
    defaults = {field.name: field.default for field in fields(CompareOptions)}
    assert {name: defaults[name] for name in SWITCHES} == dict.fromkeys(SWITCHES, False)


@pytest.mark.parametrize("command", ["compare", "batch"])
def test_every_switch_is_a_flag_of_each_comparing_command(command: str) -> None:
    shown = CliRunner().invoke(main, [command, "--help"], terminal_width=200).output
    for name in SWITCHES:
        assert "--" + name.replace("_", "-") in shown


def test_a_switch_changes_what_compare_reports(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Article 5 applies.\n", encoding="utf-8")
    new.write_text("ARTICLE 5 applies.\n", encoding="utf-8")
    runner = CliRunner()
    assert "[-Article-]{+ARTICLE+}" in runner.invoke(main, ["compare", str(old), str(new)]).output
    ignoring = runner.invoke(main, ["compare", "--ignore-case", str(old), str(new)]).output
    assert "0 of 1 blocks changed" in ignoring


def test_the_commands_switches_go_only_to_the_formats_that_take_them(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Article 5 applies.\n", encoding="utf-8")
    new.write_text("ARTICLE 5 applies.\n", encoding="utf-8")
    runner = CliRunner()
    terminal = runner.invoke(main, ["compare", "--color", str(old), str(new)], color=True)
    markdown = runner.invoke(main, ["compare", "-f", "markdown", "--color", str(old), str(new)])
    assert "\x1b[" in terminal.output
    assert "{~~Article~>ARTICLE~~} 5 applies." in markdown.output
