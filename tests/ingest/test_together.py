"""Many files read a group at a time in one reading child each (a walk through a long
history): the same Documents as reading them one by one, and a bad file among them
refused by its own name."""

from __future__ import annotations

from pathlib import Path

import pytest

from variorum import InputError, load
from variorum.ingest.together import GROUP_FILES, FileToRead, load_together


def versions(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"v{number:02d}.md"
        path.write_text(f"# Terms\n\n(1) Version {number} of the terms.\n\n(2) Contact us.\n",
                        encoding="utf-8")  # fmt: skip
        paths.append(path)
    return paths


def test_files_read_in_groups_are_the_documents_read_one_by_one(tmp_path: Path) -> None:
    paths = versions(tmp_path, GROUP_FILES + 3)  # a whole group and part of the next
    files = [FileToRead(path, None, {"date": "2020-01-02"}) for path in paths]
    together = list(load_together(files))
    alone = [load(path, date="2020-01-02") for path in paths]
    assert [(document.text, document.format, document.version, document.date)
            for document in together] == [
        (document.text, document.format, document.version, document.date) for document in alone
    ]  # fmt: skip
    assert [list(document.blocks) for document in together] == [
        list(document.blocks) for document in alone
    ]


def test_a_bad_file_in_a_group_is_refused_by_its_name(tmp_path: Path) -> None:
    paths = versions(tmp_path, 4)
    paths[2].write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    with pytest.raises(InputError) as refused:
        list(load_together(FileToRead(path, None, {}) for path in paths))
    assert str(paths[2]) in str(refused.value)


def test_bytes_already_read_are_read_as_their_file(tmp_path: Path) -> None:
    paths = versions(tmp_path, 3)
    stored = [FileToRead(Path(path.name), None, {}, path.read_bytes()) for path in paths]
    for path in paths:
        path.unlink()  # nothing is read from disk: a stored version's bytes are given
    documents = list(load_together(stored))
    assert [document.text for document in documents] == [
        f"Terms\n(1) Version {number} of the terms.\n(2) Contact us.\n" for number in range(3)
    ]
    assert [document.version for document in documents] == ["v00", "v01", "v02"]
