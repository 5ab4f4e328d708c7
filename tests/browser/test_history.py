"""Back and Forward in the published example, and links to nothing: jumps to a note, a
change, a chart bar or "Show in the text" are history entries; a bad link says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def open_key(page: Page) -> str | None:
    return page.locator("#panel .vr-note").first.get_attribute("data-key")


def test_back_returns_from_each_jump(open_page: OpenPage) -> None:
    page = open_page()
    start = page.url
    page.locator(".vr-view-inline a.vr-ref").nth(2).click()
    first = open_key(page)
    assert page.url.endswith(f"#a-{first}")
    page.locator(".vr-view-inline a.vr-ref").nth(6).click()
    second = open_key(page)
    assert second != first
    page.locator(".vr-chart-box summary").click()
    page.locator(".vr-chart a").nth(3).click()
    chart_row = page.url.rsplit("#c-", 1)[1]
    expect(page.locator(".vr-current")).to_have_attribute("data-row", chart_row)
    page.go_back()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", second or "")
    page.go_back()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", first or "")
    page.go_forward()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", second or "")
    page.go_back()
    page.go_back()
    assert page.url == start
    expect(page.locator("#panel .vr-note")).to_have_count(0)
    expect(page.locator("#note-list li")).to_have_count(13)


def test_back_returns_from_show_in_the_text_to_the_index(open_page: OpenPage) -> None:
    page = open_page()
    start = page.url
    permalink = page.locator(".vr-index .vr-note").nth(8).locator(".vr-permalink")
    permalink.scroll_into_view_if_needed()
    permalink.click()
    key = open_key(page)
    assert page.url.endswith(f"#a-{key}")
    expect(permalink).not_to_be_in_viewport()
    page.go_back()
    assert page.url == start
    expect(permalink).to_be_in_viewport()


@pytest.mark.parametrize("hash", ["#a-nonexistent", '#a-"]x', "#a-%E0%A4%A", "#c-99999", '#c-"]x'])
def test_a_link_to_nothing_says_so(open_page: OpenPage, shoot: Shoot, hash: str) -> None:
    page = open_page(hash=hash)  # the fixture fails the test on any script error
    title = "Change not found" if hash.startswith("#c-") else "Note not found"
    expect(page.locator("#panel-title")).to_have_text(title)
    expect(page.locator("#panel .vr-not-found")).to_be_visible()
    if hash == "#a-nonexistent":
        shoot(page, "52-note-not-found")
    page.locator(".vr-view-inline a.vr-ref").first.click()
    expect(page.locator("#panel .vr-not-found")).to_have_count(0)


def test_switching_pairs_drops_the_previous_pairs_note(
    open_page: OpenPage, steps_site: Path
) -> None:
    page = open_page(steps_site)
    page.locator(".vr-view-inline a.vr-ref").first.click()
    key = open_key(page)
    assert "#a-" in page.url
    page.locator('.vr-pairs a[data-pair="v1-v2"]').click()
    assert page.url.endswith("#p-v1-v2")
    page.reload()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator('.vr-pairs a[aria-current="page"]')).to_have_attribute("data-pair", "v1-v2")
    page.go_back()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", key or "")


def test_back_on_a_phone_closes_the_sheet_it_opened(open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    references = page.locator(".vr-view-inline a.vr-ref:visible")
    references.nth(1).scroll_into_view_if_needed()
    references.nth(1).tap()
    first = open_key(page)
    expect(page.locator("#panel")).to_be_visible()
    page.locator("#panel-close").tap()
    references.nth(5).scroll_into_view_if_needed()
    references.nth(5).tap()
    assert open_key(page) != first
    page.go_back()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", first or "")
    page.go_back()
    expect(page.locator("#panel")).to_be_hidden()
