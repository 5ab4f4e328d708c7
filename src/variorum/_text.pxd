# cython: language_level=3
"""What the compiled modules share: a str read as CPython stores it, and a growable
buffer of int64. Inline definitions only, cimported by ``ingest/_reading.pyx`` and
``compare/_matching.pyx`` (no module of its own)."""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from cpython.unicode cimport PyUnicode_READ
from libc.stdint cimport int64_t
from libc.stdlib cimport realloc

cdef enum:
    _PARAGRAPH = 1  # list(BlockKind).index(BlockKind.PARAGRAPH)
    _LIST_ITEM = 2  # list(BlockKind).index(BlockKind.LIST_ITEM)
    _RECORD = 8  # int64 per block record


cdef struct Text:
    int kind
    void *data
    Py_ssize_t n


cdef inline Text _text(object text) except *:
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


cdef struct Int64s:  # a growable buffer of int64 (freed by its owner)
    int64_t *items
    Py_ssize_t size
    Py_ssize_t capacity


cdef inline int _grow(Int64s *buffer, Py_ssize_t extra) except -1:
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
