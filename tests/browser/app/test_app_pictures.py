"""Annotating words after a picture: the page shows a picture without alternative text
by its name (``[image “map.png”]``) but counts it as the one character of the text it
is, so the words selected after it are the words annotated."""

from __future__ import annotations

from collections.abc import Callable

from app_steps import select_words
from playwright.sync_api import Page, expect

AppPage = Callable[..., Page]
OLD = "# Offices\n\nOur offices ![](/maps/2024.png) are in Berlin and Lyon.\n"
NEW = "# Offices\n\nOur offices ![](/maps/2025.png) are in Berlin, Lyon and Porto.\n"


def upload(page: Page, name: str, content: str, label: str) -> None:
    form = page.locator("form.upload")
    form.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/markdown", "buffer": content.encode()}
    )
    form.get_by_label("Label").fill(label)
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text(f"Added version {label}")


def test_words_selected_after_a_picture_are_the_words_annotated(app_page: AppPage) -> None:
    page = app_page("ann")
    page.get_by_label("Title").fill("Offices")
    page.get_by_role("button", name="Create project").click()
    upload(page, "old.md", OLD, "2024")
    upload(page, "new.md", NEW, "2025")
    page.get_by_role("link", name="2024 → 2025").click()
    page.wait_for_selector("body.vr-ready")
    picture = page.locator(".vr-view-inline .vr-picture").first
    expect(picture).to_have_text("[image “2025.png”]")
    editor = page.locator("#vr-editor")
    for words, version in [("are in Berlin", "2025"), ("Porto", "2025")]:
        select_words(page, words, ".vr-view-inline")
        page.get_by_role("button", name="Annotate").click()
        expect(editor.locator("#vr-editor-quote")).to_have_text(words)
        expect(editor.locator("#vr-editor-version")).to_have_text(version)
        page.keyboard.press("Escape")
        expect(editor).to_be_hidden()
