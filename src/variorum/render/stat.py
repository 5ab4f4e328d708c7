"""``--stat``: words inserted, deleted and moved per changed block, and in total."""

from __future__ import annotations

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import LinkKind
from variorum.render import register
from variorum.render.html import KIND_LABELS
from variorum.render.pieces import readable_text
from variorum.render.terminal import summary

PREVIEW = 48
"""Characters of each block's text shown beside its numbers."""


@register("stat")
def render_stat(comparison: Comparison) -> str:
    """A table of changed blocks with word counts, and a total line."""
    lines = [f"{'row':>6}  {'kind':<11} {'+words':>7} {'-words':>7} {'moved':>6}  text"]
    for row in comparison.changes():
        span = row.old if row.kind in (RowKind.DELETED, RowKind.MOVED_FROM) else row.new
        doc = comparison.old if span is row.old else comparison.new
        preview = " ".join(readable_text(doc, span.start, span.of(doc.text)).split())
        if len(preview) > PREVIEW:
            preview = preview[: PREVIEW - 1] + "…"
        stats = row.stats
        kind = KIND_LABELS[row.kind] if row.changed else _beside_words(comparison, row)
        inserted, deleted = f"{stats.words_inserted}", f"{stats.words_deleted}"
        if row.kind is RowKind.MOVED_FROM:
            inserted = deleted = "·"  # the edit of moved text is counted where it arrived
        lines.append(
            f"{'c-' + str(row.index):>6}  {kind:<11} {inserted:>7} "
            f"{deleted:>7} {stats.words_moved:>6}  {preview}"
        )
    lines.append(summary(comparison))
    return "\n".join(lines) + "\n"


def _beside_words(comparison: Comparison, row: Row) -> str:
    """The kind of a row whose words did not change: ``images`` if only images' sources
    changed in it, ``links`` otherwise."""
    kinds = {change.kind for change in comparison.row_link_changes(row)}
    return "images" if kinds == {LinkKind.IMAGE} else "links"
