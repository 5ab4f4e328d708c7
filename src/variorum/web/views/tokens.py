"""Bearer-token authentication for scripts: ``Authorization: Bearer vt_...``.

A request with a valid personal token acts as the token's user. It carries no cookie,
so it cannot be forged by another site, and CSRF checks do not apply to it. A request
with an unknown token is refused outright (401), never served as anonymous.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from variorum.web.models import ApiToken
from variorum.web.views.errors import is_busy

LAST_USED_EVERY = timedelta(minutes=5)
"""How often a token's ``last_used`` is written: not on every request, which would make
each scripted read a write (on SQLite, queued behind the one writer)."""


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
            token = ApiToken.find(header.removeprefix("Bearer ").strip())
            if token is None or not token.user.is_active:
                return JsonResponse(
                    {"error": "the API token is unknown or was revoked"}, status=401
                )
            _note_use(token)
            request.user = token.user
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)
