"""The axe-core audit of a page in the browser: its serious and critical violations."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

SERIOUS = ("serious", "critical")
"""The impacts an audit reports."""


def audit(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe's violations of serious or critical impact, WCAG 2.x A and AA rules and
    best practices, on the page as it is now."""
    page.evaluate(axe_source)  # evaluated by the test driver: the page's CSP does not apply
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
            }));
        }"""
    )
    return [violation for violation in result if violation["impact"] in SERIOUS]
