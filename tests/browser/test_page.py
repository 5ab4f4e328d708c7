"""The published built-in example in a real browser: notes, views, permalinks,
keyboard, tags, search, phone, print. Each state is saved as a screenshot."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}

OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


def first_note_key(page: Page) -> str:
    key = page.locator(".vr-index .vr-note").first.get_attribute("data-key")
    assert key
    return key


def click_text(page: Page, selector: str, tap: bool = False) -> None:
    """Click (or tap) the first line of an inline element: the centre of its box may be
    on another line, over other text."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    x, y = element.evaluate(
        "e => { const r = e.getClientRects()[0];"
        " return [r.left + Math.min(8, r.width / 2), r.top + r.height / 2]; }"
    )
    if tap:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return r.bottom > 0 && r.top < innerHeight; }",
        )
    )


def test_clicking_an_annotated_passage_opens_its_note_beside_the_text(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page()
    shoot(page, "01-start")
    selector = ".vr-view-inline span[data-a], .vr-view-inline ins[data-a]"
    mark = page.locator(selector).first
    keys = (mark.get_attribute("data-a") or "").split()
    click_text(page, selector)
    panel = page.locator("#panel")
    expect(panel.locator(".vr-note")).to_have_count(len(keys))
    body = page.locator(f'.vr-index .vr-note[data-key="{keys[0]}"] .vr-note-body').inner_text()
    expect(panel).to_contain_text(body.strip()[:60])
    box, text = panel.bounding_box(), page.locator("#text").bounding_box()
    assert box and text and box["x"] > text["x"] + text["width"], "the panel is not beside the text"
    expect(mark).to_have_class(re.compile("vr-open"))
    assert page.url.endswith(f"#a-{keys[0]}")
    shoot(page, "02-note-open")


def test_a_note_reference_opens_with_enter_and_escape_returns_to_it(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page()
    reference = page.locator(".vr-view-inline a.vr-ref").first
    reference.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel .vr-note")).not_to_have_count(0)
    expect(page.locator("#panel")).to_be_focused()
    expect(page.locator("#panel-title")).to_contain_text("Note 1")
    shoot(page, "03-note-by-keyboard")
    page.keyboard.press("Escape")
    expect(page.locator("#panel .vr-note")).to_have_count(0)
    expect(reference).to_be_focused()


def test_a_note_on_a_change_shows_both_wordings(open_page: OpenPage) -> None:
    page = open_page()
    note = page.locator('.vr-index .vr-note[data-key="bf1b073a"]')  # on the first pledge
    expect(note.locator(".vr-wordings del")).to_contain_text("hostile activities")
    expect(note.locator(".vr-wordings ins")).to_contain_text("which run counter")
    note.locator(".vr-permalink").click()
    expect(page.locator("#panel .vr-wordings")).to_be_visible()


def test_each_view_shows_what_it_says(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.locator("#c-6").scroll_into_view_if_needed()
    page.get_by_role("radio", name="Side by side").check()
    expect(page.locator(".vr-view-sbs")).to_be_visible()
    expect(page.locator(".vr-view-inline")).to_be_hidden()
    expect(page.locator(".vr-side-old .vr-row").first).to_be_visible()
    shoot(page, "04-view-side-by-side")
    page.get_by_role("radio", name="2011 only").check()
    expect(page.locator(".vr-view-inline")).to_be_visible()
    assert (
        page.locator(".vr-view-inline ins").evaluate_all(
            "l => l.filter(e => e.getClientRects().length).length"
        )
        == 0
    )
    expect(page.locator(".vr-view-inline del").first).to_be_visible()
    shoot(page, "05-view-old-only")
    page.get_by_role("radio", name="2015 only").check()
    assert (
        page.locator(".vr-view-inline del").evaluate_all(
            "l => l.filter(e => e.getClientRects().length).length"
        )
        == 0
    )
    expect(page.locator(".vr-view-inline ins").first).to_be_visible()
    shoot(page, "06-view-new-only")
    page.get_by_role("radio", name="Changes").check()
    expect(page.locator(".vr-view-inline del").first).to_be_visible()
    expect(page.locator(".vr-view-inline ins").first).to_be_visible()


def test_a_note_permalink_opens_the_page_there_with_the_note_open(
    open_page: OpenPage, shoot: Shoot
) -> None:
    key = "7b6ad768"  # the example's note on freedom of information (its id is fixed)
    page = open_page(hash=f"#a-{key}")
    expect(page.locator(f'#panel .vr-note[data-key="{key}"]')).to_be_visible()
    assert in_viewport(page, f"#a-{key}")
    shoot(page, "07-permalink-note")


def test_a_change_permalink_opens_the_page_at_that_change(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(hash="#c-37")
    expect(page.locator("#c-37")).to_have_class(re.compile("vr-current"))
    assert in_viewport(page, "#c-37")
    shoot(page, "08-permalink-change")


def test_changes_and_notes_are_navigated_by_keyboard(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.keyboard.press("n")
    expect(page.locator("#status")).to_contain_text("Change 1 of 34")
    first = page.url.rsplit("#", 1)[1]
    page.keyboard.press("j")
    expect(page.locator("#status")).to_contain_text("Change 2 of 34")
    page.keyboard.press("p")
    expect(page.locator("#status")).to_contain_text("Change 1 of 34")
    assert page.url.endswith("#" + first)
    expect(page.locator(f"#{first}")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("n")
    expect(page.locator("#status")).to_contain_text("Change 4 of 34")
    shoot(page, "09-keyboard-change")
    page.keyboard.press("]")
    expect(page.locator("#panel .vr-note")).not_to_have_count(0)
    opened = page.locator("#panel .vr-note").first.get_attribute("data-key")
    page.keyboard.press("]")
    expect(page.locator("#panel .vr-note").first).not_to_have_attribute("data-key", opened or "")
    page.keyboard.press("[")
    expect(page.locator("#panel .vr-note").first).to_have_attribute("data-key", opened or "")
    shoot(page, "10-keyboard-note")


def test_the_help_overlay_lists_the_shortcuts(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("next change")
    shoot(page, "11-help")
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    page.keyboard.press("?")
    page.locator("#shortcuts").uncheck()
    page.locator("#help-close").click()
    page.keyboard.press("n")
    expect(page.locator(".vr-current")).to_have_count(0)


def test_the_tag_filter_shows_only_the_notes_tagged(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    total = page.locator(".vr-index .vr-note").count()
    page.locator("#tag").select_option("human-rights")
    shown = page.locator(".vr-index .vr-note:not([hidden])")
    expect(shown).to_have_count(3)
    for key in shown.evaluate_all("l => l.map(e => e.dataset.key)"):
        assert "human-rights" in (
            page.locator(f'.vr-note[data-key="{key}"]').get_attribute("data-tags") or ""
        )
    hidden_refs = page.locator(".vr-view-inline a.vr-ref.vr-off")
    assert hidden_refs.count() >= total - 3
    expect(page.locator("#filter-status")).to_contain_text("3 of 13")
    page.locator(".vr-index").scroll_into_view_if_needed()
    shoot(page, "12-tag-filter")
    page.locator(
        ".vr-index .vr-note:not([hidden]) .vr-tag", has_text="international-law"
    ).first.click()
    expect(page.locator("#tag")).to_have_value("international-law")
    page.locator("#tag").select_option("")
    expect(page.locator(".vr-index .vr-note:not([hidden])")).to_have_count(total)


def test_search_highlights_matches_in_both_versions(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.keyboard.press("/")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("hostile activities")  # 2011 wording only
    expect(page.locator("#search-count")).to_contain_text(re.compile(r"2011: [1-9]\d*, 2015: 0"))
    page.locator("#search").fill("Kazakhstan")  # 2015 only
    expect(page.locator("#search-count")).to_contain_text(re.compile(r"2011: 0, 2015: [1-9]"))
    page.locator("#search").fill("international")
    expect(page.locator("#search-count")).to_contain_text(
        re.compile(r"2011: [1-9]\d*, 2015: [1-9]")
    )
    count = page.evaluate("CSS.highlights.get('vr-search').size")
    assert count > 5
    page.locator("#search").press("Enter")
    expect(page.locator("#status")).to_contain_text(f"Match 1 of {count}")
    page.locator("#search").press("Enter")
    expect(page.locator("#status")).to_contain_text(f"Match 2 of {count}")
    shoot(page, "13-search")
    page.get_by_role("radio", name="Side by side").check()
    assert page.evaluate("CSS.highlights.get('vr-search').size") > 0
    shoot(page, "14-search-side-by-side")


def test_on_a_phone_the_note_is_a_bottom_sheet(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    shoot(page, "15-phone")
    expect(page.locator("#panel")).to_be_hidden()
    click_text(page, ".vr-view-inline span[data-a], .vr-view-inline ins[data-a]", tap=True)
    panel = page.locator("#panel")
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box and box["width"] == PHONE["width"]
    assert abs(box["y"] + box["height"] - PHONE["height"]) < 2 and box["y"] > PHONE["height"] * 0.3
    shoot(page, "16-phone-note")
    page.locator("#panel-close").tap()
    expect(panel).to_be_hidden()


def test_print_shows_the_redline_and_numbered_notes(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    page.emulate_media(media="print")
    expect(page.locator(".vr-toolbar")).to_be_hidden()
    expect(page.locator("#panel")).to_be_hidden()
    expect(page.locator(".vr-index .vr-note").first).to_be_visible()
    expect(page.locator(".vr-view-inline a.vr-ref").first).to_be_visible()
    expect(page.locator(".vr-index .vr-note-num").first).to_have_text("1")
    page.locator(".vr-index").scroll_into_view_if_needed()
    shoot(page, "17-print-notes")
    page.locator("#c-30").scroll_into_view_if_needed()
    shoot(page, "18-print-text")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_the_pages_policy_blocks_injected_scripts(open_page: OpenPage) -> None:
    page = open_page()
    ran = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener('securitypolicyviolation', () => resolve('blocked'));
            const s = document.createElement('script');
            s.textContent = 'window.injected = true';
            document.body.appendChild(s);
            setTimeout(() => resolve(window.injected ? 'ran' : 'silent'), 500);
        })"""
    )
    assert ran == "blocked"
    open_page.problems[:] = [p for p in open_page.problems if "Content Security Policy" not in p]  # type: ignore[attr-defined]


def test_the_embedded_page_opens_notes_too(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page("embed.html", viewport={"width": 800, "height": 640})
    expect(page.locator(".vr-intro")).to_have_count(0)
    expect(page.locator(".vr-index")).to_be_hidden()
    page.locator(".vr-view-inline a.vr-ref").first.click()
    expect(page.locator("#panel .vr-note")).not_to_have_count(0)
    shoot(page, "19-embed")


def test_the_single_file_switches_pairs_and_shows_every_note_of_a_passage(
    open_page: OpenPage, steps_site: Path, shoot: Shoot
) -> None:
    page = open_page(steps_site)
    expect(page.locator(".vr-pairs a[aria-current]")).to_have_text("v1 → v3")
    # v3's note, and the note on the v1 → v2 change by its v1 side
    expect(page.locator(".vr-index .vr-note")).to_have_count(2)
    page.locator('.vr-pairs a[data-pair="v1-v2"]').click()
    expect(page.locator(".vr-pairs a[aria-current]")).to_have_text("v1 → v2")
    expect(page.locator(".vr-old-label").first).to_have_text("v1")
    expect(page.locator(".vr-index .vr-note")).to_have_count(3)
    click_text(page, '.vr-view-inline span[data-a~="00000001"][data-a~="00000002"]')
    expect(page.locator("#panel .vr-note")).to_have_count(2)
    expect(page.locator("#panel-title")).to_have_text("Notes 1, 2")
    shoot(page, "20-pairs-two-notes")
    page.locator("#a-00000003").click()
    expect(page.locator("#panel .vr-wordings del")).to_have_text("weapons")
    expect(page.locator("#panel .vr-wordings ins")).to_have_text("communication technologies")
    page.goto(steps_site.as_uri() + "#a-00000004")
    expect(page.locator(".vr-pairs a[aria-current]")).to_have_text("v1 → v3")
    page.goto(steps_site.as_uri() + "#p-v2-v3")
    expect(page.locator(".vr-pairs a[aria-current]")).to_have_text("v2 → v3")


def test_the_dark_scheme_keeps_every_mark_distinct(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page(color_scheme="dark", hash="#a-bf1b073a")
    expect(page.locator("#panel .vr-wordings")).to_be_visible()
    assert in_viewport(page, "#a-bf1b073a")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 23, 27)"
    shoot(page, "21-dark-note")


def test_a_chart_bar_leads_to_its_provision(open_page: OpenPage, shoot: Shoot) -> None:
    page = open_page()
    chart = page.locator(".vr-chart-box")
    expect(chart).not_to_have_attribute("open", "")  # closed, so the text comes first
    chart.locator("summary").click()
    bar = page.locator('.vr-chart a[href="#c-38"]')
    expect(bar.locator("title")).to_contain_text("words inserted")
    bar.click()
    expect(page.locator("#c-38")).to_have_class(re.compile("vr-current"))
    assert in_viewport(page, "#c-38")
    assert page.url.endswith("#c-38")
    expect(page.locator("#status")).to_contain_text(re.compile(r"Change \d+ of 34"))
    shoot(page, "22-chart-bar-followed")
