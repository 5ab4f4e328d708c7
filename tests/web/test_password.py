"""Setting and changing one's password in the app."""

from __future__ import annotations

from typing import Any

import pytest
from clients import as_user
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
