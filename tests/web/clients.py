"""A Django test client signed in as a user, for the web app's tests."""

from __future__ import annotations

from typing import Any

from django.test import Client


def as_user(user: Any) -> Client:
    """A test client with ``user`` signed in (no password form)."""
    client = Client()
    client.force_login(user)
    return client
