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
from functools import partial
from typing import Any

from django.conf import settings

from variorum.publish.edition import is_web
from variorum.web.jobs import State
from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.redline_render import (
    RedlineInputs,
    StoredVersion,
    render_redline,
)
from variorum.web.store import workers


def redline_state(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, notes: tuple[Any, ...],
    assets: tuple[tuple[str, ...], tuple[str, ...]],
) -> State:  # fmt: skip
    """The page of one pair (``Done``), or how far its making is (``Running``), or
    why it cannot be made (``Failed``); ``notes`` are the JSON-LD of the live
    annotations on either version, ``assets`` the app's stylesheets and scripts.
    Waits up to ``VARIORUM_REDLINE_WAIT_SECONDS`` for a new page."""
    key = digest([page_header(project), assets, [version_key(v) for v in (old, new)], notes])
    inputs = partial(_inputs, project, old, new, notes, assets)
    pages = workers.jobs("redline", render_redline, lambda page: len(page.html))
    return pages.get(key, inputs, settings.VARIORUM_REDLINE_WAIT_SECONDS)


def page_header(project: ProjectRecord) -> list[Any]:
    """What of a project a redline page is made from, for its digest."""
    return [project.title, project.authors, project.introduction]


def _inputs(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, notes: tuple[Any, ...],
    assets: tuple[tuple[str, ...], tuple[str, ...]],
) -> RedlineInputs:  # fmt: skip
    return RedlineInputs(
        project.title, tuple(project.authors), project.introduction,
        stored(old), stored(new), notes, *assets,
    )  # fmt: skip


def stored(version: VersionRecord) -> StoredVersion:
    """A version as the worker processes take it: its file and metadata."""
    return StoredVersion(
        version.label, version.date, version.source,
        version.source if is_web(version.source) else "",
        version.filename, version.format, bytes(version.content),
    )  # fmt: skip


def version_key(version: VersionRecord) -> list[str]:
    """What of a version a page or a comparison is made from, for its digest."""
    return [version.sha256, version.format, version.label, version.date, version.source,
            version.filename]  # fmt: skip


def digest(inputs: Any) -> str:
    """The SHA-256 of JSON-able ``inputs``: the key of what is made from them."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
