"""What the app's browser tests do again and again: sign in, open a redline, select
words as a person does, and make a forced API call."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

PASSWORD = "a long test password"
"""The password of every account of these tests."""
DEMO = "icoc-2011-2015"
"""The slug of the built-in example in the app."""
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Server:
    """A running ``variorum serve``."""

    url: str
    data_dir: Path
    environment: dict[str, str]
    """The server's environment (its data folder and database), for ``django``."""

    def django(self, code: str) -> str:
        """Run Python ``code`` in ``variorum manage shell`` against this server's data."""
        done = subprocess.run(
            [sys.executable, "-m", "variorum", "manage", "shell", "-c", code],
            env=self.environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


def sign_in(page: Page, url: str, user: str) -> None:
    """Sign in with the password form."""
    page.goto(url + "login/")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url)


def open_redline(page: Page, path: str) -> None:
    """Go to a redline (or version) page of the app and wait for its scripts."""
    page.goto(path)
    page.wait_for_selector("body.vr-ready")
    page.wait_for_load_state("load")


def select_words(page: Page, words: str, within: str = "#text", drag: bool = True) -> None:
    """Select the first visible occurrence of ``words`` inside one piece of the text
    under the elements ``within``: with the mouse, as a person does (or by script
    with ``drag=False``)."""
    box = page.evaluate(
        """([words, within, drag]) => {
          for (const root of document.querySelectorAll(within)) {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(words);
              if (at < 0 || !node.parentElement.closest('[data-o]')) continue;
              if (!node.parentElement.getClientRects().length) continue;
              node.parentElement.scrollIntoView({block: 'center'});
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              if (!drag) {
                const selection = getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return null;
              }
              const rects = range.getClientRects();
              const first = rects[0], last = rects[rects.length - 1];
              return [first.left + 1, first.top + first.height / 2,
                      last.right - 1, last.top + last.height / 2];
            }
          }
          throw new Error('not in the text: ' + words);
        }""",
        [words, within, drag],
    )
    if box is None:
        return
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, steps=4)
    page.mouse.move(box[2], box[3], steps=4)
    page.mouse.up()


def csrf_headers(page: Page) -> dict[str, str]:
    """Headers for a forced API call from the signed-in browser (session + CSRF)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return {"X-CSRFToken": token, "Content-Type": "application/json"}


def serious_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.evaluate(axe_source)  # run by the test driver: the page's policy does not apply
    found = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map(v => ({ id: v.id, impact: v.impact,
                         nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))"""
    )
    return [violation for violation in found if violation["impact"] in ("serious", "critical")]
