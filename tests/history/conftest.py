"""The history tests' project: five versions of a small set of terms, made through the
command line as a user makes them."""

from __future__ import annotations

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
def terms_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("history")
    folder = tmp_path / "terms"
    assert run_cli("init", str(folder)).returncode == 0
    for label, text in VERSIONS.items():
        version = tmp_path / f"{label}.txt"
        version.write_text(text, encoding="utf-8")
        added = run_cli("add-version", str(version), "-p", str(folder), "--label", label,
                        "--date", f"{label}-06-01")  # fmt: skip
        assert added.returncode == 0, added.stderr
    noted = run_cli("annotate", "-p", str(folder), "--version", "2021", "--quote", "two years",
                    "--note", "Retention doubled.", "--author", "A. Analyst")  # fmt: skip
    assert noted.returncode == 0, noted.stderr
    return folder
