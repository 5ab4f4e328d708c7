"""Django's ModelBackend, with the signed-in user read by SQL compiled once.

Every signed-in request reads its user after its session; Django's backend builds
and compiles that query anew each time. This backend is Django's in everything
(passwords, permissions, inactive accounts refused, the session's hash checked by
Django), except that ``get_user`` reads the row with a ``Prepared`` query.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from variorum.web.store.prepared import Prepared

_FIELDS = tuple(field.attname for field in get_user_model()._meta.concrete_fields)
_USER = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).values_list(*_FIELDS), int)

PATH = "variorum.web.auth_backend.UserBackend"
"""This backend's address in ``AUTHENTICATION_BACKENDS`` (and in each session)."""
FORMER_PATHS = frozenset({"django.contrib.auth.backends.ModelBackend"})
"""The addresses sessions signed in before this backend name: ``session_store`` reads
them as ``PATH``, so those sessions stay signed in."""


class UserBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` is one compiled read."""

    def get_user(self, user_id: Any) -> Any:
        found = _USER.rows(int(user_id))
        if not found:
            return None
        users = get_user_model()
        user = users.from_db(users.objects.db, _FIELDS, found[0])
        return user if self.user_can_authenticate(user) else None
