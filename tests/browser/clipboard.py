"""Reading the system clipboard as a page reads it."""

from __future__ import annotations

from playwright.sync_api import Page


def clipboard(page: Page) -> dict[str, str]:
    """What the system clipboard holds, by type (read as a page reads it)."""
    return dict(
        page.evaluate(
            """async () => {
              const found = {};
              for (const item of await navigator.clipboard.read()) {
                for (const type of item.types) {
                  found[type] = await (await item.getType(type)).text();
                }
              }
              return found;
            }"""
        )
    )
