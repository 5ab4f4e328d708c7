"""Copy citation in the app: a member who selects words on the redline page copies
them with their redline, the versions and a permalink into the app's page."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from app_steps import DEMO, Server, open_redline, select_words
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parents[1]))
from clipboard import clipboard

AppPage = Callable[..., Page]


def test_a_member_copies_a_citation_whose_permalink_opens_the_app_at_the_passage(
    app_page: AppPage, server: Server, shoot: Callable[[Page, str], Path]
) -> None:
    page = app_page("vic", permissions=["clipboard-read", "clipboard-write"])
    address = f"{server.url}p/{DEMO}/compare/2011/2015/"
    open_redline(page, address)
    select_words(page, "common challenges in the sphere")
    page.get_by_role("button", name="Copy citation").click()
    expect(page.get_by_role("button", name="Citation copied")).to_be_visible()
    shoot(page, "app-citation-copied")
    copied = clipboard(page)
    quote, source, link = copied["text/plain"].split("\n")
    assert quote == "“common challenges in the sphere”"
    assert source.endswith("(versions 2011 → 2015)")
    assert link == address + "#cite=common%20challenges%20in%20the%20sphere"
    assert "<blockquote>“common challenges in the sphere”</blockquote>" in copied["text/html"]

    open_redline(page, link)
    assert page.evaluate("() => getSelection().toString()") == "common challenges in the sphere"
