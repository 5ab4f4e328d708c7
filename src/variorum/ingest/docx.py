"""DOCX: a Word document as Word displays it, read with python-docx and its OXML.

Paragraphs and headings (from their styles or outline levels); lists with Word's
automatic numbering turned into labels (``docx_numbering``), a bullet list's items
list items without a label (as Markdown's and HTML's bullet items are read); each table row one
block, its cells joined by `` | ``; hyperlinks kept as Document links (hyperlinks to
one target one after another, as a tracked change splits one, a single link); footnotes
and endnotes as footnote blocks after the body, in the order they are referenced
(their reference marks are left out of the text, as for PDF); text boxes and SmartArt
diagrams as blocks after the paragraph they are anchored in; imported HTML or text
chunks (``w:altChunk``) where they stand (``docx_embedded``). Hidden text, field
codes, headers, footers and charts are not read; a picture stands where it is as one
``PICTURE`` (``variorum.pictures``), compared by the digest of its image part. Tracked
changes are read as the current text, or with ``tracked="original"`` as the text
before them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import PartFactory
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.document import DocumentPart
from lxml import etree

from variorum.document import BlockKind, Document
from variorum.errors import InputError
from variorum.ingest.builder import DocumentBuilder, InlineText
from variorum.ingest.docx_embedded import chunk_document, diagram_paragraphs
from variorum.ingest.docx_numbering import Numbering, W, format_number, parse_number
from variorum.ingest.labels import find_label
from variorum.ingest.zipcheck import open_package
from variorum.pictures import part_source

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
R_ID = f"{R}id"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_BLIP = f"{_DRAWING}blip"
_GRAPHIC_DATA = f"{_DRAWING}graphic/{_DRAWING}graphicData"
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
"""The kind of graphic a picture is (others: charts, diagrams, shapes, text boxes)."""
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_OFFICE_TITLE = "{urn:schemas-microsoft-com:office:office}title"
_PICTURE_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"

_RECURSE = {f"{W}{name}" for name in ("smartTag", "customXml", "fldSimple", "bdo", "dir")}
_CURRENT_ONLY = {f"{W}ins", f"{W}moveTo"}
_ORIGINAL_ONLY = {f"{W}del", f"{W}moveFrom"}
_BREAKS = {f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr"}
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")
_TEXT_BOX = f"{W}txbxContent"
_COMPATIBILITY = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_FALLBACK = f"{_COMPATIBILITY}Fallback"
_ALTERNATE_CONTENT = f"{_COMPATIBILITY}AlternateContent"
_CHOICE = f"{_COMPATIBILITY}Choice"
_HEAD_BYTES = 4096
"""How much of the start of a part is read for its namespace or a DOCTYPE."""
_WORD_MAIN_PARTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)
"""Main parts that hold a Word document as a .docx does; python-docx's ``Document()``
refuses them by content type, so they are registered with its part factory here."""
for _content_type in _WORD_MAIN_PARTS:
    PartFactory.part_type_for[_content_type] = DocumentPart


def parse_docx(data: bytes, *, tracked: str = "current", **meta: str) -> Document:
    """A Document from the bytes of a DOCX file."""
    source = meta.get("source", "input")
    package = open_package(data, source)
    try:
        _refuse_unreadable(package, source)
        word = _open_word(data, source)
        reader = _Reader(word, tracked == "original", source)
        reader.body(word.element.body)
        reader.notes()
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise InputError(source, f"is damaged: {_describe(error)}") from None
    except ValueError:  # a value python-docx cannot take, where Word writes a number or a name
        raise InputError(
            source, "cannot be read as a Word document: a part holds a value Word does not write"
        ) from None
    except etree.XMLSyntaxError as error:
        raise InputError(source, _xml_problem(error)) from None
    finally:
        package.close()
    meta.setdefault("format", "docx")
    title = (word.core_properties.title or "").strip()
    if title:
        meta.setdefault("title", title)
    return reader.builder.build(_bookmarks(word.element.body), **meta)


def _bookmarks(body: Any) -> set[str]:
    """The bookmarks of the body: the places a Word hyperlink's ``w:anchor`` names."""
    return {str(mark.get(f"{W}name")) for mark in body.iter(f"{W}bookmarkStart")}


def _inside(element: Any, top: Any, tags: set[str]) -> bool:
    """Whether an ancestor of ``element`` below ``top`` has one of ``tags``."""
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _open_word(data: bytes, source: str) -> Any:
    """The package's document, whichever of Word's main parts it has (.docx, .docm, .dotx,
    .dotm: the same content, as ``_WORD_MAIN_PARTS`` registers them)."""
    part = Package.open(io.BytesIO(data)).main_document_part
    if not isinstance(part, DocumentPart):
        raise InputError(source, "is an Office package of another kind, not a Word document")
    return part.document


def _refuse_unreadable(package: zipfile.ZipFile, source: str) -> None:
    """Refuse, by name, what python-docx would misread. Strict Open XML (an option of
    Word's Save As) puts every element in other namespaces. A part declaring a DOCTYPE
    is never written by Word: its entities are left unexpanded (no XXE, no billion
    laughs), and the text around them would be lost without a word."""
    with package.open("word/document.xml") as part:
        head = part.read(_HEAD_BYTES)
    if b"purl.oclc.org/ooxml/wordprocessingml" in head:
        raise InputError(
            source,
            "is saved as Strict Open XML, which Variorum cannot read; "
            "save it again as a Word Document (.docx)",
        )
    for member in package.infolist():
        if member.filename.endswith((".xml", ".rels")):
            with package.open(member) as part:
                if b"<!DOCTYPE" in part.read(_HEAD_BYTES).upper():
                    raise InputError(
                        source,
                        f"has XML entity declarations (a DOCTYPE) in {member.filename}, "
                        "which Word never writes; it is refused as unsafe",
                    )


def _xml_problem(error: etree.XMLSyntaxError) -> str:
    if "depth" in str(error).lower():
        return "is damaged: its XML is nested deeper than Word ever writes it"
    return f"is damaged: a part is not well-formed XML (line {error.lineno})"


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"a part it refers to is missing ({error})"
    if isinstance(error, PackageNotFoundError):
        return "it is not a Word package"
    return "its compressed data is corrupt"


class _Styles:
    """Paragraph styles: heading levels and numbering, following ``w:basedOn``."""

    def __init__(self, element: Any) -> None:
        self._styles: dict[str, Any] = {}
        self.default = ""
        for style in element.iterfind(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId", "")
            self._styles[style_id] = style
            if style.get(f"{W}default") in ("1", "true"):
                self.default = style_id

    def _chain(self, style_id: str) -> list[Any]:
        chain: list[Any] = []
        while style_id in self._styles and len(chain) < 10:
            style = self._styles[style_id]
            chain.append(style)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val", "") if based is not None else ""
        return chain

    def heading_level(self, style_id: str) -> int:
        """1-9 for title and heading styles (or an outline level), 0 for body text."""
        for style in self._chain(style_id):
            name_element = style.find(f"{W}name")
            name = (name_element.get(f"{W}val", "") if name_element is not None else "").lower()
            if name == "title":
                return 1
            if name.startswith("heading ") and 0 < parse_number(name[8:], 0) <= 9:
                return parse_number(name[8:], 0)
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            if outline is not None:
                level = parse_number(outline.get(f"{W}val"), 9)
                return level + 1 if 0 <= level < 9 else 0
        return 0

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        """The numbering instance and level a style gives its paragraphs."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            num_id = num_id or _val(num_pr, "numId")
            level = _val(num_pr, "ilvl")
            if ilvl is None and level is not None:
                ilvl = parse_number(level, 0)
        return num_id, ilvl


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _on(element: Any | None) -> bool:
    """Whether a toggle property such as ``<w:vanish/>`` is present and not switched off."""
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off")


class _Reader:
    """Walks the body of one document into a DocumentBuilder."""

    def __init__(self, word: Any, original: bool, source: str) -> None:
        self.part = word.part
        self.original = original
        self.source = source
        self.builder = DocumentBuilder()
        self.styles = _Styles(self.part.styles.element)
        numbering = self.part.numbering_part.element if _has_numbering(self.part) else None
        self.numbering = Numbering(numbering, lambda style: self.styles.numbering(style)[0])
        self.pending: InlineText | None = None
        self.references: list[tuple[str, str]] = []

    # Blocks -----------------------------------------------------------------

    def body(self, container: Any) -> None:
        """Every paragraph and table of a container (the body, a content control)."""
        for child in container:
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.body(content)
            elif child.tag == f"{W}customXml":
                self.body(child)
            elif child.tag == f"{W}altChunk":
                self.chunk(child)

    def chunk(self, chunk: Any) -> None:
        """An imported chunk's blocks, where it stands."""
        document = chunk_document(self.part, chunk, self.source)
        if document is None:
            return
        for block in document.blocks:
            label = document.label_text(block)
            self.builder.add(block.kind, document.body_text(block), block.level, label)

    def paragraph(self, paragraph: Any) -> None:
        inline = self.pending or InlineText()
        self.pending = None
        self.inline(paragraph, inline)
        if self._mark_removed(paragraph):
            self.pending = inline  # the paragraph runs on into the next one
            self.text_boxes(paragraph)
            return
        properties = self._properties(paragraph)
        style = _val(properties, "pStyle") if properties is not None else None
        style = style or self.styles.default
        label = self._label(properties, style)
        heading = self.styles.heading_level(style)
        if heading:
            self.builder.add(BlockKind.HEADING, inline, heading, label)
        elif label or self._bulleted(properties, style) or find_label(inline.text):
            self.builder.add(BlockKind.LIST_ITEM, inline, self._list_level(properties), label)
        else:
            self.builder.add(BlockKind.PARAGRAPH, inline, 0, label)
        self.text_boxes(paragraph)

    def text_boxes(self, paragraph: Any) -> None:
        """The text boxes and SmartArt diagrams anchored in a paragraph, as blocks after
        it. Word writes each box twice: as DrawingML and, in ``mc:Fallback``, as VML
        for older readers; the fallback copy is skipped. Boxes inside boxes are read
        with their box."""
        for box in paragraph.iter(_TEXT_BOX):
            if not _inside(box, paragraph, {_TEXT_BOX, _FALLBACK}):
                self.body(box)
        for text in diagram_paragraphs(self.part, paragraph):
            self.builder.add(BlockKind.PARAGRAPH, text)

    def table(self, table: Any) -> None:
        for row in table.iterfind(f"{W}tr"):
            if self._row_removed(row):
                continue
            inline = InlineText()
            for index, cell in enumerate(row.iterfind(f"{W}tc")):
                if index:
                    inline.next_cell()
                if not _continues_merge(cell):
                    self.cell(cell, inline)
            if inline.text.replace("|", "").strip():
                self.builder.add(BlockKind.TABLE_ROW, inline)
        self.builder.end_table()

    def cell(self, container: Any, inline: InlineText) -> None:
        """The paragraphs of a table cell (and of tables nested in it) as one line."""
        for child in container:
            if child.tag == f"{W}p":
                properties = self._properties(child)
                style = (_val(properties, "pStyle") if properties is not None else None) or ""
                label = self._label(properties, style or self.styles.default)
                if label:
                    inline.append(f"{label} ")
                self.inline(child, inline)
                inline.append(" ")
            elif child.tag == f"{W}tbl":
                for row in child.iterfind(f"{W}tr"):
                    for cell in row.iterfind(f"{W}tc"):
                        self.cell(cell, inline)
            elif child.tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                self.cell(content if content is not None else child, inline)

    # Inline text ------------------------------------------------------------

    def inline(self, element: Any, inline: InlineText) -> None:
        """The text of runs, hyperlinks and tracked changes inside ``element``."""
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child, inline)
            elif tag == f"{W}hyperlink":
                start = inline.offset
                self.inline(child, inline)
                target = self._link_target(child)
                if inline.links and inline.links[-1][1:] == (start, target):
                    start = inline.links.pop()[0]  # one link in hyperlinks one after another
                if target:
                    inline.add_link(start, target)
            elif tag in _CURRENT_ONLY:
                if not self.original:
                    self.inline(child, inline)
            elif tag in _ORIGINAL_ONLY:
                if self.original:
                    self.inline(child, inline)
            elif tag in _RECURSE:
                self.inline(child, inline)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.inline(content, inline)

    def run(self, run: Any, inline: InlineText) -> None:
        properties = run.find(f"{W}rPr")
        if properties is not None and _on(properties.find(f"{W}vanish")):
            return  # hidden text is not shown
        caps = properties is not None and _on(properties.find(f"{W}caps"))
        for child in run:
            tag = child.tag
            if tag == f"{W}t" or (tag == f"{W}delText" and self.original):
                text = child.text or ""
                inline.append(text.upper() if caps else text)
            elif tag in _BREAKS:
                inline.append(" ")
            elif tag == f"{W}noBreakHyphen":
                inline.append("-")
            elif tag == f"{W}sym":
                inline.append(_symbol(child))
            elif tag == f"{W}drawing":
                self.pictures(child, inline)
            elif tag == f"{W}pict":
                self.legacy_pictures(child, inline)
            elif tag == _ALTERNATE_CONTENT:
                self.alternative_pictures(child, inline)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                self.references.append((kind, child.get(f"{W}id", "")))

    def pictures(self, drawing: Any, inline: InlineText) -> None:
        """The pictures of a drawing, each where it stands as one ``PICTURE`` (Word shows
        the picture, not its alternative text; the PDF printed from it has none either),
        its source the digest of its image part (``part_source``: Word renames parts
        as pictures come and go), named by its alternative text (``descr``, else
        ``title``) or its file's name. Hidden ones, and drawings that are no picture
        (text boxes, charts, shapes), are not read here."""
        for frame in drawing:
            properties = frame.find(_DOC_PROPERTIES)
            graphic = frame.find(_GRAPHIC_DATA)
            if graphic is None or graphic.get("uri") != _PICTURE_URI:
                continue  # (a text box's own pictures are read with its text, as blocks)
            blip = next(graphic.iter(_BLIP), None)
            if blip is None or (
                properties is not None and properties.get("hidden") in ("1", "true")
            ):
                continue
            name = ""
            if properties is not None:
                name = properties.get("descr") or properties.get("title") or ""
            if not name.strip():
                file = next(frame.iter(_PICTURE_PROPERTIES), None)
                name = file.get("name", "") if file is not None else ""
                name = name if "." in name else ""  # (``Picture 3``: Word's count, no name)
            inline.add_image(inline.offset, self._picture_source(blip, name))

    def alternative_pictures(self, content: Any, inline: InlineText) -> None:
        """The pictures of a drawing Word wrote twice (``mc:AlternateContent``: a picture
        with effects of Word 2010, and its copy for older readers), read once, from the
        first choice, as Word shows it; the fallback copy is skipped."""
        choice = content.find(_CHOICE)
        for drawing in choice if choice is not None else ():
            if drawing.tag == f"{W}drawing":
                self.pictures(drawing, inline)

    def legacy_pictures(self, pict: Any, inline: InlineText) -> None:
        """The pictures of a VML drawing (``w:pict``, as Word 2003 and converters write
        them), as ``pictures`` reads DrawingML's: a shape's ``v:imagedata``, named by
        the shape's ``alt`` or the image's ``o:title``."""
        for shape in pict:
            image = shape.find(_VML_IMAGE)
            if image is None or "visibility:hidden" in (shape.get("style") or "").replace(" ", ""):
                continue
            name = shape.get("alt") or image.get(_OFFICE_TITLE) or ""
            inline.add_image(inline.offset, self._picture_source(image, name, f"{R}id"))

    def _picture_source(self, blip: Any, name: str, embed: str = f"{R}embed") -> str:
        """An embedded picture's described bytes; a linked one's address."""
        embedded, linked = blip.get(embed), blip.get(f"{R}link")
        if embedded and embedded in self.part.rels and not self.part.rels[embedded].is_external:
            part = self.part.rels[embedded].target_part
            return part_source(part.content_type, part.blob, name)
        if linked and linked in self.part.rels:
            return str(self.part.rels[linked].target_ref)
        return part_source("image", b"", name)  # (a picture Word cannot find: shown as missing)

    # Notes ------------------------------------------------------------------

    def notes(self) -> None:
        """Footnote and endnote blocks, numbered in the order of their references."""
        parts = {
            "footnote": _note_part(self.part, RELATIONSHIP_TYPE.FOOTNOTES),
            "endnote": _note_part(self.part, RELATIONSHIP_TYPE.ENDNOTES),
        }
        counts = {"footnote": 0, "endnote": 0}
        for kind, note_id in self.references:
            notes = parts[kind]
            if notes is None:
                continue
            note = notes.get(note_id)
            if note is None:
                continue
            counts[kind] += 1
            label = format_number(counts[kind], "decimal" if kind == "footnote" else "lowerRoman")
            inline = InlineText()
            for paragraph in note.iterfind(f"{W}p"):
                self.inline(paragraph, inline)
                inline.append(" ")
            self.builder.add(BlockKind.FOOTNOTE, inline, 0, label)

    # Properties -------------------------------------------------------------

    def _properties(self, paragraph: Any) -> Any | None:
        properties = paragraph.find(f"{W}pPr")
        if self.original and properties is not None:
            before = properties.find(f"{W}pPrChange/{W}pPr")
            if before is not None:
                return before
        return properties

    def _label(self, properties: Any | None, style: str) -> str:
        numbered = self._numbering(properties, style)
        return self.numbering.label(*numbered) if numbered else ""

    def _bulleted(self, properties: Any | None, style: str) -> bool:
        numbered = self._numbering(properties, style)
        return numbered is not None and self.numbering.bulleted(*numbered)

    def _numbering(self, properties: Any | None, style: str) -> tuple[str, int] | None:
        """The numbering instance and level of a paragraph (its own, else its style's)."""
        num_id, ilvl = self.styles.numbering(style)
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            level = _val(num_pr, "ilvl")
            ilvl = parse_number(level, ilvl or 0) if level is not None else ilvl
        if not num_id or num_id == "0":
            return None
        return num_id, ilvl or 0

    def _list_level(self, properties: Any | None) -> int:
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        level = _val(num_pr, "ilvl") if num_pr is not None else None
        return min(max(parse_number(level, 0), 0), 8)

    def _mark_removed(self, paragraph: Any) -> bool:
        """Whether the paragraph mark is tracked as removed in the text being read, so
        that the paragraph joins the next one."""
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        if mark is None:
            return False
        removed = ("ins", "moveTo") if self.original else ("del", "moveFrom")
        return any(mark.find(f"{W}{name}") is not None for name in removed)

    def _row_removed(self, row: Any) -> bool:
        properties = row.find(f"{W}trPr")
        if properties is None:
            return False
        return properties.find(f"{W}ins" if self.original else f"{W}del") is not None

    def _link_target(self, hyperlink: Any) -> str:
        relationship = hyperlink.get(R_ID)
        anchor = hyperlink.get(f"{W}anchor")
        if relationship and relationship in self.part.rels:
            target = str(self.part.rels[relationship].target_ref)
            return f"{target}#{anchor}" if anchor else target
        return f"#{anchor}" if anchor else ""


def _has_numbering(part: Any) -> bool:
    try:
        part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return False
    return True


def _note_part(part: Any, relationship: str) -> dict[str, Any] | None:
    """Notes by id from the footnotes or endnotes part, without separators."""
    try:
        related = part.part_related_by(relationship)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    if element is None:
        element = parse_xml(related.blob)
    notes = {}
    for note in element:
        if note.get(f"{W}type") in (None, "normal"):
            notes[note.get(f"{W}id", "")] = note
    return notes


def _continues_merge(cell: Any) -> bool:
    """Whether a cell continues a vertically merged cell above it (it shows nothing)."""
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val", "continue") == "continue"


def _symbol(element: Any) -> str:
    font = (element.get(f"{W}font") or "").lower()
    code = element.get(f"{W}char") or ""
    if font.startswith(_SYMBOL_FONTS) or not code:
        return ""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
        return ""
    value = int(code, 16)
    if 0xF000 <= value <= 0xF0FF or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return ""  # a symbol font's private character, or no character at all
    return chr(value)
