"""A fresh, empty database of the suite's kind for a server the tests start as a
subprocess: on the PostgreSQL run of the suite a new database on that server (never
the database the suite's own tests share), otherwise none named, so the server uses
SQLite in its data folder. Used by ``tests/web`` and ``tests/browser/app``."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url


def fresh_database_environment() -> dict[str, str]:
    """The environment of a server with an empty database of the suite's kind."""
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    environment.pop("VARIORUM_DATA_DIR", None)
    url = environment.pop("VARIORUM_DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        config = dj_database_url.parse(url)
        name = f"serve_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            host=config["HOST"], port=config["PORT"] or None, user=config["USER"],
            password=config["PASSWORD"] or None, dbname=config["NAME"], autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(f"CREATE DATABASE {name}")
        environment["VARIORUM_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    return environment


@contextmanager
def database_locked(
    environment: dict[str, str], data_dir: Path, tables: list[str]
) -> Iterator[None]:
    """Hold the write lock of a server's database (its environment and data folder)
    for the block: SQLite's one writer, or on PostgreSQL an EXCLUSIVE lock of
    ``tables`` (reads go on, writes wait), as a long import or a stuck client would."""
    url = environment.get("VARIORUM_DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        config = dj_database_url.parse(url)
        with psycopg.connect(
            host=config["HOST"], port=config["PORT"] or None, user=config["USER"],
            password=config["PASSWORD"] or None, dbname=config["NAME"],
        ) as connection:  # fmt: skip
            connection.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
            yield
            connection.rollback()
        return
    connection = sqlite3.connect(data_dir / "variorum.sqlite3", isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()
