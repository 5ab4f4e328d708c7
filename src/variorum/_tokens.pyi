"""Types of the optional compiled module built from ``_tokens.pyx`` (see its docstring)."""

from array import array

CJK_RANGES: tuple[tuple[int, int], ...]

def token_ends(text: str, start: int, end: int) -> array[int]: ...
def encode_tokens(
    text: str, start: int, end: int, codes: dict[str, str]
) -> tuple[str, array[int]]: ...
def count_words(text: str, start: int, end: int) -> int: ...
