"""The redline of two stored versions with their annotations, as an Edition: what the
publisher renders, so the app shows exactly what the published page will.

An Edition is a pure function of the project's header, the two versions and the
annotations' JSON-LD. Comparing the pair and placing the notes is most of a redline
request's work, so each process keeps the most recent Editions keyed by a digest of
exactly those inputs: a request after any change (a saved note, a renamed version)
builds a new one, and every other request reuses it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from variorum.publish.edition import Edition, VersionInfo, assemble_edition, is_web
from variorum.web.models import Project, Status, Version
from variorum.web.store.annotations import live_annotations, note_of
from variorum.web.store.documents import document_of

CACHED_EDITIONS = 32
"""Editions kept per server process."""

_cache: OrderedDict[str, Edition] = OrderedDict()
_lock = threading.Lock()


def edition_for(project: Project, old: Version, new: Version, drafts: bool = True) -> Edition:
    """The Edition of one pair of versions; ``drafts`` includes unpublished notes."""
    rows = live_annotations(project).filter(version__in=[old, new])
    if not drafts:
        rows = rows.filter(status=Status.PUBLISHED)
    notes = [row.data for row in rows]
    versions = tuple(
        VersionInfo(v.label, v.date, v.source, v.source if is_web(v.source) else "")
        for v in dict.fromkeys((old, new))  # one version read alone is listed once
    )
    key = _digest([project.title, project.authors, project.introduction,
                   [_version_key(v) for v in (old, new)], notes])  # fmt: skip
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    edition = assemble_edition(
        project.title,
        tuple(project.authors),
        project.introduction,
        versions,
        {old.label: document_of(old), new.label: document_of(new)},
        [note_of(row) for row in rows],
        [(old.label, new.label)],
    )
    with _lock:
        _cache[key] = edition
        while len(_cache) > CACHED_EDITIONS:
            _cache.popitem(last=False)
    return edition


def _version_key(version: Version) -> list[str]:
    return [version.sha256, version.format, version.label, version.date, version.source]


def _digest(inputs: Any) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
