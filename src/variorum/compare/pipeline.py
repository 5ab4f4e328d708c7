"""compare_documents(old, new, options) -> Comparison: the one place that wires the
engine's steps together.

Documents --align--> block pairs --diff--> ops --cleanup--> ops --> Comparison
"""

from __future__ import annotations

import gc
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from itertools import groupby, repeat
from operator import attrgetter, itemgetter

from variorum.compare.align import BlockPair, PairKind, align_blocks
from variorum.compare.cleanup import absorb_markup_equalities
from variorum.compare.links import compared_kinds, link_changes
from variorum.compare.moved_sentences import (
    moved_sentences,
    slide_to_sentences,
    with_moved_words,
)
from variorum.compare.pictures import keyed_texts, pictures_in_place, without_pictures
from variorum.compare.settled import equal_row, row_ops, settled_rows
from variorum.compare.settled import settled as _settled
from variorum.compare.similarity import normalize
from variorum.compare.structure import Shapes, structure_changes
from variorum.compare.unfold import (
    Run,
    cut_around,
    unfold_content_words,
    unfold_kept_runs,
    unfold_marks,
    unfold_respacing,
)
from variorum.compare.unpair import apart, keeps_too_little
from variorum.comparison import (
    Comparison,
    Op,
    OpKind,
    Row,
    RowKind,
    Stats,
    row_stats,
)
from variorum.compiled import twins
from variorum.document import (
    BULLET_LABELS,
    LABEL_START,
    WORD_LABELS,
    Document,
    Span,
    same_text,
)
from variorum.options import CompareOptions
from variorum.tokens import count_words

# (read once: an enum's member is a lookup through its class, 0.2 µs, asked of every pair
# and row: 24,000 times for the large pair, 90,000 block pairs for two unrelated documents)
EQUAL, REPLACE, RENUMBER = OpKind.EQUAL, OpKind.REPLACE, OpKind.RENUMBER
EXACT, UNCHANGED, SIMILAR = PairKind.EXACT, PairKind.UNCHANGED, PairKind.SIMILAR
EQUAL_ROW, CHANGED_ROW = RowKind.EQUAL, RowKind.CHANGED


def compare_documents(old: Document, new: Document, options: CompareOptions) -> Comparison:
    """The engine: two Documents compared under ``options``. (``variorum.compare``
    takes text or files as well, and reads them through ``variorum.ingest``.)"""
    if options.ignore_images:
        old, new = without_pictures(old), without_pictures(new)
    with _COLLECTOR.paused():
        built = _built_rows(old, new, options)
        moves = moved_sentences(built, old.text, new.text, options)
        rows = tuple(with_moved_words(built, moves, old.text) if moves else built)
        kinds = compared_kinds(options)
        links = link_changes(rows, old, new, kinds, moves) if kinds else ()
        shapes = structure_changes(rows, old, new, options)
        return Comparison(old, new, rows, options, links, tuple(moves), shapes)


def _built_rows(old: Document, new: Document, options: CompareOptions) -> list[Row]:
    """The rows of the aligned blocks. Their block pairs are freed on return, before the
    collector walks what the comparison made (the 90,000 pairs of two unrelated
    documents cost that walk 8 ms of its 50)."""
    pairs = merge_unchanged_runs(align_blocks(old, new, options), old, new)
    _COLLECTOR.sweep()
    return _RowBuilder(old, new, options).rows(pairs)


class _CollectorPause:
    """Python's cyclic garbage collector, paused while comparisons run. A comparison
    makes hundreds of thousands of small values that live on (block pairs, rows, ops)
    and next to no reference cycles; the collector, run after every 700 new objects,
    walks all of them again and again (18% of the comparison of two unrelated
    1,000,000-word documents). It is resumed when the last comparison running ends
    (threads share one pause), unless it was off before the first began: after one
    collection of the young generations (``_settle``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._resume = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        with self._lock:
            if not self._running:
                self._resume = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
            self._settle()
        finally:
            with self._lock:
                self._running -= 1
                if not self._running and self._resume:
                    gc.enable()

    def sweep(self) -> None:
        """The alignment's working data, which reference cycles hold, freed (young
        objects only, all made since the pause: none of the application's); not where
        the application had the collector off."""
        if self._resume:
            gc.collect(0)

    def _settle(self) -> None:
        """The values made during the pause, walked once by a collection of generation 1
        (as the collector's own, outside the lock: finalizers it runs may compare). On
        resuming, the collector would walk them twice: at once, as generation 0 is over
        its threshold, and again as generation 1 a few thousand objects later (9 ms,
        most often inside the caller's first ``segments()``, for the 45,000 rows, ops and
        spans of the large pair; spans are never untracked, not being exact tuples).
        Skipped while another comparison runs, or when the collector was off (disabled,
        or its first threshold 0): a stale read costs one collection more or less, never
        a wrong one."""
        if self._running == 1 and self._resume and gc.get_threshold()[0]:
            gc.collect(1)


_COLLECTOR = _CollectorPause()


class _RowBuilder:
    """Turns block pairs into rows: spans, ops, kind and statistics."""

    def __init__(self, old: Document, new: Document, options: CompareOptions) -> None:
        self.old, self.new, self.options = old, new, options
        self._move_ops: dict[int, tuple[Op, ...]] = {}
        self._diffed: dict[BlockPair, tuple[Span, Span, tuple[Op, ...]]] = {}  # (``_undo_unkept``)
        # the rows ``_undo_unkept`` made whole (``settled_rows``), by their index: a pair's
        # row is the one of its place in the pairs (a row a pair)
        self._settled: dict[int, Row] = {}
        self._bounds = old.region_bounds, new.region_bounds  # (``equal_row``)
        self._normalizes = options.normalizes  # (a property: asked once, not once a row)
        # the texts rows are diffed in: pictures told apart by their sources (not where
        # the options normalize: ``normalize`` would read those characters as punctuation)
        self._texts = (old.text, new.text) if self._normalizes else keyed_texts(old, new)
        self._label_counts: dict[re.Pattern[str], tuple[int, int]] = {}  # (``_labelled``)
        self._words: tuple[Counter[str], Counter[str]] | None = None
        # the Stats of whole inserted and deleted rows, by word count (``_whole_stats``)
        self._inserted: dict[int, Stats] = {}
        self._deleted: dict[int, Stats] = {}

    def rows(self, pairs: list[BlockPair]) -> list[Row]:
        """The rows of all pairs, each moved row linked to the row at the move's other end
        (known from the pairs: a row's index is its pair's)."""
        if self.options.pair_kept_words and not self.options.blocks_only:
            pairs = self._undo_unkept(pairs)
        links = _move_links(pairs)
        rows: list[Row] = []
        row, link, add = self.row, links.get, rows.append
        for kind, run in groupby(pairs, _KIND_OF):
            if kind in _WHOLE:
                rows += self._whole_rows(len(rows), list(run), kind)
            else:  # (most runs are one pair: no list made for each)
                for pair in run:
                    add(row(len(rows), pair, link(len(rows))))
        return rows

    def _whole_rows(self, first: int, run: list[BlockPair], kind: PairKind) -> list[Row]:
        """The rows of a run of whole inserted (or deleted) blocks, numbered from
        ``first``, made column by column in the interpreter's C loops: two unrelated
        documents are 90,000 such rows and next to nothing else."""
        inserted = kind is PairKind.INSERTED
        old_blocks, new_blocks = list(map(_OLD_OF, run)), list(map(_NEW_OF, run))
        if inserted:
            old_spans, new_spans = _places(self.old, old_blocks), self.new.regions(new_blocks)
        else:
            old_spans, new_spans = self.old.regions(old_blocks), _places(self.new, new_blocks)
        stats = self._whole_stats(inserted, new_spans if inserted else old_spans)
        op_kind = OpKind.INSERT if inserted else OpKind.DELETE
        made = twins.whole_rows or whole_rows
        columns = (old_spans, new_spans, old_blocks, new_blocks, stats)
        return made(first, _SIMPLE_KINDS[kind], op_kind, *columns)

    def _whole_stats(self, inserted: bool, spans: list[Span]) -> list[Stats]:
        """The statistics of whole inserted (or deleted) spans: one Stats value shared
        by all of a word count (immutable; a new one a row cost 10% of such rows)."""
        if inserted:
            text, shared, made = self.new.text, self._inserted, _words_inserted
        else:
            text, shared, made = self.old.text, self._deleted, _words_deleted
        count = twins.count_words or count_words  # (no Python step a row when compiled)
        counts = map(count, repeat(text), map(_START_OF, spans), map(_END_OF, spans))
        return [shared.get(words) or shared.setdefault(words, made(words)) for words in counts]

    def _undo_unkept(self, pairs: list[BlockPair]) -> list[BlockPair]:
        """``pairs`` with each edited pair whose redline keeps too few words
        (``unpair.keeps_too_little``) made deleted and inserted blocks; the ops of the
        others kept for their rows."""
        kept: list[BlockPair] = []
        settled = self._settled_rows()
        for pair in pairs:
            if pair.kind is SIMILAR:
                made = settled and settled(len(kept), pair.old, pair.new)
                if made:
                    self._settled[len(kept)] = made  # (by the index of its row)
                    kept.append(pair)
                    continue
                old_span = self.old.region(pair.old.start, pair.old.stop)
                new_span = self.new.region(pair.new.start, pair.new.stop)
                ops = self._ops(pair, old_span, new_span)
                if keeps_too_little(ops, pair, self.old, self.new, self.options):
                    kept.extend(apart(pair))
                    continue
                self._diffed[pair] = old_span, new_span, ops
            kept.append(pair)
        return kept

    def _settled_rows(self) -> Callable[[int, range, range], Row | None] | None:
        """``settled_rows`` of the two Documents, if the options and texts allow it."""
        old, new = self.old, self.new
        if self._normalizes or self._texts[0] is not old.text or self._texts[1] is not new.text:
            return None  # (an equality may differ in what the options ignore; pictures)
        made = twins.settled_rows or settled_rows
        columns = (old.blocks.records, new.blocks.records, old.region_bounds, new.region_bounds)
        return made(old.text, new.text, *columns, self.options)

    def row(self, index: int, pair: BlockPair, link: int | None = None) -> Row:
        """The row of a pair that is not a whole insertion or deletion (``_whole_rows``)."""
        kind, old_blocks, new_blocks, _ = pair  # (unpacked once: 90,000 rows read them)
        if kind is not UNCHANGED:
            return self._changed_row(index, pair, link)
        # the common case, kept cheap: most blocks of a new version are unchanged
        made = twins.equal_row or equal_row
        return made(index, *self._bounds, old_blocks, new_blocks)

    def _changed_row(self, index: int, pair: BlockPair, link: int | None) -> Row:
        """The row of a pair whose words are diffed (changed, renumbered, moved…): its
        spans and ops as ``_undo_unkept`` made them, if it did (the whole row, if settled)."""
        made = self._settled.pop(index, None)
        if made is not None:
            return made  # (no settled row is moved: none has a link)
        diffed = self._diffed.pop(pair, None)
        if diffed is not None:
            old_span, new_span, ops = diffed
        else:
            old_span = self.old.region(pair.old.start, pair.old.stop)
            new_span = self.new.region(pair.new.start, pair.new.stop)
            ops = self._moved_ops(pair, old_span, new_span)
        kind = self._kind(pair, ops)
        stats = row_stats(kind, ops, self.old.text, self.new.text)
        return Row(index, kind, old_span, new_span, pair.old, pair.new, ops, stats, link)

    def _moved_ops(self, pair: BlockPair, old_span: Span, new_span: Span) -> tuple[Op, ...]:
        """The ops of a pair, made once for both ends of a move."""
        if pair.moved_index < 0:
            return self._ops(pair, old_span, new_span)
        if pair.moved_index not in self._move_ops:
            self._move_ops[pair.moved_index] = self._ops(pair, old_span, new_span)
        return self._move_ops[pair.moved_index]

    def _ops(self, pair: BlockPair, old_span: Span, new_span: Span) -> tuple[Op, ...]:
        old_text, new_text = self._texts
        if self.options.blocks_only:
            if old_span.of(old_text) == new_span.of(new_text):
                return (Op(OpKind.EQUAL, old_span, new_span),)
            return (Op(OpKind.REPLACE, old_span, new_span),)
        label = self._label_change(pair)
        if label is None and same_text(old_text, old_span, new_text, new_span):
            return (Op(OpKind.EQUAL, old_span, new_span),)  # (a moved block, most often)
        ops = self._diff(old_span, new_span, label)
        if not _settled(ops, old_text, new_text, self.options):  # (most rows are)
            ops = unfold_kept_runs(ops, old_text, new_text, self._cut, self.options)
            ops = unfold_content_words(ops, old_text, new_text, self._cut, self.options)
            ops = unfold_respacing(ops, old_text, new_text, self.options)
            ops = unfold_marks(ops, old_text, new_text, self._cut, self.options)
            if self.options.fold_markup:
                words = self.options.kept_run_words
                ops = absorb_markup_equalities(list(ops), old_text, new_text, words)
        if self._normalizes:
            return tuple(ops)  # (an equality may differ in what the options ignore)
        if old_text is not self.old.text or new_text is not self.new.text:  # (pictures)
            ops = pictures_in_place(ops, self.old.text, self.new.text)
        return tuple(slide_to_sentences(ops, old_text, new_text))

    def _diff(
        self, old_span: Span, new_span: Span, label: tuple[Span, Span] | None = None
    ) -> Sequence[Op]:
        """The cleaned word-level ops of two spans, on the compiled core when it was
        built and the options normalize nothing."""
        old_text, new_text = self._texts
        if twins.row_ops is not None and not self._normalizes:
            return twins.row_ops(
                old_text, old_span.start, old_span.end, new_text, new_span.start, new_span.end,
                label and (label[0].start, label[0].end, label[1].start, label[1].end),
                self.options.diff_effort, self.options.diff_effort_min_tokens,
                self.options.function_words, self.options.function_word_run,
            )  # fmt: skip
        return row_ops(old_text, old_span, new_text, new_span, label, self.options)

    def _cut(self, op: Op, runs: Sequence[Run]) -> Sequence[Op]:
        """``op`` cut around kept ``runs``, the stretches between them diffed by
        ``_diff``: in one compiled call when ``_diff`` is compiled (a rewritten page
        is cut at thousands of runs)."""
        if twins.cut_ops is not None and not self._normalizes:
            options = self.options
            return twins.cut_ops(
                op, runs, *self._texts, options.diff_effort,
                options.diff_effort_min_tokens, options.function_words, options.function_word_run,
            )  # fmt: skip
        return cut_around(op, runs, self._diff)

    def _label_change(self, pair: BlockPair) -> tuple[Span, Span] | None:
        """The two labels of a one-to-one pair whose numbering differs, else None. A
        bullet against no label (a typed ``•`` item against a Markdown, HTML or Word
        list item) is a change of the label too: the bullet and the space after it
        against nothing at the start of the other body."""
        if len(pair.old) != 1 or len(pair.new) != 1:
            return None
        if self._labels.identical(pair.old.start, pair.new.start):
            return None  # (most pairs: the same label, then the same under any options)
        old_span = self.old.blocks.label_of(pair.old.start)
        new_span = self.new.blocks.label_of(pair.new.start)
        if old_span is None or new_span is None:
            return self._bullet_change(pair, old_span, new_span)
        if self._same_label(old_span, new_span) or not self._numbering(pair):
            return None  # the same label; or one that is a word of the text (diffed with it)
        return old_span, new_span

    @cached_property
    def _labels(self) -> _Labels:
        return _Labels(self.old, self.new)

    def _same_label(self, old_span: Span, new_span: Span) -> bool:
        """Whether two labels read the same under the options (compared in place when
        the options normalize nothing: most labels of a pair are equal)."""
        if not self._normalizes:
            return same_text(self.old.text, old_span, self.new.text, new_span)
        old_label, new_label = old_span.of(self.old.text), new_span.of(self.new.text)
        return normalize(old_label, self.options) == normalize(new_label, self.options)

    def _numbering(self, pair: BlockPair) -> bool:
        """Whether the labels of a one-to-one pair both number their blocks, so that a
        change of them is a renumbering, not a change of the text: ``Article 6 of the
        GDPR is our legal basis`` against ``Article 9 of …`` changes what the sentence
        says (``numbering_label``)."""
        sides = ((self.old, pair.old.start, 0), (self.new, pair.new.start, 1))
        for doc, index, side in sides:
            label = doc.blocks.label_of(index)
            block = doc.blocks[index]
            body = doc.text[block.body.start : block.body.start + 1]
            assert label is not None  # (asked only of two labelled blocks)
            reading = numbering_label(label.of(doc.text), body)
            if reading is None and self._lone(side, label.of(doc.text)):
                return False  # a lone "J." is an initial (J. Smith), not item J of a list
            if reading is False:
                return False
        return True

    def _lone(self, side: int, label: str) -> bool:
        """Whether no other block of the side is labelled as ``label`` is: by the same
        word (``Article``), by letters and a full stop, or by four dotted numbers."""
        word = _WORD_LABEL.match(label)
        if word is None:
            if _DEEP.fullmatch(label):
                return self._labelled(side, _DEEP, 7, 64) < 2
            # one letter (``A.``) or a roman numeral (``II.``, so that ``I.`` of ``I.``,
            # ``II.``, ``III.`` is numbering too) and a full stop
            return self._labelled(side, _LETTERS_DOT, 2, 8) < 2
        if self._words is None:
            self._words = (_word_label_counts(self.old), _word_label_counts(self.new))
        return self._words[side][word.group()] < 2

    def _labelled(self, side: int, pattern: re.Pattern[str], shortest: int, longest: int) -> int:
        """How many blocks of a side have a label ``pattern`` matches whole, of
        ``shortest`` to ``longest`` characters (counted once a pattern)."""
        found = self._label_counts.get(pattern)
        if found is None:
            found = self._label_counts[pattern] = (
                _label_count(self.old, pattern, shortest, longest),
                _label_count(self.new, pattern, shortest, longest),
            )
        return found[side]

    def _bullet_change(
        self, pair: BlockPair, old_span: Span | None, new_span: Span | None
    ) -> tuple[Span, Span] | None:
        """A bullet label on one side of a one-to-one pair, none on the other: the
        bullet up to its body against the empty start of the other body, else None."""
        if (old_span is None) == (new_span is None):
            return None
        old_block, new_block = self.old.blocks[pair.old.start], self.new.blocks[pair.new.start]
        if old_span is not None and old_span.of(self.old.text) in BULLET_LABELS:
            start = new_block.body.start
            return Span(old_span.start, old_block.body.start), Span(start, start)
        if new_span is not None and new_span.of(self.new.text) in BULLET_LABELS:
            start = old_block.body.start
            return Span(start, start), Span(new_span.start, new_block.body.start)
        return None

    def _kind(self, pair: BlockPair, ops: tuple[Op, ...]) -> RowKind:
        simple = _SIMPLE_KINDS.get(pair.kind)
        if simple is not None:
            return simple
        visible = [op for op in ops if op.kind is not EQUAL]
        if visible and visible[-1].old.start >= self._end(pair):
            visible = [op for op in visible if not self._in_separator(op, pair)]
        if not visible:
            return RowKind.EQUAL
        if visible[0].kind is RENUMBER and all(  # (most rows: a first op that is not)
            op.kind is RENUMBER for op in visible
        ):
            return RowKind.RENUMBERED
        if len(pair.old) == 1 and len(pair.new) > 1:
            return RowKind.SPLIT
        if len(pair.old) > 1 and len(pair.new) == 1:
            return RowKind.MERGED
        return CHANGED_ROW

    def _end(self, pair: BlockPair) -> int:
        """Where the row's last old block ends (the separator after it follows)."""
        return self.old.blocks.end_of(pair.old.stop - 1) if pair.old else -1

    def _in_separator(self, op: Op, pair: BlockPair) -> bool:
        """Whether an op only touches the whitespace after the row's last block (blank
        lines between paragraphs are layout, not content)."""
        old_end = self.old.blocks.end_of(pair.old.stop - 1) if pair.old else op.old.start
        new_end = self.new.blocks.end_of(pair.new.stop - 1) if pair.new else op.new.start
        return (
            op.old.start >= old_end
            and op.new.start >= new_end
            and not op.old.of(self.old.text).strip()
            and not op.new.of(self.new.text).strip()
        )


class _Labels:
    """Where the labels of two Documents' blocks start and end, read once by whole
    columns: most pairs of a row (one block a side, the same label) are told from
    renumbered ones without making a Span of each label (4.6 -> 1.4 ms on the 2,334
    changed rows of the large pair)."""

    def __init__(self, old: Document, new: Document) -> None:
        self._texts = old.text, new.text
        self._old = old.blocks.column(LABEL_START), old.blocks.column(LABEL_START + 1)
        self._new = new.blocks.column(LABEL_START), new.blocks.column(LABEL_START + 1)

    def identical(self, old_index: int, new_index: int) -> bool:
        """Whether both blocks are labelled, by the same characters."""
        (old_starts, old_ends), (new_starts, new_ends) = self._old, self._new
        old_start, new_start = old_starts[old_index], new_starts[new_index]
        if old_start < 0 or new_start < 0:
            return False
        old_text, new_text = self._texts
        old_end, new_end = old_ends[old_index], new_ends[new_index]
        if twins.same_text is not None:
            return twins.same_text(old_text, old_start, old_end, new_text, new_start, new_end)
        return old_text[old_start:old_end] == new_text[new_start:new_end]


def whole_rows(
    first: int,
    kind: RowKind,
    op_kind: OpKind,
    old_spans: list[Span],
    new_spans: list[Span],
    old_blocks: list[range],
    new_blocks: list[range],
    stats: list[Stats],
) -> list[Row]:
    """A row of ``kind`` numbered from ``first`` for each of the spans, blocks and stats,
    its one op of ``op_kind`` over its two spans: the rows of a run of whole inserted (or
    deleted) blocks. The compiled twin makes each Row without a Python call."""
    ops = zip(map(Op._make, zip(repeat(op_kind), old_spans, new_spans)))  # (one op a row)
    columns = (old_spans, new_spans, old_blocks, new_blocks, ops, stats)
    return list(map(Row, range(first, first + len(old_spans)), repeat(kind), *columns))


_WORD_LABEL = re.compile("|".join(map(re.escape, (*WORD_LABELS, "§"))))
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
_LETTER_DOT = re.compile(r"[A-Za-z]\.")
_LETTERS_DOT = re.compile(r"(?:[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)\.")
_ADDRESS = re.compile(r"(?=.*\d{3})\d+(?:\.\d+){3,}\.?")
"""Four or more numbers joined by full stops, one of three digits: a network address,
not a section number."""
_DEEP = re.compile(r"\d+(?:\.\d+){3,}\.?")
"""Four or more numbers joined by full stops: a section four levels deep (``1.2.3.4``)
where the document has others, else an address (``10.0.0.1 is the gateway``)."""


def numbering_label(label: str, body_start: str) -> bool | None:
    """Whether a block's label (as ``ingest.labels`` reads it) numbers the block, given
    the first character of its body: True for numbers, roman numerals and letters in
    brackets (``(b)``, ``c)``, ``(aa)``); False for a word label the sentence runs on
    from (``Rule 3 prohibits``, ``Article 6 of the GDPR``), two letters that are no
    numbering (``(EU) users may object``) and an address (``123.45.67.89``); None for a
    word label that stands apart (``Article 5.``, ``Section 3 Definitions``), for one
    letter and a full stop and for four dotted numbers: each numbers its block only
    where the document numbers others so (``Article 4.``, ``Article 5.``; ``A. Scope``,
    ``B. Terms``; ``1.2.3.4``, ``1.2.3.5``), else it is a reference (``Article 49. In
    the absence of…``), an initial (``J. Smith``) or an address (``10.0.0.1``).

    >>> numbering_label("Article 6", "o"), numbering_label("Article 5.", "E")
    (False, None)
    >>> numbering_label("(EU)", "u"), numbering_label("(iv)", "t"), numbering_label("J.", "S")
    (False, True, None)
    """
    if _WORD_LABEL.match(label):
        return None if label.endswith(".") or not body_start.islower() else False
    letters = label.strip("().")
    if _ADDRESS.fullmatch(label):
        return False
    if _DEEP.fullmatch(label):
        return None
    if not letters.isalpha():
        return True  # numbers (2., 1.2, (12)) and bullets
    if _LETTER_DOT.fullmatch(label):
        return None
    return len(letters) == 1 or bool(_ROMAN.fullmatch(letters)) or len(set(letters)) == 1


def _word_label_counts(doc: Document) -> Counter[str]:
    """How many of ``doc``'s blocks each label word (``Article``, ``§``) labels."""
    text = doc.text
    found = (
        _WORD_LABEL.match(text, start, end)
        for start, end in zip(
            doc.blocks.column(LABEL_START), doc.blocks.column(LABEL_START + 1), strict=True
        )
        if start >= 0
    )
    return Counter(match.group() for match in found if match)


def _label_count(doc: Document, pattern: re.Pattern[str], shortest: int, longest: int) -> int:
    """How many of ``doc``'s blocks have a label of ``shortest`` to ``longest``
    characters that ``pattern`` matches whole."""
    starts = doc.blocks.column(LABEL_START)
    ends = doc.blocks.column(LABEL_START + 1)
    text = doc.text
    return sum(
        1
        for start, end in zip(starts, ends, strict=True)
        if shortest <= end - start <= longest and pattern.fullmatch(text, start, end)
    )


_WHOLE = (PairKind.INSERTED, PairKind.DELETED)
"""Pairs of blocks found on one side only: their rows are made a run at a time."""
_KIND_OF, _OLD_OF, _NEW_OF = itemgetter(0), itemgetter(1), itemgetter(2)
"""A block pair's kind, old blocks and new blocks."""
_START_OF, _END_OF = itemgetter(0), itemgetter(1)
"""A span's start and end."""
_RANGE_STOP = attrgetter("stop")


def _places(doc: Document, runs: list[range]) -> list[Span]:
    """The ``region`` of each of ``runs``, empty runs of blocks, one Span a distinct
    place: the other side of a gap's whole inserted (or deleted) rows is one place."""
    stops = list(map(_RANGE_STOP, runs))  # (an empty run's region is where it stops)
    made = {stop: doc.region(stop, stop) for stop in set(stops)}
    return list(map(made.__getitem__, stops))


def _words_inserted(words: int) -> Stats:
    return Stats(words_inserted=words)


def _words_deleted(words: int) -> Stats:
    return Stats(words_deleted=words)


_SIMPLE_KINDS = {
    PairKind.INSERTED: RowKind.INSERTED,
    PairKind.DELETED: RowKind.DELETED,
    PairKind.MOVED_FROM: RowKind.MOVED_FROM,
    PairKind.MOVED_TO: RowKind.MOVED_TO,
}
"""Pairs whose row kind follows from how they were found."""


def merge_unchanged_runs(pairs: list[BlockPair], old: Document, new: Document) -> list[BlockPair]:
    """Runs of blocks identical in both versions (labels, separators, kinds and levels
    too) become one equal row, so that the size of a Comparison follows the size of the
    change, not of the document. Exact runs that differ somewhere are split into one pair
    a block. ``_matching.unchanged_runs`` is the compiled twin (no Python call a pair)."""
    if twins.unchanged_runs is not None:
        columns = (old.blocks.records, new.blocks.records, old.region_bounds, new.region_bounds)
        return twins.unchanged_runs(pairs, old.text, new.text, *columns)
    return merged_runs(pairs, old, new)


def merged_runs(pairs: list[BlockPair], old: Document, new: Document) -> list[BlockPair]:
    """``merge_unchanged_runs`` in Python: the reference of its compiled twin."""
    shapes = Shapes(old, new)
    merged: list[BlockPair] = []
    for pair in pairs:
        if pair.kind is not EXACT:
            merged.append(pair)
        elif _same_blocks(old, pair.old, new, pair.new) and shapes.same(pair.old, pair.new):
            _append_unchanged(merged, pair.old, pair.new)
        else:
            for k in range(len(pair.old)):
                i, j = pair.old.start + k, pair.new.start + k
                one_old, one_new = range(i, i + 1), range(j, j + 1)
                if _same_blocks(old, one_old, new, one_new) and shapes.same(one_old, one_new):
                    _append_unchanged(merged, one_old, one_new)
                else:
                    merged.append(BlockPair(PairKind.EXACT, one_old, one_new))
    return merged


def _append_unchanged(merged: list[BlockPair], old: range, new: range) -> None:
    last = merged[-1] if merged else None
    if last and last.kind is UNCHANGED and (last.old.stop, last.new.stop) == (old.start, new.start):
        merged[-1] = BlockPair(
            UNCHANGED, range(last.old.start, old.stop), range(last.new.start, new.stop)
        )
    else:
        merged.append(BlockPair(UNCHANGED, old, new))


def _same_blocks(old: Document, old_blocks: range, new: Document, new_blocks: range) -> bool:
    return same_text(
        old.text, old.region(old_blocks.start, old_blocks.stop),
        new.text, new.region(new_blocks.start, new_blocks.stop),
    )  # fmt: skip


def _move_links(pairs: list[BlockPair]) -> dict[int, int]:
    """For each moved pair, the index of the pair at the move's other end."""
    ends: dict[int, list[int]] = {}
    for index, pair in enumerate(pairs):
        if pair.moved_index >= 0:
            ends.setdefault(pair.moved_index, []).append(index)
    links: dict[int, int] = {}
    for first, second in ends.values():
        links[first], links[second] = second, first
    return links
