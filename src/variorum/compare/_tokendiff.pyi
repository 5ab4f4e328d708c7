"""Types of the optional compiled module built from ``_tokendiff.pyx`` (see its docstring)."""

def diff_counts(
    a: str, b: str, timelimit: float, semantic: bool = True, effort: int = 0, least: int = 0
) -> list[tuple[str, int]]: ...
