"""Bodies over their kind's limit are refused from ``Content-Length``, unread.

The middleware runs before the CSRF check and the views, which would parse the body:
an upload of a version or of a project folder may be as large as its kind allows
(``variorum.web.limits``), any other request as large as a form or a JSON body. A
larger one gets 413 with one sentence naming the kind and the limit (JSON under
``/api/``), and nothing of it is read or stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from variorum.web import limits
from variorum.web.views.api import error

KINDS = {
    "version-upload": ("a version's file", limits.VERSION_FILE_BYTES),
    "api-versions": ("a version's file", limits.VERSION_FILE_BYTES),
    "import": ("a project folder's ZIP", limits.IMPORT_ZIP_BYTES),
}
"""The addresses (route names) that take a file, with what it is and its limit."""
OTHER = ("a form or JSON body", limits.JSON_BODY_BYTES)
SMALLEST = min(limit for _, limit in [*KINDS.values(), OTHER])
"""A body within this is within every kind's limit: its address need not be resolved."""


class RequestSizeMiddleware:
    """Refuse a request whose declared body is larger than its address allows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH")
        if limits.declared_too_large(declared, SMALLEST):  # most requests have no body
            kind, limit = _kind(request.path_info)
            if limits.declared_too_large(declared, limit):
                return too_large(request, kind, limit)
        return self.get_response(request)


def _kind(path: str) -> tuple[str, int]:
    try:
        name = resolve(path).url_name
    except Resolver404:
        return OTHER
    return KINDS.get(name or "", OTHER)


def too_large(request: HttpRequest, kind: str, limit: int) -> HttpResponse:
    """The 413 refusal of a body larger than ``limit`` for ``kind``."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    message = (
        f"the request is {declared:,} bytes, over the limit of {limits.megabytes(limit)}"
        f" for {kind}; nothing was read or stored"
    )
    if request.path.startswith("/api/"):
        return error(413, message)
    return render(request, "variorum_web/too_large.html", {"message": message}, status=413)
