"""Batch: many comparisons at once, on a local process pool or a Dask cluster.

    input (git repository | folder of dated versions | CSV of pairs)
      --inputs--> Pairs (both versions' paths; a git history's bytes)
      --results: skip those done (by digest)--> pending pairs
      --run: local processes or dask.distributed--> compare_pair on a worker: read, compare
      --results--> journal, pairs.parquet (+ CSV), comparisons/*.json.gz, manifest.json

``run`` is the engine for a notebook: it yields each Result as it finishes.
``run_batch`` is the whole command: input to results folder, resumable.
"""

from __future__ import annotations

from variorum.batch.inputs import Corpus, open_input
from variorum.batch.job import Summary, run_batch
from variorum.batch.pairs import Pair, Version
from variorum.batch.run import run
from variorum.batch.task import Result, Task, compare_pair

__all__ = [
    "Corpus",
    "Pair",
    "Result",
    "Summary",
    "Task",
    "Version",
    "compare_pair",
    "open_input",
    "run",
    "run_batch",
]
