"""The redline page of two stored versions with their annotations, made in a worker
process and kept by a digest of its inputs.

The page is a pure function of the project's header, the two versions' files and
metadata, and the annotations' JSON-LD (``variorum.web.redline_render``). Comparing
a large pair can take minutes and gigabytes, so it runs in a child process within
the ``VARIORUM_COMPARE_*`` limits (``variorum.web.worker``), never in the request's
thread; each process keeps the finished pages by digest, so a request after any
change (a saved note, a renamed version) makes a new page and every other request
reuses it at once.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import partial
from typing import Any

from django.conf import settings

from variorum.publish.edition import is_web
from variorum.web.jobs import Jobs, State
from variorum.web.models import Project, Version
from variorum.web.redline_render import (
    RedlineInputs,
    RenderedRedline,
    StoredVersion,
    render_redline,
)
from variorum.web.store.annotations import live_annotations
from variorum.web.worker import Limits, run_limited

_jobs: Jobs | None = None
_lock = threading.Lock()


def redline_state(
    project: Project, old: Version, new: Version, assets: tuple[tuple[str, ...], tuple[str, ...]]
) -> State:
    """The page of one pair (``Done``), or how far its making is (``Running``), or
    why it cannot be made (``Failed``); ``assets`` are the app's stylesheets and
    scripts. Waits up to ``VARIORUM_REDLINE_WAIT_SECONDS`` for a new page."""
    notes = tuple(row.data for row in live_annotations(project).filter(version__in=[old, new]))
    key = _digest([project.title, project.authors, project.introduction, assets,
                   [_version_key(v) for v in (old, new)], notes])  # fmt: skip
    inputs = partial(_inputs, project, old, new, notes, assets)
    return _redline_jobs().get(key, inputs, settings.VARIORUM_REDLINE_WAIT_SECONDS)


def _inputs(
    project: Project, old: Version, new: Version, notes: tuple[Any, ...],
    assets: tuple[tuple[str, ...], tuple[str, ...]],
) -> RedlineInputs:  # fmt: skip
    return RedlineInputs(
        project.title, tuple(project.authors), project.introduction,
        _stored(old), _stored(new), notes, *assets,
    )  # fmt: skip


def _stored(version: Version) -> StoredVersion:
    return StoredVersion(
        version.label, version.date, version.source,
        version.source if is_web(version.source) else "",
        version.filename, version.format, bytes(version.content),
    )  # fmt: skip


def _redline_jobs() -> Jobs:
    """This process's redline jobs, made with the settings' limits on first use."""
    global _jobs
    with _lock:
        if _jobs is None:
            limits = Limits(
                settings.VARIORUM_COMPARE_SECONDS, settings.VARIORUM_COMPARE_MEMORY_MB * 2**20
            )
            _jobs = Jobs(
                partial(_render, limits),
                settings.VARIORUM_COMPARE_WORKERS,
                settings.VARIORUM_REDLINE_CACHE_MB * 2**20,
                lambda page: len(page.html),
            )
        return _jobs


def _render(limits: Limits, inputs: RedlineInputs) -> RenderedRedline:
    return run_limited(render_redline, inputs, limits=limits)


def _version_key(version: Version) -> list[str]:
    return [version.sha256, version.format, version.label, version.date, version.source,
            version.filename]  # fmt: skip


def _digest(inputs: Any) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
