"""The canonical form of text: what every Document's ``text`` is made of."""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

from variorum.compiled import twins

_LINE_END_SPACE = " \t\f\v\u00a0"
_SPACE_BEFORE_BREAK = re.compile(rf"\n(?<=[{_LINE_END_SPACE}]\n)")
"""Most texts have no line-end spaces: one quick scan spares them the rewrite (written
to start at the line break, which the regular expression engine finds fast)."""


_RARE = (("\u2028", "\n"), ("\u2029", "\n"), ("\ufeff", ""))
"""Line and paragraph separators become line breaks; byte-order marks go."""

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1) reach no Document: a raw
ESC would start a terminal escape sequence in ``compare``'s output, and NUL bytes and
their kind are invisible. ``without_controls`` removes them, but for those that break
lines (as ``str.splitlines`` reads them): those become line breaks."""
_CONTROL_TABLE = {
    code: "\n" if chr(code) in "\x0b\x0c\x1c\x1d\x1e\x85" else None
    for code in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}


def canonical_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, no trailing spaces on lines, no blank lines at either
    end, and one final ``\\n`` (unless empty). Invisible differences such as CRLF
    against LF or a missing final newline are thereby not changes."""
    # most texts are canonical but for their ends, or need NFC alone (decomposed
    # accents): one compiled pass spares them the other scans
    need = canonical_need(text)
    if need is Rewrites.NFC:
        text = to_nfc(text)
    elif need is Rewrites.ALL:
        text = _canonical_inside(text)
    if text.isspace() or not text:
        return ""
    if text[0] != "\n" and text.endswith("\n") and not text.endswith("\n\n"):
        return text  # already canonical at both ends: no copy of a large text
    return text.strip("\n") + "\n"


class Rewrites(IntEnum):
    """What ``canonical_text`` must do inside a text (``canonical_need``)."""

    NONE = 0
    NFC = 1
    """Composing alone: NFC neither makes nor removes a line break, a line-end space,
    a control character or a separator (``tests/test_speedups.py`` checks this over all
    of Unicode), so a text that needs no other rewrite needs none after it."""
    ALL = 2
    """Every rewrite of ``_canonical_inside``, each where it applies."""


def canonical_need(text: str) -> Rewrites:
    """Which rewrites ``text`` needs inside (all but its ends), as the compiled twin
    ``_reading.canonical_need`` finds them in one scan; without it, ALL: the
    reference's scans (``python_canonical_need``) would cost more than the rewrites,
    each of which looks for what it changes, spare."""
    compiled = twins.canonical_need
    return Rewrites.ALL if compiled is None else Rewrites(compiled(text))


def python_canonical_need(text: str) -> Rewrites:
    """Which rewrites ``text`` needs inside: the rule, and the reference of the
    compiled ``canonical_need``.

    >>> [python_canonical_need(text).name for text in ("Caf\\u00e9", "Cafe\\u0301", "a\\r\\n")]
    ['NONE', 'NFC', 'ALL']
    """
    if (
        "\r" in text
        or any(separator in text for separator, _ in _RARE)
        or CONTROLS.search(text)
        or (text and text[-1] in _LINE_END_SPACE)
        or _SPACE_BEFORE_BREAK.search(text)
    ):
        return Rewrites.ALL
    return Rewrites.NONE if unicodedata.is_normalized("NFC", text) else Rewrites.NFC


def without_controls(text: str) -> str:
    """``text`` without control characters (``CONTROLS``): line-breaking ones become
    line breaks, the others are removed.

    >>> without_controls("a\\x00b\\x1b]8;;https://x.test\\x07c\\x0cd")
    'ab]8;;https://x.testc\\nd'
    """
    return text.translate(_CONTROL_TABLE) if CONTROLS.search(text) else text


def _canonical_inside(text: str) -> str:
    """``text`` with all but its ends canonical: line breaks, NFC, no line-end spaces,
    no control characters."""
    quick = _line_ends_fixed(text)
    compiled = twins.is_canonical_inside
    if compiled is not None:
        if quick is not text and compiled(quick):
            return quick  # CRLF or line-end spaces were all: the scans below would find nothing
        # NFC neither makes nor removes a line break, space, control character or
        # separator, nor composes across one: where decomposed accents were left (a macOS
        # or PDF text), the rewrites below would give the composed text too
        composed = to_nfc(quick)
        if composed is not quick and compiled(composed):
            return composed
    text = without_controls(text)
    text = _line_breaks(text)
    for separator, replacement in _RARE:  # a search for one character is fast; a rewrite is not
        if separator in text:
            text = text.replace(separator, replacement)
    text = to_nfc(text)
    if (text and text[-1] in _LINE_END_SPACE) or _SPACE_BEFORE_BREAK.search(text):
        text = _without_line_end_spaces(text)
    return text


def to_nfc(text: str) -> str:
    """``text`` in Unicode's composed form (NFC). ``_reading.to_nfc`` is the compiled
    twin, which composes only what may change."""
    if twins.to_nfc is not None:
        return twins.to_nfc(text)
    # no is_normalized() first: normalize() returns an NFC text itself after the same
    # quick check, and where that check is unsure (a combining accent) is_normalized()
    # would compose the whole text once only to compare it
    return unicodedata.normalize("NFC", text)


def _line_ends_fixed(text: str) -> str:
    """``text`` with ``\n`` line breaks and no line-end spaces: the usual rewrites (a
    Windows file, Markdown hard breaks), made first. Where the text is then canonical,
    the other rewrites would have changed nothing, so they give the same text.
    ``_reading.line_ends_fixed`` is the compiled twin (one pass, one copy)."""
    if twins.line_ends_fixed is not None:
        return twins.line_ends_fixed(text)
    text = _line_breaks(text)
    if (text and text[-1] in _LINE_END_SPACE) or _SPACE_BEFORE_BREAK.search(text):
        text = _without_line_end_spaces(text, _PLAIN_LINE_END_SPACE)
    return text


def _line_breaks(text: str) -> str:
    """``\r\n`` and lone ``\r`` as ``\n``."""
    if "\r" in text:  # a search for one character is fast; a rewrite is not
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    return text


_PLAIN_LINE_END_SPACE = " \t\u00a0"
"""The line-end spaces that are no control character: form feed and vertical tab break
lines (``without_controls``), so only the full rewrite may remove them."""


def _without_line_end_spaces(text: str, spaces: str = _LINE_END_SPACE) -> str:
    """Each line stripped of its trailing spaces. Line by line, not by a regular
    expression: ``[ ]+$`` is tried at every space between words (a 1,000,000-word text
    with Markdown hard breaks spent 65% of its comparison there)."""
    return "\n".join(line.rstrip(spaces) for line in text.split("\n"))


def inline_text(text: str) -> str:
    """One line of text: NFC, every run of whitespace (line breaks too) as one space."""
    text = " ".join(text.split())
    return unicodedata.normalize("NFC", text)
