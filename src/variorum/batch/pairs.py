"""Pairs of versions to compare: the unit of work of a batch.

A ``Pair`` names both versions: by the path of a file, which the worker reads itself
(so that the driver sends a few hundred bytes a pair, not the texts), or with their
bytes (a git history's versions, read by the driver in one stream). Its ``digest``
names the work done on it (both texts and the options), which is how a rerun knows
what is already done.

>>> old = Version("a/2020-01-01.txt", "2020-01-01.txt", "2020-01-01", b"One.")
>>> new = Version("a/2021-01-01.txt", "2021-01-01.txt", "2021-01-01", b"Two.")
>>> pair = Pair(0, "a:2020-01-01..2021-01-01", "a", old, new)
>>> len(pair.digest(CompareOptions()))
64
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import PurePath

from variorum.errors import InputError, VariorumError
from variorum.ingest.reading import read_bytes
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
    """The file's bytes, once read."""
    problem: str = ""
    """Why the version could not be read (a missing file): the pair fails with it."""
    path: str = ""
    """The file to read the bytes from, absolute, while they are not read yet."""

    def loaded(self) -> Version:
        """The version with its bytes, read from ``path`` if they were not; a file that
        cannot be read gives the version its problem instead."""
        if not self.path:
            return self
        try:
            return replace(self, data=read_bytes(self.path), path="")
        except VariorumError as error:
            problem = error.problem if isinstance(error, InputError) else str(error)
            return replace(self, problem=problem, path="")


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

    def loaded(self) -> Pair:
        """The pair with both versions' bytes (``Version.loaded``)."""
        return replace(self, old=self.old.loaded(), new=self.new.loaded())

    def digest(self, options: CompareOptions) -> str:
        """SHA-256 of both texts, their format hints and the options: equal digests,
        equal results. The versions must be ``loaded``."""
        hasher = _options_digest(options).copy()
        for version in (self.old, self.new):
            hint = PurePath(version.name).suffix.lower()
            hasher.update(f"\0{hint}\0{len(version.data)}\0{version.problem}\0".encode())
            hasher.update(version.data)
        return hasher.hexdigest()


@lru_cache(maxsize=8)
def _options_digest(options: CompareOptions) -> hashlib._Hash:
    """SHA-256 of the options alone: the start of every pair's digest, made once (their
    JSON took as long to make as a tenth of a pair's two texts to hash)."""
    return hashlib.sha256(json.dumps(options.to_dict(), sort_keys=True).encode())
