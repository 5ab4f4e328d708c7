"""Calling the annotation containers of the API (W3C Web Annotation Protocol) in tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

from variorum.web.models import ProjectRecord

JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
QUOTE = "considerable progress achieved"


def container(project: ProjectRecord, label: str = "2015") -> str:
    return f"/api/projects/{project.slug}/versions/{label}/annotations/"


def quoted(exact: str, text: str = "A note.", **more: Any) -> dict[str, Any]:
    """An annotation as a script would post it: a quote and a Markdown note."""
    return {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": text, "format": "text/markdown"}],
        "target": {"selector": {"type": "TextQuoteSelector", "exact": exact}},
        **more,
    }


def post(client: Client, address: str, data: Any, **headers: str) -> Any:
    return client.post(address, data, content_type="application/ld+json", headers=headers)


def put(client: Client, address: str, data: Any, **headers: str) -> Any:
    return client.put(address, data, content_type="application/ld+json", headers=headers)
