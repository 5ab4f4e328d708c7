"""The Content-Security-Policy of Variorum's self-contained pages: only the page's own
inline style and script, identified by their hashes, may run; nothing is fetched."""

from __future__ import annotations

import base64
import hashlib


def policy(css: str, script: str) -> str:
    """The policy for a page whose only style is ``css`` and only script ``script``."""
    return (
        "default-src 'none'; "
        f"style-src '{sha256(css)}'; script-src '{sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def sha256(text: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
