"""The answer to a request that failed on the server's side.

A database that is busy (SQLite's single writer held by another request for longer
than ``VARIORUM_DB_LOCK_SECONDS``, or a PostgreSQL lock or serialization conflict) is
not the caller's fault and not a bug: the save is answered 503 with ``Retry-After``,
as JSON under ``/api/`` and as a page elsewhere, saying that nothing was saved and
to try again. The browser's note editor keeps the typed text and says so. A server
whose threads may not wait for more work in child processes (``workers.ServerBusy``)
answers the same way, at once. Any other
failure is the usual 500, as JSON under ``/api/``. A page asked for with a method it
does not take (GET on a form's target) is the app's own 405 page, not a blank one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.defaults import server_error as page_server_error

from variorum.web.store.workers import ServerBusy
from variorum.web.views.api import error

RETRY_AFTER_SECONDS = 5
"""When a caller refused for a busy database is told to try again."""
BUSY = (
    "the database is busy with another change, so nothing was saved;"
    f" try again in {RETRY_AFTER_SECONDS} seconds"
)
WORK_RETRY_AFTER_SECONDS = 30
"""When a caller refused because enough requests already wait for workers is told to
try again (publishing a large project takes about that long)."""
_BUSY_STATES = {"55P03", "40001", "40P01"}
"""PostgreSQL's lock_not_available, serialization_failure and deadlock_detected."""


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's ``handler500``: called while the failure is being handled."""
    failure = sys.exc_info()[1]
    if failure is not None and is_busy(failure):
        return _busy(request)
    if request.path.startswith("/api/"):
        return error(500, "the server failed on this request; it has been logged")
    return page_server_error(request)


def is_busy(failure: BaseException) -> bool:
    """Whether ``failure`` is the database refusing to wait any longer for a lock."""
    if not isinstance(failure, OperationalError):
        return False
    if getattr(failure.__cause__, "sqlstate", None) in _BUSY_STATES:
        return True
    return "database is locked" in str(failure) or "database table is locked" in str(failure)


def _busy(
    request: HttpRequest, busy: str = BUSY, retry_after: int = RETRY_AFTER_SECONDS
) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = error(503, busy)
    else:
        response = render(request, "variorum_web/busy.html", {"busy": busy}, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class ServerBusyMiddleware:
    """Answer a request refused a turn to wait for a worker (``workers.ServerBusy``)
    with 503 and ``Retry-After``, saying what it asked for and that nothing changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, failure: Exception) -> HttpResponse | None:
        if not isinstance(failure, ServerBusy):
            return None
        busy = (
            f"the server is busy with other people's work, so {failure} was not started"
            f" and nothing was changed; try again in {WORK_RETRY_AFTER_SECONDS} seconds"
        )
        return _busy(request, busy, WORK_RETRY_AFTER_SECONDS)


class MethodNotAllowedPageMiddleware:
    """Give a page's empty 405 (``require_POST`` and its kin) the app's page, which
    says what the address takes and links back; the API's 405s are JSON already."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        allowed = response.get("Allow", "")
        context = {"method": request.method, "allowed": allowed.replace(", ", " or ")}
        page = render(request, "variorum_web/not_allowed.html", context, status=405)
        page["Allow"] = allowed
        return page
