"""Fixing notes in the browser: notes carried onto words the next version deleted are
listed to be attached to other words or dismissed; a note moves to other words from
its editor; deleted notes show their history and come back; the editor does not lose
typed work; a network failure is said, not swallowed. Desktop and phone screenshots,
and an accessibility audit of the lists and the bar."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from app_steps import DEMO, PHONE, Server, open_redline, select_words, serious_violations
from playwright.sync_api import Page, Route, expect

AppPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]
GONE = "of other countries"
"""Words of 2011 that 2015 deleted."""


def note_on(server: Server, label: str, exact: str, text: str) -> None:
    """A published note by ed on ``exact`` in version ``label``, made by the store."""
    note = {
        "target": {"source": label, "selector": {"type": "TextQuoteSelector", "exact": exact}},
        "bodyValue": text,
        "status": "published",
    }
    server.django(
        "from django.contrib.auth import get_user_model\n"
        "from variorum.web.models import ProjectRecord\n"
        "from variorum.web.store import annotations\n"
        "from variorum.web.store.protocol import read_annotation\n"
        f"project = ProjectRecord.objects.get(slug={DEMO!r})\n"
        "user = get_user_model().objects.get(username='ed')\n"
        "import json\n"
        f"annotations.create(project, user, *read_annotation(json.loads({json.dumps(note)!r}),"
        " project))\n"
    )


def carry(page: Page) -> None:
    page.get_by_role("button", name="Carry notes from 2011 to 2015").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_contain_text("carried")


def test_notes_on_deleted_words_are_attached_dismissed_and_restored(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    note_on(server, "2011", GONE, "Which countries? (to attach)")
    note_on(server, "2011", GONE, "Which countries? (to dismiss)")
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    carry(page)
    lost = page.locator(".vr-app-lost")
    expect(lost.get_by_role("heading")).to_contain_text("Notes whose words were deleted in 2015")
    to_attach = lost.locator("li", has_text="(to attach)")
    to_dismiss = lost.locator("li", has_text="(to dismiss)")
    expect(to_attach.locator("q")).to_have_text(GONE)
    shoot(page, "app-20-lost-notes")

    select_words(page, "Internet security")
    expect(page.get_by_role("button", name="Annotate")).to_be_visible()
    to_attach.get_by_role("button", name="Attach to the selected words").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_contain_text("now stands on “Internet security”")
    attached = page.locator(".vr-index .vr-note", has_text="(to attach)").filter(
        has_text="on 2015"
    )  # the copy, not the note on 2011
    expect(attached.locator("h3")).to_contain_text("Internet security")
    expect(attached.locator(".vr-app-draft")).to_have_text("Draft")  # attaching fixed it
    expect(attached.locator(".vr-app-carried")).to_have_count(0)
    expect(page.locator(".vr-app-lost li", has_text="(to attach)")).to_have_count(0)

    to_dismiss.get_by_role("button", name="Dismiss").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_contain_text("Dismissed")
    expect(page.locator(".vr-app-lost li", has_text="(to dismiss)")).to_have_count(0)
    deleted = page.locator(".vr-app-deleted")
    deleted.locator("summary").click()
    dismissed = deleted.locator("li", has_text="(to dismiss)")
    expect(dismissed.locator("q")).to_have_text(GONE)
    dismissed.get_by_role("button", name="History").click()
    revisions = page.locator("#vr-history-list li")
    expect(revisions).to_have_count(2)
    expect(revisions.first).to_contain_text("deleted")
    shoot(page, "app-21-deleted-history")
    page.keyboard.press("Escape")
    dismissed.get_by_role("button", name="Restore").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_have_text("Restored.")
    expect(page.locator(".vr-app-lost li", has_text="(to dismiss)")).to_have_count(1)

    phone = app_page("ed", viewport=PHONE)
    open_redline(phone, f"{server.url}p/{DEMO}/compare/2011/2015/")
    phone.locator(".vr-app-lost").scroll_into_view_if_needed()
    shoot(phone, "app-22-phone-lost-notes")
    phone.locator(".vr-app-lost li", has_text="(to dismiss)").get_by_role(
        "button", name="Attach to the selected words"
    ).click()
    bar = phone.locator("#vr-pick")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("Select the words of version 2015")
    bar.get_by_role("button", name="Attach to the selected words").click()
    expect(bar.get_by_role("alert")).to_have_text("Select words of version 2015 in the text first.")
    shoot(phone, "app-23-phone-pick-bar")
    bar.get_by_role("button", name="Cancel").click()
    expect(bar).to_be_hidden()


def test_a_note_is_moved_to_other_words_from_its_editor(
    app_page: AppPage, server: Server, shoot: Shoot
) -> None:
    note_on(server, "2015", "Sixty-ninth session", "A note to move.")
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/v/2015/")
    note = page.locator(".vr-index .vr-note", has_text="A note to move.")
    note.get_by_role("button", name="Edit").click()
    editor = page.locator("#vr-editor")
    editor.get_by_role("textbox", name="Note").fill("A note moved.")
    editor.get_by_role("combobox", name="Tags").fill("moved")  # typed, not confirmed
    editor.get_by_role("button", name="Re-anchor to the selected words").click()
    expect(editor).to_be_hidden()
    bar = page.locator("#vr-pick")
    expect(bar).to_contain_text("Select the words of version 2015 this note is about")
    select_words(page, "core technologies")
    shoot(page, "app-24-reanchor-pick")
    bar.get_by_role("button", name="Re-anchor to the selected words").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#vr-app-status")).to_contain_text("now stands on “core technologies”")
    moved = page.locator(".vr-index .vr-note", has_text="A note moved.")
    expect(moved.locator("h3")).to_contain_text("core technologies")
    expect(moved.locator(".vr-tag")).to_have_text("#moved")
    moved.get_by_role("button", name="History").click()
    revisions = page.locator("#vr-history-list li")
    expect(revisions).to_have_count(2)


def test_the_editor_keeps_typed_work(app_page: AppPage, server: Server, shoot: Shoot) -> None:
    note_on(server, "2015", "military applications", "Kept words.")
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/v/2015/")
    note = page.locator(".vr-index .vr-note", has_text="Kept words.")
    note.get_by_role("button", name="Edit").click()
    editor = page.locator("#vr-editor")
    text = editor.get_by_role("textbox", name="Note")
    text.fill("Kept words, and more I typed.")
    page.keyboard.press("Escape")
    ask = editor.locator("#vr-editor-discard")
    expect(ask).to_be_visible()
    expect(editor).to_be_visible()
    shoot(page, "app-25-discard-question")
    ask.get_by_role("button", name="Keep editing").click()
    expect(text).to_have_value("Kept words, and more I typed.")
    editor.get_by_role("button", name="Close the editor").click()
    expect(ask).to_be_visible()
    page.keyboard.press("Escape")  # Esc on the question: keep editing
    expect(ask).to_be_hidden()
    expect(text).to_have_value("Kept words, and more I typed.")
    editor.get_by_role("combobox", name="Tags").fill("typed-tag")
    editor.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("body.vr-ready")
    saved = page.locator(".vr-index .vr-note", has_text="and more I typed")
    expect(saved.locator(".vr-tag")).to_have_text("#typed-tag")

    saved.get_by_role("button", name="Edit").click()
    text.fill("Thrown away.")
    editor.get_by_role("button", name="Close the editor").click()
    ask.get_by_role("button", name="Discard them").click()
    expect(editor).to_be_hidden()
    saved.get_by_role("button", name="Edit").click()
    expect(text).to_have_value("Kept words, and more I typed.")
    page.keyboard.press("Escape")  # nothing changed: closes at once
    expect(editor).to_be_hidden()


def test_a_network_failure_is_said(app_page: AppPage, server: Server, shoot: Shoot) -> None:
    note_on(server, "2015", "civilian applications", "Not deleted offline.")
    page = app_page("ed")
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")

    def cut(route: Route) -> None:
        if route.request.method in ("POST", "DELETE"):
            route.abort()
        else:
            route.continue_()

    page.route("**/api/**", cut)
    button = page.get_by_role("button", name="Carry notes from 2011 to 2015")
    button.click()
    expect(page.locator("#vr-app-status")).to_have_text(
        "The server could not be reached. No note was carried; try again."
    )
    expect(button).to_be_enabled()

    note = page.locator(".vr-index .vr-note", has_text="Not deleted offline.")
    note.get_by_role("button", name="Edit").click()
    editor = page.locator("#vr-editor")
    editor.get_by_role("button", name="Delete…").click()
    editor.get_by_role("button", name="Delete the note").click()
    expect(editor.locator("#vr-editor-message")).to_have_text(
        "The server could not be reached. The note was not deleted."
    )
    shoot(page, "app-26-offline-delete")


def test_the_project_pages_compare_form_reads_one_version_when_both_are_the_same(
    app_page: AppPage, server: Server
) -> None:
    page = app_page("vic")
    page.goto(f"{server.url}p/{DEMO}/")
    form = page.locator("#compare-any")
    form.get_by_label("Old").select_option("2015")
    form.get_by_label("New").select_option("2015")
    form.get_by_role("button", name="Compare").click()
    page.wait_for_url(f"{server.url}p/{DEMO}/v/2015/")
    page.go_back()
    form.get_by_label("Old").select_option("2011")
    form.get_by_label("New").select_option("2015")
    form.get_by_role("button", name="Compare").click()
    page.wait_for_url(f"{server.url}p/{DEMO}/compare/2011/2015/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_lists_and_the_pick_bar_have_no_serious_violation(
    app_page: AppPage, server: Server, axe_source: str, scheme: str, shoot: Shoot
) -> None:
    for purpose in ("kept", "dismissed"):
        note_on(server, "2011", GONE, f"Audited in {scheme}, {purpose}.")
    page = app_page("ed", color_scheme=scheme)
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    carry(page)
    lost = page.locator(".vr-app-lost")
    dismissed = lost.locator("li", has_text=f"Audited in {scheme}, dismissed.")
    dismissed.get_by_role("button", name="Dismiss").click()
    expect(dismissed).to_have_count(0)  # the lists drawn again: a click now stays
    page.wait_for_selector("body.vr-ready")
    page.locator(".vr-app-deleted summary").click()
    expect(page.locator(".vr-app-deleted li").first).to_be_visible()
    shoot(page, f"app-27-lists-{scheme}")
    assert serious_violations(page, axe_source) == []
    lost.locator("li", has_text=f"Audited in {scheme}, kept.").get_by_role(
        "button", name="Attach to the selected words"
    ).click()
    expect(page.locator("#vr-pick")).to_be_visible()
    assert serious_violations(page, axe_source) == []
