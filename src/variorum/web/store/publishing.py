"""Publishing a stored project with the library's publisher: the static site as a
ZIP file, the whole analysis as one HTML file, a Word file or a PDF. Only published annotations are
shown; drafts stay in the app. The publisher compares every pair shown, so it runs
in a worker process within the server's limits (``store.workers``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from variorum.publish import publish_docx, publish_file, publish_site
from variorum.publish.site import print_pages
from variorum.web.models import ProjectRecord
from variorum.web.store import workers
from variorum.web.store.folders import export_folder, zip_folder


def site_zip(project: ProjectRecord) -> bytes:
    """The static site (``index.html``, ``embed.html``, ...) zipped in a folder."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = export_folder(project, Path(temporary) / "project", drafts=False)
        site = Path(temporary) / "site"
        workers.run("publishing the site", publish_site, folder, site)
        return zip_folder(site, f"{project.slug}-site")


def single_file(project: ProjectRecord) -> str:
    """The whole analysis as one self-contained HTML page."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = export_folder(project, Path(temporary) / "project", drafts=False)
        path = workers.run("publishing the page", publish_file, folder,
                           Path(temporary) / "analysis.html")  # fmt: skip
        return path.read_text(encoding="utf-8")


def word_file(project: ProjectRecord) -> bytes:
    """The analysis as a Word file: each pair's redline as tracked changes, its notes as
    comments."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = export_folder(project, Path(temporary) / "project", drafts=False)
        path = workers.run("publishing the Word file", publish_docx, folder,
                           Path(temporary) / "analysis.docx")  # fmt: skip
        return path.read_bytes()


def pdf_file(project: ProjectRecord) -> bytes:
    """The analysis as a PDF: its pages made in a worker, printed by Chromium."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = export_folder(project, Path(temporary) / "project", drafts=False)
        pages = workers.run("publishing the PDF", print_pages, folder)
    return workers.print_pages("printing the PDF", pages)
