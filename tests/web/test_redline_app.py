"""The redline in the app, through Django's test client: the published page's
renderer framed by the app, drafts marked for members, controls by role, one
version's text, the choice of any two versions, and a policy that lets only the
app's own files run."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from clients import as_user as signed_in

from variorum.annotations.model import Annotation, Target
from variorum.web.models import ProjectRecord, Status
from variorum.web.store import annotations as store
from variorum.web.store.documents import document_of

pytestmark = pytest.mark.django_db


def annotate(
    project: ProjectRecord, user: Any, label: str, quote: str, text: str, status: str
) -> Any:
    version = project.live_versions().get(label=label)
    target = Target.from_quote(document_of(version), quote)
    return store.create(project, user, Annotation.new(target, text, ("rights",)), status)


def config_of(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="vr-app" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page has no data for its script"
    return dict(json.loads(found.group(1)))


def test_members_see_drafts_marked_and_editors_get_the_controls(
    project: ProjectRecord, users: Any
) -> None:
    draft = annotate(project, users["editor"], "2015", "An international", "Half-baked.", "draft")
    annotate(project, users["editor"], "2011", "mutual respect", "Settled.", Status.PUBLISHED)
    url = f"/p/{project.slug}/compare/2011/2015/"

    page = signed_in(users["editor"]).get(url).content.decode()
    assert "Half-baked." in page and "Settled." in page
    assert f'data-note="{draft.uuid}"' in page
    assert page.count("vr-app-draft") == 1 and page.count("vr-app-published") == 1
    assert 'id="vr-editor"' in page and "Carry notes from 2011 to 2015" in page
    assert config_of(page)["canEdit"] is True

    page = signed_in(users["viewer"]).get(url).content.decode()
    assert "Half-baked." in page and "vr-app-draft" in page  # a colleague reviewing drafts
    assert 'id="vr-editor"' not in page and 'id="vr-pop"' not in page
    assert 'data-act="edit"' not in page and "Carry notes" not in page
    assert config_of(page) | {"csrf": ""} == config_of(page)  # no token for a reader
    assert config_of(page)["canEdit"] is False


def test_the_page_runs_only_its_own_and_the_apps_files(project: ProjectRecord, users: Any) -> None:
    page = signed_in(users["viewer"]).get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found
    policy = html.unescape(found.group(1))
    assert "script-src 'sha256-" in policy and "'unsafe-inline'" not in policy
    assert "script-src 'sha256-" in policy and "connect-src 'self'" in policy
    assert '<script src="/static/variorum_web/annotate.js" defer></script>' in page
    assert '<link rel="stylesheet" href="/static/variorum_web/redline.css">' in page
    assert "Compare any two versions" in page and "Published with Variorum" in page


def test_one_version_read_alone_with_its_notes(project: ProjectRecord, users: Any) -> None:
    annotate(project, users["owner"], "2011", "mutual respect", "Only 2011.", "draft")
    page = signed_in(users["owner"]).get(f"/p/{project.slug}/v/2011/").content.decode()
    assert "vr-app-text" in page and "Only 2011." in page
    config = config_of(page)
    assert config["single"] is True
    assert config["sides"]["old"] == config["sides"]["new"]
    assert config["sides"]["new"]["container"].endswith("/versions/2011/annotations/")
    assert signed_in(users["owner"]).get(f"/p/{project.slug}/v/1999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "goes_to"),
    [
        ("old=2015&new=2011", "/compare/2015/2011/"),
        ("old=2015&new=2015", "/v/2015/"),
        ("old=2015&new=nope", "/"),
    ],
)
def test_any_two_versions_can_be_compared(
    project: ProjectRecord, users: Any, query: str, goes_to: str
) -> None:
    answer = signed_in(users["viewer"]).get(f"/p/{project.slug}/compare/?{query}")
    assert answer.status_code == 302
    assert answer["Location"] == f"/p/{project.slug}{goes_to}"


def test_the_published_page_keeps_its_strict_policy(project: ProjectRecord, users: Any) -> None:
    annotate(project, users["owner"], "2015", "An international", "Out there.", "published")
    annotate(project, users["owner"], "2015", "qualitative", "Not yet.", "draft")
    page = signed_in(users["owner"]).get(f"/p/{project.slug}/publish/file/").content.decode()
    assert "Out there." in page and "Not yet." not in page
    assert "'self'" not in page and "vr-app" not in page and "annotate.js" not in page
