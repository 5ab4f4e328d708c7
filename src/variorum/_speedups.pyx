# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""The per-character work of plain-text parsing, compiled: labels, blocks, span hashes.

Optional: Variorum falls back to the pure-Python code (``ingest/labels.py``,
``ingest/text.py``) when this module was not built. Every function here gives exactly
what its Python counterpart gives, for all of Unicode: ``str`` is read code point by
code point through CPython's own character tests (``Py_UNICODE_ISSPACE`` is what
``re``'s ``\\s`` and ``str.isspace`` use, ``Py_UNICODE_ISDECIMAL`` is ``re``'s ``\\d``),
never as bytes, so a Latin-1 text and a UCS-4 text with the same characters give the
same results. ``tests/test_speedups.py`` checks this against the Python code.

Blocks come as records of 8 int64 in a flat ``array('q')``, one record per block::

    kind, span_start, span_end, body_start, body_end, label_start, label_end, level

``kind`` is 1 (paragraph) or 2 (list item), the index in ``list(BlockKind)``;
``label_start = label_end = -1`` when the block has no label.

``is_canonical_inside`` spares ``canonical_text`` (``ingest/normalize.py``) its scans
of a text that is already canonical. Two more serve the comparison: ``unique_anchor_runs`` (the block alignment's search for
unique anchors, ``align.anchor_runs``, over the body hashes) and ``common_ends`` (the
identical ends of two block texts that the word diff skips, ``diff._common_ends``).
"""

from cpython cimport array
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_FindChar, PyUnicode_GET_LENGTH
from cpython.unicode cimport PyUnicode_KIND, PyUnicode_READ, PyUnicode_Substring
from cpython.unicode cimport Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT
from cpython.unicode cimport Py_UNICODE_ISSPACE, Py_UNICODE_ISUPPER
from libc.stdint cimport int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcmp, memcpy

import array as _array
import unicodedata

cdef array.array _INT64 = _array.array("q")

cdef enum:
    _PARAGRAPH = 1  # list(BlockKind).index(BlockKind.PARAGRAPH)
    _LIST_ITEM = 2  # list(BlockKind).index(BlockKind.LIST_ITEM)
    _RECORD = 8  # int64 per block record


cdef struct Text:
    int kind
    void *data
    Py_ssize_t n


cdef Text _text(object text) except *:
    """The text's characters as CPython stores them (a subclass of str too, as in re)."""
    cdef Text t
    if not isinstance(text, str):
        raise TypeError(f"expected a str, not {type(text).__name__}")
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.n = PyUnicode_GET_LENGTH(text)
    return t


cdef inline Py_UCS4 _at(const Text *t, Py_ssize_t i) noexcept:
    """The code point at ``i``, or 0 past the end (0 is neither a digit, a letter nor
    space, and no label pattern asks for it, so past-the-end reads fail every test)."""
    return PyUnicode_READ(t.kind, t.data, i) if i < t.n else 0


# ---------------------------------------------------------------------------------------
# find_label: LABEL_PATTERN of ingest/labels.py, alternative by alternative.
#
# The regex backtracks, but on every alternative at most one path can reach the final
# lookahead ``(?=\s|$)``: a run of digits or of roman letters that stops short of its
# end leaves a digit or a letter next, which neither the rest of the alternative nor the
# lookahead accepts; a run of spaces inside a label (``S*``/``S+``, S = ``[^\S\n]``: not
# across a line break) that gives a space back leaves a space where a digit, a letter or
# ")" is needed. So each alternative is checked with maximal runs, and the alternatives
# are tried in the regex's order (the first that matches wins).
# ``$`` without MULTILINE matches at the end or before a final "\n", which is a space:
# the lookahead is "at the end, or at a space".
# ---------------------------------------------------------------------------------------

cdef inline bint _boundary(const Text *t, Py_ssize_t p) noexcept:
    """``(?=\\s|$)`` at ``p``."""
    return p >= t.n or Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, p))


cdef inline Py_ssize_t _spaces(const Text *t, Py_ssize_t p) noexcept:
    """Where the run of ``[^\\S\\n]`` (the spaces inside a label: no line break)
    starting at ``p`` ends."""
    cdef Py_UCS4 c
    while p < t.n:
        c = PyUnicode_READ(t.kind, t.data, p)
        if c == u"\n" or not Py_UNICODE_ISSPACE(c):
            break
        p += 1
    return p


cdef inline Py_ssize_t _digits(const Text *t, Py_ssize_t p) noexcept:
    """How many ``\\d`` start at ``p``, counted up to 4 (more than 3 never matches)."""
    cdef Py_ssize_t count = 0
    while count < 4 and p + count < t.n and Py_UNICODE_ISDECIMAL(
        PyUnicode_READ(t.kind, t.data, p + count)
    ):
        count += 1
    return count


cdef inline bint _is_lower(Py_UCS4 c) noexcept:
    return c >= u"a" and c <= u"z"


cdef inline bint _is_ascii_letter(Py_UCS4 c) noexcept:
    return (c >= u"a" and c <= u"z") or (c >= u"A" and c <= u"Z")


cdef inline bint _is_roman(Py_UCS4 c, bint upper) noexcept:
    if upper:
        return c in u"IVXLCDM"
    return c in u"ivxlcdm"


cdef inline Py_ssize_t _roman(const Text *t, Py_ssize_t p) noexcept:
    """Where ``[ivxlcdm]{1,7}|[IVXLCDM]{1,7}`` at ``p`` ends when it takes the whole run
    of roman letters (the only way it can match), or -1."""
    cdef Py_UCS4 c = _at(t, p)
    cdef bint upper
    cdef Py_ssize_t count = 0
    if _is_roman(c, False):
        upper = False
    elif _is_roman(c, True):
        upper = True
    else:
        return -1
    while count < 8 and _is_roman(_at(t, p + count), upper):
        count += 1
    return p + count if count <= 7 else -1


cdef inline Py_ssize_t _dot_end(const Text *t, Py_ssize_t p) noexcept:
    """``\\.?(?=\\s|$)`` at ``p``: where the label ends, or -1."""
    if _at(t, p) == u".":
        return p + 1 if _boundary(t, p + 1) else -1
    return p if _boundary(t, p) else -1


cdef inline Py_ssize_t _number_end(const Text *t, Py_ssize_t p) noexcept:
    """``\\d{1,3}[a-z]?\\.?(?=\\s|$)`` at ``p``, or -1."""
    cdef Py_ssize_t count = _digits(t, p)
    if count == 0 or count > 3:
        return -1
    p += count
    if _is_lower(_at(t, p)):
        p += 1  # not taking the letter would leave a letter before the lookahead
    return _dot_end(t, p)


cdef Py_ssize_t _parenthesized(const Text *t, Py_ssize_t p) noexcept:
    """``\\(S*(?:\\d{1,3}[a-z]?|[a-zA-Z]{1,2}|ROMAN)S*\\)(?=\\s|$)`` at ``p``, or -1
    (S is ``[^\\S\\n]``, see ``_spaces``)."""
    cdef Py_ssize_t q = _spaces(t, p + 1)
    cdef Py_ssize_t count
    cdef Py_UCS4 c = _at(t, q)
    if Py_UNICODE_ISDECIMAL(c):
        count = _digits(t, q)
        if count > 3:
            return -1
        q += count
        if _is_lower(_at(t, q)):
            q += 1
    elif _is_ascii_letter(c):
        count = 1
        while count < 3 and _is_ascii_letter(_at(t, q + count)):
            count += 1
        if count <= 2:
            q += count
        else:
            # three letters or more: only a roman numeral of them all can be followed
            # by the closing spaces and ")" (a shorter one leaves a letter, checked below)
            q = _roman(t, q)
            if q < 0:
                return -1
    else:
        return -1
    q = _spaces(t, q)
    if _at(t, q) != u")" or not _boundary(t, q + 1):
        return -1
    return q + 1


cdef Py_ssize_t _numbered(const Text *t, Py_ssize_t p) noexcept:
    """``\\d{1,3}(?:\\.\\d{1,3})*[.)]`` or ``\\d{1,3}(?:\\.\\d{1,3})+``, then the
    lookahead, at ``p`` (a digit), or -1."""
    cdef Py_ssize_t count = _digits(t, p)
    cdef Py_ssize_t groups = 0
    cdef Py_ssize_t more
    if count > 3:
        return -1
    p += count
    # every group takes its whole run of 1 to 3 digits; the repetition stops before a
    # "." not followed by such a run (fewer groups leave ".<digit>", which fails)
    while _at(t, p) == u"." and Py_UNICODE_ISDECIMAL(_at(t, p + 1)):
        more = _digits(t, p + 1)
        if more > 3:
            break
        p += 1 + more
        groups += 1
    if _at(t, p) in u".)":
        return p + 1 if _boundary(t, p + 1) else -1
    if groups and _boundary(t, p):
        return p
    return -1


cdef inline Py_ssize_t _keyword(const Text *t, Py_ssize_t p, unicode word) noexcept:
    """Where ``word`` ends if the text has it at ``p``, or -1."""
    cdef Py_ssize_t i
    cdef Py_ssize_t length = len(word)
    if p + length > t.n:
        return -1
    for i in range(length):
        if PyUnicode_READ(t.kind, t.data, p + i) != word[i]:
            return -1
    return p + length


cdef tuple _KEYWORDS = (
    u"Article", u"Art.", u"Section", u"Sec.", u"Chapter", u"Part", u"Rule", u"Clause",
    u"Principle", u"Annex",
)


cdef Py_ssize_t _label_end(const Text *t, Py_ssize_t p) noexcept:
    """Where the label matched at ``p`` ends, or -1 (``LABEL_PATTERN.match``)."""
    cdef Py_UCS4 c
    cdef Py_ssize_t end, count
    cdef unicode word
    if p >= t.n:
        return -1
    c = PyUnicode_READ(t.kind, t.data, p)
    # \( ... \)
    if c == u"(":
        end = _parenthesized(t, p)
        if end >= 0:
            return end
    # 2.  1.2.  3)  and  1.2
    if Py_UNICODE_ISDECIMAL(c):
        end = _numbered(t, p)
        if end >= 0:
            return end
    # a)  B.
    if _is_ascii_letter(c) and _at(t, p + 1) in u".)" and _boundary(t, p + 2):
        return p + 2
    # iv.  XII)
    end = _roman(t, p)
    if end >= 0 and _at(t, end) in u".)" and _boundary(t, end + 1):
        return end + 1
    # Article 5, Section IV.
    if c in u"ASCPR":
        for word in _KEYWORDS:
            end = _keyword(t, p, word)
            if end < 0:
                continue
            count = _spaces(t, end)
            if count == end:
                return -1  # S+ needs one space; no other keyword starts here
            end = _number_end(t, count)
            if end < 0:
                end = _roman(t, count)
                if end >= 0:
                    end = _dot_end(t, end)
            return end
    # § 3, §§ 12
    if c == u"§":
        end = p + 1
        if _at(t, end) == u"§":
            end += 1
        return _number_end(t, _spaces(t, end))
    # bullets
    if c in u"-*•·◦▪–" and _boundary(t, p + 1):
        return p + 1
    return -1


def find_label(text, Py_ssize_t start=0):
    """Offsets of the numbering label at ``text[start:]``, or None: exactly
    ``variorum.ingest.labels.find_label``.

    >>> find_label("(b) Not to use information")
    (0, 3)
    >>> find_label("2015 was a year") is None
    True
    """
    cdef Text t = _text(text)
    cdef Py_ssize_t end
    # re clamps the position into the text
    if start < 0:
        start = 0
    end = _label_end(&t, start)
    return None if end < 0 else (start, end)


# ---------------------------------------------------------------------------------------
# plain_text_blocks: ingest/text.py's parse_text on canonical text.
# ---------------------------------------------------------------------------------------

cdef struct Int64s:  # a growable buffer of int64 (freed by its owner)
    int64_t *items
    Py_ssize_t size
    Py_ssize_t capacity


cdef int _grow(Int64s *buffer, Py_ssize_t extra) except -1:
    cdef Py_ssize_t capacity = buffer.capacity
    cdef int64_t *items
    if buffer.size + extra <= capacity:
        return 0
    while capacity < buffer.size + extra:
        capacity = capacity * 2 if capacity else 256
    items = <int64_t *> realloc(buffer.items, capacity * sizeof(int64_t))
    if items == NULL:
        raise MemoryError()
    buffer.items = items
    buffer.capacity = capacity
    return 0


cdef int _add_block(const Text *t, Int64s *out, Py_ssize_t start, Py_ssize_t end,
                    Py_ssize_t indent) except -1:
    """One block of ``text.py``'s ``_block``: lines ``start`` (the first non-space of its
    first line, ``indent`` characters into that line) to ``end``."""
    cdef Py_ssize_t label = _label_end(t, start)
    cdef Py_ssize_t body = start
    cdef int64_t *record
    cdef Py_UCS4 c
    _grow(out, _RECORD)
    record = out.items + out.size
    out.size += _RECORD
    if label >= 0:
        body = label
        while body < end:
            c = PyUnicode_READ(t.kind, t.data, body)
            if c != u" " and c != u"\t":
                break
            body += 1
    record[0] = _LIST_ITEM if label >= 0 else _PARAGRAPH
    record[1] = start
    record[2] = end
    record[3] = body
    record[4] = end
    record[5] = start if label >= 0 else -1
    record[6] = label
    record[7] = min(indent // 2, 8)
    return 0


cdef inline bint _continues(const Text *t, const int64_t *lines, Py_ssize_t index,
                            Py_ssize_t width, double fill) noexcept:
    """``text.py``'s ``_continues``: line ``index`` of a chunk carries on the paragraph
    of line ``index - 1`` (``lines`` holds start, end, indent per line)."""
    cdef Py_ssize_t prev_start = lines[3 * index - 3]
    cdef Py_ssize_t prev_end = lines[3 * index - 2]
    cdef Py_ssize_t start = lines[3 * index]
    cdef Py_UCS4 c
    if <double> (prev_end - prev_start) < fill * <double> width:
        return False
    if PyUnicode_READ(t.kind, t.data, prev_end - 1) in u".!?:;":
        c = PyUnicode_READ(t.kind, t.data, start)
        if Py_UNICODE_ISUPPER(c) or Py_UNICODE_ISDIGIT(c):
            return False  # a sentence ends and a new one starts: one paragraph per line
    return _label_end(t, start) < 0


cdef int _add_chunk(const Text *t, Int64s *out, const int64_t *lines, Py_ssize_t count,
                    Py_ssize_t max_width, double fill) except -1:
    """The blocks of one run of non-blank lines (``lines``: start, end, indent each)."""
    cdef Py_ssize_t index, first = 0, width = 0
    cdef bint wrapped
    for index in range(count):
        width = max(width, lines[3 * index + 1] - lines[3 * index])
    wrapped = width <= max_width
    for index in range(1, count + 1):
        if index < count and wrapped and _continues(t, lines, index, width, fill):
            continue
        _add_block(t, out, lines[3 * first], lines[3 * index - 2], lines[3 * first + 2])
        first = index
    return 0


def plain_text_blocks(text, Py_ssize_t max_width=100, double fill=0.6):
    """The blocks ``parse_text`` finds in ``text`` (already canonical), as records.

    ``max_width`` and ``fill`` are ``HARD_WRAP_MAX_WIDTH`` and ``HARD_WRAP_FILL`` of
    ``variorum.ingest.text`` (the caller passes those: they are the one source of truth).
    Returns an ``array('q')`` of 8 int64 per block: kind (1 paragraph, 2 list item),
    span start and end, body start and end, label start and end (-1 without a label),
    level.

    >>> list(plain_text_blocks("Title\\n\\n(a) One;\\n"))
    [1, 0, 5, 0, 5, -1, -1, 0, 2, 7, 15, 11, 15, 7, 10, 0]
    """
    cdef Text t = _text(text)
    cdef Int64s out
    cdef Int64s lines  # start, end, indent of each line of the current chunk
    cdef Py_ssize_t pos = 0, line_end, first
    cdef bint after_blank = True
    cdef array.array result
    out.items = NULL
    out.size = out.capacity = 0
    lines.items = NULL
    lines.size = lines.capacity = 0
    try:
        while pos < t.n:
            line_end = PyUnicode_FindChar(text, u"\n", pos, t.n, 1)
            if line_end < 0:
                line_end = t.n
            first = pos
            while first < line_end and Py_UNICODE_ISSPACE(
                PyUnicode_READ(t.kind, t.data, first)
            ):
                first += 1
            if first == line_end:
                after_blank = True  # a blank line ends the chunk
            else:
                if after_blank and lines.size:
                    _add_chunk(&t, &out, lines.items, lines.size // 3, max_width, fill)
                    lines.size = 0
                after_blank = False
                _grow(&lines, 3)
                lines.items[lines.size] = first
                lines.items[lines.size + 1] = line_end
                lines.items[lines.size + 2] = first - pos
                lines.size += 3
            pos = line_end + 1
        if lines.size:
            _add_chunk(&t, &out, lines.items, lines.size // 3, max_width, fill)
        result = array.clone(_INT64, out.size, zero=False)
        if out.size:
            memcpy(result.data.as_voidptr, out.items, out.size * sizeof(int64_t))
        return result
    finally:
        free(out.items)
        free(lines.items)


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

    >>> text = "(a) Same.\\n\\n(b) Same.\\n"
    >>> first, second = span_hashes(text, plain_text_blocks(text), 3, 4, 8)
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
# common_ends: diff.py's _common_ends.
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
    exactly ``diff._common_ends(a, Span(a_start, a_end), b, Span(b_start, b_end))``.
    Characters are compared, not bytes, whatever the two strings' internal widths.

    >>> common_ends("to use ICTs", 0, 11, "to use information technologies", 0, 31)
    (7, 0)
    >>> common_ends("a cat sat", 0, 9, "a hat sat", 0, 9)
    (2, 4)
    """
    cdef Text ta = _text(a)
    cdef Text tb = _text(b)
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
        _token_edge(&ta, a_start, a_end, head) and _token_edge(&tb, b_start, b_end, head)
    ):
        head -= 1
    while tail > 0 and not (
        _token_edge(&ta, a_start, a_end, a_length - tail)
        and _token_edge(&tb, b_start, b_end, b_length - tail)
    ):
        tail -= 1
    return head, tail


# ---------------------------------------------------------------------------------------
# is_canonical_inside: whether normalize.canonical_text's rewrites inside the text (line
# breaks, separators, NFC, line-end spaces) would all leave it as it is.
#
# NFC is checked piecewise. Every code point below U+0300 is a starter that NFC keeps and
# that, like the first character of its decomposition, composes with nothing before it
# (tests/test_speedups.py checks this over all of them): normalization never reaches
# across one. So the text splits, before each, into segments normalized independently:
# a character below U+0300 (or the start) and the run of characters from U+0300 up that
# follows it. Only segments with such a run need asking ``unicodedata.is_normalized``.
#
# The scan reads the characters through typed pointers, one loop per storage width, and
# skips blocks of ordinary characters with a test the C compiler vectorizes: read one by
# one through PyUnicode_READ, the benchmarks' large text took about as long as the scans
# this replaces (some 10 ms), against 4 ms so.
# ---------------------------------------------------------------------------------------

cdef object _is_normalized = unicodedata.is_normalized

ctypedef fused chars:  # the three ways CPython stores a str: Py_UCS1, Py_UCS2, Py_UCS4
    uint8_t
    uint16_t
    uint32_t

cdef enum:
    _FIRST_MAYBE_COMBINING = 0x300  # U+0300 COMBINING GRAVE ACCENT: all below are starters
    _BLOCK = 32  # characters tested at once for anything but ordinary ones


cdef inline bint _stop(chars c, bint nfc) noexcept:
    """A character the scan must look at: a control character (line breaks, "\\r" and
    tabs among them), and while ``nfc`` (the segments are still recorded) any from U+0300
    up, else U+2028, U+2029 and U+FEFF."""
    # | rather than or, and no widening to Py_UCS4: what the compiler can vectorize
    if nfc:
        return (c < 0x20) | ((c >= 0x7F) & (c < 0xA0)) | (c >= _FIRST_MAYBE_COMBINING)
    return ((c < 0x20) | ((c >= 0x7F) & (c < 0xA0)) | (c == 0x2028) | (c == 0x2029)
            | (c == 0xFEFF))


cdef inline bint _control(Py_UCS4 c) noexcept:
    """One of ``normalize.CONTROLS``: a control character other than tab and line breaks."""
    return (c < 0x20 and c != u"\t" and c != u"\n" and c != u"\r") or (0x7F <= c < 0xA0)


cdef inline bint _any_stop(const chars *block, bint nfc) noexcept:
    cdef chars found = 0  # as wide as the characters: more of them to a vector register
    cdef Py_ssize_t k
    if nfc:  # two loops, each without a branch or an early exit
        for k in range(_BLOCK):
            found |= _stop(block[k], True)
    else:
        for k in range(_BLOCK):
            found |= _stop(block[k], False)
    return found != 0


cdef inline bint _line_end_space(Py_UCS4 c) noexcept:
    """One of ``normalize._LINE_END_SPACE``."""
    return c == u" " or c == u"\t" or c == u"\f" or c == u"\v" or c == u"\u00a0"


cdef int _add(Int64s *found, Py_ssize_t start, Py_ssize_t end) except -1:
    _grow(found, 2)
    found.items[found.size] = start
    found.items[found.size + 1] = end
    found.size += 2
    return 0


cdef Py_ssize_t _segments(const chars *text, Py_ssize_t n, Int64s *found,
                          Py_ssize_t most) except -2:
    """How many segments of ``text`` hold characters from U+0300 up, their bounds added to
    ``found`` as start, end pairs, or ``most + 1`` when there are more (the rest of the
    text is then only scanned for the rewrites); or -1 when a rewrite is due (a "\\r",
    U+2028, U+2029, U+FEFF, a line-end space before "\\n" or at the end)."""
    cdef Py_ssize_t i = 0, start, count = 0
    cdef Py_UCS4 c
    cdef bint nfc
    while True:
        nfc = count <= most
        while i + _BLOCK <= n and not _any_stop(text + i, nfc):
            i += _BLOCK
        while i < n and not _stop(text[i], nfc):
            i += 1
        if i == n:
            break
        c = text[i]
        if c == u"\r" or c == 0x2028 or c == 0x2029 or c == 0xFEFF or _control(c):
            return -1
        if c == u"\n" and i and _line_end_space(text[i - 1]):
            return -1
        if c < _FIRST_MAYBE_COMBINING or count > most:
            i += 1
            continue
        start = i - 1 if i else 0  # the starter before the run
        while i < n and text[i] >= _FIRST_MAYBE_COMBINING:
            if text[i] == 0x2028 or text[i] == 0x2029 or text[i] == 0xFEFF:
                return -1
            i += 1
        count += 1
        if count <= most:
            _add(found, start, i)
    if n and _line_end_space(text[n - 1]):
        return -1
    return count


cdef Py_ssize_t _segments_of(const Text *t, Int64s *found, Py_ssize_t most) except -2:
    if t.kind == 1:
        return _segments(<const uint8_t *> t.data, t.n, found, most)
    if t.kind == 2:
        return _segments(<const uint16_t *> t.data, t.n, found, most)
    return _segments(<const uint32_t *> t.data, t.n, found, most)


def is_canonical_inside(text, Py_ssize_t chars_per_call=64):
    """Whether ``canonical_text``'s rewrites inside ``text`` (all but its ends) would all
    leave it as it is: it has no "\\r", U+2028, U+2029, U+FEFF or control character
    (``normalize.CONTROLS``), no line-end space
    (one of " \\t\\f\\v\\u00a0" before a "\\n" or at the end), and it is NFC.

    The segments are checked one ``is_normalized`` call each while there is at most one
    per ``chars_per_call`` characters of the text; past that, one call on the whole text
    is the cheaper, and is made instead (a call on a segment costs about as much as the
    check of 30 to 60 more characters in one call: 150 ns against 2 to 5 ns each).

    >>> is_canonical_inside("Caf\\u00e9 \\u201cau lait\\u201d\\n")
    True
    >>> is_canonical_inside("Cafe\\u0301\\n"), is_canonical_inside("Caf\\u00e9 \\n")
    (False, False)
    """
    cdef Text t = _text(text)
    cdef Int64s found
    cdef Py_ssize_t count, k
    if chars_per_call < 1:
        raise ValueError(f"chars_per_call must be at least 1, not {chars_per_call}")
    found.items = NULL
    found.size = found.capacity = 0
    try:
        count = _segments_of(&t, &found, t.n // chars_per_call)
        if count <= 0:
            return count == 0
        if found.size < 2 * count:  # too many to ask one by one
            return _is_normalized("NFC", text)
        for k in range(0, found.size, 2):
            if not _is_normalized(
                "NFC", PyUnicode_Substring(text, found.items[k], found.items[k + 1])
            ):
                return False
        return True
    finally:
        free(found.items)


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
