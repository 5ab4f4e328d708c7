"""A note saved while another change holds the database: the server answers 503 (it
waited ``VARIORUM_DB_LOCK_SECONDS`` for the lock), and the editor stays open with the
typed text and says to save again; once the database is free, saving again stores it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from app_steps import Server, open_redline, select_words
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parents[2] / "web"))
from fresh_database import database_locked

AppPage = Callable[..., Page]
LOCK_WAIT_MS = 120_000
"""How long the page may take to answer while the server waits out the lock."""


def test_a_note_saved_while_the_database_is_busy_stays_in_the_editor(
    app_page: AppPage, server: Server
) -> None:
    server.django(
        "from importlib import resources\n"
        "from variorum.web.store.projects import add_version, create_project, set_member\n"
        "from django.contrib.auth import get_user_model\n"
        "made = create_project(get_user_model().objects.get(username='ann'), 'Busy day')\n"
        "icoc = resources.files('variorum.examples').joinpath('icoc')\n"
        "for year in ('2011', '2015'):\n"
        "    add_version(made, icoc.joinpath(year + '.txt').read_bytes(), year + '.txt', year)\n"
        "set_member(made, 'ed', 'editor')\n"
    )
    page = app_page("ed")
    open_redline(page, f"{server.url}p/busy-day/compare/2011/2015/")
    select_words(page, "international consensus")
    page.get_by_role("button", name="Annotate").click()
    editor = page.locator("#vr-editor")
    text = editor.get_by_role("textbox", name="Note")
    text.fill("Written while the database was busy.")

    with database_locked(server.environment, server.data_dir, ["variorum_web_annotation"]):
        editor.get_by_role("button", name="Save draft").click()
        message = editor.locator("#vr-editor-message")
        expect(message).to_contain_text("nothing was saved", timeout=LOCK_WAIT_MS)
        expect(message).to_contain_text("Your note is still here")
        expect(text).to_have_value("Written while the database was busy.")

    editor.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("body.vr-ready")
    note = page.locator(".vr-index .vr-note", has_text="Written while the database was busy.")
    expect(note).to_have_count(1)
