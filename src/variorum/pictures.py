"""Pictures: where an image stands in a Document's text, what its source is compared
by, and how a redline names it.

Every picture a reader sees takes part in the comparison. Its alternative text is
text (a screen reader says those words); a picture without any stands in the text as
one ``PICTURE`` character, U+FFFC OBJECT REPLACEMENT CHARACTER, Unicode's own
placeholder for an object in running text. So an image-only paragraph is still a
block, a picture added or removed is an insertion or deletion where it stands, and a
picture replaced leaves the text equal while its source (the ``LinkKind.IMAGE``
Link's target, kept apart as a link's target is) tells the change.

A source is compared as the readers write it:

- HTML: ``src``, then ``srcset`` and the ``<source>`` candidates of a ``<picture>``
  (a browser may show any of them: ``html_source``); a video's sources and poster, an
  ``<object>``'s ``data``, an ``<embed>``'s ``src``; an inline SVG drawing by a digest
  of its markup;
- a ``data:`` URI: its media type, size and a digest of its bytes, never its base64
  (``data_source``): a 50 KB blob would fill every note;
- Word: its media type, size and a digest of the image part (``part_source``), not the
  part's name, which Word renumbers when a picture is added before it.

>>> data_source("data:image/png;base64,iVBORw0KGgo=")
'data:image/png (8 bytes, sha256 4c4b6a3be1314ab8)'
>>> picture_name("/a/b/old.png?v=2"), picture_name(data_source("data:,x"))
('old.png', 'data:text/plain')
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from variorum.document import PICTURE

DIGEST_LENGTH = 16
"""Hex digits of a picture's SHA-256 kept in its described source: 64 bits, so two
different pictures of one document share one by chance about never."""

_SPACES = re.compile(r"\s+")


def data_source(uri: str) -> str:
    """A ``data:`` URI described by its media type, size and digest (equal bytes, equal
    description, however the base64 is wrapped)."""
    header, _, payload = uri.partition(",")
    media = header[len("data:") :].split(";")[0].strip().lower() or "text/plain"
    if header.lower().endswith(";base64"):
        try:
            data = base64.b64decode(_SPACES.sub("", payload) + "==", validate=False)
        except (binascii.Error, ValueError):
            data = payload.encode("utf-8", "surrogatepass")
    else:
        data = unquote(payload).encode("utf-8", "surrogatepass")
    return described(f"data:{media}", data)


def part_source(media: str, data: bytes, name: str = "") -> str:
    """An embedded picture (a Word document's image part) by its media type, size and
    digest, with the name it is known by (its alternative text or file name), which
    names it in notes.

    >>> part_source("image/png", b"x", "Map of offices")
    'image/png “Map of offices” (1 bytes, sha256 2d711642b726b044)'
    """
    return described(media or "image", data, name)


def described(kind: str, data: bytes, name: str = "") -> str:
    """``kind “name” (N bytes, sha256 …)``: a picture's bytes as a short, stable source."""
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    named = f" “{' '.join(name.split())}”" if name.strip() else ""
    return f"{kind}{named} ({len(data):,} bytes, sha256 {digest})"


def html_source(src: str, srcset: str = "", sources: Iterable[tuple[str, str]] = ()) -> str:
    """An ``<img>``'s source as compared: ``src``, then ``srcset``, then each
    ``<source>`` of its ``<picture>`` (its ``media`` and ``srcset``), apart with ``; ``.

    >>> html_source("/a.png", "/a-2x.png 2x,  /a-3x.png 3x")
    '/a.png; srcset /a-2x.png 2x, /a-3x.png 3x'
    >>> html_source("/a.png", sources=[("(min-width: 50em)", "/wide.png")])
    '/a.png; source (min-width: 50em) /wide.png'
    """
    parts = [_one(src)] if src.strip() else []
    if srcset.strip():
        parts.append(f"srcset {_candidates(srcset)}")
    for media, candidates in sources:
        if candidates.strip():
            where = f"{' '.join(media.split())} " if media.strip() else ""
            parts.append(f"source {where}{_candidates(candidates)}")
    return "; ".join(parts)


def _one(src: str) -> str:
    src = src.strip()
    return data_source(src) if src[:5].lower() == "data:" else src


def _candidates(srcset: str) -> str:
    """A ``srcset``'s candidates, each with its whitespace collapsed (a ``data:`` one
    described)."""
    found = []
    for candidate in srcset.split(","):
        words = candidate.split()
        if words:
            found.append(" ".join([_one(words[0]), *words[1:]]))
    return ", ".join(found)


def picture_name(source: str) -> str:
    """How a redline names a picture that has no alternative text: its file's name, the
    media type of a ``data:`` one, the alternative text or file name of a Word
    document's (``image “old.png”``)."""
    first = source.split("; ")[0]
    if " (" in first and first.endswith(")") and ", sha256 " in first:  # (``described``)
        kind = first.rsplit(" (", 1)[0]
        return kind.split(" “", 1)[1].removesuffix("”") if " “" in kind else kind
    if first.startswith(("srcset ", "source ")):  # (no src: its first candidate's file)
        words = first.split(", ")[0].split()[1:]
        first = next((word for word in words if "/" in word or "." in word), words[0])
    path = urlsplit(first).path if "://" in first or first.startswith("/") else first
    name = unquote(path.rstrip("/").rsplit("/", 1)[-1])
    return name or first or "picture"


def unseen(width: str | None, height: str | None) -> bool:
    """Whether an image one pixel wide or high (or none), such as a tracking pixel, is
    all its ``width`` and ``height`` attributes say: a picture no reader sees.

    >>> unseen("1", "1"), unseen("640px", None), unseen("50%", "0")
    (True, False, True)
    """
    return min(_pixels(width), _pixels(height)) <= 1


def _pixels(size: str | None) -> float:
    """A ``width`` or ``height`` in pixels; infinite when not given or not a plain
    number (a percentage, a typo: no reason to think the picture unseen)."""
    try:
        return float((size or "").strip().removesuffix("px"))
    except ValueError:
        return float("inf")


def shown(text: str, start: int, name_at: Callable[[int], str | None]) -> str:
    """``text`` (which starts at offset ``start``) with each ``PICTURE`` in it written as
    a redline shows it, ``[image “old.png”]`` (``name_at``: the name of the picture at
    an offset, None where the character is the source's own, no picture).

    >>> shown("See \ufffc.", 10, lambda at: f"at {at}")
    'See [image “at 14”].'
    >>> shown("See \ufffc.", 10, lambda at: None) == "See \ufffc."
    True
    """
    if PICTURE not in text:
        return text
    parts = text.split(PICTURE)
    out = [parts[0]]
    at = start + len(parts[0])
    for part in parts[1:]:
        name = name_at(at)
        out += [PICTURE if name is None else f"[image “{name}”]", part]
        at += 1 + len(part)
    return "".join(out)
