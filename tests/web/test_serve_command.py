"""``variorum serve`` and ``variorum demo`` as a user runs them: the real command in a
subprocess, reached over loopback HTTP, stopped afterwards.

On the PostgreSQL run of the suite each server gets a fresh database of its own on
that server; otherwise SQLite in its data folder, as on an analyst's machine.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fresh_database import fresh_database_environment
from served import VARIORUM, WAIT, Server, browser, follow_link, free_port, opened


@pytest.fixture
def start() -> Iterator[Callable[..., Server]]:
    """``start(*args)``: run ``variorum ARGS`` and wait until it listens; stopped after
    the test."""
    servers: list[Server] = []

    def run(*args: str, environment: dict[str, str] | None = None) -> Server:
        server = Server(list(args), environment or fresh_database_environment())
        servers.append(server)
        server.wait_for("Press Ctrl+C")
        server.wait_until_listening()
        return server

    yield run
    for server in servers:
        server.stop()


def test_serve_migrates_an_empty_folder_and_listens_on_the_port(
    start: Callable[..., Server], tmp_path: Path
) -> None:
    port = free_port()
    data = tmp_path / "new-folder"
    server = start("serve", "--no-browser", "--port", str(port), "--data-dir", str(data))
    assert f"serving on http://127.0.0.1:{port}/ (data: {data})" in server.output
    assert (data / "secret-key").exists()
    address, page = follow_link(browser(), server.link())
    assert address == f"http://127.0.0.1:{port}/"
    assert "Sign out" in page  # signed in: the accounts table exists, migrations ran


def test_the_data_folder_comes_from_the_environment(
    start: Callable[..., Server], tmp_path: Path
) -> None:
    environment = {**fresh_database_environment(), "VARIORUM_DATA_DIR": str(tmp_path)}
    port = str(free_port())
    server = start("serve", "--no-browser", "--port", port, environment=environment)
    assert f"(data: {tmp_path})" in server.output
    assert (tmp_path / "secret-key").exists()


def test_the_demo_link_signs_in_once_and_not_twice(
    start: Callable[..., Server], tmp_path: Path
) -> None:
    port = free_port()
    server = start("demo", "--no-browser", "--port", str(port), "--data-dir", str(tmp_path))
    link = server.link()
    client = browser()
    address, page = opened(client, link)
    assert address == link and "Sign in as" in page  # a page to confirm on, not signed in yet
    assert "Sign out" not in opened(client, f"http://127.0.0.1:{port}/")[1]
    address, page = follow_link(client, link)
    assert address == f"http://127.0.0.1:{port}/p/icoc-2011-2015/"
    assert "2011 → 2015" in page
    address, page = follow_link(browser(), link)
    assert address.startswith(f"http://127.0.0.1:{port}/login/")
    assert "already used or has expired" in page


def test_a_busy_port_gives_one_line_and_exit_status_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for command in ("serve", "demo"):
            done = subprocess.run(
                [*VARIORUM, command, "--no-browser", "--port", port, "--data-dir", str(tmp_path)],
                capture_output=True, text=True, timeout=WAIT, check=False,
            )  # fmt: skip
            assert done.returncode == 2
            assert done.stdout == ""
            assert done.stderr == (
                f"variorum: error: cannot listen on 127.0.0.1:{port}: Address already in use"
                " (choose another with --port)\n"
            )


def test_too_few_threads_for_the_waiting_requests_give_one_line_and_exit_status_2(
    tmp_path: Path,
) -> None:
    environment = {**fresh_database_environment(), "VARIORUM_WAITING_REQUESTS": "4"}
    done = subprocess.run(
        [*VARIORUM, "serve", "--no-browser", "--port", str(free_port()), "--threads", "4",
         "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=WAIT, check=False, env=environment,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "variorum: error: --threads 4 leaves no thread for other pages while 4 requests"
        " wait for workers (VARIORUM_WAITING_REQUESTS): use more than 4\n"
    )
