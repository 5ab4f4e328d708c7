"""Who may do what: every page and every API method, called by an anonymous visitor,
a viewer, an editor, an owner and the owner of another project.

Only those the route's level allows succeed. The others get, on a page: the sign-in
page (anonymous), 404 (not a member), 403 (role too small); from the API: 401, 404,
403. The table ``ROWS`` (``permission_table.py``) must name every route of ``urls.py``
and every method of every API route: a new one without a row fails
``test_every_route_has_a_row``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.messages import ERROR, get_messages
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from permission_table import LEVELS, MAY, ROWS, WHO, Row, World

from variorum.web.models import ApiToken

pytestmark = pytest.mark.django_db


def call(world: World, row: Row, who: str, token: str = "") -> Any:
    """The row's request as ``who`` (with the API token ``token`` instead of the
    session, if given); whatever it changed is rolled back after."""
    client = Client(headers={"Authorization": f"Bearer {token}"} if token else {})
    if who != "anonymous" and not token:
        client.force_login(world.users[who])
    path = row.path.format(**world.values)
    headers = {name: value.format(**world.values) for name, value in row.headers.items()}
    data = row.data() if callable(row.data) else row.data
    with transaction.atomic():
        if row.api and data is not None and "file" not in data:
            response = client.generic(
                row.method, path, json.dumps(data), "application/json", headers=headers
            )
        elif row.method == "POST":
            response = client.post(path, data or {}, headers=headers)
        else:
            response = client.generic(row.method, path, headers=headers)
        transaction.set_rollback(True)
    return response


def outcome(row: Row, who: str, response: Any) -> str | None:
    """What is wrong with ``response`` for ``who``, or None if it is right."""
    status = response.status_code
    if who in MAY[row.level]:
        signed_out = response.get("Location", "").startswith("/login/") and row.level != "public"
        if status >= 400 or signed_out:
            return f"should succeed, got {status} {response.get('Location', '')}"
        refusals = [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]
        return f"should succeed, was refused: {refusals}" if refusals else None
    if who == "anonymous":
        if row.api:
            expected = 401
        elif status == 302 and response["Location"].startswith("/login/"):
            return None
        else:
            return f"should go to the sign-in page, got {status}"
    else:
        expected = 404 if who == "other" or row.level == "own" else 403
    return None if status == expected else f"should get {expected}, got {status}"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.name}")
def test_only_who_may_succeeds(world: World, row: Row) -> None:
    if row.prepare:
        row.prepare(world)
    wrong = {}
    for who in WHO:
        response = call(world, row, who)
        problem = outcome(row, who, response) or unprotected(response)
        if problem:
            wrong[who] = problem
    assert not wrong, f"{row.method} {row.path} ({row.level}): {wrong}"


def unprotected(response: Any) -> str | None:
    """What a strict Content-Security-Policy header lacks in ``response``, if anything."""
    policy = response.get("Content-Security-Policy", "")
    needed = ("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
    missing = [part for part in needed if part not in policy]
    if "unsafe-inline" in policy or "unsafe-eval" in policy or missing:
        return f"Content-Security-Policy {policy!r} is not strict (missing {missing})"
    return None


def routes() -> dict[str, Any]:
    """Every named route of the app, with its view."""
    found: dict[str, Any] = {}

    def walk(patterns: list[Any]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                assert entry.name, f"the route {entry.pattern} has no name"
                found[entry.name] = entry.callback

    walk(get_resolver().url_patterns)
    return found


def test_every_route_has_a_row() -> None:
    rows = {(row.name, row.method) for row in ROWS}
    for name, view in routes().items():
        assert any(row_name == name for row_name, _ in rows), f"no row for the route {name!r}"
        for method in getattr(view, "methods", ()):
            assert (name, method) in rows, f"no row for {method} {name!r}"
    unknown = {name for name, _ in rows} - set(routes())
    assert not unknown, f"rows name routes that do not exist: {unknown}"


def test_every_row_names_its_route(world: World) -> None:
    for row in ROWS:
        if row.prepare:
            row.prepare(world)
        path = row.path.format(**world.values).split("?")[0]
        assert resolve(path).url_name == row.name, row
        assert row.level in LEVELS


@pytest.mark.parametrize("scope", ["read", "write"])
def test_a_token_reaches_only_the_api_and_within_its_scope(world: World, scope: str) -> None:
    _, secret = ApiToken.issue(world.users["owner"], "script", scope)
    wrong = {}
    for row in ROWS:
        with transaction.atomic():  # what a row prepares (the trash) is undone after it
            if row.prepare:
                row.prepare(world)
            response = call(world, row, "owner", secret)
            transaction.set_rollback(True)
        allowed = row.api and (scope == "write" or row.method == "GET")
        if (response.status_code < 400) != allowed or (not allowed and response.status_code != 403):
            wrong[f"{row.method} {row.path}"] = response.status_code
    assert not wrong, f"a {scope} token: {wrong}"
