"""Any two versions of a long history in the published page (issue 17): past ten
versions the page publishes the whole change and each step, and composes any other pair
from the steps it embeds once; in Chromium, checked against the versions' own texts and
by axe-core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from variorum.project import add_version, create_project
from variorum.publish import publish_file, publish_site

OpenPage = Callable[..., Page]
VERSIONS = 12


def version_texts() -> list[str]:
    """Twelve versions of eight rules: each version adds an amendment to a rule;
    v6 deletes rule 3, v8 rewords rule 1 and v10 moves rule 8 to the top."""
    rules = [f"Rule {n}. Members shall keep rule number {n} in good faith." for n in range(1, 9)]
    texts = ["\n\n".join(rules) + "\n"]
    for version in range(2, VERSIONS + 1):
        target = f"Rule {version % 8 + 1}."  # the last rule once rule 3 is gone
        at = next((i for i, rule in enumerate(rules) if rule.startswith(target)), -1)
        rules[at] += f" Amendment {version} applies."
        if version == 6:
            rules = [rule for rule in rules if not rule.startswith("Rule 3.")]
        if version == 8:
            rules[0] = rules[0].replace("in good faith", "in full faith and promptly")
        if version == 10:
            rules = [rules[-1], *rules[:-1]]
        texts.append("\n\n".join(rules) + "\n")
    return texts


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The twelve versions published as a site, with ``single.html`` beside it."""
    folder = tmp_path_factory.mktemp("long-history")
    project = create_project(folder / "p", "Twelve versions", ["A. Analyst"], "")
    for number, text in enumerate(version_texts(), start=1):
        path = folder / f"v{number}.txt"
        path.write_text(text, encoding="utf-8")
        project = add_version(project, path, f"v{number}", date=f"2020-{number:02d}-01")
    publish_site(project, folder / "site")
    publish_file(project, folder / "site" / "single.html")
    return folder / "site"


def words(text: str) -> list[str]:
    return text.split()


def side(page: Page, leave_out: str) -> str:
    """The composed redline's text without its ``ins`` or its ``del`` elements."""
    return page.evaluate(  # type: ignore[no-any-return]
        """(leaveOut) => {
            const box = document.querySelector('#picked .vr-picked-text').cloneNode(true);
            box.querySelectorAll(leaveOut).forEach(e => e.remove());
            return Array.from(box.querySelectorAll('p'), p => p.textContent).join('\\n');
        }""",
        leave_out,
    )


def pick(page: Page, old: str, new: str) -> None:
    page.locator("#pick-old").select_option(label=old)
    page.locator("#pick-new").select_option(label=new)
    page.get_by_role("button", name="Compare").click()


@pytest.mark.parametrize("name", ["index.html", "single.html"])
def test_a_pair_not_published_is_composed_from_the_steps(
    open_page: OpenPage, long_site: Path, name: str
) -> None:
    assert not (long_site / "v3-v11.html").exists()  # past ten versions: whole and steps
    page = open_page(long_site / name)
    pick(page, "v3", "v11")
    expect(page.locator("#picked")).to_be_visible()
    expect(page.locator("#picked-title")).to_be_focused()
    texts = version_texts()
    assert words(side(page, "del")) == words(texts[10])  # v11 as it stands, moves included
    inserted = " ".join(page.locator("#picked ins").all_text_contents())
    deleted = " ".join(page.locator("#picked del").all_text_contents())
    for version in range(4, 12):
        assert f"Amendment {version} applies" in inserted
    assert "Amendment 3 applies" not in inserted
    assert "full" in inserted and "and promptly" in inserted  # "faith" stays
    assert "Rule 3. Members shall keep rule number 3 in good faith." in deleted
    assert "good" in deleted.replace("Rule 3. Members shall keep rule number 3 in good faith", "")
    assert "Rule 8" not in inserted + deleted  # moved, not rewritten
    assert page.url.endswith("#pick-2-10")


def test_without_moves_the_older_side_is_the_older_version(
    open_page: OpenPage, long_site: Path
) -> None:
    page = open_page(long_site / "index.html")
    pick(page, "v2", "v9")
    texts = version_texts()
    assert words(side(page, "ins")) == words(texts[1])
    assert words(side(page, "del")) == words(texts[8])
    title = page.locator("#picked-title")
    inserted = sum(len(words(text)) for text in page.locator("#picked ins").all_text_contents())
    expect(title).to_contain_text(f"v2 → v9: {inserted} words inserted")


def test_a_step_page_opens_the_first_page_with_the_pair(
    open_page: OpenPage, long_site: Path
) -> None:
    page = open_page(long_site / "v4-v5.html")
    pick(page, "v1", "v7")
    page.wait_for_url("**/index.html#pick-0-6")
    page.wait_for_selector("body.vr-ready")
    expect(page.locator("#picked-title")).to_contain_text("v1 → v7")
    expect(page.locator("#pick-old")).to_have_value("0")
    expect(page.locator("#pick-new")).to_have_value("6")
    pick(page, "v4", "v5")  # a published step opens its own page
    page.wait_for_url("**/v4-v5.html")


def test_the_composed_pair_has_no_accessibility_violation(
    open_page: OpenPage, long_site: Path, axe_source: str, shoot: Callable[[Page, str], Path]
) -> None:
    page = open_page(long_site / "index.html", hash="#pick-1-11")
    expect(page.locator("#picked")).to_be_visible()
    page.evaluate(axe_source)
    found = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')))"""
    )
    assert found == []
    shoot(page, "history-composed-pair")


def test_in_the_single_file_opening_a_published_pair_closes_the_composed_one(
    open_page: OpenPage, long_site: Path
) -> None:
    page = open_page(long_site / "single.html")
    pick(page, "v2", "v6")
    expect(page.locator("#picked")).to_be_visible()
    page.locator(".vr-timeline a").nth(3).click()  # the step v4 -> v5
    expect(page.locator("#picked")).to_be_hidden()
    expect(page.locator("#pairview > .vr-pairview")).to_have_attribute("data-pair", "v4-v5")
    expect(page.locator("#pick-old")).to_have_value("3")
