"""Ingest: a file (or a string) becomes a Document.

Formats are parsers from decoded text to a Document, registered by name in
``PARSERS``; ``load`` picks one from ``format=`` or from the file name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from variorum.document import Document
from variorum.errors import UsageError
from variorum.ingest.markdown import parse_markdown
from variorum.ingest.reading import decode_text, read_bytes
from variorum.ingest.text import parse_text

Parser = Callable[..., Document]

PARSERS: dict[str, Parser] = {"text": parse_text, "markdown": parse_markdown}
"""Format name -> function(text, **metadata) -> Document."""

EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
}
"""File name endings that name a format; anything else is read as plain text."""


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format a file is read as, from its name."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def parse(text: str, format: str = "text", **meta: str) -> Document:
    """A Document from text already in memory."""
    try:
        parser = PARSERS[format]
    except KeyError:
        known = ", ".join(sorted(PARSERS))
        raise UsageError(f"unknown format {format!r} (known: {known})") from None
    return parser(text, **meta)


def load(
    path: str | os.PathLike[str],
    format: str | None = None,
    max_bytes: int | None = None,
    **meta: str,
) -> Document:
    """A Document from a file; metadata defaults to the file's name and path."""
    file = Path(path)
    chosen = format or detect_format(file)
    if chosen not in PARSERS:
        parse("", chosen)  # raises the UsageError naming the known formats
    text = decode_text(file, read_bytes(file, max_bytes))
    meta.setdefault("version", file.stem)
    meta.setdefault("source", str(file))
    return parse(text, chosen, **meta)


__all__ = ["PARSERS", "detect_format", "load", "parse", "parse_markdown", "parse_text"]
