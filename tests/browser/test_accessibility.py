"""An automated accessibility audit (axe-core, from the npm registry) of the published
example: no serious or critical violation, in light and dark schemes, in each view,
with a note open, and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

OpenPage = Callable[..., Page]
PHONE = {"width": 390, "height": 844}
SERIOUS = ("serious", "critical")


def audit(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe's violations of serious or critical impact, WCAG 2.x A and AA rules and
    best practices, on the page as it is now."""
    page.evaluate(axe_source)  # evaluated by the test driver: the page's CSP does not apply
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
            }));
        }"""
    )
    return [violation for violation in result if violation["impact"] in SERIOUS]


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
