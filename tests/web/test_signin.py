"""Signing in with a password: rate-limited by django-axes, with a clear page when
an account is locked out."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

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
