"""Named cleanup passes over word-level ops, each ``(ops, old_text, new_text, ...) -> ops``,
applied in order by ``clean``.

The compiled core already folds short equalities into the edits around them
(diff-match-patch's semantic cleanup, counted in tokens). These passes finish the
job in terms a reader sees: a comma or a space left standing between two edits is
confetti, and is folded into one replacement.

``absorb_markup_equalities`` runs last, on a row's final ops (after
``variorum.compare.unfold``): an address or a tag standing between two edits is markup, not
kept prose.

No pass, and no cleanup anywhere, folds a *kept run* into an edit: an identical run
of ``CompareOptions.kept_run_words`` words or more, or one holding a sentence end, a
line break or a web address (``holds_kept_run``). A reader must see that such text was kept
(``variorum.compare.unfold`` restores the ones the core's cleanup folded).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from variorum.comparison import Op, OpKind
from variorum.compiled import twins
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import WORD_PATTERN, count_words

EQUAL, REPLACE = OpKind.EQUAL, OpKind.REPLACE  # (read once: asked of every op of a page)
EDITS = (OpKind.INSERT, OpKind.DELETE, REPLACE)
"""The kinds of op that change text (a renumbered label is not one)."""
SENTENCE_END = re.compile(r"[.!?](?=\s)|[。！？]|\n")
"""A sentence end (``.``, ``!`` or ``?`` before a space, or a CJK full stop) or a line
break: an equality holding one is never folded, so that an edit never runs across a
sentence or a paragraph that stayed."""

WEB_ADDRESS = re.compile(r"(?<!\]\()(?<!<)(?:https?|ftp)://\w")
"""A web address standing in the text (one token, ``tokens``), not a Markdown link's
address ``](…)`` or ``<…>``: a reference the reader follows, so one kept between two
edits is never folded into them, however few its words."""


MARKUP = re.compile(
    r"<[^<>\s]*>?"  # an HTML tag (<br>, </p>), or its start cut by an edit
    r"|\]\([^()\s]*\)?|\(#[^()\s]*\)?"  # a Markdown link's address: ](…) or (#anchor)
    r"|(?:https?|mailto):\S*"  # a web or mail address
    r"|\S*\.(?:com|org|net|html?)\b\S*"  # a bare domain or page name
    r"|[*_#|`~]+"  # emphasis, heading, table and code marks
)
"""What ``absorb_markup_equalities`` takes for markup: text with no letter left once
these are blanked holds no word of prose."""
LETTER = re.compile(r"[^\W\d_]")
"""A letter: text holding none (a number, a mark) holds no word of prose."""
HIDES_LETTERS = "<(:."
"""What every match of ``MARKUP`` that holds a letter holds: a tag's ``<``, a link
address's ``(``, a web address's ``:``, a domain's ``.``. Text with a letter and none
of these is prose, whatever ``MARKUP`` blanks (``PROSE``)."""
PROSE = re.compile(rf"(?=[^{HIDES_LETTERS}]*?{LETTER.pattern})[^{HIDES_LETTERS}]*+")
"""Text (matched whole) with a letter and no character of ``HIDES_LETTERS``: prose, told
in one match, in one pass (possessive: no step back at a character of ``HIDES_LETTERS``)
(the quick answer of ``_may_be_markup``)."""


def holds_kept_run(text: str, start: int, end: int, words: int) -> bool:
    """Whether ``text[start:end]``, standing identical between two edits, must stay
    visible: ``words`` words or more, or a sentence end, line break or web address
    (``holds_kept_mark``)."""
    count = twins.count_words or count_words  # (asked of most ops of a rewritten page)
    return (
        SENTENCE_END.search(text, start, end) is not None
        or count(text, start, end) >= words
        or WEB_ADDRESS.search(text, start, end) is not None
    )


def holds_kept_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds what stays visible whatever its words: a
    sentence end or line break (``SENTENCE_END``), or a web address (``WEB_ADDRESS``)."""
    return (
        SENTENCE_END.search(text, start, end) is not None
        or WEB_ADDRESS.search(text, start, end) is not None
    )


def absorb_wordless_equalities(ops: list[Op], old_text: str, new_text: str) -> list[Op]:
    """An equality holding no word (only spaces and punctuation) between two edits (or
    an edit and a renumbered label) becomes part of one replacement:
    ``<del>red</del><ins>blue</ins>, <del>big</del>`` reads better as one phrase
    replaced."""

    def folds(before: Op, op: Op, after: Op) -> bool:  # noqa: ARG001 - any two ops
        return not WORD_PATTERN.search(new_text, op.new.start, op.new.end) and not (
            SENTENCE_END.search(new_text, op.new.start, op.new.end)
        )

    return _fold_equalities(ops, old_text, new_text, folds)


def absorb_function_words(
    ops: list[Op], old_text: str, new_text: str, words: frozenset[str], most: int
) -> list[Op]:
    """An equality of at most ``most`` function ``words`` between two replacements
    joins them: ``[-spirit-]{+sphere+} of [-mutual respect-]{+information security+}``
    reads as one phrase replaced, not as confetti around a shared ``of``
    (``CompareOptions.function_words``)."""

    def folds(before: Op, op: Op, after: Op) -> bool:
        return (
            before.kind is OpKind.REPLACE
            and after.kind is OpKind.REPLACE
            and _only_function_words(op.new.of(new_text), words, most)
            and not SENTENCE_END.search(new_text, op.new.start, op.new.end)
        )

    return _fold_equalities(ops, old_text, new_text, folds)


def _only_function_words(text: str, words: frozenset[str], most: int) -> bool:
    found = WORD_PATTERN.findall(text)
    return 0 < len(found) <= most and all(word.casefold() in words for word in found)


def absorb_markup_equalities(ops: list[Op], old_text: str, new_text: str, words: int) -> list[Op]:
    """An equality of markup only (``MARKUP``: no letter outside a link address, a tag
    or emphasis marks), under ``words`` words and holding no sentence end, between two
    edits of more than white space that are not both insertions or both deletions
    becomes part of one
    replacement: ``[-[legal@spotify.com](mailto:legal@spotify.com)-]{+tounotice@spotify.com+}``,
    not ``[-[legal-]{+tounotice+}@spotify.com[-](mailto:legal@spotify.com)-]``
    (``CompareOptions.fold_markup``)."""

    def folds(before: Op, op: Op, after: Op) -> bool:
        return (  # (the cheap tests first: most equalities are prose, kept runs many)
            not (before.kind is after.kind is not REPLACE)
            and _may_be_markup(new_text, op.new.start, op.new.end)
            and not holds_kept_run(new_text, op.new.start, op.new.end, words)
            and _markup_only(op.new.of(new_text))
            and _changes_text(before, old_text, new_text)
            and _changes_text(after, old_text, new_text)
        )

    return _fold_equalities(ops, old_text, new_text, folds, merge=False)


def _fold_equalities(
    ops: list[Op],
    old_text: str,
    new_text: str,
    folds: Callable[[Op, Op, Op], bool],
    merge: bool = True,
) -> list[Op]:
    """``ops`` with each equality standing between two other ops (edits or a
    renumbered label) for which ``folds(op before, equality, op after)`` holds made a
    replacement, and edits side by side merged (with ``merge=False``, only where one
    was folded: ``ops`` come back as they are when none was, the common case)."""
    folded = {
        index
        for index, (before, op, after) in enumerate(zip(ops, ops[1:], ops[2:], strict=False), 1)
        if op.kind is EQUAL
        and before.kind is not EQUAL
        and after.kind is not EQUAL
        and folds(before, op, after)
    }
    if not folded and not merge:
        return ops
    out = [Op(REPLACE, op.old, op.new) if i in folded else op for i, op in enumerate(ops)]
    return merge_edits(out, old_text, new_text)


def _changes_text(op: Op, old_text: str, new_text: str) -> bool:
    """Whether ``op`` is an edit of more than white space (a space made a no-break
    space, a blank line added: layout, which folding markup into would make a change
    of the link itself)."""
    return _is_edit(op) and bool(op.old.of(old_text).strip() or op.new.of(new_text).strip())


def _markup_only(text: str) -> bool:
    return LETTER.search(MARKUP.sub(" ", text)) is None


def _may_be_markup(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may be markup only (``_markup_only``): it is not
    ``PROSE`` (it holds no letter, or a character of ``HIDES_LETTERS``, with which
    ``MARKUP`` may blank letters). Most equalities between the edits of a rewritten
    page are prose, told at once."""
    return PROSE.fullmatch(text, start, end) is None


def merge_edits(ops: list[Op], old_text: str, new_text: str) -> list[Op]:  # noqa: ARG001 - a pass
    """Adjacent edits become one: a deletion next to an insertion is a replacement."""
    out = list(ops[:1])
    for op in ops[1:]:
        kind, last_kind = op.kind, out[-1].kind
        if kind in EDITS and last_kind in EDITS:
            prev = out[-1]
            old, new = Span(prev.old.start, op.old.end), Span(prev.new.start, op.new.end)
            kind = REPLACE if old and new else (OpKind.DELETE if old else OpKind.INSERT)
            out[-1] = Op(kind, old, new)
        elif kind is EQUAL and last_kind is EQUAL:
            prev = out[-1]
            out[-1] = Op(EQUAL, Span(prev.old.start, op.old.end), Span(prev.new.start, op.new.end))
        else:
            out.append(op)
    return out


def _is_edit(op: Op) -> bool:
    return op.kind in EDITS


def shift_spaces_after_words(ops: list[Op], old_text: str, new_text: str) -> list[Op]:
    """An insertion or deletion that starts with a space which the text after it also
    starts with is slid one character on: ``the[- provisional-] agenda`` becomes
    ``the [-provisional -]agenda``, so that edits begin where words begin."""
    out = list(ops)
    for index in range(1, len(out) - 1):
        before, op, after = out[index - 1], out[index], out[index + 1]
        if before.kind is not OpKind.EQUAL or after.kind is not OpKind.EQUAL:
            continue
        if op.kind not in (OpKind.INSERT, OpKind.DELETE):
            continue
        text, span, side = (
            (old_text, op.old, "old") if op.kind is OpKind.DELETE else (new_text, op.new, "new")
        )
        shift = 0
        while (
            span.start + shift < span.end
            and text[span.start + shift].isspace()
            and span.end + shift < (after.old.end if side == "old" else after.new.end)
            and text[span.start + shift] == text[span.end + shift]
        ):
            shift += 1
        if (
            shift
            and old_text[after.old.start : after.old.start + shift]
            == new_text[after.new.start : after.new.start + shift]
        ):
            out[index - 1 : index + 2] = slid(before, op, after, shift)
    return [op for op in out if op.old or op.new]


def slid(before: Op, op: Op, after: Op, shift: int) -> tuple[Op, Op, Op]:
    """An insertion or deletion ``op`` between the equalities ``before`` and ``after``
    moved ``shift`` characters later (earlier if negative): the same edit, its text
    repeating the text beside it, the equalities grown and shrunk to meet it."""
    return (
        Op(
            OpKind.EQUAL,
            Span(before.old.start, before.old.end + shift),
            Span(before.new.start, before.new.end + shift),
        ),
        Op(
            op.kind,
            Span(op.old.start + shift, op.old.end + shift),
            Span(op.new.start + shift, op.new.end + shift),
        ),
        Op(
            OpKind.EQUAL,
            Span(after.old.start + shift, after.old.end),
            Span(after.new.start + shift, after.new.end),
        ),
    )


def clean(ops: list[Op], old_text: str, new_text: str, options: CompareOptions) -> list[Op]:
    """All cleanup passes in order; the absorbing ones only where two edits remain
    after merging (with fewer, no equality stands between edits)."""
    ops = merge_edits(ops, old_text, new_text)
    if sum(1 for op in ops if op.kind is not OpKind.EQUAL) >= 2:
        ops = absorb_wordless_equalities(ops, old_text, new_text)
        words, most = options.function_words, options.function_word_run
        ops = absorb_function_words(ops, old_text, new_text, words, most)
    return shift_spaces_after_words(ops, old_text, new_text)
