"""The API's projects, versions, comparisons and service document, its OpenAPI
description and its page, and personal API tokens used by a script."""

from __future__ import annotations

import re
from typing import Any

import pytest
from clients import as_user
from django.test import Client
from django.urls import URLPattern, URLResolver

from variorum.web import api_urls
from variorum.web.models import ApiToken, ProjectRecord
from variorum.web.openapi import OPERATIONS
from variorum.web.openapi_examples import ANNOTATION, PROJECT, VERSION

pytestmark = pytest.mark.django_db


def test_an_analyst_starts_a_project_and_uploads_a_version(users: Any, upload: Any) -> None:
    client = as_user(users["owner"])
    made = client.post("/api/projects/", {"title": "Terms", "authors": ["Ann"]}, "application/json")
    assert made.status_code == 201
    slug = made.json()["slug"]
    assert made["Location"] == f"http://testserver/api/projects/{slug}/"
    address = f"/api/projects/{slug}/versions/"
    added = client.post(address, {"file": upload("2011.txt"), "date": "2011-09-12"})
    assert added.status_code == 201
    assert added.json()["label"] == "2011" and added.json()["format"] == "text"
    twice = client.post(address, {"file": upload("2011.txt")})
    assert twice.status_code == 409 and "already has a version" in twice.json()["error"]
    listed = client.get("/api/projects/").json()["projects"]
    assert [(p["slug"], p["role"]) for p in listed] == [(slug, "owner")]


def test_a_project_and_a_version_are_changed_and_trashed(
    project: ProjectRecord, users: Any
) -> None:
    owner = as_user(users["owner"])
    address = f"/api/projects/{project.slug}/"
    changed = owner.patch(address, {"introduction": "New."}, "application/json")
    assert changed.json()["introduction"] == "New." and changed.json()["title"] == project.title
    renamed = owner.patch(address + "versions/2011/", {"label": "first"}, "application/json")
    assert renamed.json()["url"].endswith("/versions/first/")
    clash = owner.patch(address + "versions/first/", {"label": "2015"}, "application/json")
    assert clash.status_code == 409
    slash = owner.patch(address + "versions/first/", {"label": "1/2"}, "application/json")
    assert slash.status_code == 400 and "'/'" in slash.json()["error"]
    assert owner.delete(address + "versions/first/").status_code == 204
    assert [v["label"] for v in owner.get(address).json()["versions"]] == ["2015"]
    assert owner.delete(address).status_code == 204
    assert owner.get(address).status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"title": ""}, "needs a title"),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"title": 3}, "wrong type"),
        ({"authors": "Ann"}, "wrong type"),
        ({"authors": [1]}, "list of strings"),
        ({"owner": "me"}, "unknown field 'owner'"),
        ([], "JSON object"),
    ],
)
def test_bad_project_fields_are_refused_with_one_message(
    project: ProjectRecord, users: Any, body: Any, message: str
) -> None:
    response = as_user(users["editor"]).patch(
        f"/api/projects/{project.slug}/", body, "application/json"
    )
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert ProjectRecord.objects.get().title == "Code of conduct"


def test_the_text_and_the_comparison_of_versions(project: ProjectRecord, users: Any) -> None:
    viewer = as_user(users["viewer"])
    text = viewer.get(f"/api/projects/{project.slug}/versions/2015/text")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text.content.decode().startswith("Distr: General")
    comparison = viewer.get(f"/api/projects/{project.slug}/compare/2011/2015/?ignore_case=1")
    data = comparison.json()
    assert data["new"]["text"] == text.content.decode()
    assert data["options"]["ignore_case"] is True
    assert data["stats"]["words_inserted"] > 0
    assert viewer.get(f"/api/projects/{project.slug}/compare/2011/1999/").status_code == 404
    bad = viewer.get(f"/api/projects/{project.slug}/compare/2011/2015/?ignore_case=maybe")
    assert bad.status_code == 400


def test_errors_are_json_with_one_sentence(project: ProjectRecord, users: Any) -> None:
    anonymous = Client().get("/api/projects/")
    assert anonymous.status_code == 401 and "sign in" in anonymous.json()["error"]
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    stranger = as_user(users["stranger"]).get(f"/api/projects/{project.slug}/")
    assert stranger.status_code == 404 and "member" in stranger.json()["error"]
    viewer = as_user(users["viewer"]).delete(f"/api/projects/{project.slug}/")
    assert viewer.status_code == 403 and "viewer" in viewer.json()["error"]
    nowhere = as_user(users["viewer"]).get("/api/projects/not a slug/")
    assert nowhere.status_code == 404 and "no API address" in nowhere.json()["error"]
    assert "text/html" in Client().get("/no-such-page/")["Content-Type"]
    wrong = as_user(users["viewer"]).put("/api/projects/")
    assert wrong.status_code == 405 and "GET" in wrong["Allow"]
    assert Client().options("/api/projects/")["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_a_script_with_a_token_creates_and_edits_an_annotation(
    project: ProjectRecord, users: Any
) -> None:
    _, secret = ApiToken.issue(users["editor"], "script")
    script = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}},
            "bodyValue": "From a script."}  # fmt: skip
    made = script.post(container, note, "application/ld+json")
    assert made.status_code == 201
    assert made.json()["creator"] == {"type": "Person", "name": "editor"}
    edited = made.json() | {"status": "published"}
    saved = script.put(made["Location"], edited, "application/ld+json",
                       headers={"If-Match": made["ETag"]})  # fmt: skip
    assert saved.status_code == 200 and saved.json()["status"] == "published"
    assert ApiToken.objects.get().last_used is not None


def test_a_revoked_or_unknown_token_is_refused(users: Any) -> None:
    token, secret = ApiToken.issue(users["editor"], "script")
    owner = as_user(users["editor"])
    owner.post("/tokens/", {"revoke": token.pk})
    assert not ApiToken.objects.exists()
    for header in (f"Bearer {secret}", "Bearer vt_unknown", "Bearer nonsense"):
        response = Client(headers={"Authorization": header}).get("/api/projects/")
        assert response.status_code == 401
        assert "unknown or was revoked" in response.json()["error"]


def test_the_service_document_links_everything() -> None:
    links = Client().get("/api/").json()["links"]
    for name in ("projects", "openapi", "docs"):
        assert Client().get(links[name].removeprefix("http://testserver")).status_code in (200, 401)


def documented_path(pattern: str) -> str:
    """The OpenAPI path of a Django route: ``<slug:slug>`` becomes ``{slug}``."""
    return "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern)


def api_routes() -> list[tuple[str, Any]]:
    routes = []
    for entry in api_urls.urlpatterns:
        assert isinstance(entry, URLPattern) and not isinstance(entry, URLResolver)
        routes.append((documented_path(str(entry.pattern)), entry.callback))
    return routes


def test_every_route_and_method_is_in_the_openapi_description() -> None:
    document = Client().get("/api/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    for path, view in api_routes():
        assert path in document["paths"], f"{path} is not documented"
        documented = {method.upper() for method in document["paths"][path]}
        assert documented == set(view.methods), path
    assert len({(op.method, op.path) for op in OPERATIONS}) == len(OPERATIONS)
    assert len(document["paths"]) == len(api_routes())


def test_the_examples_have_the_keys_of_real_answers(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])
    container = f"/api/projects/{project.slug}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}}}
    made = editor.post(container, note, "application/ld+json").json()
    assert set(made) == set(ANNOTATION) - {"body"}  # this one has no note
    assert set(editor.get(f"/api/projects/{project.slug}/").json()) == set(PROJECT)
    assert set(editor.get(f"/api/projects/{project.slug}/versions/2015/").json()) == set(VERSION)


def test_the_docs_page_shows_every_operation_with_local_assets_only() -> None:
    page = Client().get("/api/docs/").content.decode()
    for operation in OPERATIONS:
        assert f"<code>{operation.path}</code>" in page
    assert "Bearer vt_" in page
    external = re.findall(r'(?:src|href)="(https?:)?//', page)
    assert not external
    assert "<script" not in page
