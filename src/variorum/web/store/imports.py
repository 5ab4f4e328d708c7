"""Imports of project folders, run in the background with their progress stored.

An import of the largest folder allowed (10,000 annotations) takes many seconds: its
ZIP is unpacked and parsed in a worker process (``folders.import_zip``), then stored
in short transactions, by a thread of the server's own, never a request's. Its
``ImportJob`` row says what it is doing and how it ended, so its progress page answers
from any server process; the uploading request only starts it.

An import that has not changed for ``STALLED_SECONDS`` is taken as stopped (its
server stopped meanwhile) and says so.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db import DatabaseError, OperationalError, connections
from django.utils import timezone

from variorum.errors import VariorumError
from variorum.web.models import ImportJob
from variorum.web.store import folders, workers

STALLED_SECONDS = 600
"""An import whose progress has not changed for this long stopped with its server."""
AT_ONCE = 2
"""Imports each server process runs at once; more wait their turn (step ``waiting``)."""
_turns = threading.BoundedSemaphore(AT_ONCE)
NOTE_ATTEMPTS, NOTE_PAUSE = 50, 0.02
"""A job's row is written again for up to a second while the database is locked."""

logger = logging.getLogger(__name__)


def start(data: bytes, name: str, owner: Any) -> ImportJob:
    """Start importing the ZIP ``data`` (the file ``name``) as a new project of
    ``owner``; the job, to follow on its progress page."""
    job = ImportJob.objects.create(owner=owner, name=name[-255:])
    threading.Thread(
        target=_run, args=(job.pk, data, name, owner), daemon=True, name=f"import {job.uuid}"
    ).start()
    return job


def job_of(owner: Any, uuid: UUID) -> ImportJob | None:
    """The import ``uuid`` if ``owner`` started it, stopped ones marked failed."""
    job = ImportJob.objects.filter(owner=owner, uuid=uuid).first()
    if job is not None and job.step not in ("done", "failed") and _stalled(job):
        job.step, job.message = "failed", f"{job.name}: the import stopped with its server"
        job.save(update_fields=["step", "message"])
    return job


def _stalled(job: ImportJob) -> bool:
    return timezone.now() - job.changed > timedelta(seconds=STALLED_SECONDS)


def _run(job: int, data: bytes, name: str, owner: Any) -> None:
    """Import in this thread (the server's own), noting each step in the job's row."""

    def progress(step: str, done: int, of: int) -> None:
        try:
            _note(job, step=step, done=done, of=of)
        except OperationalError:  # progress is told, not kept: the import goes on
            logger.warning("the progress of import %s could not be noted", job)

    try:
        while not _turns.acquire(timeout=STALLED_SECONDS / 10):
            progress("waiting", 0, 0)  # waiting its turn, not stopped
        try:
            with workers.in_background():
                project = folders.import_zip(data, name, owner, progress)
        finally:
            _turns.release()
        _note(job, step="done", project=project)
    except VariorumError as refused:
        _failed(job, str(refused))
    except Exception:  # noted for the administrator; the page says it failed
        logger.exception("the import of %s failed", name)
        _failed(job, f"{name}: the import failed on the server; nothing was kept")
    finally:
        connections.close_all()  # this thread's connections end with it


def _note(job: int, **fields: Any) -> None:
    """Write ``fields`` to the job's row, trying again while the database is locked
    for a moment (SQLite: a reader of the progress page, another import's batch)."""
    for attempt in range(NOTE_ATTEMPTS):
        try:
            ImportJob.objects.filter(pk=job).update(changed=timezone.now(), **fields)
            return
        except OperationalError:
            if attempt == NOTE_ATTEMPTS - 1:
                raise
            time.sleep(NOTE_PAUSE)


def _failed(job: int, message: str) -> None:
    try:
        _note(job, step="failed", message=message)
    except DatabaseError:  # the page will say it stopped, once it has not changed for long
        logger.exception("the failed import %s could not be noted", job)
