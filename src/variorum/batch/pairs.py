"""Pairs of versions to compare: the unit of work of a batch.

A ``Pair`` carries the bytes of both versions, so that a worker on another machine
needs no access to the input; its ``digest`` names the work done on it (both texts
and the options), which is how a rerun knows what is already done.

>>> old = Version("a/2020-01-01.txt", "2020-01-01.txt", "2020-01-01", b"One.")
>>> new = Version("a/2021-01-01.txt", "2021-01-01.txt", "2021-01-01", b"Two.")
>>> pair = Pair(0, "a:2020-01-01..2021-01-01", "a", old, new)
>>> len(pair.digest(CompareOptions()))
64
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import PurePath

from variorum.options import CompareOptions


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a document as read from the input."""

    id: str
    """What the input calls it: a file path, or a git commit id."""
    name: str
    """The file name: the hint for its format, and what error messages call it."""
    date: str
    """``YYYY-MM-DD`` (the commit's author date or the file name's), or ``""`` if unknown."""
    data: bytes = b""
    """The file's bytes."""
    problem: str = ""
    """Why the version could not be read (a missing file): the pair fails with it."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two versions of one document, the older first."""

    index: int
    """Position in the input: results are listed in this order."""
    id: str
    """Names the pair in results: ``document:old..new``, or the CSV's id column."""
    document: str
    """The document both versions belong to: a file path, a folder name, or ``""``."""
    old: Version
    new: Version

    def digest(self, options: CompareOptions) -> str:
        """SHA-256 of both texts, their format hints and the options: equal digests,
        equal results."""
        hasher = hashlib.sha256(json.dumps(options.to_dict(), sort_keys=True).encode())
        for version in (self.old, self.new):
            hint = PurePath(version.name).suffix.lower()
            hasher.update(f"\0{hint}\0{len(version.data)}\0{version.problem}\0".encode())
            hasher.update(version.data)
        return hasher.hexdigest()
