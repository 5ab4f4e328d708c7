"""A text of 300 paragraphs (the ``long_text`` fixture: paragraphs 2, 140, 150 and 280
changed, 140 and 150 in one chunk), laid out by the browser a chunk of 32 at a time as
it comes near the screen: the markers, "hide unchanged text", next change and next note
reach the changes and notes in chunks not laid out yet, in each view."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def changed_rows(page: Page) -> list[str]:
    return page.locator(".vr-view-inline .vr-row[data-change]").evaluate_all(
        "rows => rows.map(row => row.dataset.row)"
    )


def test_markers_place_changes_not_laid_out_yet(
    open_page: OpenPage, long_text: Path, shoot: Shoot
) -> None:
    page = open_page(long_text)
    rows = changed_rows(page)
    assert len(rows) == 4
    last = page.locator(f"#c-{rows[-1]}")
    assert not last.evaluate("row => row.checkVisibility({ contentVisibilityAuto: true })")
    markers = page.locator(".vr-markers .vr-marker-change")
    expect(markers).to_have_count(4)
    assert markers.evaluate_all("ms => ms.map(m => m.getAttribute('href'))") == [
        f"#c-{row}" for row in rows
    ]
    assert_placed(page, rows)
    expect(page.locator(".vr-markers .vr-marker-note")).to_have_count(3)
    shoot(page, "70-long-text-markers")
    markers.nth(2).click()
    expect(page.locator(".vr-current")).to_have_attribute("data-row", rows[2])
    expect(page.locator(".vr-current")).to_be_in_viewport()


def assert_placed(page: Page, rows: list[str]) -> None:
    """Each change's marker is where its chunk of the text is on the scrollbar (by the
    chunk's box, not the row's: that would lay the chunk out), in order, and the two
    changes of one chunk apart."""
    markers = page.locator(".vr-markers .vr-marker-change")
    tops = markers.evaluate_all("ms => ms.map(m => m.offsetTop / m.parentElement.clientHeight)")
    spans = page.evaluate(
        """rows => rows.map(row => {
            const box = document.getElementById('c-' + row).parentElement.getBoundingClientRect();
            const page = document.documentElement.scrollHeight;
            return [(box.top + scrollY) / page, (box.bottom + scrollY) / page];
        })""",
        rows,
    )
    assert tops == sorted(tops) and len(set(tops)) == 4
    for top, (start, end) in zip(tops, spans, strict=True):
        assert start - 0.01 <= top <= end + 0.01, (top, start, end)


def test_markers_follow_the_page_as_its_text_is_laid_out(
    open_page: OpenPage, long_text: Path
) -> None:
    page = open_page(long_text)
    rows = changed_rows(page)
    expect(page.locator(".vr-markers .vr-marker-change")).to_have_count(4)
    before = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(12):  # the chunks come near the screen one after the other
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(50)
    after = page.evaluate("document.documentElement.scrollHeight")
    assert abs(after - before) > before / 10, "the text took another room once laid out"
    page.wait_for_timeout(1000)  # redrawn a quarter of a second after, when idle
    assert_placed(page, rows)


@pytest.mark.parametrize("view", ["Changes", "Side by side"])
def test_next_change_from_anywhere_reaches_the_next_one(
    open_page: OpenPage, long_text: Path, view: str
) -> None:
    page = open_page(long_text)
    rows = changed_rows(page)
    page.get_by_role("radio", name=view, exact=True).check()
    chunks = page.locator(".vr-view-inline .vr-chunk").count()
    assert chunks == 10 and page.locator(".vr-sbs .vr-chunk").count() in (0, chunks)
    for row in rows:
        press(page, "#next-change")
        expect(page.locator(".vr-current")).to_have_attribute("data-row", row)
        expect(page.locator(".vr-current")).to_be_in_viewport()
    # from a place between two changes of which neither was shown: the one below it
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".vr-view-inline .vr-row:visible, .vr-sbs .vr-side-new .vr-row").filter(
        has_text=re.compile(r"^Clause 200\.")
    ).first.scroll_into_view_if_needed()
    press(page, "#next-change")
    expect(page.locator(".vr-current")).to_have_attribute("data-row", rows[3])
    press(page, "#prev-change")
    press(page, "#prev-change")
    expect(page.locator(".vr-current")).to_have_attribute("data-row", rows[1])


def press(page: Page, button: str) -> None:
    """A mouse click on a toolbar button where it is on the screen. (Playwright's own
    click first scrolls the page to bring the sticky toolbar "into view", by half a
    screen here, which a reader's click does not.)"""
    box = page.locator(button).bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("view", ["Changes", "old only"])
def test_next_note_from_the_middle_is_the_first_below(
    open_page: OpenPage, long_text: Path, view: str
) -> None:
    page = open_page(long_text)
    page.get_by_role("radio", name=view, exact=True).check()
    clause = page.locator(".vr-view-inline .vr-row").filter(has_text=re.compile(r"^Clause 120\."))
    clause.evaluate("row => row.scrollIntoView({ block: 'start' })")
    press(page, "#next-note")
    expect(page.locator("#panel .vr-note")).to_contain_text("keep clause 200 in")
    expect(page.locator('.vr-view-inline [data-a~="00000002"]').first).to_be_in_viewport()
    press(page, "#prev-note")
    expect(page.locator("#panel .vr-note")).to_contain_text("keep clause 100 in")


def test_a_fold_longer_than_a_chunk_opens_whole(
    open_page: OpenPage, long_text: Path, shoot: Shoot
) -> None:
    page = open_page(long_text, viewport=PHONE, is_mobile=True, has_touch=True)
    page.locator("#tools-toggle").tap()
    page.locator("#fold").check()
    page.locator("#tools-toggle").tap()
    buttons = page.locator(".vr-view-inline .vr-fold button")
    labels = buttons.all_text_contents()
    counts = [int(re.findall(r"\d+", label)[0]) for label in labels]
    assert max(counts) > 100, labels  # the 128 paragraphs between changes 1 and 2: 4 chunks
    shown = page.locator(".vr-view-inline .vr-row:visible").count()
    widest = buttons.nth(counts.index(max(counts)))
    widest.scroll_into_view_if_needed()
    shoot(page, "71-phone-long-fold")
    widest.tap()
    assert page.locator(".vr-view-inline .vr-row:visible").count() == shown + max(counts)
    expect(page.locator(".vr-view-inline .vr-fold button")).to_have_count(len(labels) - 1)


def test_the_phone_toolbar_is_over_the_markers_and_one_row(
    open_page: OpenPage, long_text: Path, shoot: Shoot
) -> None:
    page = open_page(long_text, viewport=PHONE, is_mobile=True, has_touch=True)
    marker = page.locator(".vr-markers .vr-marker-change").first
    expect(marker).to_be_attached()
    box, bar = marker.bounding_box(), page.locator(".vr-toolbar").bounding_box()
    assert box and bar and bar["height"] < 60, "one row"
    # scrolled until the toolbar, not yet stuck at the top, passes over the marker
    page.evaluate("y => window.scrollTo(0, y)", bar["y"] - box["y"] + 2)
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    on_top = "([x, y]) => Boolean(document.elementFromPoint(x, y).closest('.vr-toolbar'))"
    assert page.evaluate(on_top, middle), "a marker over the toolbar's buttons"
    shoot(page, "72-phone-toolbar-over-the-markers")
