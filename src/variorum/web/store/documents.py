"""A stored version's Document, made by the library's ingesters from its bytes, and
the check that an uploaded file can be read.

Parsing a PDF or a long text takes time, and every redline and annotation save needs
the Documents; each process keeps the most recent ones, keyed by the file's digest and
the metadata a Document carries, so a changed version is never served stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from variorum.document import Document
from variorum.ingest import parse_bytes
from variorum.web.models import VersionRecord
from variorum.web.store.workers import waiting_turn

CACHED_DOCUMENTS = 64
"""Documents kept per server process."""

_cache: OrderedDict[tuple[str, ...], Document] = OrderedDict()
_lock = threading.Lock()


def document_of(version: VersionRecord) -> Document:
    """The Document of ``version``."""
    meta = (version.label, version.date, version.source, version.project.title)
    key = (version.sha256, version.format, *meta)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    document = parse_bytes(
        bytes(version.content), version.format, name=version.filename,
        version=meta[0], date=meta[1], source=meta[2], title=meta[3],
    )  # fmt: skip
    with _lock:
        _cache[key] = document
        while len(_cache) > CACHED_DOCUMENTS:
            _cache.popitem(last=False)
    return document


def upload_format(content: bytes, filename: str, format: str = "") -> str:
    """The format an uploaded file is read as (detected unless ``format`` is given).
    The library reads it in a child process within ``VARIORUM_READ_SECONDS`` and
    ``VARIORUM_READ_MEMORY_MB`` (``variorum.ingest.isolation``), never in the request's
    thread, which waits for it as its turn allows (``workers.waiting_turn``): InputError
    naming the file if it cannot be read or is over a limit."""
    with waiting_turn(f"reading {filename}"):
        return parse_bytes(content, format or None, name=filename).format
