"""The pages of the web app, through Django's test client: projects, versions,
the redline, members, the trash, export, import and publishing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from clients import imported
from django.test import Client

from variorum.web.models import ProjectRecord, VersionRecord

pytestmark = pytest.mark.django_db


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_an_analyst_creates_a_project_and_uploads_two_versions(
    client: Client, users: Any, upload: Any
) -> None:
    signed_in(client, users["owner"])
    response = client.post("/", {"title": "Terms of service", "authors": "Ann\nBo"})
    project = ProjectRecord.objects.get(title="Terms of service")
    assert response.headers["Location"] == f"/p/{project.slug}/"
    assert project.authors == ["Ann", "Bo"]
    for name in ("2011.txt", "2015.txt"):
        client.post(f"/p/{project.slug}/versions/", {"file": upload(name), "date": "2015-01-13"})
    assert [v.label for v in project.live_versions()] == ["2011", "2015"]
    page = client.get(f"/p/{project.slug}/").content.decode()
    assert "2011 → 2015" in page


def test_the_redline_shows_the_changes_of_the_example(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["viewer"])
    page = client.get(f"/p/{project.slug}/compare/2011/2015/").content.decode()
    assert "<ins" in page and "<del" in page
    assert "Code of conduct" in page


def test_an_unreadable_upload_is_refused_with_one_message(
    client: Client, project: ProjectRecord, users: Any, upload: Any
) -> None:
    signed_in(client, users["editor"])
    broken = upload("broken.pdf", b"%PDF-1.7\n garbage")
    response = client.post(f"/p/{project.slug}/versions/", {"file": broken}, follow=True)
    assert "broken.pdf" in response.content.decode()
    assert project.live_versions().count() == 2


def test_a_duplicate_label_is_refused(
    client: Client, project: ProjectRecord, users: Any, upload: Any
) -> None:
    signed_in(client, users["editor"])
    again = upload("2011.txt")
    response = client.post(f"/p/{project.slug}/versions/", {"file": again}, follow=True)
    assert "already has a version" in response.content.decode()
    assert project.live_versions().count() == 2


def test_versions_are_reordered(client: Client, project: ProjectRecord, users: Any) -> None:
    signed_in(client, users["editor"])
    client.post(f"/p/{project.slug}/versions/order/", {"order": ["2015", "2011"]})
    assert [v.label for v in project.live_versions()] == ["2015", "2011"]


def test_a_deleted_version_can_be_restored(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["owner"])
    client.post(f"/p/{project.slug}/v/2011/delete/")
    assert [v.label for v in project.live_versions()] == ["2015"]
    trashed = VersionRecord.objects.get(project=project, label="2011")
    client.post(f"/p/{project.slug}/versions/restore/{trashed.pk}/")
    assert [v.label for v in project.live_versions()] == ["2011", "2015"]


def test_a_deleted_project_can_be_restored(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["owner"])
    client.post(f"/p/{project.slug}/delete/")
    assert client.get(f"/p/{project.slug}/").status_code == 404
    assert "Restore" in client.get("/").content.decode()
    client.post(f"/p/{project.slug}/restore/")
    assert client.get(f"/p/{project.slug}/").status_code == 200


@pytest.mark.django_db(transaction=True)  # the import stores from a thread of its own
def test_an_exported_folder_imports_as_the_same_project(
    client: Client, project: ProjectRecord, users: Any, upload: Any
) -> None:
    signed_in(client, users["owner"])
    exported = client.get(f"/p/{project.slug}/export/").getvalue()
    names = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert f"{project.slug}/variorum.toml" in names
    page = imported(client, upload("folder.zip", exported))
    copy = ProjectRecord.objects.exclude(pk=project.pk).get()
    assert page.request["PATH_INFO"] == f"/p/{copy.slug}/"
    assert "Imported folder.zip: 2 versions and 0 annotations." in page.content.decode()
    assert [v.label for v in copy.live_versions()] == ["2011", "2015"]
    assert bytes(copy.live_versions()[0].content) == upload("2011.txt").getvalue()


def test_publishing_gives_the_static_site_and_the_single_file(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["editor"])
    site = zipfile.ZipFile(io.BytesIO(client.get(f"/p/{project.slug}/publish/site/").getvalue()))
    assert f"{project.slug}-site/index.html" in site.namelist()
    single = client.get(f"/p/{project.slug}/publish/file/").content.decode()
    assert single.startswith(("<!doctype html>", "<!DOCTYPE html>"))


def test_an_owner_invites_a_member_by_username(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["owner"])
    client.post(f"/p/{project.slug}/members/", {"username": "stranger", "role": "viewer"})
    assert project.role_of(users["stranger"]) == "viewer"


def test_the_last_owner_cannot_be_removed(
    client: Client, project: ProjectRecord, users: Any
) -> None:
    signed_in(client, users["owner"])
    response = client.post(
        f"/p/{project.slug}/members/", {"username": "owner", "remove": "1"}, follow=True
    )
    assert "at least one owner" in response.content.decode()
    assert project.role_of(users["owner"]) == "owner"


def test_a_refused_upload_keeps_what_was_typed(
    client: Client, project: ProjectRecord, users: Any, upload: Any
) -> None:
    signed_in(client, users["editor"])
    typed = {"label": "Third draft", "date": "2015-13-45", "source": "A/RES/69/28"}
    response = client.post(f"/p/{project.slug}/versions/", {"file": upload("2015.txt"), **typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "the date &#x27;2015-13-45&#x27; is not a day as YYYY-MM-DD" in page
    for value in typed.values():
        assert f'value="{value}"' in page
    assert "choose the file again" in page
    assert project.live_versions().count() == 2
