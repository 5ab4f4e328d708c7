"""Searching the published example: Enter searches what was just typed, notes and
tags are searched too, whole words on request, a live count and a list of results."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def current_match(page: Page) -> str:
    """The text of the match the page points at now."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => { const h = CSS.highlights.get('vr-search-current');
                   if (!h) return '';
                   const r = [...h][0]; const range = document.createRange();
                   range.setStart(r.startContainer, r.startOffset);
                   range.setEnd(r.endContainer, r.endOffset);
                   return range.toString(); }"""
    )


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_enter_right_after_typing_searches_the_new_query(
    open_page: OpenPage, viewport: dict[str, int] | None
) -> None:
    page = open_page(viewport=viewport)
    if viewport:  # on a phone, search is behind the toolbar's tools button
        tools = page.locator("#tools-toggle")
        page.mouse.click(*_centre(tools))
        expect(tools).to_have_attribute("aria-expanded", "true")
    search = page.locator("#search")
    search.fill("information")
    search.press("Enter")
    count = page.locator("#search-count")
    expect(count).to_contain_text("matches")
    before = count.text_content()
    assert current_match(page).lower() == "information"
    # the new query and Enter in one task: well within the pause that waits for typing
    page.evaluate(
        """() => { const s = document.getElementById('search');
                   s.value = 'cooperation';
                   s.dispatchEvent(new Event('input', { bubbles: true }));
                   const enter = { key: 'Enter', bubbles: true };
                   s.dispatchEvent(new KeyboardEvent('keydown', enter)); }"""
    )
    assert current_match(page).lower() == "cooperation"
    expect(count).not_to_have_text(before or "")


def _centre(target: Locator) -> tuple[float, float]:
    """Where a finger taps ``target`` (a click by position: Playwright's own click first
    scrolls a sticky element "into view", moving the page as no finger does)."""
    box = target.bounding_box()
    assert box, "not on screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_the_count_is_announced(open_page: OpenPage) -> None:
    page = open_page()
    expect(page.locator("#search-count")).to_have_attribute("role", "status")
    page.locator("#search").fill("cooperation")
    expect(page.get_by_role("status").filter(has_text="matches")).to_have_count(1)


def test_notes_and_their_tags_are_searched(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.locator("#search").fill("human rights")
    expect(page.locator("#search-count")).to_contain_text(re.compile(r"\b3 notes\b"))
    page.locator("#search-results summary").click()
    notes = page.locator("#search-results a[href^='#a-']")
    expect(notes).to_have_count(3)
    shoot(page, "50-search-results")
    key = (notes.nth(1).get_attribute("href") or "")[3:]
    notes.nth(1).click()
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", key)


def test_whole_words_only(open_page: OpenPage) -> None:
    page = open_page()
    page.locator("#search").fill("state")
    count = page.locator("#search-count")
    expect(count).to_contain_text("matches")
    parts = int((count.text_content() or "").split()[0])
    page.locator("#search-whole").check()
    expect(count).not_to_have_text(re.compile(rf"^{parts} "))
    whole = int((count.text_content() or "").split()[0])
    assert 0 < whole < parts
    page.locator("#search").press("Enter")
    assert current_match(page).lower() == "state"


def test_a_result_in_the_list_leads_to_its_match(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.locator("#tools-toggle").click()
    page.locator("#search").fill("security")
    page.locator("#search-results summary").click()
    results = page.locator("#search-results button.vr-result")
    expect(results.first).to_be_visible()
    shoot(page, "51-phone-search-results")
    results.nth(5).click()
    assert current_match(page).lower() == "security"
    expect(page.locator("#status")).to_contain_text(re.compile(r"Match 6 of \d+"))


def test_text_both_versions_share_is_counted_in_each_and_marked_once(open_page: OpenPage) -> None:
    page = open_page()
    page.locator("#search").fill("information")
    count = page.locator("#search-count")
    expect(count).to_contain_text("matches")
    found = re.match(r"(\d+) matches \(2011: (\d+), 2015: (\d+)\)", count.text_content() or "")
    assert found, count.text_content()
    total, old, new = (int(n) for n in found.groups())
    marked = page.evaluate(
        """() => [...CSS.highlights.get('vr-search')].map(r =>
                 [r.startContainer.parentElement.closest('[data-row]').id, r.startOffset,
                  r.startContainer.data.slice(r.startOffset, r.startOffset + 11).toLowerCase()])"""
    )
    assert len(marked) == total and all(text == "information" for _, _, text in marked)
    assert len({(row, at, text) for row, at, text in marked}) == total, "a match marked twice"
    assert old + new > total > max(old, new), "shared text is in both versions' counts"


def test_a_match_across_an_edit_is_found_in_the_version_that_reads_it(
    open_page: OpenPage,
) -> None:
    page = open_page()
    page.locator("#search").fill("sixty-ninth")
    page.locator("#search").press("Enter")
    expect(page.locator("#search-count")).to_have_text("2 matches (2011: 0, 2015: 2)")
    # the range runs from the shared "Sixty-" to the inserted "ninth" (over the deleted
    # "sixth" between them in the page)
    match = current_match(page)
    assert match.startswith("Sixty-") and match.endswith("ninth"), match
    spans = page.evaluate(
        """() => { const r = [...CSS.highlights.get('vr-search-current')][0];
                   return [r.startContainer, r.endContainer].map(n => n.parentElement.tagName); }"""
    )
    assert spans == ["SPAN", "INS"]
    # the old version's "sixty-sixth" (edited to "ninth" twice), the new one's in new text
    page.locator("#search").fill("sixty-sixth session")
    expect(page.locator("#search-count")).to_have_text("3 matches (2011: 2, 2015: 1)")
