"""Renderers: a Comparison becomes HTML, Markdown (CriticMarkup), JSON, terminal text, or
a Word or PDF file.

Each format is one module that registers a function ``(comparison, **options) -> str``
in ``RENDERERS``; ``render(comparison, name)`` looks it up, and refuses an option the
format does not take, so a misspelt one is an error, not silently ignored. An extension
registers its own format the same way the built-ins do; a built-in's module is
imported when its format is first asked for. A format whose output grows with the
documents (the HTML page) registers a function that yields the output in parts
instead; ``stream(comparison, name)`` gives those parts, so that a large comparison
is written to a file without the whole page in memory. A format that is a file, not
text (Word, PDF), registers a function that returns its bytes; ``write`` gives them.
Front ends list ``formats()`` and pick one by file name with ``format_for``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from variorum.comparison import Comparison
from variorum.errors import UsageError

Renderer = Callable[..., str]
Streamer = Callable[..., Iterator[str]]
FileWriter = Callable[..., bytes]
F = TypeVar("F", bound=Callable[..., Any])

RENDERERS: dict[str, Renderer] = {}
"""Format name -> renderer."""

STREAMERS: dict[str, Streamer] = {}
"""Format name -> renderer that yields its output in parts (also in ``RENDERERS``)."""

FILE_WRITERS: dict[str, FileWriter] = {}
"""Format name -> writer of a file's bytes, for formats that are not text."""

SUFFIXES: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".json": "json",
    ".txt": "terminal",
    ".docx": "docx",
    ".pdf": "pdf",
}
"""File name suffix -> the format a file so named is written in (the built-ins', and
those an extension registers)."""

_BUILTINS = {
    "html": "page",
    "html-fragment": "html",
    "markdown": "criticmarkup",
    "json": "json",
    "terminal": "terminal",
    "stat": "stat",
    "docx": "word",
    "pdf": "pdf",
}
"""Built-in format -> its module in ``variorum.render``, imported on first use (the page
needs Jinja, the terminal rich, Word python-docx, PDF Chromium)."""


def register(name: str, *suffixes: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make a renderer available under ``name`` (and for file names ending
    in one of ``suffixes``)."""

    def decorate(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        SUFFIXES.update(dict.fromkeys(suffixes, name))
        return function

    return decorate


def register_stream(name: str, *suffixes: str) -> Callable[[Streamer], Streamer]:
    """Decorator: make a renderer that yields parts available under ``name``."""

    def decorate(function: Streamer) -> Streamer:
        STREAMERS[name] = function
        joined = register(name, *suffixes)(_joined(function))
        joined.__signature__ = inspect.signature(function)  # type: ignore[attr-defined]
        return function

    return decorate


def register_file(name: str, *suffixes: str) -> Callable[[FileWriter], FileWriter]:
    """Decorator: make a writer of a file's bytes available under ``name``."""

    def decorate(function: FileWriter) -> FileWriter:
        FILE_WRITERS[name] = function
        SUFFIXES.update(dict.fromkeys(suffixes, name))
        return function

    return decorate


def formats() -> list[str]:
    """Every format's name, built-in or registered, in order."""
    return sorted({*_BUILTINS, *RENDERERS, *FILE_WRITERS})


def options_of(format: str) -> list[str]:
    """The names of the options ``format`` takes (none for most), so that a front end
    passes each format the options it has for it, and no other."""
    _load(format)
    function = FILE_WRITERS[format] if format in FILE_WRITERS else RENDERERS[format]
    return [parameter.name for parameter in _parameters(function)]


def format_for(suffix: str, default: str = "terminal") -> str:
    """The format of a file whose name ends in ``suffix`` (``.md``), else ``default``."""
    return SUFFIXES.get(suffix.lower(), default)


def is_file_format(format: str) -> bool:
    """Whether ``format`` is a file's bytes (``write``), not text (``render``)."""
    _load(format)
    return format in FILE_WRITERS


def render(comparison: Comparison, format: str = "html", **options: Any) -> str:
    """The comparison in a registered text format: html, html-fragment, markdown, json,
    terminal, stat."""
    return _checked(format, _renderer(format), options)(comparison, **options)


def stream(comparison: Comparison, format: str = "html", **options: Any) -> Iterator[str]:
    """``render`` in parts that join to its text: one part unless the format streams."""
    _checked(format, _renderer(format), options)  # fails here, before any part is written
    if format in STREAMERS:
        return STREAMERS[format](comparison, **options)
    return iter((render(comparison, format, **options),))


def write(comparison: Comparison, format: str, **options: Any) -> bytes:
    """The comparison as the bytes of a file in a file format (docx)."""
    _load(format)
    if format not in FILE_WRITERS:
        raise UsageError(f"output format {format!r} is text: render it, not write it")
    return _checked(format, FILE_WRITERS[format], options)(comparison, **options)


def _renderer(format: str) -> Renderer:
    _load(format)
    if format in FILE_WRITERS:
        raise UsageError(f"output format {format!r} is a file, not text: write it to a file")
    return RENDERERS[format]


def _load(format: str) -> None:
    """Import the module of a built-in format on first use; refuse an unknown one."""
    if format in RENDERERS or format in FILE_WRITERS:
        return
    if format not in _BUILTINS:
        known = ", ".join(formats())
        raise UsageError(f"unknown output format {format!r} (known: {known})")
    importlib.import_module(f"variorum.render.{_BUILTINS[format]}")


def _checked(format: str, function: F, options: dict[str, Any]) -> F:
    """``function``, once every one of ``options`` is a parameter it takes."""
    parameters = _parameters(function)
    if any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters):
        return function  # an extension's renderer that takes any option
    taken = [parameter.name for parameter in parameters]
    for name in options:
        if name not in taken:
            offered = ", ".join(taken) or "none"
            message = f"output format {format!r} has no option {name!r} (its options: {offered})"
            raise UsageError(message)
    return function


def _parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    """A renderer's parameters after the comparison."""
    return list(inspect.signature(function).parameters.values())[1:]


def _joined(function: Streamer) -> Renderer:
    """A renderer returning the parts of ``function`` joined."""

    def joined(comparison: Comparison, **options: Any) -> str:
        return "".join(function(comparison, **options))

    return joined
