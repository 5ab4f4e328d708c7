"""Finding one's way in the published example: the text starts on the first screen, the
chart does not trap scrolling, and the notes list (with its tag filter, kept in the
address) rests in the panel until a note is opened."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def first_text_top(page: Page) -> float:
    box = page.locator(".vr-view-inline .vr-row").first.bounding_box()
    assert box
    return box["y"]


def test_the_text_starts_in_the_upper_half_of_the_first_screen(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(viewport=DESKTOP)
    assert first_text_top(page) < DESKTOP["height"] / 2
    expect(page.locator(".vr-intro")).to_be_hidden()
    expect(page.locator(".vr-chart")).to_be_hidden()
    shoot(page, "40-desktop-first-screen")
    page.get_by_text("About this analysis").click()
    expect(page.locator(".vr-intro")).to_be_visible()
    expect(page.locator(".vr-versions")).to_contain_text("2011-09-14")


def test_on_a_phone_the_text_starts_in_the_upper_part_of_the_first_screen(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    # above it: the title, the toolbar, two lines of counts, the legend, and the chart's
    # and the list of changes' summaries side by side on one line
    assert first_text_top(page) < PHONE["height"] * 0.4
    chart = page.locator(".vr-chart-box summary").bounding_box()
    changes = page.locator(".vr-changes-box summary").bounding_box()
    assert chart and changes and chart["y"] == changes["y"] and chart["x"] < changes["x"]
    expect(page.locator(".vr-stats")).to_contain_text("34 changed passages")
    expect(page.locator(".vr-legend")).to_contain_text("renumbered")
    shoot(page, "41-phone-first-screen")
    page.locator(".vr-chart-box summary").tap()
    box = page.locator(".vr-chart-box").bounding_box()
    assert box and box["width"] > PHONE["width"] * 0.85, "the open chart has the width"
    expect(page.locator(".vr-chart")).to_be_visible()
    shoot(page, "41b-phone-chart-open")


def test_scrolling_over_the_open_chart_scrolls_the_page(open_page: OpenPage) -> None:
    page = open_page(viewport=PHONE)
    page.locator(".vr-chart-box summary").click()
    chart = page.locator(".vr-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, 300)
    page.wait_for_function("before => scrollY > before", arg=before)
    assert page.locator(".vr-chart-scroll").evaluate("e => e.scrollTop") == 0


def test_the_panel_lists_the_notes_until_one_is_opened(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(viewport=DESKTOP)
    entries = page.locator("#panel #note-list li")
    expect(entries).to_have_count(13)
    expect(page.locator("#panel-title")).to_have_text("Notes (13)")
    expect(page.locator("#notes-link")).to_have_text("Notes (13)")
    shoot(page, "42-notes-list")
    entries.nth(4).locator("a").click()
    expect(page.locator("#panel-title")).to_have_text("Note 5")
    key = page.locator("#panel .vr-note").get_attribute("data-key")
    assert page.url.endswith(f"#a-{key}")
    mark = page.locator(f'.vr-view-inline [data-a~="{key}"]').first
    expect(mark).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(entries).to_have_count(13)
    page.locator(".vr-view-inline a.vr-ref").first.click()
    expect(page.locator("#note-list")).to_be_hidden()
    page.locator("#notes-link").click()
    expect(entries.first).to_be_visible()
    expect(page.locator("#panel")).to_be_focused()


def test_the_tag_filter_is_kept_in_the_address(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(viewport=DESKTOP)
    page.locator("#tag").select_option("human-rights")
    expect(page.locator("#note-list li")).to_have_count(3)
    expect(page.locator("#notes-link")).to_have_text("Notes (3)")
    assert "?tag=human-rights" in page.url
    shoot(page, "43-notes-list-tagged")
    key = page.locator("#note-list a").first.get_attribute("href")
    again = open_page(hash=f"?tag=human-rights{key}", viewport=DESKTOP)
    expect(again.locator("#tag")).to_have_value("human-rights")
    expect(again.locator(".vr-index .vr-note:not([hidden])")).to_have_count(3)
    expect(again.locator("#panel .vr-note")).to_have_attribute("data-key", (key or "")[3:])
    again.locator("#panel-close").click()
    expect(again.locator("#note-list li")).to_have_count(3)
    again.locator("#tag").select_option("")
    assert "tag=" not in again.url
    unknown = open_page(hash="?tag=no-such-tag", viewport=DESKTOP)
    expect(unknown.locator("#note-list li")).to_have_count(13)


def test_on_a_phone_the_notes_link_opens_the_list_in_the_sheet(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    expect(page.locator("#panel")).to_be_hidden()
    page.evaluate("scrollTo(0, 2500)")
    link = page.locator("#notes-link")
    box = link.bounding_box()
    assert box and box["y"] >= 0
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#panel #note-list li")).to_have_count(13)
    shoot(page, "44-phone-notes-list")
    page.locator("#tag").select_option("sponsors")
    entry = page.locator("#note-list a").nth(1)
    entry.scroll_into_view_if_needed()
    box = entry.bounding_box()
    assert box
    page.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
    expect(page.locator("#panel-title")).to_have_text(re.compile(r"^Note \d+$"))
    key = page.locator("#panel .vr-note").get_attribute("data-key")
    passage = page.locator(f'.vr-view-inline [data-a~="{key}"]').first.bounding_box()
    sheet = page.locator("#panel").bounding_box()
    assert passage and sheet and passage["y"] + passage["height"] <= sheet["y"]
    page.locator("#panel-close").tap()
    expect(page.locator("#panel")).to_be_hidden()


def test_an_open_note_sets_the_list_aside_out_of_sight_and_of_reach(open_page: OpenPage) -> None:
    """The list stays laid out while a note is open (opening one does not undo it), but
    it is neither seen, nor reached by Tab, nor heard."""
    page = open_page(viewport=DESKTOP)
    entries = page.locator("#panel #note-list li")
    expect(entries).to_have_count(13)
    reference = page.locator(".vr-view-inline a.vr-ref").nth(2)
    reference.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel")).to_be_focused()
    expect(page.locator("#note-list")).to_be_hidden()
    expect(page.locator("#tag")).to_be_hidden()
    heard = page.locator("#panel").aria_snapshot()
    assert "Tag" not in heard and "Notes, in the order of the text" not in heard, heard
    assert "Note" in heard
    panel = page.locator("#panel")
    for _ in range(12):  # the note's controls, then out of the panel: never into the list
        page.keyboard.press("Tab")
        assert not page.locator("#panel-list").evaluate("l => l.contains(document.activeElement)")
        if not panel.evaluate("p => p.contains(document.activeElement)"):
            break
    page.keyboard.press("Escape")
    expect(entries).to_have_count(13)
    expect(entries.first).to_be_visible()
    expect(page.locator("#tag")).to_be_visible()


def test_switching_pairs_lists_the_notes_of_the_pair_shown(
    open_page: OpenPage, steps_site: Path
) -> None:
    page = open_page(steps_site, viewport=DESKTOP)
    expect(page.locator("#note-list li")).to_have_count(2)
    page.locator('.vr-pairs a[data-pair="v1-v2"]').click()
    expect(page.locator("#note-list li")).to_have_count(3)
    expect(page.locator("#notes-link")).to_have_text("Notes (3)")


def test_a_long_list_of_notes_lists_more_as_it_scrolls_and_the_rest_on_request(
    open_page: OpenPage, tmp_path: Path
) -> None:
    from variorum.annotations.model import Annotation, Body
    from variorum.project import add_version, create_project
    from variorum.publish import publish_file

    project = create_project(tmp_path / "p", "Many notes", ["A. Analyst"], "")
    lines = [f"Rule {n} applies in good faith." for n in range(1, 401)]
    for label, text in (("old", lines[:-1]), ("new", lines)):
        (tmp_path / f"{label}.txt").write_text("\n\n".join(text) + "\n", encoding="utf-8")
        project = add_version(project, tmp_path / f"{label}.txt", label)
    project.save_annotations(
        Annotation(
            f"urn:uuid:{n:08x}-0000-4000-8000-000000000000",
            project.quote_target("new", f"Rule {n} applies"),
            Body(f"Note {n}."),
        )
        for n in range(1, 401)
    )
    publish_file(project, tmp_path / "many.html")
    page = open_page(tmp_path / "many.html")
    entries = page.locator("#note-list li a")
    expect(entries).to_have_count(40)
    expect(page.locator("#panel-title")).to_have_text("Notes (400)")
    # more as the end of the list comes near the panel's bottom
    page.locator("#panel").evaluate("p => { p.scrollTop = p.scrollHeight; }")
    expect(entries).to_have_count(120)
    # the button, reached from the keyboard, lists all the rest, the first of them focused
    button = page.get_by_role("button", name="List all 400 notes")
    button.focus()
    page.wait_for_timeout(300)
    expect(entries).to_have_count(120)  # nothing more while the reader is on it
    page.keyboard.press("Enter")
    expect(entries).to_have_count(400)
    expect(entries.nth(120)).to_be_focused()
    expect(button).to_have_count(0)


def test_the_tag_filter_dims_the_other_notes_in_every_view(open_page: OpenPage) -> None:
    page = open_page(viewport=DESKTOP)
    page.locator("#tag").select_option("human-rights")
    tagged = set(page.locator("#note-list a").evaluate_all("ls => ls.map(l => l.hash.slice(3))"))
    assert len(tagged) == 3
    for view in ("Side by side", "Changes", "Side by side"):
        page.get_by_role("radio", name=view).check()
        section = ".vr-view-sbs" if view == "Side by side" else ".vr-view-inline"
        lit = page.locator(f"{section} [data-a]:not(.vr-off)").evaluate_all(
            "ms => ms.flatMap(m => m.dataset.a.split(' '))"
        )
        assert lit and set(lit) & tagged and all(
            page.locator(f'{section} [data-a~="{key}"]:not(.vr-off)').count() for key in tagged
        )
        assert page.locator(f"{section} [data-a].vr-off").count() > 0
    page.locator("#tag").select_option("")
    assert page.locator(".vr-view-sbs [data-a].vr-off").count() == 0
    page.get_by_role("radio", name="Changes").check()
    assert page.locator(".vr-view-inline [data-a].vr-off").count() == 0


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_scrollbar_counts_the_text_and_notes_not_laid_out_yet(
    open_page: OpenPage, size: dict[str, int]
) -> None:
    """The page's height on opening (parts off screen are laid out only when they come
    near, and take a guessed room until then) is within a fifth of its height with all
    laid out: the scrollbar does not jump when the reader reaches the notes."""
    page = open_page(viewport=size)
    guessed = page.evaluate("document.documentElement.scrollHeight")
    whole = page.evaluate(
        """() => {
            const parts = document.querySelectorAll('.vr-chunk, .vr-index, .vr-index .vr-note');
            parts.forEach(part => { part.style.contentVisibility = 'visible'; });
            return document.documentElement.scrollHeight;
        }"""
    )
    assert abs(guessed - whole) < whole / 5, (guessed, whole)
