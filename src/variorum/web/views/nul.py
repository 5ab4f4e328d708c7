"""NUL characters are refused before any view reads a request.

PostgreSQL cannot hold a NUL (U+0000) in text, and SQLite can: without this check a
title or a note with one was stored on a laptop and refused with a 500 on a team
server (or by a later move there). A NUL in the address, the query or a form field
is answered 400 on both databases, naming where it was, and nothing is stored; JSON
bodies are checked where they are parsed (``api.json_body``), and Django drops
unprintable characters from uploads' file names.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from variorum.web.views.api import error

NUL = "\x00"


class NulCharacterMiddleware:
    """Refuse a request with a NUL in its address or typed fields (not in files)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _where(request)
        if where is None:
            return self.get_response(request)
        message = f"{where} holds a NUL character (U+0000), which no text may hold"
        if request.path_info.startswith("/api/"):
            return error(400, message)
        return render(request, "variorum_web/refused.html", {"message": message}, status=400)


def _where(request: HttpRequest) -> str | None:
    """What part of the request holds a NUL, or None."""
    if NUL in request.path_info:
        return "the address"
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return f"the query's {name!r:.40}"
    if request.method == "POST":
        for name, values in request.POST.lists():
            if NUL in name or any(NUL in value for value in values):
                return f"the field {name!r:.40}"
    return None
