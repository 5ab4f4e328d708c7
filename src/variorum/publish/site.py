"""Writing a published analysis: a static site folder, or one self-contained file.

A site folder holds::

    index.html          the analysis (the first pair of versions)
    <old>-<new>.html    one page per other pair shown, when there are more than two versions
    embed.html          the redline and notes without the introduction, for an iframe
    embed-snippet.html  the <iframe> code to paste into an article
    oembed.json         an oEmbed "rich" response describing that iframe
    annotations.jsonld  the project's annotations (W3C JSON-LD), for reuse

Every page is self-contained (its CSS and JavaScript inline), opens from the disk
or any static host, and fetches nothing.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from variorum.errors import UsageError
from variorum.options import CompareOptions
from variorum.output import write_atomically
from variorum.project import Project
from variorum.publish.edition import Edition, build_edition
from variorum.publish.notes import Note
from variorum.publish.page import file_name, render_page

if TYPE_CHECKING:  # python-docx loads only when a Word file is written
    from variorum.render.word import WordComment

EMBED_HEIGHT = 640
"""Pixels: the iframe's suggested height (its width follows the article's column)."""


def publish_site(
    project: Project, folder: Path, base_url: str = "", options: CompareOptions | None = None
) -> list[Path]:
    """Write the static site of ``project`` into ``folder``; return the files written.

    ``base_url`` is where the site will be served (``https://example.org/analysis/``);
    with it, the iframe snippet and the oEmbed response use absolute addresses.
    """
    edition = build_edition(project, options)
    _make_folder(folder)
    base = base_url.rstrip("/") + "/" if base_url else ""
    files: dict[str, str | bytes] = {}
    for index in range(len(edition.pairs)):
        files[file_name(edition, index)] = render_page(edition, "site", index)
    files["embed.html"] = render_page(edition, "embed", 0, home=f"{base}index.html")
    snippet = iframe_snippet(edition, f"{base}embed.html")
    files["embed-snippet.html"] = snippet + "\n"
    files["oembed.json"] = json.dumps(_oembed(edition, snippet), indent=2) + "\n"
    annotations = project.folder / project.annotations_file
    if annotations.is_file():
        files["annotations.jsonld"] = _published_annotations(project, annotations)
    written = []
    for name, content in files.items():
        written.append(_write_public(folder / name, content))
    return written


def _published_annotations(project: Project, path: Path) -> str | bytes:
    """The annotation file as published: as it is, or without its drafts."""
    notes = project.annotations()
    if not any(note.draft for note in notes):
        return path.read_bytes()
    return project.collection_text(note for note in notes if not note.draft)


def publish_file(project: Project, path: Path, options: CompareOptions | None = None) -> Path:
    """Write the whole analysis, every pair of versions included, as one HTML file."""
    edition = build_edition(project, options)
    return _write_public(path, render_page(edition, "single"))


def publish_pdf(project: Project, path: Path, options: CompareOptions | None = None) -> Path:
    """Write the analysis as a PDF to print or send: each pair of versions as its page
    prints (the redline, then its notes as numbered endnotes), one after another,
    printed by Chromium (``variorum.render.pdf``)."""
    from variorum.render.pdf import print_pdf

    return _write_public(path, print_pdf(print_pages(project, options)))


def print_pages(project: Project, options: CompareOptions | None = None) -> list[str]:
    """The pages Chromium prints for the analysis as a PDF: one per pair of versions."""
    edition = build_edition(project, options)
    return [render_page(edition, "site", index) for index in range(len(edition.pairs))]


def publish_docx(project: Project, path: Path, options: CompareOptions | None = None) -> Path:
    """Write the analysis as a Word file: each pair's redline as tracked changes, each of
    its notes a comment on its passage; with more than one pair, each after a heading
    naming its versions, on a new page."""
    from variorum.render.word import WordPart, word_document

    edition = build_edition(project, options)
    several = len(edition.pairs) > 1
    parts = [
        WordPart(
            pair.comparison,
            [comment for note in pair.notes for comment in word_comments(note)],
            pair.label if several else "",
        )
        for pair in edition.pairs
    ]
    redline = word_document(parts, author=", ".join(edition.authors) or "Variorum")
    return _write_public(path, redline)


def word_comments(note: Note) -> list[WordComment]:
    """The comment a note becomes in Word, on its first passage (none for an orphan): its
    words, then its tags."""
    from variorum.render.word import WordComment

    if not note.ranges:
        return []
    annotation = note.annotation
    tags = f"\nTags: {', '.join(note.tags)}" if note.tags else ""
    author = annotation.creator or "Variorum"
    initials = "".join(word[0] for word in author.split()[:3]).upper()
    first = note.ranges[0]
    return [WordComment(first.side, first.span, annotation.body.text + tags, author, initials)]


def iframe_snippet(edition: Edition, src: str) -> str:
    """The HTML to paste into an article to embed the analysis. The frame may run the
    page's script and open links in new tabs, nothing more (no same-origin access)."""
    return (
        f'<iframe src="{escape(src)}" title="{escape(edition.title)}" width="100%"'
        f' height="{EMBED_HEIGHT}" loading="lazy"'
        ' sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"'
        ' style="border:1px solid #d9dbe0;border-radius:4px"></iframe>'
    )


def _oembed(edition: Edition, snippet: str) -> dict[str, object]:
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Variorum",
        "title": edition.title,
        "author_name": ", ".join(edition.authors),
        "html": snippet,
        "width": 800,
        "height": EMBED_HEIGHT,
    }


def _write_public(path: Path, content: str | bytes) -> Path:
    """Write a file anyone may read (0644), whatever the umask: a web server serves it."""
    write_atomically(path, content)
    path.chmod(0o644)
    return path


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file: give a folder for the site (or --single-file)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{folder}: cannot create: {error.strerror or error}") from None
