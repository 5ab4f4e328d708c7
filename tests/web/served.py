"""The real ``variorum serve`` or ``demo`` in a subprocess, and clients reaching it over
loopback HTTP, for the tests that run the server as a user does."""

from __future__ import annotations

import http.cookiejar
import json
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

VARIORUM = [sys.executable, "-m", "variorum"]
WAIT = 120.0
"""Seconds to wait for a line or a port before calling the server hung (not a
performance limit: a busy CI machine may take a while to import Django)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A running ``variorum serve`` or ``demo``, its output read line by line."""

    def __init__(self, args: list[str], environment: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [*VARIORUM, *args], env=environment, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.output = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")

    def wait_for(self, text: str) -> str:
        """The output up to the first line containing ``text``."""
        while text not in self.output:
            line = self.lines.get(timeout=WAIT)
            assert line, f"the server stopped before printing {text!r}:\n{self.output}"
            self.output += line
        return self.output

    def link(self) -> str:
        found = re.search(r"(http://\S+/login/once/\S+)", self.wait_for("Press Ctrl+C"))
        assert found, self.output
        return found.group(1)

    def wait_until_listening(self) -> None:
        """Return once the printed address accepts connections (the line is printed
        just before the server binds its port)."""
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", self.output)
        assert found, self.output
        port = int(found.group(1))
        deadline = time.monotonic() + WAIT
        while True:
            assert self.process.poll() is None, f"the server stopped:\n{self.output}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=WAIT).close()
                return
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def browser() -> urllib.request.OpenerDirector:
    """A client with its own cookies, following redirects."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),  # loopback: never through a proxy of the environment
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
    )


def opened(
    client: urllib.request.OpenerDirector, url: str, form: dict[str, str] | None = None
) -> tuple[str, str]:
    """The final address and the page after following redirects (posting ``form``)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    headers = {"Referer": url} if form is not None else {}  # as a browser sends it
    with client.open(urllib.request.Request(url, data, headers), timeout=WAIT) as response:
        return response.geturl(), response.read().decode()


def follow_link(client: urllib.request.OpenerDirector, link: str) -> tuple[str, str]:
    """Open a one-time sign-in link and press its page's button, as a person does:
    the final address and page."""
    address, page = opened(client, link)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:  # the link was refused: the page says why
        return address, page
    return opened(client, link, {"csrfmiddlewaretoken": token.group(1)})


def request(method: str, url: str, token: str, data: Any = None, **headers: str) -> Any:
    """One HTTP request on a connection of its own: (status, headers, JSON body)."""
    body = json.dumps(data).encode() if data is not None else None
    headers |= {"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json"}
    sent = urllib.request.Request(url, body, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(sent, timeout=WAIT) as answer:
            return answer.status, answer.headers, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, json.loads(refused.read())


def api_token(base: str, link: str) -> str:
    """Sign in with the demo's link and make a personal API token on the tokens page."""
    client = browser()
    follow_link(client, link)
    page = client.open(base + "/tokens/", timeout=WAIT).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf, page
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf.group(1), "name": "test", "scope": "write", "days": "30"}
    )
    made = client.open(base + "/tokens/", form.encode(), timeout=WAIT).read().decode()
    token = re.search(r"vt_[A-Za-z0-9_-]+", made)
    assert token, made
    return token.group(0)
