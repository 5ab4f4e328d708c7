"""The redline of two versions downloaded from the app as a Word file whose changes are
Word's own tracked changes, or as a PDF, by the member who asked for it; the project's
analysis as a Word file and a PDF from the project page."""

from __future__ import annotations

import io
import subprocess
import zipfile
from typing import Any

import pytest
from clients import as_user

from variorum.ingest.docx import parse_docx
from variorum.web.models import ProjectRecord

pytestmark = pytest.mark.django_db


def test_the_redline_page_offers_the_word_file_and_it_accepts_to_the_new_version(
    project: ProjectRecord, users: Any
) -> None:
    viewer = as_user(users["viewer"])
    page = viewer.get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    address = f"/p/{project.slug}/compare/2011/2015/redline.docx"
    assert f'href="{address}" download>Download as Word (tracked changes)</a>' in page
    answer = viewer.get(address)
    assert answer.status_code == 200
    assert answer["Content-Type"].endswith("wordprocessingml.document")
    assert answer["Content-Disposition"].endswith(f"{project.slug}-2011-2015.docx")
    data = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert b'w:author="viewer"' in _document_xml(data)  # the member who asked
    new = viewer.get(f"/api/projects/{project.slug}/versions/2015/text").content.decode()
    accepted = parse_docx(data)
    assert " ".join(accepted.text.split()) == " ".join(new.split())  # "Accept all"


def test_someone_outside_the_project_gets_no_word_file(project: ProjectRecord, users: Any) -> None:
    stranger = as_user(users["stranger"])
    address = f"/p/{project.slug}/compare/2011/2015/redline.docx"
    assert stranger.get(address).status_code in (403, 404)
    assert as_user(users["viewer"]).get(address.replace("2011", "1999")).status_code == 404


def test_the_redline_page_offers_the_pdf_made_by_the_member(
    project: ProjectRecord, users: Any
) -> None:
    viewer = as_user(users["viewer"])
    page = viewer.get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    address = f"/p/{project.slug}/compare/2011/2015/redline.pdf"
    assert f'href="{address}" download>Download as PDF</a>' in page
    answer = viewer.get(address)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].endswith(f"{project.slug}-2011-2015.pdf")
    pages = _pdf_text(answer.content)
    assert "Old: 2011 · New: 2015" in pages  # the running header
    assert "viewer" in pages  # made by the member who asked


def test_the_project_page_offers_the_analysis_as_word_and_pdf(
    project: ProjectRecord, users: Any
) -> None:
    editor = as_user(users["editor"])
    page = editor.get(f"/p/{project.slug}/").content.decode()
    for name in ("analysis.docx", "analysis.pdf"):
        assert f'href="/p/{project.slug}/publish/{name}" download>' in page
    word = editor.get(f"/p/{project.slug}/publish/analysis.docx")
    assert word.status_code == 200
    assert word["Content-Disposition"].endswith(f'{project.slug}.docx"')
    new = editor.get(f"/api/projects/{project.slug}/versions/2015/text").content.decode()
    assert " ".join(parse_docx(word.content).text.split()) == " ".join(new.split())
    pdf = editor.get(f"/p/{project.slug}/publish/analysis.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "2011" in _pdf_text(pdf.content) and "2015" in _pdf_text(pdf.content)


def _pdf_text(data: bytes) -> str:
    """The words of a PDF's pages, as poppler's pdftotext reads them."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")
