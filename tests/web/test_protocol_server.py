"""The W3C Web Annotation Protocol against a real ``variorum serve``: the checks of
the web-platform-tests' ``annotation-protocol`` server suite that Variorum meets
(headers, representations, preferences, conditional requests, errors), the client's
``via`` kept through export and import, and the optional CORS for reading
containers from other sites. Where Variorum differs on purpose (``If-Match``
required, 428; ids outside the container; targets only passages of the project's
versions), the API description says so and these checks follow Variorum."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from availability import RunningServer, api, imported, serve
from fresh_database import fresh_database_environment

SLUG = "icoc-2011-2015"
READER = "https://reader.example"
"""The one other site allowed to read containers (``VARIORUM_CORS_ORIGINS``)."""
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
LDP = "http://www.w3.org/ns/ldp#"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The demo, with the account ``analyst`` its owner."""
    with serve(tmp_path_factory.mktemp("protocol"), VARIORUM_CORS_ORIGINS=READER) as running:
        running.member("analyst", "owner")
        yield running


@pytest.fixture(scope="module")
def token(server: RunningServer) -> str:
    return server.token("analyst")


def container(server: RunningServer, label: str = "2011", slug: str = SLUG) -> str:
    return f"{server.url}/api/projects/{slug}/versions/{label}/annotations/"


def note(**extra: Any) -> bytes:
    """An annotation on 11 characters of version 2011."""
    return json.dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "body": {"type": "TextualBody", "value": "A note.", "format": "text/markdown"},
        "target": {"source": "2011",
                   "selector": {"type": "TextPositionSelector", "start": 40, "end": 51}},
        **extra,
    }).encode()  # fmt: skip


def preflight(address: str, method: str) -> tuple[int, Message]:
    """A browser's CORS preflight from ``READER`` for ``method`` (it sends no token)."""
    request = urllib.request.Request(address, method="OPTIONS", headers={
        "Origin": READER, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, if-none-match",
    })  # fmt: skip
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers


def links(headers: Message) -> set[str]:
    """The ``<iri>; rel=...`` pairs of the Link header, as ``iri rel``."""
    return {f"{iri} {rel}" for iri, rel in
            re.findall(r'<([^>]+)>;\s*rel="([^"]+)"', headers.get("Link", ""))}  # fmt: skip


def test_a_container_answers_as_the_protocol_says(server: RunningServer, token: str) -> None:
    status, headers, body, _ = api("GET", container(server), token, Accept=JSON_LD)
    assert status == 200 and headers["Content-Type"] == JSON_LD
    assert {f"{LDP}BasicContainer type", f"{LDP}Resource type"} <= links(headers)
    assert any(link.endswith(" http://www.w3.org/ns/ldp#constrainedBy") for link in links(headers))
    assert set(headers["Allow"].split(", ")) >= {"GET", "HEAD", "OPTIONS", "POST"}
    assert headers["Accept-Post"] == JSON_LD and "Accept" in headers["Vary"]
    assert headers["ETag"] and headers["Content-Location"] == container(server)
    assert body["@context"][:2] == ["http://www.w3.org/ns/anno.jsonld",
                                    "http://www.w3.org/ns/ldp.jsonld"]  # fmt: skip
    assert set(body["type"]) == {"BasicContainer", "AnnotationCollection"}
    assert body["id"] == container(server) and body["total"] == len(body["first"]["items"])
    assert body["first"]["type"] == "AnnotationPage" and body["last"]

    status, again, _, _ = api("GET", container(server), token, **{"If-None-Match": headers["ETag"]})
    assert status == 304 and again["ETag"] == headers["ETag"]
    status, head, empty, _ = api("HEAD", container(server), token)
    assert status == 200 and empty is None and head["ETag"] == headers["ETag"]
    status, options, _, _ = api("OPTIONS", container(server), token)
    assert status == 200 and options["Accept-Post"] == JSON_LD and "POST" in options["Allow"]

    prefer = f'return=representation;include="{LDP}PreferMinimalContainer"'
    _, applied, minimal, _ = api("GET", container(server), token, Prefer=prefer)
    assert isinstance(minimal["first"], str) and applied["Preference-Applied"]
    prefer = 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
    _, _, iris, _ = api("GET", container(server), token, Prefer=prefer)
    assert all(isinstance(item, str) for item in iris["first"]["items"])


def test_an_annotation_is_created_read_updated_and_deleted_as_the_protocol_says(
    server: RunningServer, token: str
) -> None:
    status, headers, made, _ = api("POST", container(server), token, note())
    assert status == 201 and headers["Location"] == made["id"] and headers["ETag"]
    assert made["target"]["source"].endswith("/versions/2011/")
    status, got, read, _ = api("GET", made["id"], token)
    assert status == 200 and got["Content-Type"] == JSON_LD and read == made
    assert f"{LDP}Resource type" in links(got) and "PUT" in got["Allow"]

    edited = json.dumps(made | {"bodyValue": "Edited."}).encode()
    assert api("PUT", made["id"], token, edited)[0] == 428  # If-Match required, on purpose
    status, put, changed, _ = api("PUT", made["id"], token, edited, **{"If-Match": headers["ETag"]})
    assert status == 200 and put["ETag"] != headers["ETag"] and changed["revision"] == 2
    assert api("PUT", made["id"], token, edited, **{"If-Match": headers["ETag"]})[0] == 412
    moved = json.dumps(changed | {"id": container(server) + "other/"}).encode()
    assert api("PUT", made["id"], token, moved, **{"If-Match": put["ETag"]})[0] == 400

    assert api("DELETE", made["id"], token, **{"If-Match": put["ETag"]})[0] == 204
    assert api("GET", made["id"], token)[0] == 404


def test_bodies_and_answers_of_other_media_types_are_refused(
    server: RunningServer, token: str
) -> None:
    status, headers, answer, _ = api("POST", container(server), token, note(),
                                     **{"Content-Type": "text/plain"})  # fmt: skip
    assert status == 415 and "application/ld+json" in headers["Accept-Post"], answer
    status, _, answer, _ = api("GET", container(server), token, Accept="text/html")
    assert status == 406 and "application/ld+json" in answer["error"]


def test_a_client_id_moved_to_via_is_kept_through_export_and_import(
    server: RunningServer, token: str
) -> None:
    given, canonical = "http://elsewhere.example/anno/7", f"urn:uuid:{uuid4()}"
    status, _, made, _ = api("POST", container(server), token,
                             note(id=given, canonical=canonical))  # fmt: skip
    assert status == 201 and made["via"] == given and made["canonical"] == canonical

    analyst = server.signed_in("analyst")
    with analyst.open(f"{server.url}/p/{SLUG}/export/") as answer:
        exported = answer.read()
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        name = next(n for n in archive.namelist() if n.endswith("annotations.jsonld"))
        items = json.loads(archive.read(name))["first"]["items"]
    assert [item["via"] for item in items if item["id"] == canonical] == [given]

    exported = exported.replace(canonical.encode(), f"urn:uuid:{uuid4()}".encode())
    status, page, _ = imported(analyst, server.url, "copy.zip", exported)
    assert status == 200, page[:500]
    slug = re.search(r'href="/p/([\w-]+)/export/"', page)
    assert slug and slug.group(1) != SLUG
    _, _, listed, _ = api("GET", container(server, slug=slug.group(1)), token)
    assert [item.get("via") for item in listed["first"]["items"]].count(given) == 1


def test_other_sites_may_read_containers_but_never_write(server: RunningServer, token: str) -> None:
    address = container(server)
    status, allowed = preflight(address, "GET")
    assert status == 200 and allowed["Access-Control-Allow-Origin"] == READER
    assert allowed["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "Authorization" in allowed["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed  # never the session cookie
    for method in ("POST", "PUT", "DELETE"):
        assert "Access-Control-Allow-Origin" not in preflight(address, method)[1], method

    status, read, body, _ = api("GET", address, token, Origin=READER)
    assert status == 200 and read["Access-Control-Allow-Origin"] == READER
    assert "ETag" in read["Access-Control-Expose-Headers"] and "Origin" in read["Vary"]
    _, one, _, _ = api("GET", body["first"]["items"][0]["id"], token, Origin=READER)
    assert one["Access-Control-Allow-Origin"] == READER

    _, elsewhere, _, _ = api("GET", address, token, Origin="https://stranger.example")
    assert "Access-Control-Allow-Origin" not in elsewhere
    _, posted, _, _ = api("POST", address, token, note(), Origin=READER)
    assert "Access-Control-Allow-Origin" not in posted
    _, projects, _, _ = api("GET", f"{server.url}/api/projects/", token, Origin=READER)
    assert "Access-Control-Allow-Origin" not in projects


def test_a_malformed_cors_origin_stops_the_server_with_one_line(tmp_path: Path) -> None:
    environment = {**fresh_database_environment(), "VARIORUM_CORS_ORIGINS": "reader.example/x"}
    done = subprocess.run(
        [sys.executable, "-m", "variorum", "serve", "--no-browser", "--data-dir",
         str(tmp_path)], env=environment, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "variorum: error: VARIORUM_CORS_ORIGINS: 'reader.example/x' is not an origin"
        " (https://host or https://host:port, no path) nor *\n"
    )
