"""Types of the optional compiled module built from ``_tokens.pyx`` (see its docstring)."""

from array import array
from collections.abc import Iterable

CJK_RANGES: tuple[tuple[int, int], ...]

def token_ends(text: str, start: int, end: int) -> array[int]: ...
def encode_tokens(
    text: str, start: int, end: int, codes: dict[str, str]
) -> tuple[str, array[int]]: ...
def count_words(text: str, start: int, end: int) -> int: ...
def word_spans(text: str, start: int, end: int) -> tuple[array[int], array[int]]: ...
def encode_words(text: str, codes: dict[str, str]) -> str: ...
def encode_all_words(texts: Iterable[str], codes: dict[str, str]) -> list[str]: ...
def letter_words(
    text: str, records: array[int], start_col: int, end_col: int, stride: int, most: int
) -> bytes: ...
def encode_bodies(
    text: str,
    records: array[int],
    blocks: Iterable[int],
    start_col: int,
    end_col: int,
    stride: int,
    codes: dict[str, str],
) -> list[str]: ...
