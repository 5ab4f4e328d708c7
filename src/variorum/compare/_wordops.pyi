"""Types of the optional compiled module built from ``_wordops.pyx`` (see its docstring)."""

from array import array
from collections.abc import Callable, Iterable

from variorum.comparison import Op, OpKind, Row, RowKind, Stats
from variorum.document import Span

def row_ops(
    old_text: str,
    old_start: int,
    old_end: int,
    new_text: str,
    new_start: int,
    new_end: int,
    label: tuple[int, int, int, int] | None,
    effort: int,
    least: int,
    words: frozenset[str],
    most: int,
) -> tuple[Op, ...]: ...
def cut_ops(
    op: Op,
    runs: list[tuple[Span, Span]],
    old_text: str,
    new_text: str,
    effort: int,
    least: int,
    words: frozenset[str],
    most: int,
) -> list[Op]: ...
def equal_count_chain(
    old_keys: array[int], new_keys: array[int]
) -> tuple[array[int], array[int]]: ...
def joined_runs(
    old_places: array[int], new_places: array[int], last: int
) -> list[tuple[int, int, int, int]]: ...
def row_segments(
    rows: Iterable[Row], old_text: str, new_text: str, exact: bool
) -> list[tuple[str, str]]: ...
def kept_words(
    ops: Iterable[Op], text: str, records: array[int], first: int, stop: int, enough: int
) -> int: ...
def whole_rows(
    first: int,
    kind: RowKind,
    op_kind: OpKind,
    old_spans: list[Span],
    new_spans: list[Span],
    old_blocks: list[range],
    new_blocks: list[range],
    stats: list[Stats],
) -> list[Row]: ...
def spans(starts: Iterable[int], ends: Iterable[int]) -> list[Span]: ...
def settled_rows(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    old_bounds: array[int],
    new_bounds: array[int],
    options: object,
) -> Callable[[int, range, range], Row | None]: ...
def equal_row(
    index: int, old_bounds: array[int], new_bounds: array[int], old: range, new: range
) -> Row: ...
