"""An automated accessibility audit (axe-core) of the app's redline with its
annotating controls: the page, the popover, the editor and the history, light and
dark, desktop and phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_steps import DEMO, PHONE, Server, open_redline, select_words, serious_violations
from playwright.sync_api import Page, expect

AppPage = Callable[..., Page]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_redline_and_its_editor_have_no_serious_violation(
    app_page: AppPage, server: Server, axe_source: str, scheme: str
) -> None:
    page = app_page("ed", color_scheme=scheme)
    open_redline(page, f"{server.url}p/{DEMO}/compare/2011/2015/")
    page.locator(".vr-view-inline a.vr-ref").first.click()
    assert serious_violations(page, axe_source) == []
    select_words(page, "telecommunications", drag=False)
    expect(page.get_by_role("button", name="Annotate")).to_be_visible()
    assert serious_violations(page, axe_source) == []
    page.get_by_role("button", name="Annotate").click()
    page.get_by_role("textbox", name="Note").fill("Some *words*.")
    expect(page.locator("#vr-editor-preview em")).to_have_text("words")
    assert serious_violations(page, axe_source) == []


def test_the_history_on_a_phone_has_no_serious_violation(
    app_page: AppPage, server: Server, axe_source: str
) -> None:
    page = app_page("vic", viewport=PHONE, is_mobile=True, has_touch=True)
    open_redline(page, f"{server.url}p/{DEMO}/v/2015/")
    page.locator(".vr-index .vr-note").first.get_by_role("button", name="History").click()
    expect(page.locator("#vr-history-list li")).not_to_have_count(0)
    assert serious_violations(page, axe_source) == []
