"""Two requests at the same moment: each check a store makes before writing can be
overtaken by the other request, so the database's constraint has the last word and
its refusal becomes the same answer the check gives (or a retry), never an error page.
Each test makes the other request win between the check and the write."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.db.models import QuerySet
from django.test import Client

from variorum.web.models import LoginLink, ProjectRecord
from variorum.web.store import projects
from variorum.web.store.projects import Conflict, add_version, create_project

pytestmark = pytest.mark.django_db


def test_a_slug_taken_meanwhile_gives_the_next_one(users: Any) -> None:
    first = create_project(users["owner"], "Terms")
    free_slug = projects._free_slug
    chosen = iter(["terms"])  # the other request took it after this one looked
    with mock.patch.object(projects, "_free_slug", lambda title: next(chosen, free_slug(title))):
        client = Client()
        client.force_login(users["editor"])
        response = client.post("/", {"title": "Terms"})
    second = ProjectRecord.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/p/{second.slug}/"
    assert second.slug == "terms-2"


def test_a_label_taken_meanwhile_is_the_duplicate_label_conflict(project: ProjectRecord) -> None:
    with (
        mock.patch.object(projects, "_check_label"),  # the other request's check passed too
        pytest.raises(Conflict, match="already has a version '2011'"),
    ):
        add_version(project, b"Another text.\n", "x.txt", "2011")
    assert project.live_versions().count() == 2


def test_a_sign_in_link_used_twice_at_once_signs_in_once(users: Any) -> None:
    secret = LoginLink.issue(users["owner"], timedelta(minutes=5))
    first = QuerySet.first

    def found_then_used_by_the_other_request(queryset: QuerySet[Any]) -> Any:
        link = first(queryset)
        if isinstance(link, LoginLink):
            LoginLink.objects.filter(pk=link.pk).delete()
        return link

    with mock.patch.object(QuerySet, "first", found_then_used_by_the_other_request):
        assert LoginLink.redeem(secret) is None
