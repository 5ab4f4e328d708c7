"""An overview of a long analysis: markers of changes and notes beside the scrollbar,
a list of changes filtered by kind, unchanged text folded away (also side by side, and
kept in the address), and the chart as one tab stop."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def test_markers_show_where_changes_and_notes_are(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    notes = page.locator(".vr-markers .vr-marker-note")
    expect(notes.first).to_be_attached()
    assert page.locator(".vr-markers .vr-marker-change").count() > 5
    tops = notes.evaluate_all("ms => ms.map(m => m.offsetTop)")
    assert tops == sorted(tops) and tops[-1] > tops[0]
    shoot(page, "53-markers")
    last = notes.last
    href = last.get_attribute("href") or ""
    last.click()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", href[3:])
    assert page.url.endswith(href)


def test_the_list_of_changes_filters_by_kind(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.locator(".vr-changes-box summary").click()
    entries = page.locator(".vr-change-list li")
    expect(entries).to_have_count(34)
    for kind in ("inserted", "deleted", "moved", "edited"):
        page.locator(f'input[name="kind"][value="{kind}"]').uncheck()
    expect(page.locator(".vr-changes-count")).to_have_text(re.compile(r"^\d of 34 changes shown"))
    for href in entries.locator("a").evaluate_all("ls => ls.map(l => l.getAttribute('href'))"):
        expect(page.locator(f"{href} ins.vr-label")).to_have_count(1)
    page.locator('input[name="kind"][value="renumbered"]').uncheck()
    page.locator('input[name="kind"][value="inserted"]').check()
    expect(entries).to_have_count(12)
    shoot(page, "54-list-of-changes")
    link = entries.nth(4).locator("a")
    row = (link.get_attribute("href") or "")[3:]
    link.click()
    expect(page.locator(".vr-current")).to_have_attribute("data-row", row)
    expect(page.locator(".vr-current")).to_be_in_viewport()
    page.go_back()
    assert "#c-" not in page.url


def test_unchanged_text_folds_away_and_opens_again(
    open_page: OpenPage, long_site: Path, shoot: Shoot
) -> None:
    page = open_page(long_site)
    rows = page.locator(".vr-view-inline .vr-row")
    total = rows.count()
    page.locator("#fold").check()
    folds = page.locator(".vr-view-inline .vr-fold button")
    expect(folds.first).to_be_visible()
    shown = page.locator(".vr-view-inline .vr-row:visible").count()
    assert shown < total
    assert page.locator(".vr-view-inline .vr-row[data-change]:visible").count() == 4
    shoot(page, "55-folded")
    label = folds.first.text_content() or ""
    hidden = int(re.findall(r"\d+", label)[0])
    folds.first.click()
    assert page.locator(".vr-view-inline .vr-row:visible").count() == shown + hidden
    expect(page.locator(":focus")).to_have_class(re.compile("vr-row"))
    page.locator("#fold").uncheck()
    expect(page.locator(".vr-fold")).to_have_count(0)
    assert page.locator(".vr-view-inline .vr-row:visible").count() == total


def visible_rows(page: Page) -> int:
    return page.locator(".vr-view-inline .vr-row:visible").count()


def test_hiding_unchanged_text_is_kept_in_the_address(
    open_page: OpenPage, long_site: Path, shoot: Shoot
) -> None:
    page = open_page(long_site)
    total = visible_rows(page)
    page.locator("#fold").check()
    expect(page).to_have_url(re.compile(r"\?unchanged=hidden$"))
    folded = visible_rows(page)
    assert folded < total
    page.reload()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#fold")).to_be_checked()
    expect(page.locator(".vr-view-inline .vr-fold button").first).to_be_visible()
    assert visible_rows(page) == folded
    # said by the box, not in the status line, which still tells the changes and notes
    expect(page.locator("#status")).to_contain_text("4 changes")
    shoot(page, "58-folded-from-the-address")
    page.locator("#fold").uncheck()
    assert "unchanged=" not in page.url
    page.reload()  # the address decides, not the box's state the browser restores
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#fold")).not_to_be_checked()
    assert visible_rows(page) == total


def test_a_link_to_a_note_in_folded_text_with_the_text_folded(
    open_page: OpenPage, long_site: Path, shoot: Shoot
) -> None:
    page = open_page(long_site)
    page.locator("#fold").check()
    folded = page.locator(".vr-view-inline .vr-folded [data-a]").first.get_attribute("data-a")
    assert folded
    link = open_page(
        long_site,
        hash=f"?unchanged=hidden&tag=rules#a-{folded}",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    expect(link.locator("#panel .vr-note")).to_have_attribute("data-key", folded)
    expect(link.locator(f'.vr-view-inline [data-a~="{folded}"]').first).to_be_in_viewport()
    expect(link.locator("#fold")).to_be_checked()
    expect(link.locator("#tag")).to_have_value("rules")
    assert link.locator(".vr-view-inline .vr-fold").count() > 0, "only its own fold opened"
    shoot(link, "59-phone-note-in-folded-text-from-a-link")
    # a jump pushed from there keeps the choice, and Back returns to it
    link.locator("#next-change").tap()
    link.locator("#panel-close").tap()
    link.locator(".vr-view-inline a.vr-ref:visible").first.tap()
    assert "unchanged=hidden" in link.url and "tag=rules" in link.url
    link.go_back()
    assert "unchanged=hidden" in link.url


def test_folds_side_by_side_on_a_phone(open_page: OpenPage, long_site: Path, shoot: Shoot) -> None:
    page = open_page(long_site, viewport=PHONE, is_mobile=True, has_touch=True)
    page.locator("#tools-toggle").click()
    page.locator("#fold").check()
    page.get_by_role("radio", name="Side by side").check()
    folds = page.locator(".vr-sbs .vr-fold button")
    expect(folds.first).to_be_visible()
    assert page.locator(".vr-view-inline .vr-fold").count() == 0
    page.locator("#tools-toggle").click()
    folds.first.scroll_into_view_if_needed()
    shoot(page, "56-phone-folded-side-by-side")
    pairs = page.locator(".vr-sbs .vr-pair:visible").count()
    folds.first.click()
    assert page.locator(".vr-sbs .vr-pair:visible").count() > pairs


def test_a_note_in_folded_text_unfolds_when_opened(open_page: OpenPage, long_site: Path) -> None:
    page = open_page(long_site)
    page.locator("#fold").check()
    keys = page.locator(".vr-index .vr-note").evaluate_all("ns => ns.map(n => n.dataset.key)")
    folded = [
        key for key in keys if page.locator(f'.vr-view-inline .vr-folded [data-a~="{key}"]').count()
    ]
    assert len(folded) == 3
    page.locator(f'#note-list a[href="#a-{folded[0]}"]').click()
    expect(page.locator(f'.vr-view-inline [data-a~="{folded[0]}"]').first).to_be_in_viewport()
    for _ in range(3):  # the next notes' folds open as well
        page.locator("#next-note").click()
        key = page.locator("#panel .vr-note").get_attribute("data-key")
        expect(page.locator(f'.vr-view-inline [data-a~="{key}"]').first).to_be_in_viewport()
    assert page.locator(".vr-view-inline .vr-folded [data-a]").count() == 0
    page.locator("#search").fill("rule number 45")
    page.locator("#search").press("Enter")
    row = page.locator('.vr-view-inline .vr-row:has-text("rule number 45 in")')
    expect(row).to_be_in_viewport()


def test_the_chart_is_one_tab_stop_with_arrow_keys_inside(open_page: OpenPage) -> None:
    page = open_page()
    page.locator(".vr-chart-box summary").click()
    bars = page.locator(".vr-chart a")
    assert bars.count() > 10
    page.locator(".vr-chart-box summary").focus()
    page.keyboard.press("Tab")
    expect(bars.nth(0)).to_be_focused()
    page.keyboard.press("Tab")  # one tab stop: the next Tab is past the chart
    assert page.evaluate("!document.activeElement.closest('.vr-chart')")
    page.keyboard.press("Shift+Tab")
    expect(bars.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(bars.nth(2)).to_be_focused()
    page.keyboard.press("End")
    expect(bars.last).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.vr-chart')")
    page.keyboard.press("Shift+Tab")
    expect(bars.last).to_be_focused()
    page.keyboard.press("Enter")
    row = (bars.last.get_attribute("href") or "")[3:]
    expect(page.locator(".vr-current")).to_have_attribute("data-row", row)


def test_the_list_of_changes_on_a_phone(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    expect(page.locator(".vr-markers .vr-marker-change").first).to_be_attached()
    page.locator(".vr-changes-box summary").tap()
    page.locator('input[name="kind"][value="edited"]').tap()
    entries = page.locator(".vr-change-list a")
    expect(page.locator(".vr-changes-count")).to_contain_text("of 34 changes shown")
    shoot(page, "57-phone-list-of-changes")
    entry = entries.nth(3)
    row = (entry.get_attribute("href") or "")[3:]
    entry.scroll_into_view_if_needed()
    entry.tap()
    current = page.locator(".vr-current")
    expect(current).to_have_attribute("data-row", row)
    bar = page.locator(".vr-toolbar").bounding_box()
    box = current.bounding_box()
    assert bar and box and box["y"] >= bar["y"] + bar["height"] - 1
    assert box["y"] < PHONE["height"]
