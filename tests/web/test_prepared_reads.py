"""The reads compiled once per process (``store.prepared``) rely on Django's SQL
compiler, which has no public API for this: each read must still compile on the
installed Django, and read what its plain queryset reads; should a Django upgrade
change the compiler, the app must still answer, through the plain querysets."""

from __future__ import annotations

import logging
from typing import Any

import django
import pytest
from annotation_api import QUOTE, container, post, put, quoted
from clients import as_user

from variorum.web.models import ProjectRecord, VersionRecord
from variorum.web.store import containers, prepared
from variorum.web.store.annotations import live_annotations
from variorum.web.store.projects import trash

pytestmark = pytest.mark.django_db


def test_every_prepared_read_compiles_on_this_django(project: ProjectRecord, users: Any) -> None:
    as_user(users["viewer"]).get(container(project))  # imports and runs every kind of read
    assert len(prepared.EVERY) >= 6
    problems = [(read, read.problem()) for read in prepared.EVERY if read.problem()]
    assert not problems, (
        f"Django {django.get_version()} no longer compiles these reads as"
        f" src/variorum/web/store/prepared.py expects: {problems}. The app still works, on"
        " plain querysets (slower): adapt prepared.py to this Django's SQL compiler."
    )


def state_by_queryset(project: ProjectRecord, label: str) -> list[tuple[Any, ...]]:
    version = VersionRecord.objects.get(project=project, label=label)
    on_version = live_annotations(project).filter(version=version).order_by("created", "id")
    return list(on_version.values_list("uuid", "revision", "modified"))


def test_a_container_state_is_what_its_querysets_read(project: ProjectRecord, users: Any) -> None:
    editor = as_user(users["editor"])

    def state_of(label: str, user: str = "viewer") -> containers.ContainerState | None:
        return containers.container_state(users[user], project.slug, label)

    assert state_of("2015").annotations == []  # type: ignore[union-attr]
    made = [post(editor, container(project), quoted(QUOTE, f"Note {n}.")) for n in range(3)]
    put(editor, made[0]["Location"], made[0].json() | {"bodyValue": "Edited."},
        If_Match=made[0]["ETag"])  # fmt: skip
    deleted = editor.delete(made[1]["Location"], headers={"If-Match": made[1]["ETag"]})
    assert deleted.status_code == 204
    state = state_of("2015")
    assert state is not None and state.version == project.versions.get(label="2015").pk
    assert state.project == project and state.project.title == project.title
    assert state.annotations == state_by_queryset(project, "2015")
    assert len(state.annotations) == 2 and state.annotations[0][1] == 2  # edited once
    assert state_of("2011").annotations == []  # type: ignore[union-attr]
    assert state_of("1999") is None
    assert state_of("2015", "stranger") is None  # not a member: nothing read
    trash(project)
    assert state_of("2015") is None


def test_a_changed_compiler_falls_back_to_the_querysets(
    project: ProjectRecord, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    # a mock, as no other Django is installed here: compiling as prepared.py does meets
    # a compiler that has changed (the plain querysets still work, as they would)
    def changed() -> Any:
        raise AttributeError("'SQLCompiler' object has no attribute 'col_count'")

    read = prepared.Prepared(
        lambda project, label: VersionRecord.objects.filter(project_id=project, label=label)
        .values_list("pk", "label", "created"), int, str,
    )  # fmt: skip
    prepared.EVERY.remove(read)  # not one of the app's reads
    expected = list(VersionRecord.objects.filter(project=project, label="2015").values_list(
        "pk", "label", "created"))  # fmt: skip
    with monkeypatch.context() as patched, caplog.at_level(logging.WARNING):
        patched.setattr(read, "_compile", changed)
        assert read.rows(project.pk, "2015") == expected
    assert "AttributeError: 'SQLCompiler' object has no attribute 'col_count'" in read.problem()
    assert "runs as a plain queryset" in caplog.text
    assert read.rows(project.pk, "2015") == expected  # still the querysets, once decided
