"""The redline page is kept per process (comparing the pair is most of its work), but
never shown stale: an edited note, a renamed version or a retitled project is on the
very next request."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from variorum.web.models import Project
from variorum.web.store.projects import update_project, update_version

pytestmark = pytest.mark.django_db


def redline(client: Client, project: Project, old: str = "2011", new: str = "2015") -> str:
    return client.get(f"/p/{project.slug}/compare/{old}/{new}/").content.decode()


def test_every_change_is_on_the_next_request(project: Project, users: Any) -> None:
    client = Client()
    client.force_login(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "First *thought*.", "format": "text/markdown"}],
        "target": {
            "selector": {"type": "TextQuoteSelector", "exact": "considerable progress achieved"}
        },
    }
    made = client.post(container, note, content_type="application/ld+json")
    assert made.status_code == 201, made.content
    assert "First <em>thought</em>." in redline(client, project)
    assert "First <em>thought</em>." in redline(client, project)  # the kept page

    edited = made.json() | {"body": [{"type": "TextualBody", "value": "Second thought."}]}
    client.put(made["Location"], edited, content_type="application/ld+json",
               headers={"If-Match": made["ETag"]})  # fmt: skip
    page = redline(client, project)
    assert "Second thought." in page and "First" not in page

    update_version(project.live_versions().get(label="2015"), "2015-final", "2015-01-13", "")
    assert "2011 → 2015-final" in redline(client, project, new="2015-final")
    update_project(project, "Code of conduct, revisited", ["A. Analyst"], "")
    assert "Code of conduct, revisited" in redline(client, project, new="2015-final")
