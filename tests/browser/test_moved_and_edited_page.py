"""A block moved and edited, in a real browser: on the standalone page and on a published
analysis, every view shows the right words, the edit looks unlike the moved text, and
screen readers hear "moved here" / "moved away" for moved text, "inserted" for the edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import variorum
from marking import ADDED, DEFINITION, MINIMAL_NEW, MINIMAL_OLD
from variorum.annotations.model import Annotation, Body
from variorum.project import add_version, create_project
from variorum.publish import publish_file
from variorum.render import render

Shoot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The minimal case as a standalone page and as a published analysis with a note on
    the added words."""
    folder = tmp_path_factory.mktemp("moved")
    (folder / "old.txt").write_text(MINIMAL_OLD, encoding="utf-8")
    (folder / "new.txt").write_text(MINIMAL_NEW, encoding="utf-8")
    standalone = folder / "page.html"
    standalone.write_text(
        render(variorum.compare(folder / "old.txt", folder / "new.txt"), "html"), encoding="utf-8"
    )
    project = create_project(folder / "p", "Terms", ["A. Analyst"], "Moved and edited.")
    project = add_version(project, folder / "old.txt", "2023")
    project = add_version(project, folder / "new.txt", "2024")
    project.save_annotations(
        [
            Annotation(
                "urn:uuid:00000001-0000-4000-8000-000000000000",
                project.quote_target("2024", "any of its subsidiaries"),  # type: ignore[arg-type]
                Body("Github joins the affiliates."),
            )
        ]
    )
    published = folder / "published.html"
    publish_file(project, published)
    return {"standalone": standalone, "published": published}


def _open(browser: Browser, path: Path) -> Page:
    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def _before(page: Page, selector: str) -> str:
    return str(
        page.locator(selector).first.evaluate("e => getComputedStyle(e, '::before').content")
    )


def _style(page: Page, selector: str, name: str) -> str:
    return str(page.locator(selector).first.evaluate(f"e => getComputedStyle(e)['{name}']"))


def _view(page: Page, name: str) -> None:
    page.locator(f'input[name="view"][value="{name}"]').check()


VISIBLE_TEXT = """e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest(".vr-ref, .vr-move-link, .vr-sr") || !parent.checkVisibility()) continue;
    text += node.data;
  }
  return text;
}"""
"""The document's words a reader sees in an element: no note numbers, no move links."""


def _text(page: Page, selector: str) -> str:
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    return " ".join(str(element.evaluate(VISIBLE_TEXT)).split())


@pytest.mark.parametrize("kind", ["standalone", "published"])
def test_the_edit_looks_and_reads_unlike_the_moved_text(
    browser: Browser, pages: dict[str, Path], kind: str, shoot: Shoot
) -> None:
    page = _open(browser, pages[kind])
    here, away = ".vr-view-inline .vr-moved-to", ".vr-view-inline .vr-moved-from"
    page.locator(here).scroll_into_view_if_needed()
    shoot(page, f"moved-edited-{kind}")
    edit, moved = f"{here} ins.vr-edit", f"{here} ins.vr-moved"
    added = "".join(page.locator(edit).all_text_contents())
    assert " ".join(added.split()) == ADDED.strip() + "."
    assert _before(page, moved) == '" [moved here: "'
    assert _before(page, edit) == '" [inserted: "'
    assert _before(page, f"{away} del.vr-moved") == '" [moved away: "'
    assert _style(page, edit, "backgroundColor") != _style(page, moved, "backgroundColor")
    assert _style(page, moved, "textDecorationStyle") == "double"
    assert _style(page, edit, "textDecorationStyle") == "solid"
    assert "subsidiaries" not in _text(page, away)
    expect(page.locator(away)).to_contain_text("moved to")
    expect(page.locator(away)).to_contain_text("edited there")


@pytest.mark.parametrize("kind", ["standalone", "published"])
def test_each_view_shows_one_version_of_the_moved_block(
    browser: Browser, pages: dict[str, Path], kind: str
) -> None:
    page = _open(browser, pages[kind])
    here, away = ".vr-view-inline .vr-moved-to", ".vr-view-inline .vr-moved-from"
    _view(page, "old")
    expect(page.locator(here)).to_be_hidden()
    assert _text(page, away) == DEFINITION + "."
    _view(page, "new")
    expect(page.locator(away)).to_be_hidden()
    assert _text(page, here) == DEFINITION + ADDED + "."
    _view(page, "sbs")
    old_side = ".vr-view-sbs .vr-side-old .vr-moved-from"
    new_side = ".vr-view-sbs .vr-side-new .vr-moved-to"
    assert _text(page, old_side) == DEFINITION + "."
    assert _text(page, new_side) == DEFINITION + ADDED + "."


@pytest.mark.parametrize("kind", ["standalone", "published"])
def test_screen_readers_hear_moved_text_as_moved(
    browser: Browser, pages: dict[str, Path], kind: str
) -> None:
    page = _open(browser, pages[kind])
    here = page.locator(".vr-view-inline .vr-moved-to").aria_snapshot()
    away = page.locator(".vr-view-inline .vr-moved-from").aria_snapshot()
    assert "[moved here: " in here and "[moved away: " in away
    # the role of a deletion or an insertion would be said before these words
    assert not re.search(r"(deletion|insertion): \"?\[moved", here + away)
    assert re.search(r"insertion: \"?\[inserted: ", here)
