"""An upgrade signs no one out: sessions signed in before the app's own backend
(``variorum.web.auth_backend.UserBackend``) name Django's ``ModelBackend``, and a real
``variorum demo`` still takes them as signed in. A session naming a backend the app
never had is still refused, as Django refuses it."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from availability import RunningServer, get, serve
from served import browser

FORMER = "django.contrib.auth.backends.ModelBackend"
"""The backend sessions named before the upgrade."""


def session_naming(server: RunningServer, name: str, backend: str) -> str:
    """The key of a session of the account ``name`` stored as Django signs in through
    ``backend`` (the user's id, the backend's path, the password's hash)."""
    return server.django(
        "from variorum.web.session_store import SessionStore\n"
        "from variorum.web import server\n"
        f"user = server.local_user({name!r})\n"
        "session = SessionStore()\n"
        "session['_auth_user_id'] = str(user.pk)\n"
        f"session['_auth_user_backend'] = {backend!r}\n"
        "session['_auth_user_hash'] = user.get_session_auth_hash()\n"
        "session.create()\n"
        "print(session.session_key)\n"
    ).strip().splitlines()[-1]  # fmt: skip


def with_session(key: str) -> urllib.request.OpenerDirector:
    client = browser()
    client.addheaders = [("Cookie", f"sessionid={key}")]
    return client


def test_a_session_signed_in_before_the_upgrade_stays_signed_in(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        server.member("analyst", "owner")
        client = with_session(session_naming(server, "analyst", FORMER))
        status, page, _ = get(client, server.url + "/p/icoc-2011-2015/")
        assert status == 200 and "International code of conduct" in page, page[:300]
        assert "Sign in" not in page.split("<main", 1)[0] and "analyst" in page

        unknown = with_session(session_naming(server, "analyst", "elsewhere.Backend"))
        status, page, _ = get(unknown, server.url + "/p/icoc-2011-2015/")
        assert status == 200 and 'name="password"' in page  # the sign-in page instead
