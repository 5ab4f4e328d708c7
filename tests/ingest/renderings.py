"""Renderings of plain-text documents as the files people exchange: PDF pages with
running headers, page numbers, hyphenated line ends and hanging list labels, and
Word files with automatic numbering. Used by the ingest tests and the PDF benchmark."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from variorum.ingest.labels import find_label

FONT = "Times-Roman"
LEFT, RIGHT = 72.0, A4[0] - 72.0
TOP, BOTTOM = A4[1] - 80.0, 90.0
HANG = 36.0  # where the body of a labelled paragraph starts, right of its label
MIN_PIECE = 4  # a word is hyphenated only with this many letters on each side


@dataclass
class PdfStyle:
    """How a rendering looks: sizes in points, furniture texts."""

    size: float = 11.0
    leading: float = 13.5
    paragraph_space: float = 6.0
    symbol: str = "A/66/359"
    job: str = "11-49921"
    furniture: bool = True
    """Draw the running header, page number and job number on every page."""
    footnote_size: float = 8.0
    footnotes: dict[int, str] = field(default_factory=dict)
    """Paragraph index -> footnote text, referenced by a superscript number after it."""


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of a plain text with one paragraph per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most ``width`` points; long words are hyphenated at the line end and
    words already holding a hyphen may break after it, as typesetters do."""
    lines: list[str] = []
    current = ""
    for piece, spaced in _pieces(text):
        candidate = f"{current} {piece}" if spaced and current else current + piece
        if stringWidth(candidate, FONT, size) <= width:
            current = candidate
            continue
        head, tail = _hyphenate(current, piece, spaced, width, size)
        lines.append(head)
        current = tail
    if current:
        lines.append(current)
    return lines


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Words split after their hyphens, each with whether a space precedes it."""
    pieces = []
    for word in text.split():
        parts = re.findall(r"[^-]+-?|-", word)
        pieces += [(part, index == 0) for index, part in enumerate(parts)]
    return pieces


def _hyphenate(
    current: str, piece: str, spaced: bool, width: float, size: float
) -> tuple[str, str]:
    """Break at the line end, hyphenating ``piece`` if a long enough head of it fits."""
    word = piece.rstrip("-,.;:")
    if word.isalpha() and word.islower() and len(word) >= 2 * MIN_PIECE:
        for cut in range(len(word) - MIN_PIECE, MIN_PIECE - 1, -1):
            head = piece[:cut] + "-"
            line = f"{current} {head}" if spaced and current else current + head
            if stringWidth(line, FONT, size) <= width:
                return line, piece[cut:]
    return current, piece


def render_pdf(text: str, style: PdfStyle | None = None, pages_at_least: int = 0) -> bytes:
    """A PDF of a plain text (one paragraph per line), repeated until it fills
    ``pages_at_least`` pages."""
    style = style or PdfStyle()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Rendering")
    writer = _PageWriter(canvas, style)
    paragraphs = paragraphs_of(text)
    while True:
        for index, paragraph in enumerate(paragraphs):
            writer.paragraph(paragraph, style.footnotes.get(index))
        if writer.page >= pages_at_least:
            break
    writer.finish()
    canvas.save()
    return buffer.getvalue()


class _PageWriter:
    def __init__(self, canvas: Canvas, style: PdfStyle) -> None:
        self.canvas, self.style = canvas, style
        self.page = 1
        self.y = TOP
        self.notes: list[tuple[int, str]] = []
        self.note_number = 0
        self.bottom = BOTTOM + (60.0 if style.footnotes else 0.0)
        self._furniture()
        canvas.setFont(FONT, style.size)

    def paragraph(self, text: str, footnote: str | None) -> None:
        size = self.style.size
        label = find_label(text)
        body = text[label[1] :].lstrip() if label else text
        indent = HANG if label else 0.0
        lines = wrap(body, RIGHT - LEFT - indent, size)
        for number, line in enumerate(lines):
            if self.y < self.bottom:
                self._new_page()
            if number == 0 and label:
                self.canvas.drawString(LEFT, self.y, text[: label[1]])
            self.canvas.drawString(LEFT + indent, self.y, line)
            if footnote and number == len(lines) - 1:
                self._reference(LEFT + indent + stringWidth(line, FONT, size), footnote)
            self.y -= self.style.leading
        self.y -= self.style.paragraph_space

    def _reference(self, x: float, footnote: str) -> None:
        self.note_number += 1
        self.canvas.setFont(FONT, self.style.footnote_size)
        self.canvas.drawString(x + 0.5, self.y + 4, str(self.note_number))
        self.canvas.setFont(FONT, self.style.size)
        self.notes.append((self.note_number, footnote))

    def _furniture(self) -> None:
        canvas, style = self.canvas, self.style
        if not style.furniture:
            return
        canvas.setFont(FONT, 9)
        if self.page % 2:
            canvas.drawRightString(RIGHT, A4[1] - 50, style.symbol)
        else:
            canvas.drawString(LEFT, A4[1] - 50, style.symbol)
        canvas.drawCentredString(A4[0] / 2, 50, str(self.page))
        canvas.drawString(LEFT, 36, style.job)
        canvas.setFont(FONT, style.size)

    def _footnotes(self) -> None:
        y = BOTTOM + 40
        self.canvas.setFont(FONT, self.style.footnote_size)
        for number, text in self.notes:
            for index, line in enumerate(wrap(text, RIGHT - LEFT - 12, self.style.footnote_size)):
                if index == 0:
                    self.canvas.drawString(LEFT, y, str(number))
                self.canvas.drawString(LEFT + 12, y, line)
                y -= self.style.footnote_size + 2
        self.notes = []
        self.canvas.setFont(FONT, self.style.size)

    def _new_page(self) -> None:
        self._footnotes()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        self._furniture()
        self.canvas.setFont(FONT, self.style.size)

    def finish(self) -> None:
        self._footnotes()
        self.canvas.showPage()


GUTTER = 18.0  # between the columns of a two-column rendering
TITLE_SIZE = 16.0


def render_columns(
    text: str,
    title: str = "",
    *,
    rows: bool = False,
    then: str = "",
    columns: int = 2,
    kerned: bool = False,
) -> bytes:
    """A PDF of a plain text set in ``columns`` columns, under a ``title`` across them,
    with a page number at the foot's middle; ``then`` follows on pages in one column.
    The columns are drawn one after the other or, with ``rows``, row by row across
    all, as some typesetters do (PDFium then joins the lines of a row). A ``kerned``
    title is drawn in touching pieces of a few letters, as Chromium draws kerned text."""
    width = (RIGHT - LEFT - GUTTER * (columns - 1)) / columns
    top = TOP - (2 * TITLE_SIZE if title else 0.0)
    slots = _column_slots(text, width, top, columns)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    for page in range(max(page for page, _, _, _ in slots) + 1):
        if page == 0 and title:
            canvas.setFont(FONT, TITLE_SIZE)
            if kerned:
                _draw_in_pieces(canvas, title, TITLE_SIZE)
            else:
                canvas.drawCentredString(A4[0] / 2, TOP, title)
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 50, str(page + 1))
        canvas.setFont(FONT, 11)
        drawn = sorted(
            (slot for slot in slots if slot[0] == page),
            key=lambda slot: (-slot[2], slot[1]) if rows else (slot[1], -slot[2]),
        )
        for _, column, y, line in drawn:
            canvas.drawString(LEFT + column * (width + GUTTER), y, line)
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    return _then(data, then) if then else data


def _draw_in_pieces(canvas: Canvas, title: str, size: float, letters: int = 3) -> None:
    """The title centred at the top, each run of ``letters`` characters a text object."""
    x = (A4[0] - stringWidth(title, FONT, size)) / 2
    for start in range(0, len(title), letters):
        piece = title[start : start + letters]
        canvas.drawString(x, TOP, piece)
        x += stringWidth(piece, FONT, size)


def _column_slots(
    text: str, width: float, top: float, columns: int
) -> list[tuple[int, int, float, str]]:
    """Where each line of the text goes: page, column, baseline and text; the
    columns of the first page start at ``top``."""
    slots = []
    page = column = 0
    y = top
    for paragraph in paragraphs_of(text):
        for line in wrap(paragraph, width, 11):
            if y < BOTTOM:
                page, column = (page, column + 1) if column + 1 < columns else (page + 1, 0)
                y = top if page == 0 else TOP
            slots.append((page, column, y, line))
            y -= 13.5
        y -= 6.0
    return slots


def _then(data: bytes, text: str) -> bytes:
    """The pages of ``data`` followed by those of ``text`` in one column."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    document.import_pages(pdfium.PdfDocument(render_pdf(text, PdfStyle(furniture=False))))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Word ------------------------------------------------------------------------

_LABEL_FORMATS = {
    r"\((\d+)\)": ("decimal", "({})"),
    r"\(([a-z])\)": ("lowerLetter", "({})"),
}


def render_docx(text: str) -> bytes:
    """A Word file of a plain text (one paragraph per line) whose ``(b)``/``(2)`` labels
    are Word's automatic numbering, restarted where the text skips numbers, with
    letters under numbers as a second level."""
    from docx import Document as new_document

    word = new_document()
    numbering = _WordNumbering(word)
    for paragraph in paragraphs_of(text):
        match = re.match(r"\((\d+|[a-z])\)\s+", paragraph)
        if match is None:
            word.add_paragraph(paragraph)
            continue
        body = word.add_paragraph(paragraph[match.end() :])
        numbering.number(body, match.group(1))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


class _WordNumbering:
    """Numbering definitions added to a python-docx document as the labels require."""

    def __init__(self, word: object) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.part = word.part.numbering_part.element  # type: ignore[attr-defined]
        self.top_format: str | None = None
        self.num_id = 0
        self.expected: dict[int, int] = {}

    def number(self, paragraph: object, label: str) -> None:
        style = "decimal" if label.isdigit() else "lowerLetter"
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        self.top_format = self.top_format or style
        level = 0 if style == self.top_format else 1
        if level == 0 and self.expected.get(0) != value:
            self._new_list(value)
        self.expected[0 if level == 0 else 1] = value + 1
        self._apply(paragraph, level)

    def _new_list(self, start: int) -> None:
        """A new list (an abstract definition and an instance) starting at ``start``."""
        from docx.oxml import parse_xml

        self.num_id += 1
        second = "decimal" if self.top_format == "lowerLetter" else "lowerLetter"
        namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        abstract = parse_xml(
            f'<w:abstractNum {namespace} w:abstractNumId="{100 + self.num_id}">'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{self.top_format}"/>'
            '<w:lvlText w:val="(%1)"/><w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{second}"/>'
            '<w:lvlText w:val="(%2)"/><w:pPr><w:ind w:left="1440" w:hanging="720"/></w:pPr></w:lvl>'
            "</w:abstractNum>"
        )
        num = parse_xml(
            f'<w:num {namespace} w:numId="{100 + self.num_id}">'
            f'<w:abstractNumId w:val="{100 + self.num_id}"/></w:num>'
        )
        nums = self.part.findall(self.qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.part.append(abstract)
        self.part.append(num)

    def _apply(self, paragraph: object, level: int) -> None:
        from docx.oxml import parse_xml

        namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        properties.append(
            parse_xml(
                f'<w:numPr {namespace}><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{100 + self.num_id}"/></w:numPr>'
            )
        )


W_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_PARTS = {
    "numbering": ("numbering.xml", "numbering"),
    "footnotes": ("footnotes.xml", "footnotes"),
    "styles": ("styles.xml", "styles"),
}
_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def word_package(
    body: str,
    links: dict[str, str] | None = None,
    embedded: dict[str, tuple[str, str, str, str]] | None = None,
    **parts: str,
) -> bytes:
    """A minimal DOCX written by hand: ``body`` is the XML inside ``<w:body>``; ``parts``
    give the inner XML of ``numbering``, ``footnotes`` or ``styles``; ``links`` maps
    relationship ids to external hyperlink targets; ``embedded`` maps relationship ids
    to other parts: (file under ``word/``, content type, relationship type, content)."""
    main = f"{_TYPE}.document.main+xml"
    overrides = [f'<Override PartName="/word/document.xml" ContentType="{main}"/>']
    relationships = []
    document = f"<w:document {W_NAMESPACES}><w:body>{body}</w:body></w:document>"
    files = {"word/document.xml": document}
    for key, inner in parts.items():
        file, kind = _PARTS[key]
        root = {"numbering": "numbering", "footnotes": "footnotes", "styles": "styles"}[key]
        files[f"word/{file}"] = f"<w:{root} {W_NAMESPACES}>{inner}</w:{root}>"
        overrides.append(f'<Override PartName="/word/{file}" ContentType="{_TYPE}.{kind}+xml"/>')
        relationships.append(
            f'<Relationship Id="rId{key}" Type="{_RELATIONSHIP}/{kind}" Target="{file}"/>'
        )
    for rid, (file, content_type, relationship, content) in (embedded or {}).items():
        files[f"word/{file}"] = content
        overrides.append(f'<Override PartName="/word/{file}" ContentType="{content_type}"/>')
        relationships.append(f'<Relationship Id="{rid}" Type="{relationship}" Target="{file}"/>')
    for rid, target in (links or {}).items():
        relationships.append(
            f'<Relationship Id="{rid}" Type="{_RELATIONSHIP}/hyperlink" Target="{target}" '
            'TargetMode="External"/>'
        )
    package_types = "http://schemas.openxmlformats.org/package/2006"
    files["[Content_Types].xml"] = (
        f'<Types xmlns="{package_types}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    files["_rels/.rels"] = (
        f'<Relationships xmlns="{package_types}/relationships">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIP}/officeDocument" '
        'Target="word/document.xml"/>'
        "</Relationships>"
    )
    files["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{package_types}/relationships">'
        + "".join(relationships)
        + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in files.items():
            package.writestr(name, xml)
    return buffer.getvalue()
