"""The answer to a request that failed on the server's side.

A database that is busy (SQLite's single writer held by another request for longer
than ``VARIORUM_DB_LOCK_SECONDS``, or a PostgreSQL lock or serialization conflict) is
not the caller's fault and not a bug: the save is answered 503 with ``Retry-After``,
as JSON under ``/api/`` and as a page elsewhere, saying that nothing was saved and
to try again. The browser's note editor keeps the typed text and says so. Any other
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

from variorum.web.views.api import error

RETRY_AFTER_SECONDS = 5
"""When a caller refused for a busy database is told to try again."""
BUSY = (
    "the database is busy with another change, so nothing was saved;"
    f" try again in {RETRY_AFTER_SECONDS} seconds"
)
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


def _busy(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = error(503, BUSY)
    else:
        response = render(request, "variorum_web/busy.html", {"busy": BUSY}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


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
