"""Reviewing in the browser loses nothing: "Save draft" on a published note keeps the
published text in the publication until the edit is published, the history shows what
each revision changed (the project's own redline) and restores any revision, and the
project page's recent annotations open their passages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from app_steps import DEMO, Server, csrf_headers, open_redline
from playwright.sync_api import Page, expect
from single_file import download_single_file

AppPage = Callable[..., Page]
CHECKED = "Checked against both letters."
REWRITE = "Rewritten, not yet checked against the letters."


def published_note(page: Page, server: Server) -> str:
    """A new published note on version 2015 of the demo, made through the API as the
    signed-in editor; its text is ``CHECKED``."""
    container = f"{server.url}api/projects/{DEMO}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}},
            "bodyValue": CHECKED, "status": "published"}  # fmt: skip
    answer = page.request.post(container, data=json.dumps(note), headers=csrf_headers(page))
    assert answer.status == 201, answer.text()
    return str(answer.json()["id"])


def test_save_draft_keeps_the_published_text_and_history_restores_it(
    app_page: AppPage, server: Server, tmp_path: Path
) -> None:
    page = app_page("ed")
    page.goto(f"{server.url}p/{DEMO}/")
    published_note(page, server)
    open_redline(page, f"{server.url}p/{DEMO}/v/2015/")
    note = page.locator(".vr-index .vr-note", has_text=CHECKED)
    note.get_by_role("button", name="Edit").click()
    editor = page.locator("#vr-editor")
    editor.get_by_role("textbox", name="Note").fill(REWRITE)
    editor.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text=REWRITE)
    expect(note.locator(".vr-app-published")).to_have_text("Published")
    expect(note.locator(".vr-app-draft")).to_have_text("Edit pending")

    page.goto(f"{server.url}p/{DEMO}/")
    published = download_single_file(page, tmp_path)
    expect(published.locator(".vr-index")).to_contain_text(CHECKED)
    expect(published.locator("body")).not_to_contain_text(REWRITE)
    published.close()

    open_redline(page, f"{server.url}p/{DEMO}/v/2015/")
    note = page.locator(".vr-index .vr-note", has_text=REWRITE)
    note.get_by_role("button", name="History").click()
    newest = page.locator("#vr-history-list li").first
    expect(newest.locator("ins").first).to_contain_text("Rewritten")
    expect(newest.locator("del").first).to_contain_text("Checked")
    page.get_by_role("button", name="Restore revision 1").click()
    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text=CHECKED)
    expect(note).to_have_count(1)
    expect(note.locator(".vr-app-published")).to_have_text("Published")
    expect(note.locator(".vr-app-draft")).to_have_count(0)


def test_recent_annotations_open_their_passages(app_page: AppPage, server: Server) -> None:
    page = app_page("ed")
    page.goto(f"{server.url}p/{DEMO}/")
    link = page.locator("section[aria-labelledby=notes-h] li a").first
    key = str(link.get_attribute("href")).rsplit("#a-", 1)[1]
    link.click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator(f'.vr-open[data-a~="{key}"]').first).to_be_visible()
    expect(page.locator("body")).to_have_class(re.compile(r"\bpanel-open\b"))
