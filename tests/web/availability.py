"""A real ``variorum serve`` for the availability tests: started with chosen limits,
with accounts, a slow pair of versions, and clients signed in as different people."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from test_serve_command import WAIT, Server, browser, free_port, fresh_database_environment

VARIORUM = [sys.executable, "-m", "variorum"]


def dissimilar_text(seed: int, size: int) -> str:
    """``size`` characters of short paragraphs drawn from 30 words: two such texts
    share every word and no paragraph, the costly case of the block alignment."""
    draw = random.Random(seed)
    words = [f"word{number}" for number in range(30)]
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(draw.choice(words) for _ in range(draw.randint(5, 15))) + ".\n\n"
        paragraphs.append(paragraph)
        length += len(paragraph)
    return "".join(paragraphs)


@dataclass
class RunningServer:
    """A running server, its address and the environment its commands need."""

    url: str
    environment: dict[str, str]
    process: Server

    def django(self, code: str) -> str:
        """Run ``code`` in ``variorum manage shell`` on this server's database."""
        done = subprocess.run(
            [*VARIORUM, "manage", "shell", "-c", code], env=self.environment,
            capture_output=True, text=True, timeout=WAIT * 3, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def signed_in(self, name: str) -> urllib.request.OpenerDirector:
        """A client with its own cookies, signed in as the account ``name`` (made if new)
        through a one-time link, as an administrator's ``variorum user link`` gives."""
        path = self.django(
            "from variorum.web import server\n"
            f"print(server.login_path(server.local_user({name!r})))\n"
        ).strip().splitlines()[-1]  # fmt: skip
        client = browser()
        client.open(self.url + path, timeout=WAIT).read()
        return client


@contextmanager
def serve(tmp_path: Path, **settings: str) -> Iterator[RunningServer]:
    """``variorum demo`` with the environment variables ``settings`` (such as
    ``VARIORUM_COMPARE_SECONDS="5"``), stopped afterwards."""
    port = free_port()
    environment = {**fresh_database_environment(), **settings,
                   "VARIORUM_DATA_DIR": str(tmp_path)}  # fmt: skip
    process = Server(["demo", "--no-browser", "--port", str(port)], environment)
    try:
        process.link()
        process.wait_until_listening()
        yield RunningServer(f"http://127.0.0.1:{port}", environment, process)
    finally:
        process.stop()


def add_slow_pair(server: RunningServer, folder: Path, size: int) -> str:
    """A project ``slow`` of the demo's owner with two dissimilar versions ``a`` (``size``
    characters) and ``b`` (twice as long); its redline's address."""
    old, new = folder / "a.txt", folder / "b.txt"
    old.write_text(dissimilar_text(1, size))
    new.write_text(dissimilar_text(2, 2 * size))
    server.django(
        "from pathlib import Path\n"
        "from variorum.web import server\n"
        "from variorum.web.store.projects import add_version, create_project\n"
        "made = create_project(server.local_user(), 'Slow pair')\n"
        f"add_version(made, Path({str(old)!r}).read_bytes(), 'a.txt', 'a')\n"
        f"add_version(made, Path({str(new)!r}).read_bytes(), 'b.txt', 'b')\n"
        "print(made.slug)\n"
    )
    return f"{server.url}/p/slow-pair/compare/a/b/"


def get(client: urllib.request.OpenerDirector, url: str) -> tuple[int, str, float]:
    """(status, page, seconds taken) of one GET."""
    began = time.monotonic()
    try:
        with client.open(url, timeout=WAIT) as answer:
            return answer.status, answer.read().decode(), time.monotonic() - began
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode(), time.monotonic() - began


def until_made(client: urllib.request.OpenerDirector, url: str) -> tuple[int, str]:
    """Ask for ``url`` again while it answers 202 (the progress page), as the page's
    own refresh does; the first other answer."""
    deadline = time.monotonic() + WAIT * 5
    while True:
        status, page, _ = get(client, url)
        if status != 202:
            return status, page
        assert time.monotonic() < deadline, "the redline was never made"
        refresh = re.search(r'http-equiv="refresh" content="(\d+)"', page)
        assert refresh, page
        time.sleep(int(refresh.group(1)))
