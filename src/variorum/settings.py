"""Every setting Variorum reads from the environment, with its default, in one place.

A setting is a ``VARIORUM_*`` environment variable; the modules that use one read it
through its ``Setting`` here (never ``os.environ`` themselves), so that this list is
the whole of what a user or an administrator can set, and ``docs/settings.md`` lists
each with its default (a test keeps the two in step). Command-line options that
override a setting (``--max-size``, ``--time-limit``, ``--data-dir``) say so in their help.

>>> MAX_INPUT_BYTES.name, MAX_INPUT_BYTES.default
('VARIORUM_MAX_INPUT_BYTES', '67108864')
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass

from variorum.errors import UsageError
from variorum.options import ReadLimits


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable: its name, the value it has when unset, and its effect."""

    name: str
    """The variable, ``VARIORUM_...``."""
    default: str
    """The value when the variable is unset or blank ("" where there is none)."""
    effect: str
    """What it changes, in a line (``docs/settings.md`` shows it)."""
    part: str
    """Who reads it: ``engine`` (every comparison), ``reading`` (every command), ``pdf``,
    ``server`` or ``production``."""

    def text(self) -> str:
        """The variable's value, stripped, or the default when it is unset or blank."""
        return os.environ.get(self.name, "").strip() or self.default

    def is_set(self) -> bool:
        """Whether the environment gives the variable a value."""
        return bool(os.environ.get(self.name, "").strip())

    def positive(self) -> float:
        """The value as a positive number; a ``UsageError`` naming the variable if not."""
        given = self.text()
        try:
            value = float(given)
        except ValueError:
            value = 0
        if value <= 0:
            raise UsageError(f"{self.name}: {given!r} is not a positive number")
        return value

    def switch(self) -> bool:
        """Whether the value is ``1`` (on); anything else is off."""
        return self.text() == "1"

    def names(self, known: Collection[str]) -> set[str]:
        """The value as comma-separated names, each one of ``known``; a ``UsageError``
        naming the variable, the unknown names and the known ones if not (a typo must
        not pass as a setting that changes nothing)."""
        given = {name.strip() for name in self.text().split(",") if name.strip()}
        unknown = sorted(given - set(known))
        if unknown:
            raise UsageError(
                f"{self.name}: unknown {', '.join(map(repr, unknown))};"
                f" known: {', '.join(sorted(known))}"
            )
        return given


MAX_INPUT_BYTES = Setting(
    "VARIORUM_MAX_INPUT_BYTES",
    str(64 * 1024 * 1024),
    "the largest file read as a version, in bytes (`--max-size` overrides it)",
    "reading",
)
READ_SECONDS = Setting(
    "VARIORUM_READ_SECONDS",
    f"{ReadLimits().seconds:g}",
    "seconds one file may take to read, in a child process (`--time-limit` overrides it)",
    "reading",
)
READ_MEMORY_MB = Setting(
    "VARIORUM_READ_MEMORY_MB",
    str(ReadLimits().memory_mb),
    "memory (MB) reading one file may add (`--memory-limit` overrides it)",
    "reading",
)
CHROMIUM = Setting(
    "VARIORUM_CHROMIUM",
    "",
    "the Chromium program that prints PDFs (default: `chromium` or the like on PATH)",
    "pdf",
)
DATA_DIR = Setting(
    "VARIORUM_DATA_DIR",
    "",
    "the web app's data folder: its SQLite database and secret key"
    " (default: the user's data folder; `--data-dir` overrides it)",
    "server",
)
DATABASE_URL = Setting(
    "VARIORUM_DATABASE_URL",
    "",
    "the database, as a URL (`postgres://user:password@host/name`; default: SQLite"
    " in the data folder)",
    "server",
)
SECRET_KEY = Setting(
    "VARIORUM_SECRET_KEY",
    "",
    "the key signing sessions (default: one made once and kept in the data folder;"
    " required in production)",
    "server",
)
DEBUG = Setting("VARIORUM_DEBUG", "", "`1`: Django's debug pages (never on a server)", "server")
DB_LOCK_SECONDS = Setting(
    "VARIORUM_DB_LOCK_SECONDS",
    "20",
    "seconds a save waits for a lock another request holds; past it the save is answered 503",
    "server",
)
COMPARE_SECONDS = Setting(
    "VARIORUM_COMPARE_SECONDS",
    "180",
    "seconds a worker process (redline, comparison, carrying, publishing) may take",
    "server",
)
COMPARE_MEMORY_MB = Setting(
    "VARIORUM_COMPARE_MEMORY_MB",
    "4096",
    "memory (MB of address space) a worker process may use",
    "server",
)
PRINT_MEMORY_MB = Setting(
    "VARIORUM_PRINT_MEMORY_MB",
    "2048",
    "memory (MB resident, all of Chromium's processes together) printing one PDF may use",
    "server",
)
COMPARE_WORKERS = Setting(
    "VARIORUM_COMPARE_WORKERS",
    "2",
    "worker processes at once per server process; more work waits its turn",
    "server",
)
WAITING_REQUESTS = Setting(
    "VARIORUM_WAITING_REQUESTS",
    "4",
    "requests that may wait at once for a worker process (publishing, carrying, a Word or"
    " PDF file, reading an upload); one more is answered 503 at once",
    "server",
)
CORS_ORIGINS = Setting(
    "VARIORUM_CORS_ORIGINS",
    "",
    "other sites whose scripts may read the annotation containers (CORS), comma separated"
    " (`https://host[:port]` or `*`); GET and HEAD only, never with credentials",
    "server",
)
REDLINE_CACHE_MB = Setting(
    "VARIORUM_REDLINE_CACHE_MB",
    "256",
    "finished redline pages (and, apart, API comparisons) kept per server process, in MB",
    "server",
)
REDLINE_WAIT_SECONDS = Setting(
    "VARIORUM_REDLINE_WAIT_SECONDS",
    "3",
    "seconds a request waits for a new redline before showing the progress page",
    "server",
)
IMPORT_STALLED_SECONDS = Setting(
    "VARIORUM_IMPORT_STALLED_SECONDS",
    "120",
    "seconds without a sign of life after which an import whose server process is gone"
    " is taken as stopped with its server: what it had stored is removed and its page"
    " says so",
    "server",
)
IMPORT_KEPT_DAYS = Setting(
    "VARIORUM_IMPORT_KEPT_DAYS",
    "7",
    "days the record of a finished import (its progress page) is kept before it is purged",
    "server",
)
URL = Setting(
    "VARIORUM_URL",
    "",
    "the app's address as colleagues reach it, in `variorum user` sign-in links",
    "server",
)
ALLOWED_HOSTS = Setting(
    "VARIORUM_ALLOWED_HOSTS",
    "",
    "the host names served, comma separated (required in production)",
    "production",
)
SSL_REDIRECT = Setting(
    "VARIORUM_SSL_REDIRECT",
    "1",
    "`0` when the proxy in front already redirects HTTP to HTTPS",
    "production",
)
STATIC_ROOT = Setting(
    "VARIORUM_STATIC_ROOT",
    "",
    "where `collectstatic` puts the static files (default: `static` in the data folder)",
    "production",
)

PURE_PYTHON = Setting(
    "VARIORUM_PURE_PYTHON",
    "",
    "`1`: every compiled twin off, the Python references run (or the twins' names, "
    "comma-separated: those off, an unknown name refused; `variorum/compiled.py`); "
    "for tests and measurements",
    "engine",
)

SETTINGS = (
    PURE_PYTHON,
    MAX_INPUT_BYTES,
    READ_SECONDS,
    READ_MEMORY_MB,
    CHROMIUM,
    DATA_DIR,
    DATABASE_URL,
    SECRET_KEY,
    DEBUG,
    DB_LOCK_SECONDS,
    COMPARE_SECONDS,
    COMPARE_MEMORY_MB,
    PRINT_MEMORY_MB,
    COMPARE_WORKERS,
    WAITING_REQUESTS,
    CORS_ORIGINS,
    REDLINE_CACHE_MB,
    REDLINE_WAIT_SECONDS,
    IMPORT_STALLED_SECONDS,
    IMPORT_KEPT_DAYS,
    URL,
    ALLOWED_HOSTS,
    SSL_REDIRECT,
    STATIC_ROOT,
)
"""Every setting, in the order ``docs/settings.md`` lists them."""
