"""Sizes are checked before anything is read: a body larger than the server takes is
refused from its Content-Length before it is sent, an upload over its kind's limit is
refused without being read into memory, and notes and Markdown previews are bounded,
so no text makes the renderer work for seconds. Each refusal names the input and the
limit; nothing is stored. Against a real ``variorum demo``."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from availability import RunningServer, api, get, post_form, serve
from served import WAIT

from variorum.web import limits

CONTAINER = "/api/projects/icoc-2011-2015/versions/2015/annotations/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with serve(tmp_path_factory.mktemp("sizes")) as running:
        running.member("colleague", "editor")
        running.member("analyst", "owner")
        yield running


def declare(server: RunningServer, path: str, length: int) -> str:
    """Send only the headers of a POST declaring a body of ``length`` bytes; the
    status line of the answer that comes back without the body."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n".encode()
        )
        return connection.makefile("rb").readline().decode().strip()


def rss_kb(server: RunningServer) -> int:
    status = Path(f"/proc/{server.process.process.pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0])


@pytest.mark.parametrize("path", ["/p/icoc-2011-2015/versions/", "/api/markdown/", "/import/"])
def test_a_body_over_the_servers_limit_is_refused_before_it_is_sent(
    server: RunningServer, path: str
) -> None:
    assert declare(server, path, 200 * limits.MB).startswith("HTTP/1.1 413")


def test_a_version_over_its_limit_is_refused_without_reading_it_into_memory(
    server: RunningServer,
) -> None:
    analyst = server.signed_in("analyst")
    project = f"{server.url}/p/icoc-2011-2015/"
    before = rss_kb(server)
    big = b"word " * (limits.VERSION_FILE_BYTES // 5 + 10)
    status, page, _ = post_form(analyst, project, project + "versions/", {"label": "big"},
                                {"file": ("big.txt", big)})  # fmt: skip
    assert status == 400  # the project page again, with the message and the typed label
    assert f"big.txt: {len(big):,} bytes, over the limit of 50 MB" in page
    assert 'value="big"' in page
    grown = rss_kb(server) - before
    assert grown < 25_000, f"the server grew by {grown:,} kB: the upload was read into memory"
    assert ">big<" not in page  # no such version


def test_a_json_body_over_its_limit_is_refused_unread(server: RunningServer) -> None:
    token = server.token("colleague")
    body = json.dumps({"title": "x" * (2 * limits.MB)}).encode()
    status, _, answer, _ = api("POST", server.url + "/api/projects/", token, body)
    assert status == 413
    assert answer["error"] == (
        f"the request is {len(body):,} bytes, over the limit of 1 MB for a form or JSON"
        " body; nothing was read or stored"
    )


def test_a_form_over_its_limit_gets_a_page_saying_so(server: RunningServer) -> None:
    owner = server.signed_in("analyst")
    project = f"{server.url}/p/icoc-2011-2015/"
    long = {"title": "Renamed", "authors": "", "introduction": "x" * (2 * limits.MB)}
    status, page, _ = post_form(owner, project, project + "edit/", long)
    assert status == 413 and "Too large" in page and "over the limit of 1 MB" in page
    assert "Renamed" not in get(owner, project)[1]


def test_the_markdown_preview_of_the_issues_text_is_refused_at_once(
    server: RunningServer,
) -> None:
    token = server.token("colleague")
    body = json.dumps({"text": "[a](" * 400_000}).encode()  # 1.6 MB
    status, _, answer, _ = api("POST", server.url + "/api/markdown/", token, body)
    assert status == 413 and "over the limit of 1 MB" in answer["error"]
    longest = json.dumps({"text": "[a](" * (limits.NOTE_CHARACTERS // 4 + 1)}).encode()
    status, _, answer, _ = api("POST", server.url + "/api/markdown/", token, longest)
    assert status == 400
    assert answer["error"] == "the text is 20,004 characters, over the limit of 20,000"


def test_the_costliest_preview_allowed_is_rendered_quickly(server: RunningServer) -> None:
    token = server.token("colleague")
    began = time.monotonic()
    body = json.dumps({"text": "[" * limits.NOTE_CHARACTERS}).encode()
    status, _, answer, _ = api("POST", server.url + "/api/markdown/", token, body)
    assert status == 200 and answer["html"].startswith("<p>[[[")
    assert time.monotonic() - began < WAIT / 4  # the issue's text took 14.6 s; this ~0.2


@pytest.mark.parametrize("length", [limits.NOTE_CHARACTERS + 1, 800_000])
def test_a_note_over_its_limit_is_refused_and_nothing_stored(
    server: RunningServer, length: int
) -> None:
    token = server.token("colleague")
    note = {
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Sixty-ninth session"}},
        "bodyValue": "x" * length,
    }
    status, _, answer, _ = api("POST", server.url + CONTAINER, token, json.dumps(note).encode())
    assert status == 400
    assert f"is {length:,} characters, over the limit of 20,000" in answer["error"]
    _, _, listed, _ = api("GET", server.url + CONTAINER, token)
    assert all(len(item["body"][0]["value"]) < length for item in listed["first"]["items"])
