"""A document's life: every version with its date and what changed since the one before.

versions 0..n --step summaries (history.steps, kept in the project)--> one step a
version: date, words, change
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from variorum.compare import compare
from variorum.comparison import Comparison, Stats
from variorum.history.steps import StepSummary, step_summaries
from variorum.project import Project
from variorum.tokens import count_words


@dataclass(frozen=True, slots=True)
class Step:
    """One version in the timeline."""

    label: str
    date: str
    source: str
    """Where it came from (the commit id, for an import from git)."""
    words: int
    """Words of the version."""
    change: Stats | None
    """Words inserted, deleted and moved since the version before (None for the first)."""
    blocks_changed: int = 0
    """Blocks that changed since the version before."""

    def to_dict(self) -> dict[str, object]:
        change = self.change
        return {
            "label": self.label,
            "date": self.date,
            "source": self.source,
            "words": self.words,
            "inserted": change.words_inserted if change else None,
            "deleted": change.words_deleted if change else None,
            "moved": change.words_moved if change else None,
            "blocks_changed": self.blocks_changed if change else None,
        }


def consecutive(project: Project) -> list[Comparison]:
    """The comparison of each version with the one after it."""
    documents = list(project.documents().values())
    return [compare(old, new) for old, new in itertools.pairwise(documents)]


def timeline(project: Project, summaries: Sequence[StepSummary] | None = None) -> list[Step]:
    """Every version of ``project``, oldest first, with the change since the one before;
    ``summaries`` of its steps, if already read (``history.steps``)."""
    summaries = step_summaries(project) if summaries is None else summaries
    steps = []
    for index, version in enumerate(project.versions):
        before = summaries[index - 1] if index else None
        if before:
            words = before.new_words
        elif summaries:
            words = summaries[0].old_words
        else:
            words = count_words(project.document(version.label).text)
        steps.append(
            Step(
                version.label,
                version.date,
                version.source,
                words,
                before.stats if before else None,
                before.blocks_changed if before else 0,
            )
        )
    return steps
