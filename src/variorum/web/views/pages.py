"""The pages: projects, versions, members, export and publishing (the redline is in
``views/redline.py``, importing a project folder in ``views/imports.py``).

Each view resolves the project through ``store.access`` with the action it needs,
calls the store, and renders a template. A refused input (a file Variorum cannot
read, a duplicate label) comes back as one message on the same page; nothing is
stored in part.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from markupsafe import Markup

from variorum.errors import UsageError, VariorumError
from variorum.publish.history import timeline_svg
from variorum.web.jobs import Failed, Running
from variorum.web.models import MemberRole, ProjectRecord, VersionRecord
from variorum.web.store import access, folders, projects, publishing
from variorum.web.store.access import Action, Forbidden
from variorum.web.store.annotations import live_annotations, passage_keys
from variorum.web.store.timelines import timeline_state

View = Callable[..., HttpResponse]


def project_view(action: Action, trashed: bool = False) -> Callable[[View], View]:
    """Resolve ``slug`` to the project, if the user may do ``action`` in it; a refused
    member sees a 403 page, a stranger a 404, an anonymous user the sign-in page."""

    def wrap(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                project, role = access.project_and_role(request.user, slug, action, trashed)
            except Forbidden as refusal:
                return render(
                    request, "variorum_web/forbidden.html", {"reason": str(refusal)}, status=403
                )
            request.role = role  # type: ignore[attr-defined]
            return view(request, project, *args, **kwargs)

        return wrapped

    return wrap


def refused(request: HttpRequest, error: VariorumError, to: str, *args: Any) -> HttpResponse:
    """Show ``error`` as one message and go back to page ``to``."""
    messages.error(request, str(error))
    return redirect(to, *args)


@login_required
@require_http_methods(["GET", "POST"])
def project_list(request: HttpRequest) -> HttpResponse:
    """The user's projects, and the form to start one."""
    if request.method == "POST":
        try:
            project = projects.create_project(
                request.user,
                request.POST.get("title", ""),
                request.POST.get("authors", "").splitlines(),
                request.POST.get("introduction", ""),
            )
        except VariorumError as error:
            return refused(request, error, "projects")
        return redirect("project", project.slug)
    live_versions = Count("versions", filter=Q(versions__deleted_at__isnull=True), distinct=True)
    mine = ProjectRecord.live.filter(memberships__user=request.user).annotate(
        version_count=live_versions
    )
    trashed = ProjectRecord.objects.filter(
        memberships__user=request.user, memberships__role=MemberRole.OWNER, deleted_at__isnull=False
    )
    return render(
        request,
        "variorum_web/projects.html",
        {"projects": mine, "trashed": trashed, "trash_days": settings.TRASH_DAYS},
    )


@require_safe
@project_view(Action.READ)
def project_detail(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """A project: its versions, members and annotations, with the forms a role allows."""
    return _project_page(request, project)


def _project_page(
    request: HttpRequest, project: ProjectRecord, typed: Any = None, status: int = 200
) -> HttpResponse:
    """The project's page; ``typed`` refills the upload form after a refusal."""
    versions = projects.live_versions(project)
    recent = live_annotations(project).order_by("-modified")[:50]
    keys = passage_keys(project)
    return render(
        request,
        "variorum_web/project.html",
        {
            "project": project,
            "versions": versions,
            "pairs": list(itertools.pairwise(versions)),
            "members": project.memberships.select_related("user").order_by("role"),
            "annotations": [(row, keys[row.iri]) for row in recent],
            "trashed_versions": project.versions.filter(deleted_at__isnull=False).defer("content"),
            "can_edit": access.may(request.role, Action.EDIT),
            "can_manage": access.may(request.role, Action.MANAGE),
            "roles": MemberRole.choices,
            "trash_days": settings.TRASH_DAYS,
            "typed": typed or {},
            "timeline": _timeline(project, versions),
        },
        status=status,
    )


def _timeline(project: ProjectRecord, versions: list[VersionRecord]) -> dict[str, Any] | None:
    """The project's timeline, with more than two versions: its chart and rows when
    made, else how long it has been under way or why it failed."""
    if len(versions) < 3:
        return None
    state = timeline_state(project)
    if isinstance(state, Running):
        return {"seconds": round(state.seconds)}
    if isinstance(state, Failed):
        return {"failed": state.message}
    steps = {
        str(at): reverse("redline", args=[project.slug, old.label, new.label])
        for at, (old, new) in enumerate(itertools.pairwise(versions))
    }
    points = state.value
    return {
        "chart": Markup(timeline_svg(points, steps)),
        "rows": [(point, steps.get(point.step, "")) for point in points],
    }


@require_POST
@project_view(Action.EDIT)
def project_edit(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Change the title, authors and introduction."""
    try:
        projects.update_project(
            project,
            request.POST.get("title", ""),
            request.POST.get("authors", "").splitlines(),
            request.POST.get("introduction", ""),
        )
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    messages.success(request, "Saved.")
    return redirect("project", project.slug)


@require_POST
@project_view(Action.EDIT)
def version_upload(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Add an uploaded file as the newest version."""
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise UsageError("Choose a file to upload.")
        version = projects.add_uploaded_version(project, upload, request.POST)
    except VariorumError as error:  # the page again, with what was typed (not the file)
        messages.error(request, str(error))
        return _project_page(request, project, request.POST, status=400)
    messages.success(request, f"Added version {version.label} ({version.format}).")
    return redirect("project", project.slug)


@require_POST
@project_view(Action.EDIT)
def version_edit(request: HttpRequest, project: ProjectRecord, label: str) -> HttpResponse:
    """Change a version's label, date and source."""
    version = get_object_or_404(project.live_versions(), label=label)
    try:
        projects.update_version(
            version,
            request.POST.get("label", ""),
            request.POST.get("date", ""),
            request.POST.get("source", ""),
        )
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    return redirect("project", project.slug)


@require_POST
@project_view(Action.EDIT)
def version_reorder(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Put the versions in a new order (``order``: the labels, one per field)."""
    try:
        projects.reorder_versions(project, request.POST.getlist("order"))
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    return redirect("project", project.slug)


@require_POST
@project_view(Action.MANAGE)
def version_delete(request: HttpRequest, project: ProjectRecord, label: str) -> HttpResponse:
    """Move a version to the trash (the form asks for confirmation first)."""
    version = get_object_or_404(project.live_versions(), label=label)
    projects.trash(version)
    messages.success(request, f"Version {label} moved to the trash; it can be restored.")
    return redirect("project", project.slug)


@require_POST
@project_view(Action.MANAGE)
def version_restore(request: HttpRequest, project: ProjectRecord, pk: int) -> HttpResponse:
    """Take a version back out of the trash."""
    version = get_object_or_404(VersionRecord, project=project, pk=pk, deleted_at__isnull=False)
    try:
        projects.restore(version)
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    return redirect("project", project.slug)


@require_POST
@project_view(Action.MANAGE)
def project_delete(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Move the project to the trash."""
    projects.trash(project)
    messages.success(request, f"{project.title} moved to the trash; it can be restored.")
    return redirect("projects")


@require_POST
@project_view(Action.MANAGE, trashed=True)
def project_restore(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Take a project back out of the trash."""
    projects.restore(project)
    return redirect("project", project.slug)


@require_POST
@project_view(Action.MANAGE)
def member_set(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """Invite a user by name, change a role, or remove a member."""
    username = request.POST.get("username", "")
    try:
        if request.POST.get("remove"):
            projects.remove_member(project, username)
        else:
            projects.set_member(project, username, request.POST.get("role", MemberRole.VIEWER))
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    return redirect("project", project.slug)


@require_safe
@project_view(Action.READ)
def export(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The project folder as a ZIP download."""
    return _download(folders.export_zip(project), f"{project.slug}.zip", "application/zip")


@require_safe
@project_view(Action.EDIT)
def publish_site(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The published static site as a ZIP download."""
    return _published(request, project, publishing.site_zip, "-site.zip", "application/zip")


@require_safe
@project_view(Action.EDIT)
def publish_single(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The published analysis as one HTML file, downloaded."""
    return _published(request, project, lambda p: publishing.single_file(p).encode(), ".html",
                      "text/html; charset=utf-8")  # fmt: skip


@require_safe
@project_view(Action.EDIT)
def publish_docx(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The published analysis as a Word file (tracked changes, notes as comments)."""
    return _published(request, project, publishing.word_file, ".docx", WORD_TYPE)


@require_safe
@project_view(Action.EDIT)
def publish_pdf(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The published analysis as a PDF (each pair's redline, its notes as endnotes)."""
    return _published(request, project, publishing.pdf_file, ".pdf", "application/pdf")


def _published(
    request: HttpRequest, project: ProjectRecord, make: Callable[[ProjectRecord], bytes],
    suffix: str, content_type: str,
) -> HttpResponse:  # fmt: skip
    """The file ``make`` publishes, downloaded as ``<slug><suffix>``; a refusal page if
    the publisher refuses."""
    try:
        data = make(project)
    except VariorumError as error:
        return refused(request, error, "project", project.slug)
    return _download(data, f"{project.slug}{suffix}", content_type)


WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """The icon, for browsers that ask ``/favicon.ico`` of a page naming none (the
    redline); its address is found when asked, once static files are collected."""
    return redirect(static("variorum_web/favicon.svg"), permanent=True)
