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
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from markupsafe import Markup

from variorum.annotations.markdown import markdown_to_html
from variorum.publish.edition import Edition
from variorum.publish.page import Frame, render_page
from variorum.web.models import Annotation, Project, Version
from variorum.web.store import access
from variorum.web.store.access import Action
from variorum.web.store.annotations import (
    deleted_annotations,
    live_annotations,
    lost_annotations,
    note_of,
)
from variorum.web.store.redlines import edition_for
from variorum.web.views.pages import project_view


@require_safe
@project_view(Action.READ)
def redline(request: HttpRequest, project: Project, old: str, new: str) -> HttpResponse:
    """The redline of two versions with their annotations."""
    versions = project.live_versions()
    pair = (get_object_or_404(versions, label=old), get_object_or_404(versions, label=new))
    return _page(request, project, *pair)


@require_safe
@project_view(Action.READ)
def version_text(request: HttpRequest, project: Project, label: str) -> HttpResponse:
    """One version's text with its annotations, to read and annotate."""
    version = get_object_or_404(project.live_versions(), label=label)
    return _page(request, project, version, version)


@require_safe
@project_view(Action.READ)
def compare_choice(request: HttpRequest, project: Project) -> HttpResponse:
    """The redline of the two versions chosen in the form (``old``, ``new``)."""
    labels = set(project.live_versions().values_list("label", flat=True))
    old, new = request.GET.get("old", ""), request.GET.get("new", "")
    if old not in labels or new not in labels:
        return redirect("project", project.slug)
    if old == new:
        return redirect("version-text", project.slug, old)
    return redirect("redline", project.slug, old, new)


def _page(request: HttpRequest, project: Project, old: Version, new: Version) -> HttpResponse:
    edition = edition_for(project, old, new)
    can_edit = access.may(request.role, Action.EDIT)  # type: ignore[attr-defined]
    rows = _rows_of_notes(project, edition)
    context = {
        "project": project,
        "versions": list(project.live_versions()),
        "old": old,
        "new": new,
        "single": old == new,
        "can_edit": can_edit,
        "role": request.role,  # type: ignore[attr-defined]
        "config": _config(request, project, old, new, rows, edition, can_edit),
        "lost": [_listed(row) for row in lost_annotations(project, new)],
        "deleted": [_listed(row) for row in deleted_annotations(project, {old, new})],
    }
    frame = Frame(
        top=Markup(
            render_to_string("variorum_web/redline_top.html", context, request)
            + render_to_string("variorum_web/redline_fixes.html", context, request)
        ),
        end=Markup(render_to_string("variorum_web/redline_end.html", context, request)),
        stylesheets=(static("variorum_web/redline.css"),),
        scripts=(static("variorum_web/annotate.js"),),
        note_feet={
            key: Markup(
                render_to_string("variorum_web/note_foot.html", {"row": row, "can_edit": can_edit})
            )
            for key, row in rows.items()
        },
        body_class="vr-app-text" if old == new else "",
    )
    response = HttpResponse(render_page(edition, "app", frame=frame))
    response["Cache-Control"] = "no-store"  # drafts change under the page
    return response


def _listed(row: Annotation) -> dict[str, Any]:
    """A note listed above the text: the row, the version its words are on, its text
    as readers see it (sanitized HTML, as in the note beside the text)."""
    note = note_of(row)
    return {"row": row, "on": note.versions[-1], "html": Markup(markdown_to_html(note.body.text))}


def _rows_of_notes(project: Project, edition: Edition) -> dict[str, Annotation]:
    """The stored annotation of each note on the page, by the note's key."""
    notes = edition.pairs[0].notes
    ids = [note.annotation.id for note in notes]
    found = live_annotations(project).filter(iri__in=ids).select_related("carried_from__version")
    rows = {row.iri: row for row in found}
    return {note.key: rows[note.annotation.id] for note in notes if note.annotation.id in rows}


def _config(
    request: HttpRequest,
    project: Project,
    old: Version,
    new: Version,
    rows: dict[str, Annotation],
    edition: Edition,
    can_edit: bool,
) -> dict[str, Any]:
    """What the annotating script needs: addresses of the API, the two sides, the
    notes on the page, the CSRF token."""
    api = reverse("projects") + f"api/projects/{project.slug}/"

    def side(version: Version) -> dict[str, str]:
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
        "tags": [tag for tag, _ in edition.tags],
    }
