"""The browser tests' server keeps to a database of its own: on the PostgreSQL run
of the suite a fresh one, never the database the other tests share; otherwise SQLite
in its data folder."""

from __future__ import annotations

import os

import dj_database_url
from app_steps import Server


def test_the_server_has_a_database_of_its_own(server: Server) -> None:
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    name = server.django(code).strip().splitlines()[-1]  # after the shell's banner
    shared = os.environ.get("VARIORUM_DATABASE_URL", "")
    if shared:
        assert name != dj_database_url.parse(shared)["NAME"]
    else:
        assert name == str(server.data_dir / "variorum.sqlite3")
