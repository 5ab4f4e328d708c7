"""The redline in the app: the published page's own renderer, framed by the app.

The page is ``variorum.publish.page`` in its ``app`` mode, so an analyst sees exactly
what readers will (views, change navigation, notes beside the text), with the app's
bar, the choice of any two versions, and, for editors, the annotating controls
(``static/variorum_web/annotate.js``, which talks to the JSON API). Drafts are shown
to every member, marked as drafts; the published output never has them.
A version read on its own is the same page for the pair (version, version), with the
comparison's parts hidden. Above the text, the notes that need an analyst: those carried
to the newer version whose words it deleted (to attach to other words or dismiss), and
the deleted notes of the versions shown (to see their history and restore them).

The page is made in a worker process (``store.redlines``): until it is ready, the
browser gets a page that refreshes itself (202), and if it cannot be made within the
server's limits, a page saying so (422). The markers the worker leaves are filled
here with what belongs to this request: the bar, the CSRF token, each note's buttons;
the filled page is kept (``variorum.web.kept``) for the next request of the same
member and browser while nothing it shows changes.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from markupsafe import Markup

from variorum.annotations.markdown import markdown_to_html
from variorum.publish.page import app_policy
from variorum.web.jobs import Failed, Running
from variorum.web.kept import kept
from variorum.web.models import AnnotationRecord, ProjectRecord, VersionRecord
from variorum.web.redline_render import RenderedRedline, fill
from variorum.web.store import access
from variorum.web.store.access import Action
from variorum.web.store.annotations import (
    Shown,
    note_of,
    published_before,
    shown_annotations,
    shown_state,
)
from variorum.web.store.comparisons import comparison_pdf_file, comparison_word_file
from variorum.web.store.projects import live_versions
from variorum.web.store.redlines import digest, page_header, redline_state, version_key
from variorum.web.store.workers import TooCostly
from variorum.web.views.pages import WORD_TYPE, project_view

REFRESH_SECONDS = 2
"""How often the page shown while a redline is made asks for it again."""


@require_safe
@project_view(Action.READ)
def redline(request: HttpRequest, project: ProjectRecord, old: str, new: str) -> HttpResponse:
    """The redline of two versions with their annotations."""
    versions = live_versions(project)  # compiled once: every opening of a redline asks it
    return _page(request, project, _labelled(versions, old), _labelled(versions, new), versions)


@require_safe
@project_view(Action.READ)
def version_text(request: HttpRequest, project: ProjectRecord, label: str) -> HttpResponse:
    """One version's text with its annotations, to read and annotate."""
    versions = list(project.live_versions())
    version = _labelled(versions, label)
    return _page(request, project, version, version, versions)


@require_safe
@project_view(Action.READ)
def redline_docx(request: HttpRequest, project: ProjectRecord, old: str, new: str) -> HttpResponse:
    """The redline of two versions as a Word file, each change a tracked change by the
    member who asked for it, to download."""
    versions = list(project.live_versions())
    before, after = _labelled(versions, old), _labelled(versions, new)
    author = request.user.get_username()
    try:
        data = comparison_word_file(project, before, after, author)
    except TooCostly as refused:
        return _cannot(request, project, before, after, Failed(str(refused), True))
    return _attached(data, WORD_TYPE, f"{project.slug}-{before.label}-{after.label}.docx")


@require_safe
@project_view(Action.READ)
def redline_pdf(request: HttpRequest, project: ProjectRecord, old: str, new: str) -> HttpResponse:
    """The redline of two versions as a PDF (summary, redline, versions in the running
    header), made by the member who asked for it, to download."""
    versions = list(project.live_versions())
    before, after = _labelled(versions, old), _labelled(versions, new)
    try:
        data = comparison_pdf_file(project, before, after, request.user.get_username())
    except TooCostly as refused:
        return _cannot(request, project, before, after, Failed(str(refused), True))
    return _attached(data, "application/pdf", f"{project.slug}-{before.label}-{after.label}.pdf")


def _attached(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _labelled(versions: list[VersionRecord], label: str) -> VersionRecord:
    for version in versions:
        if version.label == label:
            return version
    raise Http404(f"no version {label!r}")


@require_safe
@project_view(Action.READ)
def compare_choice(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The redline of the two versions chosen in the form (``old``, ``new``)."""
    labels = set(project.live_versions().values_list("label", flat=True))
    old, new = request.GET.get("old", ""), request.GET.get("new", "")
    unknown = [label for label in (old, new) if label not in labels]
    if unknown:
        known = ", ".join(sorted(labels)) or "none yet"
        messages.error(request, f"There is no version {unknown[0]!r:.80} here (versions: {known}).")
        return redirect("project", project.slug)
    if old == new:
        return redirect("version-text", project.slug, old)
    return redirect("redline", project.slug, old, new)


def _page(
    request: HttpRequest,
    project: ProjectRecord,
    old: VersionRecord,
    new: VersionRecord,
    versions: list[VersionRecord],
) -> HttpResponse:
    assets = ((static("variorum_web/redline.css"),), (static("variorum_web/annotate.js"),))
    as_shown = _shown_key(request, project, (old, new), versions, assets)
    etag = f'"{as_shown[:32]}"'  # the page as this member sees it: its inputs' digest
    if etag in request.headers.get("If-None-Match", ""):
        return _not_modified(etag)
    html = kept("redline").get(as_shown)
    if html is None:  # made once per state of the page, member and browser, then kept
        shown = shown_annotations(project, old, new)
        state = redline_state(project, old, new, tuple(row.data for row in shown.live), assets)
        if isinstance(state, Running):
            return _waiting(request, project, old, new, state)
        if isinstance(state, Failed):
            return _cannot(request, project, old, new, state)
        html = _filled(request, project, old, new, versions, shown, state.value).encode()
        kept("redline").put(as_shown, html)
    response = HttpResponse(html)
    response["ETag"] = etag
    response["Cache-Control"] = CACHED
    response["Content-Security-Policy"] = app_policy()  # the page's <meta>, as a header
    return response


CACHED = "private, no-cache"
"""A browser keeps the page for its member alone and asks again each time with its
ETag (drafts change under it): the same page is answered 304, without its body."""


def _not_modified(etag: str) -> HttpResponse:
    """A 304 with the page's own headers: a browser replaces the kept page's headers
    with a 304's, so the app's default policy here would block the page's inline
    style and script."""
    response = HttpResponse(status=304)
    response["ETag"], response["Cache-Control"] = etag, CACHED
    response["Content-Security-Policy"] = app_policy()
    return response


def _shown_key(
    request: HttpRequest, project: ProjectRecord, pair: tuple[VersionRecord, VersionRecord],
    versions: list[VersionRecord], assets: Any,
) -> str:  # fmt: skip
    """The digest of everything the page as this member sees it is made of: the
    project's header, the pair's files, the state of each annotation (without
    reading their JSON), the versions to choose from, the member and their role, the
    address, and the browser's CSRF secret (which the page's forms carry); with a
    deleted note listed ("deleted 3 minutes ago"), the minute too."""
    notes = shown_state(project, *pair)
    get_token(request)  # the browser's CSRF secret, made now if it has none
    return digest([
        page_header(project), assets, [version_key(version) for version in pair], notes,
        [version.label for version in versions], request.user.pk, request.user.get_username(),
        request.role, request.build_absolute_uri(), request.META.get("CSRF_COOKIE"),  # type: ignore[attr-defined]
        int(time.time() // 60) if any(deleted for *_, deleted, _source in notes) else 0,
    ])  # fmt: skip


def steps_around(labels: list[str], old: str, new: str) -> dict[str, tuple[str, str]]:
    """The consecutive pairs a reader steps to from the pair ``old``, ``new``: from a
    step, its neighbours; from any other pair, the step after its older version
    (``next``) and the one before its newer (``prev``). None for a version on its own.

    >>> steps_around(["a", "b", "c", "d"], "b", "c")
    {'prev': ('a', 'b'), 'next': ('c', 'd')}
    >>> steps_around(["a", "b", "c", "d"], "a", "d")
    {'prev': ('c', 'd'), 'next': ('a', 'b')}
    """
    if old not in labels or new not in labels or labels.index(old) >= labels.index(new):
        return {}
    start, end = labels.index(old), labels.index(new)
    before, after = (start - 1, start + 1) if end - start == 1 else (end - 1, start)
    found = {"prev": before, "next": after}
    return {
        name: (labels[at], labels[at + 1])
        for name, at in found.items()
        if 0 <= at < len(labels) - 1
    }


def _filled(
    request: HttpRequest, project: ProjectRecord, old: VersionRecord, new: VersionRecord,
    versions: list[VersionRecord], shown: Shown, page: RenderedRedline,
) -> str:  # fmt: skip
    """The page with what belongs to this member: the bar, the forms, each note's foot."""
    can_edit = access.may(request.role, Action.EDIT)  # type: ignore[attr-defined]
    rows = _rows_of_notes(shown.live, page)
    pending = published_before(shown.live)
    context = {
        "project": project,
        "versions": versions,
        "old": old,
        "new": new,
        "single": old == new,
        "can_edit": can_edit,
        "role": request.role,  # type: ignore[attr-defined]
        "config": _config(request, project, old, new, rows, page, can_edit),
        "lost": [_listed(row) for row in shown.lost],
        "deleted": [_listed(row) for row in shown.deleted],
        "steps": steps_around([version.label for version in versions], old.label, new.label),
    }

    def foot(key: str) -> str:
        if key not in rows:
            return ""
        row = rows[key]
        return render_to_string(
            "variorum_web/note_foot.html",
            {"row": row, "can_edit": can_edit, "pending": row.pk in pending},
        )

    return fill(
        page.html,
        render_to_string("variorum_web/redline_top.html", context, request)
        + render_to_string("variorum_web/redline_fixes.html", context, request),
        render_to_string("variorum_web/redline_end.html", context, request),
        foot,
    )


def _waiting(
    request: HttpRequest,
    project: ProjectRecord,
    old: VersionRecord,
    new: VersionRecord,
    state: Running,
) -> HttpResponse:
    """The page shown while the redline is made: it refreshes itself until it is ready."""
    refresh = REFRESH_SECONDS
    context = {
        "project": project, "old": old, "new": new, "single": old == new,
        "seconds": round(state.seconds), "started": state.started, "refresh": refresh,
        "limit": round(settings.VARIORUM_COMPARE_SECONDS),
    }  # fmt: skip
    response = render(request, "variorum_web/redline_wait.html", context, status=202)
    response["Retry-After"] = str(refresh)
    response["Cache-Control"] = "no-store"
    return response


def _cannot(
    request: HttpRequest,
    project: ProjectRecord,
    old: VersionRecord,
    new: VersionRecord,
    state: Failed,
) -> HttpResponse:
    """The page saying why the redline cannot be made (over a limit, an unreadable file)."""
    context = {
        "project": project, "old": old, "new": new, "single": old == new,
        "message": state.message, "over_limit": state.over_limit,
    }  # fmt: skip
    return render(request, "variorum_web/redline_refused.html", context, status=422)


def _listed(row: AnnotationRecord) -> dict[str, Any]:
    """A note listed above the text: the row, the version its words are on, its text
    as readers see it (sanitized HTML, as in the note beside the text)."""
    note = note_of(row)
    return {"row": row, "on": note.versions[-1], "html": Markup(markdown_to_html(note.body.text))}


def _rows_of_notes(
    live: list[AnnotationRecord], page: RenderedRedline
) -> dict[str, AnnotationRecord]:
    """The stored annotation of each note on the page, by the note's key."""
    rows = {row.iri: row for row in live}
    return {key: rows[ident] for key, ident in page.notes if ident in rows}


def _config(
    request: HttpRequest,
    project: ProjectRecord,
    old: VersionRecord,
    new: VersionRecord,
    rows: dict[str, AnnotationRecord],
    page: RenderedRedline,
    can_edit: bool,
) -> dict[str, Any]:
    """What the annotating script needs: addresses of the API, the two sides, the
    notes on the page, the CSRF token."""
    api = reverse("projects") + f"api/projects/{project.slug}/"

    def side(version: VersionRecord) -> dict[str, str]:
        base = f"{api}versions/{quote(version.label, safe='')}/"
        return {
            "label": version.label,
            "source": request.build_absolute_uri(base),
            "container": f"{base}annotations/",
            "text": f"{base}text",
        }

    return {
        "project": project.slug,
        "api": api,
        "markdown": reverse("projects") + "api/markdown/",
        "canEdit": can_edit,
        "single": old == new,
        "csrf": get_token(request) if can_edit else "",
        "sides": {"old": side(old), "new": side(new)},
        "notes": {
            key: {"url": f"{api}annotations/{row.uuid}/", "status": row.status}
            for key, row in rows.items()
        },
        "tags": list(page.tags),
    }
