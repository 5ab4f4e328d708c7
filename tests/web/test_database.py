"""The database the suite runs on: ``make test`` runs it on SQLite, then again on a
throwaway PostgreSQL server (``scripts/with_postgres.py``)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.core.management import call_command
from django.db import connection
from django.db.migrations import RenameModel
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from variorum.web.models import AnnotationRecord, ProjectRecord, UserSession, VersionRecord

FORMER_BACKEND = "django.contrib.auth.backends.ModelBackend"
"""The backend sessions named before the app had its own (``auth_backend``)."""


@pytest.mark.django_db
def test_the_app_uses_the_database_its_url_names() -> None:
    url = os.environ.get("VARIORUM_DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")
    assert ProjectRecord.objects.count() == 0


@pytest.mark.django_db  # makemigrations checks the applied migrations' history
def test_the_migrations_describe_the_models_exactly() -> None:
    # a model changed without its migration would change the tables of nobody's database
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_renamed_models_keep_the_tables_that_hold_existing_data() -> None:
    tables = set(connection.introspection.table_names())
    for model in (ProjectRecord, VersionRecord, AnnotationRecord):
        assert model._meta.db_table in tables
    assert {ProjectRecord._meta.db_table, AnnotationRecord._meta.db_table} == {
        "variorum_web_project",
        "variorum_web_annotation",
    }


def before_rename(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """The app's migration just before the one that named the stored project
    ProjectRecord (found by its operation, whatever its number)."""
    for (app, _), migration in executor.loader.disk_migrations.items():
        renames = [op for op in migration.operations if isinstance(op, RenameModel)]
        if app == "variorum_web" and any(op.old_name == "Project" for op in renames):
            return [key for key in migration.dependencies if key[0] == app]
    raise AssertionError("no migration renames Project")


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_rename_keeps_its_rows() -> None:
    executor = MigrationExecutor(connection)
    before = before_rename(executor)
    executor.migrate(before)
    older = executor.loader.project_state(before).apps.get_model("variorum_web", "Project")
    older.objects.create(slug="kept", title="Made before the rename")
    executor = MigrationExecutor(connection)  # the graph as it is on disk now
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ProjectRecord.objects.get(slug="kept").title == "Made before the rename"


@pytest.mark.django_db(transaction=True)
def test_sessions_signed_in_before_the_session_table_moved_stay_signed_in(
    django_user_model: Any,
) -> None:
    user = django_user_model.objects.create_user("kept", password="pw")
    executor = MigrationExecutor(connection)
    before = [("variorum_web", "0006_records")]  # Django's own table held the sessions
    executor.migrate(before)
    older = django_user_model.objects.get(username="kept")
    session = DjangoSessionStore()
    session.update({SESSION_KEY: str(older.pk), BACKEND_SESSION_KEY: FORMER_BACKEND,
                    HASH_SESSION_KEY: older.get_session_auth_hash()})  # fmt: skip
    session.create()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = UserSession.objects.get(session_key=session.session_key)
    assert moved.user_id == user.pk
    client = Client()
    client.cookies["sessionid"] = session.session_key
    assert client.get("/").wsgi_request.user == user
