"""``variorum user``: an administrator adds a colleague and sends a one-time
sign-in link, which signs in once and only once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from variorum.cli import main
from variorum.cli.errors import run_safely

pytestmark = pytest.mark.django_db

SERVER = "https://variorum.example.org"


def variorum(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run_safely(main, list(args))
    out, err = capsys.readouterr()
    return status, out, err


def link_path(output: str) -> str:
    found = re.search(rf"{re.escape(SERVER)}(/login/once/\S+)", output)
    assert found, output
    return found.group(1)


def test_a_new_colleague_signs_in_with_the_printed_link_once(
    capsys: pytest.CaptureFixture[str], client: Client
) -> None:
    status, out, _ = variorum(capsys, "user", "add", "ana", "--email", "ana@example.org",
                              "--url", SERVER)  # fmt: skip
    assert status == 0
    assert "One-time sign-in link for ana" in out
    ana = get_user_model().objects.get(username="ana")
    assert ana.email == "ana@example.org" and not ana.has_usable_password()
    path = link_path(out)
    assert client.get(path).status_code == 200  # the page to confirm on
    assert client.post(path).status_code == 302
    assert client.get("/").wsgi_request.user == ana
    client.logout()
    again = client.post(path, follow=True)
    assert "already used" in again.content.decode()
    assert not again.wsgi_request.user.is_authenticated


def test_a_new_link_for_an_existing_account(
    capsys: pytest.CaptureFixture[str], client: Client, users: Any
) -> None:
    status, out, _ = variorum(capsys, "user", "link", "viewer", "--url", SERVER + "/")
    assert status == 0
    client.post(link_path(out))
    assert client.get("/").wsgi_request.user == users["viewer"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "owner"), "a user named 'owner' already exists"),
        (("add", "two words"), "user name 'two words': Enter a valid username"),
        (
            ("add", "bo", "--email", "not-an-address"),
            "e-mail address 'not-an-address': Enter a valid",
        ),
        (("link", "nobody-here"), "no user named 'nobody-here'"),
    ],
)
@pytest.mark.usefixtures("users")
def test_refusals_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    status, out, err = variorum(capsys, "user", *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err
    assert not get_user_model().objects.filter(username="bo").exists()
