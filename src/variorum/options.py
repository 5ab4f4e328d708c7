"""Options of the comparison, each documented with its unit and its effect.

There are no silent heuristics: every threshold that changes a result is here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from variorum.errors import UsageError


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How two Documents are compared."""

    ignore_case: bool = False
    """Treat ``Article`` and ``article`` as the same word."""
    ignore_whitespace: bool = False
    """Treat any run of whitespace as equal to any other, or to none between tokens."""
    ignore_punctuation: bool = False
    """Treat punctuation as absent when comparing: ``States;`` equals ``States``."""
    fold_typography: bool = False
    """Treat curly quotes, dashes, non-breaking and other spaces as their ASCII forms."""
    ignore_links: bool = False
    """Do not report links whose visible text is unchanged but whose target changed
    (tracking parameters, moved pages)."""
    blocks_only: bool = False
    """Align blocks but do not diff words inside changed ones: each changed block is
    reported as replaced whole."""
    similarity_threshold: float = 0.5
    """Two blocks inside the same gap between unchanged ones are paired as one edited
    block when at least this fraction (0-1) of their words align (word-level Indel ratio)."""
    pair_lone_blocks: bool = True
    """A gap between unchanged blocks that holds exactly one old and one new block is
    read as that block edited, however different (a date or an agenda line rewritten),
    rather than as a deletion plus an insertion."""
    move_min_words: int = 3
    """A block counts as moved only if it holds at least this many words; shorter
    equal blocks (``Yes.``, a lone number) are too common to be evidence of a move."""
    move_similarity: float = 0.8
    """An edited block is paired with one elsewhere in the document (moved and changed)
    when at least this fraction (0-1) of their words align."""
    max_similarity_cells: int = 4_000_000
    """Block pairs scored at most when pairing edited blocks in one gap (old blocks x new
    blocks). Above it, each old block is scored only against the new blocks near its
    proportional position, so that a rewrite of a whole large document stays fast."""
    diff_effort: int = 30
    """How hard the word diff of one aligned pair searches, in steps of its search per
    token of the pair (both sides). A pair whose minimal diff would take more (only a
    long passage rewritten nearly throughout, or two unrelated texts) settles for a
    coarser result: what the search did not reach is replaced whole, and then cut
    around the clauses both versions share (``variorum.unfold``). The bound is on
    work, not time, so the result is the same on every machine."""
    diff_timeout: float = 2.0
    """Seconds the word diff of one aligned pair may take, only where Variorum runs
    without its compiled core (installed without a C compiler): the C++ port it then
    uses can only be bounded by time, so there, and only there, a slower machine can
    give a coarser result for a pathological pair. 0 means no limit."""

    def __post_init__(self) -> None:
        for name in ("similarity_threshold", "move_similarity"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise UsageError(f"option {name} must be between 0 and 1, not {value}")
        if self.diff_effort < 1:
            raise UsageError(f"option diff_effort must be at least 1, not {self.diff_effort}")
        if self.move_min_words < 1:
            raise UsageError(f"option move_min_words must be at least 1, not {self.move_min_words}")

    @property
    def normalizes(self) -> bool:
        """Whether any option makes texts that differ compare as equal."""
        return (
            self.ignore_case
            or self.ignore_whitespace
            or self.ignore_punctuation
            or self.fold_typography
        )

    def with_changes(self, **changes: Any) -> CompareOptions:
        """A copy with some options replaced; unknown names are a UsageError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise UsageError(f"unknown comparison option(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON values."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
