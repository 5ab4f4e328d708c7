"""Setting and changing one's password in the app; signing in with a wrong one costs
the same for every account, so its speed tells no one which accounts exist."""

from __future__ import annotations

from typing import Any

import pytest
from clients import as_user
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

pytestmark = pytest.mark.django_db

NEW = "a long new passphrase 42"


def signs_in(username: str, password: str) -> bool:
    """Whether the sign-in form accepts these credentials."""
    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302


def test_an_account_made_by_a_link_sets_a_password_and_signs_in_with_it(
    django_user_model: Any,
) -> None:
    user = django_user_model.objects.create_user("ana")  # no usable password, as `user add`
    response = as_user(user).post("/password/", {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert signs_in("ana", NEW)


def test_changing_a_password_asks_for_the_current_one(users: Any) -> None:
    client = as_user(users["editor"])
    wrong = client.post(
        "/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW}
    )
    assert wrong.status_code == 200 and "incorrect" in wrong.content.decode()
    right = client.post(
        "/password/", {"old_password": "pw", "new_password1": NEW, "new_password2": NEW}
    )
    assert right.status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    assert signs_in("editor", NEW) and not signs_in("editor", "pw")


class CountingHasher(PBKDF2PasswordHasher):
    """Django's default hasher, counting the hashes it computes (to see the cost of a
    refusal without timing it)."""

    runs = 0

    def encode(self, password: str, salt: str, iterations: int | None = None) -> str:
        CountingHasher.runs += 1
        return super().encode(password, salt, iterations)


def test_every_refused_password_costs_one_hash_whoever_is_named(
    django_user_model: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["test_password.CountingHasher"]
    django_user_model.objects.create_user("with-password", password="pw")
    django_user_model.objects.create_user("by-link")  # no usable password, as `user add`
    django_user_model.objects.create_user("gone", password="pw", is_active=False)
    for name in ("nobody-here", "by-link", "with-password", "gone"):
        CountingHasher.runs = 0
        assert not signs_in(name, "a wrong guess")
        assert CountingHasher.runs == 1, name  # no account is told apart by its speed
