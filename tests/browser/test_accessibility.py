"""An automated accessibility audit (axe-core, from the npm registry) of the published
example: no serious or critical violation, in light and dark schemes, in each view,
with a note open, and on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_audit import audit
from playwright.sync_api import Page, expect

OpenPage = Callable[..., Page]
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", ["Changes", "Side by side", "2011 only", "2015 only"])
def test_each_view_has_no_serious_violation(
    open_page: OpenPage, axe_source: str, scheme: str, view: str
) -> None:
    page = open_page(color_scheme=scheme)
    page.get_by_role("radio", name=view).check()
    assert audit(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_open_notes_search_tools_and_notes_list_have_no_serious_violation(
    open_page: OpenPage, axe_source: str, scheme: str, phone: bool
) -> None:
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    page = open_page(color_scheme=scheme, **device)
    page.locator(".vr-view-inline a.vr-ref").nth(3).click()
    if phone:  # search and the views wait behind the compact toolbar's toggle
        page.locator("#tools-toggle").click()
        page.get_by_role("radio", name="Side by side").check()
    page.locator("#search").fill("information")
    expect(page.locator("#search-count")).to_contain_text("matches")
    assert audit(page, axe_source) == []
    page.locator("#notes-link").click()
    page.locator("#tag").select_option("human-rights")
    expect(page.locator("#note-list li")).to_have_count(3)
    assert audit(page, axe_source) == []


def test_a_phone_with_the_bottom_sheet_has_no_serious_violation(
    open_page: OpenPage, axe_source: str
) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.locator(".vr-view-inline a.vr-ref").first.tap()
    assert audit(page, axe_source) == []


def test_the_help_dialog_has_no_serious_violation(open_page: OpenPage, axe_source: str) -> None:
    page = open_page()
    page.keyboard.press("?")
    assert audit(page, axe_source) == []


def luminance(colour: str) -> float:
    """The relative luminance of a CSS ``#rrggbb`` or ``rgb(r, g, b)`` colour."""
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(n)) for n in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_highlights_have_enough_contrast(open_page: OpenPage, scheme: str) -> None:
    """The colours the text is painted with: the highlights' own computed styles."""
    page = open_page(color_scheme=scheme)
    page.locator("#search").fill("information")
    page.locator("#search").press("Enter")
    expect(page.locator("#search-count")).to_contain_text("matches")
    colours = page.evaluate(
        """() => { const row = [...CSS.highlights.get('vr-search-current')][0]
                       .startContainer.parentElement;
                   return ['vr-search', 'vr-search-current'].map(name => {
                       const s = getComputedStyle(row, '::highlight(' + name + ')');
                       return [s.backgroundColor, s.color]; }); }"""
    )
    (hit, hit_fg), (now, now_fg) = colours
    assert hit != now, "the current match looks like the others"
    assert contrast(hit, hit_fg) >= 4.5
    assert contrast(now, now_fg) >= 4.5


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_note_panel_shows_focus_and_tab_goes_on_in_the_text(
    open_page: OpenPage, phone: bool
) -> None:
    """Also in the phone's bottom sheet, which slides in (motion as a reader has it by
    default): a sheet still hidden as it starts to slide in would refuse the focus."""
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    page = open_page(reduced_motion="no-preference", **device)
    reference = page.locator(".vr-view-inline a.vr-ref").nth(3)
    reference.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    expect(panel).to_be_focused()
    assert panel.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert float(panel.evaluate("e => parseFloat(getComputedStyle(e).outlineWidth)")) >= 2
    for _ in range(30):  # through the note's tags and links, then out of the panel
        page.keyboard.press("Tab")
        if not panel.evaluate("p => p.contains(document.activeElement)"):
            break
    assert page.evaluate(
        """r => document.getElementById('text').contains(document.activeElement)
                && !!(r.compareDocumentPosition(document.activeElement) & 4)""",
        reference.element_handle(),
    )


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_renumbering_is_heard_as_renumbering(
    open_page: OpenPage, viewport: dict[str, int] | None
) -> None:
    page = open_page(viewport=viewport)
    heard = page.locator(".vr-view-inline .vr-renumbered").first.aria_snapshot()
    assert "[renumbered from: (b)" in heard and "[to: (2)" in heard
    assert 'deletion: "[renumbered' not in heard and 'insertion: "[to' not in heard


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_annotated_passage_inside_inserted_text_is_shaped_apart(
    open_page: OpenPage, scheme: str
) -> None:
    page = open_page(color_scheme=scheme)
    marked = page.locator(".vr-view-inline ins.vr-edit[data-a]").first
    plain = page.locator(".vr-view-inline ins.vr-edit:not([data-a])").first
    assert "linear-gradient" in marked.evaluate("e => getComputedStyle(e).backgroundImage")
    assert plain.evaluate("e => getComputedStyle(e).backgroundImage") == "none"
    # and under it a line thicker than 2 px, a non-text mark of at least 3:1 (WCAG 1.4.11)
    # against the inserted text's background
    shadow, ground = marked.evaluate(
        "e => [getComputedStyle(e).boxShadow, getComputedStyle(e).backgroundColor]"
    )
    line = re.fullmatch(r"(rgb\([^)]*\)) 0px (-?\d+)px 0px 0px inset", shadow)
    assert line, shadow
    assert abs(int(line[2])) > 2
    assert contrast(line[1], ground) >= 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_overview_controls_have_no_serious_violation(
    open_page: OpenPage, axe_source: str, scheme: str, phone: bool
) -> None:
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    page = open_page(color_scheme=scheme, **device)
    page.locator(".vr-changes-box summary").click()
    page.locator('input[name="kind"][value="edited"]').uncheck()
    page.locator(".vr-chart-box summary").click()
    if phone:
        page.locator("#tools-toggle").click()
    page.locator("#fold").check()
    page.locator("#search").fill("human rights")
    page.locator("#search-whole").check()
    page.locator("#search-results summary").click()
    expect(page.locator("#search-results a").first).to_be_visible()
    expect(page.locator(".vr-markers .vr-marker").first).to_be_attached()
    assert audit(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_page_opened_folded_with_its_summary_open_has_no_serious_violation(
    open_page: OpenPage, axe_source: str, scheme: str, phone: bool
) -> None:
    """Hide unchanged text from the address, and on a phone the compact summary (its
    heading for screen readers only, the chart and the list of changes on one line)."""
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    page = open_page(hash="?unchanged=hidden", color_scheme=scheme, **device)
    expect(page.locator("#fold")).to_be_checked()
    expect(page.get_by_role("heading", name="What changed from 2011 to 2015")).to_have_count(1)
    assert audit(page, axe_source) == []
    page.locator(".vr-chart-box summary").click()
    page.locator(".vr-changes-box summary").click()
    expect(page.locator(".vr-change-list li").first).to_be_visible()
    assert audit(page, axe_source) == []


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_long_text_in_chunks_folded_side_by_side_has_no_serious_violation(
    open_page: OpenPage, axe_source: str, long_text: Path, phone: bool
) -> None:
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    page = open_page(long_text, **device)
    assert audit(page, axe_source) == []
    if phone:
        page.locator("#tools-toggle").click()
    page.locator("#fold").check()
    page.get_by_role("radio", name="Side by side").check()
    expect(page.locator(".vr-sbs .vr-fold button").first).to_be_visible()
    page.locator("#next-note").click()
    expect(page.locator("#panel .vr-note")).to_be_visible()
    assert audit(page, axe_source) == []
