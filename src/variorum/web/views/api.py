"""The JSON API's machinery, its service document and the Markdown preview.

Each address is one ``resource``: a handler per HTTP method. The resource answers
OPTIONS and HEAD, refuses other methods (405) and anonymous callers (401), and turns
what the store refuses into one JSON error, ``{"error": "<one sentence>"}``:

=======  ==========================================================================
status   when
=======  ==========================================================================
400      bad input (VariorumError, a body that is not JSON or nested too deep, an
         unknown field, a note over ``limits.NOTE_CHARACTERS``)
401      not signed in (no session, no ``Authorization: Bearer`` token)
403      the member's role is too small (``store.access.Forbidden``), or no CSRF token
404      no such thing (an annotation deleted meanwhile too), or a project the caller
         is not a member of
405      a method the address does not have
409      a conflict with what is stored (``store.projects.Conflict``)
422      over the server's limits (``store.workers.TooCostly``): a comparison too large
412      ``If-Match`` names a revision that is no longer current (``Stale``)
413      a body over its kind's limit (``views.sizes``), refused unread
415      a body that should be JSON sent as another media type (``text/plain``)
428      ``If-Match`` missing where it is required
503      the database is busy, or enough requests wait for workers already
         (``views.errors``): nothing was saved or started; ``Retry-After``
=======  ==========================================================================

The endpoints live in ``api_annotations`` and ``api_projects``; this module has what
they share.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.csrf import csrf_failure as page_csrf_failure

from variorum.annotations.jsonld import nested_deeper
from variorum.annotations.markdown import markdown_to_html
from variorum.errors import VariorumError
from variorum.web.limits import NOTE_CHARACTERS
from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store import access
from variorum.web.store.access import Action, Forbidden
from variorum.web.store.annotations import Deleted, Stale
from variorum.web.store.projects import Conflict
from variorum.web.store.workers import TooCostly

Handler = Callable[..., HttpResponse]


class ApiError(Exception):
    """A refusal with its HTTP status and one sentence for the caller."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.headers = status, headers or {}
        super().__init__(message)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JsonResponse:
    """The JSON error response."""
    response = JsonResponse({"error": message}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


NOT_SIGNED_IN = (
    "sign in first: send the session cookie, or a personal API token as"
    " 'Authorization: Bearer vt_...' (make one on the API tokens page)"
)


def resource(*, public: bool = False, accept_post: str = "", **handlers: Handler) -> Handler:
    """One address of the API: ``resource(GET=read, PUT=write)``. ``public`` lets
    anonymous callers in (the service document and the API's description only);
    ``accept_post`` is the media type a POST takes, told in the answer to OPTIONS."""
    allowed = ", ".join(sorted({*handlers, "OPTIONS"} | ({"HEAD"} if "GET" in handlers else set())))

    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":  # 200, as the Web Annotation Protocol has it
            response = HttpResponse(status=200)
            response["Allow"] = allowed
            if accept_post:
                response["Accept-Post"] = accept_post
            return response
        handler = handlers.get("GET" if request.method == "HEAD" else str(request.method))
        if handler is None:
            message = f"{request.method} is not allowed here (allowed: {allowed})"
            return error(405, message, {"Allow": allowed})
        if not public and not request.user.is_authenticated:
            return error(401, NOT_SIGNED_IN, {"WWW-Authenticate": 'Bearer realm="variorum"'})
        return _answer(handler, request, kwargs)

    view.methods = frozenset(handlers)  # type: ignore[attr-defined]
    view.public = public  # type: ignore[attr-defined]
    return view


def _answer(handler: Handler, request: HttpRequest, kwargs: dict[str, Any]) -> HttpResponse:
    """Call the handler; every refusal becomes a JSON error."""
    try:
        return handler(request, **kwargs)
    except ApiError as refusal:
        return error(refusal.status, str(refusal), refusal.headers)
    except Http404 as missing:
        return error(404, str(missing) or "no such thing here")
    except Forbidden as refusal:
        return error(403, str(refusal))
    except Stale as stale:
        return error(412, str(stale), {"ETag": stale.current.etag})
    except Conflict as conflict:
        return error(409, str(conflict))
    except Deleted as gone:
        return error(404, str(gone))
    except TooCostly as stopped:
        return error(422, str(stopped))
    except VariorumError as refused:
        return error(400, str(refused))
    except IntegrityError:
        return error(409, "someone else changed the same thing at the same time; try again")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A JSON refusal for API calls without a CSRF token; Django's page elsewhere."""
    if not request.path.startswith("/api/"):
        return page_csrf_failure(request, reason)
    if not request.user.is_authenticated:
        return error(401, NOT_SIGNED_IN, {"WWW-Authenticate": 'Bearer realm="variorum"'})
    return error(
        403,
        "this request has no valid CSRF token: send the csrftoken cookie's value in the"
        " X-CSRFToken header, or authenticate with an API token instead of the session",
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A JSON 404 for an API address that matches no route; the app's page, with a
    way back, elsewhere."""
    if not request.path.startswith("/api/"):
        return render(request, "variorum_web/not_found.html", status=404)
    return error(404, f"there is no API address {request.path!r} (see /api/docs/)")


JSON_DEPTH = 32
"""The deepest nesting of arrays and objects a JSON body may have (an annotation
needs about six): deeper bodies are refused before any code walks them."""


JSON_TYPES = ("application/json", "application/ld+json")
"""The media types a JSON body may be sent as (any ``+json`` type too)."""


def json_body(request: HttpRequest) -> Any:
    """The request's JSON body; 415 if it is sent as another media type."""
    kind = request.content_type or ""
    if request.body and kind not in JSON_TYPES and not kind.endswith("+json"):
        raise ApiError(
            415,
            f"the request body is sent as {kind or 'no media type'!r}; send JSON as"
            ' application/ld+json; profile="http://www.w3.org/ns/anno.jsonld" or'
            " application/json",
            {"Accept-Post": ", ".join(JSON_TYPES)},
        )
    deep = f"the request body is JSON nested deeper than {JSON_DEPTH} levels"
    try:
        data = json.loads(request.body or b"null")
    except json.JSONDecodeError as problem:
        where = f"line {problem.lineno} column {problem.colno}"
        raise ApiError(400, f"the request body is not JSON: {problem.msg} at {where}") from None
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not UTF-8 JSON") from None
    except RecursionError:  # deeper than Python's own parser goes
        raise ApiError(400, deep) from None
    if nested_deeper(data, JSON_DEPTH):
        raise ApiError(400, deep)
    if _holds_nul(data):  # PostgreSQL cannot store it; SQLite would
        nul = "the request body holds a NUL character (\\u0000), which no text may hold"
        raise ApiError(400, nul)
    return data


def _holds_nul(data: Any) -> bool:
    """Whether a string (key or value) of parsed JSON ``data`` holds a NUL."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict):
            stack.extend([*value, *value.values()])
        elif isinstance(value, list):
            stack.extend(value)
    return False


def json_object(request: HttpRequest, fields: dict[str, type | tuple[type, ...]]) -> dict[str, Any]:
    """The request's JSON object, with only ``fields`` (name: type) in it."""
    data = json_body(request)
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    for name, value in data.items():
        if name not in fields:
            raise ApiError(400, f"unknown field {name!r} (known: {', '.join(fields)})")
        if not isinstance(value, fields[name]):
            raise ApiError(400, f"the field {name!r} has the wrong type ({value!r:.40})")
    return data


def strings(data: dict[str, Any], name: str) -> list[str] | None:
    """The list of strings ``data[name]``, None when absent."""
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(400, f"the field {name!r} must be a list of strings")
    return value


def url(request: HttpRequest, name: str, *args: Any) -> str:
    """The absolute address of the route ``name``."""
    return request.build_absolute_uri(reverse(name, args=args))


def project_of(request: HttpRequest, slug: str, action: Action) -> ProjectRecord:
    """The project, if the caller may do ``action`` in it (404 / 403 otherwise)."""
    try:
        return access.project_for(request.user, slug, action)
    except Http404:
        raise ApiError(404, f"there is no project {slug!r} that you are a member of") from None


def version_of(project: ProjectRecord, label: str, field: str = "") -> VersionRecord:
    """The live version ``label`` of ``project`` (404 otherwise, naming the body's
    ``field`` that gave the label, if one did, and the project's versions)."""
    version = project.live_versions().filter(label=label).first()
    if version is None:
        known = ", ".join(project.live_versions().values_list("label", flat=True)) or "none"
        where = f"{field!r}: " if field else ""
        raise ApiError(
            404, f"{where}the project {project.slug!r} has no version {label!r} (versions: {known})"
        )
    return version


def _root(request: HttpRequest) -> HttpResponse:
    """The service document: where everything is."""
    user = request.user
    return JsonResponse(
        {
            "service": "Variorum",
            "user": user.get_username() if user.is_authenticated else None,
            "links": {
                "projects": url(request, "api-projects"),
                "markdown": url(request, "api-markdown"),
                "openapi": url(request, "api-openapi"),
                "docs": url(request, "api-docs"),
                "tokens": url(request, "tokens"),
            },
        }
    )


def _markdown(request: HttpRequest) -> HttpResponse:
    """A Markdown note rendered and sanitized, as the published page will show it."""
    text = json_object(request, {"text": str}).get("text", "")
    if len(text) > NOTE_CHARACTERS:
        raise ApiError(
            400, f"the text is {len(text):,} characters, over the limit of {NOTE_CHARACTERS:,}"
        )
    return JsonResponse({"html": markdown_to_html(text)})


root = resource(public=True, GET=_root)
markdown = resource(POST=_markdown)
