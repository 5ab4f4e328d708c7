"""Work run in worker processes within the ``VARIORUM_COMPARE_*`` limits, sharing one
set of slots (at most ``VARIORUM_COMPARE_WORKERS`` workers at a time, whatever they
make): background jobs kept by kind (``jobs``: the redline page, the API's
comparison) and work a request waits for (``run``: carrying notes, publishing).

A request that waits holds one of the server's threads. At most
``VARIORUM_WAITING_REQUESTS`` requests wait at once (``waiting_turn``); one more is
refused at once with ``ServerBusy`` (503 with ``Retry-After``) rather than taking the
last threads, so that ten people publishing a large project never leave the server
without a thread to answer anyone else's page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from django.conf import settings

from variorum.errors import VariorumError
from variorum.web.jobs import Jobs
from variorum.web.worker import ChildFailed, Limits, OverLimit, run_limited

Result = TypeVar("Result")

_kinds: dict[str, Jobs] = {}
_slots: threading.BoundedSemaphore | None = None
_waiting: threading.BoundedSemaphore | None = None
_waits_here = threading.local()  # whether this thread already holds its waiting turn
_lock = threading.Lock()


def jobs(kind: str, work: Callable[[Any], Any], size: Callable[[Any], int]) -> Jobs:
    """The jobs of ``kind``, each running ``work(inputs)`` in a worker process; a
    finished result's ``size`` (bytes) counts against ``VARIORUM_REDLINE_CACHE_MB``."""
    slots = _shared_slots()
    with _lock:
        if kind not in _kinds:
            _kinds[kind] = Jobs(
                partial(_limited, work, _limits()), slots,
                settings.VARIORUM_REDLINE_CACHE_MB * 2**20, size,
            )  # fmt: skip
        return _kinds[kind]


class TooCostly(VariorumError):
    """Work stopped at the server's time or memory limit, or failed in its worker."""


class ServerBusy(Exception):
    """As many requests as the server lets wait are waiting for work in child processes:
    this one is refused before it waits (``views.errors`` answers 503)."""


@contextmanager
def waiting_turn(what: str) -> Iterator[None]:
    """Hold one of the ``VARIORUM_WAITING_REQUESTS`` turns to wait in a request's thread
    (held once per thread, however deeply nested); ServerBusy naming ``what`` if none
    is free."""
    if getattr(_waits_here, "held", False):
        yield
        return
    turns = _waiting_turns()
    if not turns.acquire(blocking=False):
        raise ServerBusy(what)
    _waits_here.held = True
    try:
        yield
    finally:
        _waits_here.held = False
        turns.release()


@contextmanager
def in_background() -> Iterator[None]:
    """Mark this thread as the server's own (an import), not a request's: its waits for
    worker processes leave the requests' turns (``waiting_turn``) to requests."""
    _waits_here.held = True
    try:
        yield
    finally:
        _waits_here.held = False


def run(what: str, work: Callable[..., Result], *args: Any) -> Result:
    """``work(*args)`` in a worker process within the limits, waiting for it (and for a
    free slot) in this thread, which holds no lock meanwhile; TooCostly naming
    ``what`` (such as ``comparing 2011 and 2015``) if it is stopped or fails,
    ServerBusy if too many requests wait already."""
    with waiting_turn(what), _shared_slots():
        try:
            return run_limited(work, *args, limits=_limits())
        except OverLimit as stopped:
            raise TooCostly(f"{what} {stopped} that this server allows") from None
        except ChildFailed as failure:
            raise TooCostly(f"{what} failed: {failure}") from None


def print_pages(what: str, pages: list[str]) -> bytes:
    """``pages`` (made by a worker) printed by Chromium in one PDF, holding a slot.
    Chromium runs as processes of its own within the workers' time limit and
    ``VARIORUM_PRINT_MEMORY_MB``, its resident memory summed over its processes and
    watched (``render.pdf_watch``: it cannot start under the workers' address-space
    limit); TooCostly naming ``what`` if it fails or is stopped."""
    from variorum.render.pdf import print_pdf  # PDFium only for this work
    from variorum.render.pdf_watch import Bounds

    bounds = Bounds(settings.VARIORUM_COMPARE_SECONDS, settings.VARIORUM_PRINT_MEMORY_MB * 2**20)
    with waiting_turn(what), _shared_slots():
        try:
            return print_pdf(pages, bounds)
        except VariorumError as failure:
            raise TooCostly(f"{what} failed: {failure}") from None


def _shared_slots() -> threading.BoundedSemaphore:
    global _slots
    with _lock:
        _slots = _slots or threading.BoundedSemaphore(settings.VARIORUM_COMPARE_WORKERS)
        return _slots


def _waiting_turns() -> threading.BoundedSemaphore:
    global _waiting
    with _lock:
        _waiting = _waiting or threading.BoundedSemaphore(settings.VARIORUM_WAITING_REQUESTS)
        return _waiting


def _limits() -> Limits:
    return Limits(settings.VARIORUM_COMPARE_SECONDS, settings.VARIORUM_COMPARE_MEMORY_MB * 2**20)


def _limited(work: Callable[[Any], Any], limits: Limits, inputs: Any) -> Any:
    return run_limited(work, inputs, limits=limits)
