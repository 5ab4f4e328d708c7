"""Debian's Chromium driven by Playwright, on the published built-in example.

The browser is the system's ``chromium`` (the setup installs it: ``make env``);
Playwright's own browser downloads are not used. axe-core comes from the npm
registry, installed by ``make env`` into ``.venv/node_modules``. Screenshots of every
state are kept in ``test-artifacts/browser/`` for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from variorum.examples.projects import write_example_project
from variorum.publish import publish_file, publish_site

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE = ROOT / ".venv" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags that work in containers and keep Chromium from calling home."""
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make env` (apt-get install chromium)"
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in example published as a site folder and as one file."""
    folder = tmp_path_factory.mktemp("published")
    project = write_example_project("icoc", folder / "icoc")
    publish_site(project, folder / "site")
    publish_file(project, folder / "site" / "single.html")
    return folder / "site"


@pytest.fixture
def open_page(browser: Browser, site: Path) -> Iterator[Callable[..., Page]]:
    """``open_page(name="index.html", hash="", viewport=DESKTOP, **context)``: a fresh
    page that fails the test on any script error or any request leaving the disk."""
    contexts = []
    problems: list[str] = []

    def open_(
        name: str | Path = "index.html",
        hash: str = "",
        viewport: dict[str, int] | None = None,
        **options: object,
    ) -> Page:
        # without motion unless a test asks for the reader's default (reduced_motion=...)
        options = {"reduced_motion": "reduce", **options}
        context = browser.new_context(viewport=viewport or DESKTOP, **options)  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("file:", "data:"))
                else problems.append(f"request: {r.url}")
            ),
        )
        page.goto((name if isinstance(name, Path) else site / name).as_uri() + hash)
        page.wait_for_selector("body.vr-ready")
        page.wait_for_load_state("load")
        return page

    open_.problems = problems  # type: ignore[attr-defined]  # a test may expect some
    yield open_
    for context in contexts:
        context.close()
    assert not problems, problems


SCREENSHOT_TIMEOUT_MS = 180_000
"""How long a screenshot may wait for the renderer (a record of the page, no measure)."""


@pytest.fixture
def shoot() -> Callable[[Page, str], Path]:
    """``shoot(page, name)``: the viewport saved as test-artifacts/browser/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        # a page of megabytes (a large redline) can keep a busy machine's renderer past
        # Playwright's 30 s default: the picture is a record, not what is under test
        page.screenshot(path=str(path), timeout=SCREENSHOT_TIMEOUT_MS)
        return path

    return take


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `make env` (npm install axe-core)"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def steps_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three versions with overlapping notes and a note on a change, as one file."""
    from variorum.annotations.model import Annotation, Body, ChangeTarget
    from variorum.project import add_version, create_project

    folder = tmp_path_factory.mktemp("steps")
    project = create_project(folder / "p", "Three steps", ["A. Analyst"], "Three *versions*.")
    texts = {
        "v1": "(a) Not to use information weapons.\n(b) To cooperate.\n",
        "v2": "(1) Not to use information and communication technologies.\n(2) To cooperate.\n",
        "v3": "(1) Not to use ICTs against others.\n(2) To cooperate fully.\n(3) To share.\n",
    }
    for label, text in texts.items():
        (folder / f"{label}.txt").write_text(text, encoding="utf-8")
        project = add_version(project, folder / f"{label}.txt", label)
    notes = [
        (project.quote_target("v2", "Not to use information"), "First note on *use*.", ("a",)),
        (project.quote_target("v2", "use information and"), "Second note, overlapping.", ("b",)),
        (
            ChangeTarget(
                project.quote_target("v1", "weapons"),  # type: ignore[arg-type]
                project.quote_target("v2", "communication technologies"),  # type: ignore[arg-type]
            ),
            "Weapons became technologies.",
            ("a",),
        ),
        (project.quote_target("v3", "To share"), "Only in v3.", ()),
    ]
    project.save_annotations(
        Annotation(f"urn:uuid:{n:08x}-0000-4000-8000-000000000000", target, Body(text, tags))
        for n, (target, text, tags) in enumerate(notes, start=1)
    )
    publish_file(project, folder / "steps.html")
    return folder / "steps.html"


@pytest.fixture(scope="session")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty numbered paragraphs, four of them changed, with notes on changed and on
    unchanged ones, as one file: most of its text is unchanged."""
    from variorum.annotations.model import Annotation, Body
    from variorum.project import add_version, create_project

    folder = tmp_path_factory.mktemp("long")
    project = create_project(folder / "p", "Sixty rules", ["A. Analyst"], "")
    old = [f"Rule {n}. Members shall keep rule number {n} in good faith." for n in range(1, 61)]
    new = list(old)
    new[9] = "Rule 10. Members shall keep rule number 10 in good faith and in public."
    new[29] = "Rule 30. Members may keep rule number 30."
    del new[49]
    new.insert(55, "Rule 56 bis. A new rule.")
    for label, lines in (("old", old), ("new", new)):
        (folder / f"{label}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        project = add_version(project, folder / f"{label}.txt", label)
    quotes = ["keep rule number 5 in", "rule number 20 in good", "in public", "rule number 40"]
    project.save_annotations(
        Annotation(
            f"urn:uuid:{n:08x}-0000-4000-8000-000000000000",
            project.quote_target("new", quote),
            Body(f"Note on “{quote}”.", ("rules",)),
        )
        for n, quote in enumerate(quotes, start=1)
    )
    publish_file(project, folder / "long.html")
    return folder / "long.html"


@pytest.fixture(scope="session")
def long_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 one-line paragraphs, four of them changed, with notes on paragraphs 100 and
    200 and on the last change."""
    from variorum.annotations.model import Annotation, Body
    from variorum.project import add_version, create_project

    changed = (2, 140, 150, 280)  # 140 and 150 in one chunk of 32 paragraphs
    folder = tmp_path_factory.mktemp("long-text")
    project = create_project(folder / "p", "Three hundred clauses", ["A. Analyst"], "")
    old = [f"Clause {n}. The parties keep clause {n} in good faith." for n in range(300)]
    new = [
        line.replace("in good faith", "openly and in good faith") if n in changed else line
        for n, line in enumerate(old)
    ]
    for label, lines in (("old", old), ("new", new)):
        (folder / f"{label}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        project = add_version(project, folder / f"{label}.txt", label)
    quotes = ["keep clause 100 in", "keep clause 200 in", "keep clause 280 openly"]
    project.save_annotations(
        Annotation(
            f"urn:uuid:{n:08x}-0000-4000-8000-000000000000",
            project.quote_target("new", quote),
            Body(f"On “{quote}”."),
        )
        for n, quote in enumerate(quotes, start=1)
    )
    publish_file(project, folder / "long-text.html")
    return folder / "long-text.html"
