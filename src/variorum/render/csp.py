"""The Content-Security-Policy of Variorum's self-contained pages: only the page's own
inline style and script, identified by their hashes, may run; nothing is fetched.
A page shown inside the web app may also load styles and scripts from, send requests
and forms to, the app's own origin (``same_origin``), and nothing else."""

from __future__ import annotations

import base64
import hashlib


def policy(css: str, script: str, same_origin: bool = False) -> str:
    """The policy for a page whose only inline style is ``css`` and only inline script
    ``script``; ``same_origin`` also allows the origin serving the page."""
    if not same_origin:
        return (
            "default-src 'none'; "
            f"style-src '{sha256(css)}'; script-src '{sha256(script)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
    return (
        "default-src 'none'; "
        f"style-src '{sha256(css)}' 'self'; script-src '{sha256(script)}' 'self'; "
        "connect-src 'self'; img-src data: 'self'; base-uri 'none'; form-action 'self'"
    )


def sha256(text: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
