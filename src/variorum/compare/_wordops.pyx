# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""The ops of one row, compiled: word diff and cleanup for options that normalize nothing.

``row_ops`` is exactly what ``compare._RowBuilder`` makes of a block pair in Python:
``diff.diff_spans`` on the pair's spans (on both sides of a changed numbering label,
which stays an op of its own), then ``cleanup.clean``. The Python code makes a dozen
objects for every op it passes on (spans, ops, lists of them per pass); here ops are
C records until the end, and only the ops returned become objects. The diff core is
``variorum.compare._tokendiff`` (diff-match-patch's algorithm), tokens are encoded by
``variorum._tokens`` and the identical ends found by ``variorum.compare._matching``; what this
module replaces is the Python around them. ``tests/test_wordops.py`` checks it against the Python code.
"""

from cpython cimport array
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from cpython.unicode cimport PyUnicode_READ, Py_UNICODE_ISSPACE
from libc.stdint cimport int64_t
from libc.stdlib cimport calloc, free, malloc, realloc

import array as _array
from variorum.compare._matching cimport _key_numbers, _longest_increasing

cdef extern from "Python.h":
    ctypedef struct PyTypeObject:
        pass
    object PyType_GenericAlloc(PyTypeObject *kind, Py_ssize_t items)
    void PyObject_GC_UnTrack(void *made)
    int PyObject_GenericSetAttr(object made, object name, object value) except -1

from variorum.compare._matching import common_ends
from variorum.compare._tokendiff import diff_counts
from variorum._tokens import count_words, encode_tokens
from variorum._tokens import share_word as _share_word
from variorum.compare.unfold import PREFILTERED_CHARS
from variorum.compare.cleanup import SENTENCE_END
from dataclasses import fields

from variorum.comparison import Op, OpKind, Row, RowKind
from variorum.comparison import NO_CHANGE
from variorum.comparison import Stats as _STATS
from variorum.document import BODY_END, BODY_START, LABEL_START, RECORD, SPAN_END, Span
from variorum.tokens import WORD_PATTERN

cdef enum:  # an op's kind, as in OpKind
    EQUAL, INSERT, DELETE, REPLACE, RENUMBER

cdef tuple _KINDS = (OpKind.EQUAL, OpKind.INSERT, OpKind.DELETE, OpKind.REPLACE,
                     OpKind.RENUMBER)
cdef type _OP = Op
cdef type _SPAN = Span
cdef type _ROW = Row
cdef tuple _ROW_FIELDS = tuple([field.name for field in fields(Row)])
cdef object _find_words = WORD_PATTERN.findall
cdef object _search_end = SENTENCE_END.search
cdef array.array _INT64 = _array.array("q")


cdef struct Edit:  # one op: its kind and its spans in the old and the new text
    int kind
    Py_ssize_t old_start, old_end, new_start, new_end


cdef struct Edits:  # a growable list of ops (freed by its owner)
    Edit *items
    Py_ssize_t size, capacity


cdef int _add(Edits *edits, int kind, Py_ssize_t old_start, Py_ssize_t old_end,
              Py_ssize_t new_start, Py_ssize_t new_end) except -1:
    cdef Edit *grown
    if edits.size == edits.capacity:
        edits.capacity = max(16, edits.capacity * 2)
        grown = <Edit *>realloc(edits.items, edits.capacity * sizeof(Edit))
        if grown == NULL:
            raise MemoryError()
        edits.items = grown
    edits.items[edits.size] = Edit(kind, old_start, old_end, new_start, new_end)
    edits.size += 1
    return 0


cdef inline bint _is_edit(int kind) noexcept:
    return kind == INSERT or kind == DELETE or kind == REPLACE


cdef bint _same_text(str a, Py_ssize_t a_start, Py_ssize_t a_end,
                     str b, Py_ssize_t b_start, Py_ssize_t b_end) noexcept:
    """``a[a_start:a_end] == b[b_start:b_end]``, slices taken as Python takes them."""
    cdef Py_ssize_t a_length = PyUnicode_GET_LENGTH(a), b_length = PyUnicode_GET_LENGTH(b)
    cdef Py_ssize_t i
    cdef int a_kind = PyUnicode_KIND(a), b_kind = PyUnicode_KIND(b)
    cdef void *a_data = PyUnicode_DATA(a)
    cdef void *b_data = PyUnicode_DATA(b)
    a_start, b_start = min(max(a_start, 0), a_length), min(max(b_start, 0), b_length)
    a_end, b_end = max(min(a_end, a_length), a_start), max(min(b_end, b_length), b_start)
    if a_end - a_start != b_end - b_start:
        return False
    for i in range(a_end - a_start):
        if PyUnicode_READ(a_kind, a_data, a_start + i) != PyUnicode_READ(
            b_kind, b_data, b_start + i
        ):
            return False
    return True


cdef inline object _span(object start, object end):
    """``Span(start, end)`` of two ints, made as ``tuple.__new__`` makes it but without
    its two copies of the items (a rewritten page is tens of thousands of ops), and not
    tracked by the cyclic collector: holding two ints, it can be in no cycle (the
    collector untracks such a tuple itself, but only after walking it once, and walked
    the spans of a rewritten page again and again after the comparison)."""
    cdef object made = PyType_GenericAlloc(<PyTypeObject *>_SPAN, 2)
    Py_INCREF(start)
    PyTuple_SET_ITEM(made, 0, start)
    Py_INCREF(end)
    PyTuple_SET_ITEM(made, 1, end)
    PyObject_GC_UnTrack(<void *>made)
    return made


cdef inline object _triple(type kind, object first, object second, object third):
    """``kind(first, second, third)`` for a named tuple ``kind`` (such as ``Op``), made
    as ``_span`` makes a span (but tracked)."""
    cdef object made = PyType_GenericAlloc(<PyTypeObject *>kind, 3)
    Py_INCREF(first)
    PyTuple_SET_ITEM(made, 0, first)
    Py_INCREF(second)
    PyTuple_SET_ITEM(made, 1, second)
    Py_INCREF(third)
    PyTuple_SET_ITEM(made, 2, third)
    return made


# ---------------------------------------------------------------------------------------
# The word diff: diff.py's diff_spans, _diff_middle and _ops.
# ---------------------------------------------------------------------------------------

cdef int _diff(Edits *out, str old_text, Py_ssize_t old_start, Py_ssize_t old_end,
               str new_text, Py_ssize_t new_start, Py_ssize_t new_end,
               Py_ssize_t effort, Py_ssize_t least) except -1:
    """``diff_spans``: ops tiling both spans, appended to ``out``."""
    cdef Py_ssize_t head, tail
    if old_start == old_end and new_start == new_end:
        return 0
    if old_start == old_end:
        return _add(out, INSERT, old_start, old_end, new_start, new_end)
    if new_start == new_end:
        return _add(out, DELETE, old_start, old_end, new_start, new_end)
    if _same_text(old_text, old_start, old_end, new_text, new_start, new_end):
        return _add(out, EQUAL, old_start, old_end, new_start, new_end)
    head, tail = common_ends(old_text, old_start, old_end, new_text, new_start, new_end)
    if head:
        _add(out, EQUAL, old_start, old_start + head, new_start, new_start + head)
    _middle(out, old_text, old_start + head, old_end - tail,
            new_text, new_start + head, new_end - tail, effort, least)
    if tail:
        _add(out, EQUAL, old_end - tail, old_end, new_end - tail, new_end)
    return 0


cdef int _middle(Edits *out, str old_text, Py_ssize_t old_start, Py_ssize_t old_end,
                 str new_text, Py_ssize_t new_start, Py_ssize_t new_end,
                 Py_ssize_t effort, Py_ssize_t least) except -1:
    """``_diff_middle``: the tokens of both spans diffed by the core."""
    if old_start == old_end or new_start == new_end:
        return _diff(out, old_text, old_start, old_end, new_text, new_start, new_end,
                     effort, least)
    cdef dict codes = {}
    old_codes, old_ends = encode_tokens(old_text, old_start, old_end, codes)
    new_codes, new_ends = encode_tokens(new_text, new_start, new_end, codes)
    if old_codes == new_codes:
        return _add(out, EQUAL, old_start, old_end, new_start, new_end)
    steps = diff_counts(old_codes, new_codes, 0, True, effort, least)
    return _steps(out, steps, old_ends, new_ends, old_start, new_start)


cdef int _steps(Edits *out, list steps, array.array old_array, array.array new_array,
                Py_ssize_t old_at, Py_ssize_t new_at) except -1:
    """``_ops``: the core's steps (``=``, ``-``, ``+`` and a count of tokens) as ops;
    deletions and insertions between two equalities become one op. The tokens' ends
    are read from their ``array('q')``s in place (a view of each cost as much as a
    small piece's diff)."""
    cdef Py_ssize_t i = 0, j = 0, pending_old = 0, pending_new = 0, count
    cdef Py_ssize_t old_end, new_end
    cdef const long long *old_ends = old_array.data.as_longlongs
    cdef const long long *new_ends = new_array.data.as_longlongs
    cdef str step
    for step, count in steps:
        if step == "=":
            _flush(out, old_ends, new_ends, i, j, pending_old, pending_new, &old_at, &new_at)
            pending_old = pending_new = 0
            i, j = i + count, j + count
            old_end, new_end = old_ends[i - 1], new_ends[j - 1]
            _add(out, EQUAL, old_at, old_end, new_at, new_end)
            old_at, new_at = old_end, new_end
        elif step == "-":
            i += count
            pending_old += count
        else:
            j += count
            pending_new += count
    return _flush(out, old_ends, new_ends, i, j, pending_old, pending_new, &old_at, &new_at)


cdef int _flush(Edits *out, const long long *old_ends, const long long *new_ends,
                Py_ssize_t i, Py_ssize_t j, Py_ssize_t pending_old, Py_ssize_t pending_new,
                Py_ssize_t *old_at, Py_ssize_t *new_at) except -1:
    """The pending deletions and insertions as one op, if any."""
    if not (pending_old or pending_new):
        return 0
    cdef Py_ssize_t old_end = old_ends[i - 1] if pending_old else old_at[0]
    cdef Py_ssize_t new_end = new_ends[j - 1] if pending_new else new_at[0]
    cdef int kind = REPLACE if pending_old and pending_new else (
        DELETE if pending_old else INSERT
    )
    _add(out, kind, old_at[0], old_end, new_at[0], new_end)
    old_at[0], new_at[0] = old_end, new_end
    return 0


# ---------------------------------------------------------------------------------------
# The cleanup: cleanup.py's passes, in place (a pass never makes more ops than it reads).
# ---------------------------------------------------------------------------------------

cdef void _merge_edits(Edits *ops) noexcept:
    """``merge_edits``: adjacent edits become one, adjacent equalities too."""
    cdef Py_ssize_t read, kept = 0
    cdef Edit op
    cdef Edit *last
    for read in range(ops.size):
        op = ops.items[read]
        last = &ops.items[kept - 1] if kept else NULL
        if kept and _is_edit(op.kind) and _is_edit(last.kind):
            last.old_end, last.new_end = op.old_end, op.new_end
            if last.old_end != last.old_start and last.new_end != last.new_start:
                last.kind = REPLACE
            else:
                last.kind = DELETE if last.old_end != last.old_start else INSERT
        elif kept and op.kind == EQUAL and last.kind == EQUAL:
            last.old_end, last.new_end = op.old_end, op.new_end
        else:
            ops.items[kept] = op
            kept += 1
    ops.size = kept


cdef int _absorb_wordless_equalities(Edits *ops, str new_text) except -1:
    """``absorb_wordless_equalities``: an equality without a word or a sentence end
    between two edits joins them."""
    cdef Py_ssize_t index
    cdef int before = EQUAL, kind  # ``before``: the kind the previous op had on entry
    for index in range(ops.size):
        kind = ops.items[index].kind
        if (
            kind == EQUAL
            and 0 < index < ops.size - 1
            and before != EQUAL
            and ops.items[index + 1].kind != EQUAL
            and count_words(new_text, ops.items[index].new_start,
                            ops.items[index].new_end) == 0  # (no word: WORD_PATTERN's)
            and _search_end(new_text, ops.items[index].new_start,
                            ops.items[index].new_end) is None
        ):
            ops.items[index].kind = REPLACE
        before = kind
    _merge_edits(ops)
    return 0


cdef int _absorb_function_words(Edits *ops, str new_text, frozenset words,
                                Py_ssize_t most) except -1:
    """``absorb_function_words``: at most ``most`` function ``words`` between two
    replacements join them."""
    cdef Py_ssize_t index
    cdef int before = EQUAL, kind
    for index in range(ops.size):
        kind = ops.items[index].kind
        if (
            kind == EQUAL
            and 0 < index < ops.size - 1
            and before == REPLACE
            and ops.items[index + 1].kind == REPLACE
            and _only_function_words(new_text, ops.items[index].new_start,
                                     ops.items[index].new_end, words, most)
            and _search_end(new_text, ops.items[index].new_start,
                            ops.items[index].new_end) is None
        ):
            ops.items[index].kind = REPLACE
        before = kind
    _merge_edits(ops)
    return 0


cdef bint _only_function_words(str text, Py_ssize_t start, Py_ssize_t end, frozenset words,
                               Py_ssize_t most) except -1:
    """``cleanup._only_function_words`` of ``text[start:end]``; its words counted first
    (compiled), listed only when there are few enough."""
    if not 0 < count_words(text, start, end) <= most:
        return False
    cdef list found = _find_words(text[start:end])
    for word in found:
        if word.casefold() not in words:
            return False
    return True


cdef void _shift_spaces_after_words(Edits *ops, str old_text, str new_text) noexcept:
    """``shift_spaces_after_words``: an insertion or deletion that starts with the
    spaces that follow it is slid past them; ops left empty are dropped."""
    cdef Py_ssize_t index, start, end, limit, shift, kept = 0
    cdef Edit *before
    cdef Edit *op
    cdef Edit *after
    cdef str text
    cdef int kind
    cdef void *data
    for index in range(1, ops.size - 1):
        before, op, after = &ops.items[index - 1], &ops.items[index], &ops.items[index + 1]
        if before.kind != EQUAL or after.kind != EQUAL:
            continue
        if op.kind == DELETE:
            text, start, end, limit = old_text, op.old_start, op.old_end, after.old_end
        elif op.kind == INSERT:
            text, start, end, limit = new_text, op.new_start, op.new_end, after.new_end
        else:
            continue
        kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)
        shift = 0
        while (
            start + shift < end
            and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start + shift))
            and end + shift < limit
            and PyUnicode_READ(kind, data, start + shift)
            == PyUnicode_READ(kind, data, end + shift)
        ):
            shift += 1
        if shift and _same_text(old_text, after.old_start, after.old_start + shift,
                                new_text, after.new_start, after.new_start + shift):
            before.old_end += shift
            before.new_end += shift
            op.old_start += shift
            op.old_end += shift
            op.new_start += shift
            op.new_end += shift
            after.old_start += shift
            after.new_start += shift
    for index in range(ops.size):
        op = &ops.items[index]
        if op.old_end != op.old_start or op.new_end != op.new_start:
            ops.items[kept] = op[0]
            kept += 1
    ops.size = kept


cdef int _clean(Edits *ops, str old_text, str new_text, frozenset words,
                Py_ssize_t most) except -1:
    """``clean``: all passes in order, the absorbing ones only with two edits left."""
    cdef Py_ssize_t index, edits = 0
    _merge_edits(ops)
    for index in range(ops.size):
        edits += ops.items[index].kind != EQUAL
    if edits >= 2:
        _absorb_wordless_equalities(ops, new_text)
        _absorb_function_words(ops, new_text, words, most)
    _shift_spaces_after_words(ops, old_text, new_text)
    return 0


# ---------------------------------------------------------------------------------------
# The row.
# ---------------------------------------------------------------------------------------

def row_ops(str old_text not None, Py_ssize_t old_start, Py_ssize_t old_end,
            str new_text not None, Py_ssize_t new_start, Py_ssize_t new_end,
            tuple label, Py_ssize_t effort, Py_ssize_t least,
            frozenset words not None, Py_ssize_t most):
    """The cleaned ops of one row whose old text is ``old_text[old_start:old_end]`` and
    new text ``new_text[new_start:new_end]``, as a tuple of ``Op``.

    ``label`` is ``None``, or the spans of a changed numbering label as
    ``(old_start, old_end, new_start, new_end)``: then the text before the labels and
    the text after them are diffed apart, with one ``RENUMBER`` op between them.
    ``effort`` and ``least`` bound the diff core's work (``CompareOptions.diff_effort``
    and ``diff_effort_min_tokens``); ``words`` and ``most`` are the function words
    folded between replacements (``function_words``, ``function_word_run``).

    >>> [(op.kind.value, op.old, op.new) for op in row_ops("a cat", 0, 5, "a dog", 0, 5,
    ...                                                    None, 30, 10_000, frozenset(), 2)]
    [('equal', Span(start=0, end=2), Span(start=0, end=2)), ('replace', Span(start=2, end=5), Span(start=2, end=5))]
    """
    cdef Edits ops
    ops.items, ops.size, ops.capacity = NULL, 0, 0
    try:
        if label is None:
            _diff(&ops, old_text, old_start, old_end, new_text, new_start, new_end,
                  effort, least)
        else:
            _diff(&ops, old_text, old_start, label[0], new_text, new_start, label[2],
                  effort, least)
            _add(&ops, RENUMBER, label[0], label[1], label[2], label[3])
            _diff(&ops, old_text, label[1], old_end, new_text, label[3], new_end, effort,
                  least)
        _clean(&ops, old_text, new_text, words, most)
        return tuple(_as_ops(&ops))
    finally:
        free(ops.items)


def cut_ops(op, runs, str old_text not None, str new_text not None, Py_ssize_t effort,
            Py_ssize_t least, frozenset words not None, Py_ssize_t most):
    """``unfold.cut_around(op, runs, diff_piece)`` with ``row_ops`` (no label) as the
    piece diff: ``op`` as the ``runs`` (``(old span, new span)`` pairs, in order,
    inside it) kept equal and each stretch between them diffed and cleaned on its own,
    as a list of ``Op``. One call for all the stretches of a rewritten page.

    >>> old, new = "a cat sat on the mat", "a dog sat on the rug"
    >>> [(op.kind.value, op.old.of(old)) for op in cut_ops(
    ...     Op(OpKind.REPLACE, Span(0, 20), Span(0, 20)), [(Span(6, 17), Span(6, 17))],
    ...     old, new, 30, 10_000, frozenset(), 2)]
    [('equal', 'a '), ('replace', 'cat'), ('equal', ' sat on the '), ('replace', 'mat')]
    """
    cdef Edits out, piece
    cdef Py_ssize_t old_at, new_at, old_start, old_end, new_start, new_end
    if not runs:
        return [op]
    out.items, out.size, out.capacity = NULL, 0, 0
    piece.items, piece.size, piece.capacity = NULL, 0, 0
    try:
        old_at, new_at = op[1][0], op[2][0]
        for old, new in runs:
            (old_start, old_end), (new_start, new_end) = old, new
            _diff_piece(&out, &piece, old_text, old_at, old_start, new_text, new_at, new_start,
                        effort, least, words, most)
            if old_end > old_start or new_end > new_start:
                _join(&out, Edit(EQUAL, old_start, old_end, new_start, new_end))
            old_at, new_at = old_end, new_end
        _diff_piece(&out, &piece, old_text, old_at, op[1][1], new_text, new_at, op[2][1],
                    effort, least, words, most)
        return _as_ops(&out)
    finally:
        free(out.items)
        free(piece.items)


cdef int _diff_piece(Edits *out, Edits *piece, str old_text, Py_ssize_t old_start,
                     Py_ssize_t old_end, str new_text, Py_ssize_t new_start,
                     Py_ssize_t new_end, Py_ssize_t effort, Py_ssize_t least,
                     frozenset words, Py_ssize_t most) except -1:
    """The cleaned ops of one stretch (``row_ops``'s) after ``out``, the first joined
    to the last of ``out`` as ``unfold._extend`` joins them; ``piece`` is scratch."""
    cdef Py_ssize_t index
    piece.size = 0
    _diff(piece, old_text, old_start, old_end, new_text, new_start, new_end, effort, least)
    _clean(piece, old_text, new_text, words, most)
    for index in range(piece.size):
        if index == 0:
            _join(out, piece.items[0])
        else:
            _add(out, piece.items[index].kind, piece.items[index].old_start,
                 piece.items[index].old_end, piece.items[index].new_start,
                 piece.items[index].new_end)
    return 0


cdef int _join(Edits *out, Edit op) except -1:
    """``unfold._append``: ``op`` after the others; an equality after an equality
    joins it."""
    cdef Edit *last
    if out.size and op.kind == EQUAL and out.items[out.size - 1].kind == EQUAL:
        last = &out.items[out.size - 1]
        last.old_end, last.new_end = op.old_end, op.new_end
        return 0
    return _add(out, op.kind, op.old_start, op.old_end, op.new_start, op.new_end)


cdef list _as_ops(Edits *ops):
    """The records as ``Op`` values; where an op starts where the one before ended (on
    a side), one int object serves both (a rewritten page has 200,000 offsets)."""
    cdef list result = []
    cdef Edit op
    cdef Py_ssize_t index, old_at = -1, new_at = -1
    cdef object old_end = None, new_end = None, old_start, new_start
    for index in range(ops.size):
        op = ops.items[index]
        old_start = old_end if op.old_start == old_at else op.old_start
        new_start = new_end if op.new_start == new_at else op.new_start
        old_end = old_start if op.old_end == op.old_start else op.old_end
        new_end = new_start if op.new_end == op.new_start else op.new_end
        old_at, new_at = op.old_end, op.new_end
        result.append(_triple(_OP, _KINDS[op.kind], _span(old_start, old_end),
                              _span(new_start, new_end)))
    return result


# ---------------------------------------------------------------------------------------
# The kept runs: unfold.py's equal_count_chain and joined_runs, over arrays of keys.
# ---------------------------------------------------------------------------------------

def equal_count_chain(const long long[:] old_keys not None, const long long[:] new_keys not None):
    """``unfold.equal_count_chain``: the longest chain of places of keys found as often
    on each side (the k-th on one side with the k-th on the other), as two ``array('q')``
    (old places, new places). Keys are numbered by a sort (``_matching._key_numbers``),
    not hashed: they are hashes of text someone else wrote.

    >>> from array import array
    >>> equal_count_chain(array("q", [1, 2, 2, 3, 4]), array("q", [2, 1, 3, 2, 4, 4]))
    (array('q', [1, 3]), array('q', [0, 2]))
    """
    cdef Py_ssize_t old_count = old_keys.shape[0], new_count = new_keys.shape[0]
    cdef Py_ssize_t most = max(min(old_count, new_count), 1)
    cdef Py_ssize_t *numbers = NULL  # key numbers: old's, then new's
    cdef Py_ssize_t *in_old = NULL  # per key number: how often on the old side
    cdef Py_ssize_t *in_new = NULL  # ... and on the new side
    cdef Py_ssize_t *start = NULL  # per key number: where its new places start in ``places``
    cdef Py_ssize_t *taken = NULL  # per key number: how many of its places are filled, used
    cdef Py_ssize_t *places = NULL  # the new places, grouped by key number, in order
    cdef Py_ssize_t *pairs = NULL  # (i, j) of the k-th with the k-th, by i
    cdef Py_ssize_t *tails = NULL
    cdef Py_ssize_t *tail_index = NULL
    cdef Py_ssize_t *previous = NULL
    cdef Py_ssize_t distinct, i, j, k, count = 0, length
    try:
        numbers = <Py_ssize_t *> malloc(max(old_count + new_count, 1) * sizeof(Py_ssize_t))
        if numbers == NULL:
            raise MemoryError()
        distinct = max(_key_numbers(old_keys, new_keys, numbers), 1)
        in_old = <Py_ssize_t *> calloc(distinct, sizeof(Py_ssize_t))
        in_new = <Py_ssize_t *> calloc(distinct, sizeof(Py_ssize_t))
        start = <Py_ssize_t *> malloc(distinct * sizeof(Py_ssize_t))
        taken = <Py_ssize_t *> calloc(distinct, sizeof(Py_ssize_t))
        places = <Py_ssize_t *> malloc(max(new_count, 1) * sizeof(Py_ssize_t))
        pairs = <Py_ssize_t *> malloc(2 * most * sizeof(Py_ssize_t))
        tails = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        tail_index = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        previous = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        if (in_old == NULL or in_new == NULL or start == NULL or taken == NULL
                or places == NULL or pairs == NULL or tails == NULL or tail_index == NULL
                or previous == NULL):
            raise MemoryError()
        for i in range(old_count):
            in_old[numbers[i]] += 1
        for j in range(new_count):
            in_new[numbers[old_count + j]] += 1
        start[0] = 0
        for k in range(1, distinct):
            start[k] = start[k - 1] + in_new[k - 1]
        for j in range(new_count):
            k = numbers[old_count + j]
            places[start[k] + taken[k]] = j
            taken[k] += 1
        for i in range(old_count):
            k = numbers[i]
            if in_old[k] == in_new[k]:  # then taken[k] counts down the places used
                pairs[2 * count] = i
                pairs[2 * count + 1] = places[start[k] + in_new[k] - taken[k]]
                taken[k] -= 1
                count += 1
        length = _longest_increasing(pairs, count, tails, tail_index, previous)
        return _chain_places(pairs, tails, length)
    finally:
        free(numbers)
        free(in_old)
        free(in_new)
        free(start)
        free(taken)
        free(places)
        free(pairs)
        free(tails)
        free(tail_index)
        free(previous)


cdef tuple _chain_places(const Py_ssize_t *pairs, const Py_ssize_t *chosen, Py_ssize_t length):
    """The chosen pairs (their indexes in ``chosen``) as two arrays: old places, new."""
    cdef array.array old_places = array.clone(_INT64, length, zero=False)
    cdef array.array new_places = array.clone(_INT64, length, zero=False)
    cdef int64_t *olds = <int64_t *> old_places.data.as_voidptr
    cdef int64_t *news = <int64_t *> new_places.data.as_voidptr
    cdef Py_ssize_t c
    for c in range(length):
        olds[c] = pairs[2 * chosen[c]]
        news[c] = pairs[2 * chosen[c] + 1]
    return old_places, new_places


def joined_runs(const long long[:] old_places not None, const long long[:] new_places not None,
                Py_ssize_t last):
    """``unfold.joined_runs``: runs of ``last + 1`` keys from each chained place, as
    (first old, first new, last old, last new); overlapping ones on one alignment
    joined, ones overlapping the run before on another dropped.

    >>> from array import array
    >>> joined_runs(array("q", [0, 1, 2, 9]), array("q", [5, 6, 8, 20]), 3)
    [(0, 5, 4, 9), (9, 20, 12, 23)]
    """
    cdef Py_ssize_t c, i, j, first_i = 0, first_j = 0, end_i = -1, end_j = -1
    cdef bint open_run = False
    cdef list runs = []
    if old_places.shape[0] != new_places.shape[0]:
        raise ValueError("one new place per old place is needed")
    for c in range(old_places.shape[0]):
        i, j = old_places[c], new_places[c]
        if open_run:
            if i - (end_i - last) == j - (end_j - last) and i <= end_i:
                end_i, end_j = i + last, j + last  # overlapping: one run
                continue
            if i <= end_i or j <= end_j:
                continue  # shares keys with the run before, on another alignment
            runs.append((first_i, first_j, end_i, end_j))
        first_i, first_j, end_i, end_j = i, j, i + last, j + last
        open_run = True
    if open_run:
        runs.append((first_i, first_j, end_i, end_j))
    return runs


# ---------------------------------------------------------------------------------------
# The segments: comparison.py's row_segments, the runs joined as its _Runs joins them.
# ---------------------------------------------------------------------------------------

cdef enum:  # a segment's op: its place in _SIGNS (NO_SIGN: no run under way)
    NO_SIGN, KEPT, DELETED, INSERTED

cdef tuple _SIGNS = ("", "=", "-", "+")
cdef object _MOVED_FROM = RowKind.MOVED_FROM, _MOVED_TO = RowKind.MOVED_TO
cdef object _EQUAL_KIND = OpKind.EQUAL


cdef class _Runs:
    """``comparison._Runs``: the run of one op under way, one stretch of one text or
    pieces joined at its end."""

    cdef list out, pieces
    cdef int sign
    cdef str text
    cdef Py_ssize_t start, end

    def __cinit__(self):
        self.out, self.pieces, self.sign, self.text, self.start, self.end = [], [], NO_SIGN, "", 0, 0

    cdef int add(self, int sign, str text, Py_ssize_t start, Py_ssize_t end) except -1:
        if start == end:
            return 0
        if sign != self.sign:
            self.close()
            self.sign, self.text, self.start, self.end = sign, text, start, end
        elif self.text is text and self.end == start and not self.pieces:
            self.end = end
        else:
            if not self.pieces:
                self.pieces.append(self.text[self.start : self.end])
            self.pieces.append(text[start:end])
        return 0

    cdef int close(self) except -1:
        if self.pieces:
            self.out.append((_SIGNS[self.sign], "".join(self.pieces)))
            self.pieces = []
        elif self.sign != NO_SIGN:
            self.out.append((_SIGNS[self.sign], self.text[self.start : self.end]))
        return 0


def row_segments(rows, str old_text not None, str new_text not None, bint exact):
    """``comparison.row_segments``: the change of ``rows`` as ``(op, text)`` pairs, with
    no Python step an op (a large comparison has tens of thousands).

    >>> from variorum.comparison import Row, RowKind, NO_CHANGE
    >>> ops = (Op(OpKind.EQUAL, Span(0, 2), Span(0, 2)),
    ...        Op(OpKind.REPLACE, Span(2, 5), Span(2, 5)))
    >>> row_segments([Row(0, RowKind.CHANGED, Span(0, 5), Span(0, 5), range(1), range(1),
    ...                   ops, NO_CHANGE)], "a cat", "a dog", True)
    [('=', 'a '), ('-', 'cat'), ('+', 'dog')]
    """
    cdef _Runs runs = _Runs()
    cdef Py_ssize_t old_start, old_end, new_start, new_end
    for row in rows:
        kind = row.kind
        old_start, old_end = row.old
        new_start, new_end = row.new
        if kind is _MOVED_FROM:
            runs.add(DELETED, old_text, old_start, old_end)
        elif kind is _MOVED_TO:
            runs.add(INSERTED, new_text, new_start, new_end)
        elif old_start == old_end or new_start == new_end:
            runs.add(DELETED, old_text, old_start, old_end)
            runs.add(INSERTED, new_text, new_start, new_end)
        else:
            for op_kind, old_span, new_span in row.ops:
                old_start, old_end = old_span
                new_start, new_end = new_span
                if op_kind is _EQUAL_KIND and (exact or _same_text(
                    old_text, old_start, old_end, new_text, new_start, new_end
                )):
                    runs.add(KEPT, old_text, old_start, old_end)
                else:
                    runs.add(DELETED, old_text, old_start, old_end)
                    runs.add(INSERTED, new_text, new_start, new_end)
    runs.close()
    return runs.out


# ---------------------------------------------------------------------------------------
# The words a row keeps: unpair.py's kept_words.
# ---------------------------------------------------------------------------------------

cdef Py_ssize_t _RECORD = RECORD, _BODY_START = BODY_START, _BODY_END = BODY_END


def kept_words(ops, str text not None, const long long[:] records not None,
               Py_ssize_t first, Py_ssize_t stop, Py_ssize_t enough):
    """``unpair.kept_words``: the words of the bodies of blocks ``first`` up to ``stop``
    that the equal ops hold, counted until ``enough``.

    >>> from array import array
    >>> records = array("q", [1, 0, 9, 4, 9, 0, 3, 0])  # "(a) a big cat", labelled "(a)"
    >>> kept_words([Op(OpKind.EQUAL, Span(0, 6), Span(0, 6))], "(a) a big cat", records,
    ...            0, 1, 5)
    1
    """
    cdef Py_ssize_t kept = 0, at, start, end, op_start, op_end
    for kind, old_span, _ in ops:
        if kind is not _EQUAL_KIND:
            continue
        op_start, op_end = old_span
        for at in range(first * _RECORD, stop * _RECORD, _RECORD):
            start = max(op_start, records[at + _BODY_START])
            end = min(op_end, records[at + _BODY_END])
            if start < end:
                kept += count_words(text, start, end)
        if kept >= enough:
            break
    return kept


# The rows of whole inserted and deleted blocks: pipeline.whole_rows, document.spans
# ---------------------------------------------------------------------------------------

def spans(starts, ends):
    """``document.spans``: a Span of each start and end, made of two ints as ``_span``
    makes one: no copies, and not tracked by the collector (which walked the 90,000
    spans of two unrelated documents' whole rows once more).

    >>> spans([0, 4], [3, 9])
    [Span(start=0, end=3), Span(start=4, end=9)]
    """
    cdef list made = []
    cdef object end
    ends = iter(ends)
    for start in starts:
        end = next(ends, _NO_END)
        if end is _NO_END:
            raise ValueError("spans needs as many ends as starts")
        if type(start) is int and type(end) is int:
            made.append(_span(start, end))
        else:
            made.append(tuple.__new__(_SPAN, (start, end)))
    if next(ends, _NO_END) is not _NO_END:
        raise ValueError("spans needs as many ends as starts")
    return made


cdef object _NO_END = object()  # (an end that no iterable gives)


def whole_rows(Py_ssize_t first, kind, op_kind, list old_spans not None,
               list new_spans not None, list old_blocks not None, list new_blocks not None,
               list stats not None):
    """``pipeline.whole_rows``: a Row numbered from ``first`` for each of the spans, blocks
    and stats, of ``kind``, with one op of ``op_kind`` over its two spans. Each Row's
    fields are set as its own ``__init__`` sets them (``object.__setattr__``) but without
    a Python call a field (2 µs a row: two unrelated documents are 90,000 such rows).

    >>> from variorum.comparison import OpKind, RowKind, Stats
    >>> rows = whole_rows(4, RowKind.INSERTED, OpKind.INSERT, [Span(0, 0)], [Span(0, 6)],
    ...                   [range(0, 0)], [range(0, 1)], [Stats(words_inserted=1)])
    >>> rows[0].index, rows[0].ops, rows[0].link
    (4, (Op(kind=<OpKind.INSERT: 'insert'>, old=Span(start=0, end=0), new=Span(start=0, end=6)),), None)
    """
    cdef Py_ssize_t count = len(old_spans), k, field
    cdef list rows = []
    cdef tuple values
    if not len(new_spans) == len(old_blocks) == len(new_blocks) == len(stats) == count:
        raise ValueError("whole_rows needs as many of each column")
    for k in range(count):
        old_span, new_span = old_spans[k], new_spans[k]
        values = (first + k, kind, old_span, new_span, old_blocks[k], new_blocks[k],
                  (_triple(_OP, op_kind, old_span, new_span),), stats[k], None)
        rows.append(_row(values))
    return rows


cdef object _row(tuple values):
    """``Row(*values)``, each field set as its own ``__init__`` sets it
    (``object.__setattr__``) but without a Python call a field."""
    cdef Py_ssize_t field
    cdef object row = PyType_GenericAlloc(<PyTypeObject *>_ROW, 0)
    for field in range(len(_ROW_FIELDS)):
        PyObject_GenericSetAttr(row, _ROW_FIELDS[field], values[field])
    return row


def equal_row(Py_ssize_t index, array.array old_bounds not None,
              array.array new_bounds not None, old not None, new not None):
    """``settled.equal_row``: the row of unchanged blocks ``old`` and ``new``, made
    without a Python call a field (most rows of a document edited in places).

    >>> from array import array
    >>> row = equal_row(3, array("q", [0, 4]), array("q", [0, 4]), range(0, 1), range(0, 1))
    >>> row.index, row.kind.value, row.old, row.ops[0].kind.value, row.stats.words_inserted
    (3, 'equal', Span(start=0, end=4), 'equal', 0)
    """
    if old_bounds.typecode != "q" or new_bounds.typecode != "q":
        raise TypeError("equal_row reads arrays of 64-bit integers ('q')")
    old_span = _region(old_bounds, old.start, old.stop)
    new_span = _region(new_bounds, new.start, new.stop)
    return _row((index, _EQUAL_ROW, old_span, new_span, old, new,
                 (_triple(_OP, _KINDS[EQUAL], old_span, new_span),), NO_CHANGE, None))


# ---------------------------------------------------------------------------------------
# The settled rows: settled.py's settled_rows (and the moved_sentences and unpair rules
# it reads).
# ---------------------------------------------------------------------------------------

cdef Py_ssize_t _PREFILTERED = PREFILTERED_CHARS, _SPAN_END = SPAN_END
cdef Py_ssize_t _LABEL_START = LABEL_START
cdef object _EQUAL_ROW = RowKind.EQUAL, _RENUMBERED_ROW = RowKind.RENUMBERED
cdef object _SPLIT_ROW = RowKind.SPLIT, _MERGED_ROW = RowKind.MERGED
cdef object _CHANGED_ROW = RowKind.CHANGED


def settled_rows(str old_text not None, str new_text not None,
                 array.array old_records not None, array.array new_records not None,
                 array.array old_bounds not None, array.array new_bounds not None, options):
    """``settled.settled_rows``: the ``settled_row`` of two Documents' texts, records and
    region bounds (``array('q')``), as one callable ``(index, old, new) -> Row or None``;
    the row's ops are C records until it is known to be settled.

    >>> from array import array
    >>> from variorum.options import CompareOptions
    >>> records = array("q", [1, 0, 8, 0, 8, -1, -1, 0])  # one paragraph, "a b c d."
    >>> row = settled_rows("a b c d.", "a b x d.", records, records, array("q", [0, 8]),
    ...                    array("q", [0, 8]), CompareOptions())(0, range(0, 1), range(0, 1))
    >>> [(op.kind.value, op.old, op.new) for op in row.ops][1], row.kind.value, row.stats
    (('replace', Span(start=4, end=5), Span(start=4, end=5)), 'changed', Stats(words_inserted=1, words_deleted=1, words_moved=0))
    """
    for column in (old_records, new_records, old_bounds, new_bounds):
        if column.typecode != "q":
            raise TypeError("settled_rows reads arrays of 64-bit integers ('q')")
    return _SettledRows(old_text, new_text, old_records, new_records, old_bounds,
                        new_bounds, options)


cdef class _SettledRows:
    """The texts, columns and options ``settled_rows`` reads, and a Stats value shared
    by all rows of the same counts (immutable)."""
    cdef str old_text, new_text
    cdef array.array old_records, new_records, old_bounds, new_bounds
    cdef Py_ssize_t effort, least, most, kept_run_words, enough
    cdef frozenset words
    cdef dict stats

    def __init__(self, str old_text, str new_text, array.array old_records,
                 array.array new_records, array.array old_bounds, array.array new_bounds,
                 options):
        self.old_text, self.new_text = old_text, new_text
        self.old_records, self.new_records = old_records, new_records
        self.old_bounds, self.new_bounds = old_bounds, new_bounds
        self.effort, self.least = options.diff_effort, options.diff_effort_min_tokens
        self.words, self.most = options.function_words, options.function_word_run
        self.kept_run_words, self.enough = options.kept_run_words, options.pair_kept_words
        self.stats = {}

    def __call__(self, index, old not None, new not None):
        cdef Py_ssize_t old_first = old.start, old_stop = old.stop
        cdef Py_ssize_t new_first = new.start, new_stop = new.stop
        cdef Edits ops
        cdef object old_span = _region(self.old_bounds, old_first, old_stop)
        cdef object new_span = _region(self.new_bounds, new_first, new_stop)
        cdef Py_ssize_t old_start = old_span[0], old_end = old_span[1]
        cdef Py_ssize_t new_start = new_span[0], new_end = new_span[1]
        cdef object made
        if not self._same_labels(old_first, old_stop, new_first, new_stop):
            return None
        ops.items, ops.size, ops.capacity = NULL, 0, 0
        try:
            if _same_text(self.old_text, old_start, old_end, self.new_text, new_start,
                          new_end):
                _add(&ops, EQUAL, old_start, old_end, new_start, new_end)
                made = (_triple(_OP, _KINDS[EQUAL], old_span, new_span),)
            else:
                _diff(&ops, self.old_text, old_start, old_end, self.new_text, new_start,
                      new_end, self.effort, self.least)
                _clean(&ops, self.old_text, self.new_text, self.words, self.most)
                if not self._settled(&ops) or _may_slide(&ops, self.old_text, self.new_text):
                    return None
                made = None
            if self._kept(&ops, old_first, old_stop) < self.enough:
                return None
            return self._settled_row(&ops, made, index, old_span, new_span, old, new)
        finally:
            free(ops.items)

    cdef bint _same_labels(self, Py_ssize_t old_first, Py_ssize_t old_stop,
                           Py_ssize_t new_first, Py_ssize_t new_stop):
        """``settled._same_labels``."""
        cdef const long long *old_records = self.old_records.data.as_longlongs
        cdef const long long *new_records = self.new_records.data.as_longlongs
        cdef Py_ssize_t old_at, new_at
        if old_stop - old_first != 1 or new_stop - new_first != 1:
            return True
        old_at, new_at = old_first * _RECORD + _LABEL_START, new_first * _RECORD + _LABEL_START
        if old_records[old_at] < 0 or new_records[new_at] < 0:
            return old_records[old_at] < 0 and new_records[new_at] < 0
        return _same_text(self.old_text, old_records[old_at], old_records[old_at + 1],
                          self.new_text, new_records[new_at], new_records[new_at + 1])

    cdef bint _settled(self, Edits *ops) except -1:
        """``settled.settled`` of C records."""
        cdef Py_ssize_t index, edits = 0
        cdef Edit edit
        if ops.size > 3:
            return False
        for index in range(ops.size):
            if ops.items[index].kind != EQUAL:
                edits += 1
                edit = ops.items[index]
        if edits != 1:
            return False
        if edit.kind != REPLACE:
            return True
        if self.kept_run_words < 3 or max(edit.old_end - edit.old_start,
                                          edit.new_end - edit.new_start) > _PREFILTERED:
            return False
        if (_search_end(self.old_text, edit.old_start, edit.old_end) is not None
                and _search_end(self.new_text, edit.new_start, edit.new_end) is not None):
            return False
        return not _share_word(self.old_text, edit.old_start, edit.old_end, self.new_text,
                               edit.new_start, edit.new_end)

    cdef Py_ssize_t _kept(self, Edits *ops, Py_ssize_t first, Py_ssize_t stop) except -1:
        """``unpair.kept_words`` of C records, counted until ``enough``."""
        cdef const long long *records = self.old_records.data.as_longlongs
        cdef Py_ssize_t kept = 0, index, at, start, end
        cdef Edit op
        for index in range(ops.size):
            op = ops.items[index]
            if op.kind != EQUAL:
                continue
            for at in range(first * _RECORD, stop * _RECORD, _RECORD):
                start = max(op.old_start, records[at + _BODY_START])
                end = min(op.old_end, records[at + _BODY_END])
                if start < end:
                    kept += count_words(self.old_text, start, end)
            if kept >= self.enough:
                break
        return kept

    cdef object _settled_row(self, Edits *ops, object made, object at, object old_span,
                             object new_span, object old_blocks, object new_blocks):
        """The Row numbered ``at``; None if its last edit stands in the separator after
        its blocks (``settled.settled_row``)."""
        cdef const long long *records = self.old_records.data.as_longlongs
        cdef Py_ssize_t index, last = -1, inserted = 0, deleted = 0, end = -1
        cdef Py_ssize_t old_stop = old_blocks.stop
        cdef Py_ssize_t old_count = old_stop - old_blocks.start
        cdef Py_ssize_t new_count = new_blocks.stop - new_blocks.start
        cdef bint renumbers = True
        cdef Edit op
        for index in range(ops.size):
            op = ops.items[index]
            if op.kind != EQUAL:
                last = index
                renumbers = renumbers and op.kind == RENUMBER
        if old_count:
            end = records[(old_stop - 1) * _RECORD + _SPAN_END]
        if last >= 0 and ops.items[last].old_start >= end:
            return None
        if last < 0:
            kind = _EQUAL_ROW
        elif renumbers:
            kind = _RENUMBERED_ROW
        elif old_count == 1 and new_count > 1:
            kind = _SPLIT_ROW
        elif old_count > 1 and new_count == 1:
            kind = _MERGED_ROW
        else:
            kind = _CHANGED_ROW
        for index in range(ops.size):  # (``comparison.row_stats``: no row here is moved)
            op = ops.items[index]
            if op.kind == EQUAL or op.kind == RENUMBER:
                continue
            if op.new_start != op.new_end:
                inserted += count_words(self.new_text, op.new_start, op.new_end)
            if op.old_start != op.old_end:
                deleted += count_words(self.old_text, op.old_start, op.old_end)
        key = (inserted, deleted)
        stats = self.stats.get(key)
        if stats is None:
            stats = self.stats[key] = _STATS(inserted, deleted, 0)
        if made is None:
            made = tuple(_as_ops(ops))
        return _row((at, kind, old_span, new_span, old_blocks, new_blocks, made, stats, None))


cdef object _region(array.array bounds, Py_ssize_t first, Py_ssize_t stop):
    """``Document.region`` of blocks ``first`` up to ``stop``, from its ``bounds``."""
    cdef Py_ssize_t last = len(bounds) - 1
    cdef const long long *at = bounds.data.as_longlongs
    cdef object end = at[stop if stop < last else last]
    if first >= stop:
        return _span(end, end)
    return _span(at[first], end)


cdef inline bint _is_end(Py_UCS4 c) noexcept:
    """``c in moved_sentences.ENDS``."""
    return c == u"." or c == u"!" or c == u"?" or c == 0x3002 or c == 0xFF01 or c == 0xFF1F


cdef bint _may_slide(Edits *ops, str old_text, str new_text) noexcept:
    """``settled.may_slide`` of C records: an insertion or deletion between two
    equalities that ``slide_to_sentences`` would move (or, at a text's very edge, that
    the rule reads with Python's negative indexes: left to it)."""
    cdef Py_ssize_t index, last = ops.size - 1, start, end, low, high
    cdef Edit op
    cdef str text
    for index in range(1, last):
        op = ops.items[index]
        if op.kind != INSERT and op.kind != DELETE:
            continue
        if ops.items[index - 1].kind != EQUAL or ops.items[index + 1].kind != EQUAL:
            continue
        if op.kind == INSERT:
            text, start, end = new_text, op.new_start, op.new_end
            low, high = ops.items[index - 1].new_start, ops.items[index + 1].new_end
        else:
            text, start, end = old_text, op.old_start, op.old_end
            low, high = ops.items[index - 1].old_start, ops.items[index + 1].old_end
        if start < 1 or end >= PyUnicode_GET_LENGTH(text):
            return True
        if _sentence_shift(text, start, end, low + (index > 1), high - (index + 1 < last)):
            return True
    return False


cdef Py_ssize_t _sentence_shift(str text, Py_ssize_t start, Py_ssize_t end, Py_ssize_t low,
                                Py_ssize_t high) noexcept:
    """``moved_sentences.sentence_shift`` (``0 < start < end < len(text)``)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text), earlier = 0, later = 0
    cdef bint found = False
    if (PyUnicode_READ(kind, data, start - 1) != PyUnicode_READ(kind, data, end - 1)
            and PyUnicode_READ(kind, data, start) != PyUnicode_READ(kind, data, end)):
        return 0
    if _sentences(kind, data, length, start, end):
        return 0
    while start - earlier > low and PyUnicode_READ(
        kind, data, start - earlier - 1
    ) == PyUnicode_READ(kind, data, end - earlier - 1):
        earlier += 1
        if _sentences(kind, data, length, start - earlier, end - earlier):
            found = True
            break
    if not found:
        earlier = 0
    found = False
    while end + later < high and PyUnicode_READ(
        kind, data, start + later
    ) == PyUnicode_READ(kind, data, end + later):
        later += 1
        if _sentences(kind, data, length, start + later, end + later):
            found = True
            break
    if not found:
        later = 0
    if earlier and (not later or earlier <= later):
        return -earlier
    return later


cdef bint _sentences(int kind, void *data, Py_ssize_t length, Py_ssize_t start,
                     Py_ssize_t end) noexcept:
    """``moved_sentences._sentences``."""
    cdef Py_ssize_t at = end
    cdef Py_UCS4 c
    if start >= end or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
        return False
    if not _begins(kind, data, start):
        return False
    while at > start:
        c = PyUnicode_READ(kind, data, at - 1)
        if not Py_UNICODE_ISSPACE(c) or c == u"\n":
            break
        at -= 1
    if at < end and at > start and _is_end(PyUnicode_READ(kind, data, at - 1)):
        return True
    return _ends(kind, data, length, end)


cdef bint _begins(int kind, void *data, Py_ssize_t at) noexcept:
    """``moved_sentences._begins``."""
    cdef Py_UCS4 c
    at -= 1
    while at >= 0:
        c = PyUnicode_READ(kind, data, at)
        if not Py_UNICODE_ISSPACE(c):
            break
        if c == u"\n":
            return True
        at -= 1
    return at < 0 or _is_end(PyUnicode_READ(kind, data, at))


cdef bint _ends(int kind, void *data, Py_ssize_t length, Py_ssize_t at) noexcept:
    """``moved_sentences._ends``."""
    if at == length or PyUnicode_READ(kind, data, at) == u"\n":
        return True
    if _is_end(PyUnicode_READ(kind, data, at)) and (
        at + 1 == length or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at + 1))
    ):
        return True
    return _is_end(PyUnicode_READ(kind, data, at - 1)) and Py_UNICODE_ISSPACE(
        PyUnicode_READ(kind, data, at)
    )
