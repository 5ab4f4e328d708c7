"""The Word files Variorum writes, opened as a person would: LibreOffice (headless)
prints each to PDF, poppler reads the pages back (``pdftotext`` for their words,
``pdftoppm`` for their colours), python-docx opens them, and the Open XML SDK's schema
and semantic rules (the ``openxml-audit`` package, offline) find nothing to repair.

The files are made and printed once for the module, in one LibreOffice run: the
example's redline, its published analysis (notes as comments), a pair with a table
and lists, and a list whose items moved, split, merged and were renumbered. ``make
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
from variorum.render.word import word_redline

FIXTURES = Path(__file__).parent / "fixtures"
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


NAMES = ("redline", "table-and-lists", "list-moves", "analysis")


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
    """The label Word's numbering shows on ``paragraph``: its instance's start in its
    level's format and text (as the writer makes them, one level, its own start)."""
    if paragraph.pPr is None or paragraph.pPr.numPr is None:
        return ""
    instance = numbering.num_having_numId(paragraph.pPr.numPr.numId.val)
    start = int(instance.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val"))
    abstract_id = instance.find(f"{W}abstractNumId").get(f"{W}val")
    (level,) = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl')
    style = level.find(f"{W}numFmt").get(f"{W}val")
    text = level.find(f"{W}lvlText").get(f"{W}val")
    return str(re.sub(r"%\d", format_number(start, style), text))


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
    assert len(document.comments) == (13 if name == "analysis" else 0)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_validates_against_the_wordprocessingml_schema(
    printed: dict[str, tuple[bytes, Path]], name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(printed[name][0])
    result = OpenXmlValidator(schema_validation=True, semantic_validation=True).validate(path)
    assert [error.description for error in result.errors] == []
