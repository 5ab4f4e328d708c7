"""This server process's background jobs, each kind kept apart, run in worker
processes within the ``VARIORUM_COMPARE_*`` limits and sharing one set of slots:
at most ``VARIORUM_COMPARE_WORKERS`` workers at a time, whatever they make."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings

from variorum.web.jobs import Jobs
from variorum.web.worker import Limits, run_limited

_kinds: dict[str, Jobs] = {}
_slots: threading.BoundedSemaphore | None = None
_lock = threading.Lock()


def jobs(kind: str, work: Callable[[Any], Any], size: Callable[[Any], int]) -> Jobs:
    """The jobs of ``kind``, each running ``work(inputs)`` in a worker process; a
    finished result's ``size`` (bytes) counts against ``VARIORUM_REDLINE_CACHE_MB``."""
    global _slots
    with _lock:
        if kind not in _kinds:
            _slots = _slots or threading.BoundedSemaphore(settings.VARIORUM_COMPARE_WORKERS)
            limits = Limits(
                settings.VARIORUM_COMPARE_SECONDS, settings.VARIORUM_COMPARE_MEMORY_MB * 2**20
            )
            _kinds[kind] = Jobs(
                partial(_limited, work, limits), _slots,
                settings.VARIORUM_REDLINE_CACHE_MB * 2**20, size,
            )  # fmt: skip
        return _kinds[kind]


def _limited(work: Callable[[Any], Any], limits: Limits, inputs: Any) -> Any:
    return run_limited(work, inputs, limits=limits)
