"""Many files read a group at a time, each group in one child process.

    files --read here--> bytes --one child a group (isolation)--> Documents, in order

A walk through a document's history reads hundreds of versions. Read one by one, each
in a child of its own, the child costs about ten times the parsing of a 100,000-word
text (forking the caller and copying the memory pages the parser touches: 20 ms
against 2 ms); a group of files shares that cost.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from variorum.document import Document
from variorum.ingest import _parse_bytes
from variorum.ingest.isolation import default_limits, run_limited
from variorum.ingest.markdown_reuse import reusing
from variorum.ingest.reading import read_bytes
from variorum.options import ReadLimits

GROUP_FILES = 16
"""Most files one child reads. Their Documents come back together, so a group's size
is also how many Documents a walk holds at once."""
GROUP_BYTES = 16 * 2**20
"""Most bytes of files one child reads (a group ends at the file that reaches it)."""


@dataclass(frozen=True, slots=True)
class FileToRead:
    """One file and how to read it, as ``load`` takes them."""

    path: Path
    format: str | None
    """The format to read it as; None to detect it."""
    meta: Mapping[str, str]
    """The Document's metadata (version, date, source, title)."""
    data: bytes | None = None
    """The file's bytes if already read (a version stored in a database); else they are
    read from ``path``, which names the file in error messages either way."""


def load_together(
    files: Iterable[FileToRead], limits: ReadLimits | None = None
) -> Iterator[Document]:
    """Each file's Document, in order, as ``load`` reads it; but up to ``GROUP_FILES``
    files (or ``GROUP_BYTES``) are parsed in one child, held to the sum of their time
    limits and to one file's memory limit."""
    chosen = limits or default_limits()
    group: list[tuple[bytes, FileToRead]] = []
    size = 0
    for file in files:
        data = read_bytes(file.path) if file.data is None else file.data
        group.append((data, file))
        size += len(data)
        if len(group) == GROUP_FILES or size >= GROUP_BYTES:
            yield from _parsed(group, chosen)
            group, size = [], 0
    yield from _parsed(group, chosen)


def _parsed(group: list[tuple[bytes, FileToRead]], limits: ReadLimits) -> list[Document]:
    """The group's Documents, parsed in one child (the first file's error refuses it)."""
    if not group:
        return []
    seconds = limits.seconds and limits.seconds * len(group)
    names = [str(file.path) for _, file in group]
    name = names[0] if len(names) == 1 else f"{names[0]} (and the {len(names) - 1} after it)"
    work = functools.partial(_parse_all, group)
    return run_limited(work, name, replace(limits, seconds=seconds))


def _parse_all(group: list[tuple[bytes, FileToRead]]) -> list[Document]:
    """The group's Documents; Markdown blocks unchanged from the file before are not
    walked again (``markdown_reuse``: a group is most often consecutive versions)."""
    options = {"selector": None, "tracked": "current"}
    with reusing():
        return [
            _parse_bytes(data, file.format, str(file.path), options,
                         {"version": file.path.stem, **file.meta})
            for data, file in group
        ]  # fmt: skip
