"""A real ``variorum serve`` for the availability tests: started with chosen limits,
with accounts, a slow pair of versions, and clients signed in as different people."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

from fresh_database import fresh_database_environment
from served import WAIT, Server, browser, follow_link, free_port

from variorum.examples.projects import write_example_project

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
        follow_link(client, self.url + path)
        return client

    def token(self, name: str) -> str:
        """A personal API token of the account ``name`` (made if new)."""
        return self.django(
            "from variorum.web import server\n"
            "from variorum.web.models import ApiToken\n"
            f"print(ApiToken.issue(server.local_user({name!r}), 'test')[1])\n"
        ).strip().splitlines()[-1]  # fmt: skip

    def member(self, name: str, role: str, slug: str = "icoc-2011-2015") -> None:
        """Make the account ``name`` a member of the project ``slug`` with ``role``."""
        self.django(
            "from variorum.web import server\n"
            "from variorum.web.models import ProjectRecord\n"
            "from variorum.web.store.projects import set_member\n"
            f"server.local_user({name!r})\n"
            f"set_member(ProjectRecord.objects.get(slug={slug!r}), {name!r}, {role!r})\n"
        )


@contextmanager
def serve(
    tmp_path: Path, threads: int = 8, environment: dict[str, str] | None = None, **settings: str
) -> Iterator[RunningServer]:
    """``variorum demo`` serving ``threads`` requests at once, with the environment
    variables ``settings`` (such as ``VARIORUM_COMPARE_SECONDS="5"``), stopped afterwards;
    on a fresh database, or on that of ``environment`` (a server's, to start it again)."""
    port = free_port()
    environment = {**(environment or fresh_database_environment()), **settings,
                   "VARIORUM_DATA_DIR": str(tmp_path)}  # fmt: skip
    arguments = ["demo", "--no-browser", "--port", str(port), "--threads", str(threads)]
    process = Server(arguments, environment)
    try:
        process.link()
        process.wait_until_listening()
        yield RunningServer(f"http://127.0.0.1:{port}", environment, process)
    finally:
        process.stop()


def add_slow_pair(server: RunningServer, folder: Path, size: int) -> str:
    """A project ``slow-pair`` of the account ``analyst`` with two dissimilar versions
    ``a`` (``size`` characters) and ``b`` (twice as long); its redline's address."""
    old, new = folder / "a.txt", folder / "b.txt"
    old.write_text(dissimilar_text(1, size))
    new.write_text(dissimilar_text(2, 2 * size))
    server.django(
        "from pathlib import Path\n"
        "from variorum.web import server\n"
        "from variorum.web.store.projects import add_version, create_project\n"
        "made = create_project(server.local_user('analyst'), 'Slow pair')\n"
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


def post_form(
    client: urllib.request.OpenerDirector, page: str, url: str, fields: dict[str, str],
    files: dict[str, tuple[str, bytes]] | None = None,
) -> tuple[int, str, float]:  # fmt: skip
    """Post a form of ``page`` (whose CSRF token is sent along) to ``url``, as
    multipart/form-data: (status, page, seconds taken)."""
    _, shown, _ = get(client, page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown)
    assert token, shown[:500]
    boundary = f"----variorum{random.getrandbits(64):x}"
    parts = [_part(boundary, name, value.encode()) for name, value in
             {**fields, "csrfmiddlewaretoken": token.group(1)}.items()]  # fmt: skip
    parts += [_part(boundary, name, data, filename) for name, (filename, data) in
              (files or {}).items()]  # fmt: skip
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": page,
    })  # fmt: skip
    began = time.monotonic()
    try:
        with client.open(request, timeout=WAIT * 5) as answer:
            return answer.status, answer.read().decode(), time.monotonic() - began
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode(), time.monotonic() - began


def _part(boundary: str, name: str, data: bytes, filename: str = "") -> bytes:
    named = f'name="{name}"' + (f'; filename="{filename}"' if filename else "")
    kind = "Content-Type: application/octet-stream\r\n" if filename else ""
    head = f"--{boundary}\r\nContent-Disposition: form-data; {named}\r\n{kind}\r\n"
    return head.encode() + data + b"\r\n"


def imported(
    client: urllib.request.OpenerDirector, base: str, name: str, data: bytes
) -> tuple[int, str, int]:
    """Upload ``data`` as the project folder's ZIP ``name`` from the projects page and
    follow the import's progress page (its "Check now" link, as its refresh does)
    until the import ends: the status and page it ends on, and how many progress
    pages were shown before."""
    status, page, _ = post_form(client, base + "/", base + "/import/", {},
                                {"folder": (name, data)})  # fmt: skip
    shown, deadline = 0, time.monotonic() + WAIT * 5
    while status == 202:
        assert time.monotonic() < deadline, "the import never ended"
        shown += 1
        check = re.search(r'href="(/import/[0-9a-f-]+/)">Check now', page)
        assert check, page
        time.sleep(0.5)
        status, page, _ = get(client, base + check.group(1))
    return status, page, shown


def api(
    method: str, url: str, token: str, body: bytes | None = None, **headers: str
) -> tuple[int, Message, Any, float]:
    """One API request with a token: (status, headers, JSON answer, seconds taken)."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json",
               **headers}  # fmt: skip
    request = urllib.request.Request(url, body, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    began = time.monotonic()
    try:
        with opener.open(request, timeout=WAIT) as answer:
            status, got, data = answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as refused:
        status, got, data = refused.code, refused.headers, refused.read()
    return status, got, json.loads(data) if data else None, time.monotonic() - began


def until_compared(url: str, token: str) -> tuple[int, Any]:
    """Ask the API for the comparison at ``url`` again while it answers 202, waiting
    as its ``Retry-After`` says; the first other (status, JSON answer)."""
    deadline = time.monotonic() + WAIT * 5
    while True:
        status, headers, answer, _ = api("GET", url, token)
        if status != 202:
            return status, answer
        assert time.monotonic() < deadline, "the comparison was never made"
        time.sleep(int(headers["Retry-After"]))


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


def example_zip(folder: Path, annotations: int) -> bytes:
    """A ZIP of the built-in example's project folder whose annotations.jsonld holds
    ``annotations`` notes (copies of the example's, each with an id of its own)."""
    project = write_example_project("icoc", folder / "icoc")
    path = project.folder / "annotations.jsonld"
    collection = json.loads(path.read_text())
    examples = collection["first"]["items"]
    collection["first"]["items"] = [
        examples[number % len(examples)] | {"id": f"urn:uuid:{uuid.UUID(int=number + 1)}"}
        for number in range(annotations)
    ]
    collection["total"] = annotations
    path.write_text(json.dumps(collection))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(project.folder.iterdir()):
            archive.write(file, f"icoc/{file.name}")
    return buffer.getvalue()
