"""Word diff of one aligned block pair, on a compiled core.

Tokens (words, numbers, punctuation, whitespace) are mapped to single characters and
diffed by diff-match-patch's algorithm (Myers' O(ND) with its semantic cleanup, which
folds short equalities into the edits around them). Tokens the options ignore are
merged into the token before them, so they can never be an edit on their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from variorum.compare.similarity import common_ends, normalize
from variorum.comparison import Op, OpKind
from variorum.compiled import twins
from variorum.document import Span
from variorum.options import CompareOptions
from variorum.tokens import token_spans

Unit = tuple[int, int, str]
"""A diffable unit: start, end, and the key it compares by."""


def diff_spans(
    old_text: str, old: Span, new_text: str, new: Span, options: CompareOptions
) -> list[Op]:
    """Ops tiling ``old`` (in ``old_text``) and ``new`` (in ``new_text``).

    >>> from variorum.options import CompareOptions
    >>> a, b = "to use ICTs", "to use information technologies"
    >>> [(op.kind.value, op.old.of(a), op.new.of(b))
    ...  for op in diff_spans(a, Span(0, len(a)), b, Span(0, len(b)), CompareOptions())]
    [('equal', 'to use ', 'to use '), ('replace', 'ICTs', 'information technologies')]
    """
    if not old and not new:
        return []
    if not old:
        return [Op(OpKind.INSERT, old, new)]
    if not new:
        return [Op(OpKind.DELETE, old, new)]
    if old.of(old_text) == new.of(new_text):
        return [Op(OpKind.EQUAL, old, new)]
    head, tail = common_ends(old_text, old, new_text, new)
    if head or tail:
        # identical ends need no tokens: only the middle, where the edit is, is diffed
        middle = _diff_middle(
            old_text, Span(old.start + head, old.end - tail),
            new_text, Span(new.start + head, new.end - tail), options,
        )  # fmt: skip
        before = [
            Op(OpKind.EQUAL, Span(old.start, old.start + head), Span(new.start, new.start + head))
        ]
        after = [Op(OpKind.EQUAL, Span(old.end - tail, old.end), Span(new.end - tail, new.end))]
        return before[: 1 if head else 0] + middle + after[: 1 if tail else 0]
    return _diff_middle(old_text, old, new_text, new, options)


def _diff_middle(
    old_text: str, old: Span, new_text: str, new: Span, options: CompareOptions
) -> list[Op]:
    if not old or not new:
        return diff_spans(old_text, old, new_text, new, options)
    codes: dict[str, str] = {}
    a, old_ends = encoded(old_text, old, options, codes)
    b, new_ends = encoded(new_text, new, options, codes)
    if a == b:
        return [Op(OpKind.EQUAL, old, new)]
    return _ops(diff_core(a, b, options), old_ends, new_ends, old, new)


def diff_core(
    a: str, b: str, options: CompareOptions, semantic: bool = True
) -> list[tuple[str, int]]:
    """diff-match-patch's diff with its semantic cleanup (or without, ``semantic=False``),
    as ``(kind, length)`` steps (kind ``=``, ``-`` or ``+``): compiled in
    ``variorum.compare._tokendiff`` when it was built, its work bounded by
    ``options.diff_effort`` (the same result on every machine); else the C++ port's:
    without a time limit for a pair the compiled core diffs minimally (up to half
    ``options.diff_effort_min_tokens`` tokens a side), so that both give the same diff;
    bounded by ``options.diff_timeout`` seconds for a longer one. (Under a time limit
    the port also takes diff-match-patch's half-match shortcut, which can give a longer
    diff on any machine, fast or slow.)"""
    if twins.diff_counts is not None:
        return twins.diff_counts(
            a, b, 0, semantic, options.diff_effort, options.diff_effort_min_tokens
        )
    import fast_diff_match_patch  # only a build without the compiled core needs the C++ port

    cleanup = "Semantic" if semantic else "No"
    minimal = max(len(a), len(b)) <= options.diff_effort_min_tokens // 2
    steps: list[tuple[str, int]] = fast_diff_match_patch.diff(
        a,
        b,
        timelimit=0 if minimal else options.diff_timeout,
        checklines=False,
        cleanup=cleanup,
        counts_only=True,
    )
    return steps


def minimal_equalities(
    old_text: str, old: Span, new_text: str, new: Span, options: CompareOptions
) -> Iterator[tuple[Span, Span]]:
    """The equal stretches of the minimal word diff of two spans (no cleanup), as (old
    span, new span), read from the core's steps (no op made for the rest)."""
    codes: dict[str, str] = {}
    a, old_ends = encoded(old_text, old, options, codes)
    b, new_ends = encoded(new_text, new, options, codes)
    i = j = 0
    for step, count in diff_core(a, b, options, semantic=False):
        if step == "=":
            old_start = old_ends[i - 1] if i else old.start
            new_start = new_ends[j - 1] if j else new.start
            i, j = i + count, j + count
            yield Span(old_start, old_ends[i - 1]), Span(new_start, new_ends[j - 1])
        elif step == "-":
            i += count
        else:
            j += count


def encoded(
    text: str, span: Span, options: CompareOptions, codes: dict[str, str]
) -> tuple[str, Sequence[int]]:
    """The units of ``span`` as one character each (equal keys, equal characters, as
    recorded in ``codes``), and where each unit ends."""
    if twins.encode_tokens is not None and not options.normalizes:
        return twins.encode_tokens(text, span.start, span.end, codes)
    found = units(text, span, options)
    return _encode(found, codes), [end for _, end, _ in found]


def units(text: str, span: Span, options: CompareOptions) -> list[Unit]:
    """The tokens of ``span`` with their comparison keys; ignored tokens are merged
    into the unit before them (or after, at the start)."""
    spans = token_spans(text, span.start, span.end)
    if not options.normalizes:
        return [(start, end, text[start:end]) for start, end in spans]
    out: list[Unit] = []
    pending_start: int | None = None
    for start, end in spans:
        key = normalize(text[start:end], options)
        if not key:
            if out:
                out[-1] = (out[-1][0], end, out[-1][2])
            elif pending_start is None:
                pending_start = start
            continue
        if pending_start is not None:
            start, pending_start = pending_start, None
        out.append((start, end, key))
    if pending_start is not None:
        out.append((pending_start, span.end, ""))
    return out


def _encode(items: list[Unit], codes: dict[str, str]) -> str:
    chars = []
    for _, _, key in items:
        code = codes.get(key)
        if code is None:
            code = codes[key] = _code_point(len(codes))
        chars.append(code)
    return "".join(chars)


def _code_point(number: int) -> str:
    """Private-use characters first (nothing in them looks like a word boundary to the
    core's cleanup), then the supplementary private-use planes, then anything from
    U+0100 on that neither is a surrogate nor was handed out already."""
    if number < 0x1900:
        return chr(0xE000 + number)
    number -= 0x1900
    if number < 0x1FFFE:
        return chr(0xF0000 + number)
    number -= 0x1FFFE
    code = 0x100 + number
    if code >= 0xD800:
        code += 0x800  # past the surrogates
    if code >= 0xE000:
        code += 0x1900  # past the first range
    if code >= 0xF0000:
        raise ValueError("more distinct tokens in one block pair than there are characters")
    return chr(code)


def _ops(
    steps: list[tuple[str, int]],
    old_ends: Sequence[int],
    new_ends: Sequence[int],
    old: Span,
    new: Span,
) -> list[Op]:
    ops: list[Op] = []
    i = j = 0
    o_pos, n_pos = old.start, new.start
    pending_old = pending_new = 0

    def flush() -> None:
        nonlocal o_pos, n_pos, pending_old, pending_new
        if not (pending_old or pending_new):
            return
        o_end = old_ends[i - 1] if pending_old else o_pos
        n_end = new_ends[j - 1] if pending_new else n_pos
        kind = (
            OpKind.REPLACE
            if pending_old and pending_new
            else (OpKind.DELETE if pending_old else OpKind.INSERT)
        )
        ops.append(Op(kind, Span(o_pos, o_end), Span(n_pos, n_end)))
        o_pos, n_pos = o_end, n_end
        pending_old = pending_new = 0

    for step, count in steps:
        if step == "=":
            flush()
            i, j = i + count, j + count
            o_end, n_end = old_ends[i - 1], new_ends[j - 1]
            ops.append(Op(OpKind.EQUAL, Span(o_pos, o_end), Span(n_pos, n_end)))
            o_pos, n_pos = o_end, n_end
        elif step == "-":
            i += count
            pending_old += count
        else:
            j += count
            pending_new += count
    flush()
    return ops
