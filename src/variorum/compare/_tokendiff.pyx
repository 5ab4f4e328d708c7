# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""The word diff's core, compiled: diff-match-patch's diff and semantic cleanup.

``diff_counts(a, b, timelimit)`` gives what ``fast_diff_match_patch.diff(a, b,
timelimit=timelimit, checklines=False, cleanup="Semantic", counts_only=True)`` gives
whenever that call finishes within its time limit: the ops' kinds ("=", "-", "+") and
lengths in code points. The steps are the ones Neil Fraser's diff-match-patch documents
(and Myers' 1986 paper the bisection): common prefix and suffix, the trivial cases, the
half match (only when there is a time limit), Myers' bisection from both ends split at
the middle snake, a merge pass after every diff; then the semantic cleanup (dropping
small equalities, the lossless shift of edits to word and line boundaries, overlaps of
a deletion and an insertion). No merge pass follows the cleanup, so two edits of a kind
can be neighbours, as in the C++ port's results. ``tests/test_tokendiff.py`` checks it
against ``fast_diff_match_patch``.

Why compiled again: the C++ port reads ``clock()`` at every step of the bisection, a
system call here (about 1 µs each, more than the step itself). This module reads
``CLOCK_MONOTONIC``, which the vDSO serves from user space; the limit is then wall time
rather than the process's CPU time, the same for a single-threaded diff.

An op is a kind and a length only: every pass keeps both texts rebuildable from the
ops, so an op's text is always the slice of ``a`` (equal, delete) or ``b`` (insert)
at its offset, which ``_locate`` recomputes after every change.
"""

from cpython.mem cimport PyMem_Free
from libc.math cimport INFINITY, sqrt
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcmp, memmove
from posix.time cimport CLOCK_MONOTONIC, clock_gettime, timespec

cdef extern from "Python.h":
    Py_UCS4 *PyUnicode_AsUCS4Copy(object text) except NULL

cdef extern from "<wctype.h>":
    ctypedef unsigned int wint_t
    int iswalnum(wint_t c) nogil
    int iswspace(wint_t c) nogil


cdef enum:  # an op's kind
    DELETE = -1
    EQUAL = 0
    INSERT = 1

cdef tuple _SYMBOLS = ("-", "=", "+")  # by kind + 1


cdef struct Op:
    int kind
    Py_ssize_t n  # length in code points
    Py_ssize_t a  # offset of its text in a (equal, delete); set by _locate
    Py_ssize_t b  # offset of its text in b (equal, insert); set by _locate


cdef struct Ops:  # a growable list of ops (freed by its owner)
    Op *op
    Py_ssize_t size, cap


cdef struct Texts:  # the two texts the offsets of a list of ops refer to
    Py_UCS4 *a
    Py_UCS4 *b


# ---------------------------------------------------------------------------------------
# Lists of ops
# ---------------------------------------------------------------------------------------

cdef int _insert(Ops *ops, Py_ssize_t i, int kind, Py_ssize_t n) except -1:
    cdef Op *grown
    if ops.size == ops.cap:
        ops.cap = max(16, 2 * ops.cap)
        grown = <Op *>realloc(ops.op, ops.cap * sizeof(Op))
        if grown == NULL:
            raise MemoryError()
        ops.op = grown
    memmove(&ops.op[i + 1], &ops.op[i], (ops.size - i) * sizeof(Op))
    ops.op[i] = Op(kind, n, 0, 0)
    ops.size += 1
    return 0


cdef inline int _push(Ops *ops, int kind, Py_ssize_t n) except -1:
    return _insert(ops, ops.size, kind, n)


cdef inline void _remove(Ops *ops, Py_ssize_t i):
    ops.size -= 1
    memmove(&ops.op[i], &ops.op[i + 1], (ops.size - i) * sizeof(Op))


cdef void _locate(Ops *ops):
    """Sets every op's offsets in a and b from the lengths before it."""
    cdef Py_ssize_t i, a = 0, b = 0
    for i in range(ops.size):
        ops.op[i].a = a
        ops.op[i].b = b
        if ops.op[i].kind != INSERT:
            a += ops.op[i].n
        if ops.op[i].kind != DELETE:
            b += ops.op[i].n


cdef inline Py_UCS4 *_text(Texts t, Op *op):
    return t.b + op.b if op.kind == INSERT else t.a + op.a


# ---------------------------------------------------------------------------------------
# Strings of code points
# ---------------------------------------------------------------------------------------

cdef inline bint _same(Py_UCS4 *x, Py_UCS4 *y, Py_ssize_t n):
    return memcmp(x, y, n * sizeof(Py_UCS4)) == 0


cdef Py_ssize_t _prefix(Py_UCS4 *x, Py_UCS4 *y, Py_ssize_t n):
    """The length of the common prefix of x[:n] and y[:n]."""
    cdef Py_ssize_t i = 0
    while i < n and x[i] == y[i]:
        i += 1
    return i


cdef Py_ssize_t _suffix(Py_UCS4 *x, Py_ssize_t nx, Py_UCS4 *y, Py_ssize_t ny):
    """The length of the common suffix of x[:nx] and y[:ny]."""
    cdef Py_ssize_t i = 0, n = min(nx, ny)
    while i < n and x[nx - 1 - i] == y[ny - 1 - i]:
        i += 1
    return i


cdef Py_ssize_t _find(Py_UCS4 *hay, Py_ssize_t nh, Py_UCS4 *needle, Py_ssize_t nn,
                      Py_ssize_t start):
    """The first offset >= start of needle[:nn] in hay[:nh], or -1."""
    cdef Py_ssize_t i
    for i in range(start, nh - nn + 1):
        if hay[i] == needle[0] and _same(hay + i, needle, nn):
            return i
    return -1


cdef Py_ssize_t _overlap(Py_UCS4 *x, Py_ssize_t nx, Py_UCS4 *y, Py_ssize_t ny) except -1:
    """The length of the longest suffix of x[:nx] that is a prefix of y[:ny].

    Knuth-Morris-Pratt: y's prefix is the pattern and x's suffix the text, so that a
    deletion and an insertion of 200,000 characters cost linear time, not quadratic.
    """
    cdef Py_ssize_t m = min(nx, ny), i, q = 0
    cdef Py_ssize_t *fail
    if m == 0:
        return 0
    fail = <Py_ssize_t *>malloc(m * sizeof(Py_ssize_t))
    if fail == NULL:
        raise MemoryError()
    fail[0] = 0
    for i in range(1, m):
        while q and y[i] != y[q]:
            q = fail[q - 1]
        if y[i] == y[q]:
            q += 1
        fail[i] = q
    q = 0
    x += nx - m
    for i in range(m):
        while q and x[i] != y[q]:
            q = fail[q - 1]
        if x[i] == y[q]:
            q += 1
    free(fail)
    return q


cdef inline double _now() noexcept nogil:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec + ts.tv_nsec * 1e-9


# ---------------------------------------------------------------------------------------
# The diff
cdef struct Limits:  # where a diff settles for less than the minimal
    double deadline  # CLOCK_MONOTONIC seconds, or INFINITY
    Py_ssize_t *budget  # steps of the bisections left for the whole diff, or NULL


# ---------------------------------------------------------------------------------------

cdef int _diff(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb, Limits lim,
               Ops *out) except -1:
    """Appends the merged ops of a[:la] -> b[:lb] to out (diff-match-patch's diff_main)."""
    cdef Ops ops = Ops(NULL, 0, 0)
    cdef Py_ssize_t p, s, i
    if la == lb and _same(a, b, la):
        if la:
            _push(out, EQUAL, la)
        return 0
    try:
        p = _prefix(a, b, min(la, lb))
        s = _suffix(a + p, la - p, b + p, lb - p)
        if p:
            _push(&ops, EQUAL, p)
        _compute(a + p, la - p - s, b + p, lb - p - s, lim, &ops)
        if s:
            _push(&ops, EQUAL, s)
        _merge(&ops, Texts(a, b))
        for i in range(ops.size):
            _push(out, ops.op[i].kind, ops.op[i].n)
    finally:
        free(ops.op)
    return 0


cdef int _compute(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb, Limits lim,
                  Ops *ops) except -1:
    """The ops of two texts without a common prefix or suffix."""
    cdef Py_ssize_t i
    if la == 0:
        return _push(ops, INSERT, lb)
    if lb == 0:
        return _push(ops, DELETE, la)
    # the shorter text inside the longer one (the longer is b when both are as long)
    if la > lb:
        i = _find(a, la, b, lb, 0)
        if i >= 0:
            _push(ops, DELETE, i)
            _push(ops, EQUAL, lb)
            return _push(ops, DELETE, la - i - lb)
    else:
        i = _find(b, lb, a, la, 0)
        if i >= 0:
            _push(ops, INSERT, i)
            _push(ops, EQUAL, la)
            return _push(ops, INSERT, lb - i - la)
    if la == 1 or lb == 1:  # one character, not in the other text
        _push(ops, DELETE, la)
        return _push(ops, INSERT, lb)
    # diff-match-patch trades optimality for speed this way only under a time limit
    if lim.deadline != INFINITY and _half_match(a, la, b, lb, lim, ops):
        return 0
    return _bisect(a, la, b, lb, lim, ops)


cdef struct Half:  # a common substring: its offsets in the longer, shorter text, length
    Py_ssize_t lpos, spos, n


cdef bint _half_match_at(Py_UCS4 *l, Py_ssize_t ll, Py_UCS4 *s, Py_ssize_t ls,
                         Py_ssize_t i, Half *best):
    """Whether l's quarter from i, grown both ways, is common and half as long as l."""
    cdef Py_ssize_t seed = ll // 4, j, pre, suf
    best.n = 0
    j = _find(s, ls, l + i, seed, 0)
    while j >= 0:
        pre = _prefix(l + i, s + j, min(ll - i, ls - j))
        suf = _suffix(l, i, s, j)
        if best.n < pre + suf:
            best[0] = Half(i - suf, j - suf, pre + suf)
        j = _find(s, ls, l + i, seed, j + 1)
    return best.n * 2 >= ll


cdef bint _half_match(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb,
                      Limits lim, Ops *ops) except -1:
    """Splits at a common substring at least half as long as the longer text, if any."""
    cdef Py_UCS4 *l = a if la > lb else b
    cdef Py_UCS4 *s = b if la > lb else a
    cdef Py_ssize_t ll = max(la, lb), ls = min(la, lb), pa, pb
    cdef Half h1, h2, h
    cdef bint ok1, ok2
    if ll < 4 or ls * 2 < ll:
        return False
    ok1 = _half_match_at(l, ll, s, ls, (ll + 3) // 4, &h1)
    ok2 = _half_match_at(l, ll, s, ls, (ll + 1) // 2, &h2)
    if not ok1 and not ok2:
        return False
    h = h1 if ok1 and (not ok2 or h1.n > h2.n) else h2
    pa = h.lpos if la > lb else h.spos
    pb = h.spos if la > lb else h.lpos
    _diff(a, pa, b, pb, lim, ops)
    _push(ops, EQUAL, h.n)
    _diff(a + pa + h.n, la - pa - h.n, b + pb + h.n, lb - pb - h.n, lim, ops)
    return True


cdef Py_ssize_t _steps_afforded(Py_ssize_t budget, Py_ssize_t max_d) noexcept:
    """How many steps d = 0, 1, ... (at most ``max_d``) of a bisection ``budget`` pays
    for: step d costs 2d + 2, charged before it runs, and the step that overdraws the
    budget does not run, so step d runs when (d + 1)(d + 2) <= budget."""
    cdef Py_ssize_t d
    if budget < 2:
        return 0
    d = min(max(<Py_ssize_t>sqrt(<double>budget) - 2, 0), max_d)  # near the answer
    while d > 0 and d * (d + 1) > budget:  # (step d - 1 not paid for)
        d -= 1
    while d < max_d and (d + 1) * (d + 2) <= budget:
        d += 1
    return d


cdef Py_ssize_t _apart(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb,
                       Py_ssize_t beyond) except -2:
    """How many characters of a and b have no copy on the other side (the differences
    of their counts, a lower bound of the edits between them), counted until it passes
    ``beyond``."""
    cdef int *counts = <int *>calloc(0x110000, sizeof(int))  # per code point
    cdef Py_ssize_t i, apart = 0
    cdef Py_UCS4 c
    if counts == NULL:
        raise MemoryError()
    for i in range(la):
        counts[a[i]] += 1
    for i in range(lb):
        counts[b[i]] -= 1
    for i in range(la + lb):
        if apart > beyond:
            break
        c = a[i] if i < la else b[i - la]
        apart += abs(counts[c])
        counts[c] = 0
    free(counts)
    return apart


cdef bint _settles_early = True


def settle_early(bint on):
    """Turns ``_out_of_reach``'s shortcut on or off (on by default): the tests check that
    it changes no diff."""
    global _settles_early
    _settles_early = on


cdef bint _out_of_reach(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb,
                        Limits lim) except -1:
    """Whether the budget runs out before the bisection could find its middle snake,
    charged as the bisection would be: a snake found at step d is a path of at most 2d
    edits, and the counts of the two texts' characters differ by more than any path the
    steps afforded reach. A rewritten page (hundreds of thousands of tokens) is then
    settled at once, not after the budget's tens of millions of diagonals."""
    cdef Py_ssize_t max_d = (la + lb + 1) // 2, afforded
    if lim.budget == NULL or lim.deadline != INFINITY or not _settles_early:
        return False
    afforded = _steps_afforded(lim.budget[0], max_d)
    if afforded == max_d or _apart(a, la, b, lb, 2 * (afforded - 1)) <= 2 * (afforded - 1):
        return False  # the budget does not run out, or a snake may lie within reach
    lim.budget[0] -= (afforded + 1) * (afforded + 2)  # the step that overdraws it
    return True


cdef int _bisect(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb, Limits lim,
                 Ops *ops) except -1:
    """Myers' bisection: the middle snake, then the diffs on either side of it.

    v1[k] is the furthest x on diagonal k from the start, v2[k] from the end; the
    forward pass checks for an overlap when delta is odd, the reverse pass when even.
    """
    if _out_of_reach(a, la, b, lb, lim):
        _push(ops, DELETE, la)
        return _push(ops, INSERT, lb)
    cdef Py_ssize_t max_d = (la + lb + 1) // 2, off = max_d, size = 2 * max_d
    cdef Py_ssize_t delta = la - lb, d, k, i, x, y, x2
    cdef Py_ssize_t k1start = 0, k1end = 0, k2start = 0, k2end = 0
    cdef bint front = delta % 2 != 0, timed = lim.deadline != INFINITY
    cdef Py_ssize_t *v1 = <Py_ssize_t *>malloc(2 * size * sizeof(Py_ssize_t))
    cdef Py_ssize_t *v2 = v1 + size
    if v1 == NULL:
        raise MemoryError()
    for i in range(2 * size):
        v1[i] = -1
    v1[off + 1] = 0
    v2[off + 1] = 0
    for d in range(max_d):
        if timed and _now() > lim.deadline:
            break
        if lim.budget != NULL:
            lim.budget[0] -= 2 * d + 2  # the diagonals this step visits
            if lim.budget[0] < 0:
                break
        k = -d + k1start
        while k <= d - k1end:
            i = off + k
            x = v1[i + 1] if k == -d or (k != d and v1[i - 1] < v1[i + 1]) else v1[i - 1] + 1
            y = x - k
            while x < la and y < lb and a[x] == b[y]:
                x += 1
                y += 1
            v1[i] = x
            if x > la:
                k1end += 2
            elif y > lb:
                k1start += 2
            elif front:
                i = off + delta - k
                if 0 <= i < size and v2[i] != -1 and x >= la - v2[i]:
                    return _split(a, la, b, lb, x, y, lim, ops, v1)
            k += 2
        k = -d + k2start
        while k <= d - k2end:
            i = off + k
            x2 = v2[i + 1] if k == -d or (k != d and v2[i - 1] < v2[i + 1]) else v2[i - 1] + 1
            y = x2 - k
            while x2 < la and y < lb and a[la - x2 - 1] == b[lb - y - 1]:
                x2 += 1
                y += 1
            v2[i] = x2
            if x2 > la:
                k2end += 2
            elif y > lb:
                k2start += 2
            elif not front:
                i = off + delta - k
                if 0 <= i < size and v1[i] != -1 and v1[i] >= la - x2:
                    x = v1[i]
                    return _split(a, la, b, lb, x, off + x - i, lim, ops, v1)
            k += 2
    free(v1)
    # no overlap within the limits: the texts have nothing in common worth finding
    _push(ops, DELETE, la)
    return _push(ops, INSERT, lb)


cdef int _split(Py_UCS4 *a, Py_ssize_t la, Py_UCS4 *b, Py_ssize_t lb, Py_ssize_t x,
                Py_ssize_t y, Limits lim, Ops *ops, Py_ssize_t *v) except -1:
    """The diffs of both sides of the middle snake's point (x, y); frees v first."""
    free(v)
    _diff(a, x, b, y, lim, ops)
    return _diff(a + x, la - x, b + y, lb - y, lim, ops)


# ---------------------------------------------------------------------------------------
# Merge pass
# ---------------------------------------------------------------------------------------

cdef int _merge(Ops *ops, Texts t) except -1:
    """diff_cleanupMerge: one deletion and one insertion between equalities, their common
    prefix and suffix moved into the equalities; then single edits slid sideways where
    that removes an equality (then again, if it did)."""
    _merge_runs(ops, t)
    if _slide_edits(ops, t):
        _merge(ops, t)
    return 0


cdef int _merge_runs(Ops *ops, Texts t) except -1:
    cdef Py_ssize_t p = 0, nd = 0, ni = 0, ld = 0, li = 0, ra = 0, rb = 0, ca = 0, cb = 0
    cdef Py_ssize_t start, n, cl
    _push(ops, EQUAL, 0)  # ends the last run of edits
    while p < ops.size:
        n = ops.op[p].n
        if ops.op[p].kind != EQUAL:
            if nd + ni == 0:
                ra, rb = ca, cb
            if ops.op[p].kind == INSERT:
                ni += 1
                li += n
                cb += n
            else:
                nd += 1
                ld += n
                ca += n
            p += 1
            continue
        if nd + ni > 1:
            start = p - nd - ni
            if nd and ni:
                cl = _prefix(t.a + ra, t.b + rb, min(ld, li))
                if cl:
                    if start > 0 and ops.op[start - 1].kind == EQUAL:
                        ops.op[start - 1].n += cl
                    else:
                        _insert(ops, start, EQUAL, cl)
                        start += 1
                        p += 1
                    ra += cl
                    rb += cl
                    ld -= cl
                    li -= cl
                cl = _suffix(t.a + ra, ld, t.b + rb, li)
                if cl:
                    ops.op[p].n += cl
                    ld -= cl
                    li -= cl
            p = start
            while ops.op[p].kind != EQUAL:
                _remove(ops, p)
            if ld:
                _insert(ops, p, DELETE, ld)
                p += 1
            if li:
                _insert(ops, p, INSERT, li)
                p += 1
            p += 1
        elif p and ops.op[p - 1].kind == EQUAL:
            ops.op[p - 1].n += n
            _remove(ops, p)
        else:
            p += 1
        # the equality still ends where it did
        ca += n
        cb += n
        nd = ni = ld = li = 0
    if ops.size and ops.op[ops.size - 1].n == 0:
        ops.size -= 1
    return 0


cdef bint _slide_edits(Ops *ops, Texts t):
    """Slides every edit between two equalities that ends with the one before it left
    (or starts with the one after it right), merging the two equalities."""
    cdef Py_ssize_t p = 1, n, before, after
    cdef Py_UCS4 *edit
    cdef bint changes = False
    _locate(ops)
    while p < ops.size - 1:
        if ops.op[p - 1].kind == EQUAL and ops.op[p + 1].kind == EQUAL:
            n = ops.op[p].n
            before = ops.op[p - 1].n
            after = ops.op[p + 1].n
            edit = _text(t, &ops.op[p])
            if n >= before and _same(edit + n - before, t.a + ops.op[p - 1].a, before):
                ops.op[p + 1].n += before
                _remove(ops, p - 1)
                changes = True
                _locate(ops)
            elif n >= after and _same(edit, t.a + ops.op[p + 1].a, after):
                ops.op[p - 1].n += after
                _remove(ops, p + 1)
                changes = True
                _locate(ops)
        p += 1
    return changes


# ---------------------------------------------------------------------------------------
# Semantic cleanup
# ---------------------------------------------------------------------------------------

cdef int _cleanup_semantic(Ops *ops, Texts t) except -1:
    """diff_cleanupSemantic: equalities no longer than the edits on both sides become a
    deletion and an insertion; then the lossless shift and the overlaps."""
    if _drop_small_equalities(ops):
        _merge(ops, t)
    _shift_lossless(ops, t)
    _split_overlaps(ops, t)
    return 0


cdef bint _drop_small_equalities(Ops *ops) except -1:
    cdef Py_ssize_t p = 0, top = 0, last = -1, q
    cdef Py_ssize_t ins1 = 0, del1 = 0, ins2 = 0, del2 = 0  # edits before, after `last`
    cdef bint changes = False
    cdef Py_ssize_t *equalities = <Py_ssize_t *>malloc((ops.size + 1) * sizeof(Py_ssize_t))
    if equalities == NULL:
        raise MemoryError()
    try:
        while p < ops.size:
            if ops.op[p].kind == EQUAL:
                equalities[top] = p
                top += 1
                ins1, del1, ins2, del2 = ins2, del2, 0, 0
                last = ops.op[p].n
            else:
                if ops.op[p].kind == INSERT:
                    ins2 += ops.op[p].n
                else:
                    del2 += ops.op[p].n
                if 0 < last <= max(ins1, del1) and last <= max(ins2, del2):
                    q = equalities[top - 1]
                    _insert(ops, q, DELETE, last)
                    ops.op[q + 1].kind = INSERT
                    top -= 1  # the equality just dropped
                    if top:
                        top -= 1  # the one before, to look at again
                    p = equalities[top - 1] if top else -1
                    ins1 = del1 = ins2 = del2 = 0
                    last = -1
                    changes = True
            p += 1
    finally:
        free(equalities)
    return changes


# The C library's classes, as the C++ port's: they follow the process's LC_CTYPE, which
# Python sets from the environment (C.UTF-8: Unicode letters and digits; C: ASCII only),
# and differ from Python's str.isalnum and str.isspace ("\x1c", "\x85", "\xa0", "²").
cdef inline bint _alnum(Py_UCS4 c):
    return iswalnum(c) != 0


cdef inline bint _space(Py_UCS4 c):
    return iswspace(c) != 0


cdef int _score(Py_UCS4 *one, Py_ssize_t n1, Py_UCS4 *two, Py_ssize_t n2):
    """How good a boundary between one[:n1] and two[:n2] is: 6 (an end of the text)
    down to 0 (inside a word)."""
    cdef Py_UCS4 c1, c2
    cdef bint other1, other2, space1, space2, break1, break2
    if n1 == 0 or n2 == 0:
        return 6
    c1 = one[n1 - 1]
    c2 = two[0]
    other1 = not _alnum(c1)
    other2 = not _alnum(c2)
    space1 = other1 and _space(c1)
    space2 = other2 and _space(c2)
    break1 = space1 and (c1 == u"\r" or c1 == u"\n")
    break2 = space2 and (c2 == u"\r" or c2 == u"\n")
    if (break1 and _blank_line_end(one, n1)) or (break2 and _blank_line_start(two, n2)):
        return 5
    if break1 or break2:
        return 4
    if other1 and not space1 and space2:  # the end of a sentence
        return 3
    if space1 or space2:
        return 2
    if other1 or other2:
        return 1
    return 0


cdef bint _blank_line_end(Py_UCS4 *s, Py_ssize_t n):
    """Whether s[:n] ends with a blank line: \\n\\n or \\n\\r\\n."""
    if n >= 2 and s[n - 1] == u"\n" and s[n - 2] == u"\n":
        return True
    return n >= 3 and s[n - 1] == u"\n" and s[n - 2] == u"\r" and s[n - 3] == u"\n"


cdef bint _blank_line_start(Py_UCS4 *s, Py_ssize_t n):
    """Whether s[:n] starts with a blank line: \\r?\\n\\r?\\n."""
    cdef Py_ssize_t i = 0
    if i < n and s[i] == u"\r":
        i += 1
    if not (i < n and s[i] == u"\n"):
        return False
    i += 1
    if i < n and s[i] == u"\r":
        i += 1
    return i < n and s[i] == u"\n"


cdef int _shift_lossless(Ops *ops, Texts t) except -1:
    """diff_cleanupSemanticLossless: slides each edit between two equalities to the
    boundary that scores best; on a tie the rightmost, so that edits keep the space
    after a word rather than before it."""
    cdef Py_ssize_t p = 1, e1, n, total, k, best, score, best_score
    cdef Py_UCS4 *w  # the equality, edit, equality: contiguous in the edit's text
    _locate(ops)
    while p < ops.size - 1:
        if ops.op[p - 1].kind == EQUAL and ops.op[p + 1].kind == EQUAL:
            e1 = ops.op[p - 1].n
            n = ops.op[p].n
            total = e1 + n + ops.op[p + 1].n
            w = _text(t, &ops.op[p]) - e1
            k = e1 - _suffix(w, e1, w + e1, n)  # the edit as far left as it goes
            best = k
            best_score = _score(w, k, w + k, n) + _score(w + k, n, w + k + n, total - k - n)
            while k + n < total and w[k] == w[k + n]:
                k += 1
                score = _score(w, k, w + k, n) + _score(w + k, n, w + k + n, total - k - n)
                if score >= best_score:
                    best_score = score
                    best = k
            if best != e1:
                if best:
                    ops.op[p - 1].n = best
                else:
                    _remove(ops, p - 1)
                    p -= 1
                if total - best - n:
                    ops.op[p + 1].n = total - best - n
                else:
                    _remove(ops, p + 1)
                    p -= 1
                _locate(ops)
        p += 1
    return 0


cdef int _split_overlaps(Ops *ops, Texts t) except -1:
    """A deletion and an insertion that overlap by half of either become edits around
    an equality: -abcxxx +xxxdef -> -abc =xxx +def, and -xxxdef +abcxxx -> +abc =xxx -def."""
    cdef Py_ssize_t p = 1, nd, ni, o1, o2
    cdef Py_UCS4 *deletion
    cdef Py_UCS4 *insertion
    _locate(ops)
    while p < ops.size:
        if ops.op[p - 1].kind == DELETE and ops.op[p].kind == INSERT:
            nd = ops.op[p - 1].n
            ni = ops.op[p].n
            deletion = t.a + ops.op[p - 1].a
            insertion = t.b + ops.op[p].b
            o1 = _overlap(deletion, nd, insertion, ni)
            o2 = _overlap(insertion, ni, deletion, nd)
            if o1 >= o2:
                if o1 * 2 >= nd or o1 * 2 >= ni:
                    ops.op[p - 1].n = nd - o1
                    _insert(ops, p, EQUAL, o1)
                    ops.op[p + 1].n = ni - o1
                    _locate(ops)
                    p += 1
            elif o2 * 2 >= nd or o2 * 2 >= ni:
                ops.op[p - 1] = Op(INSERT, ni - o2, 0, 0)
                _insert(ops, p, EQUAL, o2)
                ops.op[p + 1] = Op(DELETE, nd - o2, 0, 0)
                _locate(ops)
                p += 1
            p += 1
        p += 1
    return 0


# ---------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------

def diff_counts(str a not None, str b not None, double timelimit, bint semantic=True,
                Py_ssize_t effort=0, Py_ssize_t least=0):
    """The diff of a and b as (kind, length) pairs, kind "=", "-" or "+".

    timelimit is in seconds (<= 0: none); past it the diff is coarser, as in
    diff-match-patch, but both texts still rebuild from it. ``semantic=False`` skips
    the semantic cleanup: the minimal diff, as ``cleanup="No"`` gives it.

    ``effort`` (> 0) bounds the work instead of the clock, the same on every machine:
    the bisections of the whole diff may visit ``effort * (len(a) + len(b))``
    diagonals in all (counting at least ``least`` for the length, so that short
    texts always get their minimal diff); a bisection that would go past that
    settles as one past the time limit does (what it has not matched, deleted and
    inserted whole).

    >>> diff_counts("the cat sat", "the dog sat", 0)
    [('=', 4), ('-', 3), ('+', 3), ('=', 4)]
    """
    cdef Py_UCS4 *ua = PyUnicode_AsUCS4Copy(a)
    cdef Py_UCS4 *ub = NULL
    cdef Ops ops = Ops(NULL, 0, 0)
    cdef double deadline = _now() + timelimit if timelimit > 0 else INFINITY
    cdef Py_ssize_t budget = effort * max(len(a) + len(b), least)
    cdef Py_ssize_t *budget_at = NULL
    if effort > 0:
        budget_at = &budget
    cdef Py_ssize_t i
    try:
        ub = PyUnicode_AsUCS4Copy(b)
        _diff(ua, len(a), ub, len(b), Limits(deadline, budget_at), &ops)
        if semantic:
            _cleanup_semantic(&ops, Texts(ua, ub))
        return [(_SYMBOLS[ops.op[i].kind + 1], ops.op[i].n) for i in range(ops.size)]
    finally:
        free(ops.op)
        PyMem_Free(ua)
        PyMem_Free(ub)
