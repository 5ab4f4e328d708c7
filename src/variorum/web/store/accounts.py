"""Accounts of a team server: an administrator adds colleagues by name and sends
each a one-time sign-in link (``variorum user add``), instead of choosing passwords
for them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from variorum.errors import UsageError


def add_user(username: str, email: str = "") -> Any:
    """A new account without a password (it signs in by link until one is set)."""
    users = get_user_model()
    username = username.strip()
    _valid(users.username_validator, "user name", username)
    if email:
        _valid(validate_email, "e-mail address", email)
    if users.objects.filter(username=username).exists():
        raise UsageError(f"a user named {username!r} already exists (send a link instead)")
    user = users(username=username, email=email)
    user.set_unusable_password()
    user.save()
    return user


def find_user(username: str) -> Any:
    """The account named ``username``; UsageError if there is none."""
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise UsageError(f"no user named {username!r} (add one with `variorum user add`)")
    if not user.is_active:
        raise UsageError(f"the account {username!r} is deactivated")
    return user


def _valid(validator: Any, what: str, value: str) -> None:
    try:
        validator(value)
    except ValidationError as error:
        raise UsageError(f"{what} {value!r}: {' '.join(error.messages)}") from None
