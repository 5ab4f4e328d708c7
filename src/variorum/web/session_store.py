"""Django's database sessions, read by SQL compiled once per process.

Every signed-in request reads its session first; Django's own store builds and
compiles that query anew each time (about 0.9 ms of CPU on a 2-CPU machine, as much
as the rest of a kept page's answer). This store is Django's, with only that read
``Prepared`` (``store.prepared``): the same row, the same expiry check, the same
refusal of an unknown or expired key. Writing, rotating and deleting are Django's.

Sessions signed in before ``auth_backend.UserBackend`` existed name Django's
``ModelBackend``, which is no longer listed: such a session is read as naming
``UserBackend`` (Django's backend with one read compiled), so an upgrade signs no one out.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from variorum.web import auth_backend
from variorum.web.store.prepared import Prepared

_SESSION = Prepared(
    lambda key: Session.objects.filter(session_key=key).values_list("session_data", "expire_date"),
    str,
)


class SessionStore(db.SessionStore):
    """``SESSION_ENGINE = "variorum.web.session_store"``."""

    def _get_session_from_db(self) -> Session | None:
        found = _SESSION.rows(self.session_key) if self.session_key else []
        if found and found[0][1] > timezone.now():
            data, expires = found[0]
            return Session(session_key=self.session_key, session_data=data, expire_date=expires)
        self._session_key = None  # unknown or expired: as Django's store, a new session
        return None

    def load(self) -> dict[str, Any]:
        """The session's data, a former backend's path read as its successor's."""
        data: dict[str, Any] = super().load()
        if data.get(BACKEND_SESSION_KEY) in auth_backend.FORMER_PATHS:
            data[BACKEND_SESSION_KEY] = auth_backend.PATH
        return data
