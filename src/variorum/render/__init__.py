"""Renderers: a Comparison becomes HTML, Markdown (CriticMarkup), JSON or terminal text.

Each format is one module that registers a function ``(comparison, **options) -> str``
in ``RENDERERS``; ``render(comparison, name)`` looks it up. An extension registers
its own format the same way the built-ins do. A format whose output grows with the
documents (the HTML page) registers a function that yields the output in parts
instead; ``stream(comparison, name)`` gives those parts, so that a large comparison
is written to a file without the whole page in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from variorum.comparison import Comparison
from variorum.errors import UsageError

Renderer = Callable[..., str]
Streamer = Callable[..., Iterator[str]]

RENDERERS: dict[str, Renderer] = {}
"""Format name -> renderer."""

STREAMERS: dict[str, Streamer] = {}
"""Format name -> renderer that yields its output in parts (also in ``RENDERERS``)."""


def register(name: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make a renderer available under ``name``."""

    def decorate(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        return function

    return decorate


def register_stream(name: str) -> Callable[[Streamer], Streamer]:
    """Decorator: make a renderer that yields parts available under ``name``."""

    def decorate(function: Streamer) -> Streamer:
        STREAMERS[name] = function
        RENDERERS[name] = lambda comparison, **options: "".join(function(comparison, **options))
        return function

    return decorate


def render(comparison: Comparison, format: str = "html", **options: Any) -> str:
    """The comparison in a registered format: html, html-fragment, markdown, json, terminal."""
    return _renderer(format)(comparison, **options)


def stream(comparison: Comparison, format: str = "html", **options: Any) -> Iterator[str]:
    """``render`` in parts that join to its text: one part unless the format streams."""
    _renderer(format)  # an unknown format fails here, before any part is written
    if format in STREAMERS:
        return STREAMERS[format](comparison, **options)
    return iter((render(comparison, format, **options),))


def _renderer(format: str) -> Renderer:
    _load_builtins()
    try:
        return RENDERERS[format]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise UsageError(f"unknown output format {format!r} (known: {known})") from None


def _load_builtins() -> None:
    from variorum.render import criticmarkup, html, json, page, stat, terminal  # noqa: F401
