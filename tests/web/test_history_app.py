"""A project's history in the web app (issue 17): the timeline on the project page, and
Atom feeds of the document's changes and of one provision's that a feed reader reads
with an API token."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import feedparser
import pytest
from clients import as_user
from django.test import Client

from variorum.web.models import ApiToken, ProjectRecord
from variorum.web.store.projects import add_version

pytestmark = pytest.mark.django_db


def example_bytes(name: str) -> bytes:
    """A file of the built-in example (not imported from conftest: with other conftest
    modules on the path, the name is whichever pytest loaded last)."""
    return resources.files("variorum.examples").joinpath("icoc", name).read_bytes()


THIRD = example_bytes("2015.txt").replace(
    b"must cooperate fully", b"must cooperate fully and openly"
)


@pytest.fixture
def history(project: ProjectRecord) -> ProjectRecord:
    """The Code of Conduct with a third version, 2016, adding two words to (9)."""
    add_version(project, THIRD, "2016.txt", "2016", "2016-03-01")
    return project


def reader(user: Any, scope: str = "read") -> Client:
    """A feed reader with a personal API token of ``user``."""
    _, secret = ApiToken.issue(user, "feed reader", scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_project_page_shows_the_timeline(history: ProjectRecord, users: Any) -> None:
    page = as_user(users["viewer"]).get(f"/p/{history.slug}/").content.decode()
    assert '<h2 id="history-h">History</h2>' in page
    bars = re.findall(r'<a href="([^"]+)"[^>]*data-pair="\d+"><title>([^<]+)</title>', page)
    assert bars == [
        (f"/p/{history.slug}/compare/2011/2015/", bars[0][1]),
        (f"/p/{history.slug}/compare/2015/2016/", "2016 (2016-03-01): 2 words inserted"),
    ]
    assert "words inserted" in bars[0][1] and "deleted" in bars[0][1]
    assert f'href="/api/projects/{history.slug}/feed.atom"' in page


def test_two_versions_have_no_timeline(project: ProjectRecord, users: Any) -> None:
    page = as_user(users["viewer"]).get(f"/p/{project.slug}/").content.decode()
    assert 'id="history-h"' not in page


def test_a_read_token_reads_the_feed_of_the_documents_changes(
    history: ProjectRecord, users: Any
) -> None:
    response = reader(users["viewer"]).get(f"/api/projects/{history.slug}/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Code of conduct: changes"
    assert [entry.title.split(":")[0] for entry in feed.entries] == ["2016", "2015"]
    assert feed.entries[0].title == "2016: 2 words inserted, 0 deleted, 0 moved"
    assert "<ins" in feed.entries[0].content[0].value
    assert "and openly" in feed.entries[0].content[0].value


def test_a_provisions_feed_has_only_its_changes(history: ProjectRecord, users: Any) -> None:
    address = f"/api/projects/{history.slug}/provisions/cooperate fully/feed.atom"
    feed = feedparser.parse(reader(users["viewer"]).get(address).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("Code of conduct: (9) All States must cooperate fully")
    newest = feed.entries[0]
    assert newest.title.startswith("2016: ")
    assert "and openly" in newest.content[0].value
    assert all("cooperate" in entry.content[0].value for entry in feed.entries)
    untouched = f"/api/projects/{history.slug}/provisions/(1)/feed.atom"
    assert "and openly" not in reader(users["viewer"]).get(untouched).content.decode()


def test_a_feed_refuses_what_it_cannot_tell(history: ProjectRecord, users: Any) -> None:
    viewer = reader(users["viewer"])
    missing = viewer.get(f"/api/projects/{history.slug}/provisions/no such words/feed.atom")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no block of 2016 matches 'no such words'"}
    assert Client().get(f"/api/projects/{history.slug}/feed.atom").status_code == 401
    stranger = reader(users["stranger"]).get(f"/api/projects/{history.slug}/feed.atom")
    assert stranger.status_code == 404


def test_a_project_with_one_version_has_no_feed(users: Any) -> None:
    from variorum.web.store.projects import create_project

    lone = create_project(users["owner"], "Lone")
    add_version(lone, example_bytes("2011.txt"), "2011.txt", "2011")
    answer = reader(users["owner"]).get(f"/api/projects/{lone.slug}/feed.atom")
    assert answer.status_code == 409
    assert "fewer than two versions" in answer.json()["error"]


def test_the_redline_steps_to_the_consecutive_versions(history: ProjectRecord, users: Any) -> None:
    viewer = as_user(users["viewer"])
    base = f"/p/{history.slug}/compare/"
    step = viewer.get(base + "2011/2015/").content.decode()
    assert f'id="vr-step-next" href="{base}2015/2016/" aria-keyshortcuts="."' in step
    assert 'id="vr-step-prev"' not in step  # the first step has none before it
    whole = viewer.get(base + "2011/2016/").content.decode()
    assert f'id="vr-step-next" href="{base}2011/2015/"' in whole
    assert f'id="vr-step-prev" href="{base}2015/2016/"' in whole


def test_a_new_version_costs_the_timeline_one_comparison(
    history: ProjectRecord, users: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from variorum.web.store import timelines

    compared: list[list[tuple[str, str]]] = []
    inputs = timelines.StepInputs

    def recorded(title: str, pairs: Any) -> Any:  # the steps sent to the worker
        compared.append([(old.label, new.label) for old, new in pairs])
        return inputs(title, pairs)

    monkeypatch.setattr(timelines, "StepInputs", recorded)
    viewer = as_user(users["viewer"])
    first = viewer.get(f"/p/{history.slug}/").content.decode()
    assert "2016 (2016-03-01): 2 words inserted" in first
    fourth = THIRD.replace(b"and openly", b"and openly and in good faith")
    add_version(history, fourth, "2017.txt", "2017", "2017-05-01")
    page = viewer.get(f"/p/{history.slug}/").content.decode()
    assert "2017 (2017-05-01): 4 words inserted" in page
    assert "2016 (2016-03-01): 2 words inserted" in page
    assert compared[-1] == [("2016", "2017")]


def make_feed_address(history: ProjectRecord, user: Any, provision: str = "") -> str:
    """A feed address made on its page by ``user``: its path."""
    page = as_user(user).post(f"/p/{history.slug}/feeds/", {"provision": provision})
    found = re.search(
        r'<code class="secret" id="new-feed">http://testserver(/feeds/[^<]+)<',
        page.content.decode(),
    )
    assert found, page.content.decode()
    return found.group(1)


def test_a_feed_address_reads_its_feed_without_a_header(history: ProjectRecord, users: Any) -> None:
    address = make_feed_address(history, users["viewer"])
    answer = Client().get(address)
    assert answer.status_code == 200
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title == "2016: 2 words inserted, 0 deleted, 0 moved"
    assert Client().post(address).status_code == 405  # it only reads
    assert Client().get(address.replace("/feed.atom", "/")).status_code == 404


def test_a_feed_address_stops_when_its_member_leaves(history: ProjectRecord, users: Any) -> None:
    from variorum.web.store.projects import remove_member

    address = make_feed_address(history, users["viewer"], "cooperate fully")
    assert Client().get(address).status_code == 200
    remove_member(history, "viewer")
    answer = Client().get(address)
    assert answer.status_code == 404
    assert answer.json() == {"error": "this feed address is unknown or was revoked"}


def test_a_feed_address_opens_nothing_else(history: ProjectRecord, users: Any) -> None:
    secret = make_feed_address(history, users["owner"]).split("/")[2]
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    assert bearer.get(f"/api/projects/{history.slug}/feed.atom").status_code == 401
    assert bearer.get(f"/p/{history.slug}/").status_code == 401
    assert Client().get(f"/p/{history.slug}/?token={secret}").status_code == 302  # sign in
    page = as_user(users["stranger"]).post(f"/p/{history.slug}/feeds/", {"provision": ""})
    assert page.status_code == 404  # only members make them


def test_every_address_of_a_feed_shares_one_making_of_it(
    history: ProjectRecord, users: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from variorum.web.store import timelines

    made: list[str] = []
    inputs = timelines.FeedInputs

    def recorded(project: Any, provision: str) -> Any:  # the feeds sent to a worker
        made.append(provision)
        return inputs(project, provision)

    monkeypatch.setattr(timelines, "FeedInputs", recorded)
    fourth = THIRD.replace(b"and openly", b"and openly, in good faith")  # a feed no test made
    add_version(history, fourth, "2017.txt", "2017", "2017-05-01")
    addresses = [make_feed_address(history, users[name]) for name in ("viewer", "viewer", "owner")]
    addresses.append(f"/api/projects/{history.slug}/feed.atom")
    answers = [Client().get(address) for address in addresses[:3]]
    answers.append(reader(users["viewer"]).get(addresses[3]))
    assert [answer.status_code for answer in answers] == [200] * 4
    feeds = [feedparser.parse(answer.content) for answer in answers]
    assert [feed.feed.links[0].href for feed in feeds] == [
        f"http://testserver{address}" for address in addresses
    ]  # each its own address
    assert {tuple(entry.content[0].value for entry in feed.entries) for feed in feeds} == {
        tuple(entry.content[0].value for entry in feeds[0].entries)
    }
    assert made == [""]  # four addresses, one feed made
    provisions = [make_feed_address(history, users[name], "cooperate fully")
                  for name in ("viewer", "owner")]  # fmt: skip
    assert [Client().get(address).status_code for address in provisions] == [200, 200]
    assert made == ["", "cooperate fully"]
