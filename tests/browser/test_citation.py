"""Copy citation: words selected in the published page offer a button that puts the
passage with its redline, the versions and a permalink on the clipboard (HTML and plain
text); the permalink opens the page with the passage selected."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from clipboard import clipboard
from playwright.sync_api import Page, expect

OpenPage = Callable[..., Page]
Shoot = Callable[[Page, str], Path]
TITLE = "International code of conduct for information security: 2011 and 2015"


def drag_over(page: Page, first: str, last: str, within: str = "#text .vr-view-inline") -> None:
    """Select with the mouse from the start of the words ``first`` to the end of the
    words ``last`` (the first text of the view after them), as a person does."""
    box = page.evaluate(
        """([first, last, within]) => {
          const root = document.querySelector(within);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          let start = null;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!start) {
              const at = node.data.indexOf(first);
              if (at < 0) continue;
              start = [node, at];
              node.parentElement.scrollIntoView({block: 'center'});
            }
            const from = node === start[0] ? start[1] : 0;
            const end = node.data.indexOf(last, from);
            if (end < 0) continue;
            const head = document.createRange(), tail = document.createRange();
            head.setStart(start[0], start[1]); head.setEnd(start[0], start[1] + 1);
            tail.setStart(node, end + last.length - 1); tail.setEnd(node, end + last.length);
            const a = head.getClientRects()[0], b = tail.getClientRects()[0];
            return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
          }
          throw new Error('not in the text: ' + first + ' … ' + last);
        }""",
        [first, last, within],
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, steps=4)
    page.mouse.move(box[2], box[3], steps=4)
    page.mouse.up()


def test_selected_words_are_copied_as_a_citation_with_their_redline(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    drag_over(page, "Sixty-", "session")
    button = page.get_by_role("button", name="Copy citation")
    expect(button).to_be_visible()
    shoot(page, "citation-01-offered")
    button.click()
    expect(page.get_by_role("button", name="Citation copied")).to_be_visible()
    copied = clipboard(page)
    link = (page.url.split("#")[0]) + "#cite=Sixty-sixthninth%20session"
    assert copied["text/plain"] == (
        f"“Sixty-[-sixth-]{{+ninth+}} session”\n— {TITLE} (versions 2011 → 2015)\n{link}"
    )
    html = copied["text/html"]
    assert re.search(r"Sixty-<del style=\"[^\"]*line-through[^\"]*\">sixth</del>", html)
    assert re.search(r"<ins style=\"[^\"]*underline[^\"]*\">ninth</ins> session", html)
    assert f'<a href="{link}">' in html and "2011 → 2015" in html
    shoot(page, "citation-02-copied")


def test_a_long_passage_is_cited_by_its_ends_and_its_permalink_selects_it(
    open_page: OpenPage, shoot: Shoot
) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    drag_over(page, "To bolster bilateral", "relevant international organizations")
    page.get_by_role("button", name="Copy citation").click()
    copied = clipboard(page)["text/plain"]
    assert copied.startswith("“(12) To bolster bilateral") or "To bolster bilateral" in copied
    link = copied.rsplit("\n", 1)[1]
    assert re.search(r"#cite=[^,]+,[^,]+$", link)  # its first and last words

    opened = open_page(hash="#" + link.split("#", 1)[1])
    selected = opened.evaluate("() => getSelection().toString()")
    assert selected.startswith("To bolster bilateral")
    assert selected.rstrip().endswith("relevant international organizations")
    focus = opened.evaluate(
        "() => { const r = getSelection().getRangeAt(0).getBoundingClientRect();"
        " return r.top < innerHeight && r.bottom > 0; }"
    )
    assert focus  # scrolled to the passage
    shoot(opened, "citation-03-permalink-opened")
    # the same words in another publication of the project (the single file) are found
    again = open_page("single.html", hash="#" + link.split("#", 1)[1])
    assert again.evaluate("() => getSelection().toString()") == selected


def test_a_permalink_to_words_no_longer_there_opens_the_page_as_usual(
    open_page: OpenPage,
) -> None:
    page = open_page(hash="#cite=words%20nowhere%20in%20the%20text")
    assert page.evaluate("() => getSelection().toString()") == ""
    expect(page.locator("#text")).to_be_visible()


def test_the_c_key_copies_the_words_selected_by_keyboard(open_page: OpenPage) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    drag_over(page, "Original:", "English")
    page.keyboard.press("c")
    expect(page.get_by_role("button", name="Citation copied")).to_be_visible()
    assert clipboard(page)["text/plain"].startswith("“Original: English”\n")
