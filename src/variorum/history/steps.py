"""The comparison of each version with the next, made once and kept in the project.

    two versions' files --SHA-256 of their bytes and format--> key
    key --.variorum-cache/steps/<key>.json--> StepSummary (or compare, then keep it)

The timeline and provenance need only a summary of each step: the words changed, the
blocks changed, the two versions' lengths and word counts, and the text the new one
kept (``blame.kept_ranges``, whose size follows the changes, not the document). A
summary is named by the content digest of the two versions it compares and by this
library's version, so that renaming, re-dating or reordering versions reuses it and a
new release of the comparison makes it again. A file that cannot be read as a summary
is made again too.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version as installed
from itertools import pairwise
from pathlib import Path

from variorum.compare import compare
from variorum.comparison import Comparison, Stats
from variorum.document import Document
from variorum.history.blame import kept_ranges
from variorum.output import write_atomically
from variorum.project import Project, Version
from variorum.tokens import count_words

CACHE_DIR = ".variorum-cache/steps"
"""Where a project keeps its step summaries, relative to its folder."""


@dataclass(frozen=True, slots=True)
class StepSummary:
    """What the timeline and provenance need of one consecutive comparison."""

    stats: Stats
    blocks_changed: int
    old_length: int
    new_length: int
    """Characters of each version's text."""
    old_words: int
    new_words: int
    kept: array[int]
    """The new version's text the old one had (``blame.kept_ranges``)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "inserted": self.stats.words_inserted,
            "deleted": self.stats.words_deleted,
            "moved": self.stats.words_moved,
            "blocks_changed": self.blocks_changed,
            "lengths": [self.old_length, self.new_length],
            "words": [self.old_words, self.new_words],
            "kept": self.kept.tolist(),
        }

    @classmethod
    def from_dict(cls, data: object) -> StepSummary:
        """The summary ``to_dict`` wrote; ValueError if ``data`` is not one."""
        if not isinstance(data, dict):
            raise ValueError("not a step summary")
        lengths, words = _ints(data.get("lengths")), _ints(data.get("words"))
        kept = _ints(data.get("kept"))
        names = ("inserted", "deleted", "moved", "blocks_changed")
        inserted, deleted, moved, blocks = _ints([data.get(name) for name in names])
        if len(lengths) != 2 or len(words) != 2 or len(kept) % 4:
            raise ValueError("not a step summary")
        return cls(
            Stats(inserted, deleted, moved), blocks,
            lengths[0], lengths[1], words[0], words[1], array("i", kept),
        )  # fmt: skip


def _ints(value: object) -> list[int]:
    """``value`` if it is a list of integers; ValueError if not."""
    if not isinstance(value, list) or not all(type(item) is int for item in value):
        raise ValueError("not a list of integers")
    return value


def summarize(comparison: Comparison, old_words: int | None = None) -> StepSummary:
    """The summary of one comparison; ``old_words``, the old version's words if already
    counted (counting walks the whole text: a walk through the history counts each
    version once)."""
    old, new = comparison.old.text, comparison.new.text
    return StepSummary(
        comparison.stats,
        sum(1 for _ in comparison.changes()),
        len(old), len(new), count_words(old) if old_words is None else old_words,
        count_words(new), kept_ranges(comparison),
    )  # fmt: skip


def step_summaries(project: Project) -> list[StepSummary]:
    """The summary of each consecutive pair of ``project``'s versions, oldest first:
    read from the project's cache, or made and kept there."""
    versions = project.versions
    digests = [_digest(project.folder, version) for version in versions]
    cache = project.folder / CACHE_DIR
    out: list[StepSummary] = []
    held: dict[str, Document] = {}  # the last version read, which the next step compares
    for (old, new), (before, after) in zip(pairwise(versions), pairwise(digests), strict=True):
        path = cache / f"{_key(before, after)}.json"
        summary = _read(path)
        if summary is None:
            older = held.get(old.label) or project.read_document(old.label)
            held = {new.label: project.read_document(new.label)}
            summary = summarize(compare(older, held[new.label]), out[-1].new_words if out else None)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, json.dumps(summary.to_dict(), separators=(",", ":")))
        out.append(summary)
    return out


def _digest(folder: Path, version: Version) -> str:
    """The SHA-256 of a version's file, with its format."""
    data = (folder / version.file).read_bytes()
    return hashlib.sha256(data).hexdigest() + ":" + version.format


def _key(before: str, after: str) -> str:
    return hashlib.sha256(f"{_release()}\n{before}\n{after}".encode()).hexdigest()


@cache
def _release() -> str:
    return installed("variorum")


def _read(path: Path) -> StepSummary | None:
    try:
        return StepSummary.from_dict(json.loads(path.read_bytes()))
    except (OSError, ValueError, RecursionError):
        return None
