"""The ops of one row, and the rows no pass after the word diff changes, made whole.

block pair --row_ops--> ops --settled?--> done | unfolding passes (``pipeline``)

Most edited rows of a document edited in places are one edit between two equalities
that no pass after the word diff can change (``settled``). ``settled_rows`` makes such
a row's spans, ops, kind and statistics in one step, and leaves every other row to
``pipeline._RowBuilder``'s passes: its compiled twin, ``_wordops.settled_rows``, makes
them without a Python call a step (2,300 rows of the large pair; 20 µs a row before).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from functools import partial

from variorum.compare.cleanup import SENTENCE_END, clean
from variorum.compare.diff import diff_spans
from variorum.compare.moved_sentences import sentence_shift
from variorum.compare.unfold import PREFILTERED_CHARS
from variorum.compare.unpair import kept_words
from variorum.comparison import NO_CHANGE, Op, OpKind, Row, RowKind, row_stats
from variorum.document import LABEL_START, RECORD, SPAN_END, Span
from variorum.options import CompareOptions
from variorum.tokens import share_word

EQUAL, INSERT, DELETE, REPLACE = OpKind.EQUAL, OpKind.INSERT, OpKind.DELETE, OpKind.REPLACE


def settled_rows(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    old_bounds: array[int],
    new_bounds: array[int],
    options: CompareOptions,
) -> Callable[[int, range, range], Row | None]:
    """``settled_row`` of two Documents' texts, block ``records`` and region ``bounds``
    (``Document.region``), for options that normalize nothing, on texts without
    pictures (``pictures.keyed_texts``), not ``blocks_only``. The compiled twin
    (``_wordops.settled_rows``) gives the same.

    >>> from variorum.ingest import parse_text
    >>> old, new = parse_text("We keep data."), parse_text("We keep records.")
    >>> made = settled_rows(old.text, new.text, old.blocks.records, new.blocks.records,
    ...                     old.region_bounds, new.region_bounds, CompareOptions())
    >>> row = made(0, range(0, 1), range(0, 1))
    >>> [(op.kind.value, op.new.of(new.text).strip()) for op in row.ops], row.kind.value
    ([('equal', 'We keep'), ('replace', 'records'), ('equal', '.')], 'changed')
    >>> row.stats.words_inserted, row.stats.words_deleted
    (1, 1)
    """
    return partial(
        settled_row, old_text, new_text, old_records, new_records, old_bounds, new_bounds,
        options,
    )  # fmt: skip


def settled_row(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    old_bounds: array[int],
    new_bounds: array[int],
    options: CompareOptions,
    index: int,
    old: range,
    new: range,
) -> Row | None:
    """The row (numbered ``index``) of an edited pair of runs of blocks, ``old`` and
    ``new``, as ``pipeline._RowBuilder`` makes it, if it is the common case: no numbering label
    changed (nor a bullet), its ops ``settled``, no insertion or deletion that could
    slide (``moved_sentences.slide_to_sentences``), enough words kept
    (``unpair.keeps_too_little``), no edit in the separator after its blocks
    (``_RowBuilder._kind``); else None, and the builder makes the row step by step."""
    old_span, new_span = _region(old_bounds, old), _region(new_bounds, new)
    if not _same_labels(old_text, new_text, old_records, new_records, old, new):
        return None
    ops: tuple[Op, ...]
    if _same(old_text, old_span, new_text, new_span):
        ops = (Op(EQUAL, old_span, new_span),)
    else:
        ops = row_ops(old_text, old_span, new_text, new_span, None, options)
        if not settled(ops, old_text, new_text, options) or may_slide(ops, old_text, new_text):
            return None
    enough = options.pair_kept_words
    if kept_words(ops, old_text, old_records, old.start, old.stop, enough) < enough:
        return None
    visible = [op for op in ops if op.kind is not EQUAL]
    end = old_records[(old.stop - 1) * RECORD + SPAN_END] if old else -1
    if visible and visible[-1].old.start >= end:
        return None  # (an edit in the separator after the blocks may not count)
    kind = _kind(visible, old, new)
    stats = row_stats(kind, ops, old_text, new_text)
    return Row(index, kind, old_span, new_span, old, new, ops, stats)


def equal_row(
    index: int, old_bounds: array[int], new_bounds: array[int], old: range, new: range
) -> Row:
    """The row (numbered ``index``) of runs of blocks ``old`` and ``new`` identical in
    both versions, of Documents whose ``region_bounds`` are ``old_bounds`` and
    ``new_bounds``: one equality. ``_wordops.equal_row`` is the compiled twin.

    >>> from array import array
    >>> row = equal_row(3, array("q", [0, 4]), array("q", [0, 4]), range(0, 1), range(0, 1))
    >>> row.index, row.kind.value, row.old, row.ops[0].kind.value, row.stats.words_inserted
    (3, 'equal', Span(start=0, end=4), 'equal', 0)
    """
    old_span, new_span = _region(old_bounds, old), _region(new_bounds, new)
    ops = (Op(EQUAL, old_span, new_span),)
    return Row(index, RowKind.EQUAL, old_span, new_span, old, new, ops, NO_CHANGE)


def _region(bounds: array[int], blocks: range) -> Span:
    """``Document.region`` of ``blocks``, of a Document whose ``region_bounds`` are ``bounds``."""
    last = len(bounds) - 1
    end = bounds[blocks.stop if blocks.stop < last else last]
    return Span(end, end) if blocks.start >= blocks.stop else Span(bounds[blocks.start], end)


def _same_labels(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    old: range,
    new: range,
) -> bool:
    """Whether a one-to-one pair's blocks are both unlabelled or labelled alike (no
    ``_RowBuilder._label_change``); other pairs have none to change."""
    if len(old) != 1 or len(new) != 1:
        return True
    old_at, new_at = old.start * RECORD + LABEL_START, new.start * RECORD + LABEL_START
    old_start, new_start = old_records[old_at], new_records[new_at]
    if old_start < 0 or new_start < 0:
        return old_start < 0 and new_start < 0
    old_label = Span(old_start, old_records[old_at + 1])
    return _same(old_text, old_label, new_text, Span(new_start, new_records[new_at + 1]))


def _same(old_text: str, old: Span, new_text: str, new: Span) -> bool:
    return len(old) == len(new) and old_text.startswith(new.of(new_text), old.start)


def may_slide(ops: Sequence[Op], old_text: str, new_text: str) -> bool:
    """Whether ``slide_to_sentences`` would move an insertion or deletion between two
    equalities (``sentence_shift``), or one stands at a text's very edge (where the
    rule reads characters by Python's negative indexes: left to it)."""
    last = len(ops) - 1
    for index in range(1, last):
        kind, old, new = ops[index]
        if not (kind is INSERT or kind is DELETE):
            continue
        before, after = ops[index - 1], ops[index + 1]
        if before.kind is not EQUAL or after.kind is not EQUAL:
            continue
        if kind is INSERT:
            text, span, low, high = new_text, new, before.new.start, after.new.end
        else:
            text, span, low, high = old_text, old, before.old.start, after.old.end
        if span.start < 1 or span.end >= len(text):
            return True
        if sentence_shift(text, span, low + (index > 1), high - (index + 1 < last)):
            return True
    return False


def _kind(visible: list[Op], old: range, new: range) -> RowKind:
    """``_RowBuilder._kind`` of an edited pair with these ``visible`` ops."""
    if not visible:
        return RowKind.EQUAL
    if all(op.kind is OpKind.RENUMBER for op in visible):
        return RowKind.RENUMBERED
    if len(old) == 1 and len(new) > 1:
        return RowKind.SPLIT
    if len(old) > 1 and len(new) == 1:
        return RowKind.MERGED
    return RowKind.CHANGED


def row_ops(
    old_text: str,
    old: Span,
    new_text: str,
    new: Span,
    label: tuple[Span, Span] | None,
    options: CompareOptions,
) -> tuple[Op, ...]:
    """The cleaned word-level ops of one row, ``old`` against ``new``. With a changed
    numbering ``label`` (the old label's span and the new one's), the texts before and
    after the labels are diffed apart, around one ``RENUMBER`` op.

    ``_wordops.row_ops`` is the compiled twin, for options that normalize nothing.
    """
    if label is None:
        ops = diff_spans(old_text, old, new_text, new, options)
        return tuple(clean(ops, old_text, new_text, options))
    old_label, new_label = label
    before_old, before_new = Span(old.start, old_label.start), Span(new.start, new_label.start)
    ops = diff_spans(old_text, before_old, new_text, before_new, options)
    ops.append(Op(OpKind.RENUMBER, old_label, new_label))
    after_old, after_new = Span(old_label.end, old.end), Span(new_label.end, new.end)
    ops += diff_spans(old_text, after_old, new_text, after_new, options)
    return tuple(clean(ops, old_text, new_text, options))


def settled(ops: Sequence[Op], old_text: str, new_text: str, options: CompareOptions) -> bool:
    """Whether no pass after the word diff can change ``ops``: they hold one edit (the
    markup pass folds an equality between two) and it is no replacement (the unfolding
    passes cut replacements only), or a replacement of at most ``PREFILTERED_CHARS`` a
    side whose two sides share no word and do not both hold a sentence end: it holds
    no kept run, no word of meaning and no kept sentence end to cut it at. Most changed
    rows of a long document are one such edit, and the passes cost more than its diff.
    Never under options that normalize (their words may be shared as the options read
    them: ``two`` and ``TWO``). (Exact under the unfolding rules as they stand: a
    property test checks that the passes leave such ops as they are.)"""
    if len(ops) > 3:
        return False  # (an edit between two equalities at most: a rewritten page is not read)
    edits = [op for op in ops if op.kind is not EQUAL]
    if len(edits) != 1 or edits[0].kind is not REPLACE:
        return len(edits) == 1
    old, new = edits[0].old, edits[0].new
    if options.kept_run_words < 3 or max(len(old), len(new)) > PREFILTERED_CHARS:
        return False  # (the kept-run pass then searches without counting shared words)
    if options.normalizes:
        return False  # (words may be shared by what the options ignore: ``two``, ``TWO``)
    if SENTENCE_END.search(old_text, old.start, old.end) and SENTENCE_END.search(
        new_text, new.start, new.end
    ):
        return False
    return not share_word(old_text, old.start, old.end, new_text, new.start, new.end)
