"""The web app's published single file, downloaded and opened."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page


def download_single_file(page: Page, folder: Path) -> Page:
    """Publish the single file from the project page and open it, offline."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Publish: single file (.html)").click()
    path = folder / "analysis.html"
    download.value.save_as(path)
    published = page.context.new_page()
    published.goto(path.as_uri())
    published.wait_for_selector("body.vr-ready")
    return published
