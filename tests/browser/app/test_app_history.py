"""A project's history in the app (issue 17), in Chromium against ``variorum serve``:
the timeline on the project page opens a step's redline, the , and . keys step through
the consecutive versions, and axe-core finds no violation of any impact on either page;
a feed address, made on its page, read by a plain HTTP client until it is revoked."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from app_steps import Server
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
    assert all_violations(page, axe_source) == []  # of any impact, the app's bars included
    shoot(page, "app-history-step")
    page.locator("body").press(",")
    page.wait_for_url(f"**/p/{three_versions}/compare/2011/2015/")
    page.wait_for_selector("body.vr-ready")
    page.locator("body").press(".")
    page.wait_for_url(f"**/p/{three_versions}/compare/2015/2016/")


def read(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """A plain HTTP GET, as a feed reader makes it: no cookie, no browser."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refusal:
        return refusal.code, refusal.read()


def test_a_feed_address_works_in_a_feed_reader_until_revoked(
    app_page: AppPage, server: Server, three_versions: str, axe_source: str
) -> None:
    page = app_page("vic")
    page.goto(f"{server.url}p/{three_versions}/")
    page.get_by_role("link", name="feed address").click()
    page.get_by_label("Provision").fill("cooperate fully")
    page.get_by_role("button", name="Make a feed address").click()
    address = page.locator("#new-feed").inner_text()
    assert re.fullmatch(rf"{re.escape(server.url)}feeds/vf_[\w-]+/feed\.atom", address), address
    assert all_violations(page, axe_source) == []
    for _ in range(120):  # 202 while the feed is made in a worker
        status, body = read(address)
        if status != 202:
            break
        time.sleep(1)
    assert status == 200
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("Three versions: (9) All States must cooperate fully")
    assert feed.entries[0].title.startswith("2016:")
    assert "and openly" in feed.entries[0].content[0].value
    secret = address.split("/")[-2]
    assert read(f"{server.url}api/projects/{three_versions}/feed.atom",
                {"Authorization": f"Bearer {secret}"})[0] == 401  # fmt: skip
    assert read(f"{server.url}feeds/{secret}x/feed.atom")[0] == 404
    page.goto(f"{server.url}p/{three_versions}/feeds/")
    expect(page.locator("table.list tbody tr")).to_contain_text(["provision “cooperate fully”"])
    expect(page.locator("table.list tbody tr td").nth(2)).not_to_have_text("never")  # read
    page.get_by_role("button", name=re.compile("Revoke")).click()
    expect(page.get_by_text("Feed address revoked.")).to_be_visible()
    status, body = read(address)
    assert status == 404
    assert json.loads(body) == {"error": "this feed address is unknown or was revoked"}
