"""The comparison of two stored versions for the API, made in a worker process and
kept by a digest of its inputs (the versions' files and metadata, the options), as
the redline page is (``store.redlines``)."""

from __future__ import annotations

import dataclasses
from functools import partial

from django.conf import settings

from variorum.options import CompareOptions
from variorum.web.comparison_render import (
    ComparisonInputs,
    comparison_docx,
    comparison_json,
    comparison_print_page,
)
from variorum.web.jobs import State
from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store import workers
from variorum.web.store.redlines import digest, stored, version_key


def comparison_state(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, options: CompareOptions
) -> State:
    """The comparison's JSON text (``Done``), how far its making is (``Running``), or
    why it cannot be made (``Failed``); waits up to ``VARIORUM_REDLINE_WAIT_SECONDS``."""
    key = digest([project.title, version_key(old), version_key(new),
                  dataclasses.asdict(options)])  # fmt: skip
    inputs = partial(_inputs, project.title, old, new, options)
    made = workers.jobs("comparison", comparison_json, len)
    return made.get(key, inputs, settings.VARIORUM_REDLINE_WAIT_SECONDS)


def comparison_word_file(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, author: str
) -> bytes:
    """The redline of two versions as a Word file with tracked changes by ``author``,
    made in a worker process within the server's limits (``workers.TooCostly`` if not)."""
    what = f"making the Word file of {old.label} and {new.label}"
    inputs = _inputs(project.title, old, new, CompareOptions())
    return workers.run(what, comparison_docx, inputs, author)


def comparison_pdf_file(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, author: str
) -> bytes:
    """The redline of two versions as a PDF made by ``author``: its page made in a worker
    within the server's limits, printed by Chromium (``workers.print_pages``)."""
    what = f"making the PDF of {old.label} and {new.label}"
    inputs = _inputs(project.title, old, new, CompareOptions())
    page = workers.run(what, comparison_print_page, inputs, author)
    return workers.print_pages(what, [page])


def _inputs(
    title: str, old: VersionRecord, new: VersionRecord, options: CompareOptions
) -> ComparisonInputs:
    return ComparisonInputs(title, stored(old), stored(new), options)
