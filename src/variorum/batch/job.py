"""A whole batch, wired in one place: input --> pairs not done yet --> run --> folder.

``run_batch`` is what ``variorum batch`` calls; ``variorum.batch.run`` alone is the
engine, for a notebook that wants the results as they come instead of a folder.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from variorum.batch.inputs import Corpus
from variorum.batch.results import ResultsFolder
from variorum.batch.run import run
from variorum.batch.task import Result
from variorum.options import CompareOptions, ReadLimits


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did."""

    total: int
    """Pairs in the input."""
    compared: int
    """Pairs compared by this run (failed ones included)."""
    skipped: int
    """Pairs already done by an earlier run into the same folder."""
    failed: int
    """Pairs that could not be compared."""
    failures: list[Result]
    """The first of them (``results.FAILURES_KEPT``), in input order, each with its reason."""
    complete: bool
    """Whether every pair of the input has a result (False after an interruption)."""


def run_batch(
    corpus: Corpus,
    output: Path,
    options: CompareOptions | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    keep_json: bool = False,
    keep_redlines: bool = False,
    with_csv: bool = False,
    limits: ReadLimits | None = None,
    advance: Callable[[int], None] | None = None,
) -> Summary:
    """Compare every pair of ``corpus`` not done yet into the results folder ``output``;
    ``advance(n)`` is told as each pair is done or skipped. Interrupted, it still
    writes the table of what is done, and a rerun continues from there."""
    chosen = options or CompareOptions()
    folder = ResultsFolder(output, with_csv)
    started = _now()
    compared = 0
    complete = False
    try:
        pending = folder.pending(corpus, chosen, advance)
        for result in run(
            pending, chosen, scheduler, workers=workers, keep_json=keep_json,
            keep_redlines=keep_redlines, limits=limits, expected=corpus.count,
        ):  # fmt: skip
            folder.record(result)
            compared += 1
            if advance:
                advance(1)
        complete = True
    finally:
        engine = {"scheduler": scheduler} if scheduler else {"workers": workers or _cpus()}
        counts = {"pairs": corpus.count, "compared": compared, "skipped": folder.skipped}
        manifest = _manifest(corpus, chosen, limits, engine, counts, started, complete)
        folder.close(manifest)
    return Summary(corpus.count, compared, folder.skipped, folder.failed, folder.failures, complete)


def _manifest(
    corpus: Corpus,
    options: CompareOptions,
    limits: ReadLimits | None,
    engine: dict[str, Any],
    counts: dict[str, int],
    started: str,
    complete: bool,
) -> dict[str, Any]:
    """What a rerun needs to reproduce the results: input, options, engine, versions."""
    return {
        "input": {"path": str(corpus.path), "kind": corpus.kind},
        "options": options.to_dict(),
        "read_limits": None if limits is None else {
            "seconds": limits.seconds, "memory_mb": limits.memory_mb, "isolated": limits.isolated,
        },
        "engine": engine,
        "counts": counts,
        "complete": complete,
        "started": started,
        "finished": _now(),
        "software": {
            "variorum": version("variorum"),
            "python": platform.python_version(),
            "dask": version("dask"),
            "distributed": version("distributed"),
            "pyarrow": version("pyarrow"),
        },
    }  # fmt: skip


def _cpus() -> int:
    return os.cpu_count() or 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
