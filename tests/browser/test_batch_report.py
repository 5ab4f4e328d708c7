"""The report of a batch (``variorum batch-report``) in Chromium: its charts drawn, no
request leaving the page, nothing refused by its Content-Security-Policy, no axe
violation on a desktop or a phone in either colour scheme, and each most changed
provision and pair opening its redline at the change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_audit import audit
from playwright.sync_api import Browser, Page, expect

from commands import run_cli

# not imported from conftest: with tests/browser/app/conftest.py also on the path, the
# name "conftest" is whichever pytest loaded last
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

TERMS = """# Data we keep

We keep your data for {days} days.

# Your rights

You may ask us to delete it at [our help page](https://example.org/{page}).
"""
PRIVACY = "# Cookies\n\nWe use {n} cookies.\n\n# Contact\n\nWrite to us.\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two platforms' documents over five months, one change of a link target only,
    compared with ``--redlines`` and reported."""
    root = tmp_path_factory.mktemp("report")
    versions = {
        "Alpha/Terms": [TERMS.format(days=d, page=p) for d, p in ((30, 1), (60, 1), (60, 2))],
        "Beta/Privacy": [PRIVACY.format(n=n) for n in ("two", "three", "four")],
    }
    for document, texts in versions.items():
        (root / "corpus" / document).mkdir(parents=True)
        for month, text in enumerate(texts, start=1):
            (root / "corpus" / document / f"2024-0{month * 2}-01.md").write_text(text)
    done = run_cli("batch", str(root / "corpus"), "-o", str(root / "results"), "--redlines")
    assert done.returncode == 0, done.stderr
    made = run_cli("batch-report", str(root / "results"), "-o", str(root / "report.html"))
    assert made.returncode == 0, made.stderr
    return root / "report.html"


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Browser, list[str]]]:
    """The browser, and the problems any page of a test met: script errors, console
    errors (a refusal by the Content-Security-Policy is one), requests off the disk."""
    problems: list[str] = []
    yield browser, problems
    assert not problems, problems


def open_report(watched: tuple[Browser, list[str]], page_file: Path, **context: object) -> Page:
    browser, problems = watched
    page = browser.new_context(**context).new_page()  # type: ignore[arg-type]
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(r.url),
    )
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_report_draws_its_charts_offline_with_no_axe_violation(
    watched: tuple[Browser, list[str]], report: Path, axe_source: str, scheme: str, device: str
) -> None:
    viewport = DESKTOP if device == "desktop" else PHONE
    page = open_report(watched, report, viewport=viewport, color_scheme=scheme)
    charts = page.get_by_role("img")
    expect(charts).to_have_count(4)
    for name in ("prose changes and link-only churn", "per platform", "per document type"):
        expect(page.get_by_role("img", name=name)).to_be_visible()
    box = page.get_by_role("img", name="most changed provisions").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 20
    assert page.locator("svg rect, svg path").count() > 20  # bars, cells and axes drawn
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"batch-report-{device}-{scheme}.png"), full_page=True)
    page.evaluate(axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + v.help)"
    )
    assert violations == []
    assert audit(page, axe_source) == []


def test_link_only_churn_is_counted_apart_from_prose_changes(
    watched: tuple[Browser, list[str]], report: Path
) -> None:
    page = open_report(watched, report, viewport=DESKTOP)
    expect(page.locator("main > p").first).to_contain_text(
        "4 pairs of versions: 3 with changes of the text, 1 with only link targets changed"
    )
    months = page.get_by_role("table", name="Each month")
    june = months.locator("tr", has=page.locator("td", has_text="2024-06"))
    expect(june.locator("td")).to_have_text(["2024-06", "2", "1", "1", "2"])  # two → three


def test_a_provision_opens_its_redline_at_its_largest_change(
    watched: tuple[Browser, list[str]], report: Path
) -> None:
    page = open_report(watched, report, viewport=DESKTOP)
    provisions = page.locator("#provisions").locator("xpath=..").locator("tbody tr")
    row = provisions.filter(has_text="Data we keep")
    expect(row.locator("td").nth(2)).to_have_text("1")  # changed by one pair of three versions
    row.get_by_role("link").click()
    page.wait_for_load_state("load")
    assert "/redlines/" in page.url and "#c-" in page.url
    change = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(change).to_contain_text("60")
    expect(change.locator("ins, del").first).to_be_visible()


def test_each_most_changed_pair_links_to_its_redline(
    watched: tuple[Browser, list[str]], report: Path
) -> None:
    page = open_report(watched, report, viewport=DESKTOP)
    pairs = page.locator("#pairs").locator("xpath=..").get_by_role("link")
    expect(pairs).to_have_count(4)
    pairs.filter(has_text="Beta/Privacy:2024-02-01..2024-04-01").click()
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("del").filter(has_text="two").first).to_be_visible()
    expect(page.locator("ins").filter(has_text="three").first).to_be_visible()
