"""The published example read on a phone (390×844, by touch) and embedded in a 640 px
iframe: the opened note's passage stays in sight above the bottom sheet, the compact
toolbar stays on screen and works by tapping, side by side names its columns."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Frame, Locator, Page, expect

PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def on_phone(open_page: OpenPage, name: str = "index.html") -> Page:
    return open_page(name, viewport=PHONE, is_mobile=True, has_touch=True)


def finger(page: Page, target: Locator) -> None:
    """Tap the middle of ``target`` where it is on the screen (Playwright's ``tap()``
    first scrolls a sticky element "into view", moving the page as no finger does)."""
    box = target.bounding_box()
    assert box, "not on the screen"
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def passage_box(page: Page | Frame, key: str) -> dict[str, float]:
    """The union of the boxes of note ``key``'s marked pieces shown in the text."""
    return page.evaluate(  # type: ignore[no-any-return]
        """key => {
            const boxes = [...document.querySelectorAll('.vr-view-inline [data-a]')]
                .filter(e => e.dataset.a.split(' ').includes(key))
                .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
            return { top: Math.min(...boxes.map(r => r.top)),
                     bottom: Math.max(...boxes.map(r => r.bottom)) };
        }""",
        key,
    )


def assert_passage_in_sight(page: Page | Frame) -> None:
    """The open note's passage lies below the toolbar and above the sheet."""
    key = page.locator("#panel .vr-note").first.get_attribute("data-key")
    assert key
    passage = passage_box(page, key)
    sheet = page.locator("#panel").bounding_box()
    bar = page.locator(".vr-toolbar").bounding_box()
    assert sheet and bar
    assert bar["y"] + bar["height"] <= passage["top"], (passage, bar)
    assert passage["bottom"] <= sheet["y"], (passage, sheet)


def test_a_tapped_passage_stays_in_sight_above_its_note(open_page: OpenPage, shoot: Shoot) -> None:
    page = on_phone(open_page)
    for n in (2, 8):
        reference = page.locator(".vr-view-inline a.vr-ref:visible").nth(n)
        reference.scroll_into_view_if_needed()
        page.evaluate("scrollBy(0, innerHeight / 2 - 60)")  # the passage low on the screen
        reference.tap()
        expect(page.locator("#panel")).to_be_visible()
        assert_passage_in_sight(page)
    shoot(page, "30-phone-note-above-sheet")


def test_a_note_permalink_on_a_phone_shows_its_passage_above_the_sheet(
    open_page: OpenPage,
) -> None:
    page = open_page(hash="#a-7b6ad768", viewport=PHONE, is_mobile=True, has_touch=True)
    expect(page.locator('#panel .vr-note[data-key="7b6ad768"]')).to_be_visible()
    assert_passage_in_sight(page)


def test_the_toolbar_stays_on_screen_and_its_buttons_work_by_tapping(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = on_phone(open_page)
    bar = page.locator(".vr-toolbar")
    start = bar.bounding_box()
    assert start and start["height"] < 60, "the toolbar is not one compact row"
    page.evaluate("scrollTo(0, 3000)")
    box = bar.bounding_box()
    assert box and box["y"] == 0 and page.evaluate("scrollY") >= 3000
    finger(page, page.locator("#next-note"))
    expect(page.locator("#panel .vr-note")).to_have_count(1)
    first = page.locator("#panel .vr-note").get_attribute("data-key")
    assert page.url.endswith(f"#a-{first}")
    assert_passage_in_sight(page)
    finger(page, page.locator("#next-note"))
    expect(page.locator("#panel .vr-note")).not_to_have_attribute("data-key", first or "")
    assert_passage_in_sight(page)
    finger(page, page.locator("#prev-note"))
    expect(page.locator("#panel .vr-note")).to_have_attribute("data-key", first or "")
    finger(page, page.locator("#next-change"))
    expect(page.locator("#status")).to_contain_text(re.compile(r"Change \d+ of 34"))
    current = page.locator(".vr-current").bounding_box()
    sheet = page.locator("#panel").bounding_box()
    assert current and sheet and current["y"] >= 0
    assert current["y"] + current["height"] <= sheet["y"], "the change is under the open note"
    shoot(page, "31-phone-toolbar-after-scrolling")


def test_search_and_the_views_open_from_the_phone_toolbar(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = on_phone(open_page)
    page.evaluate("scrollTo(0, 2000)")
    expect(page.locator("#search")).to_be_hidden()
    toggle = page.get_by_role("button", name="Search and view")
    finger(page, toggle)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("scrollY") == 2000, "opening the tools moved the text"
    page.locator("#search").fill("international")
    expect(page.locator("#search-count")).to_contain_text("matches")
    finger(page, page.locator("#next-hit"))
    expect(page.locator("#status")).to_contain_text("Match 1 of")
    finger(page, page.get_by_role("radio", name="Side by side"))
    expect(page.locator(".vr-view-sbs")).to_be_visible()
    box = page.locator(".vr-toolbar").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] < PHONE["height"] / 2
    shoot(page, "32-phone-tools-open")
    finger(page, toggle)
    expect(page.locator("#search")).to_be_hidden()


def test_side_by_side_on_a_phone_names_each_column(open_page: OpenPage, shoot: Shoot) -> None:
    page = on_phone(open_page)
    finger(page, page.locator("#tools-toggle"))
    finger(page, page.get_by_role("radio", name="Side by side"))
    finger(page, page.locator("#tools-toggle"))
    pair = page.locator(".vr-pair[data-change]").nth(1)
    pair.scroll_into_view_if_needed()
    labels = pair.evaluate(
        "p => [...p.querySelectorAll('.vr-side')].filter(c => c.getClientRects().length)"
        ".map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"2011"', '"2015"']
    old = pair.locator(".vr-side-old").bounding_box()
    new = pair.locator(".vr-side-new").bounding_box()
    assert old and new and old["y"] < new["y"], "the columns are not stacked"
    shoot(page, "33-phone-side-by-side")


def test_in_a_640_px_embed_the_passage_stays_above_the_sheet(
    open_page: OpenPage, site: Path, shoot: Shoot
) -> None:
    snippet = (site / "embed-snippet.html").read_text(encoding="utf-8")
    host = site / "host.html"
    # the class open_page waits for, on the host page holding the iframe
    host.write_text(
        f"<!DOCTYPE html><title>Host</title><body class='vr-ready' style='margin:0'>{snippet}",
        encoding="utf-8",
    )
    page = open_page(host, viewport={"width": 640, "height": 760})
    frame = page.frame_locator("iframe")
    embed = next(f for f in page.frames if f.url.endswith("embed.html"))
    embed.wait_for_selector("body.vr-ready")
    assert embed.evaluate("innerWidth") == 640
    reference = frame.locator(".vr-view-inline a.vr-ref").nth(2)
    reference.scroll_into_view_if_needed()
    embed.evaluate("scrollBy(0, innerHeight / 2 - 40)")
    reference.click()
    expect(frame.locator("#panel .vr-note")).not_to_have_count(0)
    assert_passage_in_sight(embed)
    shoot(page, "34-embed-640-note")


def test_a_whole_inserted_paragraph_wraps_within_the_screen(open_page: OpenPage) -> None:
    # an inserted paragraph is one <ins class="vr-whole">: it must wrap like any text,
    # on a phone, on a desktop, and when printed (a wider page is shrunk to fit the paper)
    for page in (on_phone(open_page), open_page("index.html")):
        inserted = page.locator(".vr-view-inline p.vr-inserted ins.vr-whole").first
        expect(inserted).to_be_visible()
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
            "document.documentElement.clientWidth"
        )
