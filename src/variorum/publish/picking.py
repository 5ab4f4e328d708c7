"""Any two versions in the published page: the steps embedded once, for the page to
compose the redline of a pair it does not publish.

    first version's text + each step (kept ranges, pieces) --page script--> any pair

Publishing every pair would take a number of redlines quadratic in the versions (some
120,000 for a 491-version policy). Instead the page holds the first version's text and,
for each step, what the next version kept of the one before: the copies of
``blame.kept_ranges`` (the engine's alignment through moves and renumbering, as
provenance reads it) and the new text as pieces, copied ranges and the written text.
Its size follows the changes, not the number of pairs. The page rebuilds the two
versions picked and follows each character of the newer back through the steps
between them: what stayed is plain, what is not from the older one inserted, what of
the older one did not reach the newer one deleted: the same alignment provenance
reads, composed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from variorum.comparison import Comparison
from variorum.history.blame import kept_ranges

Piece = list[int] | str
"""A piece of a version's text: ``[start, end]`` copied from the version before, or
text written in it."""


def step_data(comparisons: Sequence[Comparison]) -> str:
    """The steps as the page's script reads them (JSON, safe inside ``<script>``):
    ``{"first": text, "steps": [{"kept": [...], "pieces": [...]}, ...]}``."""
    steps = []
    for comparison in comparisons:
        kept = _checked(comparison, kept_ranges(comparison))
        steps.append({"kept": kept, "pieces": pieces(comparison.new.text, kept)})
    data = {"first": comparisons[0].old.text if comparisons else "", "steps": steps}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _checked(comparison: Comparison, kept: Sequence[int]) -> list[int]:
    """The copies of ``kept`` whose two ends hold the same text (the page rebuilds the
    new text from them)."""
    old, new = comparison.old.text, comparison.new.text
    out: list[int] = []
    for at in range(0, len(kept), 4):
        old_start, old_end, new_start, new_end = kept[at : at + 4]
        if old[old_start:old_end] == new[new_start:new_end]:
            out.extend((old_start, old_end, new_start, new_end))
    return out


def pieces(new: str, kept: Sequence[int]) -> list[Piece]:
    """``new`` as copies from the version before (any copy that covers a character
    will do: their texts are equal) and the text between them."""
    copies = sorted((kept[at + 2], kept[at + 3], kept[at]) for at in range(0, len(kept), 4))
    out: list[Piece] = []
    done = 0
    for new_start, new_end, old_start in copies:
        if new_end <= done:
            continue
        start = max(new_start, done)
        if start > done:
            out.append(new[done:start])
        shift = old_start - new_start
        out.append([start + shift, new_end + shift])
        done = new_end
    if done < len(new):
        out.append(new[done:])
    return out
