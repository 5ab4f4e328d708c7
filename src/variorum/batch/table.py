"""The results as a table: Parquet (typed, columnar: pandas, Polars, DuckDB and Spark
read it as it is) and CSV, one row per pair, written with pyarrow."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from variorum.batch.task import Result

SCHEMA = pa.schema(
    [
        ("index", pa.int64()),
        ("pair", pa.string()),
        ("document", pa.string()),
        ("old", pa.string()),
        ("new", pa.string()),
        ("old_date", pa.string()),
        ("new_date", pa.string()),
        ("digest", pa.string()),
        ("words_inserted", pa.int64()),
        ("words_deleted", pa.int64()),
        ("words_moved", pa.int64()),
        ("blocks_changed", pa.int64()),
        ("link_only", pa.bool_()),
        ("whitespace_only", pa.bool_()),
        ("seconds", pa.float64()),
        ("error", pa.string()),
    ]
)
"""The columns, as ``Result`` documents them."""


def as_table(results: Sequence[Result]) -> pa.Table:
    """The results as an Arrow table with the columns of ``SCHEMA``."""
    rows = [result.row() for result in results]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def to_parquet(results: Sequence[Result], path: Path) -> None:
    """Write the results as a Parquet file, whole or not at all."""
    partial = path.with_name(f".{path.name}.partial")
    pq.write_table(as_table(results), partial)
    os.replace(partial, path)


def to_csv(results: Sequence[Result], path: Path) -> None:
    """Write the results as CSV with a header row, whole or not at all."""
    partial = path.with_name(f".{path.name}.partial")
    pa_csv.write_csv(as_table(results), partial)
    os.replace(partial, path)


def read_results(path: Path) -> list[Result]:
    """The results of a Parquet file written by ``to_parquet``."""
    return [Result.from_row(row) for row in pq.read_table(path).to_pylist()]
