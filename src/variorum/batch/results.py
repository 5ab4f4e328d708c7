"""The results folder of a batch, written as results arrive and read back on a rerun.

    results.jsonl           every result as it arrives, one JSON line each (the journal)
    pairs.parquet           one row per pair of the run, in input order (pairs.csv on request)
    comparisons/DIGEST.json.gz   each pair's Comparison, when asked for
    manifest.json           the input, options, engine and software versions of the run

The journal is appended and flushed result by result, so an interrupted run loses
nothing it finished: a rerun reads it and skips every pair whose digest (both texts
and the options) already has a result without error. The table is written whole at
the end, from the journal, so it always matches one complete pass over the input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from variorum.batch.pairs import Pair
from variorum.batch.task import Result
from variorum.errors import InputError
from variorum.options import CompareOptions
from variorum.output import write_atomically

JOURNAL = "results.jsonl"
TABLE = "pairs.parquet"
TABLE_CSV = "pairs.csv"
MANIFEST = "manifest.json"
COMPARISONS = "comparisons"


class ResultsFolder:
    """The folder results go to; opening it reads what earlier runs finished."""

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise InputError(folder, "is a file: the results go to a folder")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.finished = _read_journal(folder / JOURNAL)
        """Results without error of earlier runs, by digest."""
        self.rows: dict[int, Result] = {}
        """This run's results, by the pair's index."""
        self.skipped = 0

    def pending(
        self,
        pairs: Iterable[Pair],
        options: CompareOptions,
        skipped: Callable[[int], None] | None = None,
    ) -> Iterator[Pair]:
        """The pairs not done yet; those done are taken into this run's rows as they
        were, and ``skipped(1)`` is told of each."""
        for pair in pairs:
            earlier = self.finished.get(pair.digest(options))
            if earlier is None:
                yield pair
                continue
            self.rows[pair.index] = replace(
                earlier, index=pair.index, pair=pair.id, document=pair.document,
                old=pair.old.id, new=pair.new.id, old_date=pair.old.date, new_date=pair.new.date,
            )  # fmt: skip
            self.skipped += 1
            if skipped:
                skipped(1)

    def record(self, result: Result) -> None:
        """Keep one result: its Comparison JSON first, then its line in the journal."""
        if result.comparison is not None:
            (self.folder / COMPARISONS).mkdir(exist_ok=True)
            write_atomically(
                self.folder / COMPARISONS / f"{result.digest}.json.gz", result.comparison
            )
        with (self.folder / JOURNAL).open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(result.row(), ensure_ascii=False) + "\n")
        self.rows[result.index] = result

    def failures(self) -> list[Result]:
        """This run's failed pairs, in input order."""
        return [result for _, result in sorted(self.rows.items()) if result.failed]

    def write_table(self, manifest: dict[str, Any], with_csv: bool = False) -> None:
        """Write this run's rows as Parquet (and CSV), and the manifest."""
        from variorum.batch.table import to_csv, to_parquet  # pyarrow loads here only

        ordered = [result for _, result in sorted(self.rows.items())]
        to_parquet(ordered, self.folder / TABLE)
        if with_csv:
            to_csv(ordered, self.folder / TABLE_CSV)
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        write_atomically(self.folder / MANIFEST, text.encode())


def read_table(folder: Path) -> list[Result]:
    """The rows of a results folder's ``pairs.parquet``."""
    from variorum.batch.table import read_results  # pyarrow loads here only

    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    if not (folder / TABLE).is_file():
        raise InputError(folder, f"holds no {TABLE}: run `variorum batch` into it first")
    return read_results(folder / TABLE)


def _read_journal(journal: Path) -> dict[str, Result]:
    """The results without error in the journal, by digest (the last line wins); a
    line cut short by an interruption is ignored."""
    finished: dict[str, Result] = {}
    if not journal.exists():
        return finished
    with journal.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                result = Result.from_row(json.loads(line))
            except (ValueError, TypeError, KeyError):
                continue
            if result.failed:
                finished.pop(result.digest, None)
            else:
                finished[result.digest] = result
    return finished
