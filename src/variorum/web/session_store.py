"""Django's database sessions, each read with its user in one query.

Every signed-in request reads its session, then its user: Django's store and backend
make two queries, each costing the server and the database as much CPU as the rest of
a kept page's answer. This store is Django's database store on its own model,
``UserSession``: Django's session with the user's id as a column (set from the data
whenever the session is saved), as Django documents for extending its database
sessions. Its read is one ``Prepared`` query (compiled once per process) joining the
user's row; the same expiry check, the same refusal of an unknown or expired key.
``auth_backend.UserBackend`` takes the user from it, and Django still checks the
session's hash against the user's password. So every request still asks the database:
signing out deletes the session, a password change ends the other sessions (their
hash no longer matches), a deactivated account is refused, a deleted one's sessions
are deleted with it, and a removed member is refused by the project's own read; each
takes effect at the next request, in every server process.

Sessions signed in before ``auth_backend.UserBackend`` existed name Django's
``ModelBackend``, which is no longer listed: such a session is read as naming
``UserBackend``, and migration 0007 copied the sessions of Django's own table into this
one, so an upgrade signs no one out.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends import db
from django.utils import timezone

from variorum.web import auth_backend
from variorum.web.models import UserSession
from variorum.web.store.prepared import Prepared

_SESSION = Prepared(
    lambda key: UserSession.objects.filter(session_key=key).values_list(
        "session_data", "expire_date", "user_id",
        *(f"user__{field}" for field in auth_backend.USER_FIELDS),
    ),
    str,
)  # fmt: skip
"""The session with its user's row (None for each field when it names no user)."""


class SessionStore(db.SessionStore):
    """``SESSION_ENGINE = "variorum.web.session_store"``."""

    _user: tuple[int, tuple[Any, ...]] | None = None
    """The id and row of the user read with the session, if it names one."""

    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        """The row to save: Django's, with the id of the user signed in."""
        made: UserSession = super().create_model_instance(data)
        user = str(data.get(SESSION_KEY, ""))
        made.user_id = int(user) if user.isdigit() else None
        return made

    def _get_session_from_db(self) -> UserSession | None:
        found = _SESSION.rows(self.session_key) if self.session_key else []
        if found and found[0][1] > timezone.now():
            data, expires, user, *fields = found[0]
            self._user = (user, tuple(fields)) if user is not None else None
            return UserSession(session_key=self.session_key, session_data=data, expire_date=expires)
        self._session_key = None  # unknown or expired: as Django's store, a new session
        return None

    def user_row(self, user: int) -> tuple[Any, ...] | None:
        """The fields (``auth_backend.USER_FIELDS``) of the user ``user`` as read with
        this session, if this session names that user; None otherwise."""
        return self._user[1] if self._user is not None and self._user[0] == user else None

    def load(self) -> dict[str, Any]:
        """The session's data, a former backend's path read as its successor's."""
        data: dict[str, Any] = super().load()
        if data.get(BACKEND_SESSION_KEY) in auth_backend.FORMER_PATHS:
            data[BACKEND_SESSION_KEY] = auth_backend.PATH
        return data
