"""A one-time sign-in link asks before it signs in: opening it (a GET, which another
site can cause) changes nothing; only its page's form, posted with the CSRF token,
signs in and uses the link up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from clients import as_user
from django.test import Client

from variorum.web.models import LoginLink

pytestmark = pytest.mark.django_db


def link(user: Any, then: str = "/") -> str:
    return f"/login/once/{LoginLink.issue(user, timedelta(minutes=5))}/?next={then}"


def test_opening_a_link_signs_in_no_one_until_the_page_is_confirmed(users: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    address = link(users["viewer"], "/tokens/")
    page = browser.get(address)
    assert page.status_code == 200 and "Sign in as viewer" in page.content.decode()
    assert page["Cache-Control"] == "no-store" and page["Referrer-Policy"] == "no-referrer"
    assert not browser.get("/").wsgi_request.user.is_authenticated
    token = page.context["csrf_token"]
    done = browser.post(address, {"csrfmiddlewaretoken": str(token)})
    assert done.status_code == 302 and done["Location"] == "/tokens/"
    assert browser.get("/").wsgi_request.user == users["viewer"]
    assert not LoginLink.objects.exists()


def test_another_site_cannot_switch_a_signed_in_browser_to_its_account(users: Any) -> None:
    victim = as_user(users["editor"])
    victim.handler.enforce_csrf_checks = True
    address = link(users["stranger"])
    shown = victim.get(address).content.decode()  # an <img> or a link on another page
    assert "You are signed in as editor" in shown
    forged = victim.post(address)  # a form on another site: no CSRF token
    assert forged.status_code == 403
    assert victim.get("/").wsgi_request.user == users["editor"]
    assert LoginLink.objects.count() == 1


@pytest.mark.parametrize("then", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_a_link_never_sends_the_browser_to_another_site(users: Any, then: str) -> None:
    done = Client().post(link(users["viewer"], then))
    assert done.status_code == 302 and done["Location"] == "/"


def test_a_used_or_unknown_link_says_so(users: Any) -> None:
    address = link(users["viewer"])
    Client().post(address)
    for used in (address, "/login/once/nonsense/"):
        for method in ("get", "post"):
            page = getattr(Client(), method)(used, follow=True)
            assert "already used or has expired" in page.content.decode()
            assert not page.wsgi_request.user.is_authenticated
