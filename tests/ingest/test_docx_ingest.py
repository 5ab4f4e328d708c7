"""DOCX: Word's automatic numbering as labels, headings, tables, footnotes, links,
and tracked changes read as the current or the original text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as new_document
from renderings import word_package

from variorum.cli import main
from variorum.cli.errors import run_safely
from variorum.document import BlockKind, Document
from variorum.ingest import parse_bytes
from variorum.ingest.docx import parse_docx


def numbered(num_id: int, text: str, ilvl: int = 0) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def abstract(key: int, *levels: tuple[str, str, int]) -> str:
    """An abstract list definition with (format, text, start) per level."""
    inner = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{key}">{inner}</w:abstractNum>'


def num(num_id: int, abstract_id: int, start_override: int | None = None) -> str:
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override is not None
        else ""
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


def labels(document: Document) -> list[str]:
    return [document.label_text(block) for block in document.blocks]


def test_multilevel_numbering_as_word_shows_it() -> None:
    numbering = abstract(
        0, ("decimal", "Article %1.", 1), ("lowerLetter", "(%2)", 1), ("lowerRoman", "%3)", 1)
    ) + num(1, 0)
    body = "".join(
        [
            numbered(1, "Purpose"),
            numbered(1, "First point", 1),
            numbered(1, "Detail", 2),
            numbered(1, "Detail", 2),
            numbered(1, "Second point", 1),
            numbered(1, "Scope"),
            numbered(1, "Restarted letters", 1),
        ]
    )
    document = parse_docx(word_package(body, numbering=numbering))
    assert labels(document) == ["Article 1.", "(a)", "i)", "ii)", "(b)", "Article 2.", "(a)"]
    assert document.blocks[1].kind is BlockKind.LIST_ITEM
    assert [block.level for block in document.blocks[:3]] == [0, 1, 2]
    assert document.text.splitlines()[0] == "Article 1. Purpose"


def test_instances_share_counters_unless_they_restart() -> None:
    numbering = abstract(0, ("decimal", "%1.", 1)) + num(1, 0) + num(2, 0) + num(3, 0, 5)
    items = ((1, "a"), (1, "b"), (2, "c"), (3, "d"), (3, "e"))
    body = "".join(numbered(n, text) for n, text in items)
    document = parse_docx(word_package(body, numbering=numbering))
    assert labels(document) == ["1.", "2.", "3.", "5.", "6."]


@pytest.mark.parametrize(
    ("fmt", "text", "start", "expected"),
    [
        ("upperRoman", "%1.", 4, "IV."),
        ("upperLetter", "%1)", 27, "AA)"),
        ("decimalZero", "%1", 7, "07"),
        ("ordinal", "%1", 2, "2nd"),
    ],
)
def test_number_formats(fmt: str, text: str, start: int, expected: str) -> None:
    numbering = abstract(0, (fmt, text, start)) + num(1, 0)
    document = parse_docx(word_package(numbered(1, "Item"), numbering=numbering))
    assert labels(document) == [expected]


def test_a_word_bullet_is_read_as_the_markdown_and_html_readers_read_theirs() -> None:
    # Word draws the bullet (here Word's own, a Symbol font's private character, and a
    # nested level's "o"): a list item without a label, as "- Item" in Markdown and an
    # <li> of a <ul> are; a bullet character typed in the text stays the text's label
    numbering = abstract(0, ("bullet", "\uf0b7", 1), ("bullet", "o", 1)) + num(1, 0)
    body = numbered(1, "Item") + numbered(1, "Nested item", 1) + numbered(1, "• Typed")
    document = parse_docx(word_package(body, numbering=numbering))
    markdown = parse_bytes(b"- Item\n  - Nested item\n", "markdown")
    html = parse_bytes(b"<ul><li>Item<ul><li>Nested item</li></ul></li></ul>", "html")
    for read in (markdown, html):
        assert document.text.splitlines()[:2] == read.text.splitlines()
        assert [b.kind for b in read.blocks] == [BlockKind.LIST_ITEM] * 2
    assert document.text.splitlines() == ["Item", "Nested item", "• Typed"]
    assert [b.kind for b in document.blocks] == [BlockKind.LIST_ITEM] * 3
    assert [b.level for b in document.blocks] == [0, 1, 0]
    assert labels(document) == ["", "", "•"]


def test_numbering_given_by_a_paragraph_style() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="SubClause"><w:name w:val="Sub clause"/>'
        '<w:basedOn w:val="Clause"/></w:style>'
    )
    numbering = abstract(0, ("decimal", "§ %1", 1)) + num(1, 0)
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        for style, text in (("Clause", "One"), ("SubClause", "Two"))
    )
    document = parse_docx(word_package(body, numbering=numbering, styles=styles))
    assert document.text == "§ 1 One\n§ 2 Two\n"


def test_headings_paragraphs_and_tables_from_a_word_file() -> None:
    word = new_document()
    word.core_properties.title = "Terms of use"
    word.add_heading("Terms", level=1)
    word.add_heading("Your data", level=2)
    word.add_paragraph("We keep what you give us.")
    table = word.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Data", "Kept for"), ("Email", "Two years")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    document = parse_bytes(buffer.getvalue(), name="terms.docx")
    assert document.title == "Terms of use"
    assert document.text == (
        "Terms\nYour data\nWe keep what you give us.\nData | Kept for\nEmail | Two years\n"
    )
    assert [(b.kind.value, b.level) for b in document.blocks] == [
        ("heading", 1), ("heading", 2), ("paragraph", 0), ("table-row", 0), ("table-row", 0)
    ]


def test_footnotes_follow_the_body_numbered_by_reference_order() -> None:
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
        " See A/68/98.</w:t></w:r></w:p></w:footnote>"
        '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Resolution 64/211.</w:t>'
        "</w:r></w:p></w:footnote>"
    )
    body = (
        '<w:p><w:r><w:t>The report</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r>'
        '<w:r><w:t xml:space="preserve"> and the resolution</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
    )
    document = parse_docx(word_package(body, footnotes=footnotes))
    assert document.text == "The report and the resolution.\n1 See A/68/98.\n2 Resolution 64/211.\n"
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH] + [BlockKind.FOOTNOTE] * 2
    assert labels(document) == ["", "1", "2"]


TRACKED = (
    '<w:p><w:r><w:t xml:space="preserve">States </w:t></w:r>'
    '<w:del w:id="1" w:author="A"><w:r><w:delText>may</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="A"><w:r><w:t>shall</w:t></w:r></w:ins>'
    '<w:r><w:t xml:space="preserve"> cooperate.</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>'
    '<w:del w:id="4" w:author="A"><w:r><w:delText>A deleted paragraph.</w:delText></w:r></w:del>'
    "</w:p>"
    '<w:p><w:pPr><w:rPr><w:ins w:id="5" w:author="A"/></w:rPr></w:pPr>'
    '<w:ins w:id="6" w:author="A"><w:r><w:t>An inserted paragraph.</w:t></w:r></w:ins></w:p>'
    + para("The end.")
)


def test_tracked_changes_read_as_the_current_text() -> None:
    document = parse_docx(word_package(TRACKED))
    assert document.text == "States shall cooperate.\nAn inserted paragraph.\nThe end.\n"


def test_tracked_changes_read_as_the_original_text() -> None:
    document = parse_docx(word_package(TRACKED), tracked="original")
    assert document.text == "States may cooperate.\nA deleted paragraph.\nThe end.\n"


def test_the_command_line_reads_the_original_on_request(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(word_package(TRACKED))
    before = tmp_path / "before.txt"
    before.write_text("States may cooperate.\nA deleted paragraph.\nThe end.\n", encoding="utf-8")
    compare = ["compare", str(before), str(draft), "--stat"]
    assert run_safely(main, [*compare, "--tracked-changes", "original"]) == 0  # equal
    assert run_safely(main, compare) == 1  # the current text differs


def test_links_hidden_text_and_field_codes() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t xml:space="preserve">our policy </w:t></w:r>'
        "</w:hyperlink>"
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2015</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    document = parse_docx(word_package(body, links={"rId9": "https://x.test/p?utm_source=mail"}))
    assert document.text == "Read our policy 2015\n"
    assert [(link.span.of(document.text), link.target) for link in document.links] == [
        ("our policy", "https://x.test/p?utm_source=mail")
    ]


_DIAGRAM_DATA = (
    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
    '<dgm:pt modelId="0" type="doc"><dgm:t><a:p><a:r><a:t>Diagram</a:t></a:r></a:p></dgm:t>'
    "</dgm:pt>"
    '<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Collect only </a:t></a:r>'
    "<a:r><a:t>what is needed</a:t></a:r></a:p></dgm:t></dgm:pt>"
    '<dgm:pt modelId="2" type="parTrans"><dgm:t><a:p><a:r><a:t>link</a:t></a:r></a:p></dgm:t>'
    "</dgm:pt>"
    '<dgm:pt modelId="3"><dgm:t><a:p><a:r><a:t>Delete it after a year</a:t></a:r></a:p></dgm:t>'
    "</dgm:pt></dgm:ptLst></dgm:dataModel>"
)
_DIAGRAM = (
    '<w:p><w:r><w:t>Our principles:</w:t></w:r><w:r><w:drawing><dgm:relIds '
    'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rIdDm"/>'
    "</w:drawing></w:r></w:p><w:p><w:r><w:t>The end.</w:t></w:r></w:p>"
)
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_a_smartart_diagram_is_read_after_its_paragraph() -> None:
    data = word_package(_DIAGRAM, embedded={"rIdDm": (
        "diagrams/data1.xml",
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        f"{_OFFICE}/diagramData", _DIAGRAM_DATA,
    )})
    assert parse_docx(data).text == (
        "Our principles:\nCollect only what is needed\nDelete it after a year\nThe end.\n"
    )


@pytest.mark.parametrize(
    ("file", "content_type", "content"),
    [
        ("chunk.htm", "text/html",
         "<html><body><h2>Imported terms</h2><p>Read by the HTML reader.</p></body></html>"),
        ("chunk.mht", "message/rfc822",
         'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
         "Content-Type: text/html; charset=utf-8\n\n<html><body><h2>Imported terms</h2>"
         "<p>Read by the HTML reader.</p></body></html>\n--b--\n"),
    ],
    ids=["html", "web archive"],
)
def test_an_imported_chunk_is_read_where_it_stands(
    file: str, content_type: str, content: str
) -> None:
    body = (
        "<w:p><w:r><w:t>Before.</w:t></w:r></w:p><w:altChunk r:id=\"rIdChunk\"/>"
        "<w:p><w:r><w:t>After.</w:t></w:r></w:p>"
    )
    data = word_package(
        body, embedded={"rIdChunk": (file, content_type, f"{_OFFICE}/aFChunk", content)}
    )
    document = parse_docx(data)
    assert document.text == "Before.\nImported terms\nRead by the HTML reader.\nAfter.\n"
    assert document.blocks[1].kind is BlockKind.HEADING
