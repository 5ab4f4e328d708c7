"""Answers kept in this server process by a digest of everything they are made of.

A page or a JSON body that many requests ask for unchanged (the redline as one
member sees it, an annotation container) is made once and kept under the digest of
its inputs: any change to an input is a new digest, so nothing kept is ever stale,
and the least recently used answers are dropped past ``VARIORUM_REDLINE_CACHE_MB``
per kind. Each server process keeps its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings


class Kept:
    """Bytes kept by key, the least recently used dropped past ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self._budget, self._size = budget, 0
        self._lock = threading.Lock()
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        """The bytes kept under ``key``, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        """Keep ``value`` under ``key`` (the newest is kept whatever its size)."""
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._size += len(value)
            while self._size > self._budget and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)


_kinds: dict[str, Kept] = {}
_lock = threading.Lock()


def kept(kind: str) -> Kept:
    """The answers of ``kind`` (such as ``"container"``) kept in this process."""
    with _lock:
        if kind not in _kinds:
            _kinds[kind] = Kept(settings.VARIORUM_REDLINE_CACHE_MB * 2**20)
        return _kinds[kind]
