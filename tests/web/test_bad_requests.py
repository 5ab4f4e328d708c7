"""Bad input gets one clear message, never a traceback: a token to revoke that is
not a number, and a database URL of an unknown kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from variorum.web.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("revoke", ["abc", "1.5", "-1", "9" * 30])
def test_revoking_a_token_that_is_not_a_number_is_refused(users: Any, revoke: str) -> None:
    ApiToken.issue(users["owner"], "script")
    client = Client()
    client.force_login(users["owner"])
    response = client.post("/tokens/", {"revoke": revoke}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["There is no such token."]
    assert ApiToken.objects.count() == 1


def test_an_unknown_database_url_is_one_line(tmp_path: Path) -> None:
    environment = {**os.environ, "VARIORUM_DATA_DIR": str(tmp_path)}
    environment["VARIORUM_DATABASE_URL"] = "foo://user@host/name"
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    ran = subprocess.run(
        [sys.executable, "-m", "variorum", "manage", "check"],
        env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1 and "Traceback" not in ran.stderr
    assert "VARIORUM_DATABASE_URL" in ran.stderr and "'foo'" in ran.stderr
    assert "internal error" not in ran.stderr
