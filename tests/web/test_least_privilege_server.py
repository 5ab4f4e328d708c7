"""The least-privilege and error-page items of issue 15, against a real ``variorum
demo`` (SQLite, or PostgreSQL on the suite's second run): a token reaches only the
API, within its scope and lifetime, and never tokens, passwords or members; a
one-time sign-in link signs in no one until its page is confirmed, and another site
cannot switch a signed-in browser to its account; every answer carries a strict
Content-Security-Policy header with ``frame-ancestors``; a NUL in a title or a note is
refused on both databases; unknown projects, a GET on a form's target and the favicon
get the app's own answers. (The permission matrix proves each route
in-process; this proves the real server's stack does the same.)"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from email.message import Message

import pytest
from availability import RunningServer, api, get, post_form, serve
from served import WAIT, browser, follow_link, opened

SLUG = "icoc-2011-2015"
STRICT = ("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with serve(tmp_path_factory.mktemp("privilege")) as running:
        running.member("analyst", "owner")
        yield running


def token(server: RunningServer, scope: str, days: int = 30) -> str:
    """A token of the project's owner with ``scope``, valid ``days`` days (0: expired)."""
    return server.django(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from variorum.web import server\n"
        "from variorum.web.models import ApiToken\n"
        f"row, secret = ApiToken.issue(server.local_user('analyst'), 'test', {scope!r}, 30)\n"
        f"ApiToken.objects.filter(pk=row.pk).update(expires=timezone.now()"
        f" + timedelta(days={days}, seconds=-1))\n"
        "print(secret)\n"
    ).strip().splitlines()[-1]  # fmt: skip


def with_token(url: str, secret: str, data: bytes | None = None) -> tuple[int, str, Message]:
    """A page request carrying ``secret`` as a Bearer token: (status, page, headers),
    redirects followed."""
    request = urllib.request.Request(url, data, headers={"Authorization": f"Bearer {secret}"})
    try:
        with browser().open(request, timeout=WAIT) as answer:
            return answer.status, answer.read().decode(), answer.headers
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode(), refused.headers


def test_a_token_reaches_only_the_api_within_its_scope_and_lifetime(
    server: RunningServer,
) -> None:
    write, read = token(server, "write"), token(server, "read")
    status, _, listed, _ = api("GET", f"{server.url}/api/projects/", write)
    assert status == 200 and SLUG in str(listed)
    for page in ("/", "/tokens/", "/password/", f"/p/{SLUG}/members/"):  # pages: refused
        for form in (None, b"name=more&scope=write&days=30&new_password1=x&username=x"):
            status, shown, _ = with_token(server.url + page, write, form)
            assert status == 403 and "accepted only under /api/" in shown, (page, shown[:200])
    made = server.django("from variorum.web.models import ApiToken\n"
                         "print(ApiToken.objects.count())\n")  # fmt: skip
    assert made.strip().splitlines()[-1] == "2"
    members = f"{server.url}/api/projects/{SLUG}/"
    status, _, answer, _ = api("PATCH", members, read, b'{"title": "Renamed"}')
    assert status == 403 and "read" in answer["error"]
    expired = token(server, "write", days=0)
    status, headers, answer, _ = api("GET", f"{server.url}/api/projects/", expired)
    assert status == 401 and "Bearer" in headers["WWW-Authenticate"]


def test_every_answer_has_a_strict_policy_with_frame_ancestors(server: RunningServer) -> None:
    member = server.signed_in("analyst")
    anonymous = browser()
    pages = [(member, "/"), (member, f"/p/{SLUG}/"), (member, "/tokens/"),
             (member, f"/p/{SLUG}/compare/2011/2015/"), (anonymous, "/login/"),
             (member, "/p/no-such-project/"), (anonymous, "/api/")]  # fmt: skip
    for client, path in pages:
        request = urllib.request.Request(server.url + path)
        try:
            with client.open(request, timeout=WAIT) as answer:
                policy = answer.headers["Content-Security-Policy"] or ""
        except urllib.error.HTTPError as refused:
            policy = refused.headers["Content-Security-Policy"] or ""
        assert all(part in policy for part in STRICT), (path, policy)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, (path, policy)


def test_a_nul_in_a_title_is_refused_and_nothing_is_stored(server: RunningServer) -> None:
    owner = server.signed_in("analyst")
    project = f"{server.url}/p/{SLUG}/"
    fields = {"title": "Renamed\x00", "authors": "", "introduction": ""}
    status, page, _ = post_form(owner, project, project + "edit/", fields)
    assert status == 400 and "NUL" in page and "Traceback" not in page
    status, page, _ = get(owner, project)
    assert "International code of conduct" in page and "Renamed" not in page


def signed_in_as(client: urllib.request.OpenerDirector, server: RunningServer) -> str:
    """The account a browser is signed in as, from the projects page ("" if none)."""
    _, page = opened(client, server.url + "/")
    found = re.search(r'<span class="who">([^<]+)</span>', page)
    return found.group(1) if found else ""


def test_a_sign_in_link_signs_in_only_once_confirmed_and_never_switches_accounts(
    server: RunningServer,
) -> None:
    link = server.url + server.django(
        "from variorum.web import server\n"
        "print(server.login_path(server.local_user('other')))\n"
    ).strip().splitlines()[-1]  # fmt: skip
    visitor = browser()
    opened(visitor, link)  # a plain GET, as an image or a prefetch would
    assert signed_in_as(visitor, server) == ""
    analyst = server.signed_in("analyst")
    _, page = opened(analyst, link)  # another site's link, followed by a signed-in member
    assert "You are signed in as analyst" in page
    forged = urllib.request.Request(link, b"", {"Referer": "https://elsewhere.example/"})
    with pytest.raises(urllib.error.HTTPError) as refused:  # its form, posted without token
        analyst.open(forged, timeout=WAIT)
    assert refused.value.code == 403
    assert signed_in_as(analyst, server) == "analyst"
    follow_link(visitor, link)  # the link still works for the one who confirms it
    assert signed_in_as(visitor, server) == "other"


def test_a_nul_in_a_note_is_refused_and_nothing_is_stored(server: RunningServer) -> None:
    write = token(server, "write")
    container = f"{server.url}/api/projects/{SLUG}/versions/2015/annotations/"
    _, _, before, _ = api("GET", container, write)
    note = b'{"target": {"selector": {"type": "TextQuoteSelector", "exact": "Preamble"}},'
    status, _, answer, _ = api("POST", container, write, note + b' "bodyValue": "a\\u0000b"}')
    assert status == 400 and "NUL character" in answer["error"], answer
    _, _, after, _ = api("GET", container, write)
    assert after["total"] == before["total"]


def test_error_pages_are_the_apps_own_with_a_way_back(server: RunningServer) -> None:
    member = server.signed_in("analyst")
    status, page, _ = get(member, server.url + "/p/no-such-project/")
    assert status == 404 and "Variorum" in page and 'href="/"' in page
    status, page, _ = get(member, server.url + "/import/")  # a form's target, opened
    assert status == 405 and "Variorum" in page and 'href="/"' in page
    with browser().open(server.url + "/favicon.ico", timeout=WAIT) as answer:
        assert answer.status == 200 and answer.headers["Content-Type"].startswith("image/")
    status, page, _ = get(member, f"{server.url}/p/{SLUG}/compare/?old=1999&new=2015")
    assert status == 200 and re.search(r"There is no version .1999.", page.replace("&#x27;", "'"))
