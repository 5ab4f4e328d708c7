"""One pair compared: the task a worker runs, and the ``Result`` row it gives back.

``compare_pair`` never raises: whatever goes wrong with a pair (a corrupt file, a
file over a read limit, a bug) comes back as the result's one-line ``error``, so one
bad pair cannot stop a run of thousands.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from variorum.batch.pairs import Pair, Version
from variorum.batch.provisions import Provision, changed_provisions
from variorum.batch.whitespace import whitespace_only
from variorum.compare import compare
from variorum.comparison import Comparison, RowKind
from variorum.document import Document
from variorum.errors import InputError
from variorum.options import CompareOptions, ReadLimits
from variorum.render import render, stream

_FILES = ("comparison", "redline")
"""Fields of a Result that go to files of their own, not to its row."""


@dataclass(frozen=True, slots=True)
class Result:
    """One row of a batch's results: which pair, what changed, how long it took."""

    index: int
    """The pair's position in the input."""
    pair: str
    """The pair's id."""
    document: str
    old: str
    """The older version's id: its path, or its commit id."""
    new: str
    old_date: str
    new_date: str
    digest: str
    """SHA-256 of both texts and the options (``Pair.digest``): how a rerun skips it."""
    words_inserted: int = 0
    words_deleted: int = 0
    words_moved: int = 0
    """Words that only moved, counted once, where they arrived."""
    blocks_changed: int = 0
    """Rows of the comparison a reader stops at (a moved block counted once)."""
    link_only: bool = False
    """Only link targets changed: the visible text is the same."""
    whitespace_only: bool = False
    """The texts differ only in white space: the same words in the same order."""
    seconds: float = 0.0
    """Wall-clock time to read both versions and compare them, on the worker."""
    error: str = ""
    """Why the pair could not be compared, in one line; ``""`` when it was."""
    provisions: tuple[Provision, ...] = ()
    """The sections the pair changed, each with its words changed and first changed row."""
    comparison: bytes | None = field(default=None, repr=False, compare=False)
    """The Comparison as gzipped JSON, when asked for; not part of the row."""
    redline: bytes | None = field(default=None, repr=False, compare=False)
    """The redline page (the HTML of ``variorum compare``), when asked for; not part of
    the row."""

    def row(self) -> dict[str, Any]:
        """The result as a table row (without the Comparison JSON and the redline)."""
        values = {name: getattr(self, name) for name in ROW}
        values["provisions"] = [p._asdict() for p in self.provisions]
        return values

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Result:
        """A result from a row as ``row()`` gave it (read back from the results)."""
        values = {f.name: row[f.name] for f in fields(cls) if f.name in row}
        values["provisions"] = tuple(Provision(**p) for p in values.get("provisions") or ())
        return cls(**values)

    @property
    def failed(self) -> bool:
        return bool(self.error)


ROW = tuple(f.name for f in fields(Result) if f.name not in _FILES)
"""The columns of a result's row, in order (``dataclasses.fields`` is slow to ask each time)."""


IN_WORKER = ReadLimits(isolated=False)
"""How a batch reads files by default: in the worker process itself. The worker is a
process of its own already; a child per file (what ``variorum.load`` does) costs more
than most comparisons (a fork, and the parsers imported again in every child), and a
Dask worker, a daemon, may start no child anyway. A file
that takes its worker down is retried on another and then reported (``run.ATTEMPTS``)."""


@dataclass(frozen=True, slots=True)
class Task:
    """What is done with every pair of a run; sent to the workers with each pair."""

    options: CompareOptions
    keep_json: bool = False
    """Keep each Comparison as gzipped JSON in its result."""
    keep_redlines: bool = False
    """Keep each pair's redline page in its result."""
    limits: ReadLimits | None = None
    """Time and memory to read one file; ``None`` for ``IN_WORKER``."""

    def __call__(self, pairs: Sequence[Pair]) -> list[Result]:
        """Each pair compared, in order."""
        return [
            compare_pair(pair, self.options, self.keep_json, self.limits, self.keep_redlines)
            for pair in pairs
        ]

    def failure(self, pair: Pair, reason: str) -> Result:
        """The result of a pair whose task never came back (its worker died), with why."""
        return replace(_unmeasured(pair.loaded(), self.options), error=reason)


def compare_pair(
    pair: Pair,
    options: CompareOptions,
    keep_json: bool = False,
    limits: ReadLimits | None = None,
    keep_redline: bool = False,
) -> Result:
    """Read both versions of ``pair`` and compare them; failures become the ``error``."""
    started = time.perf_counter()
    pair = pair.loaded()
    base = _unmeasured(pair, options)
    try:
        old, new = _read(pair.old, limits), _read(pair.new, limits)
        comparison = compare(old, new, options)
        result = _measured(base, comparison, keep_json)
        if keep_redline:
            page = "".join(stream(comparison, "html", title=pair.id))
            result = replace(result, redline=page.encode())
    except Exception as error:  # any failure is this pair's, reported in its row
        result = replace(base, error=_one_line(error))
    return replace(result, seconds=round(time.perf_counter() - started, 6))


def _unmeasured(pair: Pair, options: CompareOptions) -> Result:
    return Result(
        pair.index, pair.id, pair.document, pair.old.id, pair.new.id,
        pair.old.date, pair.new.date, pair.digest(options),
    )  # fmt: skip


def _measured(base: Result, comparison: Comparison, keep_json: bool) -> Result:
    stats = comparison.stats
    changed = [row for row in comparison.rows if row.changed]
    return replace(
        base,
        words_inserted=stats.words_inserted,
        words_deleted=stats.words_deleted,
        words_moved=stats.words_moved,
        blocks_changed=sum(row.kind is not RowKind.MOVED_FROM for row in changed),
        link_only=bool(comparison.link_changes) and not changed,
        whitespace_only=whitespace_only(comparison.old.text, comparison.new.text),
        provisions=changed_provisions(comparison),
        comparison=(
            gzip.compress(render(comparison, "json").encode(), mtime=0) if keep_json else None
        ),
    )


def _read(version: Version, limits: ReadLimits | None) -> Document:
    """The version's Document; errors name the version by its id."""
    from variorum.ingest import parse_bytes  # the parsers load in the worker, when needed

    if version.problem:
        raise InputError(version.id, version.problem)
    try:
        return parse_bytes(
            version.data, name=version.name, limits=limits or IN_WORKER, version=version.id
        )
    except InputError as error:
        raise InputError(version.id, error.problem) from None


def _one_line(error: Exception) -> str:
    """The error as one line: InputErrors as their message, others with their type."""
    text = " ".join(str(error).split())
    return text if isinstance(error, InputError) else f"{type(error).__name__}: {text}"
