"""Bearer-token authentication for scripts: ``Authorization: Bearer vt_...``.

A token is less than the account (least privilege): it is accepted only under
``/api/``, so it never reaches the pages that make tokens, set passwords or invite
members; a ``read`` token may only read (GET, HEAD, OPTIONS); and it expires. A
request with a valid token acts as the token's user; it carries no cookie, so it
cannot be forged by another site, and CSRF checks do not apply to it. A request with
an unknown, revoked or expired token is refused outright (401), never served as
anonymous.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from variorum.web.models import ApiToken, Scope
from variorum.web.views.errors import is_busy

LAST_USED_EVERY = timedelta(minutes=5)
"""How often a token's ``last_used`` is written: not on every request, which would make
each scripted read a write (on SQLite, queued behind the one writer)."""
READING = ("GET", "HEAD", "OPTIONS")
"""The methods a ``read`` token may use."""


def _note_use(token: ApiToken) -> None:
    """Write when the token was last used, every ``LAST_USED_EVERY``; bookkeeping that
    never refuses the request: if the database is busy, it is left for the next one."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
        try:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        except OperationalError as failure:
            if not is_busy(failure):
                raise


class TokenAuthenticationMiddleware:
    """Authenticate requests that carry a personal API token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            token = _checked(request, ApiToken.find(header.removeprefix("Bearer ").strip()))
            if isinstance(token, HttpResponse):
                return token
            _note_use(token)
            request.user = token.user
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


def _checked(request: HttpRequest, token: ApiToken | None) -> ApiToken | HttpResponse:
    """``token`` if it may make this request, else the refusal to answer with."""
    if token is None or not token.user.is_active:
        return _refuse(401, "the API token is unknown or was revoked")
    if token.expired:
        return _refuse(401, f"the API token expired on {token.expires:%Y-%m-%d}; make a new one")
    if not request.path_info.startswith("/api/"):
        return _refuse(403, "an API token is accepted only under /api/; sign in to use the pages")
    if token.scope == Scope.READ and request.method not in READING:
        return _refuse(403, f"this token may only read ({', '.join(READING)}): its scope is read")
    return token



def _refuse(status: int, message: str) -> HttpResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="variorum", error="invalid_token"'
    return response
