"""The results folder of a batch, written as results arrive and read back on a rerun.

    results.jsonl           every result as it arrives, one JSON line each (the journal)
    pairs.parquet           one row per pair of the run, in input order (pairs.csv on request)
    comparisons/DIGEST.json.gz   each pair's Comparison, when asked for
    redlines/DIGEST.html    each pair's redline page, when asked for
    manifest.json           the input, options, engine and software versions of the run

The journal is appended and flushed result by result, so an interrupted run loses
nothing it finished: a rerun reads it and skips every pair whose digest (both texts
and the options) already has a result without error. The table is written as the
rows come, in input order, and named when the run ends (or is interrupted): it
always holds one row for each pair this run went through.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from variorum.batch.pairs import Pair
from variorum.batch.task import Result
from variorum.errors import InputError
from variorum.options import CompareOptions
from variorum.output import write_atomically

if TYPE_CHECKING:
    from variorum.batch.table import TableWriter

JOURNAL = "results.jsonl"
TABLE = "pairs.parquet"
TABLE_CSV = "pairs.csv"
MANIFEST = "manifest.json"
COMPARISONS = "comparisons"
REDLINES = "redlines"


FAILURES_KEPT = 50
"""Failed pairs kept to be listed at the end of a run; the table has them all."""


class ResultsFolder:
    """The folder results go to; opening it reads which pairs earlier runs finished.

    Rows reach the table in input order: a result that arrives before an earlier
    pair's waits for it (``waiting``), so the driver holds the results of the pairs
    in flight, not those of the corpus."""

    def __init__(self, folder: Path, with_csv: bool = False) -> None:
        if folder.exists() and not folder.is_dir():
            raise InputError(folder, "is a file: the results go to a folder")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.finished = _index_journal(folder / JOURNAL)
        """Where the journal holds each result without error of earlier runs, by digest."""
        self.waiting: dict[int, Result] = {}
        """Results waiting for an earlier pair's, by the pair's index."""
        self.following = 0
        """The index of the next row of the table."""
        self.skipped = self.failed = 0
        self.failures: list[Result] = []
        """The first ``FAILURES_KEPT`` failed pairs, in input order."""
        self.table = _open_table(folder, with_csv)
        self.journal = _open_journal(folder / JOURNAL)

    def pending(
        self,
        pairs: Iterable[Pair],
        options: CompareOptions,
        skipped: Callable[[int], None] | None = None,
    ) -> Iterator[Pair]:
        """The pairs not done yet; those done are taken into this run's rows as they
        were, and ``skipped(1)`` is told of each."""
        if not self.finished:
            yield from pairs
            return
        with (self.folder / JOURNAL).open("rb") as journal:
            for pair in pairs:
                offset = self.finished.get(pair.loaded().digest(options))
                if offset is None:
                    yield pair
                    continue
                journal.seek(offset)
                self._arrived(_again(Result.from_row(json.loads(journal.readline())), pair))
                self.skipped += 1
                if skipped:
                    skipped(1)

    def record(self, result: Result) -> None:
        """Keep one result: its files first, then its line in the journal, then its row."""
        for subfolder, data, suffix in (
            (COMPARISONS, result.comparison, ".json.gz"),
            (REDLINES, result.redline, ".html"),
        ):
            if data is not None:
                (self.folder / subfolder).mkdir(exist_ok=True)
                write_atomically(self.folder / subfolder / f"{result.digest}{suffix}", data)
        self.journal.write(json.dumps(result.row(), ensure_ascii=False) + "\n")
        self.journal.flush()  # to the kernel: a killed driver loses no finished pair
        if result.comparison is not None or result.redline is not None:
            result = replace(result, comparison=None, redline=None)  # written: not kept
        self._arrived(result)

    def close(self, manifest: dict[str, Any]) -> None:
        """Write the rows still waiting (an interrupted run leaves gaps), close the
        table, and write the manifest."""
        for index in sorted(self.waiting):
            self._write(self.waiting.pop(index))
        self.journal.close()
        self.table.close()
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        write_atomically(self.folder / MANIFEST, text.encode())

    def _arrived(self, result: Result) -> None:
        self.waiting[result.index] = result
        while self.following in self.waiting:
            self._write(self.waiting.pop(self.following))
            self.following += 1

    def _write(self, result: Result) -> None:
        self.table.write(result)
        if result.failed:
            self.failed += 1
            if len(self.failures) < FAILURES_KEPT:
                self.failures.append(result)


def read_table(folder: Path) -> Iterator[Result]:
    """The rows of a results folder's ``pairs.parquet``, read a row group at a time."""
    from variorum.batch.table import read_results  # pyarrow loads here only

    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    if not (folder / TABLE).is_file():
        raise InputError(folder, f"holds no {TABLE}: run `variorum batch` into it first")
    return read_results(folder / TABLE)


def _open_journal(path: Path) -> TextIO:
    """The journal, open to append; a last line cut short by a killed run is ended
    first, so that the next result starts a line of its own."""
    with path.open("ab") as journal:
        if journal.tell() and not _ends_a_line(path):
            journal.write(b"\n")
    return path.open("a", encoding="utf-8")


def _ends_a_line(path: Path) -> bool:
    with path.open("rb") as journal:
        journal.seek(-1, os.SEEK_END)
        return journal.read(1) == b"\n"


def _index_journal(journal: Path) -> dict[str, int]:
    """Where each result without error starts in the journal, by digest (the last line
    wins; a failed one undoes an earlier success); a line cut short by an interruption
    is ignored. Offsets, not results: the index of a million pairs is small."""
    finished: dict[str, int] = {}
    if not journal.exists():
        return finished
    with journal.open("rb") as lines:
        offset = 0
        for line in lines:
            try:
                row = json.loads(line)
                digest, failed = row["digest"], bool(row["error"])
            except (ValueError, TypeError, KeyError):
                digest, failed = None, True
            if digest is not None and not failed:
                finished[digest] = offset
            elif digest is not None:
                finished.pop(digest, None)
            offset += len(line)
    return finished


def _again(earlier: Result, pair: Pair) -> Result:
    """An earlier result for the same work, named as this run's pair."""
    return replace(
        earlier, index=pair.index, pair=pair.id, document=pair.document,
        old=pair.old.id, new=pair.new.id, old_date=pair.old.date, new_date=pair.new.date,
    )  # fmt: skip


def _open_table(folder: Path, with_csv: bool) -> TableWriter:
    from variorum.batch.table import TableWriter  # pyarrow loads here only

    return TableWriter(folder / TABLE, folder / TABLE_CSV if with_csv else None)
