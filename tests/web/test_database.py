"""The database the suite runs on: ``make test`` runs it on SQLite, then again on a
throwaway PostgreSQL server (``scripts/with_postgres.py``)."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from variorum.web.models import Project


@pytest.mark.django_db
def test_the_app_uses_the_database_its_url_names() -> None:
    url = os.environ.get("VARIORUM_DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")
    assert Project.objects.count() == 0
