# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""The per-character work of reading plain text, compiled: labels, blocks, and the
check that spares ``canonical_text`` its rewrites of a text that needs none.

Optional: Variorum runs the pure-Python references (``ingest/labels.py``,
``ingest/text.py``, ``ingest/normalize.py``) when this module was not built or
``VARIORUM_PURE_PYTHON`` is set (``variorum/compiled.py``). Every function here gives
exactly what its reference gives, for all of Unicode: ``str`` is read code point by code
point through CPython's own character tests (``Py_UNICODE_ISSPACE`` is what ``re``'s
``\\s`` and ``str.isspace`` use, ``Py_UNICODE_ISDECIMAL`` is ``re``'s ``\\d``), never as
bytes, so a Latin-1 text and a UCS-4 text with the same characters give the same
results. ``tests/test_speedups.py`` checks this against the Python code.

Blocks come as records of 8 int64 in a flat ``array('q')``, one record per block::

    kind, span_start, span_end, body_start, body_end, label_start, label_end, level

``kind`` is 1 (paragraph) or 2 (list item), the index in ``list(BlockKind)``;
``label_start = label_end = -1`` when the block has no label.
"""

from cpython cimport array
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_FindChar, PyUnicode_GET_LENGTH
from cpython.unicode cimport PyUnicode_KIND, PyUnicode_READ
from cpython.unicode cimport PyUnicode_Substring
from cpython.unicode cimport Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT
from cpython.unicode cimport Py_UNICODE_ISSPACE, Py_UNICODE_ISUPPER
from cpython.ref cimport PyObject
from libc.stdint cimport int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcpy

import array as _array
import unicodedata
from variorum._text cimport Int64s, Text, _at, _grow, _text, _LIST_ITEM, _PARAGRAPH, _RECORD

cdef array.array _INT64 = _array.array("q")


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

    The segments are checked one NFC call each (once per distinct segment: ``_Segments``)
    while there is at most one
    per ``chars_per_call`` characters of the text; past that, one call on the whole text
    is the cheaper, and is made instead (a call on a segment costs about as much as the
    check of 30 to 60 more characters in one call: 150 ns against 2 to 5 ns each).

    >>> is_canonical_inside("Caf\\u00e9 \\u201cau lait\\u201d\\n")
    True
    >>> is_canonical_inside("Cafe\\u0301\\n"), is_canonical_inside("Caf\\u00e9 \\n")
    (False, False)
    """
    return _need(text, chars_per_call) == 0


def canonical_need(text, Py_ssize_t chars_per_call=64):
    """``normalize.canonical_need``: 0 when ``text`` is canonical inside
    (``is_canonical_inside``), 1 when only NFC would change it, 2 when another rewrite
    is due. One scan, as ``is_canonical_inside`` makes it.

    >>> canonical_need("Caf\\u00e9\\n"), canonical_need("Cafe\\u0301\\n")
    (0, 1)
    >>> canonical_need("Cafe\\u0301 \\n")
    2
    """
    return _need(text, chars_per_call)


cdef int _need(text, Py_ssize_t chars_per_call) except -1:
    """0: canonical inside; 1: NFC alone changes it; 2: another rewrite is due."""
    cdef Text t = _text(text)
    cdef Int64s found
    cdef Py_ssize_t count, k
    cdef _Segments segments
    cdef bint changes
    if chars_per_call < 1:
        raise ValueError(f"chars_per_call must be at least 1, not {chars_per_call}")
    found.items = NULL
    found.size = found.capacity = 0
    try:
        count = _segments_of(&t, &found, t.n // chars_per_call)
        if count <= 0:
            return 0 if count == 0 else 2
        if found.size < 2 * count:  # too many to ask one by one
            return 0 if _is_normalized("NFC", text) else 1
        segments = _Segments(text)
        for k in range(0, found.size, 2):
            segments.of(found.items[k], found.items[k + 1], &changes)
            if changes:
                return 1
        return 0
    finally:
        free(found.items)



# ---------------------------------------------------------------------------------------
# to_nfc: unicodedata.normalize("NFC", text), one segment at a time.
#
# NFC changes nothing outside the segments that hold characters from U+0300 up (each
# with the starter before it), for the reason is_canonical_inside's segments stand on:
# no character below U+0300 composes with the one before it or is reordered. A text
# whose accents are decomposed (NFD, as macOS file names and some PDFs give them) holds
# one such segment per accented letter: normalizing those alone, rather than the whole
# text (which CPython decomposes and recomposes whole once one character is unsure),
# takes a fifth of the time on the benchmarks' large text.
# ---------------------------------------------------------------------------------------

cdef object _normalize = unicodedata.normalize


cdef int _nfc_segments(const chars *text, Py_ssize_t n, Int64s *found) except -1:
    """The bounds of the segments of ``text`` NFC may change, added to ``found``."""
    cdef Py_ssize_t i = 0, start
    while True:
        while i + _BLOCK <= n and not _any_stop(text + i, True):
            i += _BLOCK
        while i < n and not _stop(text[i], True):
            i += 1
        if i == n:
            return 0
        if text[i] < _FIRST_MAYBE_COMBINING:
            i += 1
            continue
        start = i - 1 if i else 0  # the starter before the run
        while i < n and text[i] >= _FIRST_MAYBE_COMBINING:
            i += 1
        _add(found, start, i)


cdef int _nfc_segments_of(const Text *t, Int64s *found) except -1:
    if t.kind == 1:
        return _nfc_segments(<const uint8_t *> t.data, t.n, found)
    if t.kind == 2:
        return _nfc_segments(<const uint16_t *> t.data, t.n, found)
    return _nfc_segments(<const uint32_t *> t.data, t.n, found)


cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    Py_UCS4 PyUnicode_MAX_CHAR_VALUE(object text)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    Py_ssize_t PyUnicode_CopyCharacters(object to, Py_ssize_t to_start, object source,
                                        Py_ssize_t source_start, Py_ssize_t count) except -1


def to_nfc(text, Py_ssize_t chars_per_call=64):
    """``unicodedata.normalize("NFC", text)``: the segments that may change normalized
    one call each while there is at most one per ``chars_per_call`` characters, else the
    whole text in one call (a Greek or Cyrillic text is nothing but such segments, and
    is NFC already, which one call finds fast).

    >>> to_nfc("Cafe\\u0301 cre\\u0300me"), to_nfc("Caf\\u00e9")
    ('Café crème', 'Café')
    """
    cdef Text t = _text(text)
    cdef Int64s found
    if chars_per_call < 1:
        raise ValueError(f"chars_per_call must be at least 1, not {chars_per_call}")
    found.items = NULL
    found.size = found.capacity = 0
    try:
        _nfc_segments_of(&t, &found)
        if found.size == 0:
            return text
        if found.size // 2 > t.n // chars_per_call:
            return _normalize("NFC", text)
        return _composed(text, &found)
    finally:
        free(found.items)


cdef struct _Pair:  # what NFC makes of a segment of two characters, in a table of them
    uint64_t key  # the two characters, the first in the high half; 0 for an empty slot
    PyObject *composed  # the normalized segment (a reference that ``_Segments`` holds)
    bint changes  # whether it differs from the segment


cdef enum:
    _SLOTS = 4096  # the table's size: a text's distinct two-character segments are few


cdef class _Segments:
    """NFC of each segment, asked of ``unicodedata`` once per distinct segment: a
    decomposed text repeats a few accented letters, one segment each (an e and its
    accent), which a table keyed by their two characters finds without a string."""

    cdef object text
    cdef Text t
    cdef _Pair *table
    cdef Py_ssize_t used
    cdef dict others  # longer segments (and two-character ones once the table is full)
    cdef list held  # the references of the table

    def __cinit__(self, text):
        self.text = text
        self.t = _text(text)
        self.table = <_Pair *> calloc(_SLOTS, sizeof(_Pair))
        if self.table == NULL:
            raise MemoryError()
        self.others = {}
        self.held = []

    def __dealloc__(self):
        free(self.table)

    cdef object of(self, Py_ssize_t start, Py_ssize_t end, bint *changes):
        """The normalized segment ``text[start:end]``; ``changes`` set to whether it
        differs."""
        cdef uint64_t key
        cdef Py_ssize_t slot
        if end - start != 2 or 2 * self.used >= _SLOTS:
            return self._normalized(start, end, changes)
        key = (<uint64_t> PyUnicode_READ(self.t.kind, self.t.data, start) << 32) | (
            <uint64_t> PyUnicode_READ(self.t.kind, self.t.data, start + 1)
        )
        slot = <Py_ssize_t> (key * 0x9E3779B97F4A7C15ULL >> 52)  # the top 12 bits
        while self.table[slot].key != 0 and self.table[slot].key != key:
            slot = (slot + 1) & (_SLOTS - 1)
        if self.table[slot].key == 0:
            composed = self._normalized(start, end, &self.table[slot].changes)
            self.held.append(composed)
            self.table[slot].composed = <PyObject *> composed
            self.table[slot].key = key
            self.used += 1
        changes[0] = self.table[slot].changes
        return <object> self.table[slot].composed

    cdef object _normalized(self, Py_ssize_t start, Py_ssize_t end, bint *changes):
        segment = PyUnicode_Substring(self.text, start, end)
        composed = self.others.get(segment)
        if composed is None:
            composed = self.others[segment] = _normalize("NFC", segment)
        changes[0] = composed != segment
        return composed


cdef object _composed(object text, Int64s *found):
    """``text`` with each segment of ``found`` normalized, written into one new string."""
    cdef _Segments segments = _Segments(text)
    cdef Int64s changed  # the start, end of each segment NFC changes
    cdef list composed_texts = []  # and what it becomes
    cdef Py_ssize_t k, at = 0, w = 0, size = PyUnicode_GET_LENGTH(text)
    cdef Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(text), segments_widest = 0
    cdef bint changes
    changed.items = NULL
    changed.size = changed.capacity = 0
    try:
        for k in range(0, found.size, 2):
            composed = segments.of(found.items[k], found.items[k + 1], &changes)
            segments_widest = max(segments_widest, PyUnicode_MAX_CHAR_VALUE(composed))
            if changes:
                _add(&changed, found.items[k], found.items[k + 1])
                composed_texts.append(composed)
                size += PyUnicode_GET_LENGTH(composed) - (found.items[k + 1] - found.items[k])
                widest = max(widest, PyUnicode_MAX_CHAR_VALUE(composed))
        if not changed.size:
            return text
        result = PyUnicode_New(size, widest)
        for k in range(0, changed.size, 2):
            composed = composed_texts[k // 2]
            PyUnicode_CopyCharacters(result, w, text, at, changed.items[k] - at)
            w += changed.items[k] - at
            PyUnicode_CopyCharacters(result, w, composed, 0, PyUnicode_GET_LENGTH(composed))
            w += PyUnicode_GET_LENGTH(composed)
            at = changed.items[k + 1]
        PyUnicode_CopyCharacters(result, w, text, at, PyUnicode_GET_LENGTH(text) - at)
    finally:
        free(changed.items)
    # Every character outside the segments is below U+0300: the segments alone tell the
    # width of the result, but for one below U+0100 (then CPython finds it)
    widest = PyUnicode_MAX_CHAR_VALUE(result)
    if widest > segments_widest or (segments_widest <= 0xFF and widest > 0x7F):
        return PyUnicode_FromKindAndData(PyUnicode_KIND(result), PyUnicode_DATA(result), size)
    return result


# ---------------------------------------------------------------------------------------
# line_ends_fixed: normalize._line_ends_fixed in one pass and one copy.
#
# The reference replaces "\r\n" and lone "\r" by "\n", then strips each line's trailing
# " \t\u00a0": on a large text with CRLF or Markdown hard breaks, a copy of the text per
# rewrite and a string per line. Here one scan (the same vectorized skip as above, for
# "\n" and "\r" only) records each stretch to cut: a line's trailing spaces with the
# line break after them, which the copy writes as one "\n"; the removed characters are
# all below U+0100, so the copy keeps the width of the text (but for a Latin-1 text,
# whose only characters from U+0080 up may be the no-break spaces removed).
# ---------------------------------------------------------------------------------------

cdef inline bint _break(chars c) noexcept:
    return (c == 10) | (c == 13)


cdef inline bint _any_break(const chars *block) noexcept:
    cdef chars found = 0
    cdef Py_ssize_t k
    for k in range(_BLOCK):
        found |= _break(block[k])
    return found != 0


cdef inline bint _plain_space(Py_UCS4 c) noexcept:
    """One of ``normalize._PLAIN_LINE_END_SPACE``."""
    return c == u" " or c == u"\t" or c == u"\u00a0"


cdef Py_ssize_t _cuts(const chars *text, Py_ssize_t n, Int64s *cuts) except -1:
    """The stretches to cut, as start, end pairs: trailing spaces and the line break
    after them (to be written as one "\\n"), and last, the trailing spaces at the end
    (cut without one). Returns how many characters the cuts remove in all."""
    cdef Py_ssize_t i = 0, back, end, removed = 0
    while True:
        while i + _BLOCK <= n and not _any_break(text + i):
            i += _BLOCK
        while i < n and not _break(text[i]):
            i += 1
        back = i
        while back > 0 and _plain_space(text[back - 1]):
            back -= 1
        if i == n:
            if back < n:
                _add(cuts, back, n)
                removed += n - back
            return removed
        end = i + 2 if text[i] == u"\r" and i + 1 < n and text[i + 1] == u"\n" else i + 1
        if back < i or end - i == 2 or text[i] == u"\r":
            _add(cuts, back, end)
            removed += end - back - 1
        i = end


cdef void _write(const chars *text, chars *out, Py_ssize_t n, const Int64s *cuts) noexcept:
    """``text`` copied to ``out`` without the ``cuts``, each but a final one as "\\n"."""
    cdef Py_ssize_t k, at = 0, w = 0, start, end
    for k in range(0, cuts.size, 2):
        start, end = cuts.items[k], cuts.items[k + 1]
        memcpy(out + w, text + at, (start - at) * sizeof(chars))
        w += start - at
        if end < n or _break(text[n - 1]):
            out[w] = 10
            w += 1
        at = end
    memcpy(out + w, text + at, (n - at) * sizeof(chars))


def line_ends_fixed(text):
    """``text`` with ``\\n`` line breaks and no line-end spaces: exactly
    ``variorum.ingest.normalize._line_ends_fixed`` (``text`` itself when that changes
    nothing).

    >>> line_ends_fixed("One  \\r\\nTwo\\t\\rThree\\u00a0")
    'One\\nTwo\\nThree'
    """
    cdef Text t = _text(text)
    cdef Int64s cuts
    cdef Py_ssize_t removed
    cdef Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(text)
    cuts.items = NULL
    cuts.size = cuts.capacity = 0
    try:
        if t.kind == 1:
            removed = _cuts(<const uint8_t *> t.data, t.n, &cuts)
        elif t.kind == 2:
            removed = _cuts(<const uint16_t *> t.data, t.n, &cuts)
        else:
            removed = _cuts(<const uint32_t *> t.data, t.n, &cuts)
        if not cuts.size:
            return text
        result = PyUnicode_New(t.n - removed, maxchar)
        if t.kind == 1:
            _write(<const uint8_t *> t.data, <uint8_t *> PyUnicode_DATA(result), t.n, &cuts)
            if maxchar == 0xFF:  # Latin-1: made ASCII if only removed spaces were not
                return PyUnicode_FromKindAndData(1, PyUnicode_DATA(result), t.n - removed)
        elif t.kind == 2:
            _write(<const uint16_t *> t.data, <uint16_t *> PyUnicode_DATA(result), t.n, &cuts)
        else:
            _write(<const uint32_t *> t.data, <uint32_t *> PyUnicode_DATA(result), t.n, &cuts)
        return result
    finally:
        free(cuts.items)
