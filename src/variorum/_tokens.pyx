# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, embedsignature=True
"""The tokenizer of the word diff, compiled: token ends, one character per token, words.

Optional: Variorum falls back to ``variorum.tokens.TOKEN_PATTERN`` and
``variorum.compare.diff._encode`` when this module was not built. ``token_ends`` gives the end of
every match of ``TOKEN_PATTERN.finditer(text, start, end)`` on every input, and
``encode_tokens`` what ``_encode(units(...))`` gives with the default options, and
``count_words`` the number of matches of ``WORD_PATTERN`` (the statistics' words),
``word_spans`` their places, ``share_word`` whether two spans share one, and
``encode_words`` the similarity's one character per such word (``encode_all_words``
the same of many texts, ``encode_bodies`` of many blocks' case-folded bodies);
``tests/test_compiled_tokens.py`` checks them against the Python code, with every code
point where one of the pattern's character classes changes.

The text is read code point by code point through CPython's own character tests, the
ones ``re`` uses for a ``str`` pattern: ``\\w`` is ``Py_UNICODE_ISALNUM`` or "_", ``\\d``
is ``Py_UNICODE_ISDECIMAL``, ``\\s`` is ``Py_UNICODE_ISSPACE``.
"""

from cpython cimport array
from cpython.dict cimport PyDict_GetItemWithError, PyDict_SetDefault
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject
from cpython.pyport cimport PY_SSIZE_T_MAX
from cpython.unicode cimport PyUnicode_4BYTE_KIND, PyUnicode_DATA, PyUnicode_FromKindAndData
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_READ
from cpython.unicode cimport PyUnicode_READ_CHAR, PyUnicode_Substring
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISALPHA, Py_UNICODE_ISDECIMAL
from cpython.unicode cimport Py_UNICODE_ISSPACE
from libc.stdint cimport int64_t, uint8_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcmp

import array as _array

cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define VARIORUM_PREFETCH(address) __builtin_prefetch(address)
    #else
    #define VARIORUM_PREFETCH(address) ((void) (address))
    #endif
    """
    void VARIORUM_PREFETCH(const void *address) noexcept nogil

cdef enum:
    _AHEAD = 8  # how many records ahead ``letter_words`` asks for the text of

cdef array.array _INT64 = _array.array("q")


# ---------------------------------------------------------------------------------------
# Character classes of TOKEN_PATTERN, one bit each
# ---------------------------------------------------------------------------------------

cdef enum:
    _LETTER = 1  # [^\W_{_CJK}]: a character of a word (tokens.py's _WORDCHAR)
    _WORD = 2  # \w
    _DIGIT = 4  # \d
    _SPACE = 8  # \s
    _URL = 16  # [^\s<>()\[\]{}"']: inside a web address
    _URL_END = 32  # [^\s<>()\[\]{}"'.,;:!?]: the last character of a web address
    _LOCAL = 64  # [^\s<>()]: before the "@" of a mailto: address
    _KNOWN = 128  # the entry of _BMP is filled

# tokens.py's _CJK, range by range (a test parses _CJK and compares it with CJK_RANGES)
cdef Py_UCS4[13][2] _CJK = [
    [0x2E80, 0x2FDF], [0x3005, 0x3007], [0x3021, 0x3029], [0x3040, 0x30FF],
    [0x3100, 0x312F], [0x3131, 0x318E], [0x31A0, 0x31FF], [0x3400, 0x4DBF],
    [0x4E00, 0x9FFF], [0xA960, 0xA97F], [0xAC00, 0xD7FF], [0xF900, 0xFAFF],
    [0x20000, 0x3134F],
]

CJK_RANGES = tuple([(<long> _CJK[i][0], <long> _CJK[i][1]) for i in range(13)])
"""The ranges of characters that are one token each, first and last included."""

# The classes of each character of the Basic Multilingual Plane, filled on first sight:
# CPython's tests are table lookups behind several calls, and most texts use few
# characters many times. The rarer astral characters are classified at each sight.
cdef uint8_t _BMP[0x10000]


cdef inline bint _is_cjk(Py_UCS4 c) noexcept:
    cdef int i
    if c < 0x2E80:
        return False
    for i in range(13):
        if _CJK[i][0] <= c <= _CJK[i][1]:
            return True
    return False


cdef uint8_t _classify(Py_UCS4 c) noexcept:
    cdef uint8_t flags = _KNOWN
    cdef bint alnum = Py_UNICODE_ISALNUM(c)
    if alnum or c == u"_":
        flags |= _WORD
    if alnum and not _is_cjk(c):
        flags |= _LETTER
    if Py_UNICODE_ISDECIMAL(c):
        flags |= _DIGIT
    if Py_UNICODE_ISSPACE(c):
        return flags | _SPACE
    if c >= 0x80 or c not in u"<>()":
        flags |= _LOCAL
    if c >= 0x80 or c not in u"<>()[]{}\"'":
        flags |= _URL
        if c >= 0x80 or c not in u".,;:!?":
            flags |= _URL_END
    return flags


cdef inline uint8_t _flags(Py_UCS4 c) noexcept:
    cdef uint8_t flags
    if c >= 0x10000:
        return _classify(c)
    flags = _BMP[c]
    if not flags:
        flags = _BMP[c] = _classify(c)
    return flags


# ---------------------------------------------------------------------------------------
# One token: TOKEN_PATTERN's alternatives in its order (url, number, word, space, then
# one character, cjk or punct). Each quantifier is greedy and, but for those of the
# addresses (noted below), takes its whole run: giving a character back leaves one that
# the rest of the alternative cannot take, so the regex's backtracking finds no other
# match.
# ---------------------------------------------------------------------------------------

cdef struct Text:
    int kind
    void *data
    Py_ssize_t n  # the end: the pattern sees the text only up to ``endpos``
    # the last mailto: address looked for (see _mailto_end)
    Py_ssize_t local_start
    Py_ssize_t local_end
    Py_ssize_t at
    Py_ssize_t mailto_end


cdef inline Py_UCS4 _char(const Text *t, Py_ssize_t i) noexcept:
    return PyUnicode_READ(t.kind, t.data, i)


cdef inline Py_ssize_t _run(const Text *t, Py_ssize_t p, uint8_t flag) noexcept:
    """Where the run of characters of class ``flag`` starting at ``p`` ends."""
    while p < t.n and _flags(_char(t, p)) & flag:
        p += 1
    return p


cdef inline bint _has(const Text *t, Py_ssize_t p, const char *word) noexcept:
    """Whether the text has ``word`` (ASCII) at ``p``."""
    while word[0]:
        if p >= t.n or _char(t, p) != <Py_UCS4> word[0]:
            return False
        p += 1
        word += 1
    return True


cdef Py_ssize_t _web_end(const Text *t, Py_ssize_t p) noexcept:
    """``[^\\s<>()\\[\\]{}"']*[^\\s<>()\\[\\]{}"'.,;:!?]`` at ``p``, or -1: the star backtracks
    from the end of its run to the last character allowed at the end of an address."""
    cdef Py_ssize_t last = -1
    cdef uint8_t flags
    while p < t.n:
        flags = _flags(_char(t, p))
        if not flags & _URL:
            break
        if flags & _URL_END:
            last = p
        p += 1
    return last + 1 if last >= 0 else -1


cdef Py_ssize_t _domain_end(const Text *t, Py_ssize_t p) noexcept:
    """``[\\w.-]+\\w`` at ``p``, or -1: the plus backtracks to the last ``\\w`` of its run
    (but not to ``p``, which it must keep)."""
    cdef Py_ssize_t last = -1
    cdef Py_ssize_t i = p
    cdef Py_UCS4 c
    while i < t.n:
        c = _char(t, i)
        if _flags(c) & _WORD:
            if i > p:
                last = i
        elif c != u"." and c != u"-":
            break
        i += 1
    return last + 1 if last >= 0 else -1


cdef Py_ssize_t _mailto_end(Text *t, Py_ssize_t p) noexcept:
    """``[^\\s<>()]+@[\\w.-]+\\w`` at ``p`` (just after "mailto:"), or -1.

    The plus takes its run, then gives characters back until an "@" follows for which
    the rest matches: the last such "@" of the run wins. Whether an "@" does depends only
    on what follows it, so the answer holds for every later start in the same run: it is
    kept, and a text of many "mailto:" without an "@" is read once, not once per
    "mailto:" (the regex reads it again each time).
    """
    cdef Py_ssize_t a, end
    if not (t.local_start <= p <= t.local_end):
        t.local_start = p
        t.local_end = _run(t, p, _LOCAL)
        t.at = t.mailto_end = -1
        a = t.local_end - 1
        while a > p:
            if _char(t, a) == u"@":
                end = _domain_end(t, a + 1)
                if end >= 0:
                    t.at, t.mailto_end = a, end
                    break
            a -= 1
    # the plus needs one character before the "@"
    return t.mailto_end if t.at > p else -1


cdef Py_ssize_t _url_end(Text *t, Py_ssize_t p, Py_UCS4 c) noexcept:
    """``(?:https?|ftp)://...|mailto:...`` at ``p``, or -1."""
    if c == u"h" and _has(t, p, b"http"):
        p += 4
        if p < t.n and _char(t, p) == u"s":
            p += 1
        return _web_end(t, p + 3) if _has(t, p, b"://") else -1
    if c == u"f":
        return _web_end(t, p + 6) if _has(t, p, b"ftp://") else -1
    if c == u"m":
        return _mailto_end(t, p + 7) if _has(t, p, b"mailto:") else -1
    return -1


cdef inline Py_ssize_t _joined(const Text *t, Py_ssize_t p, uint8_t flag, Py_UCS4 joiner,
                               Py_UCS4 other_joiner) noexcept:
    """``(?:[joiners]X+)*`` at ``p`` (X the class ``flag``): a joiner is taken only with
    the run of the class that follows it."""
    cdef Py_UCS4 c
    while p + 1 < t.n:
        c = _char(t, p)
        if (c != joiner and c != other_joiner) or not _flags(_char(t, p + 1)) & flag:
            break
        p = _run(t, p + 2, flag)
    return p


cdef inline Py_ssize_t _token_end(Text *t, Py_ssize_t p) noexcept:
    """Where the token starting at ``p`` (< ``t.n``) ends."""
    cdef Py_UCS4 c = _char(t, p)
    cdef uint8_t flags = _flags(c)
    cdef Py_ssize_t digits, end
    if c == u"h" or c == u"f" or c == u"m":
        end = _url_end(t, p, c)
        if end >= 0:
            return end
    if flags & _DIGIT:
        digits = _run(t, p + 1, _DIGIT)
        end = _joined(t, digits, _DIGIT, u".", u",")
        if end > digits:  # \d+(?:[.,]\d+)+ needs one group
            return end
    if flags & _LETTER:
        return _joined(t, _run(t, p + 1, _LETTER), _LETTER, u"'", u"’")
    if flags & _SPACE:
        return _run(t, p + 1, _SPACE)
    return p + 1


cdef int _text(Text *t, object text, Py_ssize_t *start, Py_ssize_t *end) except -1:
    """Reads ``text`` and clamps ``start`` and ``end`` as ``re`` clamps ``pos`` and
    ``endpos`` (into the text; an end before the start finds nothing)."""
    cdef Py_ssize_t n
    if not isinstance(text, str):
        raise TypeError(f"expected a str, not {type(text).__name__}")
    n = PyUnicode_GET_LENGTH(text)
    start[0] = min(max(start[0], 0), n)
    end[0] = max(min(end[0], n), start[0])
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.n = end[0]
    t.local_start = t.local_end = -2  # no mailto: looked for yet
    return 0


cdef array.array _add(array.array ends, Py_ssize_t count, Py_ssize_t start, Py_ssize_t end):
    """``ends`` with the end of token ``count`` (which starts at ``start``) set."""
    if end <= start:  # never: each token takes a character at least (the last alternative)
        raise SystemError(f"a token at {start} ends at {end}")
    if count == len(ends):
        array.resize(ends, count + max(count, 64))
    ends.data.as_longlongs[count] = end
    return ends


def token_ends(text, Py_ssize_t start, Py_ssize_t end):
    """The end offset of every token of ``text[start:end]``, as an ``array('q')``:
    ``[m.end() for m in TOKEN_PATTERN.finditer(text, start, end)]``.

    Tokens tile the span, so the ends are all that is needed: each token starts where
    the one before it ends (the first at ``start``).

    >>> list(token_ends("Art. 19, see https://x.test/a?b=1).", 0, 35))
    [3, 4, 5, 7, 8, 9, 12, 13, 33, 34, 35]
    """
    cdef Text t
    cdef array.array ends
    cdef Py_ssize_t count = 0
    cdef Py_ssize_t token_end
    _text(&t, text, &start, &end)
    ends = array.clone(_INT64, min(end - start, 64), zero=False)
    while start < end:
        token_end = _token_end(&t, start)
        ends = _add(ends, count, start, token_end)
        count += 1
        start = token_end
    array.resize(ends, count)
    return ends


# ---------------------------------------------------------------------------------------
# Words, for the statistics: WORD_PATTERN
# ---------------------------------------------------------------------------------------

cdef inline bint _is_joiner(Py_UCS4 c) noexcept:
    return c == u"'" or c == u"’" or c == u"." or c == u","


cdef inline Py_ssize_t _word_end(const Text *t, Py_ssize_t p) noexcept:
    """``_WORDCHAR+(?:['’.,]_WORDCHAR+)*`` at ``p`` (a word character): as in
    ``_joined``, a joiner is taken only with the word characters after it."""
    p = _run(t, p + 1, _LETTER)
    while p + 1 < t.n and _is_joiner(_char(t, p)) and _flags(_char(t, p + 1)) & _LETTER:
        p = _run(t, p + 2, _LETTER)
    return p


def count_words(text, Py_ssize_t start, Py_ssize_t end):
    """How many words ``text[start:end]`` holds:
    ``len(WORD_PATTERN.findall(text, start, end))`` of ``variorum.tokens`` (web and mail
    addresses, words joined by ``'’.,``, and each CJK character count one each).

    >>> count_words("Art. 19.5, see https://x.test/a?b=1 信息", 0, 38)
    6
    """
    cdef Text t
    cdef Py_ssize_t count = 0, found
    cdef Py_UCS4 c
    _text(&t, text, &start, &end)
    while start < end:
        c = _char(&t, start)
        if c == u"h" or c == u"f" or c == u"m":
            found = _url_end(&t, start, c)
            if found >= 0:
                count += 1
                start = found
                continue
        if _flags(c) & _LETTER:
            count += 1
            start = _word_end(&t, start)
            continue
        count += _is_cjk(c)
        start += 1
    return count


cdef inline Py_ssize_t _word_at(Text *t, Py_ssize_t p) noexcept:
    """The end of the word of ``WORD_PATTERN`` starting at ``p`` (an address, a word or
    a CJK character), or -1 when none starts there."""
    cdef Py_UCS4 c = _char(t, p)
    cdef Py_ssize_t found
    if c == u"h" or c == u"f" or c == u"m":
        found = _url_end(t, p, c)
        if found >= 0:
            return found
    if _flags(c) & _LETTER:
        return _word_end(t, p)
    return p + 1 if _is_cjk(c) else -1


def word_spans(text, Py_ssize_t start, Py_ssize_t end):
    """Where each word of ``text[start:end]`` starts and ends, as two ``array('q')``:
    ``m.start()`` and ``m.end()`` of ``WORD_PATTERN.finditer(text, start, end)``, read as
    ``count_words`` reads them.

    >>> [list(side) for side in word_spans("Art. 19.5, see 信息", 0, 17)]
    [[0, 5, 11, 15, 16], [3, 9, 14, 16, 17]]
    """
    cdef Text t
    cdef array.array starts, ends
    cdef Py_ssize_t count = 0, word_end
    _text(&t, text, &start, &end)
    starts = array.clone(_INT64, 64, zero=False)
    ends = array.clone(_INT64, 64, zero=False)
    while start < end:
        word_end = _word_at(&t, start)
        if word_end < 0:
            start += 1
            continue
        if count == len(starts):
            array.resize(starts, 2 * count)
            array.resize(ends, 2 * count)
        starts.data.as_longlongs[count] = start
        ends.data.as_longlongs[count] = word_end
        count += 1
        start = word_end
    array.resize(starts, count)
    array.resize(ends, count)
    return starts, ends



cdef inline bint _same_chars(const Text *a, Py_ssize_t a_start, const Text *b,
                             Py_ssize_t b_start, Py_ssize_t length) noexcept:
    """Whether ``length`` code points of ``a`` and ``b`` are equal (of any string width)."""
    cdef Py_ssize_t i
    for i in range(length):
        if _char(a, a_start + i) != _char(b, b_start + i):
            return False
    return True


def share_word(old_text, Py_ssize_t old_start, Py_ssize_t old_end,
               new_text, Py_ssize_t new_start, Py_ssize_t new_end):
    """Whether a word of ``old_text[old_start:old_end]`` is a word of
    ``new_text[new_start:new_end]`` too: ``variorum.tokens.share_word``, without a
    string or a set made (each new word is looked for among the old words' hashes).

    >>> share_word("the cat sat", 0, 11, "a cat ran", 0, 9), share_word("cat", 0, 3, "cats", 0, 4)
    (True, False)
    """
    cdef Text old, new
    cdef array.array starts, ends
    cdef Py_ssize_t count, i, word_end
    cdef uint64_t h
    cdef uint64_t *hashes
    starts, ends = word_spans(old_text, old_start, old_end)
    count = len(starts)
    _text(&old, old_text, &old_start, &old_end)
    _text(&new, new_text, &new_start, &new_end)
    hashes = <uint64_t *> malloc(max(count, 1) * sizeof(uint64_t))
    if hashes == NULL:
        raise MemoryError()
    try:
        for i in range(count):
            hashes[i] = _hash(&old, starts.data.as_longlongs[i], ends.data.as_longlongs[i])
        new_start = _next_word(&new, new_start, new_end, &word_end)
        while new_start < new_end:
            h = _hash(&new, new_start, word_end)
            for i in range(count):
                if hashes[i] == h and _same_word(&old, starts, ends, i, &new, new_start, word_end):
                    return True
            new_start = _next_word(&new, word_end, new_end, &word_end)
        return False
    finally:
        free(hashes)


cdef inline Py_ssize_t _next_word(Text *t, Py_ssize_t p, Py_ssize_t end,
                                  Py_ssize_t *word_end) noexcept:
    """Where the first word at or after ``p`` starts (its end set in ``word_end``), or
    ``end`` when none does."""
    while p < end:
        word_end[0] = _word_at(t, p)
        if word_end[0] >= 0:
            return p
        p += 1
    return end


cdef inline bint _same_word(const Text *old, array.array starts, array.array ends,
                            Py_ssize_t i, const Text *new, Py_ssize_t start,
                            Py_ssize_t end) noexcept:
    """Whether old word ``i`` (of ``starts`` and ``ends``) is ``new[start:end]``."""
    cdef Py_ssize_t old_start = starts.data.as_longlongs[i]
    if ends.data.as_longlongs[i] - old_start != end - start:
        return False
    return _same_chars(old, old_start, new, start, end - start)


cdef inline void _prefetch(const Text *t, Py_ssize_t at, Py_ssize_t n) noexcept:
    """Asks the processor for the text's characters at ``at`` (when within its ``n``),
    to be read soon: a hint that changes no result."""
    cdef const char *first
    if 0 <= at < n:
        first = <const char *> t.data + at * t.kind
        VARIORUM_PREFETCH(first)
        VARIORUM_PREFETCH(first + 64)  # the next two cache lines: where its first
        VARIORUM_PREFETCH(first + 128)  # words end (20 characters are 80 bytes)


cdef Py_ssize_t _letter_words(Text *t, Py_ssize_t start, Py_ssize_t end,
                              Py_ssize_t most) noexcept:
    """How many words of ``WORD_PATTERN`` in ``[start, end)`` hold a letter
    (``str.isalpha``), counted up to ``most``."""
    cdef Py_ssize_t count = 0, found, k
    cdef Py_UCS4 c
    t.n = end  # the pattern sees the block only, as findall(text, start, end) does
    t.local_start = t.local_end = -2
    while start < end and count < most:
        c = _char(t, start)
        if c == u"h" or c == u"f" or c == u"m":
            found = _url_end(t, start, c)
            if found >= 0:
                count += 1  # an address starts with letters
                start = found
                continue
        if _flags(c) & _LETTER:
            found = _word_end(t, start)
            for k in range(start, found):
                if Py_UNICODE_ISALPHA(_char(t, k)):
                    count += 1
                    break
            start = found
            continue
        if _is_cjk(c) and Py_UNICODE_ISALPHA(c):  # a word of one character
            count += 1
        start += 1
    return count


def letter_words(text, const long long[:] records not None, Py_ssize_t start_col,
                 Py_ssize_t end_col, Py_ssize_t stride, Py_ssize_t most):
    """For each record of ``stride`` int64 in ``records``, whether
    ``text[record[start_col]:record[end_col]]`` holds at least ``most`` words with a
    letter (numbers do not count), as a ``bytes`` of 0 and 1:
    ``similarity.letter_words(...) >= most`` for every block at once.

    >>> from array import array
    >>> list(letter_words("85 Terms of use 1.5", array("q", [0, 19, 0, 2]), 0, 1, 2, 3))
    [1, 0]
    """
    cdef Text t
    cdef Py_ssize_t count, row, start, end, n = 0
    cdef bytes result
    cdef unsigned char *out
    if stride < 1 or not (0 <= start_col < stride and 0 <= end_col < stride):
        raise ValueError(f"columns {start_col} and {end_col} must lie within records of {stride}")
    if records.shape[0] % stride:
        raise ValueError(f"{records.shape[0]} values are not whole records of {stride}")
    count = records.shape[0] // stride
    result = PyBytes_FromStringAndSize(NULL, count)
    out = <unsigned char *> PyBytes_AS_STRING(result)
    end = PY_SSIZE_T_MAX
    _text(&t, text, &n, &end)
    n = t.n
    for row in range(count):
        # a block's first words are a cache miss apart from the last one's (a block of
        # 150 characters is 600 bytes of a 4-byte text): asked for a few blocks ahead,
        # they arrive while those before are read (8 ms a side of a 6 MB text to 4)
        if row + _AHEAD < count:
            _prefetch(&t, records[(row + _AHEAD) * stride + start_col], n)
        start = min(max(records[row * stride + start_col], 0), n)
        end = min(max(records[row * stride + end_col], start), n)
        out[row] = _letter_words(&t, start, end, most) >= most
    return result


# ---------------------------------------------------------------------------------------
# One character per token, for the diff-match-patch core
# ---------------------------------------------------------------------------------------

cdef Py_UCS4 _code_point(Py_ssize_t number) except? 0:
    """``variorum.compare.diff._code_point``: the character of the ``number``-th distinct token
    (a test checks that the two agree)."""
    if number < 0x1900:
        return 0xE000 + number
    number -= 0x1900
    if number < 0x1FFFE:
        return 0xF0000 + number
    number -= 0x1FFFE
    number += 0x100
    if number >= 0xD800:
        number += 0x800  # past the surrogates
    if number >= 0xE000:
        number += 0x1900  # past the first range
    if number >= 0xF0000:
        raise ValueError("more distinct tokens in one block pair than there are characters")
    return <Py_UCS4> number


# The characters of the first distinct tokens, made once (every diff numbers its tokens
# from 0 again, so the same few hundred characters serve them all)
cdef list _CODES = []
cdef enum:
    _KEPT_CODES = 0x1900


cdef object _code(Py_ssize_t number):
    """``chr(_code_point(number))``."""
    cdef object code
    if number < len(_CODES):
        return _CODES[number]
    code = chr(_code_point(number))
    if number == len(_CODES) and number < _KEPT_CODES:
        _CODES.append(code)
    return code


cdef object _code_of(dict codes, object key):
    """The code ``codes`` has for ``key``, or else the next code, added (as ``_encode``)."""
    cdef Py_ssize_t number = len(codes)
    cdef PyObject *found
    if number < len(_CODES):  # one look-up for both
        return <object> PyDict_SetDefault(codes, key, <object> PyList_GET_ITEM(_CODES, number))
    found = PyDict_GetItemWithError(codes, key)
    if found != NULL:
        return <object> found
    code = _code(number)  # (which may be past the last code point)
    codes[key] = code
    return code


# Within one call, a token seen before is found by its characters in a table of the
# call's own, with no str made for it and no look-up in ``codes``: most tokens of a text
# are repeats (spaces, "the", ","). Only the first occurrence of each goes to ``codes``.

cdef struct Seen:
    Py_ssize_t start  # where the token's first occurrence starts (-1: empty slot)
    Py_ssize_t length
    uint64_t hash
    Py_UCS4 code


cdef struct Table:
    Seen *slots
    Py_ssize_t mask  # slots - 1 (a power of two, minus one)
    Py_ssize_t count


cdef inline uint64_t _hash(const Text *t, Py_ssize_t start, Py_ssize_t end) noexcept:
    """FNV-1a over the code points, then a multiply-xorshift so that the low bits, which
    pick the slot, depend on every character."""
    cdef uint64_t h = 0xCBF29CE484222325ULL
    while start < end:
        h = (h ^ <uint64_t> _char(t, start)) * 0x100000001B3ULL
        start += 1
    h ^= h >> 32
    h *= 0xD6E8FEB86659FD93ULL
    return h ^ (h >> 32)


cdef int _table_grow(Table *table) except -1:
    cdef Py_ssize_t size = (table.mask + 1) * 2 if table.slots != NULL else 64
    cdef Seen *slots = <Seen *> malloc(size * sizeof(Seen))
    cdef Py_ssize_t i, j
    if slots == NULL:
        raise MemoryError()
    for i in range(size):
        slots[i].start = -1
    if table.slots != NULL:
        for i in range(table.mask + 1):
            if table.slots[i].start >= 0:
                j = table.slots[i].hash & (size - 1)
                while slots[j].start >= 0:
                    j = (j + 1) & (size - 1)
                slots[j] = table.slots[i]
        free(table.slots)
    table.slots = slots
    table.mask = size - 1
    return 0


cdef inline Seen *_slot(Table *table, const Text *t, Py_ssize_t start, Py_ssize_t end,
                        uint64_t h) noexcept:
    """The slot of the token ``start`` to ``end``: its entry, or the empty slot where it
    goes."""
    cdef Py_ssize_t length = end - start
    cdef Py_ssize_t i = h & table.mask
    cdef Seen *slot
    cdef char *data = <char *> t.data
    while True:
        slot = table.slots + i
        if slot.start < 0 or (
            slot.hash == h and slot.length == length and memcmp(
                data + slot.start * t.kind, data + start * t.kind, length * t.kind
            ) == 0
        ):
            return slot
        i = (i + 1) & table.mask


cdef struct Chars:  # a growable buffer of code points (freed by its owner)
    Py_UCS4 *items
    Py_ssize_t size
    Py_ssize_t capacity


cdef int _reserve(Chars *chars, Py_ssize_t extra) except -1:
    cdef Py_ssize_t capacity = chars.capacity
    cdef Py_UCS4 *items
    if chars.size + extra <= capacity:
        return 0
    while capacity < chars.size + extra:
        capacity = capacity * 2 if capacity else 256
    items = <Py_UCS4 *> realloc(chars.items, capacity * sizeof(Py_UCS4))
    if items == NULL:
        raise MemoryError()
    chars.items = items
    chars.capacity = capacity
    return 0


cdef int _append(Chars *chars, object code) except -1:
    """Appends the characters of ``code``, a str (as ``"".join`` would)."""
    cdef Py_ssize_t i, length
    cdef int kind
    cdef void *data
    if not isinstance(code, str):
        raise TypeError(f"expected a str code, not {type(code).__name__}")
    length = PyUnicode_GET_LENGTH(code)
    _reserve(chars, length)
    kind = PyUnicode_KIND(code)
    data = PyUnicode_DATA(code)
    for i in range(length):
        chars.items[chars.size + i] = PyUnicode_READ(kind, data, i)
    chars.size += length
    return 0


def encode_tokens(text, Py_ssize_t start, Py_ssize_t end, dict codes not None):
    """One character per token of ``text[start:end]`` and the tokens' end offsets:
    ``_encode(units(text, Span(start, end), CompareOptions()), codes)`` of
    ``variorum.compare.diff`` and ``token_ends(text, start, end)``.

    ``codes`` maps each token's text to its character and is extended the same way: a
    token not in it yet gets ``_code_point(len(codes))``. Equal tokens of the two sides
    of a diff get equal characters when both are encoded with the same ``codes``. (It is
    read and written as a plain dict: a subclass's overridden methods are not called.)

    >>> codes = {}
    >>> encoded, ends = encode_tokens("to be or not to be", 0, 18, codes)
    >>> [ord(c) - 0xE000 for c in encoded], list(ends)[:3]
    ([0, 1, 2, 1, 3, 1, 4, 1, 0, 1, 2], [2, 3, 5])
    """
    cdef Text t
    cdef array.array ends
    cdef Py_ssize_t count = 0
    cdef Py_ssize_t token_end
    cdef Chars chars
    cdef Table seen
    cdef Seen *slot
    cdef uint64_t h
    cdef object code
    _text(&t, text, &start, &end)
    ends = array.clone(_INT64, min(end - start, 64), zero=False)
    chars.items = NULL
    chars.size = chars.capacity = 0
    seen.slots = NULL
    seen.count = 0
    try:
        _reserve(&chars, end - start)  # one character per token, unless a code is longer
        _table_grow(&seen)
        while start < end:
            token_end = _token_end(&t, start)
            ends = _add(ends, count, start, token_end)
            count += 1
            h = _hash(&t, start, token_end)
            slot = _slot(&seen, &t, start, token_end, h)
            if slot.start >= 0:
                if chars.size == chars.capacity:  # after codes longer than one character
                    _reserve(&chars, 1)
                chars.items[chars.size] = slot.code
                chars.size += 1
            else:
                code = _code_of(codes, PyUnicode_Substring(text, start, token_end))
                _append(&chars, code)
                if PyUnicode_GET_LENGTH(code) == 1:  # (longer codes are looked up each time)
                    slot.start, slot.length, slot.hash = start, token_end - start, h
                    slot.code = PyUnicode_READ_CHAR(code, 0)
                    seen.count += 1
                    if seen.count * 2 > seen.mask:
                        _table_grow(&seen)
            start = token_end
        array.resize(ends, count)
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars.items, chars.size), ends
    finally:
        free(chars.items)
        free(seen.slots)


# ---------------------------------------------------------------------------------------
# One character per word, for the similarity of blocks
# ---------------------------------------------------------------------------------------

cdef object _word_code(Py_ssize_t number):
    """``variorum.compare.similarity._code_point``: from U+0100 on, past the surrogates."""
    number += 0x100
    if number >= 0xD800:
        number += 0x800
    return chr(number)


def encode_words(text, dict codes not None):
    """One character per word of ``text`` (``WORD_PATTERN.findall(text)``), a word new
    to ``codes`` getting ``similarity._code_point(len(codes))``: what
    ``BlockKeys._words`` makes of a block's case-folded body.

    >>> codes = {}
    >>> [ord(c) for c in encode_words("to be, or not to be", codes)], len(codes)
    ([256, 257, 258, 259, 256, 257], 4)
    """
    cdef Text t
    cdef Py_ssize_t start = 0, end = PY_SSIZE_T_MAX, word_end
    cdef Chars chars
    cdef object word, code
    _text(&t, text, &start, &end)
    chars.items = NULL
    chars.size = chars.capacity = 0
    try:
        while start < end:
            word_end = _word_at(&t, start)
            if word_end < 0:
                start += 1
                continue
            word = PyUnicode_Substring(text, start, word_end)
            code = codes.get(word)
            if code is None:
                code = codes[word] = _word_code(len(codes))
            _append(&chars, code)
            start = word_end
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars.items, chars.size)
    finally:
        free(chars.items)


# ---------------------------------------------------------------------------------------
# encode_all_words and encode_bodies: encode_words of many texts, a word met before found
# by its characters (two unrelated documents hold 2,000,000 words, 26,000 distinct)
# ---------------------------------------------------------------------------------------

cdef enum:
    _SEVERAL = 0x110000  # past every code point: a case fold, or a code, not of one character

cdef struct _Slot:  # a word met, in 16 bytes: most look-ups miss the processor's caches
    uint32_t check  # the high half of its hash
    uint32_t length  # 0: an empty slot
    uint32_t at  # where its characters start in ``_WordCoder.chars``
    uint32_t code  # its code's one character, or _SEVERAL plus its number in ``kept``


cdef class _WordCoder:
    """The words of the texts encoded so far, by their characters, with their codes:
    a word met before is found with no str made for it and no look-up in ``codes``."""

    cdef dict codes
    cdef list kept  # the code of each word met
    cdef _Slot *slots
    cdef Py_ssize_t size  # of ``slots``: a power of two, at least twice the words met
    cdef Chars chars  # the characters of the words met, one after another
    cdef Chars out  # the codes of the text being encoded

    def __cinit__(self, dict codes not None):
        self.codes, self.kept = codes, []
        self.size = 4096
        self.slots = <_Slot *> calloc(self.size, sizeof(_Slot))
        if self.slots == NULL:
            raise MemoryError()

    def __dealloc__(self):
        free(self.slots)
        free(self.chars.items)
        free(self.out.items)

    cdef object encode(self, Text *t):
        """``encode_words`` of the text ``t`` (its characters up to ``t.n``)."""
        cdef Py_ssize_t start = 0, word_end
        self.out.size = 0
        while start < t.n:
            word_end = _word_at(t, start)
            if word_end < 0:
                start += 1
                continue
            self._add(t, start, word_end)
            start = word_end
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self.out.items, self.out.size)

    cdef int _add(self, const Text *t, Py_ssize_t start, Py_ssize_t end) except -1:
        """Appends the code of the word ``start`` to ``end`` of ``t``."""
        cdef uint64_t h = _hash(t, start, end)
        cdef Py_ssize_t length = end - start, i
        cdef _Slot *slot = self._slot(h, length, t, start)
        if slot.length:
            if slot.code >= _SEVERAL:
                return _append(&self.out, <object> PyList_GET_ITEM(self.kept, slot.code - _SEVERAL))
            _reserve(&self.out, 1)
            self.out.items[self.out.size] = slot.code
            self.out.size += 1
            return 0
        code = self._code(PyUnicode_FromKindAndData(
            t.kind, <const char *> t.data + start * t.kind, length
        ))
        _append(&self.out, code)  # (a str: refused otherwise)
        if self.chars.size + length > 0xFFFFFFFF or length > 0xFFFFFFFF:
            raise MemoryError("more characters of words than a table of words holds")
        slot.check, slot.length, slot.at = h >> 32, length, self.chars.size
        slot.code = _SEVERAL + len(self.kept)
        if PyUnicode_GET_LENGTH(code) == 1:
            slot.code = PyUnicode_READ_CHAR(code, 0)
        self.kept.append(code)
        _reserve(&self.chars, length)
        for i in range(length):
            self.chars.items[self.chars.size + i] = _char(t, start + i)
        self.chars.size += length
        if 2 * len(self.kept) >= self.size:
            self._grow()
        return 0

    cdef inline _Slot *_slot(self, uint64_t h, Py_ssize_t length, const Text *t,
                             Py_ssize_t start) noexcept:
        """The slot of the word of ``length`` characters of ``t`` from ``start`` (of hash
        ``h``): where it was put, or the empty slot where it goes."""
        cdef Py_ssize_t i = h & (self.size - 1)
        cdef uint32_t check = h >> 32
        cdef _Slot *slot = self.slots + i
        while slot.length and not (
            slot.check == check
            and slot.length == length
            and _is_chars(t, start, self.chars.items + slot.at, length)
        ):
            i = (i + 1) & (self.size - 1)
            slot = self.slots + i
        return slot

    cdef object _code(self, object word):
        """The code ``codes`` has for ``word``, or the next one, added."""
        code = self.codes.get(word)
        if code is None:
            code = self.codes[word] = _word_code(len(self.codes))
        return code

    cdef int _grow(self) except -1:
        """The table twice as large, holding the same words."""
        cdef _Slot *slots = self.slots
        cdef Py_ssize_t size = self.size, i
        cdef Text words
        words.kind, words.data, words.n = PyUnicode_4BYTE_KIND, self.chars.items, self.chars.size
        self.slots = <_Slot *> calloc(2 * size, sizeof(_Slot))
        if self.slots == NULL:
            self.slots = slots
            raise MemoryError()
        self.size = 2 * size
        for i in range(size):
            if slots[i].length:
                self._slot(
                    _hash(&words, slots[i].at, slots[i].at + slots[i].length), 0, &words, 0
                )[0] = slots[i]
        free(slots)
        return 0


cdef inline bint _is_chars(const Text *t, Py_ssize_t start, const Py_UCS4 *chars,
                           Py_ssize_t length) noexcept:
    """Whether ``length`` characters of ``t`` from ``start`` are ``chars``."""
    cdef Py_ssize_t i
    cdef const Py_UCS4 *folded
    if t.kind == PyUnicode_4BYTE_KIND:  # (a folded body: read without asking its width)
        folded = <const Py_UCS4 *> t.data + start
        for i in range(length):
            if folded[i] != chars[i]:
                return False
        return True
    for i in range(length):
        if _char(t, start + i) != chars[i]:
            return False
    return True


def encode_all_words(texts, dict codes not None):
    """``similarity.encode_all_words``: ``encode_words`` of each of ``texts``, sharing
    ``codes`` (a word met before in the call found by its characters, ``_WordCoder``).

    >>> codes = {}
    >>> [[ord(c) for c in words] for words in encode_all_words(["to be", "be it"], codes)]
    [[256, 257], [257, 258]]
    """
    cdef _WordCoder coder = _WordCoder(codes)
    cdef Text t
    cdef Py_ssize_t start, end
    cdef list found = []
    for text in texts:
        start, end = 0, PY_SSIZE_T_MAX
        _text(&t, text, &start, &end)
        found.append(coder.encode(&t))
    return found


# The case fold of each character of the Basic Multilingual Plane, filled on first sight
# (``str.casefold`` folds character by character, so a text's fold is theirs in turn):
# 0 unknown, else the fold's one character plus one, or _SEVERAL plus one.
cdef uint32_t _FOLDS[0x10000]


cdef uint32_t _learn_fold(Py_UCS4 c) except 0:
    """The entry of ``_FOLDS`` for ``c`` (kept for a character of the BMP)."""
    cdef object folded = chr(c).casefold()
    cdef uint32_t entry = 1 + _SEVERAL
    if PyUnicode_GET_LENGTH(folded) == 1:
        entry = 1 + <uint32_t> PyUnicode_READ_CHAR(folded, 0)
    if c < 0x10000:
        _FOLDS[c] = entry
    return entry


cdef bint _folded(const Text *t, Py_ssize_t start, Py_ssize_t end, Chars *into) except -1:
    """Whether each character of ``t`` from ``start`` to ``end`` folds to one: then
    ``into`` holds the fold of them all (``str.casefold``)."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    cdef uint32_t entry
    into.size = 0
    _reserve(into, end - start)
    for i in range(start, end):
        c = _char(t, i)
        entry = _FOLDS[c] if c < 0x10000 else 0
        if entry == 0:
            entry = _learn_fold(c)
        if entry == 1 + _SEVERAL:
            return False
        into.items[i - start] = entry - 1
    into.size = end - start
    return True


def encode_bodies(text, const long long[:] records not None, blocks, Py_ssize_t start_col,
                  Py_ssize_t end_col, Py_ssize_t stride, dict codes not None):
    """``encode_words`` of ``text[record[start_col]:record[end_col]].casefold()`` for the
    record (of ``stride`` int64 in ``records``) of each of ``blocks``, sharing ``codes``:
    ``similarity.encode_bodies``. Each body is folded into a buffer as it is read, with no
    str made for it (a body whose fold is longer, such as ``ß``'s, is folded by
    ``str.casefold``).

    >>> from array import array
    >>> codes = {}
    >>> [[ord(c) for c in words] for words in encode_bodies(
    ...     "To be. TO BE", array("q", [0, 6, 7, 12]), [1, 0], 0, 1, 2, codes)]
    [[256, 257], [256, 257]]
    """
    cdef _WordCoder coder = _WordCoder(codes)
    cdef Text t, body
    cdef Chars folded
    cdef Py_ssize_t n = 0, end = PY_SSIZE_T_MAX, at, start
    cdef list found = []
    cdef object unfolded
    if stride < 1 or not (0 <= start_col < stride and 0 <= end_col < stride):
        raise ValueError(f"columns {start_col} and {end_col} must lie within records of {stride}")
    _text(&t, text, &n, &end)
    n = t.n
    folded.items = NULL
    folded.size = folded.capacity = 0
    try:
        for block in blocks:
            at = block * stride
            if not 0 <= at <= records.shape[0] - stride:
                raise IndexError(f"no record {block} of {records.shape[0] // stride}")
            start, end = records[at + start_col], records[at + end_col]
            if start < 0 or end < 0:
                raise ValueError(f"block {block} has a body from {start} to {end}")
            end = min(end, n)
            start = min(start, end)  # (as the slice text[start:end])
            if _folded(&t, start, end, &folded):
                body.kind, body.data, body.n = PyUnicode_4BYTE_KIND, folded.items, folded.size
                body.local_start = body.local_end = -2
            else:
                unfolded = PyUnicode_Substring(text, start, end).casefold()
                start, end = 0, PY_SSIZE_T_MAX
                _text(&body, unfolded, &start, &end)
            found.append(coder.encode(&body))
        return found
    finally:
        free(folded.items)
