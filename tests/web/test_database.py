"""The database the suite runs on: ``make test`` runs it on SQLite, then again on a
throwaway PostgreSQL server (``scripts/with_postgres.py``)."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations import RenameModel
from django.db.migrations.executor import MigrationExecutor

from variorum.web.models import AnnotationRecord, ProjectRecord, VersionRecord


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
