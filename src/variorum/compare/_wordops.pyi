"""Types of the optional compiled module built from ``_wordops.pyx`` (see its docstring)."""

from variorum.comparison import Op

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
