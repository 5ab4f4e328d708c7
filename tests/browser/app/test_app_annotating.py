"""An analyst's session in the browser: sign in, start a project, upload a PDF and a
Word file, read the redline, select words and annotate them, reload, edit, publish
and open the published file. Each state is saved as a screenshot."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from app_steps import DEMO, PHONE, Server, open_redline, select_words
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parents[2] / "ingest"))
from renderings import render_docx, render_pdf  # the ingest tests' helper
from single_file import download_single_file

AppPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]
NEW_WORDS = "international consensus"
"""Words the 2015 version added: selected in the redline and annotated."""


def example_text(year: str) -> str:
    folder = resources.files("variorum.examples").joinpath("icoc")
    return folder.joinpath(f"{year}.txt").read_text(encoding="utf-8")


def upload(page: Page, name: str, content: bytes, mime: str, label: str) -> None:
    form = page.locator("form.upload")
    form.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    form.get_by_label("Label").fill(label)
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text(f"Added version {label}")


def test_an_analyst_annotates_a_pdf_against_a_word_file_and_publishes(
    app_page: AppPage, shoot: Shoot, tmp_path: Path
) -> None:
    page = app_page("ann")
    page.get_by_label("Title").fill("Code of conduct, PDF and Word")
    page.get_by_role("button", name="Create project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Code of conduct, PDF and Word")
    project_url = page.url
    upload(page, "2011.pdf", render_pdf(example_text("2011")), "application/pdf", "2011")
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    upload(page, "2015.docx", render_docx(example_text("2015")), docx, "2015")
    shoot(page, "app-01-project")

    page.get_by_role("link", name="2011 → 2015").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator(".vr-view-inline ins").first).to_be_visible()
    expect(page.locator(".vr-view-inline del").first).to_be_visible()
    shoot(page, "app-02-redline")

    select_words(page, NEW_WORDS)
    annotate = page.get_by_role("button", name="Annotate")
    expect(annotate).to_be_visible()
    shoot(page, "app-03-popover")
    annotate.click()
    editor = page.locator("#vr-editor")
    expect(editor).to_be_visible()
    expect(editor.locator("#vr-editor-quote")).to_have_text(NEW_WORDS)
    expect(editor.locator("#vr-editor-version")).to_have_text("2015")
    editor.get_by_role("textbox", name="Note").fill("A *new* aim: consensus on norms.")
    expect(editor.locator("#vr-editor-preview em")).to_have_text("new")
    editor.get_by_role("combobox", name="Tags").fill("norms")
    editor.get_by_role("combobox", name="Tags").press("Enter")
    shoot(page, "app-04-editor")
    editor.get_by_role("button", name="Save draft").click()

    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text="consensus on norms")
    expect(note.locator(".vr-app-draft")).to_have_text("Draft")
    expect(note.locator("h3")).to_contain_text(NEW_WORDS)
    mark = f'.vr-view-inline [data-a~="{note.get_attribute("data-key")}"]'
    expect(page.locator(mark).first).to_be_visible()
    shoot(page, "app-05-saved-draft")

    page.reload()
    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text="consensus on norms")
    expect(note).to_have_count(1)
    expect(note.locator(".vr-tag")).to_have_text("#norms")

    page.goto(project_url)
    published = download_single_file(page, tmp_path)
    expect(published.locator("body")).not_to_contain_text("consensus on norms")  # a draft
    published.close()

    open_redline(page, project_url + "compare/2011/2015/")
    note = page.locator(".vr-index .vr-note", has_text="consensus on norms")
    note.get_by_role("button", name="Edit").click()
    text = editor.get_by_role("textbox", name="Note")
    expect(text).to_have_value("A *new* aim: consensus on norms.")
    text.fill("A *new* aim: consensus on international norms.")
    editor.get_by_role("button", name="Publish").click()
    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text="consensus on international norms")
    expect(note.locator(".vr-app-published")).to_have_text("Published")

    note.get_by_role("button", name="History").click()
    revisions = page.locator("#vr-history-list li")
    expect(revisions).to_have_count(2)
    expect(revisions.first).to_contain_text("published")
    expect(revisions.last).to_contain_text("consensus on norms")
    shoot(page, "app-06-history")
    page.keyboard.press("Escape")
    expect(page.locator("#vr-history")).to_be_hidden()

    page.goto(project_url)
    published = download_single_file(page, tmp_path)
    expect(published.locator(".vr-index")).to_contain_text("consensus on international norms")
    expect(published.locator(".vr-app-note")).to_have_count(0)  # nothing of the app
    shoot(published, "app-07-published-file")


def test_notes_are_carried_to_the_next_version_and_confirmed(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/v/2011/")
    select_words(page, "mutual respect")
    page.get_by_role("button", name="Annotate").click()
    page.get_by_role("textbox", name="Note").fill("Respect between States, in 2011.")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator(".vr-index .vr-note", has_text="Respect between States")).to_have_count(1)

    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    page.get_by_role("button", name="Carry notes from 2011 to 2015").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_contain_text("carried")
    carried = page.locator(".vr-index .vr-note", has=page.locator(".vr-app-carried"))
    expect(carried.first).to_be_attached()
    badge = carried.first.locator(".vr-app-carried")
    expect(badge).to_have_text(re.compile(r"Carried: (intact|changed|moved|deleted)"))
    carried.first.scroll_into_view_if_needed()
    expect(badge).to_be_visible()
    shoot(page, "app-08-carried")
    before = carried.count()
    carried.first.get_by_role("button", name="Confirm").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_have_text("Confirmed.")
    expect(page.locator(".vr-index .vr-app-carried")).to_have_count(before - 1)


def test_annotating_with_the_keyboard_and_on_a_phone(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    page = app_page("ed", viewport=PHONE)
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    shoot(page, "app-09-phone-redline")
    select_words(page, "telecommunications", drag=False)
    annotate = page.get_by_role("button", name="Annotate")
    expect(annotate).to_be_visible()
    page.keyboard.press("Tab")
    expect(annotate).to_be_focused()
    shoot(page, "app-10-phone-popover")
    page.keyboard.press("Enter")
    editor = page.locator("#vr-editor")
    expect(editor.get_by_role("textbox", name="Note")).to_be_focused()
    box = editor.bounding_box()
    assert box and box["width"] <= PHONE["width"] and box["x"] >= 0, box
    shoot(page, "app-11-phone-editor")
    page.keyboard.press("Escape")
    expect(editor).to_be_hidden()

    select_words(page, "telecommunications", drag=False)
    expect(annotate).to_be_visible()
    page.keyboard.press("Escape")
    expect(annotate).to_be_hidden()


def test_the_words_selected_decide_the_version_annotated(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    editor = page.locator("#vr-editor")
    cases = [
        ("sbs", ".vr-side-old", "telecommunication", "2011"),
        ("sbs", ".vr-side-new", "communication technologies", "2015"),
        ("inline", ".vr-view-inline del", "developing and applying", "2011"),
        ("old", ".vr-view-inline", "great significance", "2011"),
        ("new", ".vr-view-inline", "An international", "2015"),
    ]
    for view, within, words, version in cases:
        page.locator(f'input[name="view"][value="{view}"]').check()
        select_words(page, words, within)
        page.get_by_role("button", name="Annotate").click()
        expect(editor.locator("#vr-editor-quote")).to_have_text(words)
        expect(editor.locator("#vr-editor-version")).to_have_text(version)
        if view == "sbs" and version == "2011":
            shoot(page, "app-15-side-by-side-editor")
        page.keyboard.press("Escape")
        expect(editor).to_be_hidden()
