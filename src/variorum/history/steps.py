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
from variorum.comparison import Comparison, RowKind, Stats
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
    counted, so that the new one's are counted in the changed rows alone (a walk
    through the history counts the whole text of its first version only)."""
    old, new = comparison.old.text, comparison.new.text
    if old_words is None:
        old_words = count_words(old)
    return StepSummary(
        comparison.stats,
        comparison.block_counts()[0],
        len(old), len(new), old_words, old_words + _words_gained(comparison),
        kept_ranges(comparison),
    )  # fmt: skip


def _words_gained(comparison: Comparison) -> int:
    """Words of the new text less those of the old, counted in the rows whose texts
    differ: equal rows hold as many words on each side. The rows tile both texts, a
    moved row's old side standing for the old text, its other end's new side for the
    new (each moved row names both)."""
    old, new = comparison.old.text, comparison.new.text
    gained = 0
    for row in comparison.rows:
        if row.kind is RowKind.EQUAL and len(row.old) == len(row.new):
            continue
        if row.kind is not RowKind.MOVED_FROM:
            gained += count_words(new, row.new.start, row.new.end)
        if row.kind is not RowKind.MOVED_TO:
            gained -= count_words(old, row.old.start, row.old.end)
    return gained


def step_summaries(project: Project) -> list[StepSummary]:
    """The summary of each consecutive pair of ``project``'s versions, oldest first:
    read from the project's cache, or made and kept there. Each version a missing step
    needs is read once (the newer side of one step is the older side of the next)."""
    versions = project.versions
    digests = [_digest(project.folder, version) for version in versions]
    cache = project.folder / CACHE_DIR
    paths = [cache / f"{_key(before, after)}.json" for before, after in pairwise(digests)]
    known = [_read(path) for path in paths]
    needed = sorted({at for step, summary in enumerate(known) if summary is None
                     for at in (step, step + 1)})  # fmt: skip
    if not needed:  # all kept: no parser is loaded
        return [summary for summary in known if summary is not None]
    documents = project.read_documents(versions[at].label for at in needed)
    held: tuple[int, Document | None] = (-1, None)  # the last version read, and its index
    for at, document in zip(needed, documents, strict=True):
        step = at - 1
        if held[0] == step and held[1] is not None and known[step] is None:
            before = known[step - 1] if step else None
            words = before.new_words if before else None
            summary = summarize(compare(held[1], document), words)
            paths[step].parent.mkdir(parents=True, exist_ok=True)
            write_atomically(paths[step], json.dumps(summary.to_dict(), separators=(",", ":")))
            known[step] = summary
        held = (at, document)
    return [summary for summary in known if summary is not None]


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
