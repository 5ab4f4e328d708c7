"""Text a Word document keeps in parts of its own: SmartArt diagrams and imported chunks.

- A SmartArt diagram (``dgm:relIds`` in a drawing) keeps its text in a data part:
  each of its nodes (``dgm:pt``) with text is read as one paragraph, in the order the
  part lists them.
- An imported chunk (``w:altChunk``: how converters and mail merges put HTML into
  a document) is a part in another format: HTML and XHTML are read by the HTML
  reader, plain text as text; a web archive (MHT) by its HTML. Word shows them as
  part of the document; they were read as nothing.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from typing import Any

from docx.oxml.parser import parse_xml

from variorum.document import Document

DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NODE_TYPES = (None, "node", "asst")
"""Point types that hold a diagram's text (the others are its document, connections
and presentation points)."""
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def diagram_paragraphs(part: Any, element: Any) -> Iterator[str]:
    """The texts of the nodes of each SmartArt diagram drawn in ``element``."""
    for ids in element.iter(f"{DGM}relIds"):
        if any(ancestor.tag == _FALLBACK for ancestor in ids.iterancestors()):
            continue  # the same drawing again, for readers of older versions
        related = _related(part, ids.get(f"{R}dm"))
        if related is None:
            continue
        data = parse_xml(related.blob)
        for point in data.iter(f"{DGM}pt"):
            if point.get("type") not in _NODE_TYPES:
                continue
            for paragraph in point.iterfind(f"{DGM}t/{A}p"):
                text = "".join(run.text or "" for run in paragraph.iter(f"{A}t"))
                if text.strip():
                    yield text


def chunk_document(part: Any, chunk: Any, source: str) -> Document | None:
    """The Document of an imported chunk, or None when its format is not read (RTF)."""
    related = _related(part, chunk.get(f"{R}id"))
    if related is None:
        return None
    content_type = related.content_type.split(";")[0].strip().lower()
    blob: bytes = related.blob
    if not blob.strip():
        return None  # an empty chunk holds nothing to read
    if content_type == "message/rfc822":  # a web archive: its first HTML part
        return _archived_page(blob, source)
    if content_type in _HTML_TYPES:
        return _html(blob.decode("utf-8", errors="replace"), source)
    if content_type == "text/plain":
        from variorum.ingest.text import parse_text

        return parse_text(blob.decode("utf-8", errors="replace"), source=source)
    return None


def _archived_page(blob: bytes, source: str) -> Document | None:
    message = email.message_from_bytes(blob, policy=email.policy.default)
    for piece in message.walk():
        if piece.get_content_type() in _HTML_TYPES:
            return _html(str(piece.get_content()), source)
    return None


def _html(text: str, source: str) -> Document:
    from variorum.ingest.html import parse_html

    return parse_html(text, source=source)


def _related(part: Any, relationship: str | None) -> Any | None:
    if not relationship or relationship not in part.rels:
        return None
    rel = part.rels[relationship]
    return None if rel.is_external else rel.target_part
