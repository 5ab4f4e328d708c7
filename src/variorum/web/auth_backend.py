"""Django's ModelBackend, with the signed-in user taken from the session's own read.

Every signed-in request reads its user after its session; ``session_store`` reads
both in one query. This backend is Django's in everything (passwords, permissions,
inactive accounts refused, the session's hash then checked by Django), except that
``get_user`` takes the row read with the request's session, or else reads it with a
``Prepared`` query (compiled once). ``AuthenticationMiddleware`` tells it the
request's session: Django's backend API passes only the user's id.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth import middleware as django_middleware
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from variorum.web.store.prepared import Prepared

USER_FIELDS = tuple(field.attname for field in get_user_model()._meta.concrete_fields)
"""The user's columns, as read with a session or alone."""
_USER = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).values_list(*USER_FIELDS), int)

PATH = "variorum.web.auth_backend.UserBackend"
"""This backend's address in ``AUTHENTICATION_BACKENDS`` (and in each session)."""
FORMER_PATHS = frozenset({"django.contrib.auth.backends.ModelBackend"})
"""The addresses sessions signed in before this backend name: ``session_store`` reads
them as ``PATH``, so those sessions stay signed in."""

_session: ContextVar[Any] = ContextVar("the session of the request whose user is read")


class UserBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` reads no more than the session did."""

    def get_user(self, user_id: Any) -> Any:
        session = _session.get(None)
        row = session.user_row(int(user_id)) if hasattr(session, "user_row") else None
        if row is None:
            found = _USER.rows(int(user_id))
            if not found:
                return None
            row = found[0]
        users = get_user_model()
        user = users.from_db(users.objects.db, USER_FIELDS, row)
        return user if self.user_can_authenticate(user) else None


class AuthenticationMiddleware(django_middleware.AuthenticationMiddleware):
    """Django's, telling ``UserBackend`` the request's session while Django reads and
    checks the user."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _signed_in(request))


def _signed_in(request: HttpRequest) -> Any:
    if not hasattr(request, "_cached_user"):
        told = _session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            _session.reset(told)
    return request._cached_user  # type: ignore[attr-defined]
