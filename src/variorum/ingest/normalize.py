"""The canonical form of text: what every Document's ``text`` is made of."""

from __future__ import annotations

import unicodedata

_TRAILING_SPACE = " \t\f\v\u00a0"
"""Characters stripped from line ends (a split and join is ten times a regex's speed)."""


def canonical_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, no trailing spaces on lines, no blank lines at either
    end, and one final ``\\n`` (unless empty). Invisible differences such as CRLF
    against LF or a missing final newline are thereby not changes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = "\n".join([line.rstrip(_TRAILING_SPACE) for line in text.split("\n")])
    text = text.strip("\n")
    if not text.strip():
        return ""
    return text + "\n"


def inline_text(text: str) -> str:
    """One line of text: NFC, every run of whitespace (line breaks too) as one space."""
    text = " ".join(text.split())
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
