"""Renderers: a Comparison becomes HTML, Markdown (CriticMarkup), JSON or terminal text.

Each format is one module that registers a function ``(comparison, **options) -> str``
in ``RENDERERS``; ``render(comparison, name)`` looks it up. An extension registers
its own format the same way the built-ins do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from variorum.comparison import Comparison
from variorum.errors import UsageError

Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {}
"""Format name -> renderer."""


def register(name: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make a renderer available under ``name``."""

    def decorate(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        return function

    return decorate


def render(comparison: Comparison, format: str = "html", **options: Any) -> str:
    """The comparison in a registered format: html, html-fragment, markdown, json, terminal."""
    _load_builtins()
    try:
        renderer = RENDERERS[format]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise UsageError(f"unknown output format {format!r} (known: {known})") from None
    return renderer(comparison, **options)


def _load_builtins() -> None:
    from variorum.render import criticmarkup, html, json, page, stat, terminal  # noqa: F401
