"""Optional CORS for reading annotations: scripts on other sites may read the
annotation containers and their annotations, never change them.

Off unless ``VARIORUM_CORS_ORIGINS`` names the origins allowed (comma separated, or
``*``). Only ``GET``, ``HEAD`` and the preflight ``OPTIONS`` of the containers and
annotations answer with ``Access-Control-Allow-Origin``; a preflight for any other
method gets none, so browsers refuse cross-site writes. Credentials (the session
cookie) are never allowed across sites: a script elsewhere reads with a personal API
token, whose scope and expiry bound what it can do (a ``read`` token suffices).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

READ_ONLY = ("GET", "HEAD")
"""The methods another site's script may use."""
SHARED = frozenset({"api-container", "api-annotation"})
"""The API's addresses (URL names) shared with other sites."""
ASKED_HEADERS = "Accept, Authorization, If-None-Match, Prefer"
"""The request headers a reading client may send (a token, conditional GETs, Prefer)."""
SHOWN_HEADERS = "Allow, Content-Location, ETag, Link, Preference-Applied, Vary"
"""The answer's headers a script elsewhere may read (the protocol's paging and types)."""
PREFLIGHT_SECONDS = 600
"""How long a browser may reuse a preflight's answer."""


class CorsMiddleware:
    """Add the CORS headers to reads of the shared addresses from an allowed origin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        origin = request.headers.get("Origin", "")
        if origin and _shared(request):
            patch_vary_headers(response, ["Origin"])  # caches keep each origin's answer apart
            if _allowed(origin):
                _allow(request, response, origin)
        return response


def _shared(request: HttpRequest) -> bool:
    if not settings.VARIORUM_CORS_ORIGINS or not request.path.startswith("/api/"):
        return False
    try:
        return resolve(request.path_info).url_name in SHARED
    except Resolver404:
        return False


def _allowed(origin: str) -> bool:
    origins = settings.VARIORUM_CORS_ORIGINS
    return "*" in origins or origin in origins


def _allow(request: HttpRequest, response: HttpResponse, origin: str) -> None:
    if request.method == "OPTIONS":
        asked = request.headers.get("Access-Control-Request-Method", "")
        if asked.upper() not in READ_ONLY:
            return  # a cross-site write: no permission, so the browser sends nothing
        response["Access-Control-Allow-Methods"] = ", ".join(READ_ONLY)
        response["Access-Control-Allow-Headers"] = ASKED_HEADERS
        response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
    elif request.method not in READ_ONLY:
        return
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Expose-Headers"] = SHOWN_HEADERS
