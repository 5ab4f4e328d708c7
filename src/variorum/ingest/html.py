"""HTML: the main content of a web page as a Document. Nothing is executed or fetched.

lxml's HTML parser (libxml2) builds the tree; it loads no DTD and touches no
network. The content read is what a CSS ``selector`` picks, or else the article
that Readability (readability-lxml, the Python port of the algorithm behind
browser reading views) finds in the page. Readability is used to *locate* the
content, and everything inside what it picks is then read from the page itself:
its own output drops link-heavy lists and tables, which in a policy are content.

Inside the content, headings, paragraphs, list items (ordered lists numbered as a
browser shows them), quotes, code and table rows become blocks; links keep their
visible text in the text and their targets in ``Document.links``, images their
alternative text in the text and their sources there too (``LinkKind.IMAGE``). Scripts,
styles, templates, forms, hidden elements, navigation and complementary regions,
page headers and footers outside the article, and what Readability drops from the
article that the page itself names furniture (sharing buttons, related stories) are
dropped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from variorum.document import BlockKind, Document
from variorum.errors import InputError, UsageError
from variorum.ingest.builder import DocumentBuilder, InlineText
from variorum.ingest.docx_numbering import format_number, parse_number
from variorum.ingest.labels import find_label
from variorum.pictures import described, html_source, unseen

_DROPPED = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "iframe", "canvas", "button",
    "select", "input", "textarea", "option", "datalist", "dialog", "head", "title", "meta",
    "link", "audio", "source", "track", "map", "area",
})
_BETWEEN_TAGS = re.compile(r">\s+<")
"""White space between two tags of a drawing's markup, which draws nothing."""
_NO_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
"""A style that draws a drawing nowhere: no width or no height (a sprite sheet)."""
_NAMING = re.compile(
    r'\b(?:id|aria-labelledby|aria-describedby)="[^"]*"|href="#[^"]*"|url\(#[^)]*\)'
)
"""The names a drawing's parts give one another (``id``, ``href="#…"``, ``url(#…)``):
left out of its digest, as they draw nothing."""


def _unnamed(match: re.Match[str]) -> str:
    """A name of ``_NAMING`` without the name itself: ``id=""``, ``href="#"``, ``url(#)``."""
    found = match.group()
    return (
        "url(#)"
        if found.startswith("url")
        else found.split("=")[0] + ('="#"' if found.startswith("href") else '=""')
    )


_DROPPED_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "ul", "ol", "menu", "dl",
    "dt", "dd", "blockquote", "pre", "table", "tr", "figure", "figcaption", "address",
    "details", "summary", "hr", "form", "fieldset", "legend", "center", "body", "html", "li",
    "caption", "thead", "tbody", "tfoot", *_HEADINGS,
})
_LIST_TYPES = {
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MARK = "data-variorum-node"
_FURNITURE_MARK = "data-variorum-furniture"
MAX_DEPTH = 2048
"""How deep libxml2 (with ``huge_tree``) nests elements; a page nested deeper is
refused rather than read without what lies deeper."""
_TOO_DEEP = etree.ErrorTypes.ERR_RESOURCE_LIMIT
_PRESENTATIONAL_TAGS = re.compile(
    r"</?(?:font|span|b|i|u|s|em|strong|small|big|tt|strike|basefont)\b[^>]*>", re.IGNORECASE
)
MIN_INTRODUCTION_CHARS = 80
"""A paragraph of at least this many characters beside a table Readability picked from
shows the table is part of an article, not the page's layout: the table's container
is read instead."""
FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|gallery|slideshow|carousel"
    r"|sponsor|outbrain|taboola|sidebar|breadcrumbs?"
    r"|most-?read|popular|player|video|advert\w*|ad)(?=$|[\s_-])",
    re.IGNORECASE,
)
"""Words of a class that name page furniture inside an article: sharing buttons,
related stories, galleries, video players, advertising (see ``_mark_furniture``). Not
a table of contents, an infobox or a newsletter box: Readability's expected articles
keep those. On its 130 test pages, words added against the expected article 3.80% ->
1.71%, words missing 1.26% (2,303 -> 2,305 of 183,163)."""
MIN_ARTICLE_CHARS = 250
"""Readability's pick is read only if it holds at least this many characters of text
(readability's own minimum for an article, ``retry_length``) or a quarter of the text
of the page: on a page of lists or deeply nested blocks it can keep a heading alone."""


def parse_html(text: str, *, selector: str | None = None, **meta: str) -> Document:
    """A Document from an HTML page: its main content, or what ``selector`` picks.

    >>> page = '<nav><a href="/">Home</a></nav><main><h1>Terms</h1><ol start="2">'
    >>> page += '<li>See <a href="/p?utm=1">the policy</a>.</li></ol></main>'
    >>> doc = parse_html(page)
    >>> doc.text
    'Terms\\n2. See the policy.\\n'
    >>> [(link.span.of(doc.text), link.target) for link in doc.links]
    [('the policy', '/p?utm=1')]
    """
    source = meta.get("source", "input")
    root = _parse(text, source)
    content = _select(root, selector, source) if selector else _main_content(root)
    walker = _Walker()
    for element in content:
        walker.walk(element)
    walker.flush()
    meta.setdefault("format", "html")
    title = root.findtext(".//title")
    if title and title.strip():
        meta.setdefault("title", " ".join(title.split()))
    return walker.builder.build(_anchors(root), **meta)


def _anchors(root: Any) -> set[str]:
    """The places the whole page names (its ids, and the old ``<a name>``): a link of
    the main content may point at one outside it."""
    return {str(name) for name in root.xpath("//@id | //a/@name")}


def _parse(text: str, source: str) -> Any:
    """The page's tree. Nesting deeper than libxml2's limit would silently lose all the
    text past it, so the page is parsed again without presentational inline tags
    (``<font>`` left open thousands of times is the usual cause), and refused if it
    is still too deep."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str with a declared encoding
    if not text.strip():
        raise InputError(source, "is empty")
    root = _tree(text, source)
    if root is None:
        root = _tree(_PRESENTATIONAL_TAGS.sub("", text), source)
    if root is None:
        raise InputError(
            source, f"is nested more than {MAX_DEPTH:,} elements deep; it cannot be read whole"
        )
    return root


def _tree(text: str, source: str) -> Any | None:
    """The tree of ``text``, or None if it is nested too deep to read whole."""
    parser = lxml.html.HTMLParser(huge_tree=True)  # libxml2's depth limit: 256 -> MAX_DEPTH
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise InputError(source, "cannot be read as HTML") from None
    if any(error.type == _TOO_DEEP for error in parser.error_log):
        return None
    return root


def _select(root: Any, selector: str, source: str) -> list[Any]:
    from cssselect import SelectorError

    try:
        found = root.cssselect(selector)
    except SelectorError as error:
        raise UsageError(f"invalid CSS selector {selector!r}: {error}") from None
    outermost = [element for element in found if not _has_ancestor_in(element, set(found))]
    if not outermost:
        raise InputError(source, f"has no element matching the selector {selector!r}")
    return outermost


def _has_ancestor_in(element: Any, chosen: set[Any]) -> bool:
    return any(ancestor in chosen for ancestor in element.iterancestors())


def _main_content(root: Any) -> list[Any]:
    """The elements of the page that Readability keeps in its article, in page order.

    Readability moves related blocks (siblings, a heading before the article, its
    leads) into the element it picks, so its pick alone, looked up in the page,
    misses them: every element it kept is looked up, and the outermost are read.
    """
    from readability import Document as Readability
    from readability.readability import Unparseable

    by_mark: dict[str, Any] = {}
    for index, element in enumerate(root.iter(tag=etree.Element)):
        element.set(_MARK, str(index))
        by_mark[str(index)] = element
    body = root.find("body")
    fallback = [body if body is not None else root]
    try:
        summary = Readability(copy.deepcopy(root)).summary(html_partial=True)
    except Unparseable:
        return fallback
    picked = lxml.html.fragment_fromstring(summary, create_parent="div")
    kept = {mark for element in picked.iter(tag=etree.Element) if (mark := element.get(_MARK))}
    found = [by_mark[mark] for mark in sorted(kept & by_mark.keys(), key=int)]
    outermost = [e for e in found if not any(a.get(_MARK) in kept for a in e.iterancestors())]
    chosen = _with_article_prose(_with_headings_between(_out_of_tables(outermost)))
    if not _is_article(chosen, fallback[0]):
        return fallback
    _mark_furniture(chosen, kept)
    return chosen


def _mark_furniture(chosen: list[Any], kept: set[str]) -> None:
    """Mark, to be dropped, what Readability took out of its article and the page names
    furniture by a class (``FURNITURE``): both, so that a list of links that a policy
    holds, which Readability also drops, stays. Not by an id: a heading's id is made
    of its words ("Related privacy practices", "Data sharing with third parties")."""
    for holder in chosen:
        for element in holder.iterdescendants(tag=etree.Element):
            if element.get(_MARK) in kept:
                continue
            if FURNITURE.search(element.get("class") or ""):
                element.set(_FURNITURE_MARK, "")


def _with_article_prose(chosen: list[Any]) -> list[Any]:
    """``chosen`` with the paragraphs of prose around it in the ``<article>`` that holds
    it all (a story's lead in its header, a paragraph beside a figure): readability-lxml
    looks for them among its pick's siblings only. Prose is Readability's own test: at
    least ``MIN_INTRODUCTION_CHARS`` characters, under a quarter of them in links."""
    holders = {
        element if element.tag == "article" else next(element.iterancestors("article"), None)
        for element in chosen
    }
    article = holders.pop() if len(holders) == 1 else None
    if article is None:
        return chosen
    inside = set(chosen)
    added = [
        paragraph
        for paragraph in article.iter("p")
        if paragraph not in inside
        and not any(ancestor in inside for ancestor in paragraph.iterancestors())
        and _is_prose(paragraph)
    ]
    if not added:
        return chosen
    return sorted([*chosen, *added], key=lambda element: int(element.get(_MARK)))


def _is_prose(paragraph: Any) -> bool:
    if any(_dropped(element, element.tag) for element in (paragraph, *paragraph.iterancestors())):
        return False
    text = paragraph.text_content().strip()
    linked = sum(len(link.text_content()) for link in paragraph.iter("a"))
    return len(text) >= MIN_INTRODUCTION_CHARS and linked < 0.25 * len(text)


def _out_of_tables(chosen: list[Any]) -> list[Any]:
    """``chosen``, with a pick inside a table replaced by what holds the table.

    Readability may pick the body of a large table (a list of films) as the article,
    since most of the page's text is in its cells; the paragraphs that introduce the
    table and the notes after it are then lost. Readability.js reads the table's
    container. A table laid out as the page (the article in a cell) is left alone."""
    holders: dict[Any, Any] = {}  # table -> what holds it, when that is read instead
    replaced = []
    for element in chosen:
        table = element if element.tag == "table" else next(element.iterancestors("table"), None)
        if table is not None and table not in holders:
            holder = table.getparent()
            holders[table] = holder if holder is not None and _introduces(holder, table) else None
        holder = holders.get(table) if table is not None else None
        replaced.append(element if holder is None else holder)
    read = {holder for holder in holders.values() if holder is not None}
    result: list[Any] = []
    seen: set[Any] = set()
    for element in replaced:
        if element in seen or (read and any(a in read for a in element.iterancestors())):
            continue  # read with what holds it
        seen.add(element)
        result.append(element)
    return result


def _introduces(holder: Any, table: Any) -> bool:
    """Whether ``holder`` has paragraphs of its own beside ``table`` (not a layout table)."""
    return any(
        child is not table
        and child.tag == "p"
        and len(child.text_content().strip()) >= MIN_INTRODUCTION_CHARS
        for child in holder
    )


def _with_headings_between(chosen: list[Any]) -> list[Any]:
    """``chosen`` with the headings that stand between two of its elements of one parent.

    Readability drops a heading whose id or class sounds like page furniture
    (``id="footnotes"``) though the text around it is kept; in a flat page, where
    the blocks of the article are siblings, the section it names would lose its title.
    """
    result: list[Any] = []
    for index, element in enumerate(chosen):
        result.append(element)
        after = chosen[index + 1] if index + 1 < len(chosen) else None
        if after is None or element.getparent() is not after.getparent():
            continue
        for sibling in element.itersiblings():
            if sibling is after:
                break
            if _holds_heading(sibling):
                result.append(sibling)
    return result


def _holds_heading(element: Any) -> bool:
    if not isinstance(element.tag, str):
        return False
    return element.tag in _HEADINGS or next(element.iterdescendants(*_HEADINGS), None) is not None


def _is_article(chosen: list[Any], body: Any) -> bool:
    """Whether Readability's pick holds enough of the page's text (``MIN_ARTICLE_CHARS``)."""
    picked = sum(len(element.text_content().strip()) for element in chosen)
    return picked >= min(MIN_ARTICLE_CHARS, len(body.text_content().strip()) / 4) > 0


@dataclass
class _List:
    ordered: bool
    number: int = 1
    format: str = "decimal"
    step: int = 1


@dataclass
class _Walker:
    """Walks elements into blocks, the way a browser lays them out."""

    builder: DocumentBuilder = field(default_factory=DocumentBuilder)
    inline: InlineText | None = None
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    label: str = ""
    lists: list[_List] = field(default_factory=list)
    quotes: int = 0
    cells: int = 0
    breaks: int = 0

    def open(self, kind: BlockKind, level: int = 0, label: str = "") -> None:
        self.flush()
        self.inline, self.kind, self.level, self.label = InlineText(), kind, level, label

    def flush(self) -> None:
        if self.inline is not None:
            self.builder.add(self.kind, self.inline, self.level, self.label)
        self.inline, self.label, self.breaks = None, "", 0

    def text(self, piece: str | None) -> None:
        if not piece:
            return
        if self.inline is None:
            if not piece.strip():
                return
            self.open(BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)
        assert self.inline is not None
        self.inline.append(piece)
        if piece.strip():
            self.breaks = 0

    def walk(self, root: Any) -> None:
        """Read ``root`` and all inside it. Each element's reader is a generator that
        yields the children to read next, so the nesting lives on a list, not on
        Python's stack: lists nested a thousand deep raise no RecursionError."""
        readers = [self._visit(root)]
        while readers:
            child = next(readers[-1], None)
            if child is None:
                readers.pop()
            else:
                readers.append(self._visit(child))

    def _visit(self, element: Any) -> Iterator[Any]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and not _dropped(element, tag):
            if self.cells and tag in _BLOCKS:
                yield from self._inline_block(element)
            else:
                yield from self._element(element, tag.lower())
        elif tag.lower() == "embed":  # hidden, but what libxml2 nested in it is the page's
            yield from self._children(element)

    def _children(self, element: Any) -> Iterator[Any]:
        """Yield the children to read, and read the text around them."""
        self.text(element.text)
        for child in element:
            yield child
            self.text(child.tail)

    def _element(self, element: Any, tag: str) -> Iterator[Any]:
        if tag in _HEADINGS:
            self.open(BlockKind.HEADING, _HEADINGS[tag])
            yield from self._children(element)
            self.flush()
        elif tag == "li":
            yield from self._item(element)
        elif tag in ("ul", "ol", "menu"):
            yield from self._list(element, tag == "ol")
        elif tag == "table":
            yield from self._table(element)
        elif tag == "blockquote":
            self.flush()
            self.quotes += 1
            yield from self._children(element)
            self.flush()
            self.quotes -= 1
        elif tag == "pre":
            self.open(BlockKind.CODE)
            yield from self._children(element)
            self.flush()
        elif tag == "br":
            self._line_break()
        elif tag == "a" and element.get("href"):
            yield from self._link(element)
        elif tag == "img":
            self._image(element)
        elif tag == "svg":
            self._drawing(element)
        elif tag == "video":
            self._video(element)
        elif tag == "object":
            self._embedded(element, element.get("data") or "")
        elif tag == "embed":  # (a void element: libxml2 nests what follows inside it)
            self._embedded(element, element.get("src") or "")
            yield from self._children(element)
        elif tag == "picture":  # libxml2 nests its img inside a source (no void element to it)
            sources = [(source.get("media") or "", source.get("srcset") or "")
                       for source in element.iter("source")]  # fmt: skip
            self._image(next(element.iter("img"), element), sources)
        elif tag in _BLOCKS:
            self.flush()
            yield from self._children(element)
            self.flush()
        else:
            yield from self._children(element)

    def _inline_block(self, element: Any) -> Iterator[Any]:
        """A block element inside a table cell: its text, set off by spaces."""
        self.text(" ")
        yield from self._children(element)
        self.text(" ")

    def _line_break(self) -> None:
        """A line break is a space; two in a row separate paragraphs, as they look."""
        self.breaks += 1
        if self.breaks >= 2 and not self.cells:
            self.flush()
        else:
            self.text(" ")

    def _link(self, element: Any) -> Iterator[Any]:
        if self.inline is None:
            self.open(BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)
        assert self.inline is not None
        inline, start = self.inline, self.inline.offset
        yield from self._children(element)
        if self.inline is inline:
            inline.add_link(start, element.get("href").strip())

    def _image(self, element: Any, sources: list[tuple[str, str]] | None = None) -> None:
        """An image reads as its alternative text, as a screen reader says it (and as
        the Markdown reader reads ``![alt](src)``), or as one ``PICTURE`` without any:
        a reader sees it all the same. Its source (``src``, ``srcset``, a picture's
        ``<source>``s: ``html_source``) is kept apart, as a link's target is. A picture
        one pixel wide or high (a tracking pixel) is seen by nobody."""
        source = html_source(element.get("src") or "", element.get("srcset") or "",
                             sources or ())  # fmt: skip
        self._picture(element, source, element.get("alt") or "")

    def _drawing(self, svg: Any) -> None:
        """An inline SVG drawing (a chart, a diagram) is a picture, named by its
        ``aria-label`` or ``<title>``, its source the digest of its markup (white space
        between tags and the names its parts give one another aside: a chart library
        draws the same chart with new ``id``s each time): a bar redrawn is a picture
        changed. One hidden from screen readers (``aria-hidden``, the ``presentation``
        role: an icon) or drawn nowhere (a sprite sheet of no size) is not read."""
        if (svg.get("role") or "").lower() in ("presentation", "none"):
            return
        if _NO_SIZE.search(svg.get("style") or ""):
            return
        title = next((child for child in svg if getattr(child, "tag", "") == "title"), None)
        name = svg.get("aria-label") or (title.text_content() if title is not None else "")
        markup = etree.tostring(svg, encoding="unicode", with_tail=False)
        drawn = _NAMING.sub(_unnamed, _BETWEEN_TAGS.sub("><", " ".join(markup.split())))
        self._picture(svg, described("image/svg+xml", drawn.encode("utf-8")), name)

    def _video(self, video: Any) -> None:
        """A video is a picture of its sources (``src``, its ``<source>``s) and poster,
        named by its ``aria-label`` or ``title``: the frame a reader sees before playing
        it, and what plays, replaced, are changes."""
        sources = [("", child.get("src") or "") for child in video.iter("source")]
        source = html_source(video.get("src") or "", "", sources)
        poster = (video.get("poster") or "").strip()
        source = "; ".join(part for part in (source, poster and f"poster {poster}") if part)
        self._picture(video, source, video.get("aria-label") or video.get("title") or "")

    def _embedded(self, element: Any, address: str) -> None:
        """An ``<object>``'s or ``<embed>``'s content (a chart, a map, a document) is a
        picture of its address, named by its ``aria-label`` or ``title``; the fallback
        an ``<object>`` holds for browsers that cannot show it is not read."""
        source = html_source(address)
        self._picture(element, source, element.get("aria-label") or element.get("title") or "")

    def _picture(self, element: Any, source: str, alt: str) -> None:
        """A picture of ``source`` where ``element`` stands: its ``alt`` words, or one
        ``PICTURE``; none if it is one pixel wide or high, or of neither."""
        if unseen(element.get("width"), element.get("height")):
            return
        if not alt.strip() and not source:
            return
        if self.inline is None:
            self.open(BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)
        assert self.inline is not None
        inline, start = self.inline, self.inline.offset
        self.text(alt)
        inline.add_image(start, source)

    def _list(self, element: Any, ordered: bool) -> Iterator[Any]:
        self.flush()
        items = [child for child in element if getattr(child, "tag", "") == "li"]
        reverse = ordered and element.get("reversed") is not None
        start = parse_number(element.get("start"), len(items) if reverse else 1)
        kind = _LIST_TYPES.get(element.get("type", "1"), "decimal")
        self.lists.append(_List(ordered, start, kind, -1 if reverse else 1))
        yield from self._children(element)
        self.flush()
        self.lists.pop()

    def _item(self, element: Any) -> Iterator[Any]:
        label = ""
        current = self.lists[-1] if self.lists else None
        if current is not None and current.ordered:
            current.number = parse_number(element.get("value"), current.number)
            if not find_label(element.text_content().lstrip()):
                # an item numbered by hand keeps its own label; the automatic one is
                # then hidden by the page's style sheet in almost every case
                label = f"{format_number(current.number, current.format)}."
            current.number += current.step
        self.open(BlockKind.LIST_ITEM, max(len(self.lists) - 1, 0), label)
        yield from self._children(element)
        self.flush()

    def _table(self, table: Any) -> Iterator[Any]:
        self.flush()
        for row in _rows(table):
            self.open(BlockKind.TABLE_ROW)
            self.cells += 1
            cells = [cell for cell in row if getattr(cell, "tag", "") in ("td", "th")]
            for index, cell in enumerate(cells):
                if index and self.inline is not None:
                    self.inline.next_cell()
                if not _dropped(cell, cell.tag):
                    yield from self._children(cell)
            self.cells -= 1
            if self.inline is not None and not self.inline.text.replace("|", "").strip():
                self.inline = None
            self.flush()
        self.builder.end_table()
        caption = table.find("caption")
        if caption is not None:
            self.open(BlockKind.PARAGRAPH)
            yield from self._children(caption)
            self.flush()


def _rows(table: Any) -> Iterator[Any]:
    """The rows of a table (in its head, bodies and foot), not those of nested tables."""
    for child in table:
        tag = getattr(child, "tag", "")
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if getattr(row, "tag", "") == "tr")


def _dropped(element: Any, tag: str) -> bool:
    """Whether an element is not content: invisible, interactive or navigation."""
    tag = tag.lower()
    if tag in _DROPPED:
        return True
    if element.get(_FURNITURE_MARK) is not None:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _DROPPED_ROLES:
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    if tag in ("header", "footer"):
        return not any(a.tag in ("article", "main") for a in element.iterancestors())
    return False

