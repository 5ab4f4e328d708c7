"""Importing a project folder: the upload starts the import in the background
(``store.imports``), and its progress page shows each step until it ends, then
opens the new project, or the projects page with why nothing was imported."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from variorum.errors import VariorumError
from variorum.web.limits import IMPORT_ZIP_BYTES
from variorum.web.models import ImportJob
from variorum.web.store import imports, projects
from variorum.web.views.pages import refused

REFRESH_SECONDS = 2
"""How often the progress page asks again."""
STEPS = {
    "waiting": "Waiting for a free worker (other work is running)",
    "reading": "Unpacking and reading the folder",
    "versions": "Storing the versions",
    "annotations": "Storing the annotations",
    "history": "Restoring the notes' history",
}
"""What each step of an import is called on its progress page."""


@login_required
@require_POST
def import_project(request: HttpRequest) -> HttpResponse:
    """Start importing an uploaded ZIP of a project folder; its progress page."""
    upload = request.FILES.get("folder")
    if upload is None:
        messages.error(request, "Choose a ZIP file of a project folder.")
        return redirect("projects")
    name = upload.name or "upload.zip"
    try:
        projects.check_size(name, upload.size, IMPORT_ZIP_BYTES)
    except VariorumError as error:
        return refused(request, error, "projects")
    job = imports.start(upload.read(), name, request.user)
    return redirect("import-progress", job.uuid)


@login_required
@require_safe
def import_progress(request: HttpRequest, job: UUID) -> HttpResponse:
    """The import's progress while it runs (202, refreshing itself); at its end, the
    new project, or the projects page saying why nothing was imported (to the page's
    own check, ``X-Progress-Check``, only 204: the end's message is said once)."""
    found = imports.job_of(request.user, job)
    if found is None:
        raise Http404("no such import of yours")
    if found.step in ("done", "failed") and request.headers.get("X-Progress-Check"):
        return HttpResponse(status=204)  # the page's script asks: it loads the end itself
    if found.step == "failed":
        messages.error(request, found.message)
        return redirect("projects")
    if found.step == "done":
        if found.project is None:  # deleted since
            return redirect("projects")
        messages.success(request, _imported(found))
        return redirect("project", found.project.slug)
    return _waiting(request, found)


def _imported(job: ImportJob) -> str:
    project = job.project
    assert project is not None
    versions = project.live_versions().count()
    notes = project.annotations.count()
    return f"Imported {job.name}: {versions:,} versions and {notes:,} annotations."


def _waiting(request: HttpRequest, job: ImportJob) -> HttpResponse:
    context = {
        "job": job, "step": STEPS.get(job.step, job.step), "refresh": REFRESH_SECONDS,
        "counted": job.step in ("versions", "annotations"),
    }  # fmt: skip
    response = render(request, "variorum_web/import_wait.html", context, status=202)
    response["Retry-After"] = str(REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
