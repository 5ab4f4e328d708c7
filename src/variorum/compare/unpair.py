"""Edited pairs whose redline keeps nothing, undone into a deletion and an insertion.

Alignment pairs two blocks of a gap by their words, case-folded and in any
punctuation; the word diff then shows what was kept. Where it keeps fewer than
``CompareOptions.pair_kept_words`` words, the pair's words were alike by chance
(``we``, ``keep``, ``information`` scattered through two different paragraphs) and a
changed row would tell the reader one block was rewritten into the other: the blocks
are shown deleted and inserted instead, unless short or alike but for letter case.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from variorum.compare.align import BlockPair, PairKind
from variorum.compare.similarity import encode_words, shares_run, word_similarity
from variorum.comparison import Op, OpKind
from variorum.compiled import twins
from variorum.document import BODY_END, BODY_START, RECORD, Document
from variorum.options import CompareOptions
from variorum.tokens import count_words

_EQUAL = OpKind.EQUAL  # (read once: an enum's member is a lookup through its class)


def keeps_too_little(
    ops: Sequence[Op], pair: BlockPair, old: Document, new: Document, options: CompareOptions
) -> bool:
    """Whether the edited ``pair``, whose redline is ``ops``, keeps fewer than
    ``options.pair_kept_words`` words, and its blocks are neither short lines
    (``_short_lines``) nor alike but for letter case."""
    enough = options.pair_kept_words
    counted = twins.kept_words or kept_words
    if counted(ops, old.text, old.blocks.records, pair.old.start, pair.old.stop, enough) >= enough:
        return False
    codes: dict[str, str] = {}
    old_words = encode_words(_bodies(old, pair.old).casefold(), codes)
    new_words = encode_words(_bodies(new, pair.new).casefold(), codes)
    if _short_lines(old_words, new_words, pair, old, new, options):
        return False  # a date line, an agenda line, a heading reworded in its place
    return not _alike_but_for_case(old_words, new_words, options)


def apart(pair: BlockPair) -> list[BlockPair]:
    """The blocks of ``pair`` as deleted ones, then inserted ones, in its place."""
    at_new = range(pair.new.start, pair.new.start)
    at_old = range(pair.old.stop, pair.old.stop)
    deleted = [BlockPair(PairKind.DELETED, range(i, i + 1), at_new) for i in pair.old]
    inserted = [BlockPair(PairKind.INSERTED, at_old, range(j, j + 1)) for j in pair.new]
    return deleted + inserted


def _short_lines(
    old_words: str,
    new_words: str,
    pair: BlockPair,
    old: Document,
    new: Document,
    options: CompareOptions,
) -> bool:
    """Whether the shorter side holds under ``containment_min_words`` words and the
    longer is at most ``lone_block_ratio`` times as long, in words or in characters (a
    line of image addresses that lost their ``https:`` is cut into many more words)."""
    ratio = options.lone_block_ratio
    shorter, longer = sorted((len(old_words), len(new_words)))
    if shorter >= options.containment_min_words:
        return False
    fewer, more = sorted((_length(old, pair.old), _length(new, pair.new)))
    return longer <= ratio * shorter or more <= ratio * fewer


def _length(doc: Document, blocks: range) -> int:
    """The characters of the bodies of ``blocks``."""
    return sum(doc.blocks.form_of(index)[1] for index in blocks)


def kept_words(
    ops: Sequence[Op], text: str, records: array[int], first: int, stop: int, enough: int
) -> int:
    """How many words of the bodies of blocks ``first`` up to ``stop`` (in the block
    ``records`` of the old ``text``) the equal ops hold, counted until ``enough``: a
    numbering label kept, ``(a)``, is no word of the text kept. ``_wordops.kept_words``
    is the compiled twin."""
    firsts = range(first * RECORD, stop * RECORD, RECORD)
    bodies = [(records[at + BODY_START], records[at + BODY_END]) for at in firsts]
    kept = 0
    for kind, (op_start, op_end), _ in ops:
        if kind is _EQUAL:
            for body_start, body_end in bodies:
                start, end = max(op_start, body_start), min(op_end, body_end)
                if start < end:
                    kept += count_words(text, start, end)
            if kept >= enough:
                break
    return kept


def _bodies(doc: Document, blocks: range) -> str:
    """The bodies (labels excluded) of ``blocks``, one a line."""
    return "\n".join(doc.body_text(doc.blocks[index]) for index in blocks)


def _alike_but_for_case(old_words: str, new_words: str, options: CompareOptions) -> bool:
    """Whether two case-folded word strings (``encode_words``) share a run of
    ``kept_run_words`` words, or are ``similarity_threshold`` alike (scored only within
    ``max_similarity_work``: past it, two blocks sharing no run are not alike)."""
    if shares_run(old_words, new_words, options.kept_run_words):
        return True
    if len(old_words) * len(new_words) > options.max_similarity_work:
        return False
    similarity = twins.word_similarity or word_similarity
    return similarity(old_words, new_words) >= options.similarity_threshold
