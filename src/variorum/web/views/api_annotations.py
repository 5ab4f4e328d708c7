"""The W3C Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/): one
annotation container per version, each annotation at its own address with an ETag,
plus revisions, restoring deleted annotations, confirming carried annotations,
carrying, and tags.

An annotation's JSON is its W3C JSON-LD, its ``id`` its API address (``canonical``
keeps the IRI it was made with), each target's ``source`` the API address of its
version, and three Variorum keys: ``status``, ``revision`` and ``carried``.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse

from variorum.annotations.jsonld import CONTEXT, from_jsonld, to_jsonld
from variorum.web.kept import kept
from variorum.web.models import AnnotationRecord, ProjectRecord, Revision, VersionRecord
from variorum.web.revision_changes import revision_changes
from variorum.web.store import annotations as store
from variorum.web.store import protocol, workers
from variorum.web.store.access import Action
from variorum.web.store.containers import ContainerState, container_state
from variorum.web.store.protocol import TERMS
from variorum.web.store.redlines import digest
from variorum.web.views.api import (
    ApiError,
    json_body,
    json_object,
    project_of,
    resource,
    url,
    version_of,
)

JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
"""The protocol's media type."""
LDP = "http://www.w3.org/ns/ldp#"
PREFER_MINIMAL = LDP + "PreferMinimalContainer"
PREFER_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
PAGE_SIZE = 100
"""Annotations per page of a container."""
CONSTRAINED_BY = (
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)


def annotation_json(
    request: HttpRequest, row: AnnotationRecord, data: Any = None
) -> dict[str, Any]:
    """The API's JSON-LD of ``row`` (or of one of its revisions' ``data``)."""
    note = from_jsonld(row.data if data is None else data)
    project = row.project
    sources = {label: url(request, "api-version", project.slug, label) for label in note.versions}
    out = to_jsonld(note, sources, context=False)
    out = {"@context": [CONTEXT, TERMS], **out}
    out["id"] = url(request, "api-annotation", project.slug, row.uuid)
    out["canonical"] = row.iri
    stored = row.data if data is None else data
    if isinstance(stored.get(store.VIA), str):
        out["via"] = stored[store.VIA]
    return out | {"status": row.status, "revision": row.revision, "carried": row.carried}


def ld_response(data: Any, status: int = 200, **headers: str) -> HttpResponse:
    """JSON-LD with the protocol's media type (``data`` already encoded, if bytes)."""
    body = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False)
    response = HttpResponse(body, JSON_LD, status=status)
    response["Vary"] = "Accept, Prefer"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _one(
    request: HttpRequest, row: AnnotationRecord, status: int = 200, **headers: str
) -> HttpResponse:
    response = ld_response(annotation_json(request, row), status, ETag=row.etag, **headers)
    response["Link"] = f'<{LDP}Resource>; rel="type", {CONSTRAINED_BY}'
    response["Allow"] = "DELETE, GET, HEAD, OPTIONS, PUT"
    return response


def _row(project: ProjectRecord, uuid: UUID) -> AnnotationRecord:
    row = store.current_annotations(project).filter(uuid=uuid).first()
    if row is None:
        raise ApiError(404, f"the project {project.slug!r} has no annotation {uuid}")
    return row


def _if_match(request: HttpRequest) -> str | None:
    """The ``If-Match`` ETag (None for ``*``); 428 when it is missing."""
    value = request.headers.get("If-Match", "").strip()
    if not value:
        raise ApiError(
            428,
            "send If-Match with the annotation's ETag (from GET): it keeps you from"
            " overwriting an edit saved since you loaded the annotation",
        )
    return None if value == "*" else value


# The container: GET lists, POST creates


ANSWERED = {"*/*", "application/*", "application/ld+json", "application/json"}
"""The media ranges of ``Accept`` that JSON-LD answers."""


def _acceptable(request: HttpRequest) -> None:
    """406 unless the caller accepts JSON-LD (or JSON, or anything)."""
    accepted = request.headers.get("Accept", "").strip()
    ranges = {part.split(";")[0].strip().lower() for part in accepted.split(",")}
    if accepted and not ranges & ANSWERED:
        raise ApiError(
            406, f"this address answers {JSON_LD} (or application/json), not {accepted!r:.80}"
        )


def _container_get(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    _acceptable(request)
    state = container_state(request.user, slug, label)  # the project, role, version and notes
    if state is None:  # the refusal, naming what is missing: the project, or the version
        version_of(project_of(request, slug, Action.READ), label)
        raise ApiError(404, f"there is no version {label!r} in {slug!r} to read")  # a race
    project = state.project
    page, prefer = request.GET.get("page"), request.headers.get("Prefer", "")
    minimal = page is None and PREFER_MINIMAL in prefer
    iris = request.GET.get("iris") == "1" or (page is None and PREFER_IRIS in prefer)
    etag = _container_etag(project, state, label, [minimal, iris, page])
    address = url(request, "api-container", slug, label)
    if _none_match(request, etag):
        return _not_modified(etag)
    key = digest([etag, address])
    body = kept("container").get(key)
    if body is None:  # made once per state of the container, then kept
        version = version_of(project, label)
        on_version = store.live_annotations(project).filter(version=version)
        rows = list(on_version.order_by("created", "id"))
        made = (
            _container(request, project, version, rows, minimal, iris)
            if page is None
            else _page(request, address, rows, page, iris)
        )
        body = json.dumps(made, ensure_ascii=False).encode()
        kept("container").put(key, body)
    located = address if page is None else _page_address(address, int(page), iris)
    response = ld_response(body, ETag=etag, Content_Location=located)
    response["Link"] = (
        f'<{LDP}BasicContainer>; rel="type", <{LDP}Resource>; rel="type", {CONSTRAINED_BY}'
    )
    response["Allow"] = "GET, HEAD, OPTIONS, POST"
    response["Accept-Post"] = JSON_LD
    if minimal or (page is None and PREFER_IRIS in prefer):
        response["Preference-Applied"] = "return=representation"
    return response


def _none_match(request: HttpRequest, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` (or ``*``), compared weakly."""
    given = request.headers.get("If-None-Match", "").split(",")
    tags = {tag.strip().removeprefix("W/") for tag in given}
    return "*" in tags or etag.removeprefix("W/") in tags


def _not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["ETag"] = etag
    response["Vary"] = "Accept, Prefer"
    return response


def _container(
    request: HttpRequest,
    project: ProjectRecord,
    version: VersionRecord,
    rows: list[AnnotationRecord],
    minimal: bool,
    iris: bool,
) -> dict[str, Any]:
    address = url(request, "api-container", project.slug, version.label)
    out: dict[str, Any] = {
        "@context": [CONTEXT, "http://www.w3.org/ns/ldp.jsonld", TERMS],
        "id": address,
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": f"Annotations on version {version.label} of {project.title}",
        "total": len(rows),
    }
    if rows:
        out["modified"] = max(row.modified for row in rows).isoformat()
        last = (len(rows) - 1) // PAGE_SIZE
        out["first"] = (
            _page_address(address, 0, iris)
            if minimal
            else _page_body(request, address, rows, 0, iris)
        )
        out["last"] = _page_address(address, last, iris)
    return out


def _page(
    request: HttpRequest, address: str, rows: list[AnnotationRecord], number: str, iris: bool
) -> dict[str, Any]:
    last = max(0, (len(rows) - 1) // PAGE_SIZE)
    if not number.isdigit() or int(number) > last:
        raise ApiError(404, f"this container has pages 0 to {last}, not {number!r:.20}")
    page = _page_body(request, address, rows, int(number), iris)
    partof = {"id": address, "total": len(rows)}
    if rows:
        partof["modified"] = max(row.modified for row in rows).isoformat()
    return {"@context": [CONTEXT, TERMS], **page, "partOf": partof}


def _page_body(
    request: HttpRequest, address: str, rows: list[AnnotationRecord], number: int, iris: bool
) -> dict[str, Any]:
    start = number * PAGE_SIZE
    chosen = rows[start : start + PAGE_SIZE]
    items = [
        url(request, "api-annotation", row.project.slug, row.uuid)
        if iris
        else annotation_json(request, row)
        for row in chosen
    ]
    page: dict[str, Any] = {
        "id": _page_address(address, number, iris),
        "type": "AnnotationPage",
        "startIndex": start,
        "items": items,
    }
    if number > 0:
        page["prev"] = _page_address(address, number - 1, iris)
    if start + PAGE_SIZE < len(rows):
        page["next"] = _page_address(address, number + 1, iris)
    return page


def _page_address(address: str, number: int, iris: bool) -> str:
    return f"{address}?iris={int(iris)}&page={number}"


def _container_etag(
    project: ProjectRecord, state: ContainerState, label: str, variant: list[Any]
) -> str:
    """The weak ETag of a container's answer: its annotations' revisions and times of
    change (a renamed version rewrites targets and their time), the project's title,
    the version's label and the ``variant`` asked for (preferences, page)."""
    inputs = [state.annotations, project.title, label, variant]
    return f'W/"{digest(inputs)[:32]}"'


def _container_post(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    version = version_of(project, label)
    data = json_body(request)
    note, status = protocol.read_annotation(data, project, version)
    if version.label not in note.versions[-1:]:
        raise ApiError(
            400,
            f"the annotation targets version {note.versions[-1]!r}; post it to that"
            " version's container",
        )
    given = data.get("id") if isinstance(data, dict) else None  # the protocol: to via
    via = given if isinstance(given, str) else ""
    row = store.create(project, request.user, note, status, via=via)
    address = url(request, "api-annotation", project.slug, row.uuid)
    return _one(request, row, 201, Location=address)


# One annotation


def _annotation_get(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    _acceptable(request)
    row = _row(project_of(request, slug, Action.READ), uuid)
    if request.headers.get("If-None-Match", "").strip() == row.etag:
        response = HttpResponse(status=304)
        response["ETag"] = row.etag
        return response
    return _one(request, row)


def _annotation_put(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    row = _row(project, uuid)
    if_match = _if_match(request)
    data = json_body(request)
    _same_identity(request, row, data)
    note, status = protocol.read_annotation(data, project, row.version, row.status)
    return _one(request, store.update(row, request.user, note, status, if_match))


def _same_identity(request: HttpRequest, row: AnnotationRecord, data: Any) -> None:
    """400 if a PUT's ``id`` or ``canonical`` is not this annotation's own: an
    annotation keeps its identity; another one is posted to a container."""
    if not isinstance(data, dict):
        return
    address = url(request, "api-annotation", row.project.slug, row.uuid)
    for key, own in (("id", (address, row.iri)), ("canonical", (row.iri,))):
        if key in data and data[key] not in own:
            raise ApiError(
                400,
                f"{key!r} is {data[key]!r:.120}, not this annotation's {own[0]!r}: an"
                " annotation's identity cannot change; post a new one to a container instead",
            )


def _annotation_delete(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    row = _row(project_of(request, slug, Action.EDIT), uuid)
    store.delete(row, request.user, _if_match(request))
    return HttpResponse(status=204)


def _revisions(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    project = project_of(request, slug, Action.READ)
    row = AnnotationRecord.objects.filter(project=project, uuid=uuid).first()
    if row is None:
        raise ApiError(404, f"the project {project.slug!r} has no annotation {uuid}")
    saved = store.revisions(row)
    texts = [_text_of(revision.data) for revision in saved]
    changes = workers.run("comparing the revisions", revision_changes, texts)
    return JsonResponse(
        {
            "annotation": url(request, "api-annotation", project.slug, row.uuid),
            "etag": row.etag,
            "deleted": row.deleted_at is not None,
            "revisions": [
                _revision(request, row, revision) | {"changes": change}
                for revision, change in zip(saved, changes, strict=True)
            ],
        }
    )


def _text_of(data: Any) -> str:
    """A revision's note as its history compares it: the Markdown, then the tags."""
    body = from_jsonld(data).body
    return body.text + ("\n#" + " #".join(body.tags) if body.tags else "")


def _revision(request: HttpRequest, row: AnnotationRecord, saved: Revision) -> dict[str, Any]:
    data = annotation_json(request, row, saved.data)
    data |= {"status": saved.status, "revision": saved.number}
    del data["carried"]  # a revision does not record it
    return {
        "number": saved.number,
        "saved": saved.saved.isoformat(),
        "author": saved.author.get_username() if saved.author else None,
        "status": saved.status,
        "deleted": saved.deleted,
        "annotation": data,
    }


def _confirm(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    row = _row(project_of(request, slug, Action.EDIT), uuid)
    if_match = _if_match(request)
    if not row.carried:
        raise ApiError(409, "this annotation was not carried from another version (or is"
                       " already confirmed): there is nothing to confirm")  # fmt: skip
    return _one(request, store.confirm(row, request.user, if_match))


def _restore(request: HttpRequest, slug: str, uuid: UUID) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    row = AnnotationRecord.objects.filter(project=project, uuid=uuid).first()
    if row is None:
        raise ApiError(404, f"the project {project.slug!r} has no annotation {uuid}")
    if_match = _if_match(request)
    if row.deleted_at is None:
        raise ApiError(409, "this annotation is not deleted: there is nothing to restore")
    return _one(request, store.restore(row, request.user, if_match))


# The project's annotations as a whole


def _carry(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.EDIT)
    data = json_object(request, {"from": str, "to": str})
    if "from" not in data or "to" not in data:
        raise ApiError(400, 'name the versions: {"from": "<label>", "to": "<label>"}')
    old, new = (version_of(project, data[key], key) for key in ("from", "to"))
    reports = protocol.carry_between(project, old, new, request.user)
    return JsonResponse(
        {
            "from": url(request, "api-version", project.slug, old.label),
            "to": url(request, "api-version", project.slug, new.label),
            "annotations": [
                {
                    "annotation": url(request, "api-annotation", slug, report.source.uuid),
                    "status": report.status,
                    "copy": (
                        url(request, "api-annotation", slug, report.copy.uuid)
                        if report.copy
                        else None
                    ),
                }
                for report in reports
            ],
        }
    )


def _tags(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_of(request, slug, Action.READ)
    counts = protocol.tag_counts(project)
    return JsonResponse({"tags": [{"tag": tag, "count": count} for tag, count in counts]})


container = resource(GET=_container_get, POST=_container_post, accept_post=JSON_LD)
annotation = resource(GET=_annotation_get, PUT=_annotation_put, DELETE=_annotation_delete)
revisions = resource(GET=_revisions)
confirm = resource(POST=_confirm)
restore = resource(POST=_restore)
carry = resource(POST=_carry)
tags = resource(GET=_tags)
