"""The redline as a paginated PDF: a summary of the changes, then the redline, with the
title and the versions in a running header and page numbers in the footer.

The PDF engine is Chromium's printing (``--print-to-pdf``), which the project already
drives for its browser tests: it lays out the same HTML and CSS as the pages, with CSS
paged media (margin boxes, page counters), writes tagged PDF, and needs no second
layout engine. The page it prints is the HTML fragment of the redline in a print
template (``templates/print.html.j2``, ``static/print.css``) whose marks read in black
and white: underline for inserted text, strike-through for deleted, double for moved.
Chromium runs headless in a session of its own, within a time limit and, where the
caller gives one (the web app), a bound on the memory of all its processes
(``pdf_watch``), on a page that can run no script and fetch nothing (its
Content-Security-Policy allows only its own style).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium

from variorum import settings
from variorum.comparison import Comparison
from variorum.errors import UsageError
from variorum.render import register_file
from variorum.render.assets import asset, template
from variorum.render.csp import sha256
from variorum.render.html import change_counts, render_fragment
from variorum.render.pdf_watch import Bounds, OverBounds, run_watched

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Executables looked up on PATH when ``VARIORUM_CHROMIUM`` does not name one."""
PRINT_SECONDS = 300
"""How long Chromium may take to print one redline (a 100,000-word pair takes seconds)."""
PRINTING = Bounds(PRINT_SECONDS)
"""What printing may take from the command line: its time, any memory."""


@register_file("pdf")
def pdf_redline(
    comparison: Comparison,
    title: str = "",
    author: str = "Variorum",
    date: datetime | None = None,
) -> bytes:
    """The redline as the bytes of a PDF, titled ``title`` (by default the documents'
    title and versions), made by ``author`` on ``date`` (today, by default)."""
    return print_pdf([print_page(comparison, title, author, date)])


def print_page(
    comparison: Comparison, title: str = "", author: str = "", date: datetime | None = None
) -> str:
    """The HTML page Chromium prints: the summary, the legend and the redline."""
    title = title or _title(comparison)
    old, new = comparison.old, comparison.new
    css = asset("print.css") + _running_header(title, old.version, new.version)
    changed, blocks = comparison.block_counts()
    return template("print.html.j2").render(
        title=title,
        author=author,
        day=(date or datetime.now(UTC)).date().isoformat(),
        old=old,
        new=new,
        stats=comparison.stats,
        counts=change_counts(comparison),
        changes=changed,
        blocks=blocks,
        redline=render_fragment(comparison),
        css=css,
        csp=f"default-src 'none'; style-src '{sha256(css)}'; img-src data:; base-uri 'none'",
    )


def chromium() -> str:
    """The Chromium executable: ``VARIORUM_CHROMIUM``, else the first on PATH."""
    named = settings.CHROMIUM.text()
    if named:
        if not (shutil.which(named) or Path(named).is_file()):
            raise UsageError(f"VARIORUM_CHROMIUM names {named}, which is not a program here")
        return shutil.which(named) or named
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(
        "writing a PDF needs Chromium: install it (Debian: apt install chromium) "
        "or name it in VARIORUM_CHROMIUM"
    )


def print_pdf(pages: Sequence[str], bounds: Bounds = PRINTING) -> bytes:
    """Self-contained HTML pages printed by Chromium, one after another in one PDF;
    each page printed within ``bounds`` for all of Chromium's processes (UsageError
    saying which it needed more than)."""
    with tempfile.TemporaryDirectory(prefix="variorum-pdf-") as temporary:
        folder = Path(temporary)
        printed = []
        for number, html in enumerate(pages):
            page, pdf = folder / f"page-{number}.html", folder / f"page-{number}.pdf"
            page.write_text(html, encoding="utf-8")
            _print(page, pdf, folder, bounds)
            printed.append(pdf)
        return printed[0].read_bytes() if len(printed) == 1 else _joined(printed)


def _joined(pdfs: list[Path]) -> bytes:
    """The pages of ``pdfs`` in one PDF (PDFium, the PDF reader's library)."""
    joined = pdfium.PdfDocument.new()
    for path in pdfs:
        joined.import_pages(pdfium.PdfDocument(str(path)))
    buffer = io.BytesIO()
    joined.save(buffer)
    return buffer.getvalue()


def _print(page: Path, pdf: Path, profile: Path, bounds: Bounds) -> None:
    command = [
        chromium(),
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        f"--user-data-dir={profile / 'profile'}",
        "--no-pdf-header-footer",
        "--generate-pdf-document-outline",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    if bounds.memory_bytes is not None:  # the scripts' heap too (the page runs none)
        command.insert(1, f"--js-flags=--max-old-space-size={bounds.memory_bytes // 2**20}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise
    try:
        errors = run_watched(command, bounds)
    except OverBounds as stopped:
        raise UsageError(f"Chromium {stopped} to print the PDF") from None
    if not pdf.is_file() or pdf.stat().st_size == 0:
        detail = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise UsageError(f"Chromium could not print the PDF ({detail[0][:200]})")


def _title(comparison: Comparison) -> str:
    name = comparison.new.title or comparison.old.title or "Comparison"
    return f"{name}: {comparison.old.version or 'old'} → {comparison.new.version or 'new'}"


def _running_header(title: str, old_version: str, new_version: str) -> str:
    """The margin boxes' text, as CSS strings."""
    versions = f"Old: {old_version or 'old'} · New: {new_version or 'new'}"
    return (
        f"\n@page {{ @top-left {{ content: {_css_string(title)}; }} "
        f"@top-right {{ content: {_css_string(versions)}; }} }}\n"
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string that cannot end the string or the style element."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '\\"<>&' or ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in " ".join(text.split())
    )
    return f'"{escaped}"'
