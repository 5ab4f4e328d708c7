"""One provision through every version, as an analyst asks for it by its label or its
words: each change with its redline, across renumbering and moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commands import run_cli

VERSIONS = {
    "2019": "(1) Scope of these terms.\n\n(2) Data retention: we keep your data for one year."
    "\n\n(3) Contact us at the address below.\n",
    # moved to the end and renumbered, nothing else
    "2020": "(1) Scope of these terms.\n\n(2) Contact us at the address below.\n\n"
    "(3) Data retention: we keep your data for one year.\n",
    # its words edited
    "2021": "(1) Scope of these terms.\n\n(2) Contact us at the address below.\n\n"
    "(3) Data retention: we keep your data for two years.\n",
    # another provision edited, this one untouched
    "2022": "(1) Scope of the terms and of our services.\n\n(2) Contact us at the address "
    "below.\n\n(3) Data retention: we keep your data for two years.\n",
    # deleted
    "2023": "(1) Scope of the terms and of our services.\n\n(2) Contact us by email.\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("history")
    folder = tmp_path / "terms"
    assert run_cli("init", str(folder)).returncode == 0
    for label, text in VERSIONS.items():
        version = tmp_path / f"{label}.txt"
        version.write_text(text, encoding="utf-8")
        added = run_cli("add-version", str(version), "-p", str(folder), "--label", label,
                        "--date", f"{label}-06-01")  # fmt: skip
        assert added.returncode == 0, added.stderr
    return folder


def changes(folder: Path, *args: str) -> dict[str, object]:
    result = run_cli("provision", "-p", str(folder), *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_provision_is_followed_through_its_move_and_renumbering_to_its_edit(
    project: Path,
) -> None:
    found = changes(project, "data retention", "--version", "2022")
    assert found["introduced"] == "2019" and found["deleted"] == "2023"
    steps = [(c["from"], c["to"], [r["markdown"] for r in c["rows"]]) for c in found["changes"]]
    assert steps == [
        ("2019", "2020", ["{~~(2)~>(3)~~}{== Data retention: we keep your data for one year.==}"
                          "{>>moved from c-1<<}{>>renumbered<<}"]),
        ("2020", "2021", ["(3) Data retention: we keep your data for {~~one year~>two years~~}."]),
        ("2022", "2023", ["{--(3) Data retention: we keep your data for two years.--}"]),
    ]  # fmt: skip


def test_a_provision_is_found_by_its_label_in_the_version_asked(project: Path) -> None:
    by_label = changes(project, "3", "--version", "2021")
    assert by_label["title"] == "(3) Data retention: we keep your data for two years."
    assert by_label == changes(project, "(3)", "--version", "2021")


def test_the_terminal_shows_each_change_under_its_versions_and_date(project: Path) -> None:
    result = run_cli("provision", "-p", str(project), "retention", "--version", "2021")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "(3) Data retention: we keep your data for two years.",
        "  (found in 2021; first in 2019; deleted in 2023)",
    ]
    assert "== 2020 → 2021 (2021-06-01)" in lines


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("the", "'the' matches 2 blocks of 2022"),
        ("()", "give the provision's label or some of its words"),
        ("arbitration", "no block of 2022 matches 'arbitration'"),
    ],
)
def test_a_query_that_names_no_one_provision_is_one_clear_error(
    project: Path, query: str, message: str
) -> None:
    result = run_cli("provision", "-p", str(project), query, "--version", "2022")
    assert result.returncode == 2
    assert result.stderr.startswith(f"variorum: error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
