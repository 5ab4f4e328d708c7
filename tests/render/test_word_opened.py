"""The Word files Variorum writes, opened as a person would: LibreOffice (headless)
prints each to PDF, poppler reads the pages back (``pdftotext`` for their words,
``pdftoppm`` for their colours), python-docx opens them, and the Open XML SDK's schema
and semantic rules (the ``openxml-audit`` package, offline) find nothing to repair.

The files are made and printed once for the module, in one LibreOffice run: the
example's redline, its published analysis (notes as comments), a pair with a table
and lists, a list whose items moved, split, merged and were renumbered, and a plain
text's multi-level numbers (``1.3.1``) and bullets beside Markdown's bullet list (with
a link whose target changed). ``make
env`` installs LibreOffice Writer and poppler-utils.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from openxml_audit import OpenXmlValidator

import variorum
from commands import run_cli as run
from variorum.examples import example_pair
from variorum.ingest.docx_numbering import W, format_number
from variorum.ingest.markdown import parse_markdown
from variorum.ingest.text import parse_text
from variorum.render.word import word_redline

FIXTURES = Path(__file__).parent / "fixtures"
LEVELS_OLD = (
    "Rules\n\n1. Scope\n\n1.1 The clerk keeps the register.\n\n1.2 The seal is kept.\n\n"
    "1.2.1 In the drawer.\n\n2. Fees\n\n2.1 Fees are paid in cash.\n\n• Typed bullet\n\n"
    "- Typed dash\n"
)
LEVELS_NEW = (
    "Rules\n\n1. Scope\n\n1.1 The clerk keeps the register.\n\n1.2 Complaints are answered."
    "\n\n1.3 The seal is kept.\n\n1.3.1 In the drawer.\n\n2. Fees\n\n2.1 Fees are paid by "
    "card.\n\n• Typed bullet\n\n• Typed dash\n"
)
"""A plain text's multi-level numbers and typed bullets, an item inserted among them."""
BULLETS_OLD = (
    "# Duties\n\n- The clerk [answers](https://example.org/a).\n- Fees are paid in cash.\n"
    "  - By stamps.\n    - Deep.\n\n![The fee form](/forms/fees-1.png)\n\n"
)
BULLETS_NEW = (
    BULLETS_OLD.replace("in cash", "by card").replace("/a)", "/b)").replace("-1.png", "-2.png")
    + "- New.\n"
)
"""A Markdown bullet list of three levels, an item edited and one inserted, a link's
target changed; after it, a picture replaced under the same alternative text."""
PRINT_SECONDS = 240
"""How long LibreOffice may take to print the three files (a few seconds here)."""


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is missing: `make env` installs Debian's libreoffice-writer"
    return found


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    """Each Word file by name: its bytes and the PDF LibreOffice printed from it."""
    folder = tmp_path_factory.mktemp("word-opened")
    old, new = example_pair("icoc")
    files = {
        "redline": word_redline(variorum.compare(old, new)),
        "table-and-lists": word_redline(
            variorum.compare(
                variorum.load(FIXTURES / "fees-table-list.old.md"),
                variorum.load(FIXTURES / "fees-table-list.new.md"),
            )
        ),
        "list-moves": word_redline(
            variorum.compare(
                variorum.load(FIXTURES / "list-moves.old.md"),
                variorum.load(FIXTURES / "list-moves.new.md"),
            )
        ),
        "levels": word_redline(variorum.compare(parse_text(LEVELS_OLD), parse_text(LEVELS_NEW))),
        "bullets": word_redline(
            variorum.compare(parse_markdown(BULLETS_OLD), parse_markdown(BULLETS_NEW))
        ),
    }
    analysis = folder / "analysis.docx"
    published = run("publish", "--example", "icoc", "--docx", "-o", str(analysis))
    assert published.returncode == 0, published.stderr
    files["analysis"] = analysis.read_bytes()
    for name, data in files.items():
        (folder / f"{name}.docx").write_bytes(data)
    done = subprocess.run(
        [
            _soffice(), "--headless", "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
            *(str(folder / f"{name}.docx") for name in files),
        ],
        capture_output=True, text=True, timeout=PRINT_SECONDS, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return {name: (data, folder / "pdf" / f"{name}.pdf") for name, data in files.items()}


NAMES = ("redline", "table-and-lists", "list-moves", "analysis", "levels", "bullets")


def shown_text(data: bytes) -> str:
    """The words Word shows in the body, inserted and deleted alike, in order, each list
    paragraph's number first."""
    document = docx.Document(io.BytesIO(data))
    numbering = document.part.numbering_part.element
    shown = []
    for paragraph in document.element.body.iter(qn("w:p")):
        shown.append(_number(paragraph, numbering))
        shown += [node.text or "" for node in paragraph.iter(qn("w:t"), qn("w:delText"))]
    return "".join(shown)


def _number(paragraph: Any, numbering: Any) -> str:
    """The label Word's numbering shows on ``paragraph``: a bullet's text, or its level's
    text with each counter at its start (its own level's as its instance overrides it;
    the writer's outer levels are never counted, so Word shows their start)."""
    if paragraph.pPr is None or paragraph.pPr.numPr is None:
        return ""
    instance = numbering.num_having_numId(paragraph.pPr.numPr.numId.val)
    own = paragraph.pPr.numPr.ilvl.val
    abstract_id = instance.find(f"{W}abstractNumId").get(f"{W}val")
    levels = {
        int(level.get(f"{W}ilvl")): level
        for level in numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl')
    }
    text = str(levels[own].find(f"{W}lvlText").get(f"{W}val"))
    if levels[own].find(f"{W}numFmt").get(f"{W}val") == "bullet":
        return text

    def counter(match: re.Match[str]) -> str:
        level = int(match[1]) - 1
        start = levels[level].find(f"{W}start").get(f"{W}val")
        if level == own:
            start = instance.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")
        return format_number(int(start), levels[level].find(f"{W}numFmt").get(f"{W}val"))

    return re.sub(r"%(\d)", counter, text)


def page_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def squeezed(text: str) -> str:
    """``text`` without white space and square brackets: line breaks and table columns
    fall where the layout puts them, and LibreOffice puts in brackets the number of some
    list items whose paragraph or numbering is a tracked change (deleted, moved away,
    renumbered), by rules of its own."""
    return re.sub(r"[\s\[\]]+", "", text)


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_prints_every_word_the_file_shows_in_order(
    printed: dict[str, tuple[bytes, Path]], name: str
) -> None:
    data, pdf = printed[name]
    assert pdf.is_file()
    pages = page_text(pdf)
    assert squeezed(pages) == squeezed(shown_text(data))


def test_the_printed_redline_shows_old_and_new_words_side_by_side(
    printed: dict[str, tuple[bytes, Path]],
) -> None:
    pages = " ".join(page_text(printed["redline"][1]).split())
    assert "14 September, 201113 January, 2015" in pages  # the old date struck, the new after
    assert "Sixty-sixthninth session" in pages
    table = page_text(printed["table-and-lists"][1])
    assert re.search(r"Copies\s+2\s+each", table)  # a row of three cells, one line
    assert re.search(r"Certification\s+20\s+each seal", table)


def test_multi_level_numbers_and_bullets_are_printed_by_word_numbering_nested(
    printed: dict[str, tuple[bytes, Path]],
) -> None:
    def lines(name: str) -> dict[str, int]:
        """Each printed line, its spaces squeezed, by how far it is indented."""
        layout = page_text(printed[name][1]).splitlines()
        return {" ".join(line.split()): len(line) - len(line.lstrip()) for line in layout}

    levels = lines("levels")
    assert levels["1.3 The seal is kept."] < levels["1.3.1 In the drawer."]  # its upper levels'
    assert levels["1. Scope"] < levels["1.1 The clerk keeps the register."]  # numbers shown
    assert "• Typed bullet" in levels  # the text's own bullet
    bullets = lines("bullets")
    clerk = "• The clerk answersanswers."  # the link's words struck, then under the new link
    assert bullets[clerk] < bullets["◦ By stamps."] < bullets["▪ Deep."]
    assert "• New." in bullets


def test_the_changes_are_printed_in_colour(printed: dict[str, tuple[bytes, Path]]) -> None:
    """pdftoppm renders the first page: LibreOffice colours tracked changes, so the page
    of a redline has coloured ink, where a page of plain text would have none."""
    done = subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", str(printed["redline"][1])],
        capture_output=True, check=True,
    )  # fmt: skip
    pixels = _ppm_pixels(done.stdout)
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 60)
    assert coloured > 50


def _ppm_pixels(ppm: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of a binary PPM (``P6``, 8 bits) as pdftoppm writes it."""
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header is not None
    raster = ppm[header.end() :]
    return [(raster[i], raster[i + 1], raster[i + 2]) for i in range(0, len(raster) - 2, 3)]


@pytest.mark.parametrize("name", NAMES)
def test_python_docx_opens_each_file(printed: dict[str, tuple[bytes, Path]], name: str) -> None:
    document = docx.Document(io.BytesIO(printed[name][0]))
    assert document.paragraphs
    # the analysis's notes; Variorum's own on the bullets' link whose target changed and
    # on the picture whose source changed
    assert len(document.comments) == {"analysis": 13, "bullets": 2}.get(name, 0)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_validates_against_the_wordprocessingml_schema(
    printed: dict[str, tuple[bytes, Path]], name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(printed[name][0])
    result = OpenXmlValidator(schema_validation=True, semantic_validation=True).validate(path)
    assert [error.description for error in result.errors] == []
