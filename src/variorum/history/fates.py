"""What became of each note across the whole history: the version where its passage
was first changed, moved or deleted.

    consecutive comparisons --carry (annotations.carry), one step at a time--> a Fate a note

A note made on version k is carried to k+1, then, re-attached to its passage there, to
k+2, and so on to the last version, in one pass over the steps: every note on a version
is carried together through the comparison of that version with the next. A note stops
where its passage is deleted (or cannot be found on its own version: orphaned). Notes on
a change between two versions belong to that pair and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from variorum.annotations.carry import Carried, CarryStatus, carry
from variorum.annotations.model import Annotation, Target
from variorum.comparison import Comparison


@dataclass(frozen=True, slots=True)
class Fate:
    """One note followed from its version to the last."""

    annotation: Annotation
    version: str
    """The version it was made on."""
    changed_in: str = ""
    """The first later version in which its words read differently ("" if none)."""
    changed_to: str = ""
    """What they read there."""
    moved_in: str = ""
    """The first later version in which its passage moved elsewhere ("" if none)."""
    deleted_in: str = ""
    """The version that no longer has its passage ("" if the last one does)."""
    orphaned: bool = False
    """Its passage is not found even on its own version."""

    def to_dict(self) -> dict[str, object]:
        target = self.annotation.target
        return {
            "id": self.annotation.id,
            "version": self.version,
            "quote": target.quote.exact if isinstance(target, Target) else "",
            "changed_in": self.changed_in or None,
            "changed_to": self.changed_to if self.changed_in else None,
            "moved_in": self.moved_in or None,
            "deleted_in": self.deleted_in or None,
            "orphaned": self.orphaned,
        }


def note_fates(annotations: Sequence[Annotation], comparisons: Sequence[Comparison]) -> list[Fate]:
    """The fate of each note on a single version, in the order of ``annotations``;
    ``comparisons`` of each consecutive pair of the project's versions, oldest first."""
    labels = [c.old.version for c in comparisons[:1]] + [c.new.version for c in comparisons]
    fates = {
        note.id: Fate(note, note.target.version)
        for note in annotations
        if isinstance(note.target, Target) and note.target.version in labels
    }
    walking: dict[str, Annotation] = {}  # each note still followed, as on the current version
    for comparison in comparisons:
        version = comparison.old.version
        walking |= {key: fate.annotation for key, fate in fates.items() if fate.version == version}
        results = carry(walking.values(), comparison)
        walking = {}
        for result in results:
            key = result.annotation.id
            fates[key] = _after(fates[key], result, comparison.new.version)
            target = result.target_in(comparison.new)
            if target is not None:
                walking[key] = replace(result.annotation, target=target)
    return [fates[note.id] for note in annotations if note.id in fates]


def _after(fate: Fate, result: Carried, version: str) -> Fate:
    """``fate`` once its note is carried into ``version``."""
    status = result.status
    if status is CarryStatus.ORPHANED:  # only on its own version: a carried note has its span
        return replace(fate, orphaned=True)
    if status is CarryStatus.DELETED:
        return replace(fate, deleted_in=version)
    if status is CarryStatus.MOVED and not fate.moved_in:
        fate = replace(fate, moved_in=version)
    if result.wording_changed and not fate.changed_in:
        fate = replace(fate, changed_in=version, changed_to=result.new_text)
    return fate
