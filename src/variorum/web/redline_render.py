"""The app's redline page rendered from plain inputs, in a worker process.

Reading both versions, comparing them, placing the notes and writing the HTML is all
of a redline's cost, and it follows the size of the inputs. ``render_redline`` does
it from picklable values (the files' bytes, the notes' JSON-LD) without Django, so
``variorum.web.worker`` can run it in a child process with limits. What belongs to
one request (the app's bar, the CSRF token, each note's edit buttons for this
member) is left as a marker, which ``fill`` replaces: the page itself is shared by
everyone who opens the same inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from variorum.annotations.jsonld import from_jsonld
from variorum.document import Document
from variorum.ingest import parse_bytes
from variorum.publish.edition import VersionInfo, assemble_edition
from variorum.publish.page import Frame, render_page

_MARKER = re.compile(r"<!--variorum:(top|end|foot:[^>]*?)-->")
"""A place in the page for one request's HTML. The page escapes every ``<`` of the
documents and notes, so only the app itself writes these."""


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One version as stored: its file and what the page shows of it."""

    label: str
    date: str
    source: str
    url: str
    """An http(s) URL for the version, or empty."""
    filename: str
    format: str
    content: bytes


@dataclass(frozen=True, slots=True)
class RedlineInputs:
    """Everything the page of one pair of versions is made from."""

    title: str
    authors: tuple[str, ...]
    introduction: str
    old: StoredVersion
    new: StoredVersion
    """The same as ``old`` for a version read on its own."""
    notes: tuple[Mapping[str, Any], ...]
    """The annotations on either version, as W3C JSON-LD."""
    stylesheets: tuple[str, ...]
    scripts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RenderedRedline:
    """The page with its markers, and what the app needs to know about it."""

    html: str
    notes: tuple[tuple[str, str], ...]
    """(note key, annotation id) of each note placed on the page, in reading order."""
    tags: tuple[str, ...]
    """The notes' tags, most used first."""


def render_redline(inputs: RedlineInputs) -> RenderedRedline:
    """Parse, compare, place the notes and render the app's page of one pair."""
    old, new = inputs.old, inputs.new
    shown = (old,) if old == new else (old, new)
    documents = {version.label: parse_stored(version, inputs.title) for version in shown}
    edition = assemble_edition(
        inputs.title,
        inputs.authors,
        inputs.introduction,
        tuple(VersionInfo(v.label, v.date, v.source, v.url) for v in shown),
        documents,
        [from_jsonld(note) for note in inputs.notes],
        [(old.label, new.label)],
    )
    placed = edition.pairs[0].notes
    frame = Frame(
        top=Markup("<!--variorum:top-->"),
        end=Markup("<!--variorum:end-->"),
        stylesheets=inputs.stylesheets,
        scripts=inputs.scripts,
        note_feet={note.key: Markup(f"<!--variorum:foot:{note.key}-->") for note in placed},
        body_class="vr-app-text" if old == new else "",
    )
    return RenderedRedline(
        render_page(edition, "app", frame=frame),
        tuple((note.key, note.annotation.id) for note in placed),
        tuple(tag for tag, _ in edition.tags),
    )


def parse_stored(version: StoredVersion, title: str) -> Document:
    """The Document of a stored version of the project titled ``title``."""
    return parse_bytes(
        version.content, version.format, name=version.filename, version=version.label,
        date=version.date, source=version.source, title=title,
    )  # fmt: skip


def fill(html: str, top: str, end: str, foot: Callable[[str], str]) -> str:
    """The page with its markers replaced: ``top`` and ``end`` HTML, and ``foot(key)``
    at the end of each note."""

    def replace(marker: re.Match[str]) -> str:
        name = marker.group(1)
        if name == "top":
            return top
        if name == "end":
            return end
        return foot(name.removeprefix("foot:"))

    return _MARKER.sub(replace, html)
