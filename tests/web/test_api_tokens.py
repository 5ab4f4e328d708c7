"""Least privilege for personal API tokens: they work only under /api/, within their
scope, until they expire; they never reach the pages that make tokens, set a password
or invite members."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from clients import as_user
from django.test import Client

from variorum.web.models import ApiToken, Membership, ProjectRecord

pytestmark = pytest.mark.django_db

NEW = "a long new passphrase 42"


def script(secret: str) -> Client:
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})


def test_a_token_cannot_make_tokens_set_a_password_or_invite_members(
    project: ProjectRecord, users: Any
) -> None:
    _, secret = ApiToken.issue(users["owner"], "script")
    client = script(secret)
    attempts = [
        client.post("/tokens/", {"name": "minted", "scope": "write", "days": "365"}),
        client.post("/password/", {"new_password1": NEW, "new_password2": NEW}),
        client.post(f"/p/{project.slug}/members/", {"username": "stranger", "role": "owner"}),
        client.post("/", {"title": "Made by a token"}),
        client.get("/tokens/"),
    ]
    for response in attempts:
        assert response.status_code == 403
        assert response.json()["error"].startswith("an API token is accepted only under /api/")
    assert ApiToken.objects.count() == 1
    users["owner"].refresh_from_db()
    assert users["owner"].check_password("pw")
    assert not Membership.objects.filter(user=users["stranger"]).exists()
    assert ProjectRecord.objects.count() == 1


def test_a_read_token_reads_and_may_not_write(project: ProjectRecord, users: Any) -> None:
    _, secret = ApiToken.issue(users["editor"], "reader", scope="read")
    client = script(secret)
    address = f"/api/projects/{project.slug}/"
    assert client.get(address).status_code == 200
    assert client.options(address).status_code == 200
    refused = client.patch(address, {"title": "Renamed"}, "application/json")
    assert refused.status_code == 403
    assert "its scope is read" in refused.json()["error"]
    assert ProjectRecord.objects.get().title == "Code of conduct"


def test_an_expired_token_is_refused(users: Any) -> None:
    token, secret = ApiToken.issue(users["editor"], "old", days=7)
    ApiToken.objects.filter(pk=token.pk).update(expires=token.expires - timedelta(days=8))
    response = script(secret).get("/api/projects/")
    assert response.status_code == 401
    assert "expired on" in response.json()["error"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_tokens_page_makes_a_token_with_a_scope_and_a_lifetime(users: Any) -> None:
    page = as_user(users["viewer"])
    form = page.get("/tokens/").content.decode()
    assert '<option value="read">' in form and 'value="90" selected' in form
    made = page.post("/tokens/", {"name": "nightly", "scope": "read", "days": "30"})
    assert made.status_code == 200
    token = ApiToken.objects.get()
    assert token.scope == "read"
    assert timedelta(days=29) < token.expires - token.created <= timedelta(days=30)
    shown = made.content.decode()
    assert "vt_" in shown and token.expires.strftime("%Y-%m-%d") in shown


NOT_OFFERED = [
    {"scope": "admin", "days": "30"}, {"scope": "read", "days": "9999"}, {"scope": "read"}
]


@pytest.mark.parametrize("form", NOT_OFFERED)
def test_a_scope_or_lifetime_not_offered_is_refused(users: Any, form: dict[str, str]) -> None:
    response = as_user(users["viewer"]).post("/tokens/", {"name": "x", **form}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Choose a scope and a lifetime from the lists."
    ]
    assert not ApiToken.objects.exists()
