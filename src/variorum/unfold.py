"""Kept runs unfolded: a replacement that hides identical text is cut around it.

diff-match-patch's semantic cleanup folds an equality into the edits around it when
the edits on both sides are longer, then looks again at the equality before it; on
a rewritten paragraph this cascade swallows whole clauses that stayed, and a reader
sees them as deleted and inserted. A minimal diff does not find them either: it
prefers many scattered shared words (``the``, ``of``, spaces) to one clause that
stayed but changed its place in the paragraph. So each replacement that could hide a
kept run (``cleanup.holds_kept_run``) is searched for runs of ``KEPT_RUN_WORDS``
words found once on each side, in the same order (as patience diff anchors on unique
lines); the replacement is cut at them and each stretch between them diffed and
cleaned on its own. A sentence end or line break that stayed is found the same way,
in the minimal diff of what is still replaced.

>>> from variorum.compare import compare
>>> old = "Context matters. We remove content and work with the police when there is a risk."
>>> new = "We remove content and work with the police when there is a risk. Context helps."
>>> [text for op, text in compare(old, new).segments() if op == "="]
['We remove content and work with the police when there is a risk.', '\\n']
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from variorum.align import _longest_increasing
from variorum.cleanup import KEPT_RUN_WORDS, clean, holds_kept_run
from variorum.comparison import Op, OpKind
from variorum.diff import diff_spans
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import WORD_PATTERN, count_words

Run = tuple[Span, Span]
"""Identical text in the old and the new version: its old span and its new span."""


def unfold_kept_runs(
    ops: Sequence[Op], old_text: str, new_text: str, options: CompareOptions
) -> tuple[Op, ...]:
    """``ops`` with every replacement that folded a kept run cut around it (and the
    row cleaned again); ``ops`` as they are when none did, the common case."""
    if not any(_may_hide(op, old_text, new_text) for op in ops):
        return tuple(ops)
    out: list[Op] = []
    for op in ops:
        if not _may_hide(op, old_text, new_text) or _too_large(op, old_text, new_text, options):
            out.append(op)
            continue
        for piece in _cut(
            op, _shared_runs(old_text, op.old, new_text, op.new), old_text, new_text, options
        ):
            if _may_hide(piece, old_text, new_text):
                out.extend(
                    _cut(
                        piece,
                        _minimal_runs(piece, old_text, new_text, options),
                        old_text,
                        new_text,
                        options,
                    )
                )
            else:
                out.append(piece)
    return tuple(clean(out, old_text, new_text))


def _may_hide(op: Op, old_text: str, new_text: str) -> bool:
    """Whether a kept run could lie inside ``op``: a replacement whose two sides each
    hold one (a cheap test that spares most replacements any search)."""
    return (
        op.kind is OpKind.REPLACE
        and holds_kept_run(old_text, op.old.start, op.old.end)
        and holds_kept_run(new_text, op.new.start, op.new.end)
    )


def _too_large(op: Op, old_text: str, new_text: str, options: CompareOptions) -> bool:
    limit = options.kept_run_max_words
    return (
        count_words(old_text, op.old.start, op.old.end) > limit
        or count_words(new_text, op.new.start, op.new.end) > limit
    )


def _cut(
    op: Op, runs: list[Run], old_text: str, new_text: str, options: CompareOptions
) -> list[Op]:
    """``op`` as the ``runs`` (in order, inside it) kept equal and the stretches
    between them diffed with the semantic cleanup."""
    if not runs:
        return [op]
    out: list[Op] = []
    old_at, new_at = op.old.start, op.new.start
    for old, new in [*runs, (Span(op.old.end, op.old.end), Span(op.new.end, op.new.end))]:
        out += diff_spans(
            old_text, Span(old_at, old.start), new_text, Span(new_at, new.start), options
        )
        if old or new:
            out.append(Op(OpKind.EQUAL, old, new))
        old_at, new_at = old.end, new.end
    return out


def _shared_runs(old_text: str, old: Span, new_text: str, new: Span) -> list[Run]:
    """Runs of at least ``KEPT_RUN_WORDS`` words identical in ``old`` and ``new``, in
    an order both sides share: anchored on word sequences that occur as often on each
    side (the longest chain of them), then searched again between the anchors, where
    a sequence repeated in the whole may occur once (as patience diff recurses)."""
    old_words = _word_spans(old_text, old)
    new_words = _word_spans(new_text, new)
    runs: list[Run] = []
    gaps = [(0, len(old_words), 0, len(new_words))]
    while gaps:
        i0, i1, j0, j1 = gaps.pop()
        found = _anchor_runs(old_text, old_words[i0:i1], new_text, new_words[j0:j1])
        for a0, b0, a1, b1 in found:
            runs.append((
                Span(old_words[i0 + a0][0], old_words[i0 + a1][1]),
                Span(new_words[j0 + b0][0], new_words[j0 + b1][1]),
            ))  # fmt: skip
        bounds = [(-1, -1, -1, -1), *found, (i1 - i0, j1 - j0, i1 - i0, j1 - j0)]
        for (_, _, a1, b1), (a0, b0, _, _) in itertools.pairwise(bounds):
            if found and a0 - a1 > KEPT_RUN_WORDS and b0 - b1 > KEPT_RUN_WORDS:
                gaps.append((i0 + a1 + 1, i0 + a0, j0 + b1 + 1, j0 + b0))
    return sorted(runs)


def _anchor_runs(
    old_text: str, old_words: list[tuple[int, int]], new_text: str, new_words: list[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Shared runs of words as (first old word, first new word, last old word, last new
    word): word sequences of ``KEPT_RUN_WORDS`` found as often on each side, the k-th
    on one side paired with the k-th on the other, the longest chain in order of both,
    overlapping ones joined."""
    old_at = _shingles(old_text, old_words)
    new_at = _shingles(new_text, new_words)
    pairs = sorted(
        pair
        for key, places in old_at.items()
        if len(places) == len(new_at.get(key, ()))
        for pair in zip(places, new_at[key], strict=True)
    )
    last = KEPT_RUN_WORDS - 1
    runs: list[tuple[int, int, int, int]] = []
    for i, j in _longest_increasing(pairs):
        if runs:
            i0, j0, i1, j1 = runs[-1]
            if i - (i1 - last) == j - (j1 - last) and i <= i1:
                runs[-1] = (i0, j0, i + last, j + last)  # overlapping: one longer run
                continue
            if i <= i1 or j <= j1:
                continue  # shares words with the run before, on another alignment
        runs.append((i, j, i + last, j + last))
    return runs


def _word_spans(text: str, span: Span) -> list[tuple[int, int]]:
    return [match.span() for match in WORD_PATTERN.finditer(text, span.start, span.end)]


def _shingles(text: str, words: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Where each text of ``KEPT_RUN_WORDS`` consecutive words (with what stands
    between them) starts, as indexes of its first word."""
    found: dict[str, list[int]] = {}
    last = KEPT_RUN_WORDS - 1
    for index in range(len(words) - last):
        found.setdefault(text[words[index][0] : words[index + last][1]], []).append(index)
    return found


def _minimal_runs(op: Op, old_text: str, new_text: str, options: CompareOptions) -> list[Run]:
    """The kept runs (a sentence end or a line break, mostly) among the equalities of
    the minimal diff of ``op``."""
    minimal = diff_spans(old_text, op.old, new_text, op.new, options, semantic=False)
    return [
        (step.old, step.new)
        for step in minimal
        if step.kind is OpKind.EQUAL and holds_kept_run(new_text, step.new.start, step.new.end)
    ]
