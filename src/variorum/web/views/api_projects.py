"""Projects, versions and comparisons in the JSON API.

Roles as on the pages (``store.access``): members read; editors change the project's
description and its versions; owners delete. Deleting moves to the trash, from where
the project page restores. A comparison is made in a worker process within the
server's limits: until it is ready the answer is 202 with ``Retry-After`` (ask the
same address again), and 422 if it is over a limit.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from variorum.options import SWITCHES, CompareOptions
from variorum.web.jobs import Done, Failed, Running
from variorum.web.models import Membership, ProjectRecord, VersionRecord
from variorum.web.store import projects as store
from variorum.web.store.access import Action
from variorum.web.store.comparisons import comparison_state
from variorum.web.store.documents import document_of
from variorum.web.views.api import (
    ApiError,
    json_object,
    project_of,
    resource,
    strings,
    url,
    version_of,
)

PROJECT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "authors": list,
    "introduction": str,
}
VERSION_FIELDS: dict[str, type | tuple[type, ...]] = {"label": str, "date": str, "source": str}
RETRY_SECONDS = 2
"""When a caller is told to ask again for a comparison still being made (202)."""


def project_json(request: HttpRequest, project: ProjectRecord, role: str | None) -> dict[str, Any]:
    """A project as the API shows it."""
    return {
        "slug": project.slug,
        "title": project.title,
        "authors": project.authors,
        "introduction": project.introduction,
        "role": role,
        "created": project.created.isoformat(),
        "modified": project.modified.isoformat(),
        "url": url(request, "api-project", project.slug),
        "versions": url(request, "api-versions", project.slug),
        "tags": url(request, "api-tags", project.slug),
        "page": url(request, "project", project.slug),
    }


def version_json(request: HttpRequest, version: VersionRecord) -> dict[str, Any]:
    """A version as the API shows it."""
    slug, label = version.project.slug, version.label
    return {
        "label": label,
        "position": version.position,
        "date": version.date,
        "source": version.source,
        "filename": version.filename,
        "format": version.format,
        "sha256": version.sha256,
        "created": version.created.isoformat(),
        "url": url(request, "api-version", slug, label),
        "text": url(request, "api-version-text", slug, label),
        "annotations": url(request, "api-container", slug, label),
    }


def _projects_get(request: HttpRequest) -> HttpResponse:
    mine = Membership.objects.filter(user=request.user, project__deleted_at__isnull=True)
    mine = mine.select_related("project").order_by("-project__modified")
    return JsonResponse(
        {"projects": [project_json(request, member.project, member.role) for member in mine]}
    )


def _projects_post(request: HttpRequest) -> HttpResponse:
    data = json_object(request, PROJECT_FIELDS)
    project = store.create_project(
        request.user, data.get("title", ""), strings(data, "authors") or [],
        data.get("introduction", ""),
    )  # fmt: skip
    response = JsonResponse(project_json(request, project, "owner"), status=201)
    response["Location"] = url(request, "api-project", project.slug)
    return response


def _project_get(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.READ)
    body = project_json(request, project, project.role_of(request.user))
    body["versions"] = [version_json(request, version) for version in project.live_versions()]
    return JsonResponse(body)


def _project_patch(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    data = json_object(request, PROJECT_FIELDS)
    authors = strings(data, "authors")
    store.update_project(
        project,
        data.get("title", project.title),
        project.authors if authors is None else authors,
        data.get("introduction", project.introduction),
    )
    return JsonResponse(project_json(request, project, project.role_of(request.user)))


def _project_delete(request: HttpRequest, slug: str) -> HttpResponse:
    store.trash(project_of(request, slug, Action.MANAGE))
    return HttpResponse(status=204)


def _versions_get(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.READ)
    return JsonResponse(
        {"versions": [version_json(request, version) for version in project.live_versions()]}
    )


def _versions_post(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError(400, "send the version's file as the multipart form field 'file'")
    version = store.add_uploaded_version(project, upload, request.POST)
    response = JsonResponse(version_json(request, version), status=201)
    response["Location"] = url(request, "api-version", slug, version.label)
    return response


def _version_get(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    version = version_of(project_of(request, slug, Action.READ), label)
    return JsonResponse(version_json(request, version))


def _version_patch(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    version = version_of(project_of(request, slug, Action.EDIT), label)
    data = json_object(request, VERSION_FIELDS)
    store.update_version(
        version,
        data.get("label", version.label),
        data.get("date", version.date),
        data.get("source", version.source),
    )
    return JsonResponse(version_json(request, version))


def _version_delete(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    store.trash(version_of(project_of(request, slug, Action.MANAGE), label))
    return HttpResponse(status=204)


def _text(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    version = version_of(project_of(request, slug, Action.READ), label)
    return HttpResponse(document_of(version).text, content_type="text/plain; charset=utf-8")


def _comparison(request: HttpRequest, slug: str, old: str, new: str) -> HttpResponse:
    project = project_of(request, slug, Action.READ)
    before, after = version_of(project, old), version_of(project, new)
    options = CompareOptions().with_changes(**{flag: _flag(request, flag) for flag in SWITCHES})
    state = comparison_state(project, before, after, options)
    if not isinstance(state, Done):
        return unfinished(state, "comparing these versions")
    return HttpResponse(state.value, content_type="application/json")


def unfinished(state: Running | Failed, what: str) -> HttpResponse:
    """The answer while work made in a worker is not done: 202 with ``Retry-After``
    while it runs, 422 if it failed or went over a limit (``what`` names the work)."""
    if isinstance(state, Running):
        response = JsonResponse(
            {"status": "comparing", "seconds": round(state.seconds), "started": state.started,
             "limit": settings.VARIORUM_COMPARE_SECONDS},
            status=202,
        )  # fmt: skip
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    if state.over_limit:
        raise ApiError(422, f"{what} {state.message} that this server allows")
    raise ApiError(422, state.message)


def _flag(request: HttpRequest, name: str) -> bool:
    value = request.GET.get(name, "0").lower()
    if value not in ("0", "1", "true", "false", ""):
        raise ApiError(400, f"the option {name!r} is 1 or 0, not {value!r:.20}")
    return value in ("1", "true")


projects = resource(GET=_projects_get, POST=_projects_post)
project = resource(GET=_project_get, PATCH=_project_patch, DELETE=_project_delete)
versions = resource(GET=_versions_get, POST=_versions_post)
version = resource(GET=_version_get, PATCH=_version_patch, DELETE=_version_delete)
text = resource(GET=_text)
comparison = resource(GET=_comparison)
