"""The results as a table: Parquet (typed, columnar: pandas, Polars, DuckDB and Spark
read it as it is) and CSV, one row per pair, written with pyarrow.

The table is written as the rows come, ``ROW_GROUP`` rows at a time (a Parquet row
group each), so that the writer holds one group, not the corpus; the file takes its
name only when it is closed, so a reader never finds half a table under it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from variorum.batch.task import Result

PROVISION = pa.struct([("heading", pa.string()), ("words", pa.int64()), ("row", pa.int64())])
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
        ("provisions", pa.list_(PROVISION)),
    ]
)
"""The columns, as ``Result`` documents them."""
FLAT = pa.schema([column for column in SCHEMA if column.name != "provisions"])
"""The CSV's columns: CSV has no lists, so the provisions are left to the Parquet file."""
ROW_GROUP = 2_000
"""Rows a Parquet row group holds: the rows the writer keeps before writing them (a
few MB of results; 10,000 made the driver's peak grow by 20 MB)."""


class TableWriter:
    """Parquet (and CSV) written a row group at a time, named when closed."""

    def __init__(self, parquet: Path, csv: Path | None = None) -> None:
        self.targets = [parquet, *([csv] if csv else [])]
        self.waiting: list[Result] = []
        self.parquet = pq.ParquetWriter(_partial(parquet), SCHEMA)
        self.csv = pa_csv.CSVWriter(_partial(csv), FLAT) if csv else None

    def write(self, result: Result) -> None:
        """Add one row; a full group is written out."""
        self.waiting.append(result)
        if len(self.waiting) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if not self.waiting:
            return
        table = as_table(self.waiting)
        self.parquet.write_table(table, row_group_size=ROW_GROUP)
        if self.csv:
            self.csv.write_table(table.select(FLAT.names))
        self.waiting = []

    def close(self) -> None:
        """Write the last rows and give the files their names."""
        self.flush()
        self.parquet.close()
        if self.csv:
            self.csv.close()
        for target in self.targets:
            os.replace(_partial(target), target)


def as_table(results: Sequence[Result]) -> pa.Table:
    """The results as an Arrow table with the columns of ``SCHEMA``, built a column at a
    time (no row dictionaries: the driver writes every pair's row)."""
    columns = {name: [getattr(result, name) for result in results] for name in SCHEMA.names}
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def read_results(path: Path) -> Iterator[Result]:
    """The results of a Parquet file written by ``TableWriter``, a row group at a time."""
    table = pq.ParquetFile(path)
    for group in range(table.num_row_groups):
        for row in table.read_row_group(group).to_pylist():
            yield Result.from_row(row)


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")
