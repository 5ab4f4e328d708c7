"""Writing output files: whole or not at all, never a partial file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from variorum.errors import UsageError
from variorum.output import write_atomically


def test_parts_are_written_in_order(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    write_atomically(out, iter(["<p>", "Ünïcode ", "text</p>\n"]))
    assert out.read_text(encoding="utf-8") == "<p>Ünïcode text</p>\n"


def test_a_failure_midway_keeps_the_file_that_was_there(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("the earlier page", encoding="utf-8")

    def parts() -> Iterator[str]:
        yield "<p>half a page"
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        write_atomically(out, parts())
    assert out.read_text(encoding="utf-8") == "the earlier page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"], "no temporary file is left"


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"folder .* does not exist"):
        write_atomically(tmp_path / "no" / "page.html", "text")
