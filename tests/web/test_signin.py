"""Signing in with a password: rate-limited by django-axes, with a clear page when
an account is locked out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from variorum.web.models import UserSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("users")]

FAILURES_ALLOWED = 5


def sign_in(client: Client, password: str, username: str = "owner") -> Any:
    return client.post("/login/", {"username": username, "password": password})


def test_the_right_password_signs_in_after_a_few_typos(client: Client) -> None:
    for _ in range(FAILURES_ALLOWED - 1):
        assert sign_in(client, "typo").status_code == 200
    response = sign_in(client, "pw")
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "owner"


def test_after_five_failures_even_the_right_password_is_refused(client: Client) -> None:
    for _ in range(FAILURES_ALLOWED):
        sign_in(client, "guess")
    response = sign_in(client, "pw")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins for owner" in page
    assert "refused for 15 minutes" in page
    assert "Traceback" not in page
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_lockout_is_per_account(client: Client) -> None:
    for _ in range(FAILURES_ALLOWED):
        sign_in(client, "guess")
    assert sign_in(client, "pw", username="editor").status_code == 302


def test_a_session_signed_out_or_expired_signs_no_one_in(client: Client) -> None:
    # sessions are read with their user by SQL compiled once (web/session_store.py): the
    # same refusals
    def copy_of(signed_in: Client) -> Client:
        other = Client()
        other.cookies["sessionid"] = signed_in.cookies["sessionid"].value
        return other

    assert sign_in(client, "pw").status_code == 302
    copied = copy_of(client)
    assert copied.get("/").status_code == 200
    UserSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    refused = copied.get("/")
    assert refused.status_code == 302 and refused["Location"].startswith("/login/")

    assert sign_in(client, "pw").status_code == 302
    copied = copy_of(client)
    assert copied.get("/").status_code == 200
    client.post("/logout/")
    assert copied.get("/").status_code == 302


def test_a_deactivated_or_changed_account_is_signed_out(client: Client, users: Any) -> None:
    # the signed-in user is read by SQL compiled once (web/auth_backend.py): Django's
    # checks still apply to what it reads
    assert sign_in(client, "pw").status_code == 302 and client.get("/").status_code == 200
    users["owner"].set_password("another one")
    users["owner"].save()  # the session's hash no longer matches the password
    assert client.get("/").status_code == 302
    assert sign_in(client, "another one").status_code == 302
    assert client.get("/").status_code == 200
    type(users["owner"]).objects.filter(pk=users["owner"].pk).update(is_active=False)
    assert client.get("/").status_code == 302
