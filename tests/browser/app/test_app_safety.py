"""What the app must never do, in a real browser: let a viewer change a note, run a
script from a note or from a document, or overwrite someone else's edit silently."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app_steps import DEMO, Server, csrf_headers, open_redline, select_words
from playwright.sync_api import Page, expect

AppPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]
PAYLOAD = (
    "<script>window.__pwned = 'script'</script>"
    "<img src=x onerror=\"window.__pwned = 'onerror'\">"
    "<a href=\"javascript:window.__pwned = 'link'\">a link</a> **plain words**"
)
"""Markup that would run if a page put it in as HTML."""
HOSTILE_TEXT = f"Article 1. States agree.\n{PAYLOAD} States cooperate.\n"
"""A version whose text carries the payload."""


def first_note_url(page: Page) -> str:
    holder = page.locator(".vr-index .vr-app-note").first
    return f"/api/projects/{DEMO}/annotations/{holder.get_attribute('data-note')}/"


def test_a_viewer_reads_every_note_but_cannot_change_any(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    page = app_page("vic")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    expect(page.locator(".vr-index .vr-note")).not_to_have_count(0)
    expect(page.get_by_text("You are a viewer of this project")).to_be_visible()
    expect(page.get_by_role("button", name="Edit")).to_have_count(0)
    expect(page.get_by_role("button", name="Carry notes from 2011 to 2015")).to_have_count(0)
    select_words(page, "telecommunications")
    page.keyboard.press("a")
    expect(page.get_by_role("button", name="Annotate")).to_have_count(0)
    expect(page.locator("dialog[open]")).to_have_count(0)
    page.locator(".vr-index .vr-note").first.get_by_role("button", name="History").click()
    expect(page.locator("#vr-history-list li")).not_to_have_count(0)  # reading is allowed
    shoot(page, "app-12-viewer")

    url = first_note_url(page)
    answer = page.request.get(server.url.rstrip("/") + url)
    assert answer.ok
    note, etag = answer.json(), answer.headers["etag"]
    forced = page.request.put(
        server.url.rstrip("/") + url,
        data=json.dumps(note | {"status": "draft"}),
        headers=csrf_headers(page) | {"If-Match": etag},
    )
    assert forced.status == 403, forced.text()
    posted = page.request.post(
        f"{server.url}api/projects/{DEMO}/versions/2015/annotations/",
        data=json.dumps({"target": {"source": "2015", "selector": note["target"]["selector"]}}),
        headers=csrf_headers(page),
    )
    assert posted.status == 403, posted.text()


def test_script_in_a_note_or_in_a_document_never_runs(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    server.django(
        "from variorum.web.models import ProjectRecord\n"
        "from variorum.web.store.projects import add_version\n"
        f"project = ProjectRecord.objects.get(slug={DEMO!r})\n"
        f"text = {HOSTILE_TEXT!r}\n"
        "add_version(project, text.encode(), 'hostile.txt', 'hostile')\n"
    )
    page = app_page("ann")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2015/hostile/")
    select_words(page, "States agree")
    page.get_by_role("button", name="Annotate").click()
    page.get_by_role("textbox", name="Note").fill(PAYLOAD)
    expect(page.locator("#vr-editor-preview strong")).to_have_text("plain words")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_selector("body.vr-ready")

    note = page.locator(".vr-index .vr-note", has_text="plain words")
    expect(note).to_have_count(1)
    expect(note.locator("script, img, [onerror]")).to_have_count(0)
    expect(page.locator("#text")).to_contain_text("<script>window.__pwned")  # shown as text
    note.locator(".vr-permalink").click()
    expect(page.locator("#panel .vr-note-body")).to_contain_text("plain words")
    expect(page.locator('a[href^="javascript"]')).to_have_count(0)
    open_redline(page, f"{server.url}p/{DEMO}/v/hostile/")
    shoot(page, "app-13-payloads-inert")
    assert page.evaluate("window.__pwned") is None


def test_a_stale_edit_is_refused_and_the_other_edit_can_be_loaded(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    url = server.url.rstrip("/") + first_note_url(page)
    page.locator(".vr-index .vr-note").first.get_by_role("button", name="Edit").click()
    editor = page.locator("#vr-editor")
    expect(editor).to_be_visible()

    colleague = app_page("ann")
    answer = colleague.request.get(url)
    saved = colleague.request.put(
        url,
        data=json.dumps(answer.json() | {"body": {"type": "TextualBody", "value": "Theirs."}}),
        headers=csrf_headers(colleague) | {"If-Match": answer.headers["etag"]},
    )
    assert saved.ok, saved.text()

    editor.get_by_role("textbox", name="Note").fill("Mine.")
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_role("alert")).to_contain_text("Someone else changed this note")
    shoot(page, "app-14-stale-edit")
    editor.get_by_role("button", name="Load their version").click()
    expect(editor.get_by_role("textbox", name="Note")).to_have_value("Theirs.")
    expect(editor.get_by_role("alert")).to_contain_text("Mine.")
    assert "Theirs." in json.dumps(colleague.request.get(url).json()["body"])
