"""Fixtures of the web app's tests: users with each role, and a project holding the
built-in example's two versions (the Code of Conduct, 2011 and 2015)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fresh_database import fresh_database_environment
from permission_table import World, make_world
from served import Server, free_port

from variorum.web.models import MemberRole, ProjectRecord
from variorum.web.store.projects import add_version, create_project, set_member

ROLES = ("owner", "editor", "viewer")
"""The members of the ``project`` fixture, each named after their role."""


def example_bytes(name: str) -> bytes:
    """A file of the built-in example (``2011.txt``, ``2015.txt``)."""
    return resources.files("variorum.examples").joinpath("icoc", name).read_bytes()


@pytest.fixture
def upload() -> Callable[..., io.BytesIO]:
    """A file to post in a form: ``upload("2011.txt")`` is the example's file,
    ``upload("x.pdf", b"...")`` any content."""

    def make(name: str, content: bytes | None = None) -> io.BytesIO:
        stream = io.BytesIO(example_bytes(name) if content is None else content)
        stream.name = name
        return stream

    return make


@pytest.fixture
def users(django_user_model: Any) -> dict[str, Any]:
    """owner, editor, viewer and stranger (a member of no project), password ``pw``."""
    return {
        name: django_user_model.objects.create_user(name, password="pw")
        for name in (*ROLES, "stranger")
    }


@pytest.fixture
def project(users: dict[str, Any]) -> ProjectRecord:
    """The Code of Conduct project with versions 2011 and 2015 and one member per role."""
    made = create_project(users["owner"], "Code of conduct", ["A. Analyst"], "Two versions.")
    add_version(made, example_bytes("2011.txt"), "2011.txt", "2011", "2011-09-12")
    add_version(made, example_bytes("2015.txt"), "2015.txt", "2015", "2015-01-13")
    set_member(made, "editor", MemberRole.EDITOR)
    set_member(made, "viewer", MemberRole.VIEWER)
    return made


@pytest.fixture(autouse=True)
def redline_without_progress_page(settings: Any) -> None:
    """In-process requests wait for a redline to be made, however busy the machine:
    the page shown meanwhile is tested against a real server (test_availability)."""
    settings.VARIORUM_REDLINE_WAIT_SECONDS = 300


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A running ``variorum demo``: its address and the output's one-time link."""
    port = free_port()
    args = ["demo", "--no-browser", "--port", str(port), "--data-dir", str(tmp_path)]
    server = Server(args, fresh_database_environment())
    try:
        link = server.link()
        server.wait_until_listening()
        yield f"http://127.0.0.1:{port}", link
    finally:
        server.stop()


@pytest.fixture
def world(django_user_model: Any) -> World:
    """The permission table's world: a project with a member per role, annotations
    (one carried, one deleted), a version in the trash, and another owner's project."""
    return make_world(django_user_model)
