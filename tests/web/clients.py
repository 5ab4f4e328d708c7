"""A Django test client signed in as a user, for the web app's tests."""

from __future__ import annotations

import time
from typing import Any

from django.test import Client


def as_user(user: Any) -> Client:
    """A test client with ``user`` signed in (no password form)."""
    client = Client()
    client.force_login(user)
    return client


def imported(client: Client, upload: Any) -> Any:
    """Post ``upload`` (a project folder's ZIP) to the import form and follow the
    import's progress page, as its refresh does, until the import ends: the page it
    ends on (the new project, or the projects page saying why)."""
    started = client.post("/import/", {"folder": upload})
    assert started.status_code == 302, started
    deadline = time.monotonic() + IMPORT_WAIT
    while True:
        response = client.get(started["Location"], follow=True)
        if response.status_code != 202:
            return response
        assert time.monotonic() < deadline, "the import never ended"
        time.sleep(0.2)


IMPORT_WAIT = 300.0
"""Seconds to wait for an import before calling it hung (not a performance limit)."""
