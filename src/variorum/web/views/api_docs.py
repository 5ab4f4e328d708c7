"""The API's description: OpenAPI 3.1 JSON for tools, and the same rendered on the
server as a page for people (no script, nothing fetched from elsewhere)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from variorum.annotations.markdown import markdown_to_html
from variorum.web.openapi import ERRORS, spec
from variorum.web.views.api import resource


def _openapi(request: HttpRequest) -> HttpResponse:
    document = spec(request.build_absolute_uri("/"))
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})


def _docs(request: HttpRequest) -> HttpResponse:
    document = spec(request.build_absolute_uri("/"))
    groups: dict[str, list[dict[str, Any]]] = {tag["name"]: [] for tag in document["tags"]}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            groups[operation["tags"][0]].append(_shown(path, method, operation))
    return render(
        request,
        "variorum_web/api_docs.html",
        {
            "info": document["info"],
            "introduction": _markdown(document["info"]["description"]),
            "groups": groups,
            "errors": sorted(ERRORS.items()),
        },
    )


def _shown(path: str, method: str, operation: dict[str, Any]) -> dict[str, Any]:
    """One operation as the page shows it: examples pretty-printed."""
    body = operation.get("requestBody", {}).get("content", {})
    return {
        "id": operation["operationId"],
        "method": method.upper(),
        "path": path,
        "summary": operation["summary"],
        "description": _markdown(operation["description"]),
        "parameters": operation["parameters"],
        "request": [(media, _pretty(content["example"])) for media, content in body.items()],
        "responses": [
            {
                "status": status,
                "description": response["description"],
                "examples": [
                    (media, _pretty(content["example"]))
                    for media, content in response.get("content", {}).items()
                ],
            }
            for status, response in operation["responses"].items()
        ],
    }


def _pretty(example: Any) -> str:
    return (
        example if isinstance(example, str) else json.dumps(example, indent=2, ensure_ascii=False)
    )


def _markdown(text: str) -> str:
    return mark_safe(markdown_to_html(text))


openapi = resource(public=True, GET=_openapi)
docs = resource(public=True, GET=_docs)
