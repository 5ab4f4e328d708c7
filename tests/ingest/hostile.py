"""A corpus of hostile and odd inputs, generated in the test's folder (nothing is
stored in the repository): special files, truncated and encrypted files, bombs,
deep nesting, XML entities, huge list numbers, control characters. Each case names
the outcome it must have: the exact text read, or the exact problem refused."""

from __future__ import annotations

import contextlib
import io
import os
import re
import socket
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from renderings import render_docx, render_pdf, word_package
from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

BOMB_MEMORY_MB = 300
"""The memory limit the corpus is read under: the flate bomb needs far more."""
SECRET = "TOP-SECRET-XXE"
"""Written to a file that XXE cases try to pull into the document."""
TEXT = "(a) Not to use information and communications technologies;\n"
PARAGRAPH = "The States agree to cooperate in the use of information technology. "
DOCTYPE_REFUSED = (
    "has XML entity declarations (a DOCTYPE) in word/document.xml, which Word never writes; "
    "it is refused as unsafe"
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class Case:
    """One input: how to make it at a path, and what reading it must give."""

    name: str
    """The file's name (its ending is the format's hint)."""
    make: Callable[[Path], Path]
    """Writes the input at the given path; returns the path to read (a device may differ)."""
    refused: str = ""
    """The problem of the one-line refusal (after ``path: ``), or "" if it is read."""
    text: str = ""
    """The Document's text when it is read."""


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data if isinstance(data, bytes) else data())
        return path

    return make


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _device(device: str) -> Callable[[Path], Path]:
    return lambda _path: Path(device)


def _directory(path: Path) -> Path:
    path.mkdir()
    return path


def _socket(path: Path) -> Path:
    """A Unix socket, bound by a relative name: a socket's path may be 107 bytes at most."""
    server = socket.socket(socket.AF_UNIX)
    with contextlib.chdir(path.parent):
        server.bind(path.name)
    server.close()  # the socket file stays
    return path


# PDF ------------------------------------------------------------------------------


def hand_pdf(
    content: bytes,
    filters: str = "",
    pages: int = 1,
    extra: tuple[str, str, list[str]] = ("", "", []),
) -> bytes:
    """A valid PDF written by hand: one page (or none) with this content stream.
    ``extra``: entries added to the catalog and to each page, and more objects
    (numbered on from 4 + ``pages``)."""
    catalog, page, more = extra
    kids = " ".join(f"{3 + index} 0 R" for index in range(pages))
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog}>>".encode(),
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    content_ref = 3 + pages
    for _ in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_ref} 0 R "
            f"/Resources << /Font << /F1 {content_ref + 1} 0 R >> >> {page}>>".encode()
        )
    dictionary = f"<< /Length {len(content)} {('/Filter ' + filters) if filters else ''} >>"
    objects.append(dictionary.encode() + b"\nstream\n" + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects += [body.encode("latin-1") for body in more]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text_stream(text: bytes) -> bytes:
    return b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET"


def tagged_pdf() -> bytes:
    """A tagged PDF whose structure tree loops (an element among its own kids) and
    whose text, in a table cell, is under a link annotation whose address holds a
    terminal escape: the cell is read as a row (the looping kid an empty cell of it),
    the escape is dropped."""
    content = b"/P << /MCID 0 >> BDC " + _text_stream(b"Tagged text.") + b" EMC"
    structure = [
        "<< /Type /StructTreeRoot /K 7 0 R /ParentTree 11 0 R >>",
        "<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R 7 0 R] >>",
        "<< /Type /StructElem /S /Table /P 7 0 R /K [9 0 R] >>",
        "<< /Type /StructElem /S /TR /P 8 0 R /K [10 0 R 9 0 R] >>",
        "<< /Type /StructElem /S /TD /P 9 0 R /Pg 3 0 R /K 0 >>",
        "<< /Nums [0 [10 0 R]] >>",
        "<< /Type /Annot /Subtype /Link /Rect [70 690 300 715] "
        "/A << /S /URI /URI (https://example.org/\x1b]0;owned\x07) >> >>",
    ]
    marked = "/MarkInfo << /Marked true >> /StructTreeRoot 6 0 R "
    return hand_pdf(content, extra=(marked, "/StructParents 0 /Annots [12 0 R] ", structure))


def xfa_form() -> bytes:
    """A dynamic XFA form: the page holds only the placeholder readers without XFA show."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    dynamic = (
        b"<< /Type /Catalog /Pages 2 0 R /NeedsRendering true "
        b"/AcroForm << /Fields [] /XFA (<xdp:xdp/>) >> >>"
    )
    return hand_pdf(_text_stream(b"Please wait...")).replace(catalog, dynamic)


def flate_bomb() -> bytes:
    """A 1.3 KB PDF whose content stream, deflated twice, inflates to 100 MB of text
    operators: PDFium needs gigabytes to lay them out."""
    squeezer = zlib.compressobj(9)
    block = b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" * 1000
    inner = b"".join(squeezer.compress(block) for _ in range(3000)) + squeezer.flush()
    return hand_pdf(zlib.compress(inner, 9), "[/FlateDecode /FlateDecode]")


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    canvas.drawString(72, 700, "A confidential text.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# DOCX -----------------------------------------------------------------------------


def _paragraphs(*texts: str, properties: str = "") -> str:
    return "".join(f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)


def _rewritten(data: bytes, member: str, change: Callable[[str], str]) -> bytes:
    """A copy of a ZIP package with one member's text changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == member:
                content = change(content.decode("utf-8")).encode("utf-8")
            package.writestr(item.filename, content)
    return buffer.getvalue()


def _retyped(content_type: str) -> bytes:
    """A Word package whose main part has another of Word's content types (.docm, .dotx)."""
    package = word_package(_paragraphs("A macro-enabled text."))
    return _rewritten(
        package, "[Content_Types].xml", lambda xml: xml.replace(WORD_MAIN, content_type)
    )


def _strict() -> bytes:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    package = word_package(_paragraphs("A strict text."))
    return _rewritten(
        package,
        "word/document.xml",
        lambda xml: re.sub(r'xmlns:w="[^"]+"', f'xmlns:w="{strict}"', xml),
    )


def _numbered(start: str, style: str, level: str = "0") -> bytes:
    numbering = (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{level}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{style}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    item = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return word_package(_paragraphs("First.", "Second.", properties=item), numbering=numbering)


def _with_doctype(doctype: str, body: str) -> bytes:
    """A Word package whose document part declares entities (XXE, billion laughs)."""
    package = word_package(body)
    return _rewritten(
        package,
        "word/document.xml",
        lambda xml: f'<?xml version="1.0"?>{doctype}{xml}',
    )


def _text_box() -> bytes:
    """A paragraph anchoring a text box, written as Word does: DrawingML, with a VML copy
    of the box in ``mc:Fallback`` for older readers."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = f"<w:txbxContent>{_paragraphs('Boxed text.')}</w:txbxContent>"
    run = (
        f'<w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing>{box}'
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    return word_package(f"<w:p><w:r><w:t>Anchor.</w:t></w:r>{run}</w:p>" + _paragraphs("After."))


def _deep_docx(depth: int) -> bytes:
    nested = (
        "<w:sdt><w:sdtContent>" * depth + _paragraphs("Deep.") + "</w:sdtContent></w:sdt>" * depth
    )
    return word_package(nested)


def _many_parts(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("word/document.xml", "<w:document/>")
        for index in range(count):
            package.writestr(f"word/media/{index}.bin", b"")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A package posing as DOCX whose document part unpacks to 64 MiB of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * (1024 * 1024)
            for _ in range(64):
                part.write(block)
    return buffer.getvalue()


def _zip_of(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


# HTML and text ----------------------------------------------------------------------


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def _xml_page(doctype: str, paragraph: str) -> bytes:
    return f'<?xml version="1.0"?>{doctype}<html><body><p>{paragraph}</p></body></html>'.encode()


def _items(count: int) -> str:
    return "\n".join(f"item {index}" for index in range(count)) + "\n"


def _clauses(count: int) -> str:
    return " ".join(f"clause {index}." for index in range(count))


def _binary() -> bytes:
    return bytes((index * 131 + 7) % 256 for index in range(3000))


XXE_DOCTYPE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
LAUGHS_DOCTYPE = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">'
        for level in range(1, 10)
    )
    + "]>"
)


def cases(secret_file: Path) -> list[Case]:
    """The corpus; ``secret_file`` holds ``SECRET`` for the XXE cases to try to read."""
    xxe = XXE_DOCTYPE.format(secret=secret_file)
    return [
        # Special files: refused before anything is read.
        Case("pipe.txt", _fifo, "is a named pipe (FIFO), not a file"),
        Case("zero.txt", _device("/dev/zero"), "is a device, not a file"),
        Case("null.txt", _device("/dev/null"), "is a device, not a file"),
        Case("folder.txt", _directory, "is a directory, not a file"),
        Case("socket.txt", _socket, "is a socket, not a file"),
        # Empty, binary, other formats.
        Case("empty.txt", _bytes(b""), "is empty"),
        Case("blank.txt", _bytes(b" \n\n\t\n"), "is empty"),
        Case("binary.txt", _bytes(_binary), "looks like a binary file, not a text document"),
        Case(
            "nul.txt",
            _bytes(TEXT.encode() + b"\x00" * 200),
            "looks like a binary file, not a text document",
        ),
        Case(
            "image.md", _bytes(b"\x89PNG\r\n\x1a\n" + _binary()), "is a PNG image, not a document"
        ),
        Case(
            "photo.txt", _bytes(b"\xff\xd8\xff\xe0" + _binary()), "is a JPEG image, not a document"
        ),
        Case(
            "program.txt",
            _bytes(b"\x7fELF" + _binary()),
            "is an executable program, not a document",
        ),
        Case(
            "packed.txt", _bytes(b"\x1f\x8b\x08" + _binary()), "is a gzip archive; unpack it first"
        ),
        Case("letter.txt", _bytes(b"{\\rtf1\\ansi Hello}"), "is an RTF document; save it as .docx"),
        Case(
            "odt.docx",
            _bytes(
                _zip_of(
                    mimetype="application/vnd.oasis.opendocument.text", **{"content.xml": "<x/>"}
                )
            ),
            "is an OpenDocument file; save it as .docx",
        ),
        Case(
            "sheet.zip",
            _bytes(_zip_of(xl__workbook_xml="<x/>")),
            "is an Excel or PowerPoint file, not a Word document",
        ),
        Case(
            "archive.zip",
            _bytes(_zip_of(readme_txt="hello")),
            "is a ZIP archive, not a Word document",
        ),
        Case(
            "legacy.doc",
            _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            "is a legacy Word 97-2003 .doc file; save it as .docx",
        ),
        Case(
            "locked.docx",
            _bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                + bytes(504)
                + "EncryptedPackage".encode("utf-16-le")
                + bytes(600)
            ),
            "is an encrypted (password-protected) Word document; remove the password first",
        ),
        # PDF.
        Case(
            "cut.pdf",
            _bytes(lambda: render_pdf(TEXT * 40)[:1500]),
            "is truncated or damaged: the PDF has no end-of-file marker",
        ),
        Case("named.pdf", _bytes(TEXT.encode()), "is not a PDF: it has no %PDF- header"),
        Case(
            "locked.pdf",
            _bytes(encrypted_pdf),
            "is encrypted (password-protected); decrypt it first",
        ),
        Case(
            "pictures.pdf",
            _bytes(hand_pdf(b"0 0 m 100 100 l S")),
            "has no text layer (scanned images?); run OCR on it first, e.g. ocrmypdf",
        ),
        Case("nopages.pdf", _bytes(hand_pdf(b"", pages=0)), "cannot be read as a PDF"),
        Case(
            "bomb.pdf",
            _bytes(flate_bomb),
            "could not be read: the reader crashed (SIGABRT): damaged, "
            f"or needing more than {BOMB_MEMORY_MB} MB",
        ),
        Case(
            "escape.pdf",
            _bytes(hand_pdf(_text_stream(b"Terms \x1b]0;owned\x07 apply\x00."))),
            text="Terms ]0;owned apply.\n",
        ),
        Case(
            "ok.pdf",
            _bytes(hand_pdf(_text_stream(b"A plain PDF text."))),
            text="A plain PDF text.\n",
        ),
        Case(
            "padded.pdf",
            _bytes(hand_pdf(_text_stream(b"A padded PDF text.")) + bytes(20_000)),
            text="A padded PDF text.\n",
        ),
        Case("tagged.pdf", _bytes(tagged_pdf), text="Tagged text. |\n"),  # the loop: an empty cell
        Case(
            "form.pdf",
            _bytes(xfa_form),
            "is a dynamic XFA form, whose text only Adobe Reader draws; "
            "print it to a PDF from there first",
        ),
        # DOCX.
        Case(
            "cut.docx",
            _bytes(lambda: render_docx(TEXT * 40)[:2000]),
            "is damaged: its ZIP package is truncated or corrupt",
        ),
        Case(
            "broken.docx",
            _bytes(
                lambda: _rewritten(
                    word_package(_paragraphs("x")),
                    "word/document.xml",
                    lambda xml: xml[: len(xml) // 2],
                )
            ),
            "is damaged: a part is not well-formed XML (line 1)",
        ),
        Case(
            "bomb.docx",
            _bytes(zip_bomb),
            "is a ZIP bomb: its part word/document.xml would unpack to 1,029 times its packed size",
        ),
        Case(
            "parts.docx",
            _bytes(lambda: _many_parts(10_001)),
            "has 10,002 parts, over the limit of 10,000",
        ),
        Case(
            "macros.docm",
            _bytes(lambda: _retyped("application/vnd.ms-word.document.macroEnabled.main+xml")),
            text="A macro-enabled text.\n",
        ),
        Case(
            "template.dotx",
            _bytes(
                lambda: _retyped(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
                )
            ),
            text="A macro-enabled text.\n",
        ),
        Case(
            "macros.dotm",
            _bytes(
                lambda: _retyped("application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
            ),
            text="A macro-enabled text.\n",
        ),
        Case(
            "strict.docx",
            _bytes(_strict),
            "is saved as Strict Open XML, which Variorum cannot read; "
            "save it again as a Word Document (.docx)",
        ),
        Case(
            "xxe.docx",
            _bytes(lambda: _with_doctype(xxe, _paragraphs("Before &xxe; after."))),
            DOCTYPE_REFUSED,
        ),
        Case(
            "laughs.docx",
            _bytes(lambda: _with_doctype(LAUGHS_DOCTYPE, _paragraphs("Ha &lol9; ha."))),
            DOCTYPE_REFUSED,
        ),
        Case(
            "deep.docx",
            _bytes(lambda: _deep_docx(300)),
            "is damaged: its XML is nested deeper than Word ever writes it",
        ),
        Case(
            "roman.docx",
            _bytes(lambda: _numbered("900000000000", "upperRoman")),
            text="2147483647. First.\n2147483648. Second.\n",
        ),
        Case(
            "letters.docx",
            _bytes(lambda: _numbered("700", "lowerLetter")),
            text="700. First.\n701. Second.\n",
        ),
        Case(
            "digits.docx",
            _bytes(lambda: _numbered("²", "decimal", level="x")),
            text="1. First.\n2. Second.\n",
        ),
        Case(
            "symbol.docx",
            _bytes(
                lambda: word_package(
                    '<w:p><w:r><w:t>Sign</w:t><w:sym w:font="Arial" w:char="FFFFFFFFF"/>'
                    '<w:sym w:font="Arial" w:char="D800"/>'
                    '<w:t xml:space="preserve"> here.</w:t></w:r></w:p>'
                )
            ),
            text="Sign here.\n",
        ),
        Case("box.docx", _bytes(_text_box), text="Anchor.\nBoxed text.\nAfter.\n"),
        Case(
            "shapes.docx",
            _bytes(lambda: word_package("<w:p><w:r><w:drawing/></w:r></w:p>")),
            "has no text to read (headers, footers, shapes and pictures are not read)",
        ),
        # HTML.
        Case(
            "roman.html",
            _bytes(_page('<ol type="I" start="900000000000"><li>One.</li><li>Two.</li></ol>')),
            text="2147483647. One.\n2147483648. Two.\n",
        ),
        Case(
            "letters.html",
            _bytes(_page('<ol type="a" start="900000000000"><li>One.</li></ol>')),
            text="2147483647. One.\n",
        ),
        Case(
            "values.html",
            _bytes(
                _page('<ol><li value="9' + "9" * 5000 + '">One.</li><li value="²">Two.</li></ol>')
            ),
            text="1. One.\n2. Two.\n",
        ),
        Case(
            "lists.html",
            _bytes(
                _page(
                    "<ul><li>item 0"
                    + "".join(f"<ul><li>item {i}" for i in range(1, 1000))
                    + "</li></ul>" * 1000
                )
            ),
            text=_items(1000),
        ),
        Case(
            "unclosed.html",
            _bytes(_page("".join(f"<ul><li>item {i}" for i in range(30)))),
            text=_items(30),
        ),
        Case(
            "divs.html",
            _bytes(
                _page("".join(f"<div>clause {i}." for i in range(400)) + "<p>The last clause.</p>")
            ),
            text="".join(f"clause {i}.\n" for i in range(400)) + "The last clause.\n",
        ),
        Case(
            "fonts.html",
            _bytes(
                _page(
                    "<p>Start.</p>"
                    + "".join(f"<font size=2>clause {i}. " for i in range(3000))
                    + "<p>The last clause.</p>"
                )
            ),
            text=f"Start.\n{_clauses(3000)}\nThe last clause.\n",
        ),
        Case(
            "abyss.html",
            _bytes(_page("".join(f"<div>clause {i}." for i in range(3000)))),
            "is nested more than 2,048 elements deep; it cannot be read whole",
        ),
        Case(
            "controls.html",
            _bytes(_page("<p>Terms &#x1b;]0;owned&#7; apply&#x85;here.</p>")),
            text="Terms ]0;owned apply…here.\n",
        ),  # U+0085 as HTML reads it: "…"
        Case(
            "xxe.xhtml",
            _bytes(_xml_page(xxe.replace("w:document", "html"), "Before &xxe; after.")),
            text="Before &xxe; after.\n",
        ),  # shown as browsers show it
        Case(
            "laughs.html",
            _bytes(_xml_page(LAUGHS_DOCTYPE, "Ha &lol9; ha.")),
            text="Ha &lol9; ha.\n",
        ),
        Case(
            "script.html",
            _bytes(_page("<script>document.write('Terms')</script><noscript></noscript>")),
            "has no text to read "
            "(a page that builds its text with JavaScript shows none without a browser)",
        ),
        # Plain text and Markdown.
        Case(
            "escapes.txt",
            _bytes((PARAGRAPH * 5 + "Click\x1b]8;;https://evil.test\x07 here\x1b[2J.\n").encode()),
            text=PARAGRAPH * 5 + "Click]8;;https://evil.test here[2J.\n",
        ),
        Case("pages.txt", _bytes(b"Page one.\x0cPage two.\n"), text="Page one.\nPage two.\n"),
        Case(
            "quotes.md",
            _bytes(("# Terms\n\n" + ">" * 5000 + " Deep.\n").encode()),
            text="Terms\nDeep.\n",
        ),
        Case(
            "start.md",
            _bytes(b"# Terms\n\n999999999. One.\n1000000000. Two.\n"),
            text="Terms\n999999999. One. 1000000000. Two.\n",
        ),  # ten digits start no item
    ]
