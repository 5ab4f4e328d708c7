# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""Inner loops of the comparison, compiled: hashes of text spans, the block
alignment's search for unique anchors, the scoring of blocks against the blocks near
them (and of two blocks: the words they share in order), the identical ends of two
texts, equality of two spans without copying them, and runs of unchanged blocks.

Optional: Variorum runs the pure-Python references (``similarity.body_hashes``'s
hashing, ``align.anchor_runs``, ``similarity.window_commons``, ``similarity.common_ends``,
``similarity.common_words`` and ``word_similarity`` (rapidfuzz's),
``pipeline._same``, ``moved_sentences.rough_key_spans``, ``pipeline.merged_runs``) when this
module was not built or ``VARIORUM_PURE_PYTHON`` is set (``variorum/compiled.py``).
``tests/test_speedups.py`` checks each against its reference.
"""

from cpython cimport array
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_READ, Py_UNICODE_ISSPACE
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free, malloc
from libc.string cimport memcmp, memcpy

cdef extern from "Python.h":
    ctypedef struct PyTypeObject:
        pass
    object PyType_GenericAlloc(PyTypeObject *kind, Py_ssize_t items)

import array as _array
from variorum._text cimport Int64s, Text, _grow, _text

cdef array.array _INT64 = _array.array("q")


# ---------------------------------------------------------------------------------------
# span_hashes
# ---------------------------------------------------------------------------------------

cdef inline uint64_t _mix(uint64_t h) noexcept:
    """A bijective avalanche of 64 bits (multiply-xorshift, as in MurmurHash3's
    finalizer): a one-bit change of the input changes half the output bits."""
    h ^= h >> 33
    h *= 0xFF51AFD7ED558CCDULL
    h ^= h >> 33
    h *= 0xC4CEB9FE1A85EC53ULL
    h ^= h >> 33
    return h


cdef inline uint64_t _step(uint64_t h, uint64_t word) noexcept:
    """One word into the state: for a given word a bijection of the state, and for a
    given state a bijection of the word (odd multipliers, a rotation). Only one multiply
    lies on the chain from word to word, which keeps long spans fast (the avalanche at
    every word took twice as long)."""
    h += word * 0xF2A74DE452E6B439ULL
    h = (h << 31) | (h >> 33)
    return h * 0x6513270E269E0D37ULL


cdef uint64_t _span_hash(const Text *t, Py_ssize_t start, Py_ssize_t end) noexcept:
    """A 64-bit hash of the code points ``start`` to ``end``.

    Three code points (21 bits each) are packed into one 64-bit word, whatever the
    string's internal width, so equal text hashes equal in a Latin-1 and a UCS-4 string.
    Two spans of the same length differing in one word can never collide (each step is
    a bijection of the state, and of the word); spans differing in more collide only by
    chance, after the final avalanche. The length goes in last, so a trailing U+0000
    counts.
    """
    cdef uint64_t h = 0x243F6A8885A308D3ULL  # any constant: the digits of pi
    cdef uint64_t word
    cdef Py_ssize_t i = start
    cdef int kind = t.kind
    cdef void *data = t.data
    while i + 3 <= end:
        word = (
            <uint64_t> PyUnicode_READ(kind, data, i)
            | (<uint64_t> PyUnicode_READ(kind, data, i + 1) << 21)
            | (<uint64_t> PyUnicode_READ(kind, data, i + 2) << 42)
        )
        h = _step(h, word)
        i += 3
    if i < end:
        word = <uint64_t> PyUnicode_READ(kind, data, i)
        if i + 1 < end:
            word |= <uint64_t> PyUnicode_READ(kind, data, i + 1) << 21
        h = _step(h, word)
    return _mix(h ^ <uint64_t> (end - start))


cdef inline Py_ssize_t _clamp(int64_t index, Py_ssize_t n) noexcept:
    """``index`` as a slice bound of a text of length ``n`` (negative counts from the
    end, as ``text[start:end]`` does)."""
    if index < 0:
        index += n
        return 0 if index < 0 else <Py_ssize_t> index
    return n if index > n else <Py_ssize_t> index


def span_hashes(text, const long long[:] records not None, Py_ssize_t start_col,
                Py_ssize_t end_col, Py_ssize_t stride):
    """A 64-bit hash of ``text[record[start_col]:record[end_col]]`` for each record of
    ``stride`` int64 in ``records`` (such as ``plain_text_blocks``' output, with the
    body's columns 3 and 4 and stride 8), as an ``array('q')``.

    Equal substrings always hash equal, across texts and across processes (no random
    seed), whatever the strings' internal widths; different ones collide by chance
    (about one pair in 2**64).

    >>> from array import array
    >>> text = "(a) Same.\\n\\n(b) Same.\\n"
    >>> first, second = span_hashes(text, array("q", [4, 9, 15, 20]), 0, 1, 2)
    >>> first == second
    True
    """
    cdef Text t = _text(text)
    cdef Py_ssize_t count, row, start, end
    cdef array.array result
    cdef int64_t *out
    if stride < 1 or not (0 <= start_col < stride and 0 <= end_col < stride):
        raise ValueError(
            f"columns {start_col} and {end_col} must lie within records of {stride} (≥ 1)"
        )
    if records.shape[0] % stride:
        raise ValueError(f"{records.shape[0]} values are not whole records of {stride}")
    count = records.shape[0] // stride
    result = array.clone(_INT64, count, zero=False)
    out = <int64_t *> result.data.as_voidptr
    for row in range(count):
        start = _clamp(records[row * stride + start_col], t.n)
        end = _clamp(records[row * stride + end_col], t.n)
        out[row] = <int64_t> _span_hash(&t, start, end if end > start else start)
    return result


# ---------------------------------------------------------------------------------------
# unique_anchor_runs: align.py's anchor_runs over int64 keys, all but its _small_lcs.
# ---------------------------------------------------------------------------------------

cdef enum:
    _DIGIT_BITS = 11  # the radix sort's digits: 6 passes cover 64 bits
    _BUCKETS = 1 << _DIGIT_BITS
    _PASSES = (64 + _DIGIT_BITS - 1) // _DIGIT_BITS


cdef int _sort_by_key(uint64_t *keys, Py_ssize_t *indexes, Py_ssize_t count) except -1:
    """Sorts ``count`` pairs (``keys[k]``, ``indexes[k]``) by key, in place: a radix
    sort, least significant digit first, in linear time (4 times faster here than
    ``qsort``, whose calls to a comparison function were most of the anchor search).
    Any order of the keys would do: the search only needs equal keys side by side."""
    cdef Py_ssize_t *counts = <Py_ssize_t *> calloc(_PASSES * _BUCKETS, sizeof(Py_ssize_t))
    cdef uint64_t *spare_keys = <uint64_t *> malloc(max(count, 1) * sizeof(uint64_t))
    cdef Py_ssize_t *spare_indexes = <Py_ssize_t *> malloc(max(count, 1) * sizeof(Py_ssize_t))
    cdef uint64_t *from_keys = keys
    cdef uint64_t *to_keys = spare_keys
    cdef Py_ssize_t *from_indexes = indexes
    cdef Py_ssize_t *to_indexes = spare_indexes
    cdef Py_ssize_t *places
    cdef Py_ssize_t k, digit, bucket, place, shift, total
    try:
        if counts == NULL or spare_keys == NULL or spare_indexes == NULL:
            raise MemoryError()
        for k in range(count):  # the counts of every digit at once
            for digit in range(_PASSES):
                bucket = (keys[k] >> (digit * _DIGIT_BITS)) & (_BUCKETS - 1)
                counts[digit * _BUCKETS + bucket] += 1
        for digit in range(_PASSES):
            places = counts + digit * _BUCKETS
            shift = digit * _DIGIT_BITS
            if places[(keys[0] >> shift) & (_BUCKETS - 1)] == count:
                continue  # one value of this digit throughout (small keys): nothing moves
            total = 0
            for bucket in range(_BUCKETS):  # counts become first places
                place = places[bucket]
                places[bucket] = total
                total += place
            for k in range(count):
                bucket = (from_keys[k] >> shift) & (_BUCKETS - 1)
                place = places[bucket]
                places[bucket] = place + 1
                to_keys[place] = from_keys[k]
                to_indexes[place] = from_indexes[k]
            from_keys, to_keys = to_keys, from_keys
            from_indexes, to_indexes = to_indexes, from_indexes
        if from_keys != keys:
            memcpy(keys, from_keys, count * sizeof(uint64_t))
            memcpy(indexes, from_indexes, count * sizeof(Py_ssize_t))
        return 0
    finally:
        free(counts)
        free(spare_keys)
        free(spare_indexes)


cdef Py_ssize_t _key_numbers(const long long[:] old, const long long[:] new,
                             Py_ssize_t *numbers) except -1:
    """Numbers the keys of ``old`` and of ``new`` (into ``numbers``: old's, then new's)
    0, 1, 2, ..., equal keys alike; returns how many distinct keys there are.

    Each gap then counts its keys in plain arrays indexed by these numbers: one sort in
    linear time for the whole search, where a hash table would turn quadratic on keys
    that collide in it (the keys are hashes of text someone else wrote).
    """
    cdef Py_ssize_t old_count = old.shape[0]
    cdef Py_ssize_t total = old_count + new.shape[0]
    cdef Py_ssize_t k, number = -1
    cdef uint64_t *keys = <uint64_t *> malloc(max(total, 1) * sizeof(uint64_t))
    cdef Py_ssize_t *indexes = <Py_ssize_t *> malloc(max(total, 1) * sizeof(Py_ssize_t))
    try:
        if keys == NULL or indexes == NULL:
            raise MemoryError()
        if total == 0:
            return 0
        for k in range(old_count):
            keys[k] = <uint64_t> old[k]
            indexes[k] = k
        for k in range(old_count, total):
            keys[k] = <uint64_t> new[k - old_count]
            indexes[k] = k
        _sort_by_key(keys, indexes, total)
        for k in range(total):
            if k == 0 or keys[k] != keys[k - 1]:
                number += 1
            numbers[indexes[k]] = number
        return number + 1
    finally:
        free(keys)
        free(indexes)


cdef Py_ssize_t _longest_increasing(const Py_ssize_t *pairs, Py_ssize_t count,
                                    Py_ssize_t *tails, Py_ssize_t *tail_index,
                                    Py_ssize_t *previous) noexcept:
    """``align._longest_increasing`` step for step (so that of several longest runs it
    picks the same): ``pairs`` holds ``count`` pairs (i, j) sorted by i, 2 numbers each.
    Leaves the indexes of the chosen pairs, in order, in ``tails`` and returns how many."""
    cdef Py_ssize_t index, j, low, high, middle, length = 0
    for index in range(count):
        j = pairs[2 * index + 1]
        low, high = 0, length  # bisect_left(tails, j)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < j:
                low = middle + 1
            else:
                high = middle
        tails[low] = j
        tail_index[low] = index
        if low == length:
            length += 1
        previous[index] = tail_index[low - 1] if low else -1
    index = tail_index[length - 1] if length else -1
    for low in range(length - 1, -1, -1):
        tails[low] = index
        index = previous[index]
    return length


cdef int _add_run(Int64s *runs, Py_ssize_t i, Py_ssize_t j, Py_ssize_t n) except -1:
    _grow(runs, 3)
    runs.items[runs.size] = i
    runs.items[runs.size + 1] = j
    runs.items[runs.size + 2] = n
    runs.size += 3
    return 0


cdef list _in_order(const Int64s *runs):
    """The runs (3 numbers each: old start, new start, length; disjoint) as tuples by
    old start, those that continue each other joined (``align._join``): the search finds
    them out of order, and sorting and joining them here spares Python the same work on
    four times as many tuples."""
    cdef Py_ssize_t count = runs.size // 3
    cdef uint64_t *keys = <uint64_t *> malloc(max(count, 1) * sizeof(uint64_t))
    cdef Py_ssize_t *indexes = <Py_ssize_t *> malloc(max(count, 1) * sizeof(Py_ssize_t))
    cdef const int64_t *run
    cdef int64_t i = 0, j = 0, n = 0
    cdef Py_ssize_t k
    cdef list joined = []
    try:
        if keys == NULL or indexes == NULL:
            raise MemoryError()
        for k in range(count):
            keys[k] = <uint64_t> runs.items[3 * k]  # an offset: never negative
            indexes[k] = k
        if count:
            _sort_by_key(keys, indexes, count)
        for k in range(count):
            run = runs.items + 3 * indexes[k]
            if n and i + n == run[0] and j + n == run[1]:
                n += run[2]
                continue
            if n:
                joined.append((i, j, n))
            i, j, n = run[0], run[1], run[2]
        if n:
            joined.append((i, j, n))
        return joined
    finally:
        free(keys)
        free(indexes)


cdef int _push(Int64s *stack, Py_ssize_t a0, Py_ssize_t a1, Py_ssize_t b0,
               Py_ssize_t b1) except -1:
    _grow(stack, 4)
    stack.items[stack.size] = a0
    stack.items[stack.size + 1] = a1
    stack.items[stack.size + 2] = b0
    stack.items[stack.size + 3] = b1
    stack.size += 4
    return 0


def unique_anchor_runs(const long long[:] old not None, const long long[:] new not None,
                       const unsigned char[:] old_anchorable=None,
                       const unsigned char[:] new_anchorable=None):
    """``align.anchor_runs`` over two arrays of int64 keys, except for the gaps that have
    no key occurring once on each side (and anchorable there, when ``old_anchorable``
    and ``new_anchorable`` say per block whether it may anchor): those are returned
    for ``align._small_lcs``.

    Returns ``(runs, gaps)``: runs ``(old start, new start, length)`` of equal keys,
    sorted and joined as ``anchor_runs`` returns them; gaps ``(old start, old end, new
    start, new end)``, sorted. The runs, plus ``_small_lcs`` of each gap, sorted and
    joined, are exactly ``anchor_runs(old, new)``.

    >>> from array import array
    >>> unique_anchor_runs(array("q", [1, 2, 3, 4, 5]), array("q", [1, 3, 4, 2, 5]))
    ([(0, 0, 1), (2, 1, 2), (4, 4, 1)], [])
    >>> unique_anchor_runs(array("q", [1, 2, 3, 2, 3, 4]), array("q", [1, 3, 2, 3, 2, 4]))
    ([(0, 0, 1), (5, 5, 1)], [(1, 5, 1, 5)])
    """
    cdef Py_ssize_t old_count = old.shape[0], new_count = new.shape[0]
    cdef Py_ssize_t most = max(min(old_count, new_count), 1)  # candidates in a gap
    cdef Py_ssize_t *numbers = NULL  # key numbers: old's, then new's
    cdef Py_ssize_t *in_old = NULL  # per key number: how often in the gap's old part
    cdef Py_ssize_t *in_new = NULL  # ... and in its new part (both back to 0 after it)
    cdef Py_ssize_t *new_at = NULL  # per key number: where it is in the gap's new part
    cdef Py_ssize_t *pairs = NULL  # (i, j) of the keys once on each side, by i
    cdef Py_ssize_t *tails = NULL
    cdef Py_ssize_t *tail_index = NULL
    cdef Py_ssize_t *previous = NULL
    cdef Py_ssize_t *old_numbers
    cdef Py_ssize_t *new_numbers
    cdef Int64s stack
    cdef Int64s runs  # old start, new start, length of each run found
    cdef Py_ssize_t distinct, a0, a1, b0, b1, head, tail, i, j, k, count, length, c
    cdef Py_ssize_t prev_a, prev_b, run_i = 0, run_j = 0, run_n
    cdef list crowded = []
    cdef bint masked = old_anchorable is not None and new_anchorable is not None
    if masked and (old_anchorable.shape[0] != old_count or new_anchorable.shape[0] != new_count):
        raise ValueError("one anchorable flag per key is needed on each side")
    stack.items = runs.items = NULL
    stack.size = stack.capacity = runs.size = runs.capacity = 0
    try:
        numbers = <Py_ssize_t *> malloc(max(old_count + new_count, 1) * sizeof(Py_ssize_t))
        if numbers == NULL:
            raise MemoryError()
        distinct = _key_numbers(old, new, numbers)
        old_numbers, new_numbers = numbers, numbers + old_count
        in_old = <Py_ssize_t *> calloc(max(distinct, 1), sizeof(Py_ssize_t))
        in_new = <Py_ssize_t *> calloc(max(distinct, 1), sizeof(Py_ssize_t))
        new_at = <Py_ssize_t *> malloc(max(distinct, 1) * sizeof(Py_ssize_t))
        pairs = <Py_ssize_t *> malloc(2 * most * sizeof(Py_ssize_t))
        tails = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        tail_index = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        previous = <Py_ssize_t *> malloc(most * sizeof(Py_ssize_t))
        if (in_old == NULL or in_new == NULL or new_at == NULL or pairs == NULL
                or tails == NULL or tail_index == NULL or previous == NULL):
            raise MemoryError()
        _push(&stack, 0, old_count, 0, new_count)
        while stack.size:
            stack.size -= 4
            a0 = stack.items[stack.size]
            a1 = stack.items[stack.size + 1]
            b0 = stack.items[stack.size + 2]
            b1 = stack.items[stack.size + 3]
            # the gap's common ends
            head = 0
            while a0 + head < a1 and b0 + head < b1 and (
                old_numbers[a0 + head] == new_numbers[b0 + head]
            ):
                head += 1
            if head:
                _add_run(&runs, a0, b0, head)
                a0 += head
                b0 += head
            tail = 0
            while a0 < a1 - tail and b0 < b1 - tail and (
                old_numbers[a1 - tail - 1] == new_numbers[b1 - tail - 1]
            ):
                tail += 1
            if tail:
                a1 -= tail
                b1 -= tail
                _add_run(&runs, a1, b1, tail)
            if a0 == a1 or b0 == b1 or (a1 - a0 == 1 and b1 - b0 == 1):
                continue  # one block a side, and not equal: an edited block
            # the keys once on each side, by old position (_unique_common)
            for j in range(b0, b1):
                k = new_numbers[j]
                in_new[k] += 1
                new_at[k] = j
            for i in range(a0, a1):
                in_old[old_numbers[i]] += 1
            count = 0
            for i in range(a0, a1):
                k = old_numbers[i]
                if in_old[k] == 1 and in_new[k] == 1 and (
                    not masked or (old_anchorable[i] and new_anchorable[new_at[k]])
                ):
                    pairs[2 * count] = i
                    pairs[2 * count + 1] = new_at[k]
                    count += 1
            for j in range(b0, b1):
                in_new[new_numbers[j]] = 0
            for i in range(a0, a1):
                in_old[old_numbers[i]] = 0
            if count == 0:
                crowded.append((a0, a1, b0, b1))  # repeated keys only: _small_lcs's
                continue
            # the anchors, joined into runs, and the gaps between them
            length = _longest_increasing(pairs, count, tails, tail_index, previous)
            prev_a, prev_b = a0, b0
            run_n = 0
            for c in range(length + 1):
                if c < length:
                    i = pairs[2 * tails[c]]
                    j = pairs[2 * tails[c] + 1]
                    if run_n and run_i + run_n == i and run_j + run_n == j:
                        run_n += 1
                        continue
                if run_n:  # the run before (i, j) is complete
                    if prev_a < run_i and prev_b < run_j:
                        _push(&stack, prev_a, run_i, prev_b, run_j)
                    _add_run(&runs, run_i, run_j, run_n)
                    prev_a, prev_b = run_i + run_n, run_j + run_n
                if c < length:
                    run_i, run_j, run_n = i, j, 1
            if prev_a < a1 and prev_b < b1:
                _push(&stack, prev_a, a1, prev_b, b1)
        crowded.sort()
        return _in_order(&runs), crowded
    finally:
        free(numbers)
        free(in_old)
        free(in_new)
        free(new_at)
        free(pairs)
        free(tails)
        free(tail_index)
        free(previous)
        free(stack.items)
        free(runs.items)


# ---------------------------------------------------------------------------------------
# window_commons: similarity.py's window_commons.
# ---------------------------------------------------------------------------------------

cdef inline int _popcount(uint64_t x) noexcept:
    """The number of bits set in ``x`` (portable: no compiler builtin needed)."""
    x -= (x >> 1) & 0x5555555555555555ULL
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL)
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL
    return <int> ((x * 0x0101010101010101ULL) >> 56)


cdef inline void _set_masks(uint64_t *masks, const Text *pattern, bint on) noexcept:
    """Marks in ``masks`` at which places of ``pattern`` (at most 64 characters) each
    of its characters stands, or (``on`` false) clears those marks again."""
    cdef Py_ssize_t i
    for i in range(pattern.n):
        if on:
            masks[PyUnicode_READ(pattern.kind, pattern.data, i)] |= (<uint64_t> 1) << i
        else:
            masks[PyUnicode_READ(pattern.kind, pattern.data, i)] = 0


cdef Py_ssize_t _highest(list strings) except -1:
    """The highest code point in ``strings`` (0 if none): a mask per code point up to it
    is all the scoring needs, and a table of ordinary documents' few thousand words is
    small and cleared quickly."""
    cdef Py_ssize_t highest = 0, i
    cdef Text t
    for string in strings:
        t = _text(string)
        for i in range(t.n):
            highest = max(highest, <Py_ssize_t> PyUnicode_READ(t.kind, t.data, i))
    return highest


cdef inline Py_ssize_t _lcs(const uint64_t *masks, Py_ssize_t m, const Text *text) noexcept:
    """The length of a longest common subsequence of ``text`` and the pattern of ``m``
    characters (at most 64) marked in ``masks``: the bit-parallel algorithm of Allison
    and Dix (1986), as improved by Hyyrö (2004), one machine word for the pattern."""
    cdef uint64_t row = ~(<uint64_t> 0), matches
    cdef Py_ssize_t i
    for i in range(text.n):
        matches = row & masks[PyUnicode_READ(text.kind, text.data, i)]
        row = (row + matches) | (row - matches)
    if m < 64:
        return _popcount(~row & (((<uint64_t> 1) << m) - 1))
    return _popcount(~row)


def window_commons(list queries not None, list choices not None, Py_ssize_t window,
                   double lowest):
    """``similarity.window_commons``: what the rapidfuzz scorer finds there, scored
    here in one loop (a pair of which both strings exceed 64 characters by
    ``_common_words``).

    >>> window_commons(["abc", "xyz"], ["abd", "b", "zy"], 3, 0.4)
    [(0, 0, 2), (0, 1, 1), (1, 2, 1)]
    """
    cdef Py_ssize_t highest = max(_highest(queries), _highest(choices))
    cdef uint64_t *masks = <uint64_t *> calloc(highest + 1, sizeof(uint64_t))
    cdef Py_ssize_t count = len(queries), total = len(choices)
    cdef Py_ssize_t q, c, first, last, cutoff, common, shorter
    cdef Text query, choice
    cdef list found = []
    try:
        if masks == NULL:
            raise MemoryError()
        for q in range(count):
            query = _text(queries[q])
            if query.n == 0:
                continue
            cutoff = max(1, <Py_ssize_t> (lowest * query.n / 2))
            first = 0
            if window < total:
                first = max(0, min((q * total) // count - window // 2, total - window))
            last = min(first + window, total)
            if query.n <= 64:
                _set_masks(masks, &query, True)
            for c in range(first, last):
                choice = _text(choices[c])
                shorter = min(query.n, choice.n)
                # the common words are at most the shorter string's
                if shorter < cutoff or 2.0 * shorter / (query.n + choice.n) < lowest:
                    continue
                if query.n <= 64:
                    common = _lcs(masks, query.n, &choice)
                elif choice.n <= 64:
                    _set_masks(masks, &choice, True)
                    common = _lcs(masks, choice.n, &query)
                    _set_masks(masks, &choice, False)
                else:
                    common = _common_words(&query, &choice)
                if common >= cutoff and 2.0 * common / (query.n + choice.n) >= lowest:
                    found.append((q, c, common))
            if query.n <= 64:
                _set_masks(masks, &query, False)
        return found
    finally:
        free(masks)


# ---------------------------------------------------------------------------------------
# common_words and word_similarity: similarity.py's (rapidfuzz's LCSseq and Indel), so
# that a comparison loads no rapidfuzz (9 ms of a fresh process).
# ---------------------------------------------------------------------------------------

def common_words(a, b):
    """``similarity.common_words``: how many characters (words) two strings share in
    order, their longest common subsequence.

    >>> common_words("abcde", "xbdey"), common_words("a" * 200, "ba" * 150)
    (3, 150)
    """
    cdef Text old = _text(a), new = _text(b)
    return _common_words(&old, &new)


def word_similarity(a, b):
    """``similarity.word_similarity``: rapidfuzz's ``Indel.normalized_similarity``,
    the same float (``1 - distance / total``; 1.0 for two empty strings).

    >>> word_similarity("abcd", "abxd"), word_similarity("", "")
    (0.75, 1.0)
    """
    cdef Text old = _text(a), new = _text(b)
    cdef Py_ssize_t total = old.n + new.n
    if total == 0:
        return 1.0
    return 1.0 - <double> (total - 2 * _common_words(&old, &new)) / <double> total


cdef Py_ssize_t _common_words(const Text *a, const Text *b) except -1:
    """The length of a longest common subsequence of ``a`` and ``b``: ``_lcs``'s
    algorithm over as many machine words as the shorter text needs, each of its
    characters found in a small open-addressing table (any code point)."""
    cdef const Text *pattern = a if a.n <= b.n else b
    cdef const Text *text = b if a.n <= b.n else a
    cdef Py_ssize_t m = pattern.n, words = (pattern.n + 63) // 64, size = 2, i, w, at
    cdef Py_ssize_t distinct = 0, common = 0
    cdef Py_UCS4 c
    cdef Py_UCS4 *keys = NULL
    cdef Py_ssize_t *places = NULL
    cdef uint64_t *masks = NULL
    cdef uint64_t *row = NULL
    cdef const uint64_t *mask
    cdef uint64_t x, added, carry, high
    if m == 0:
        return 0
    while size < 2 * m:
        size <<= 1
    try:
        keys = <Py_UCS4 *> malloc(size * sizeof(Py_UCS4))
        places = <Py_ssize_t *> malloc(size * sizeof(Py_ssize_t))
        masks = <uint64_t *> calloc(m * words, sizeof(uint64_t))
        row = <uint64_t *> malloc(words * sizeof(uint64_t))
        if keys == NULL or places == NULL or masks == NULL or row == NULL:
            raise MemoryError()
        for at in range(size):
            places[at] = -1
        for w in range(words):
            row[w] = ~(<uint64_t> 0)
        for i in range(m):
            c = PyUnicode_READ(pattern.kind, pattern.data, i)
            at = _slot(keys, places, size, c)
            if places[at] < 0:
                keys[at], places[at] = c, distinct
                distinct += 1
            masks[places[at] * words + i // 64] |= (<uint64_t> 1) << (i % 64)
        for i in range(text.n):
            at = _slot(keys, places, size, PyUnicode_READ(text.kind, text.data, i))
            if places[at] < 0:
                continue  # (no match: the row stays as it is)
            mask, carry = &masks[places[at] * words], 0
            for w in range(words):  # row = (row + x) | (row - x), carried across words
                x = row[w] & mask[w]
                added = row[w] + x
                high = added < row[w]
                added += carry
                carry = high | (added < carry)
                row[w] = added | (row[w] - x)
        for w in range(words):
            x = ~row[w]
            if w == words - 1 and m % 64:
                x &= ((<uint64_t> 1) << (m % 64)) - 1
            common += _popcount(x)
        return common
    finally:
        free(keys)
        free(places)
        free(masks)
        free(row)


cdef inline Py_ssize_t _slot(const Py_UCS4 *keys, const Py_ssize_t *places, Py_ssize_t size,
                             Py_UCS4 c) noexcept:
    """Where ``c`` stands in the table (``places`` of -1: free, ``c`` not in it)."""
    cdef Py_ssize_t at = <Py_ssize_t> ((<uint64_t> c * 0x9E3779B97F4A7C15ULL) >> 32) & (size - 1)
    while places[at] >= 0 and keys[at] != c:
        at = (at + 1) & (size - 1)
    return at


# ---------------------------------------------------------------------------------------
# common_ends: similarity.py's common_ends (the identical ends the diff skips).
# ---------------------------------------------------------------------------------------

cdef inline bint _token_edge(const Text *t, Py_ssize_t start, Py_ssize_t end,
                             Py_ssize_t at) noexcept:
    """``diff._boundary(text[start:end], at)``: a token may start ``at`` characters into
    the slice (at its ends, or where whitespace meets other text)."""
    if at <= 0 or at >= end - start:
        return True
    return (Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, start + at - 1)) != 0) != (
        Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, start + at)) != 0
    )


def common_ends(a, Py_ssize_t a_start, Py_ssize_t a_end, b, Py_ssize_t b_start,
                Py_ssize_t b_end):
    """Lengths of the identical start and end of ``a[a_start:a_end]`` and
    ``b[b_start:b_end]``, the end not overlapping the start, each cut back to where a
    token may start in both (a slice's ends, or where whitespace meets other text):
    exactly ``similarity.common_ends(a, Span(a_start, a_end), b, Span(b_start, b_end))``.
    Characters are compared, not bytes, whatever the two strings' internal widths.

    >>> common_ends("to use ICTs", 0, 11, "to use information technologies", 0, 31)
    (7, 0)
    >>> common_ends("a cat sat", 0, 9, "a hat sat", 0, 9)
    (2, 4)
    """
    cdef Text ta = _text(a)
    cdef Text tb = _text(b)
    cdef Py_ssize_t head, tail
    _common_ends(&ta, a_start, a_end, &tb, b_start, b_end, &head, &tail)
    return head, tail


cdef void _common_ends(const Text *ta, Py_ssize_t a_start, Py_ssize_t a_end, const Text *tb,
                       Py_ssize_t b_start, Py_ssize_t b_end, Py_ssize_t *found_head,
                       Py_ssize_t *found_tail) noexcept:
    """``common_ends`` of two texts read: the lengths in ``found_head`` and ``found_tail``."""
    cdef Py_ssize_t a_length, b_length, limit, head = 0, tail = 0
    # the slices' bounds, as text[start:end] takes them
    a_start = _clamp(a_start, ta.n)
    a_end = max(_clamp(a_end, ta.n), a_start)
    b_start = _clamp(b_start, tb.n)
    b_end = max(_clamp(b_end, tb.n), b_start)
    a_length, b_length = a_end - a_start, b_end - b_start
    limit = min(a_length, b_length)
    while head < limit and PyUnicode_READ(ta.kind, ta.data, a_start + head) == PyUnicode_READ(
        tb.kind, tb.data, b_start + head
    ):
        head += 1
    while tail < limit - head and PyUnicode_READ(
        ta.kind, ta.data, a_end - tail - 1
    ) == PyUnicode_READ(tb.kind, tb.data, b_end - tail - 1):
        tail += 1
    while head > 0 and not (
        _token_edge(ta, a_start, a_end, head) and _token_edge(tb, b_start, b_end, head)
    ):
        head -= 1
    while tail > 0 and not (
        _token_edge(ta, a_start, a_end, a_length - tail)
        and _token_edge(tb, b_start, b_end, b_length - tail)
    ):
        tail -= 1
    found_head[0], found_tail[0] = head, tail


# ---------------------------------------------------------------------------------------
# same_text: compare.py's _same, without copying a slice.
# ---------------------------------------------------------------------------------------

def same_text(a, Py_ssize_t a_start, Py_ssize_t a_end, b, Py_ssize_t b_start,
              Py_ssize_t b_end):
    """Whether ``a[a_start:a_end] == b[b_start:b_end]``, with neither slice copied: the
    equal runs of two versions cover most of a large text. One ``memcmp`` when both
    strings store their characters in the same width.

    >>> same_text("an equal run", 3, 8, "equal", 0, 5), same_text("ab", 0, 2, "ac", 0, 2)
    (True, False)
    """
    cdef Text ta = _text(a)
    cdef Text tb = _text(b)
    return _same_text(&ta, a_start, a_end, &tb, b_start, b_end)


cdef bint _same_text(const Text *ta, Py_ssize_t a_start, Py_ssize_t a_end, const Text *tb,
                     Py_ssize_t b_start, Py_ssize_t b_end) noexcept:
    """``same_text`` of two texts read."""
    cdef Py_ssize_t i, length
    a_start = _clamp(a_start, ta.n)
    a_end = max(_clamp(a_end, ta.n), a_start)
    b_start = _clamp(b_start, tb.n)
    b_end = max(_clamp(b_end, tb.n), b_start)
    length = a_end - a_start
    if length != b_end - b_start:
        return False
    if ta.kind == tb.kind:
        return memcmp(<char *>ta.data + a_start * ta.kind, <char *>tb.data + b_start * tb.kind,
                      length * ta.kind) == 0
    for i in range(length):
        if PyUnicode_READ(ta.kind, ta.data, a_start + i) != PyUnicode_READ(
            tb.kind, tb.data, b_start + i
        ):
            return False
    return True


# ---------------------------------------------------------------------------------------
# rough_key_spans: moved_sentences.rough_key_spans, its sentence stretches read in one loop
# ---------------------------------------------------------------------------------------

cdef inline bint _is_end(Py_UCS4 c) noexcept:
    """``c in moved_sentences.ENDS``."""
    return c == u"." or c == u"!" or c == u"?" or c == u"。" or c == u"！" or c == u"？"


cdef inline Py_ssize_t _stretch_end(const Text *t, Py_ssize_t p, Py_ssize_t end) noexcept:
    """The end of ``_STRETCH``'s match starting at ``p`` (a non-space, before ``end``):
    its greedy repetition stops only before a line break, a full-width sentence end, a
    ``.!?`` before a space, or ``end``, and its last part then always matches there (so
    the regex never backtracks)."""
    cdef Py_UCS4 c
    p += 1
    while p < end:
        c = PyUnicode_READ(t.kind, t.data, p)
        if c == u"\n":
            return p
        if c == u"。" or c == u"！" or c == u"？":
            return p + 1
        if (c == u"." or c == u"!" or c == u"?") and p + 1 < end and Py_UNICODE_ISSPACE(
            PyUnicode_READ(t.kind, t.data, p + 1)
        ):
            return p + 1
        p += 1
    return end


def rough_key_spans(text, const long long[:] starts not None, const long long[:] ends not None):
    """``moved_sentences.rough_key_spans``: for each stretch of each ``text[start:end]``,
    where its rough key starts and ends and the number of its span, three int64 each.

    >>> edge = _array.array("q", [0]), _array.array("q", [20])
    >>> list(rough_key_spans("One two. Three?\\nFour", *edge))
    [0, 7, 0, 9, 14, 0, 16, 20, 0]
    """
    cdef Text t = _text(text)
    cdef Py_ssize_t span, p, end, stop, key_end, size = 0
    cdef array.array found = array.clone(_INT64, 0, zero=False)
    if starts.shape[0] != ends.shape[0]:
        raise ValueError(f"{starts.shape[0]} starts against {ends.shape[0]} ends")
    for span in range(starts.shape[0]):
        p = _clamp(starts[span], t.n)
        end = _clamp(ends[span], t.n)
        while p < end:
            if Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, p)):
                p += 1
                continue
            stop = _stretch_end(&t, p, end)
            key_end = stop
            while key_end > p and Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, key_end - 1)):
                key_end -= 1
            while key_end > p and _is_end(PyUnicode_READ(t.kind, t.data, key_end - 1)):
                key_end -= 1
            array.resize_smart(found, size + 3)  # (grows by half again at a time)
            found.data.as_longlongs[size] = p
            found.data.as_longlongs[size + 1] = key_end
            found.data.as_longlongs[size + 2] = span
            size += 3
            p = stop
    return found


# ---------------------------------------------------------------------------------------
# unchanged_runs: pipeline.merge_unchanged_runs
# ---------------------------------------------------------------------------------------

from variorum.compare.align import BlockPair, PairKind
from variorum.document import KIND, LEVEL, RECORD

cdef object _EXACT = PairKind.EXACT, _UNCHANGED = PairKind.UNCHANGED
cdef object _UNMOVED = -1  # (``BlockPair.moved_index`` of a pair not moved)
cdef Py_ssize_t _RECORD = RECORD, _KIND = KIND, _LEVEL = LEVEL


def unchanged_runs(list pairs not None, str old_text not None, str new_text not None,
                   array.array old_records not None, array.array new_records not None,
                   array.array old_bounds not None, array.array new_bounds not None):
    """``pipeline.merged_runs``: runs of blocks identical in both versions (text, kinds
    and levels: the Documents' texts, block ``records`` and ``region_bounds``, arrays of
    64-bit integers) as one unchanged pair, exact runs that differ somewhere one pair a
    block; no Python call a pair. The exact pairs must be as alignment makes them: runs
    of as many blocks a side, inside both Documents.

    >>> from array import array
    >>> records = array("q", [1, 0, 2, 0, 1, -1, -1, 0, 1, 2, 4, 2, 3, -1, -1, 0])  # a, b
    >>> bounds = array("q", [0, 2, 4])
    >>> pair = BlockPair(PairKind.EXACT, range(0, 2), range(0, 2))
    >>> unchanged_runs([pair], "a\\nb\\n", "a\\nb\\n", records, records, bounds, bounds)
    [BlockPair(kind=<PairKind.UNCHANGED: 'unchanged'>, old=range(0, 2), new=range(0, 2), moved_index=-1)]
    """
    cdef Text old = _text(old_text), new = _text(new_text)
    cdef Py_ssize_t i0, i1, j0, j1, k
    cdef list merged = []
    for column in (old_records, new_records, old_bounds, new_bounds):
        if column.typecode != "q":
            raise TypeError("unchanged_runs reads arrays of 64-bit integers ('q')")
    cdef _Sides sides = _Sides(old_records, new_records, old_bounds, new_bounds)
    for pair in pairs:
        if pair[0] is not _EXACT:
            merged.append(pair)
            continue
        old_run, new_run = pair[1], pair[2]
        i0, i1, j0, j1 = old_run.start, old_run.stop, new_run.start, new_run.stop
        if (i1 - i0 != j1 - j0 or i0 < 0 or j0 < 0 or i1 > sides.old_count
                or j1 > sides.new_count or old_run.step != 1 or new_run.step != 1):
            raise ValueError("unchanged_runs needs runs of as many blocks, inside both")
        if sides.same(&old, i0, i1, &new, j0, j1):
            _append_unchanged(merged, old_run, new_run)
            continue
        for k in range(i1 - i0):
            one_old, one_new = range(i0 + k, i0 + k + 1), range(j0 + k, j0 + k + 1)
            if sides.same(&old, i0 + k, i0 + k + 1, &new, j0 + k, j0 + k + 1):
                _append_unchanged(merged, one_old, one_new)
            else:
                merged.append(_block_pair(_EXACT, one_old, one_new))
    return merged


cdef class _Sides:
    """The records and region bounds of two Documents, read in place."""
    cdef const long long *old_records
    cdef const long long *new_records
    cdef const long long *old_bounds
    cdef const long long *new_bounds
    cdef Py_ssize_t old_count, new_count, old_last, new_last
    cdef object keep  # (the arrays, alive while read)

    def __cinit__(self, array.array old_records, array.array new_records,
                  array.array old_bounds, array.array new_bounds):
        self.keep = (old_records, new_records, old_bounds, new_bounds)
        self.old_records, self.new_records = old_records.data.as_longlongs, new_records.data.as_longlongs
        self.old_bounds, self.new_bounds = old_bounds.data.as_longlongs, new_bounds.data.as_longlongs
        self.old_count, self.new_count = len(old_records) // _RECORD, len(new_records) // _RECORD
        self.old_last, self.new_last = len(old_bounds) - 1, len(new_bounds) - 1
        if self.old_last < 0 or self.new_last < 0:
            raise ValueError("region bounds end with the text's end")

    cdef bint same(self, const Text *old, Py_ssize_t i0, Py_ssize_t i1, const Text *new,
                   Py_ssize_t j0, Py_ssize_t j1) noexcept:
        """``pipeline._same_blocks`` and ``Shapes.same`` of two runs of as many blocks."""
        cdef Py_ssize_t k, old_end, new_end
        old_end = self.old_bounds[i1 if i1 < self.old_last else self.old_last]
        new_end = self.new_bounds[j1 if j1 < self.new_last else self.new_last]
        if not _same_text(old, self.old_bounds[i0] if i0 < i1 else old_end, old_end,
                          new, self.new_bounds[j0] if j0 < j1 else new_end, new_end):
            return False
        for k in range(i1 - i0):
            if (self.old_records[(i0 + k) * _RECORD + _KIND]
                    != self.new_records[(j0 + k) * _RECORD + _KIND]
                    or self.old_records[(i0 + k) * _RECORD + _LEVEL]
                    != self.new_records[(j0 + k) * _RECORD + _LEVEL]):
                return False
        return True


cdef int _append_unchanged(list merged, object old, object new) except -1:
    """``pipeline._append_unchanged``: an unchanged pair, joined to the last if it
    continues it."""
    cdef Py_ssize_t at = len(merged) - 1  # (no negative index: wraparound is off)
    if at >= 0:
        last = merged[at]
        if last[0] is _UNCHANGED and last[1].stop == old.start and last[2].stop == new.start:
            merged[at] = _block_pair(_UNCHANGED, range(last[1].start, old.stop),
                                     range(last[2].start, new.stop))
            return 0
    merged.append(_block_pair(_UNCHANGED, old, new))
    return 0


cdef object _block_pair(object kind, object old, object new):
    """``BlockPair(kind, old, new)``, made as ``tuple.__new__`` makes it."""
    cdef object made = PyType_GenericAlloc(<PyTypeObject *>BlockPair, 4)
    Py_INCREF(kind)
    PyTuple_SET_ITEM(made, 0, kind)
    Py_INCREF(old)
    PyTuple_SET_ITEM(made, 1, old)
    Py_INCREF(new)
    PyTuple_SET_ITEM(made, 2, new)
    Py_INCREF(_UNMOVED)
    PyTuple_SET_ITEM(made, 3, _UNMOVED)
    return made


# ---------------------------------------------------------------------------------------
# read_ends: similarity.py's read_ends (BlockKeys.read_by_ends)
# ---------------------------------------------------------------------------------------

from variorum._tokens import count_words as _count_words, encode_words as _encode_words
from variorum.document import BODY_END, BODY_START

cdef Py_ssize_t _BODY_START = BODY_START, _BODY_END = BODY_END


def read_ends(str old_text not None, str new_text not None, array.array old_records not None,
              array.array new_records not None, olds, news, dict codes not None,
              dict ends not None, dict old_counts not None, dict new_counts not None):
    """``similarity.read_ends``: each pair of old block ``olds[k]`` and new block
    ``news[k]`` read by its identical ends, into ``ends``, ``old_counts`` and
    ``new_counts``; no Python step a pair but the words' own calls.

    >>> from array import array
    >>> records = array("q", [1, 0, 9, 0, 9, -1, -1, 0])  # one block, "A b c d e"
    >>> ends, old_counts, new_counts = {}, {}, {}
    >>> read_ends("A b c d e", "a b x d e", records, records, [0], [0], {}, ends, old_counts,
    ...           new_counts)
    >>> [len(rest) for rest in ends[0, 0][1:3]], ends[0, 0][0::3], old_counts, new_counts
    ([1, 1], (2, 2), {0: 5}, {0: 5})
    """
    cdef Py_ssize_t k, i, j, count = len(olds), head, tail
    cdef Py_ssize_t old_blocks = len(old_records) // _RECORD, new_blocks = len(new_records) // _RECORD
    cdef const long long *old_at
    cdef const long long *new_at
    cdef Text a, b
    cdef str old, new, old_rest, new_rest
    for column in (old_records, new_records):
        if column.typecode != "q":
            raise TypeError("read_ends reads arrays of 64-bit integers ('q')")
    if len(news) != count:
        raise ValueError("read_ends needs as many new blocks as old ones")
    old_at, new_at = old_records.data.as_longlongs, new_records.data.as_longlongs
    for k in range(count):
        i, j = olds[k], news[k]
        if not (0 <= i < old_blocks and 0 <= j < new_blocks):
            raise IndexError("read_ends: a block past the records")
        old = old_text[old_at[i * _RECORD + _BODY_START]:old_at[i * _RECORD + _BODY_END]].casefold()
        new = new_text[new_at[j * _RECORD + _BODY_START]:new_at[j * _RECORD + _BODY_END]].casefold()
        a, b = _text(old), _text(new)
        _common_ends(&a, 0, a.n, &b, 0, b.n, &head, &tail)
        start_words, end_words = _count_words(old, 0, head), _count_words(old, a.n - tail, a.n)
        old_rest = _encode_words(old[head:a.n - tail], codes)
        new_rest = _encode_words(new[head:b.n - tail], codes)
        ends[i, j] = (start_words, old_rest, new_rest, end_words)
        old_counts[i] = start_words + len(old_rest) + end_words
        new_counts[j] = start_words + len(new_rest) + end_words
