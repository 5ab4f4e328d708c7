"""Types of the optional compiled module built from ``_matching.pyx`` (see its docstring)."""

from array import array
from collections.abc import Sequence

from variorum.compare.align import BlockPair

def span_hashes(
    text: str, records: array[int] | memoryview, start_col: int, end_col: int, stride: int
) -> array[int]: ...
def unique_anchor_runs(
    old: array[int] | memoryview,
    new: array[int] | memoryview,
    old_anchorable: bytes | None = None,
    new_anchorable: bytes | None = None,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int, int]]]: ...
def window_commons(
    queries: list[str], choices: list[str], window: int, lowest: float
) -> list[tuple[int, int, int]]: ...
def common_ends(
    a: str, a_start: int, a_end: int, b: str, b_start: int, b_end: int
) -> tuple[int, int]: ...
def same_text(a: str, a_start: int, a_end: int, b: str, b_start: int, b_end: int) -> bool: ...
def rough_key_spans(text: str, starts: array[int], ends: array[int]) -> array[int]: ...
def common_words(a: str, b: str) -> int: ...
def word_similarity(a: str, b: str) -> float: ...
def unchanged_runs(
    pairs: list[BlockPair],
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    old_bounds: array[int],
    new_bounds: array[int],
) -> list[BlockPair]: ...
def read_ends(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    olds: Sequence[int],
    news: Sequence[int],
    codes: dict[str, str],
    ends: dict[tuple[int, int], tuple[int, str, str, int]],
    old_counts: dict[int, int],
    new_counts: dict[int, int],
) -> None: ...
