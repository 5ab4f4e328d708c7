"""Pages that only show something refuse other methods (405): a form posted to a
read-only address must not look as if it worked. The routes are those of the
permission table (``permission_table.ROWS``) whose only row is a GET."""

from __future__ import annotations

import logging
import logging.config
from collections import defaultdict
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from permission_table import ROWS, World

pytestmark = pytest.mark.django_db

SIGN_IN = {"login", "login-once"}
"""Django's sign-in form (GET shows it, POST signs in) and the one-time link."""


def read_only_page_rows() -> list[Any]:
    methods: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        methods[row.name].add(row.method)
    return [
        row
        for row in ROWS
        if not row.api and methods[row.name] == {"GET"} and row.name not in SIGN_IN
    ]


def test_read_only_pages_refuse_a_post(world: World) -> None:
    rows = read_only_page_rows()
    assert {"project", "version-text", "redline", "export"} <= {row.name for row in rows}
    client = Client()
    client.force_login(world.users["owner"])
    for row in rows:
        if row.prepare:
            row.prepare(world)
        path = row.path.format(**world.values)
        assert client.post(path).status_code == 405, path
        assert client.head(path).status_code < 400, path


def test_a_django_warning_is_logged_once() -> None:
    seen: list[logging.LogRecord] = []
    root = logging.getLogger()
    catcher = logging.Handler()
    catcher.emit = seen.append  # type: ignore[method-assign]
    logging.config.dictConfig(settings.LOGGING)
    root.addHandler(catcher)  # as waitress adds its own handler to the root logger
    try:
        logging.getLogger("django.request").warning("Not Found: /nowhere/")
    finally:
        root.removeHandler(catcher)
    assert seen == []
