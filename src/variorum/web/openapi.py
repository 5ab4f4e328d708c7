"""The API's OpenAPI 3.1 description, built from one table of its operations.

A table rather than a hand-written YAML file: the errors, parameters and security
that every operation shares are written once, each row stays a few lines (what it
does, who may, an example in and out), and a test checks the table against the
routes of ``api_urls`` so that no route goes undocumented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from variorum.web.openapi_examples import (
    ANNOTATION,
    CARRY,
    COMPARISON,
    CONTAINER,
    NEW_ANNOTATION,
    PAGE,
    PROJECT,
    REVISIONS,
    ROOT,
    VERSION,
)

JSON = "application/json"
FEED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Privacy policy: changes</title><entry><title>2019-06-01: 120 words inserted, 35"
    " deleted, 0 moved</title>...</entry></feed>"
)
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

ERRORS = {
    400: "Bad input: the message names the input and the problem; nothing was stored.",
    401: "Not signed in: send the session cookie or `Authorization: Bearer vt_...`.",
    403: "Your role in the project does not allow this (or a session call without CSRF).",
    404: "No such thing (or an annotation deleted meanwhile), or a project you are not"
    " a member of.",
    409: "A conflict with what is stored (a label already in use, a concurrent change).",
    412: "`If-Match` names a revision that is no longer current: reload, apply again.",
    413: "The body is larger than its kind allows (see the limits in docs/web.md); it was"
    " not read.",
    406: "`Accept` names neither JSON-LD nor JSON (nor `*/*`).",
    415: "A JSON body sent as another media type (such as `text/plain`); `Accept-Post`"
    " names the ones taken.",
    422: "The comparison is over the server's time or memory limit (or a file cannot be"
    " read): the message says which.",
    428: "`If-Match` is missing: send the ETag you received with the annotation.",
}


@dataclass(frozen=True, slots=True)
class Operation:
    """One method of one address, as the documentation shows it."""

    method: str
    """HTTP method, upper case."""
    path: str
    """Path with ``{name}`` parameters, such as ``/api/projects/{slug}/``."""
    summary: str
    """What it does, in one line."""
    tag: str
    """Its group in the documentation."""
    who: str
    """Who may call it: ``anyone``, ``signed in``, ``viewer``, ``editor`` or ``owner``."""
    status: int = 200
    """The status of success."""
    answer: Any = None
    """An example of the response body (None: no body)."""
    answer_type: str = JSON
    """The response's media type."""
    body: Any = None
    """An example of the request body (None: no body)."""
    body_schema: dict[str, Any] = field(default_factory=dict)
    """The request body's JSON Schema (empty: any JSON object)."""
    body_type: str = JSON
    """The request's media type."""
    errors: tuple[int, ...] = ()
    """Failure statuses beyond those that follow from ``who`` and the path."""
    headers: tuple[str, ...] = ()
    """Request headers it reads (``If-Match``, ``Prefer``, ``If-None-Match``)."""
    query: tuple[str, ...] = ()
    """Query parameters it reads."""
    description: str = ""
    """More than the summary, when needed (Markdown)."""


DAY: dict[str, Any] = {"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}
"""A version's date: an ISO 8601 day, or empty."""
LABEL_CHARACTERS = "[^/\\x00-\\x1f\\x7f-\\x9f]"
NOT_DOTS = "(?!\\s*\\.{1,2}\\s*$)"
LABEL = f"^{NOT_DOTS}(?=.*\\S){LABEL_CHARACTERS}+$"
"""A version label: no slash, not '.' or '..' (it is part of addresses), no control
characters, not only spaces."""
UPLOAD_LABEL = f"^{NOT_DOTS}{LABEL_CHARACTERS}*$"
"""An uploaded version's label: the same, or empty for the file's name."""
SLUG = "^[-a-zA-Z0-9_]+$"

PROJECT_BODY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "pattern": "\\S", "maxLength": 300},
        "authors": {"type": "array", "items": {"type": "string"}},
        "introduction": {"type": "string"},
    },
}
VERSION_BODY: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "label": {"type": "string", "pattern": LABEL, "maxLength": 80},
        "date": DAY | {"description": "YYYY-MM-DD, or empty"},
        "source": {"type": "string", "maxLength": 500},
    },
}
UPLOAD_BODY = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "contentMediaType": "application/octet-stream"},
        **VERSION_BODY["properties"],
        "label": {"type": "string", "pattern": UPLOAD_LABEL, "maxLength": 80},
    },
}
ANNOTATION_BODY = {
    "type": "object",
    "required": ["target"],
    "description": "W3C JSON-LD; `status` is `draft` (the default) or `published`.",
}
PATH_SCHEMAS: dict[str, dict[str, Any]] = {
    "uuid": {"type": "string", "format": "uuid"},
    "slug": {"type": "string", "pattern": SLUG},
}
"""Path parameters' schemas; the others are version labels."""
P = "/api/projects/{slug}/"
V = P + "versions/{label}/"
A = P + "annotations/{uuid}/"

OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/api/", "The service document: where everything is", "Service",
              "anyone", answer=ROOT),
    Operation("GET", "/api/openapi.json", "This description, as OpenAPI 3.1 JSON", "Service",
              "anyone", answer={"openapi": "3.1.0", "info": {"title": "Variorum API"}}),
    Operation("GET", "/api/docs/", "This description, as a page", "Service", "anyone",
              answer="<!doctype html>...", answer_type="text/html"),
    Operation("POST", "/api/markdown/", "Render a Markdown note as the published page will",
              "Annotations", "signed in", body={"text": "See *article 19*."},
              body_schema={"type": "object", "additionalProperties": False,
                           "properties": {"text": {"type": "string"}}},
              answer={"html": "<p>See <em>article 19</em>.</p>\n"}, errors=(400,),
              description="Sanitized: no script, style or event handler survives."),
    Operation("GET", "/api/projects/", "Your projects, with your role in each", "Projects",
              "signed in", answer={"projects": [PROJECT]}),
    Operation("POST", "/api/projects/", "Start a project (you become its owner)", "Projects",
              "signed in", status=201, body={"title": "Terms of service", "authors": ["Ann"]},
              body_schema=PROJECT_BODY | {"required": ["title"]}, answer=PROJECT, errors=(400,)),
    Operation("GET", P, "A project and its versions", "Projects", "viewer",
              answer=PROJECT | {"versions": [VERSION]}),
    Operation("PATCH", P, "Change the title, authors or introduction", "Projects", "editor",
              body={"introduction": "What changed in 2015."}, body_schema=PROJECT_BODY,
              answer=PROJECT, errors=(400,)),
    Operation("DELETE", P, "Move the project to the trash (the project page restores it)",
              "Projects", "owner", status=204),
    Operation("GET", P + "versions/", "The versions, in the project's order", "Versions",
              "viewer", answer={"versions": [VERSION]}),
    Operation("POST", P + "versions/", "Upload a version (any format Variorum reads)",
              "Versions", "editor", status=201, body_type="multipart/form-data",
              body={"file": "(the file)", "label": "2015", "date": "2015-01-13"},
              body_schema=UPLOAD_BODY, answer=VERSION, errors=(400, 409)),
    Operation("GET", V, "One version", "Versions", "viewer", answer=VERSION),
    Operation("PATCH", V, "Change a version's label, date or source", "Versions", "editor",
              body={"date": "2015-01-13"}, body_schema=VERSION_BODY, answer=VERSION,
              errors=(400, 409)),
    Operation("DELETE", V, "Move a version to the trash", "Versions", "owner", status=204),
    Operation("GET", V + "text", "The version's canonical text (offsets index it)",
              "Versions", "viewer", answer="Distr: General\n13 January, 2015\n...",
              answer_type="text/plain; charset=utf-8"),
    Operation("GET", P + "compare/{old}/{new}/", "The comparison of two versions", "Versions",
              "viewer", answer=COMPARISON, errors=(400, 422),
              query=("ignore_case", "ignore_whitespace", "ignore_punctuation",
                     "fold_typography", "ignore_links", "ignore_images", "blocks_only"),
              description="The library's comparison JSON (`variorum compare -f json`). It is"
              " made in a worker process: while it is being made the answer is 202 with"
              " `Retry-After` and `{\"status\": \"comparing\", \"seconds\": ...}`; ask the"
              " same address again. A finished comparison is kept, so the next call is"
              " immediate."),
    Operation("GET", P + "feed.atom", "An Atom feed of the document's changes", "History",
              "viewer", answer=FEED, answer_type="application/atom+xml; charset=utf-8",
              errors=(409, 422),
              description="One entry for each version that changed the document, newest"
              " first: its date, the words changed, the word-level redline and the notes on"
              " it (RFC 4287). Subscribe a feed reader with a read token"
              " (`Authorization: Bearer vt_...`). Made in a worker process: 202 with"
              " `Retry-After` until ready, then kept until the versions or notes change."),
    Operation("GET", P + "provisions/{provision}/feed.atom", "An Atom feed of one provision's"
              " changes", "History", "viewer", answer=FEED,
              answer_type="application/atom+xml; charset=utf-8", errors=(404, 409, 422),
              description="The provision is named by its label or some of its words in the"
              " newest version (`7`, `Data retention`), followed back through renumbering,"
              " moves, splits and merges; one entry for each version that changed it. 404"
              " if no block, or more than one, matches."),
    Operation("GET", V + "annotations/", "The version's annotation container", "Annotations",
              "viewer", answer=CONTAINER, answer_type=JSON_LD,
              headers=("Prefer", "If-None-Match"), query=("page", "iris"), errors=(406,),
              description="An `ldp:BasicContainer` and `AnnotationCollection` with its first"
              " page embedded. `Prefer: return=representation;include=\"http://www.w3.org/ns/"
              "ldp#PreferMinimalContainer\"` leaves the annotations out; `include=\"http://www"
              ".w3.org/ns/oa#PreferContainedIRIs\"` lists their addresses only. `?page=N` is"
              f" one page (an `AnnotationPage`, example: `{PAGE['id']}`). The weak `ETag`"
              " changes with any annotation, the title or the label: `If-None-Match` with"
              " it is answered 304. 406 if `Accept` names neither JSON-LD nor JSON."),
    Operation("POST", V + "annotations/", "Annotate a passage of the version", "Annotations",
              "editor", status=201, body=NEW_ANNOTATION, body_type=JSON_LD,
              body_schema=ANNOTATION_BODY, answer=ANNOTATION, answer_type=JSON_LD,
              errors=(400,),
              description="The target's `source` may be left out (this version), be the"
              " version's label or its API address. Give a `TextQuoteSelector` (exact, with a"
              " prefix or suffix if the words recur) or a `TextPositionSelector` on the"
              " version's text: the other selector is made. The answer has `Location` and"
              " `ETag`."),
    Operation("GET", A, "One annotation, with its ETag", "Annotations", "viewer",
              answer=ANNOTATION, answer_type=JSON_LD, headers=("If-None-Match",),
              errors=(406,), description="406 if `Accept` names neither JSON-LD nor JSON."),
    Operation("PUT", A, "Save a new revision of an annotation", "Annotations", "editor",
              body=ANNOTATION, body_type=JSON_LD, body_schema=ANNOTATION_BODY,
              answer=ANNOTATION | {"revision": 2}, answer_type=JSON_LD,
              errors=(400, 412, 428), headers=("If-Match",),
              description="`If-Match` must be the ETag you loaded: if someone saved since,"
              " the answer is 412 and nothing is overwritten; if someone deleted it, 404."
              " The `creator` is the annotation's author, kept by the server: what you send"
              " is ignored. `id` and `canonical` cannot change (400). `status: draft` on a"
              " published annotation saves a pending edit: publications keep its last"
              " published revision until it is published again (to withdraw a note,"
              " delete it)."),
    Operation("DELETE", A, "Delete an annotation (its revisions stay)", "Annotations",
              "editor", status=204, errors=(412, 428), headers=("If-Match",),
              description="404 if it is deleted already (by someone else meanwhile too)."),
    Operation("GET", A + "revisions/", "Every saved revision, oldest first", "Annotations",
              "viewer", answer=REVISIONS,
              description="Deleted annotations keep their revisions, the last one marked"
              " `deleted`; `etag` is the current revision's ETag (the `If-Match` of a"
              " restore) and `deleted` says whether the annotation is deleted now. Each"
              " revision's `changes` is what it changed from the one before, as the"
              " comparison's segments (`=` kept, `-` deleted, `+` inserted) of its note and"
              " tags. To restore a revision, PUT its `annotation` with `If-Match: etag`."),
    Operation("POST", A + "restore/", "Restore a deleted annotation", "Annotations",
              "editor", answer=ANNOTATION | {"revision": 4}, answer_type=JSON_LD,
              errors=(400, 409, 412, 428), headers=("If-Match",),
              description="Brings the annotation back as it was before its deletion, as a"
              " new revision. `If-Match` is the ETag given by its revisions (`etag`); 409 when"
              " it is not deleted, 400 when its words are no longer in its version."),
    Operation("POST", A + "confirm/", "Confirm a carried annotation as it stands",
              "Annotations", "editor", answer=ANNOTATION, answer_type=JSON_LD,
              errors=(409, 412, 428), headers=("If-Match",),
              description="Clears `carried`; 409 when the annotation is not a carried one."),
    Operation("POST", P + "carry/", "Carry annotations from one version to another",
              "Annotations", "editor", body={"from": "2011", "to": "2015"},
              body_schema={"type": "object", "required": ["from", "to"],
                           "additionalProperties": False,
                           "properties": {"from": {"type": "string"}, "to": {"type": "string"}}},
              answer=CARRY, errors=(400,),  # 404: a version it names is not there
              description="Each annotation of `from` gets a draft copy on `to`, marked"
              " `carried`: intact, changed or moved. A note whose passage `to` deleted (or"
              " that could not be anchored) gets a copy marked `deleted` (or `orphaned`) that"
              " keeps its target on `from` and is left out of `to`'s container: attach it"
              " with a PUT targeting words of `to`, or DELETE it. Carrying again, even at the"
              " same moment, adds no second copy."),
    Operation("GET", P + "tags/", "The project's tags, most used first", "Annotations",
              "viewer", answer={"tags": [{"tag": "scope", "count": 4}]}),
)  # fmt: skip


def spec(server: str = "/") -> dict[str, Any]:
    """The OpenAPI 3.1 document."""
    paths: dict[str, Any] = {}
    for operation in OPERATIONS:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(operation)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Variorum API",
            "version": "1",
            "description": INTRODUCTION,
        },
        "servers": [{"url": server}],
        "security": [{"token": []}, {"session": []}],
        "tags": [{"name": name} for name in dict.fromkeys(op.tag for op in OPERATIONS)],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": TOKEN},
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "sessionid",
                    "description": SESSION,
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                }
            },
        },
    }


INTRODUCTION = (
    "JSON over HTTP. Annotations follow the W3C Web Annotation Protocol: one container per"
    " version, each annotation at its own address with an ETag. Every error is"
    ' `{"error": "<one sentence>"}`. Members of a project read it; editors change versions'
    " and annotations; owners delete. Anyone else learns nothing: the project is 404."
    " Where Variorum differs from the W3C Web Annotation Protocol on purpose: a PUT or"
    " DELETE needs `If-Match` (428 without it), so that no edit overwrites another"
    " unseen; an annotation's `id` is its own address under `/api/projects/.../annotations/`,"
    " outside its version's container (it moves with its version's label); and a target"
    " can only be a passage of a version of the project (anything else is 400). A"
    " client's `canonical` is kept on POST and its `id` moved to `via` (kept through edits,"
    " export and import); Variorum's `status`, `revision` and `carried` are terms of the"
    " `@context`. CORS is off unless the server lists other sites in"
    " `VARIORUM_CORS_ORIGINS`: their scripts may then GET the containers and their"
    " annotations with a token, never write, and never with the session cookie."
)
TOKEN = (
    "A personal API token (the API tokens page): `Authorization: Bearer vt_...`. No CSRF."
    " Accepted only under `/api/`; a `read` token may only GET; every token expires (401)."
)
SESSION = "The browser's session; changes need the CSRF token in the `X-CSRFToken` header."


def _operation(operation: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "summary": operation.summary,
        "description": (operation.description + f"\n\nWho may: {operation.who}.").strip(),
        "operationId": _operation_id(operation),
        "tags": [operation.tag],
        "parameters": _parameters(operation),
        "responses": _responses(operation),
    }
    if operation.who == "anyone":
        out["security"] = [{}]
    if operation.body is not None:
        schema = operation.body_schema or {"type": "object"}
        media = {"schema": schema, "example": operation.body}
        out["requestBody"] = {"required": True, "content": {operation.body_type: media}}
    return out


def _operation_id(operation: Operation) -> str:
    words = re.findall(r"[a-z]+", operation.path.replace("{", "by-").lower())
    return operation.method.lower() + "".join(word.title() for word in words[1:])


def _parameters(operation: Operation) -> list[dict[str, Any]]:
    found = []
    for name in re.findall(r"{(\w+)}", operation.path):
        schema = PATH_SCHEMAS.get(name, {"type": "string", "pattern": LABEL})
        found.append({"name": name, "in": "path", "required": True, "schema": schema})
    for name in operation.headers:
        required = name == "If-Match"
        found.append({"name": name, "in": "header", "required": required,
                      "schema": {"type": "string"}})  # fmt: skip
    for name in operation.query:
        value: dict[str, Any] = (
            {"type": "integer", "minimum": 0} if name == "page" else {"enum": ["0", "1"]}
        )
        found.append({"name": name, "in": "query", "required": False, "schema": value})
    return found


def _responses(operation: Operation) -> dict[str, Any]:
    success: dict[str, Any] = {"description": operation.summary}
    if operation.answer is not None:
        schema = {"type": "string"} if isinstance(operation.answer, str) else {"type": "object"}
        success["content"] = {
            operation.answer_type: {"schema": schema, "example": operation.answer}
        }
    responses = {str(operation.status): success}
    for status in sorted(_failures(operation)):
        example = {"error": ERRORS[status]}
        content = {JSON: {"schema": {"$ref": "#/components/schemas/Error"}, "example": example}}
        responses[str(status)] = {"description": ERRORS[status], "content": content}
    return responses


def _failures(operation: Operation) -> set[int]:
    failures = set(operation.errors)
    if operation.who != "anyone":
        failures.add(401)
    if operation.who in ("editor", "owner"):
        failures.add(403)
    if "{" in operation.path:
        failures.add(404)
    if operation.method in ("POST", "PUT", "PATCH", "DELETE") and operation.who != "anyone":
        failures.add(403)  # a session call without the CSRF token
    if operation.body is not None and "json" in operation.body_type:
        failures.add(415)
    return failures
