"""Imports of project folders, run in the background with their progress stored.

An import of the largest folder allowed (10,000 annotations) takes many seconds: its
ZIP is unpacked and parsed in a worker process (``folders.import_zip``), then stored
in short transactions, by a thread of the server's own, never a request's. Its
``ImportJob`` row says what it is doing and how it ended, so its progress page answers
from any server process; the uploading request only starts it.

While it runs, its row shows a sign of life at least every sixth of
``VARIORUM_IMPORT_STALLED_SECONDS``, written by a thread of its own outside the
import's transactions. One without any for that long, whose process is gone, stopped
with its server: its project, seen by no one until complete (``folders.store_folder``),
is then removed and the import marked failed (``tidy``: when a server starts, when an
import starts, and when its page is read), so a server killed part-way leaves nothing
half made. A live import is never ended so: its row names the process running it
(``runner``), and a silent import whose process still runs on this machine (paused, or
its signs of life refused by the database) is left to go on; one run on another
machine, which cannot be looked at from here, is judged by its silence alone. The
records of finished imports are purged after ``VARIORUM_IMPORT_KEPT_DAYS``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from uuid import UUID

import psutil
from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, transaction
from django.utils import timezone

from variorum.errors import VariorumError
from variorum.web.models import ImportJob, ProjectRecord
from variorum.web.store import folders, workers

ENDED = ("done", "failed")
"""The steps of an import that has ended."""
AT_ONCE = 2
"""Imports each server process runs at once; more wait their turn (step ``waiting``)."""
_turns = threading.BoundedSemaphore(AT_ONCE)
_running: set[int] = set()
"""The imports this process runs now (their jobs' primary keys)."""
NOTE_ATTEMPTS, NOTE_PAUSE = 50, 0.02
"""A job's row is written again for up to a second while the database is locked."""
SIGNS_PER_STALL = 6
"""Signs of life an import shows within ``VARIORUM_IMPORT_STALLED_SECONDS``: five may
find the database locked before it is taken as stopped."""

logger = logging.getLogger(__name__)


class Abandoned(Exception):
    """The import was taken as stopped (no sign of life for too long) and ended."""


def start(data: bytes, name: str, owner: Any) -> ImportJob:
    """Start importing the ZIP ``data`` (the file ``name``) as a new project of
    ``owner``; the job, to follow on its progress page."""
    tidy()
    job = ImportJob.objects.create(owner=owner, name=name[-255:], runner=this_process())
    _running.add(job.pk)
    threading.Thread(
        target=_run, args=(job.pk, data, name, owner), daemon=True, name=f"import {job.uuid}"
    ).start()
    return job


def job_of(owner: Any, uuid: UUID) -> ImportJob | None:
    """The import ``uuid`` if ``owner`` started it, a stopped one ended as failed."""
    job = ImportJob.objects.filter(owner=owner, uuid=uuid).first()
    silent = job is not None and job.step not in ENDED and job.changed < _stall_cutoff()
    if silent and _end_if_stopped(job.pk):  # a write only then: pages read while it runs
        job.refresh_from_db()
    return job


def tidy() -> tuple[int, int]:
    """End the imports whose server stopped, removing the project each had begun, and
    purge the records of imports ended over ``VARIORUM_IMPORT_KEPT_DAYS`` ago: how
    many of each."""
    silent = ImportJob.objects.exclude(step__in=ENDED).filter(changed__lt=_stall_cutoff())
    stopped = sum(_end_if_stopped(pk) for pk in silent.values_list("pk", flat=True))
    kept = timedelta(days=settings.VARIORUM_IMPORT_KEPT_DAYS)
    old = ImportJob.objects.filter(step__in=ENDED, changed__lt=timezone.now() - kept)
    purged, _ = old.delete()
    return stopped, purged


def _stall_cutoff() -> Any:
    return timezone.now() - timedelta(seconds=settings.VARIORUM_IMPORT_STALLED_SECONDS)


def this_process() -> str:
    """This process as an import's row names it: its machine, id and start time (an id
    is used again once its process has ended)."""
    return f"{socket.gethostname()} {os.getpid()} {psutil.Process().create_time():.2f}"


def _still_running(job: int, runner: str) -> bool:
    """Whether the process ``runner`` (``this_process()`` as it was) runs on this machine
    and, if it is this one, still runs the import ``job``."""
    named = runner.rsplit(" ", 2)
    if len(named) != 3 or not named[1].isdigit() or named[0] != socket.gethostname():
        return False  # another machine's, or of a server before runners were named
    if runner == this_process():
        return job in _running
    try:
        return f"{psutil.Process(int(named[1])).create_time():.2f}" == named[2]
    except psutil.Error:  # no such process (or not ours to look at: then not a server's)
        return False


def _end_if_stopped(job: int) -> bool:
    """Mark the import ``job`` failed and remove its project, if it has shown no sign
    of life for ``VARIORUM_IMPORT_STALLED_SECONDS`` and its process is gone; whether it
    had. Its process is looked for before any lock is taken, so a paused import's
    transaction delays no one here."""
    runner = ImportJob.objects.filter(pk=job).values_list("runner", flat=True).first()
    if runner is None or _still_running(job, runner):
        return False
    with transaction.atomic():
        silent = ImportJob.objects.select_for_update().exclude(step__in=ENDED)
        found = silent.filter(pk=job, changed__lt=_stall_cutoff()).first()
        if found is None:
            return False
        if found.project_id is not None:  # begun, seen by no one: it had no member yet
            ProjectRecord.objects.filter(pk=found.project_id, memberships__isnull=True).delete()
        found.step, found.project = "failed", None
        found.message = f"{found.name}: the import stopped with its server; nothing was kept"
        found.save(update_fields=["step", "project", "message", "changed"])
    logger.warning("import %s stopped with its server: its project was removed", found.uuid)
    return True


def _run(job: int, data: bytes, name: str, owner: Any) -> None:
    """Import in this thread (the server's own), noting each step in the job's row."""

    def progress(step: str, done: int, of: int) -> None:
        try:
            if not _note(job, step=step, done=done, of=of):
                raise Abandoned
        except OperationalError:  # progress is told, not kept: the import goes on
            logger.warning("the progress of import %s could not be noted", job)

    def begun(project: ProjectRecord) -> None:
        if not _note(job, project=project):
            raise Abandoned

    def finished(project: ProjectRecord) -> None:
        # (as every note, tried again while the database is locked for a moment: the
        # import's sign of life writes the same row from a thread of its own)
        if not _note(job, step="done", project=project):
            raise Abandoned

    try:
        with _alive(job), _turns, workers.in_background():
            folders.import_zip(data, name, owner, progress, folders.Stages(begun, finished))
    except Abandoned:  # its row says so already; the project is removed
        logger.warning("import %s was taken as stopped and ended", job)
    except VariorumError as refused:
        _failed(job, str(refused))
    except Exception:  # noted for the administrator; the page says it failed
        logger.exception("the import of %s failed", name)
        _failed(job, f"{name}: the import failed on the server; nothing was kept")
    finally:
        _running.discard(job)
        connections.close_all()  # this thread's connections end with it


@contextmanager
def _alive(job: int) -> Iterator[None]:
    """Show the import's signs of life while the block runs (waiting its turn, reading
    in a worker, storing a long version), from a thread of its own."""
    ended = threading.Event()

    def beat() -> None:
        pause = settings.VARIORUM_IMPORT_STALLED_SECONDS / SIGNS_PER_STALL
        try:
            while not ended.wait(pause):
                try:
                    _note(job)
                except OperationalError:
                    logger.warning("import %s could not show a sign of life", job)
                    connections.close_all()  # a broken connection: a new one next time
        finally:
            connections.close_all()

    beating = threading.Thread(target=beat, daemon=True, name=f"import {job} alive")
    beating.start()
    try:
        yield
    finally:
        ended.set()
        beating.join()


def _note(job: int, **fields: Any) -> bool:
    """Write ``fields`` to the job's row while it runs, trying again while the database
    is locked for a moment (SQLite: a reader of the progress page, another import's
    batch); False if it ended meanwhile (taken as stopped)."""
    for attempt in range(NOTE_ATTEMPTS):
        try:
            running = ImportJob.objects.filter(pk=job).exclude(step__in=ENDED)
            return bool(running.update(changed=timezone.now(), **fields))
        except OperationalError:
            if attempt == NOTE_ATTEMPTS - 1:
                raise
            time.sleep(NOTE_PAUSE)
    return False  # not reached: the last attempt returns or raises


def _failed(job: int, message: str) -> None:
    try:
        _note(job, step="failed", message=message)
    except DatabaseError:  # the page will say it stopped, once it has shown no life for long
        logger.exception("the failed import %s could not be noted", job)
