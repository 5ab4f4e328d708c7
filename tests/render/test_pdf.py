"""The redline as a PDF, printed by a real Chromium and read back with PDFium, as a
reader of the printout would check it."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

import variorum
from commands import run_cli as cli
from variorum.render import write
from variorum.render.pdf import print_page


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, as PDFium extracts it."""
    document = pdfium.PdfDocument(pdf)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf") / "redline.pdf"
    result = cli("compare", "--example", "icoc", "-o", str(out), "--author", "A. Analyst")
    assert result.returncode == 1, result.stderr  # 1: the versions differ
    assert out.read_bytes().startswith(b"%PDF-")
    return pages_of(out.read_bytes())


def test_every_page_has_the_running_header_and_its_number(example_pdf: list[str]) -> None:
    assert len(example_pdf) >= 3
    for number, text in enumerate(example_pdf, start=1):
        assert "International code of conduct for information security" in text
        assert "Old: 2011 · New: 2015" in text
        assert f"Page {number} of {len(example_pdf)}" in text


def test_the_first_page_summarises_the_changes(example_pdf: list[str]) -> None:
    first = example_pdf[0]
    assert "Redline by A. Analyst" in first
    assert "Summary of changes" in first
    stats = variorum.compare(*variorum.examples.example_pair("icoc")).stats
    assert f"{stats.words_inserted} words inserted, {stats.words_deleted} deleted" in first
    assert "UN General Assembly document A/66/359" in first


def test_the_redline_shows_both_versions_words_with_row_names(example_pdf: list[str]) -> None:
    text = " ".join(example_pdf)
    # provision (d) -> (5): the deleted and the inserted wording both print
    assert "14 September, 2011" in text and "13 January, 2015" in text
    assert "Agenda item 91" in text
    assert "c-1" in text  # the margin names the changed row as the permalinks do


def test_a_title_cannot_break_out_of_the_print_stylesheet() -> None:
    hostile = 'Terms"; } </style><script>alert(1)</script>'
    comparison = variorum.compare("One two.", "One three.")
    page = print_page(comparison, title=hostile)
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "</" not in style and "<script" not in page.split("</style>", 1)[0]
    assert "Terms" in " ".join(pages_of(write(comparison, "pdf", title=hostile)))


def test_without_chromium_the_pdf_is_one_clear_error_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "redline.pdf"
    result = cli(
        "compare", "--example", "icoc", "-o", str(out), env={"VARIORUM_CHROMIUM": "/no/chromium"}
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "variorum: error: VARIORUM_CHROMIUM names /no/chromium, which is not a program here"
    ]
    assert not out.exists()


def test_the_published_analysis_prints_with_its_notes_and_page_numbers(tmp_path: Path) -> None:
    out = tmp_path / "analysis.pdf"
    result = cli("publish", "--example", "icoc", "--pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    pages = pages_of(out.read_bytes())
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))
    text = " ".join(pages)
    assert "What changed from 2011 to 2015" in text
    # a note of the example, printed after the redline with its passage's two wordings
    assert "Human Rights Council resolution 20/8" in text
    assert text.index("Human Rights Council resolution 20/8") > text.index("Agenda item 91")
    # the 13 notes as endnotes numbered 1 to 13, each opening with its passage quoted
    numbers = re.findall(r"(?<![0-9/])([0-9]{1,2}) “", text)
    assert [int(number) for number in numbers] == list(range(1, 14))
    refused = cli("publish", "--example", "icoc", "--pdf", "--single-file", "-o", str(out))
    assert refused.returncode == 2 and "give one of --single-file, --docx" in refused.stderr


def test_the_pdf_is_tagged_for_screen_readers() -> None:
    pdf = pdfium.PdfDocument(write(variorum.compare("One two.", "One three."), "pdf"))
    assert pdfium_c.FPDFCatalog_IsTagged(pdf.raw)


def test_inserted_words_print_underlined_and_deleted_words_struck_in_black_and_white() -> None:
    # the page rendered in grey, as a black-and-white printer would: a dark line runs
    # under the inserted word (below its baseline) and through the deleted one
    data = write(variorum.compare("Fees are paid in cash.\n", "Fees are paid by card.\n"), "pdf")
    (page,) = [page for page in pdfium.PdfDocument(data) if "card" in page_text(page)]
    assert all(height < 0 for height in dark_lines(page, "card"))
    assert dark_lines(page, "card")
    assert dark_lines(page, "cash") and all(0.2 < h < 0.7 for h in dark_lines(page, "cash"))


SCALE = 4
"""Pixels per PDF point of the grey rendering."""


def page_text(page: pdfium.PdfPage) -> str:
    return str(page.get_textpage().get_text_range())


def dark_lines(page: pdfium.PdfPage, word: str) -> list[float]:
    """The heights, as fractions of the word's glyph height above its baseline, of the
    rows of pixels dark (under half grey) across 80% of ``word``'s first occurrence,
    from its top to half its height below its baseline."""
    text = page.get_textpage()
    hit = text.search(word).get_next()
    assert hit, word
    boxes = [text.get_charbox(index) for index in range(hit[0], hit[0] + hit[1])]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    bitmap = page.render(scale=SCALE, grayscale=True)
    grey = bytes(bitmap.buffer)
    stride, channels, height = bitmap.stride, bitmap.n_channels, page.get_height()
    columns = range(int(left * SCALE), int(right * SCALE))
    lines = []
    for row in range(int((height - top) * SCALE), int((height - 1.5 * bottom + 0.5 * top) * SCALE)):
        at = row * stride
        dark = sum(1 for x in columns if grey[at + x * channels] < 128)  # grey: B = G = R
        if dark > 0.8 * len(columns):
            lines.append((height - row / SCALE - bottom) / (top - bottom))
    return lines


def test_the_printed_summary_counts_blocks_not_rows() -> None:
    paragraphs = [f"Paragraph {name} holds several words of its own here." for name in "ABCDE"]
    edited = [
        *paragraphs[:2],
        "Paragraph C holds several new words of its own here.",
        *paragraphs[3:],
    ]
    page = print_page(variorum.compare("\n\n".join(paragraphs), "\n\n".join(edited)))
    assert "1 of 5 blocks changed." in page
