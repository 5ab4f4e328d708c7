"""Version labels are part of addresses: '.', '..', a slash or a control character
would make a link resolve elsewhere (a version's Delete button posting to the
project's), so the store and the API's description both refuse them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from variorum.errors import UsageError
from variorum.web.models import ProjectRecord
from variorum.web.openapi import LABEL
from variorum.web.store.projects import update_version

pytestmark = pytest.mark.django_db

REFUSED = [".", "..", " .. ", "a/b", "tab\there", "bell\x07", "line\nbreak", "mid\x9fdle"]
ACCEPTED = ["2016", "...", "v1.2", "Draft 3 (final)", "é"]


@pytest.mark.parametrize("label", REFUSED)
def test_a_label_that_breaks_addresses_is_refused(project: ProjectRecord, label: str) -> None:
    version = project.live_versions().get(label="2011")
    with pytest.raises(UsageError, match="version label cannot"):
        update_version(version, label, "", "")
    assert not re.search(LABEL, label), "the API's description must refuse it too"


@pytest.mark.parametrize("label", ACCEPTED)
def test_an_ordinary_label_is_accepted(project: ProjectRecord, label: str) -> None:
    update_version(project.live_versions().get(label="2011"), label, "", "")
    assert project.live_versions().filter(label=label).exists()
    assert re.search(LABEL, label)


def test_an_upload_labelled_dot_dot_is_refused_by_the_api(
    project: ProjectRecord, users: Any, upload: Any
) -> None:
    client = Client()
    client.force_login(users["owner"])
    address = f"/api/projects/{project.slug}/versions/"
    refused = client.post(address, {"file": upload("2011.txt"), "label": ".."})
    assert refused.status_code == 400 and "'..'" in refused.json()["error"]
    assert client.get(f"/api/projects/{project.slug}/").status_code == 200
