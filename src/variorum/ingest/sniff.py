"""Which format a file is in, from its content first and its name second.

Binary formats are recognised by their signatures (PDF's ``%PDF-``, a ZIP holding
``word/document.xml``); known binaries that Variorum cannot read are named in the
refusal. Text is HTML when it says so, Markdown when it uses Markdown's own syntax,
and plain text otherwise; a file name ending such as ``.md`` or ``.html`` is a hint
that settles the text formats, except that a page that starts as HTML is HTML.

>>> sniff_bytes(b"%PDF-1.7 ...", ".txt")
'pdf'
>>> sniff_text("# Terms\\n\\nSee [the policy](https://x.test).\\n", "")
'markdown'
>>> sniff_text("(a) Not to use information;\\n", "")
'text'
"""

from __future__ import annotations

import io
import re

TEXT_EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
"""File name endings that settle which text format a file is read as."""

BINARY_EXTENSIONS: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx",
}
"""File name endings of the binary formats: used to word refusals of damaged files."""

PDF_SEARCH_BYTES = 1024
"""A PDF's ``%PDF-`` header may follow some junk; readers look this far for it."""

# Binaries that are not documents Variorum reads, named so the refusal can say what they are.
_OTHER_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
    (b"\x7fELF", "an executable program, not a document"),
    (b"MZ", "a Windows program, not a document"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"{\\rtf", "an RTF document; save it as .docx"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: legacy .doc, or encrypted OOXML
_ZIP = b"PK\x03\x04"
_PDF_SIGNATURE = b"%PDF-"

_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_HTML_TAGS = re.compile(
    r"<(?:p|div|br|body|head|table|span|a\s+href|h[1-6]|ul|ol|li)\b", re.IGNORECASE
)
HTML_MIN_TAGS = 5
"""Text without an HTML start is still HTML if it has this many common tags."""

_MARKDOWN_STRONG = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    "setext": re.compile(r"^\S[^\n]*\n(?:=+|-{3,})[ \t]*$", re.MULTILINE),
    "link": re.compile(r"!?\[[^\]\n]+\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)"),
    "fence": re.compile(r"^(?:```|~~~)", re.MULTILINE),
    "table": re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),
}
_MARKDOWN_WEAK = {
    "emphasis": re.compile(r"(?<![\w*])\*\*\S[^*\n]*\*\*|(?<![\w_])__\S[^_\n]*__"),
    "bullet": re.compile(r"^[ \t]{0,3}[*+-][ \t]+\S", re.MULTILINE),
    "quote": re.compile(r"^>[ \t]?\S", re.MULTILINE),
}
MARKDOWN_MIN_SIGNS = 2
"""Text is Markdown when it shows at least this many different kinds of Markdown
syntax, one of them a kind plain text does not use (headings, links, fences, tables)."""
SNIFF_CHARS = 65536
"""How much of a text the HTML and Markdown tests read."""


def sniff_bytes(data: bytes, suffix: str = "") -> str | None:
    """``pdf`` or ``docx`` if the bytes are one of those, None if they may be text.

    Raises ValueError with a description (``"a PNG image, not a document"``) for other binaries.
    """
    suffix = suffix.lower()
    if _PDF_SIGNATURE in data[:PDF_SEARCH_BYTES]:
        return "pdf"
    if data.startswith(_ZIP):
        return _zip_format(data, suffix)
    if data.startswith(_OLE):
        return "docx"  # the DOCX reader tells an encrypted file from a legacy .doc
    for signature, what in _OTHER_BINARIES:
        if data.startswith(signature):
            raise ValueError(what)
    return None


def _zip_format(data: bytes, suffix: str) -> str:
    """``docx`` for a Word package (or a damaged ZIP named .docx); ValueError otherwise."""
    import zipfile  # only binary files come here: reading text does not load it

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if suffix in BINARY_EXTENSIONS.keys() - {".pdf"} or b"word/" in data[:4096]:
            return "docx"  # damaged: the DOCX reader says how
        raise ValueError("a damaged ZIP archive") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise ValueError("an OpenDocument file; save it as .docx")
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        raise ValueError("an Excel or PowerPoint file, not a Word document")
    raise ValueError("a ZIP archive, not a Word document")


def sniff_text(text: str, suffix: str = "") -> str:
    """``html``, ``markdown`` or ``text`` for decoded text, using the name's ending as a hint."""
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return "html"
    hinted = TEXT_EXTENSIONS.get(suffix.lower())
    if hinted:
        return hinted
    if len(_HTML_TAGS.findall(head)) >= HTML_MIN_TAGS:
        return "html"
    return "markdown" if looks_like_markdown(head) else "text"


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` uses Markdown syntax that plain text would not.

    >>> looks_like_markdown("Title\\n=====\\n\\n* one\\n* two\\n")
    True
    >>> looks_like_markdown("1. First;\\n2. Second.\\n- a dash list\\n")
    False
    """
    strong = sum(1 for pattern in _MARKDOWN_STRONG.values() if pattern.search(text))
    weak = sum(1 for pattern in _MARKDOWN_WEAK.values() if pattern.search(text))
    return strong >= 1 and strong + weak >= MARKDOWN_MIN_SIGNS
