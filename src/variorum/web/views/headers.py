"""A strict Content-Security-Policy header on every answer of the app.

The app's pages run only scripts and styles from its own origin: no inline script,
no event-handler attribute, no inline style, nothing from another site; forms post
only to the app, and no other site may frame a page (``frame-ancestors``, the
header-only successor of ``X-Frame-Options``). A view whose page inlines its own
style and script (the redline, allowed by their hashes) sets its own policy, which
is kept, with ``frame-ancestors`` added.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

FRAMES = "frame-ancestors 'none'"
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    f" connect-src 'self'; form-action 'self'; base-uri 'none'; {FRAMES}"
)
"""The policy of every answer that does not set one."""


class ContentSecurityPolicyMiddleware:
    """Send ``POLICY``, or the view's own policy with ``FRAMES``, on every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        own = response.get("Content-Security-Policy")
        if not own:
            response["Content-Security-Policy"] = POLICY
        elif "frame-ancestors" not in own:
            response["Content-Security-Policy"] = f"{own}; {FRAMES}"
        return response
