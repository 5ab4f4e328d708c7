"""The history views of a published project with more than two versions (issue 17): the
timeline chart, picking any two versions, stepping through consecutive changes with
keys, and "when was this written", in Chromium, checked by axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from variorum.project import add_version, create_project
from variorum.publish import publish_file, publish_site

OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]

RULES = [f"Rule {n}. Members shall keep rule number {n} in good faith." for n in range(1, 9)]
EDITS: list[tuple[int, str, str]] = [  # version, rule changed, words that version adds
    (2, "Rule 2.", " They report each year."),
    (3, "Rule 5.", " Breaches are published."),
    (4, "Rule 2.", " Reports are public."),
    (5, "Rule 7.", " Sanctions follow within a month."),
]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five dated versions, each adding one sentence to a rule, as a site folder with
    ``single.html`` beside it."""
    folder = tmp_path_factory.mktemp("history")
    project = create_project(folder / "p", "Five versions", ["A. Analyst"], "")
    rules = list(RULES)
    for version in range(1, 6):
        for when, rule, words in EDITS:
            if when == version:
                at = next(n for n, text in enumerate(rules) if text.startswith(rule))
                rules[at] += words
        path = folder / f"v{version}.txt"
        path.write_text("\n\n".join(rules) + "\n", encoding="utf-8")
        project = add_version(project, path, f"v{version}", date=f"2020-0{version}-01")
    publish_site(project, folder / "site")
    publish_file(project, folder / "site" / "single.html")
    return folder / "site"


def violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it is now, of any impact."""
    page.evaluate(axe_source)
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map(v => ({ id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"""
    )


def shown_pair(page: Page) -> str:
    return page.locator("#pairview > .vr-pairview").get_attribute("data-pair") or ""


def test_timeline_shows_each_version_and_opens_its_step(
    open_page: OpenPage, history_site: Path, shoot: Shoot
) -> None:
    page = open_page(history_site / "index.html")
    expect(page.locator("#history-title")).to_have_text(
        "History: 5 versions, 2020-01-01 to 2020-05-01"
    )
    bars = page.locator(".vr-timeline a")
    expect(bars).to_have_count(4)  # the first version has no change before it
    expect(bars.nth(2).locator("title")).to_have_text("v4 (2020-04-01): 3 words inserted")
    shoot(page, "history-timeline")
    bars.nth(2).click()
    page.wait_for_selector("body.vr-ready")
    assert page.url.endswith("/v3-v4.html")
    expect(page.locator(".vr-timeline a[aria-current]")).to_have_attribute("data-pair", "v3-v4")
    expect(page.locator(".vr-view-inline ins")).to_have_text(["Reports are public."])


def test_picking_any_two_versions(open_page: OpenPage, history_site: Path, shoot: Shoot) -> None:
    page = open_page(history_site / "index.html")
    page.locator("#pick-old").select_option(label="v2")
    page.locator("#pick-new").select_option(label="v4")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("body.vr-ready")
    assert page.url.endswith("/v2-v4.html")
    expect(page.locator("#summary-title")).to_have_text("What changed from v2 to v4")
    expect(page.locator(".vr-view-inline ins")).to_have_count(2)
    page.locator("#pick-old").select_option(label="v5")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#pick-status")).to_have_text(
        "Pick an earlier version first, then a later one."
    )
    shoot(page, "history-pick")


@pytest.mark.parametrize("name", ["index.html", "single.html"])
def test_keys_step_through_consecutive_changes(
    open_page: OpenPage, history_site: Path, name: str
) -> None:
    page = open_page(history_site / name)
    assert shown_pair(page) == "v1-v5"
    for key, pair in ((".", "v1-v2"), (".", "v2-v3"), (".", "v3-v4"), (",", "v2-v3")):
        page.locator("body").press(key)
        expect(page.locator("#pairview > .vr-pairview")).to_have_attribute("data-pair", pair)
        page.wait_for_selector("body.vr-ready")
    expect(page.locator("#pick-old")).to_have_value("1")
    expect(page.locator("#pick-new")).to_have_value("2")
    page.get_by_role("button", name="Next step").click()
    page.get_by_role("button", name="Next step").click()
    # polled by Playwright, not by a string evaluated in the page (the page's CSP
    # forbids eval, which a string predicate needs once it must wait)
    expect(page.locator("#pairview > .vr-pairview")).to_have_attribute("data-pair", "v4-v5")
    page.wait_for_selector("body.vr-ready")
    page.locator("body").press(".")
    expect(page.locator("#status")).to_have_text("This is the last version.")


@pytest.mark.parametrize("name", ["index.html", "single.html"])
def test_when_was_this_written(
    open_page: OpenPage, history_site: Path, shoot: Shoot, name: str
) -> None:
    page = open_page(history_site / name)
    page.locator("#written summary").click()
    legend = page.locator(".vr-age-legend .vr-age")
    expect(legend).to_have_text(["v1", "v2", "v3", "v4", "v5"])
    # every sentence an edit added is attributed to the version that added it
    for version, _, words in EDITS:
        passage = page.locator(".vr-written a", has_text=words.strip())
        expect(passage).to_have_attribute("data-when", f"v{version}, 2020-0{version}-01")
        colour = (version - 1) * 7 // 4  # five versions spread over the eight colours
        expect(passage).to_have_class(re.compile(rf"\bvr-age-{colour}\b"))
    first = page.locator(".vr-written a").first
    expect(first).to_have_attribute("data-when", "v1, 2020-01-01")
    sanctions = page.locator(".vr-written a", has_text="Sanctions follow")
    sanctions.focus()
    tip = sanctions.evaluate("e => getComputedStyle(e, '::after').content")
    assert tip == '"v5, 2020-05-01"'
    shoot(page, f"history-written-{name.removesuffix('.html')}")
    page.locator(".vr-written a", has_text="Breaches are published").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#summary-title")).to_have_text("What changed from v2 to v3")
    expect(page.locator(".vr-current")).to_be_in_viewport()
    expect(page.locator(".vr-current ins")).to_have_text("Breaches are published.")
    shoot(page, f"history-written-opened-{name.removesuffix('.html')}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["index.html", "v2-v4.html", "single.html"])
def test_history_views_have_no_accessibility_violation(
    open_page: OpenPage, history_site: Path, axe_source: str, shoot: Shoot, scheme: str, name: str
) -> None:
    page = open_page(history_site / name, color_scheme=scheme)
    if page.locator("#written").count():
        page.locator("#written summary").click()
        page.locator(".vr-written a").nth(3).focus()
    assert violations(page, axe_source) == []
    shoot(page, f"history-axe-{scheme}-{name.removesuffix('.html')}")


def test_other_pages_lead_to_when_was_this_written(
    open_page: OpenPage, history_site: Path
) -> None:
    page = open_page(history_site / "v2-v4.html")
    expect(page.locator("#written")).to_have_count(0)  # the text by age is on the first page
    page.get_by_role("link", name="When was this written").click()
    page.wait_for_selector("body.vr-ready")
    assert page.url.endswith("/index.html#written")
    expect(page.locator("#written")).to_have_attribute("open", "")
    expect(page.locator(".vr-written a", has_text="Sanctions follow")).to_be_visible()
