"""Examples of the API's answers, for its OpenAPI description (``openapi.py``); a test
checks that real answers have the same keys."""

from __future__ import annotations

from typing import Any

from variorum.web.store.protocol import TERMS

HOST = "http://127.0.0.1:8000"
SLUG = "icoc-2011-2015"
UUID = "6f1c2b1e-8a2d-4c55-9a57-0d4f7b0e93a1"
PROJECT_URL = f"{HOST}/api/projects/{SLUG}/"
VERSION_URL = f"{PROJECT_URL}versions/2015/"
ANNOTATION_URL = f"{PROJECT_URL}annotations/{UUID}/"

ROOT = {
    "service": "Variorum",
    "user": "analyst",
    "links": {
        "projects": f"{HOST}/api/projects/",
        "markdown": f"{HOST}/api/markdown/",
        "openapi": f"{HOST}/api/openapi.json",
        "docs": f"{HOST}/api/docs/",
        "tokens": f"{HOST}/tokens/",
    },
}

PROJECT: dict[str, Any] = {
    "slug": SLUG,
    "title": "International Code of Conduct for Information Security",
    "authors": ["A. Analyst"],
    "introduction": "What changed between the 2011 and 2015 drafts.",
    "role": "owner",
    "created": "2025-01-13T09:30:00+00:00",
    "modified": "2025-01-14T16:02:11+00:00",
    "url": PROJECT_URL,
    "versions": f"{PROJECT_URL}versions/",
    "tags": f"{PROJECT_URL}tags/",
    "page": f"{HOST}/p/{SLUG}/",
}

VERSION = {
    "label": "2015",
    "position": 2,
    "date": "2015-01-13",
    "source": "https://undocs.org/A/69/723",
    "filename": "2015.txt",
    "format": "text",
    "sha256": "9c0f6d5e2b7c4a1f8e3d2c1b0a99887766554433221100ffeeddccbbaa998877",
    "created": "2025-01-13T09:31:02+00:00",
    "url": VERSION_URL,
    "text": f"{VERSION_URL}text",
    "annotations": f"{VERSION_URL}annotations/",
}

NEW_ANNOTATION = {
    "type": "Annotation",
    "body": [
        {
            "type": "TextualBody",
            "value": "The 2015 text adds *human rights*.",
            "format": "text/markdown",
        },
        {"type": "TextualBody", "value": "rights", "purpose": "tagging"},
    ],
    "target": {
        "source": VERSION_URL,
        "selector": {"type": "TextQuoteSelector", "exact": "considerable progress achieved"},
    },
    "status": "draft",
}

ANNOTATION: dict[str, Any] = {
    "@context": ["http://www.w3.org/ns/anno.jsonld", TERMS],
    "id": ANNOTATION_URL,
    "type": "Annotation",
    "motivation": "commenting",
    "creator": {"type": "Person", "name": "analyst"},
    "created": "2025-01-14T16:02:11Z",
    "body": NEW_ANNOTATION["body"],
    "target": {
        "type": "SpecificResource",
        "source": VERSION_URL,
        "selector": [
            {"type": "TextPositionSelector", "start": 180, "end": 210},
            {
                "type": "TextQuoteSelector",
                "exact": "considerable progress achieved",
                "prefix": "Recent years have witnessed the ",
                "suffix": " in the development and applica",
            },
        ],
    },
    "canonical": f"urn:uuid:{UUID}",
    "status": "draft",
    "revision": 1,
    "carried": "",
}

PAGE = {
    "@context": ["http://www.w3.org/ns/anno.jsonld", TERMS],
    "id": f"{VERSION_URL}annotations/?iris=0&page=0",
    "type": "AnnotationPage",
    "startIndex": 0,
    "items": [{k: v for k, v in ANNOTATION.items() if k != "@context"}],
    "partOf": {"id": f"{VERSION_URL}annotations/", "total": 1},
}

CONTAINER = {
    "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld", TERMS],
    "id": f"{VERSION_URL}annotations/",
    "type": ["BasicContainer", "AnnotationCollection"],
    "label": "Annotations on version 2015 of " + PROJECT["title"],
    "total": 1,
    "modified": "2025-01-14T16:02:11+00:00",
    "first": {k: v for k, v in PAGE.items() if k not in ("@context", "partOf")},
    "last": f"{VERSION_URL}annotations/?iris=0&page=0",
}

REVISIONS = {
    "annotation": ANNOTATION_URL,
    "etag": f'"{UUID.replace("-", "")}-1"',
    "deleted": False,
    "revisions": [
        {
            "number": 1,
            "saved": "2025-01-14T16:02:11+00:00",
            "author": "analyst",
            "status": "draft",
            "deleted": False,
            "annotation": {k: v for k, v in ANNOTATION.items() if k != "carried"},
            "changes": [["+", "New in 2015: a reference to **article 19**."]],
        }
    ],
}

CARRY = {
    "from": f"{PROJECT_URL}versions/2011/",
    "to": VERSION_URL,
    "annotations": [
        {
            "annotation": f"{PROJECT_URL}annotations/0b6e9c1d-3f2a-4e7b-8c5d-1a2b3c4d5e6f/",
            "status": "changed",
            "copy": ANNOTATION_URL,
        }
    ],
}

COMPARISON = {
    "schema_version": 1,
    "old": {"title": "...", "version": "2011", "date": "2011-09-12", "text": "...", "blocks": []},
    "new": {"title": "...", "version": "2015", "date": "2015-01-13", "text": "...", "blocks": []},
    "options": {"ignore_case": False},
    "stats": {"words_inserted": 512, "words_deleted": 187, "words_moved": 24},
    "rows": [],
    "link_changes": [],
}
