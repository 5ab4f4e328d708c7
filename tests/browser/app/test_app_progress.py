"""Opening the redline of a large, dissimilar pair in the browser: a page says the
comparison is under way and how long it has taken, refreshes itself, and turns into
the redline when it is ready, with no click; meanwhile the server answers another tab."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from app_steps import Server
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parents[2] / "web"))
from availability import dissimilar_text

AppPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]
MADE_WITHIN_MS = 600_000
"""How long the redline may take to appear (about 15 s on a quiet 2-CPU machine)."""
SIZE = 3_000_000
"""Characters of the older version; the newer has twice as many."""


def test_a_slow_redline_shows_progress_then_itself(
    app_page: AppPage, server: Server, shoot: Shoot, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(dissimilar_text(1, SIZE))
    (tmp_path / "b.txt").write_text(dissimilar_text(2, 2 * SIZE))
    server.django(
        "from pathlib import Path\n"
        "from django.contrib.auth import get_user_model\n"
        "from variorum.web.store.projects import add_version, create_project\n"
        "made = create_project(get_user_model().objects.get(username='ann'), 'Large pair')\n"
        f"for label in 'ab':\n"
        f"    path = Path({str(tmp_path)!r}) / (label + '.txt')\n"
        "    add_version(made, path.read_bytes(), path.name, label)\n"
    )
    page = app_page("ann")
    page.goto(f"{server.url}p/large-pair/compare/a/b/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparing a and b")
    expect(page.locator("progress")).to_be_visible()
    shoot(page, "app-progress-01-comparing")

    other = page.context.new_page()
    other.goto(f"{server.url}p/large-pair/")
    expect(other.get_by_role("heading", level=1)).to_have_text("Large pair")
    other.close()

    page.wait_for_selector("body.vr-ready", timeout=MADE_WITHIN_MS)
    expect(page.locator(".vr-view-inline ins").first).to_be_visible()
    shoot(page, "app-progress-02-ready")
    assert page.url.endswith("/p/large-pair/compare/a/b/")
