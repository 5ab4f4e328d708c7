"""Inputs that once gave a 500 get a 400 with one clear message and store nothing: a
JSON body nested 100,000 deep on every JSON endpoint the API describes, and ZIPs of
a project folder that are damaged (a bad CRC, a broken stream), have odd member paths
(``p/.``, both ``p/a`` and ``p/a/b``) or a deeply nested ``annotations.jsonld`` or
``variorum.toml``. Against a real ``variorum demo``."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from availability import RunningServer, api, get, imported, serve

from variorum.examples.projects import write_example_project

DEEP = 100_000
DEEP_BODIES = {
    "arrays": b"[" * DEEP + b"]" * DEEP,
    "objects": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with serve(tmp_path_factory.mktemp("inputs")) as running:
        running.member("colleague", "owner")
        running.member("analyst", "owner")
        yield running


def json_operations(server: RunningServer, token: str) -> list[tuple[str, str]]:
    """(method, address) of every operation whose body the API describes as JSON,
    with the demo's project, version 2015 and first note in its path."""
    _, _, described, _ = api("GET", server.url + "/api/openapi.json", token)
    _, _, listed, _ = api("GET", server.url + "/api/projects/icoc-2011-2015/versions/2015/"
                          "annotations/", token)  # fmt: skip
    note = listed["first"]["items"][0]["id"].rstrip("/").rsplit("/", 1)[1]
    values = {"slug": "icoc-2011-2015", "label": "2015", "uuid": note}
    found = []
    for path, operations in described["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}) if isinstance(
                operation, dict) else {}  # fmt: skip
            if any("json" in kind for kind in content):
                address = re.sub(r"\{(\w+)\}", lambda name: values[name.group(1)], path)
                found.append((method.upper(), server.url + address))
    return found


@pytest.mark.parametrize("shape", DEEP_BODIES)
def test_a_json_body_nested_100000_deep_is_a_400_on_every_json_endpoint(
    server: RunningServer, shape: str
) -> None:
    token = server.token("colleague")
    operations = json_operations(server, token)
    assert len(operations) == 7, operations  # markdown, projects, project, version, ...
    for method, address in operations:
        status, _, answer, _ = api(method, address, token, DEEP_BODIES[shape],
                                   **{"If-Match": "*"})  # fmt: skip
        assert (status, answer) == (
            400, {"error": "the request body is JSON nested deeper than 32 levels"}
        ), (method, address)  # fmt: skip
    _, _, project, _ = api("GET", server.url + "/api/projects/icoc-2011-2015/", token)
    assert project["title"].startswith("International code of conduct")


def _project_zip(folder: Path, change: dict[str, bytes], stored: bool = False) -> bytes:
    """The built-in example's project folder as ``p/...`` in a ZIP, with the members
    of ``change`` added or replaced."""
    project = write_example_project("icoc", folder / "icoc")
    members = {f"p/{path.name}": path.read_bytes() for path in project.folder.iterdir()}
    buffer = io.BytesIO()
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in {**members, **change}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _damaged(data: bytes, member: str, flip: int) -> bytes:
    """``data`` (a ZIP) with one byte of ``member``'s packed content changed."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    header = 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    damaged[info.header_offset + header + flip] ^= 0xFF
    return bytes(damaged)


def _zips(folder: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, ZIP, the message expected) of each damaged or odd project folder."""
    stored = _project_zip(folder / "a", {}, stored=True)
    yield (
        "crc.zip",
        _damaged(stored, "p/2015.txt", 100),
        (
            "crc.zip: is damaged: its part 'p/2015.txt' cannot be unpacked"
            " (Bad CRC-32 for file 'p/2015.txt')"
        ),
    )
    deflated = _project_zip(folder / "b", {})
    yield (
        "stream.zip",
        _damaged(deflated, "p/2015.txt", 5),
        ("stream.zip: is damaged: its part 'p/2015.txt' cannot be unpacked"),
    )
    yield (
        "dot.zip",
        _project_zip(folder / "c", {"p/.": b"x"}),
        ("dot.zip: has a part with an unsafe path 'p/.'"),
    )
    yield (
        "both.zip",
        _project_zip(folder / "d", {"p/a": b"x", "p/a/b": b"y"}),
        ("both.zip: has 'p/a' both as a file and as a folder"),
    )
    yield (
        "jsonld.zip",
        _project_zip(folder / "e", {"p/annotations.jsonld": DEEP_BODIES["arrays"]}),
        ("jsonld.zip: p/annotations.jsonld: the JSON is nested deeper than 64 levels"),
    )
    toml = (folder / "b" / "icoc" / "variorum.toml").read_bytes()
    deep_toml = toml + b"\nextra = " + b"[" * DEEP + b"]" * DEEP + b"\n"
    yield (
        "toml.zip",
        _project_zip(folder / "f", {"p/variorum.toml": deep_toml}),
        ("toml.zip: p/variorum.toml: not valid TOML: nested too deeply"),
    )


def test_damaged_or_odd_project_zips_are_refused_with_a_message(
    server: RunningServer, tmp_path: Path
) -> None:
    analyst = server.signed_in("analyst")
    for name, data, expected in _zips(tmp_path):
        status, page, _ = imported(analyst, server.url, name, data)
        messages = re.findall(r'<li class="error">(.*?)</li>', page.replace("&#x27;", "'"))
        assert status == 200 and messages and messages[0].startswith(expected), (name, messages)
    _, projects, _ = get(analyst, server.url + "/")
    assert projects.count('href="/p/') == 1  # the demo's; nothing imported in part
