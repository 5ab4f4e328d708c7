"""The permission table of the web app: every page and every API method (``ROWS``),
the level each needs, and the ``World`` (a project with a member per role) the rows
are called in. Shared by ``test_permissions.py`` and ``test_page_methods.py``; the
``world`` fixture of ``conftest.py`` makes the world."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from typing import Any

from variorum.web.models import (
    AnnotationRecord,
    FeedToken,
    ImportJob,
    LoginLink,
    MemberRole,
    ProjectRecord,
)
from variorum.web.store import annotations as notes
from variorum.web.store.folders import export_zip
from variorum.web.store.projects import add_version, create_project, set_member, trash
from variorum.web.store.protocol import read_annotation

WHO = ("anonymous", "viewer", "editor", "owner", "other")
"""The callers: ``other`` owns a different project and is no member of this one."""
LEVELS = ("public", "signed-in", "read", "edit", "manage", "own")
"""What a route needs, from nothing to owning the project; ``own``: being the account
that made the thing (an import's progress), everyone else signed in getting 404."""
MAY: dict[str, frozenset[str]] = {
    "public": frozenset(WHO),
    "signed-in": frozenset(WHO) - {"anonymous"},
    "read": frozenset({"viewer", "editor", "owner"}),
    "edit": frozenset({"editor", "owner"}),
    "manage": frozenset({"owner"}),
    "own": frozenset({"owner"}),
}


@dataclass
class World:
    """A project with two versions, a member per role, an annotation, a carried one, a
    deleted one and a version in the trash; and another project with its own owner."""

    users: dict[str, Any]
    project: ProjectRecord
    values: dict[str, str] = field(default_factory=dict)
    """What the rows' paths and headers name: ``{slug}``, ``{uuid}``, ``{etag}``, ..."""


@dataclass(frozen=True)
class Row:
    """One method of one route, with a request that succeeds when allowed."""

    name: str
    """The route's name in ``urls.py`` or ``api_urls.py``."""
    method: str
    level: str
    path: str
    """The path, with ``{slug}``-style fields filled from ``World.values``."""
    data: Any = None
    """The body: a dict (a form, or JSON for the API), or a function making one fresh
    for each call (files are read once)."""
    headers: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[World], None] | None = None
    """Run once before the calls (to put something in the trash first)."""

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


def example_bytes(name: str) -> bytes:
    return resources.files("variorum.examples").joinpath("icoc", name).read_bytes()


def small_file() -> dict[str, Any]:
    stream = io.BytesIO(b"A third version of the text.\n")
    stream.name = "third.txt"
    return {"file": stream, "label": "third"}


def folder_zip() -> dict[str, Any]:
    stream = io.BytesIO(export_zip(ProjectRecord.objects.get(title="Code of conduct")))
    stream.name = "folder.zip"
    return {"folder": stream}


def sign_in_link(world: World) -> None:
    world.values["link"] = LoginLink.issue(world.users["viewer"], timedelta(minutes=5))


def owners_import(world: World) -> None:
    world.values["import"] = str(ImportJob.objects.create(owner=world.users["owner"],
                                                          name="folder.zip").uuid)  # fmt: skip


def viewers_feed(world: World) -> None:
    world.values["feed"] = FeedToken.issue(world.users["viewer"], world.project)[1]


def trash_project(world: World) -> None:
    trash(world.project)


def note() -> dict[str, Any]:
    target = {"selector": {"type": "TextQuoteSelector", "exact": "Sixty-ninth session"}}
    return {"target": target, "bodyValue": "A note."}


P = "/p/{slug}/"
API = "/api/projects/{slug}/"
ETAG = {"If-Match": "{etag}"}

ROWS: tuple[Row, ...] = (
    # pages
    Row("login", "GET", "public", "/login/"),
    Row("login-once", "GET", "public", "/login/once/{link}/", prepare=sign_in_link),
    Row("login-once", "POST", "public", "/login/once/{link}/", prepare=sign_in_link),
    Row("logout", "POST", "public", "/logout/"),
    Row("projects", "GET", "signed-in", "/"),
    Row("projects", "POST", "signed-in", "/", {"title": "Another"}),
    Row("import", "POST", "signed-in", "/import/", folder_zip),
    Row("import-progress", "GET", "own", "/import/{import}/", prepare=owners_import),
    Row("tokens", "GET", "signed-in", "/tokens/"),
    Row("tokens", "POST", "signed-in", "/tokens/", {"name": "script", "scope": "read",
                                                    "days": "30"}),
    Row("password", "GET", "signed-in", "/password/"),
    Row("password", "POST", "signed-in", "/password/", {"new_password1": "x"}),
    Row("project", "GET", "read", P),
    Row("project-edit", "POST", "edit", P + "edit/", {"title": "Renamed"}),
    Row("project-delete", "POST", "manage", P + "delete/"),
    Row("project-restore", "POST", "manage", P + "restore/", prepare=trash_project),
    Row("members", "POST", "manage", P + "members/",
        {"username": "other", "role": "viewer"}),
    Row("version-upload", "POST", "edit", P + "versions/", small_file),
    Row("version-reorder", "POST", "edit", P + "versions/order/",
        {"order": ["2015", "2011"]}),
    Row("version-restore", "POST", "manage", P + "versions/restore/{trashed}/"),
    Row("version-edit", "POST", "edit", P + "v/2011/edit/",
        {"label": "2011", "date": "2011-09-12", "source": "UN"}),
    Row("version-delete", "POST", "manage", P + "v/2011/delete/"),
    Row("version-text", "GET", "read", P + "v/2015/"),
    Row("compare-choice", "GET", "read", P + "compare/?old=2011&new=2015"),
    Row("redline", "GET", "read", P + "compare/2011/2015/"),
    Row("redline-docx", "GET", "read", P + "compare/2011/2015/redline.docx"),
    Row("redline-pdf", "GET", "read", P + "compare/2011/2015/redline.pdf"),
    Row("export", "GET", "read", P + "export/"),
    Row("publish-site", "GET", "edit", P + "publish/site/"),
    Row("publish-file", "GET", "edit", P + "publish/file/"),
    Row("publish-docx", "GET", "edit", P + "publish/analysis.docx"),
    Row("publish-pdf", "GET", "edit", P + "publish/analysis.pdf"),
    Row("favicon", "GET", "public", "/favicon.ico"),
    # the API
    Row("api-root", "GET", "public", "/api/"),
    Row("api-openapi", "GET", "public", "/api/openapi.json"),
    Row("api-docs", "GET", "public", "/api/docs/"),
    Row("api-markdown", "POST", "signed-in", "/api/markdown/", {"text": "*x*"}),
    Row("api-projects", "GET", "signed-in", "/api/projects/"),
    Row("api-projects", "POST", "signed-in", "/api/projects/", {"title": "New"}),
    Row("api-project", "GET", "read", API),
    Row("api-project", "PATCH", "edit", API, {"title": "Renamed"}),
    Row("api-project", "DELETE", "manage", API),
    Row("api-versions", "GET", "read", API + "versions/"),
    Row("api-versions", "POST", "edit", API + "versions/", small_file),
    Row("api-version", "GET", "read", API + "versions/2011/"),
    Row("api-version", "PATCH", "edit", API + "versions/2011/", {"source": "UN"}),
    Row("api-version", "DELETE", "manage", API + "versions/2011/"),
    Row("api-version-text", "GET", "read", API + "versions/2011/text"),
    Row("api-compare", "GET", "read", API + "compare/2011/2015/"),
    Row("api-container", "GET", "read", API + "versions/2015/annotations/"),
    Row("api-container", "POST", "edit", API + "versions/2015/annotations/", note),
    Row("api-annotation", "GET", "read", API + "annotations/{uuid}/"),
    Row("api-annotation", "PUT", "edit", API + "annotations/{uuid}/", note, ETAG),
    Row("api-annotation", "DELETE", "edit", API + "annotations/{uuid}/", headers=ETAG),
    Row("api-revisions", "GET", "read", API + "annotations/{uuid}/revisions/"),
    Row("api-confirm", "POST", "edit", API + "annotations/{carried}/confirm/",
        headers={"If-Match": "{carried_etag}"}),
    Row("api-restore", "POST", "edit", API + "annotations/{deleted}/restore/",
        headers={"If-Match": "{deleted_etag}"}),
    Row("api-carry", "POST", "edit", API + "carry/", {"from": "2011", "to": "2015"}),
    Row("api-tags", "GET", "read", API + "tags/"),
    Row("api-feed", "GET", "read", API + "feed.atom"),
    Row("feed-addresses", "GET", "read", "/p/{slug}/feeds/"),
    Row("feed-addresses", "POST", "read", "/p/{slug}/feeds/", {"provision": ""}),
    # the address's token is the credential: anyone holding it reads that one feed
    Row("feed-by-token", "GET", "public", "/feeds/{feed}/feed.atom", prepare=viewers_feed),
    Row("api-provision-feed", "GET", "read", API + "provisions/cooperate/feed.atom"),
)  # fmt: skip


def make_world(django_user_model: Any) -> World:
    """The ``World`` every row is called in (the ``world`` fixture of ``conftest.py``)."""
    users = {name: django_user_model.objects.create_user(name) for name in WHO[1:]}
    create_project(users["other"], "Another analysis")
    project = create_project(users["owner"], "Code of conduct")
    for label in ("2011", "2015"):
        add_version(project, example_bytes(f"{label}.txt"), f"{label}.txt", label)
    set_member(project, "editor", MemberRole.EDITOR)
    set_member(project, "viewer", MemberRole.VIEWER)
    old = add_version(project, b"An old draft.\n", "draft.txt", "draft")
    trash(old)
    made = [
        notes.create(
            project, users["editor"], *read_annotation(note(), project, project.live_versions()[1])
        )
        for _ in range(3)
    ]
    AnnotationRecord.objects.filter(pk=made[1].pk).update(carried="intact")
    notes.delete(made[2], users["editor"])
    made[2].refresh_from_db()
    values = {
        "slug": project.slug,
        "trashed": str(old.pk),
        "uuid": str(made[0].uuid),
        "etag": made[0].etag,
        "carried": str(made[1].uuid),
        "carried_etag": made[1].etag,
        "deleted": str(made[2].uuid),
        "deleted_etag": made[2].etag,
    }
    return World(users, project, values)
