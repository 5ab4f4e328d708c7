# cython: language_level=3
"""What ``_matching.pyx`` shares with the other compiled modules of the engine
(``_wordops.pyx`` finds a row's kept runs with them): key numbers and the longest chain."""

cdef Py_ssize_t _key_numbers(const long long[:] old, const long long[:] new,
                             Py_ssize_t *numbers) except -1
cdef Py_ssize_t _longest_increasing(const Py_ssize_t *pairs, Py_ssize_t count,
                                    Py_ssize_t *tails, Py_ssize_t *tail_index,
                                    Py_ssize_t *previous) noexcept
