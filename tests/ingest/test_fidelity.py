"""PDF and Word renderings of the example read back as the plain texts they render,
and comparing across formats shows only the real changes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from round_trip import MAX_CHANGED_SHARE, changed_share

from variorum.compare import compare
from variorum.comparison import Comparison, OpKind
from variorum.document import BlockKind, Document
from variorum.ingest import load, parse_text


def changes(comparison: Comparison) -> list[tuple[str, str, str]]:
    """Every change of a comparison as (kind, old text, new text)."""
    old, new = comparison.old.text, comparison.new.text
    return [
        (op.kind.value, op.old.of(old), op.new.of(new))
        for row in comparison.rows
        for op in row.ops
        if op.kind is not OpKind.EQUAL
    ]


@pytest.mark.parametrize("name", ["2011.pdf", "2015.pdf", "2011.docx", "2015.docx"])
def test_renderings_read_back_as_the_plain_text(
    name: str, plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    expected = parse_text(plain[name[:4]])
    found = load(renderings[name])
    assert found.format == name.split(".")[1]
    assert changed_share(expected, found) <= MAX_CHANGED_SHARE
    assert found.text == expected.text


@pytest.mark.parametrize("name", ["2011.pdf", "2015.docx"])
def test_renderings_keep_the_numbering_labels(
    name: str, plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    expected = parse_text(plain[name[:4]])
    found = load(renderings[name])
    assert [found.label_text(b) for b in found.blocks] == [
        expected.label_text(b) for b in expected.blocks
    ]


def test_pdf_of_one_version_against_word_of_the_next_shows_the_real_changes(
    plain: dict[str, str], renderings: dict[str, Path]
) -> None:
    reference = compare(parse_text(plain["2011"]), parse_text(plain["2015"]))
    across = compare(load(renderings["2011.pdf"]), load(renderings["2015.docx"]))
    assert changes(across) == changes(reference)
    assert [row.kind for row in across.rows] == [row.kind for row in reference.rows]


TITLE = (
    "Developments in the field of information and telecommunications "
    "in the context of international security"
)
CLAUSES = [
    "Each State voluntarily subscribing to the code pledges:",
    "(a) To comply with the Charter of the United Nations and universally recognized norms "
    "governing international relations that enshrine, inter alia, respect for the "
    "sovereignty, territorial integrity and political independence of all States;",
    "(b) Not to use information and communications technologies, including networks, to "
    "carry out hostile activities or acts of aggression, pose threats to international "
    "peace and security or proliferate information weapons or related technologies.",
]


def _pdf_of_the_clauses() -> bytes:
    """The title in 16 points, wrapped onto two lines, then the clauses in 11."""
    import io

    from renderings import FONT, LEFT, RIGHT, TOP, wrap
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    y = TOP
    for text, size, leading in [(TITLE, 16.0, 19.0)] + [(c, 11.0, 13.5) for c in CLAUSES]:
        canvas.setFont(FONT, size)
        for line in wrap(text, RIGHT - LEFT, size):
            canvas.drawString(LEFT, y, line)
            y -= leading
        y -= 8.0
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _docx_of_the_clauses() -> bytes:
    import io

    from docx import Document as new_document

    word = new_document()
    word.add_heading(TITLE, level=1)
    for clause in CLAUSES:
        word.add_paragraph(clause)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_one_text_as_pdf_word_html_and_markdown_compares_as_equal(tmp_path: Path) -> None:
    """Same words, four formats, a heading that wraps in the PDF: no change anywhere."""
    files = {
        "clauses.md": f"# {TITLE}\n\n" + "\n\n".join(CLAUSES) + "\n",
        "clauses.html": f"<html><body><main><h1>{TITLE}</h1>"
        + "".join(f"<p>{clause}</p>" for clause in CLAUSES)
        + "</main></body></html>",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "clauses.pdf").write_bytes(_pdf_of_the_clauses())
    (tmp_path / "clauses.docx").write_bytes(_docx_of_the_clauses())
    markdown = load(tmp_path / "clauses.md")
    for name in ("clauses.html", "clauses.pdf", "clauses.docx"):
        other = load(tmp_path / name)
        assert changes(compare(markdown, other)) == [], name
        assert len(other.blocks) == len(markdown.blocks), name
        assert other.blocks[0].kind is BlockKind.HEADING, name


def _policy_with_a_table(rows: int) -> tuple[str, str]:
    """One short policy as Markdown and as the HTML page a browser prints: a link that
    wraps, a link to a place the document names and one to a place it lacks (which
    leads nowhere: plain text in every format), a bulleted list, a table with an empty
    header cell, a cell of two paragraphs and links, and enough rows to run over pages
    (the header row repeated)."""
    help_link = "the help pages, which answer most questions about the data we keep"
    markdown = [
        "# Your rights",
        "",
        f"Read [{help_link}](https://example.org/help) before you write to us. "
        "See [your rights](#your-rights) or [the old form](#form).",
        "",
        "- a copy of your data",
        "- a correction, by [contacting us](https://example.org/contact)",
        "",
        "| Right | | How? |",
        "| --- | --- | --- |",
        "| **Access** | Ask for a copy. | Use the download tool.<br><br>Or "
        "[write to us](https://example.org/write). |",
    ]
    html = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Rights</title>"
        "<style>body { font: 12pt serif; width: 30em }</style></head><body>",
        "<h1 id='your-rights'>Your rights</h1>",
        f"<p>Read <a href='https://example.org/help'>{help_link}</a> before you write to us. "
        "See <a href='#your-rights'>your rights</a> or <a href='#form'>the old form</a>.</p>",
        "<ul><li>a copy of your data</li>",
        "<li>a correction, by <a href='https://example.org/contact'>contacting us</a></li></ul>",
        "<table><thead><tr><th>Right</th><th></th><th>How?</th></tr></thead><tbody>",
        "<tr><td><strong>Access</strong></td><td>Ask for a copy.</td><td>Use the download "
        "tool.<br><br>Or <a href='https://example.org/write'>write to us</a>.</td></tr>",
    ]
    for number in range(1, rows + 1):
        words = f"Request number {number} is answered within {number + 9} days of its receipt."
        markdown.append(f"| Request {number} | {words} | By post. |")
        html.append(f"<tr><td>Request {number}</td><td>{words}</td><td>By post.</td></tr>")
    html.append("</tbody></table></body></html>")
    return "\n".join(markdown) + "\n", "".join(html)


def _printed_as_its_markdown(tmp_path: Path, markdown: str, page: str) -> tuple[Document, Document]:
    """The Markdown and Chromium's print of its page, read; their comparison shows no
    change and no link changed."""
    from variorum.render.pdf import print_pdf

    (tmp_path / "page.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "page.pdf").write_bytes(print_pdf([page]))
    source, printed = load(tmp_path / "page.md"), load(tmp_path / "page.pdf")
    comparison = compare(source, printed)
    assert changes(comparison) == []
    assert comparison.link_changes == ()
    return source, printed


def test_a_tagged_pdf_with_tables_lists_and_links_compares_as_equal_to_its_markdown(
    tmp_path: Path,
) -> None:
    """Chromium's print of the page: rows read as rows (not cell by cell), the header
    row once though printed on every page, list items apart, links on their words
    (a link to a place in the document by the name Chromium gives that place)."""
    import pypdfium2 as pdfium

    source, printed = _printed_as_its_markdown(tmp_path, *_policy_with_a_table(rows=60))
    kinds = [block.kind for block in printed.blocks]
    assert kinds == [block.kind for block in source.blocks]
    assert kinds.count(BlockKind.TABLE_ROW) == 62
    rows = [b.span.of(printed.text) for b in printed.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows[:2] == [
        "Right | | How?",
        "Access | Ask for a copy. | Use the download tool. Or write to us.",
    ]
    assert printed.text.count("How?") == 1  # on every page of the PDF, read once
    assert len(pdfium.PdfDocument(tmp_path / "page.pdf")) >= 2
    assert [(link.span.of(printed.text), link.target) for link in printed.links][:3] == [
        (
            "the help pages, which answer most questions about the data we keep",
            "https://example.org/help",
        ),
        ("your rights", "#your-rights"),  # a place in the document, named by Chromium
        ("contacting us", "https://example.org/contact"),
    ]


def _docx_of_the_policy(rows: int) -> bytes:
    """``_policy_with_a_table`` as a Word file: bullets from the List Bullet style, the
    table's cells as Word cells (one of two paragraphs), links as Word hyperlinks."""
    import io

    from docx import Document as new_document

    word = new_document()
    _bookmarked(word.add_heading("Your rights", level=1), "your-rights")
    lead = word.add_paragraph("Read ")
    help_link = "the help pages, which answer most questions about the data we keep"
    _hyperlink(lead, help_link, "https://example.org/help")
    lead.add_run(" before you write to us. See ")
    _hyperlink(lead, "your rights", "#your-rights")
    lead.add_run(" or ")
    _hyperlink(lead, "the old form", "#form")
    lead.add_run(".")
    word.add_paragraph("a copy of your data", style="List Bullet")
    item = word.add_paragraph("a correction, by ", style="List Bullet")
    _hyperlink(item, "contacting us", "https://example.org/contact")
    table = word.add_table(rows=0, cols=3)
    for cells in [("Right", "", "How?"), ("Access", "Ask for a copy.", "")]:
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    how = table.rows[1].cells[2]
    how.paragraphs[0].add_run("Use the download tool.")
    again = how.add_paragraph("Or ")
    _hyperlink(again, "write to us", "https://example.org/write")
    again.add_run(".")
    for number in range(1, rows + 1):
        words = f"Request number {number} is answered within {number + 9} days of its receipt."
        cells = (f"Request {number}", words, "By post.")
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _bookmarked(paragraph: Any, name: str) -> None:
    """The paragraph made the bookmark ``name`` (a place a Word hyperlink may name)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), "0")
    paragraph._p.insert(1, start)
    paragraph._p.append(end)


def _hyperlink(paragraph: Any, text: str, url: str) -> None:
    """A Word hyperlink to ``url`` (``#name``: a bookmark) at the end of ``paragraph``
    (python-docx has no call for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    if url.startswith("#"):
        link.set(qn("w:anchor"), url[1:])
    else:
        link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, True))
    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


@pytest.mark.parametrize("name", ["policy.html", "policy.docx"])
def test_the_policy_with_a_table_as_html_and_word_compares_as_equal_to_its_markdown(
    name: str, tmp_path: Path
) -> None:
    markdown, html = _policy_with_a_table(rows=60)
    (tmp_path / "policy.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "policy.html").write_text(html, encoding="utf-8")
    (tmp_path / "policy.docx").write_bytes(_docx_of_the_policy(rows=60))
    source, other = load(tmp_path / "policy.md"), load(tmp_path / name)
    comparison = compare(source, other)
    assert changes(comparison) == []  # Word's bullets are drawn, not text, as <ul>'s are
    assert comparison.link_changes == ()
    for document in (source, other):  # the link to a place the document lacks: text
        assert [link.target for link in document.links if link.target.startswith("#")] == [
            "#your-rights"
        ]
    kinds = [block.kind for block in other.blocks]
    assert kinds == [block.kind for block in source.blocks]


def test_a_table_row_broken_across_pages_is_read_whole_and_its_header_once() -> None:
    """A cell running over three pages, under a header row Chromium prints on each:
    the structure tree lists the cell's marked content of every page, and the ids
    restart on each page, so each page's ids are taken as that page's (a row's text
    past its first page was read as the repeated header's, and dropped)."""
    from variorum.ingest.pdf import parse_pdf
    from variorum.render.pdf import print_pdf

    sentences = " ".join(f"Sentence {n} says what is kept and for how long." for n in range(300))
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Rows</title>"
        "<style>body { font: 12pt serif }</style></head><body><h1>Rows</h1><table>"
        "<thead><tr><th>Right</th><th>How?</th></tr></thead><tbody>"
        f"<tr><td>Short</td><td>One line.</td></tr><tr><td>Long</td><td>{sentences}</td></tr>"
        "<tr><td>After</td><td>The last row.</td></tr></tbody></table></body></html>"
    )
    document = parse_pdf(print_pdf([page]))
    assert document.text == (
        f"Rows\nRight | How?\nShort | One line.\nLong | {sentences}\nAfter | The last row.\n"
    )


def _tables_without_header(rows: int) -> tuple[str, str]:
    """Markdown tables with an empty header row, as archived pages have them, and the
    page pandoc writes of them: no header row, a ``<colgroup>`` for the wide one (which
    Chromium then takes for data), none for the short one (which it takes for layout);
    empty cells inside and at the end of rows, a column empty in every row, bold words
    and a link in cells."""
    cells = [
        ("", "**Access**", "Ask for a copy.", "[Download it](https://example.org/d)."),
        ("", "Deletion", "", "Write to us."),
        ("", "Objection", "Tell us why.", ""),
    ]
    wide = [
        (f"Purpose {n}", "" if n % 3 else "Ask us.", f"We keep its data {n + 2} years at most.")
        for n in range(1, rows + 1)
    ]
    markdown, html = ["# Choices", ""], ["<h1 id='choices'>Choices</h1>"]
    for table, colgroup in ((cells, ""), (wide, "<col style='width: 20%'>" * 3)):
        markdown += ["|     " * len(table[0]) + "|", "| --- " * len(table[0]) + "|"]
        markdown += ["| " + " | ".join(row) + " |" for row in table] + [""]
        html.append(f"<table><colgroup>{colgroup}</colgroup><tbody>" if colgroup else "<table>")
        for row in table:
            html.append("".join(f"<td>{_pandoc_cell(cell)}</td>" for cell in row).join(TR))
        html.append("</tbody></table>" if colgroup else "</table>")
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Choices</title>"
        "<style>body { font: 12pt serif }</style></head><body>" + "".join(html) + "</body></html>"
    )
    return "\n".join(markdown), page


TR = ("<tr>", "</tr>")


def _pandoc_cell(cell: str) -> str:
    """A cell's Markdown (bold words, a link) as pandoc writes it in HTML."""
    cell = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", cell)
    return re.sub(r"\[(.+?)\]\((.+?)\)", r"<a href='\2'>\1</a>", cell)


def test_tables_without_a_header_row_printed_by_chromium_read_as_their_markdown(
    tmp_path: Path,
) -> None:
    """A table Chromium takes for layout is tagged without Table, TR and TD, and an
    empty cell is not tagged at all: the rows are still read as rows, their empty cells
    in their places (a short table was read as paragraphs, the row "Deletion | Write
    to us"). A column empty in every row, of which the PDF keeps no trace, is read by
    no reader."""
    source, printed = _printed_as_its_markdown(tmp_path, *_tables_without_header(rows=30))
    rows = [b.span.of(printed.text) for b in printed.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows[:4] == [
        "Access | Ask for a copy. | Download it.",
        "Deletion | | Write to us.",
        "Objection | Tell us why. |",
        "Purpose 1 | | We keep its data 3 years at most.",
    ]
    assert rows[5] == "Purpose 3 | Ask us. | We keep its data 5 years at most."
    assert len(rows) == 33
    assert [block.kind for block in printed.blocks] == [block.kind for block in source.blocks]


def test_a_code_span_in_a_printed_list_item_stays_in_its_item(tmp_path: Path) -> None:
    """Chromium tags a code span Code, which the PDF standard makes a block only where
    it stands alone: inside a list item it is part of the item (it started one)."""
    items = ["`25/Mar/2003 10:15:32` is the date of the query.", "`123.45.67.89` is the address."]
    markdown = "# Logs\n\n" + "".join(f"- {item}\n" for item in items)
    page = "<h1>Logs</h1><ul>" + "".join(
        "<li>" + re.sub(r"`(.+?)`", r"<code>\1</code>", item) + "</li>" for item in items
    )
    _, printed = _printed_as_its_markdown(tmp_path, markdown, page + "</ul>")
    assert [block.kind for block in printed.blocks] == [BlockKind.HEADING] + [
        BlockKind.LIST_ITEM
    ] * 2


def test_a_narrow_printed_cell_keeps_its_words_whole(tmp_path: Path) -> None:
    """In a narrow column Chromium draws a word's last glyphs that reach the cell's edge
    apart ("gender" then ","; "advertiser" then "’s"), and PDFium reads them as a line
    of their own: they go on their word, not after a space."""
    text = (
        "Your profile may also include other information, such as a bio, gender, birthday, "
        "location, language, moderator, contributor. However, it shows the advertiser’s site."
    )
    markdown = "|     |     |     |\n| --- | --- | --- |\n" + "".join(
        f"| Item {n} |  | {text} |\n" for n in range(3)
    )
    rows = "".join(f"<tr><td>Item {n}</td><td></td><td>{text}</td></tr>" for n in range(3))
    columns = "<col style='width: 20%'>" * 3
    page = f"<table><colgroup>{columns}</colgroup>{rows}</table>"
    _, printed = _printed_as_its_markdown(tmp_path, markdown, page)
    assert f"Item 0 | {text}\n" in printed.text
