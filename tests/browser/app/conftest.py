"""The web app in Debian's Chromium, against a real server process.

The server is ``variorum serve`` run as a subprocess on a free port with its own data
folder (and on the PostgreSQL run a fresh database of its own): the command analysts
run, with waitress, migrations, static files through WhiteNoise, rather than
pytest-django's ``live_server`` thread, which would share the test process and its
test database. Accounts are made with ``variorum manage shell``, as an administrator
would. Browser, launch flags and screenshots come from ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# the server gets a fresh database as tests/web's servers do (on the PostgreSQL run,
# never the database the suite shares): their helper module, imported by name
sys.path.insert(0, str(Path(__file__).parents[2] / "web"))

from app_steps import DEMO, DESKTOP, PASSWORD, Server, sign_in
from fresh_database import fresh_database_environment
from playwright.sync_api import Browser, Page

ACCOUNTS = {"ann": "owner", "ed": "editor", "vic": "viewer"}
"""The demo project's members made for the tests, by role."""
STARTUP_SECONDS = 90
"""How long the server may take to migrate and start listening."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server stopped: {process.communicate()[0]}"
        try:
            with urllib.request.urlopen(url + "login/") as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``variorum serve`` with the demo project, its owner ann, editor ed, viewer vic."""
    data_dir = tmp_path_factory.mktemp("app-data")
    port = _free_port()
    environment = {**fresh_database_environment(), "VARIORUM_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "variorum", "serve", "--no-browser", "--port", str(port),
         "--data-dir", str(data_dir)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    running = Server(f"http://127.0.0.1:{port}/", data_dir, environment)
    try:
        _wait_until_up(running.url, process)
        running.django(
            "from django.contrib.auth import get_user_model\n"
            "from variorum.web import server\n"
            "from variorum.web.models import ProjectRecord\n"
            "from variorum.web.store.projects import set_member\n"
            "users = get_user_model()\n"
            f"for name in {list(ACCOUNTS)!r}:\n"
            f"    users.objects.create_user(name, password={PASSWORD!r})\n"
            "server.load_demo(users.objects.get(username='ann'))\n"
            f"project = ProjectRecord.objects.get(slug={DEMO!r})\n"
            f"for name, role in {ACCOUNTS!r}.items():\n"
            "    set_member(project, name, role) if role != 'owner' else None\n"
        )
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def app_page(browser: Browser, server: Server) -> Iterator[Callable[..., Page]]:
    """``app_page(user, viewport=DESKTOP, **context_options)``: a fresh browser signed
    in as ``user`` with the password form; the test fails on any script error, any
    dialog (``alert`` from a payload) or any request to another origin."""
    contexts = []
    problems: list[str] = []

    def open_(user: str, viewport: dict[str, int] | None = None, **options: Any) -> Page:
        context = browser.new_context(
            viewport=viewport or DESKTOP, reduced_motion="reduce", accept_downloads=True,
            **options,
        )  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                          dialog.dismiss()))  # fmt: skip
        page.on(
            "console",
            lambda m: (
                problems.append(f"console: {m.text}")
                if m.type == "error"
                and "favicon" not in m.location.get("url", "")
                and "status of 4" not in m.text  # an API refusal a test provokes on purpose
                and "status of 503" not in m.text  # a busy database a test provokes
                and "net::ERR_FAILED" not in m.text  # a network failure a test provokes
                else None
            ),
        )
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((server.url, "file:", "data:"))
                else problems.append(f"request: {r.url}")
            ),
        )
        sign_in(page, server.url, user)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems, problems
