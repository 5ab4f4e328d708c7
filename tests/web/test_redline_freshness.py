"""The redline page is kept per process (comparing the pair is most of its work), but
never shown stale: an edited note, a renamed version or a retitled project is on the
very next request."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from variorum.web.models import ProjectRecord
from variorum.web.store.projects import update_project, update_version

pytestmark = pytest.mark.django_db


def redline(client: Client, project: ProjectRecord, old: str = "2011", new: str = "2015") -> str:
    return client.get(f"/p/{project.slug}/compare/{old}/{new}/").content.decode()


def test_every_change_is_on_the_next_request(project: ProjectRecord, users: Any) -> None:
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


def test_the_page_as_a_member_sees_it_is_kept_for_them_alone(
    project: ProjectRecord, users: Any
) -> None:
    editor, viewer, other_tab = Client(), Client(), Client()
    for client, name in ((editor, "editor"), (viewer, "viewer"), (other_tab, "editor")):
        client.force_login(users[name])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}},
            "bodyValue": "A draft."}  # fmt: skip
    made = editor.post(container, note, content_type="application/ld+json")
    first = redline(editor, project)
    assert redline(editor, project) == first  # kept: the same page, the same CSRF token
    assert 'data-act="edit"' in first
    seen_by_viewer = redline(viewer, project)
    assert "viewer <small>(viewer)</small>" in seen_by_viewer
    assert 'data-act="edit"' not in seen_by_viewer
    token = editor.cookies["csrftoken"].value
    other = redline(other_tab, project)  # the same member in another browser
    assert other_tab.cookies["csrftoken"].value != token and other != first
    published = made.json() | {"status": "published"}
    editor.put(made["Location"], published, content_type="application/ld+json",
               headers={"If-Match": made["ETag"]})  # fmt: skip
    assert "vr-app-published" in redline(editor, project)
    assert "vr-app-draft" not in redline(viewer, project)
    update_version(project.live_versions().get(label="2011"), "2011-final", "2011-09-12", "")
    assert ">2011-final</option>" in redline(viewer, project, new="2015", old="2011-final")


def test_a_browser_asking_again_with_the_pages_etag_gets_304_until_it_changes(
    project: ProjectRecord, users: Any
) -> None:
    editor, viewer = Client(), Client()
    editor.force_login(users["editor"])
    viewer.force_login(users["viewer"])
    address = f"/p/{project.slug}/compare/2011/2015/"
    page = editor.get(address)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-cache"
    again = editor.get(address, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == page["ETag"]
    # a browser takes a 304's headers for the page it kept: the page's own policy
    assert again["Content-Security-Policy"] == page["Content-Security-Policy"]
    # another member's page is another page, even with the editor's ETag
    assert viewer.get(address, headers={"If-None-Match": page["ETag"]}).status_code == 200

    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}},
            "bodyValue": "A new note."}  # fmt: skip
    assert editor.post(container, note, content_type="application/ld+json").status_code == 201
    changed = editor.get(address, headers={"If-None-Match": page["ETag"]})
    assert changed.status_code == 200 and "A new note." in changed.content.decode()
    assert changed["ETag"] != page["ETag"]
