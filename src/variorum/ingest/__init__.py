"""Ingest: a file (or a string, or bytes) becomes a Document.

    file --read_bytes--> bytes --sniff--> format --decode (text formats)--> parser --> Document

Text formats (``text``, ``markdown``, ``html``) are parsers of decoded text; binary
formats (``pdf``, ``docx``) parse the bytes themselves. Parsers are registered by
name in ``PARSERS``; those that need a heavy library are imported on first use, so
that comparing two strings loads no PDF, Word or HTML library. Every problem with
an input is an InputError naming the file, never a traceback.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from variorum.document import Document
from variorum.errors import InputError, UsageError
from variorum.ingest.sniff import BINARY_EXTENSIONS, TEXT_EXTENSIONS, sniff_bytes, sniff_text
from variorum.ingest.text import parse_text
from variorum.lazy import attribute_loader
from variorum.options import ReadLimits

if TYPE_CHECKING:  # imported on first use (see __getattr__): reading a string needs neither
    from variorum.ingest.isolation import default_limits
    from variorum.ingest.markdown import parse_markdown

Parser = Callable[..., Document]
Tracked = Literal["current", "original"]
"""Which text of a DOCX with tracked changes to read: as it is now, or as it was."""


def _lazy(module: str, name: str) -> Parser:
    """A parser that imports ``module`` only when it is first called."""

    def parser(content: Any, **options: Any) -> Document:
        function: Parser = getattr(importlib.import_module(module), name)
        return function(content, **options)

    parser.__name__ = parser.__qualname__ = name
    parser.__doc__ = f"``{module}.{name}``, imported on first use."
    return parser


PARSERS: dict[str, Parser] = {
    "text": parse_text,
    "markdown": _lazy("variorum.ingest.markdown", "parse_markdown"),
    "html": _lazy("variorum.ingest.html", "parse_html"),
    "pdf": _lazy("variorum.ingest.pdf", "parse_pdf"),
    "docx": _lazy("variorum.ingest.docx", "parse_docx"),
}
"""Format name -> function(content, **options, **metadata) -> Document. Content is
``str`` for text formats and ``bytes`` for those in ``BINARY_FORMATS``."""

BINARY_FORMATS = frozenset({"pdf", "docx"})
"""Formats whose parsers read bytes rather than decoded text."""

FORMAT_OPTIONS: dict[str, tuple[str, ...]] = {"html": ("selector",), "docx": ("tracked",)}
"""Which keyword options of ``load`` each format's parser takes; others ignore them."""

EXTENSIONS: dict[str, str] = {**TEXT_EXTENSIONS, **BINARY_EXTENSIONS}
"""File name endings that name a format (a hint: the content has the last word)."""


_EMPTY_HINTS = {
    "docx": " (headers, footers, shapes and pictures are not read)",
    "html": " (a page that builds its text with JavaScript shows none without a browser)",
}
"""Why a file that is not empty can give no text, by format: said when it does, since
a version read as empty would compare as the whole text deleted."""


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format a file's name suggests (``text`` when it suggests none)."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def parse(
    text: str,
    format: str = "text",
    *,
    selector: str | None = None,
    tracked: Tracked = "current",
    **meta: str,
) -> Document:
    """A Document from text already in memory, in a text format."""
    parser = _parser(format)
    if format in BINARY_FORMATS:
        raise UsageError(f"format {format!r} is read from bytes: use parse_bytes() or load()")
    return parser(text, **_options(format, selector, tracked), **meta)


def parse_bytes(
    data: bytes,
    format: str | None = None,
    *,
    name: str = "input",
    selector: str | None = None,
    tracked: Tracked = "current",
    limits: ReadLimits | None = None,
    **meta: str,
) -> Document:
    """A Document from the bytes of a file; ``name`` (its path or upload name) is the
    hint for the format and what error messages call it. The bytes are parsed in a
    child process within ``limits`` (time and memory; see ``ReadLimits``; by default
    ``default_limits()``)."""
    from variorum.ingest.isolation import default_limits, run_limited

    options = {"selector": selector, "tracked": tracked}
    work = functools.partial(_parse_bytes, data, format, name, options, meta)
    return run_limited(work, name, limits or default_limits())


def _parse_bytes(
    data: bytes, format: str | None, name: str, options: dict[str, Any], meta: dict[str, str]
) -> Document:
    suffix = Path(name).suffix.lower()
    chosen = format or _sniff_binary(name, data, suffix)
    content: str | bytes = data
    if chosen not in BINARY_FORMATS:
        from variorum.ingest.reading import decode_text

        content = decode_text(name, data)
        chosen = chosen or sniff_text(content, suffix)
    parser = _parser(chosen)
    meta.setdefault("source", name)
    try:
        document = parser(content, **_options(chosen, **options), **meta)
    except InputError as error:
        raise InputError(name, error.problem) from None
    if not document.text:
        raise InputError(name, f"has no text to read{_EMPTY_HINTS.get(chosen, '')}")
    return document


def load(
    path: str | os.PathLike[str],
    format: str | None = None,
    max_bytes: int | None = None,
    *,
    selector: str | None = None,
    tracked: Tracked = "current",
    limits: ReadLimits | None = None,
    **meta: str,
) -> Document:
    """A Document from a file; metadata defaults to the file's name and path.

    ``format`` forces a format instead of detecting it; ``max_bytes`` caps the file
    size; ``selector`` (HTML) is a CSS selector for the content to read instead of
    the extracted main content; ``tracked`` (DOCX) reads tracked changes as the
    ``current`` text or the ``original`` one; ``limits`` bound the time and memory
    parsing may take (it runs in a child process: a hostile file is refused, not
    obeyed).
    """
    from variorum.ingest.reading import read_bytes

    if format is not None:
        _parser(format)
    file = Path(path)
    data = read_bytes(file, max_bytes)
    meta.setdefault("version", file.stem)
    return parse_bytes(
        data, format, name=str(file), selector=selector, tracked=tracked, limits=limits, **meta
    )


def _parser(format: str) -> Parser:
    try:
        return PARSERS[format]
    except KeyError:
        known = ", ".join(sorted(PARSERS))
        raise UsageError(f"unknown format {format!r} (known: {known})") from None


def _options(format: str, selector: str | None, tracked: Tracked) -> dict[str, Any]:
    if tracked not in ("current", "original"):
        raise UsageError(f"tracked changes are read as 'current' or 'original', not {tracked!r}")
    given = {"selector": selector, "tracked": tracked}
    return {name: given[name] for name in FORMAT_OPTIONS.get(format, ())}


def _sniff_binary(name: str, data: bytes, suffix: str) -> str | None:
    """``pdf``/``docx`` from the content; None for text; InputError for other binaries
    and for files named .pdf or .docx that are not."""
    try:
        found = sniff_bytes(data, suffix)
    except ValueError as what:
        raise InputError(name, f"is {what}") from None
    if found is None and suffix == ".pdf":
        raise InputError(name, "is not a PDF: it has no %PDF- header")
    if found is None and BINARY_EXTENSIONS.get(suffix) == "docx":
        raise InputError(name, "is not a Word document: it is not a ZIP package")
    return found


_LAZY = {
    "default_limits": "variorum.ingest.isolation",
    "parse_markdown": "variorum.ingest.markdown",
}
"""Public names whose modules load on first use: the child-process machinery
(multiprocessing) and the Markdown library cost a comparison of two strings ~25 ms."""

__getattr__ = attribute_loader("variorum.ingest", _LAZY, globals())


__all__ = [
    "BINARY_FORMATS",
    "PARSERS",
    "ReadLimits",
    "Tracked",
    "default_limits",
    "detect_format",
    "load",
    "parse",
    "parse_bytes",
    "parse_markdown",
    "parse_text",
]
