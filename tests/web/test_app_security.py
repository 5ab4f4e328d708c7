"""Script in annotations and in documents never comes back executable, in the app's
pages or in the published output; CSRF protects session calls, and a token call
needs none."""

from __future__ import annotations

import html
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from variorum.web.models import ProjectRecord

pytestmark = pytest.mark.django_db

NOTE_PAYLOAD = (
    '<script>alert("xss-note")</script> <img src=x onerror=alert("xss-note")>'
    ' [link](javascript:alert("xss-note")) <a href="javascript:alert(\'xss-note\')">a</a>'
)
TEXT_PAYLOAD = (
    'Article 1. <script>alert("xss-text")</script> States shall <img src=x'
    ' onerror=alert("xss-text")> cooperate. </script><script>alert("xss-text")</script>\n'
)
TAG_PAYLOAD = "<b onmouseover=\"alert('xss-note')\">"
MARKERS = ("xss-note", "xss-text")
JAVASCRIPT_TYPES = ("", "text/javascript", "module", "application/javascript")


class Executable(HTMLParser):
    """What in a page would run: script elements of a JavaScript type, event-handler
    attributes and ``javascript:`` addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self._in_script = kind.lower() in JAVASCRIPT_TYPES

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and any(marker in data for marker in MARKERS):
            self.found.append(f"<script>{data[:80]}")


def executable(page: str) -> list[str]:
    parser = Executable()
    parser.feed(page)
    return parser.found


def test_the_check_finds_each_payload_left_raw() -> None:
    found = executable(NOTE_PAYLOAD + TEXT_PAYLOAD + TAG_PAYLOAD)
    assert [item.split()[0].split(">")[0] for item in found] == [
        '<script', "<img", "<a", "<script", "<img", "<script", "<b",
    ]  # fmt: skip


def as_user(user: Any, **options: Any) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def attacked(project: ProjectRecord, users: Any, upload: Any) -> ProjectRecord:
    """The project with a script-laden published note, and a version whose text holds
    script."""
    editor = as_user(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Sixty-ninth session"}},
        "body": [
            {"type": "TextualBody", "value": NOTE_PAYLOAD, "format": "text/markdown"},
            {"type": "TextualBody", "value": TAG_PAYLOAD, "purpose": "tagging"},
        ],
        "status": "published",
    }  # fmt: skip
    assert editor.post(container, note, "application/ld+json").status_code == 201
    hostile = upload("hostile.txt", TEXT_PAYLOAD.encode())
    response = editor.post(f"/api/projects/{project.slug}/versions/", {"file": hostile})
    assert response.status_code == 201, response.content
    text_note = {
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "States shall"}},
        "bodyValue": NOTE_PAYLOAD,
        "status": "published",
    }
    assert editor.post(container.replace("2015", "hostile"), text_note,
                       "application/ld+json").status_code == 201  # fmt: skip
    return project


def pages_of(project: ProjectRecord) -> list[str]:
    slug = project.slug
    return [
        f"/p/{slug}/",
        f"/p/{slug}/compare/2011/2015/",
        f"/p/{slug}/compare/2015/hostile/",
        f"/p/{slug}/v/2015/",
        f"/p/{slug}/v/hostile/",
    ]


def test_script_in_notes_and_texts_never_runs_in_the_apps_pages(
    attacked: ProjectRecord, users: Any
) -> None:
    viewer = as_user(users["viewer"])
    for address in pages_of(attacked):
        response = viewer.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert executable(page) == [], address
        assert "xss-" in page or address == f"/p/{attacked.slug}/", address  # shown, as text


def test_script_in_notes_and_texts_never_runs_in_the_published_output(
    attacked: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    single = editor.get(f"/p/{attacked.slug}/publish/file/").content.decode()
    assert "xss-note" in single and "xss-text" in single
    assert executable(single) == []
    site = zipfile.ZipFile(io.BytesIO(editor.get(f"/p/{attacked.slug}/publish/site/").getvalue()))
    for name in site.namelist():
        if name.endswith(".html"):
            assert executable(site.read(name).decode()) == [], name


def test_the_api_serves_notes_as_data_never_as_a_page(attacked: ProjectRecord, users: Any) -> None:
    viewer = as_user(users["viewer"])
    response = viewer.get(f"/api/projects/{attacked.slug}/versions/2015/annotations/")
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["X-Content-Type-Options"] == "nosniff"
    text = viewer.get(f"/api/projects/{attacked.slug}/versions/hostile/text")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text["X-Content-Type-Options"] == "nosniff"


def test_a_session_call_without_the_csrf_token_is_refused(
    project: ProjectRecord, users: Any
) -> None:
    browser = as_user(users["editor"], enforce_csrf_checks=True)
    address = f"/api/projects/{project.slug}/"
    refused = browser.patch(address, {"title": "Forged"}, "application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    page = browser.post(f"/p/{project.slug}/edit/", {"title": "Forged"})
    assert page.status_code == 403
    assert ProjectRecord.objects.get().title == "Code of conduct"
    browser.get(f"/p/{project.slug}/")  # the page sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    done = browser.patch(address, {"title": "Renamed"}, "application/json",
                         headers={"X-CSRFToken": token})  # fmt: skip
    assert done.status_code == 200 and ProjectRecord.objects.get().title == "Renamed"


def test_a_token_call_needs_no_csrf_token(project: ProjectRecord, users: Any) -> None:
    from variorum.web.models import ApiToken

    _, secret = ApiToken.issue(users["editor"], "script")
    script = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    done = script.patch(
        f"/api/projects/{project.slug}/", {"title": "By script"}, "application/json"
    )
    assert done.status_code == 200 and ProjectRecord.objects.get().title == "By script"
    anonymous = Client(enforce_csrf_checks=True).post("/api/projects/", {"title": "x"},
                                                      "application/json")  # fmt: skip
    assert anonymous.status_code == 401


def test_every_page_sends_a_strict_policy_and_the_redline_its_own(
    project: ProjectRecord, users: Any
) -> None:
    viewer = as_user(users["viewer"])
    page = viewer.get(f"/p/{project.slug}/")
    assert page["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self';")
    redline = viewer.get(f"/p/{project.slug}/compare/2011/2015/")
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                     redline.content.decode())  # fmt: skip
    assert meta is not None
    own = html.unescape(meta.group(1))
    assert redline["Content-Security-Policy"] == own + "; frame-ancestors 'none'"
    for answer in (Client().get("/login/"), Client().get("/static/variorum_web/app.css"),
                   Client().get("/api/"), Client().get("/no-such-page/")):  # fmt: skip
        assert "frame-ancestors 'none'" in answer["Content-Security-Policy"]
