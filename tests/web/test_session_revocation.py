"""Access ends at the next request, in every server process: signing out (even for a
copy of the session's cookie), a changed password (for the other browsers), a
removed member and a deactivated account. Sessions and users are read from the
database at every request (with one query, ``web/session_store.py``), never kept.

Two real ``variorum demo`` processes on one database (a SQLite file, or PostgreSQL as
the suite runs), as a team runs several behind its proxy; each change is made
through one and seen through the other."""

from __future__ import annotations

import http.cookiejar
import urllib.request
from pathlib import Path

from availability import RunningServer, get, post_form, serve
from served import browser

PROJECT = "/p/icoc-2011-2015/"
CONTAINER = "/api/projects/icoc-2011-2015/versions/2015/annotations/"
NEW_PASSWORD = "a long new passphrase 8"


def cookie(client: urllib.request.OpenerDirector) -> str:
    """The session key a signed-in client holds."""
    for handler in client.handlers:
        if isinstance(handler, urllib.request.HTTPCookieProcessor):
            jar: http.cookiejar.CookieJar = handler.cookiejar
            return next(made.value or "" for made in jar if made.name == "sessionid")
    raise AssertionError("the client keeps no cookies")


def copy_of(key: str) -> urllib.request.OpenerDirector:
    """Another client sending the session cookie ``key``, as a stolen copy would."""
    client = browser()
    client.addheaders = [("Cookie", f"sessionid={key}")]
    return client


def reads(client: urllib.request.OpenerDirector, server: RunningServer) -> bool:
    """Whether ``client`` reads the demo project's page and its 2015 container there."""
    status, page, _ = get(client, server.url + PROJECT)
    if 'name="password"' in page or status == 404:  # sent to sign in, or not a member
        return False
    assert status == 200, page[:300]
    status, _, _ = get(client, server.url + CONTAINER)
    assert status == 200
    return True


def test_access_ends_at_the_next_request_in_every_server_process(tmp_path: Path) -> None:
    with serve(tmp_path) as one, serve(tmp_path, environment=one.environment) as other:
        one.member("analyst", "owner")
        one.member("colleague", "viewer")
        analyst, elsewhere = one.signed_in("analyst"), one.signed_in("analyst")
        colleague = one.signed_in("colleague")
        assert all(reads(client, other) for client in (analyst, elsewhere, colleague))

        chosen = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        status, _, _ = post_form(analyst, one.url + "/password/", one.url + "/password/", chosen)
        assert status == 200
        assert reads(analyst, other)  # the browser that changed it stays signed in
        assert not reads(elsewhere, other)  # the others are signed out

        stolen = copy_of(cookie(analyst))
        assert reads(stolen, other)
        post_form(analyst, one.url + PROJECT, one.url + "/logout/", {})
        assert not reads(analyst, other) and not reads(stolen, other)

        one.django(
            "from variorum.web.models import ProjectRecord\n"
            "from variorum.web.store.projects import remove_member\n"
            "remove_member(ProjectRecord.objects.get(slug='icoc-2011-2015'), 'colleague')\n"
        )
        assert not reads(colleague, other)
        status, _, _ = get(colleague, other.url + "/")
        assert status == 200  # still signed in: only the project is gone for them

        signed_in = one.signed_in("analyst")
        assert reads(signed_in, other)
        one.django(
            "from django.contrib.auth import get_user_model\n"
            "get_user_model().objects.filter(username='analyst').update(is_active=False)\n"
        )
        assert not reads(signed_in, other) and not reads(signed_in, one)
