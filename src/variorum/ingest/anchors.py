"""Links to places in the document, and the places a document names.

A link to ``#name`` where the document names no such place leads nowhere in any
rendition: a browser shows it but goes nowhere, and Chromium leaves it out of the PDF
it prints. Every reader names the places its document defines and the builder reads
such a link as the plain text it is (``DocumentBuilder.build``), so that the PDF of a
page and its Markdown or HTML hold the same links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from urllib.parse import unquote

_NOT_PANDOC = re.compile(r"[^\w\-.]")
"""Pandoc's identifiers keep letters, digits, ``_``, ``-`` and ``.``."""
_NOT_GITHUB = re.compile(r"[^\w\- ]")
"""GitHub's keep letters, digits, ``_``, ``-`` and spaces (then made hyphens)."""


def place_named(target: str) -> str | None:
    """The name a link to a place in its own document points at (``#rights``:
    ``rights``), or None for a link elsewhere."""
    return unquote(target[1:]) if target.startswith("#") else None


def leads_nowhere(target: str, anchors: Collection[str]) -> bool:
    """Whether a link points at a place in its document that ``anchors`` lacks."""
    name = place_named(target)
    return name is not None and name not in anchors


def heading_anchors(titles: Iterable[str]) -> set[str]:
    """The names that Markdown renderers give headings of these titles (``heading_names``)."""
    return set().union(*heading_names(titles))


def heading_names(titles: Iterable[str]) -> list[set[str]]:
    """Per title, in order, the names Markdown renderers give its heading: pandoc's
    (``auto_identifiers``) and GitHub's, a repeated one numbered ``-1``, ``-2``."""
    names: list[set[str]] = []
    pandoc: dict[str, int] = {}
    github: dict[str, int] = {}
    for title in titles:
        title = unicodedata.normalize("NFC", title).lower()
        kept = (_NOT_PANDOC.sub("", word) for word in title.split())
        words = "-".join(word for word in kept if word)
        names.append(
            {
                _numbered(_from_first_letter(words) or "section", pandoc),
                _numbered(_NOT_GITHUB.sub("", title).replace(" ", "-"), github),
            }
        )
    return names


def _from_first_letter(name: str) -> str:
    """Pandoc drops everything before an identifier's first letter."""
    for index, char in enumerate(name):
        if char.isalpha():
            return name[index:]
    return ""


def _numbered(name: str, seen: dict[str, int]) -> str:
    """``name``, or ``name-1``, ``name-2``... for its second, third... use."""
    count = seen.get(name, 0)
    seen[name] = count + 1
    return f"{name}-{count}" if count else name
