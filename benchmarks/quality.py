"""What a reader would object to in one Comparison, counted (issue 13).

    Comparison --rows and ops--> shared runs inside replacements, confetti, moves,
    pairs below a similarity floor, deletions and insertions that look like one edit

Every count reads only the public model (rows, their kinds, blocks and ops), so the
same code measures any engine that produces a ``Comparison``. Rows that stand where
moved text left (``moved-from``) are skipped where ops are counted: they share their
ops with the ``moved-to`` row at the other end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel

from shared_runs import shared_run, words_and_separators
from variorum.comparison import Comparison, Op, OpKind, Row, RowKind
from variorum.tokens import WORD_PATTERN, count_words

RUN_WORDS = 5
"""A replacement holding a shared run of this many words hides a kept phrase (issue 13)."""
RULE_WORDS = 4
"""The engine's new rule: never fold an identical run of this many words, or one
holding a sentence end (of at least two words)."""
CONFETTI_WORDS = (1, 2)
"""An equal op of this many words between two edits is confetti."""
FLOORS = (0.2, 0.3)
"""Word similarities below which a changed, split or merged row is reported."""
DEFAULT_FLOOR = 0.25
"""The floor used when the engine's options name none (``pair_similarity_floor``)."""
MISSED_PAIRING = 0.5
"""A deleted and an inserted row of one gap this similar should have been one edit."""
CONTAINED = 0.8
"""...or one whose words are at least this share of the shorter row's words, in order
(the longest common subsequence of words over the shorter row's words)..."""
CONTAINED_MIN_WORDS = 8
"""...when the shorter row holds at least this many words (a heading of two words is
contained in many paragraphs)."""
EDITS = frozenset({OpKind.INSERT, OpKind.DELETE, OpKind.REPLACE})
"""Op kinds that change words (a renumbered label is not an edit here)."""
EDITED_ROWS = frozenset({RowKind.CHANGED, RowKind.SPLIT, RowKind.MERGED})


@dataclass(slots=True)
class Finding:
    """One place to look at: a row of a pair and what was found there."""

    row: str
    """The row's id, ``c-N``, as permalinks name it."""
    size: float
    """How bad it is: words of a shared run, a similarity, a count."""
    detail: str = ""
    weight: int = 0
    """Words involved, to rank findings of equal size."""


@dataclass(slots=True)
class PairQuality:
    """The counts of one pair; ``findings`` keeps the rows behind them per metric."""

    replacements: int = 0
    run5: int = 0
    run4_or_sentence: int = 0
    longest_run: int = 0
    confetti: int = 0
    confetti_of_words: int = 0
    """Confetti between two edits that each change a word: not the word kept between
    marks changed on both sides (``{+### +}Youth Safety[------]``, ``[-**-]Entheogens[-**-]``)."""
    changed_words: int = 0
    moves: int = 0
    edited_moves: int = 0
    edited_moves_words: int = 0
    edited_rows: int = 0
    below: dict[str, int] = field(default_factory=dict)
    below_engine_floor: int = 0
    """Rows below the engine's own floor (``pair_floor``) that are not the lone old and
    new block of their gap, the one pairing the floor does not bind."""
    missed_pairings: int = 0
    missed_contained: int = 0
    findings: dict[str, list[Finding]] = field(default_factory=dict)

    def note(self, metric: str, finding: Finding) -> None:
        self.findings.setdefault(metric, []).append(finding)


def assess(comparison: Comparison, floors: Sequence[float]) -> PairQuality:
    """Every count of issue 13 on one comparison."""
    quality = PairQuality(below={_floor_key(floor): 0 for floor in floors})
    stats = comparison.stats
    quality.changed_words = stats.words_inserted + stats.words_deleted
    _replacements(comparison, quality)
    _confetti(comparison, quality)
    _moves(comparison, quality)
    _floors(comparison, quality, floors)
    _missed_pairings(comparison, quality)
    return quality


def _floor_key(floor: float) -> str:
    return f"{floor:g}"


def _op_rows(comparison: Comparison) -> Iterator[Row]:
    """Rows whose ops a reader sees (each move's ops once, where the text arrived)."""
    return (row for row in comparison.rows if row.kind is not RowKind.MOVED_FROM)


# replacements holding a shared run ------------------------------------------------------


def replacements(ops: Sequence[Op]) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """The old and new extents of each replacement: a maximal stretch of consecutive
    edit ops (a REPLACE, or deletions and insertions side by side) with text on both
    sides."""
    group: list[Op] = []
    for op in [*ops, None]:
        if op is not None and op.kind in EDITS:
            group.append(op)
            continue
        if group:
            old = (min(o.old.start for o in group), max(o.old.end for o in group))
            new = (min(o.new.start for o in group), max(o.new.end for o in group))
            if old[1] > old[0] and new[1] > new[0]:
                yield old, new
            group = []


def _replacements(comparison: Comparison, quality: PairQuality) -> None:
    old_text, new_text = comparison.old.text, comparison.new.text
    for row in _op_rows(comparison):
        for (o1, o2), (n1, n2) in replacements(row.ops):
            old_words = words_and_separators(old_text, o1, o2)
            new_words = words_and_separators(new_text, n1, n2)
            if not old_words or not new_words:
                continue
            quality.replacements += 1
            run = shared_run(old_words, new_words)
            quality.longest_run = max(quality.longest_run, run.words)
            if run.words >= RUN_WORDS:
                quality.run5 += 1
                quality.note("run5", Finding(f"c-{row.index}", run.words, run.text))
            if run.words >= RULE_WORDS or run.sentence_end:
                quality.run4_or_sentence += 1


# confetti ----------------------------------------------------------------------------


def _confetti(comparison: Comparison, quality: PairQuality) -> None:
    """Equal ops of one or two words standing between two edits of the same row."""
    low, high = CONFETTI_WORDS
    text = comparison.old.text
    for row in _op_rows(comparison):
        ops = row.ops
        found = 0
        for before, op, after in zip(ops, ops[1:], ops[2:], strict=False):
            if op.kind is OpKind.EQUAL and before.kind in EDITS and after.kind in EDITS:
                words = count_words(text, op.old.start, op.old.end)
                if low <= words <= high:
                    found += 1
                    quality.confetti_of_words += _changes_words(
                        comparison, before
                    ) and _changes_words(comparison, after)
        if found:
            quality.confetti += found
            quality.note("confetti", Finding(f"c-{row.index}", found))


def _changes_words(comparison: Comparison, op: Op) -> bool:
    """Whether an edit deletes or inserts a word (not marks or spaces only)."""
    old, new = comparison.old.text, comparison.new.text
    deleted = count_words(old, op.old.start, op.old.end)
    return bool(deleted or count_words(new, op.new.start, op.new.end))


# moves -------------------------------------------------------------------------------


def _moves(comparison: Comparison, quality: PairQuality) -> None:
    for row in comparison.rows:
        if row.kind is not RowKind.MOVED_TO:
            continue
        quality.moves += 1
        if any(op.kind is not OpKind.EQUAL for op in row.ops):
            quality.edited_moves += 1
            words = row.stats.words_inserted + row.stats.words_deleted
            quality.edited_moves_words += words > 0
            quality.note("edited_moves", Finding(f"c-{row.index}", words))


# similarity of paired rows --------------------------------------------------------------


class _Words:
    """Block bodies as strings of one character a word (casefolded), as the engine's
    ``similarity`` scores them: rapidfuzz's Indel ratio then counts words."""

    def __init__(self, comparison: Comparison) -> None:
        self.docs = (comparison.old, comparison.new)
        self.codes: dict[str, str] = {}

    def of(self, side: int, blocks: range) -> str:
        doc = self.docs[side]
        out: list[str] = []
        for index in blocks:
            body = doc.blocks[index].body
            for word in WORD_PATTERN.findall(doc.text[body.start : body.end].casefold()):
                code = self.codes.get(word)
                if code is None:
                    code = self.codes[word] = _code_point(len(self.codes))
                out.append(code)
        return "".join(out)


def _code_point(number: int) -> str:
    number += 0x100
    return chr(number + 0x800 if number >= 0xD800 else number)


def similarity(old: str, new: str) -> float:
    """Word-level Indel similarity (0-1) of two encoded word strings."""
    return float(Indel.normalized_similarity(old, new))


def _floors(comparison: Comparison, quality: PairQuality, floors: Sequence[float]) -> None:
    words = _Words(comparison)
    engine_floor = getattr(comparison.options, "pair_floor", None)
    rows = comparison.rows
    for index, row in enumerate(rows):
        if row.kind not in EDITED_ROWS:
            continue
        quality.edited_rows += 1
        old, new = words.of(0, row.old_blocks), words.of(1, row.new_blocks)
        score = similarity(old, new)
        if engine_floor is not None and score < engine_floor and not _lone(rows, index):
            quality.below_engine_floor += 1
            detail = f"{row.kind.value}, {len(old)} / {len(new)} words"
            weight = len(old) + len(new)
            quality.note("below_engine", Finding(f"c-{row.index}", score, detail, weight))
        for floor in floors:
            if score < floor:
                quality.below[_floor_key(floor)] += 1
        if score < max(floors):
            detail = f"{row.kind.value}, {len(old)} / {len(new)} words"
            quality.note("below", Finding(f"c-{row.index}", score, detail, len(old) + len(new)))


def _lone(rows: Sequence[Row], index: int) -> bool:
    """Whether the row is the only one between two unchanged rows (or an end): the
    lone old and new block of a gap."""
    unchanged = (RowKind.EQUAL, RowKind.RENUMBERED)
    before = index == 0 or rows[index - 1].kind in unchanged
    after = index == len(rows) - 1 or rows[index + 1].kind in unchanged
    return before and after and len(rows[index].old_blocks) == len(rows[index].new_blocks) == 1


# deletions and insertions that look like one edit ------------------------------------------


def _missed_pairings(comparison: Comparison, quality: PairQuality) -> None:
    """In each gap (consecutive deleted and inserted rows), deleted rows with an
    inserted row at least ``MISSED_PAIRING`` similar."""
    words = _Words(comparison)
    for gap in _gaps(comparison.rows):
        deleted = [row for row in gap if row.kind is RowKind.DELETED]
        inserted = [row for row in gap if row.kind is RowKind.INSERTED]
        if not deleted or not inserted:
            continue
        choices = [words.of(1, row.new_blocks) for row in inserted]
        for row in deleted:
            query = words.of(0, row.old_blocks)
            if not query:
                continue
            best = process.extractOne(
                query, choices, scorer=Indel.normalized_similarity, score_cutoff=MISSED_PAIRING
            )
            if best is not None:
                quality.missed_pairings += 1
                partner = inserted[best[2]]
                detail = f"c-{row.index} ~ c-{partner.index}, {len(query)} / {len(best[0])} words"
                quality.note("missed", Finding(f"c-{row.index}", float(best[1]), detail))
            found = _contained(query, choices)
            if found is not None:
                quality.missed_contained += 1
                share, k = found
                partner = inserted[k]
                detail = (
                    f"c-{row.index} ~ c-{partner.index}, {len(query)} / {len(choices[k])} words"
                )
                shorter = min(len(query), len(choices[k]))
                quality.note("contained", Finding(f"c-{row.index}", share, detail, shorter))


def containment(old: str, new: str) -> float:
    """Words of the longest common subsequence over the shorter side's words (0-1)."""
    shorter = min(len(old), len(new))
    if not shorter:
        return 0.0
    common = (len(old) + len(new) - Indel.distance(old, new)) // 2
    return common / shorter


def _contained(query: str, choices: list[str]) -> tuple[float, int] | None:
    """The best containment of ``query`` and one of ``choices`` (with its position) if it
    reaches ``CONTAINED`` on a shorter side of ``CONTAINED_MIN_WORDS`` words or more."""
    best: tuple[float, int] | None = None
    for k, choice in enumerate(choices):
        if min(len(query), len(choice)) < CONTAINED_MIN_WORDS:
            continue
        share = containment(query, choice)
        if share >= CONTAINED and (best is None or share > best[0]):
            best = (share, k)
    return best


def _gaps(rows: Sequence[Row]) -> Iterator[list[Row]]:
    """Maximal runs of consecutive deleted and inserted rows."""
    gap: list[Row] = []
    for row in [*rows, None]:
        if row is not None and row.kind in (RowKind.DELETED, RowKind.INSERTED):
            gap.append(row)
        elif gap:
            yield gap
            gap = []
