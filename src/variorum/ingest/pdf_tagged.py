"""What a page says about its text besides the text: the paragraph, list item or
table cell each piece of marked content is in (the structure tree of a tagged PDF),
and the page's links.

Both through PDFium, the engine that reads the text: its structure-tree API gives
the blocks and cells that Chromium, Word and LibreOffice tag (P, LI, Table > TR >
TH/TD): a list item without a visible marker, a paragraph broken by a page, a table
drawn without borders show no ruling lines or gaps (table finders such as
pdfplumber or Camelot guess from those); its link API gives each link annotation's
box and URI, which the text itself does not hold.
"""

from __future__ import annotations

import ctypes
import itertools
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from variorum.ingest.pdf_page import Cell, Tag
from variorum.ingest.pdfium_calls import (
    CHILD,
    CHILDREN,
    MARK_AT,
    MARK_COUNT,
    OBJECT_MARK,
    TEXT_OBJECT,
    TYPE,
)

MAX_ELEMENTS = 100_000
"""Structure elements looked at on one page at most: a hostile tree costs no more."""
MAX_LINKS = 10_000
"""Link annotations read on one page at most."""
MAX_KEPT_PAGES = 64
"""Pages kept loaded after their structure tree is read, for their text (each one
less to load twice; a bound on the memory they hold)."""
MAX_LAYOUT_CELLS = 1_000
"""Rows of a table, and cells of a row, looked at at most to tell a table from a
container (a hostile tree costs no more)."""
MAX_ANCHORS = 100_000
"""Named destinations (a link's place in the document) read at most."""

BLOCKS = frozenset(
    ["P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BlockQuote", "Caption", "Note", "Code"]
)
"""Structure types that make a block of text of their own."""
INLINE_IN_BLOCKS = frozenset(["Code", "Note"])
"""...but inside another block are part of it: a code span in a list item, a note's
mark in a paragraph (the PDF standard's inline-level elements)."""

_TYPE_ROOM = ctypes.c_ulong(64)
"""Bytes for an element's type (UTF-16, ending in a NUL): longer ones are no type read."""
_Item = tuple[Any, tuple[int, ...], Tag, bool]  # element, place, tag, whether a row


class LinkBox(NamedTuple):
    """A link annotation: the box it covers on the page (points) and its URI."""

    left: float
    bottom: float
    right: float
    top: float
    target: str

    def covers(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top


def page_tags(document: Any, loaded: dict[int, Any] | None = None) -> list[dict[int, Tag]]:
    """The ``Tag`` of each marked-content id, page by page (empty: an untagged PDF).

    An element lists the marked content of every page it is drawn on (a cell a page
    break cuts, a header row repeated on each page), and ids restart on each page:
    its ids are taken as its pages' in order when it has one on each, so that the
    ids of one page are not claimed by an element of another. So every page is
    loaded first for its structure tree: those ``loaded`` names (by index, up to
    ``MAX_KEPT_PAGES``) are kept loaded there for the caller to read, and close."""
    if not pdfium_c.FPDFCatalog_IsTagged(document):
        return []
    count = pdfium_c.FPDF_GetPageCount(document)
    found: dict[tuple[int, ...], tuple[list[int], Tag, list[int]]] = {}
    kept = loaded if loaded is not None else {}
    wanted = set(itertools.islice(kept, MAX_KEPT_PAGES))
    kept.clear()
    for index in range(count):
        page = pdfium_c.FPDF_LoadPage(document, index)
        if not page:
            continue
        try:
            for path, marks, tag in _elements(page):
                found.setdefault(path, (marks, tag, []))[2].append(index)
        finally:
            if index in wanted:
                kept[index] = page
            else:
                pdfium_c.FPDF_ClosePage(page)
    tags: list[dict[int, Tag]] = [{} for _ in range(count)]
    shared = []
    for marks, tag, pages in found.values():
        if len(pages) == 1:
            pages = pages * len(marks)
        elif len(marks) != len(pages):
            shared.append((marks, tag, pages))
            continue
        for mark, index in zip(marks, pages, strict=True):
            tags[index][mark] = tag
    for marks, tag, pages in shared:  # several ids on some page: where, is unknown
        for index in pages:
            for mark in marks:
                tags[index].setdefault(mark, tag)
    return tags


def _elements(page: Any) -> list[tuple[tuple[int, ...], list[int], Tag]]:
    """The elements of the page's structure tree that hold marked content: their place
    in the tree, their marked-content ids (on any page) and their tag."""
    tree = pdfium_c.FPDF_StructTree_GetForPage(page)
    if not tree:
        return []
    try:
        untagged = Tag(None, None, -1)
        stack: list[_Item] = [
            (pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index), (index,), untagged, False)
            for index in reversed(range(pdfium_c.FPDF_StructTree_CountChildren(tree)))
        ]
        return _walk(stack)
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)


def _walk(stack: list[_Item]) -> list[tuple[tuple[int, ...], list[int], Tag]]:
    """Depth-first over the elements on ``stack``, without recursion (a deep tree is
    no crash): each element with marked content, and its tag."""
    found = []
    seen = 0
    while stack and seen < MAX_ELEMENTS:
        element, path, tag, row = stack.pop()
        if not element:
            continue  # an element with nothing on this page
        seen += 1
        marks = _marks(element)
        if marks:
            found.append((path, marks, tag))
        count = CHILDREN(element)
        kind = _type(element) if tag.cell is None else ""  # in a cell, the cell is the block
        row = row or kind == "TR"
        rows = not row and kind == "NonStruct" and _layout_table(element, count)
        if kind in BLOCKS and not (kind in INLINE_IN_BLOCKS and tag.block is not None):
            tag = tag._replace(block=path)
        if kind == "L":
            tag = tag._replace(level=tag.level + 1)
        for index in reversed(range(count)):
            child = CHILD(element, index)
            if child:  # not an element with nothing on this page (most, on a long one)
                inner = tag._replace(cell=Cell(path, index, count)) if row else tag
                stack.append((child, (*path, index), inner, rows))
    return found


def _marks(element: Any) -> list[int]:
    """The marked-content ids the element holds itself (not through its children)."""
    marks = [MARK_AT(element, index) for index in range(MARK_COUNT(element))]
    return [mark for mark in marks if mark >= 0]


def _layout_table(element: Any, count: int) -> bool:
    """Whether the element is a table Chromium took for layout (a table without a
    header row or borders, as pandoc writes many): tagged without Table, TR or TD, but
    still one element per row holding one per cell, none of them holding text of its
    own, where Chromium leaves out every other container that holds no text."""
    if not 0 < count <= MAX_LAYOUT_CELLS:
        return False
    for index in range(count):
        row = CHILD(element, index)
        cells = CHILDREN(row) if row else 0
        if not 0 < cells <= MAX_LAYOUT_CELLS or not _container(row):
            return False
        for place in range(cells):
            cell = CHILD(row, place)
            if not cell or not _container(cell) or not CHILDREN(cell):
                return False
    return True


def _container(element: Any) -> bool:
    """A NonStruct element holding no text of its own."""
    return _type(element) == "NonStruct" and not _marks(element)


def _type(element: Any) -> str:
    """The element's structure type (``P``, ``TR``, ``NonStruct``...), in one call."""
    buffer = ctypes.create_string_buffer(_TYPE_ROOM.value)
    size = TYPE(element, buffer, _TYPE_ROOM)
    if not 2 <= size <= _TYPE_ROOM.value:
        return ""
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def mark_of(textpage: Any, index: int) -> int:
    """The marked-content id of a character (-1: none, or a character PDFium added)."""
    text_object = TEXT_OBJECT(textpage, index)
    return OBJECT_MARK(text_object) if text_object else -1


def anchor_names(document: Any) -> dict[int, str]:
    """The document's named destinations, by the address of each (a link to a place in
    the document points at the same one): Chromium names them by the element's id,
    so a link to ``#rights`` on the page is one to ``#rights`` in its PDF."""
    names: dict[int, str] = {}
    for index in range(min(pdfium_c.FPDF_CountNamedDests(document), MAX_ANCHORS)):
        size = ctypes.c_long(0)
        pdfium_c.FPDF_GetNamedDest(document, index, None, ctypes.byref(size))
        if not 2 <= size.value <= 2048:
            continue
        buffer = ctypes.create_string_buffer(size.value)
        place = pdfium_c.FPDF_GetNamedDest(document, index, buffer, ctypes.byref(size))
        address = ctypes.cast(place, ctypes.c_void_p).value
        name = buffer.raw[: size.value].decode("utf-16-le", errors="replace").rstrip("\x00")
        if address and name:
            names.setdefault(address, name)
    return names


def link_boxes(document: Any, page: Any, anchors: dict[int, str]) -> list[LinkBox]:
    """The page's links, in the order the page lists them: to an address (a URI
    action), or to a named place in the document (``#name``, ``anchors`` naming
    them); a link to a place without a name has nothing to compare and is left out."""
    position, link = ctypes.c_int(0), pdfium_c.FPDF_LINK()
    boxes: list[LinkBox] = []
    while len(boxes) < MAX_LINKS and pdfium_c.FPDFLink_Enumerate(
        page, ctypes.byref(position), ctypes.byref(link)
    ):
        target = _target(document, link, anchors)
        rect = pdfium_c.FS_RECTF()
        if target and pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            bottom, top = sorted((rect.bottom, rect.top))
            left, right = sorted((rect.left, rect.right))
            boxes.append(LinkBox(left, bottom, right, top, target))
    return boxes


def _target(document: Any, link: Any, anchors: dict[int, str]) -> str:
    action = pdfium_c.FPDFLink_GetAction(link)
    if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_URI:
        return _uri(document, action)
    place = pdfium_c.FPDFLink_GetDest(document, link)
    name = anchors.get(ctypes.cast(place, ctypes.c_void_p).value or 0) if place else None
    return f"#{name}" if name else ""


def _uri(document: Any, action: Any) -> str:
    """The action's URI: 7-bit ASCII by the PDF standard; other bytes are kept as Latin-1."""
    size = pdfium_c.FPDFAction_GetURIPath(document, action, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAction_GetURIPath(document, action, buffer, size)
    return buffer.raw[: size - 1].decode("latin-1").strip()
