"""A project's history in the app (issue 17), in Chromium against ``variorum serve``:
the timeline on the project page opens a step's redline, the , and . keys step through
the consecutive versions, and axe-core finds no violation on either page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_steps import Server, serious_violations
from playwright.sync_api import Page, expect

AppPage = Callable[..., Page]
SLUG = "three-versions"


@pytest.fixture(scope="module")
def three_versions(server: Server) -> str:
    """The demo's two versions and a third that adds two words, viewed by vic."""
    server.django(
        "from importlib import resources\n"
        "from django.contrib.auth import get_user_model\n"
        "from variorum.web.models import MemberRole\n"
        "from variorum.web.store.projects import add_version, create_project, set_member\n"
        "files = resources.files('variorum.examples').joinpath('icoc')\n"
        "old, new = (files.joinpath(f'{y}.txt').read_bytes() for y in (2011, 2015))\n"
        "third = new.replace(b'cooperate fully', b'cooperate fully and openly')\n"
        "owner = get_user_model().objects.get(username='ann')\n"
        "project = create_project(owner, 'Three versions')\n"
        "for label, data, date in (('2011', old, '2011-09-12'), ('2015', new, '2015-01-13'),"
        " ('2016', third, '2016-03-01')):\n"
        "    add_version(project, data, label + '.txt', label, date)\n"
        "set_member(project, 'vic', MemberRole.VIEWER)\n"
    )
    return SLUG


def all_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    page.evaluate(axe_source)
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map(v => ({ id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"""
    )


def test_the_timeline_opens_a_step_and_keys_step_through_versions(
    app_page: AppPage, server: Server, three_versions: str, axe_source: str,
    shoot: Callable[[Page, str], Path],
) -> None:  # fmt: skip
    page = app_page("vic")
    page.goto(f"{server.url}p/{three_versions}/")
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    for _ in range(120):  # made in a worker: the page says so until it is ready
        if page.locator("svg.vr-timeline").count():
            break
        expect(page.get_by_text("The timeline is being made")).to_be_visible()
        page.wait_for_timeout(1000)
        page.reload()
    expect(page.locator("svg.vr-timeline a")).to_have_count(2)
    page.locator("details.timeline-rows summary").click()
    expect(page.locator("details.timeline-rows tbody tr").nth(2)).to_contain_text("2016")
    assert all_violations(page, axe_source) == []
    shoot(page, "app-history-timeline")
    page.locator("svg.vr-timeline a").nth(1).click()
    page.wait_for_selector("body.vr-ready")
    assert page.url.endswith(f"/p/{three_versions}/compare/2015/2016/")
    expect(page.locator(".vr-view-inline ins")).to_contain_text(["and openly"])
    expect(page.locator("#vr-step-prev")).to_have_text("← 2011 → 2015")
    assert serious_violations(page, axe_source) == []
    found = all_violations(page, axe_source)  # the app's bar and compare form have their own
    assert not [v for v in found if any("vr-app-steps" in node for node in v["nodes"])], found
    shoot(page, "app-history-step")
    page.locator("body").press(",")
    page.wait_for_url(f"**/p/{three_versions}/compare/2011/2015/")
    page.wait_for_selector("body.vr-ready")
    page.locator("body").press(".")
    page.wait_for_url(f"**/p/{three_versions}/compare/2015/2016/")
