"""The `compare -o page.html` page is a publication without notes on the published
analysis's one shell: the same views, navigation, search, overview, phone layout and
accessibility, and no notes controls."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from variorum.compare import compare
from variorum.examples import example_pair
from variorum.render import render

PHONE = {"width": 390, "height": 844}
OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old, new = example_pair("icoc")
    path = tmp_path_factory.mktemp("compare") / "page.html"
    path.write_text(render(compare(old, new), "html"), encoding="utf-8")
    return path


def test_the_compare_page_is_the_published_shell_without_notes(
    open_page: OpenPage, compare_page: Path, shoot: Shoot
) -> None:
    page = open_page(compare_page)
    shoot(page, "60-compare-page")
    expect(page.locator("#next-change")).to_be_visible()
    expect(page.locator("#search")).to_be_visible()
    for hidden in ("#panel", "#notes-link", "#next-note", ".vr-index"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#status")).to_have_text("34 changes")
    box = page.locator(".vr-view-inline").bounding_box()
    assert box and box["y"] < 450
    page.locator("#next-change").click()
    expect(page.locator("#status")).to_contain_text("Change 1 of 34")
    assert page.url.endswith("#c-1")
    page.locator("#search").fill("information")
    expect(page.locator("#search-count")).to_contain_text("matches")
    expect(page.locator(".vr-markers .vr-marker-change").first).to_be_attached()
    page.get_by_role("radio", name="Side by side").check()
    expect(page.locator(".vr-sbs-head")).to_have_text("20112015")


def test_the_compare_page_on_a_phone(
    open_page: OpenPage, compare_page: Path, shoot: Shoot
) -> None:
    page = open_page(compare_page, viewport=PHONE, is_mobile=True, has_touch=True)
    bar = page.locator(".vr-toolbar")
    page.evaluate("scrollTo(0, 2500)")
    box = bar.bounding_box()
    assert box and box["y"] == 0 and box["height"] < 60
    page.locator("#next-change").tap()
    expect(page.locator(".vr-current")).to_be_in_viewport()
    page.locator("#tools-toggle").tap()
    page.get_by_role("radio", name="Side by side").check()
    page.locator("#tools-toggle").tap()
    side = page.locator(".vr-sbs .vr-side-new").first
    assert "2015" in str(side.evaluate("e => getComputedStyle(e, '::before').content"))
    shoot(page, "61-compare-page-phone-side-by-side")


def test_a_link_to_a_change_and_back(open_page: OpenPage, compare_page: Path) -> None:
    page = open_page(compare_page, hash="#c-12")
    expect(page.locator(".vr-current")).to_have_attribute("data-row", "12")
    page.locator(".vr-changes-box summary").click()
    page.locator(".vr-change-list a").nth(20).click()
    assert not page.url.endswith("#c-12")
    page.go_back()
    assert page.url.endswith("#c-12")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_compare_page_has_no_serious_violation(
    open_page: OpenPage, compare_page: Path, axe_source: str, scheme: str, phone: bool
) -> None:
    device: dict[str, Any] = (
        {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    )
    page = open_page(compare_page, color_scheme=scheme, **device)
    page.locator(".vr-changes-box summary").click()
    page.locator(".vr-chart-box summary").click()
    page.evaluate(axe_source)
    violations = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"""
    )
    assert violations == []
    assert re.search(r"\d+ changes", page.locator("#status").text_content() or "")
