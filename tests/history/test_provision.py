"""One provision through every version, as an analyst asks for it by its label or its
words: each change with its redline, across renumbering and moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commands import run_cli


def changes(folder: Path, *args: str) -> dict[str, object]:
    result = run_cli("provision", "-p", str(folder), *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_provision_is_followed_through_its_move_and_renumbering_to_its_edit(
    terms_history: Path,
) -> None:
    found = changes(terms_history, "data retention", "--version", "2022")
    assert found["introduced"] == "2019" and found["deleted"] == "2023"
    steps = [(c["from"], c["to"], [r["markdown"] for r in c["rows"]]) for c in found["changes"]]
    assert steps == [
        ("2019", "2020", ["{~~(2)~>(3)~~}{== Data retention: we keep your data for one year.==}"
                          "{>>moved from c-1<<}{>>renumbered<<}"]),
        ("2020", "2021", ["(3) Data retention: we keep your data for {~~one year~>two years~~}."]),
        ("2022", "2023", ["{--(3) Data retention: we keep your data for two years.--}"]),
    ]  # fmt: skip
    notes = [[(n["quote"], n["text"], n["creator"]) for n in c["notes"]] for c in found["changes"]]
    assert notes == [[], [("two years", "Retention doubled.", "A. Analyst")], []]


def test_a_provision_is_found_by_its_label_in_the_version_asked(terms_history: Path) -> None:
    by_label = changes(terms_history, "3", "--version", "2021")
    assert by_label["title"] == "(3) Data retention: we keep your data for two years."
    assert by_label == changes(terms_history, "(3)", "--version", "2021")


def test_the_terminal_shows_each_change_under_its_versions_and_date(terms_history: Path) -> None:
    result = run_cli("provision", "-p", str(terms_history), "retention", "--version", "2021")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "(3) Data retention: we keep your data for two years.",
        "  (found in 2021; first in 2019; deleted in 2023)",
    ]
    assert "== 2020 → 2021 (2021-06-01)" in lines
    assert "  note (A. Analyst) on “two years”: Retention doubled." in lines


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("the", "'the' matches 2 blocks of 2022"),
        ("()", "give the provision's label or some of its words"),
        ("arbitration", "no block of 2022 matches 'arbitration'"),
    ],
)
def test_a_query_that_names_no_one_provision_is_one_clear_error(
    terms_history: Path, query: str, message: str
) -> None:
    result = run_cli("provision", "-p", str(terms_history), query, "--version", "2022")
    assert result.returncode == 2
    assert result.stderr.startswith(f"variorum: error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


SPLIT_AND_MERGED = {
    "2019": "(1) Scope.\n\n(2) Data retention: we keep your account data for one year and your"
    " messages for ninety days after you delete them.\n\n(3) Contact us.\n",
    # split in two paragraphs
    "2020": "(1) Scope.\n\n(2) Data retention: we keep your account data for one year.\n\n"
    "We keep your messages for ninety days after you delete them.\n\n(3) Contact us.\n",
    # merged again, and edited
    "2021": "(1) Scope.\n\n(2) Data retention: we keep your account data for one year and your"
    " messages for thirty days after you delete them.\n\n(3) Contact us.\n",
}


def test_a_provision_is_followed_through_a_split_and_a_merge(tmp_path: Path) -> None:
    folder = tmp_path / "terms"
    assert run_cli("init", str(folder)).returncode == 0
    for label, text in SPLIT_AND_MERGED.items():
        (tmp_path / f"{label}.txt").write_text(text, encoding="utf-8")
        added = run_cli("add-version", str(tmp_path / f"{label}.txt"), "-p", str(folder),
                        "--label", label)  # fmt: skip
        assert added.returncode == 0, added.stderr
    # asked for by the second half of the split, and by the merged provision
    for query, version in (("messages for ninety days", "2020"), ("thirty days", "2021")):
        found = changes(folder, query, "--version", version)
        assert (found["introduced"], found["deleted"]) == ("2019", None)
        steps = [(c["from"], c["to"], [r["kind"] for r in c["rows"]]) for c in found["changes"]]
        assert steps == [("2019", "2020", ["split"]), ("2020", "2021", ["merged"])]
        merged = found["changes"][1]["rows"][0]["markdown"]
        assert "{~~ninety~>thirty~~}" in merged and "account data for one year" in merged
