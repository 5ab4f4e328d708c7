"""Local settings: the app on one analyst's machine, with nothing to configure.

Everything a user may want to change comes from the environment, through the
``variorum.settings`` that name it (``docs/settings.md`` lists them): the data folder
(``VARIORUM_DATA_DIR``), the database (``VARIORUM_DATABASE_URL``, default SQLite in the
data folder), the signing key, the limits of the worker processes, the requests that
may wait for one, and the sites that may read annotation containers (CORS).

``variorum.web.production`` builds on this module for a server on the network.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Any

import dj_database_url  # one URL names any database: the one setting a team changes
import platformdirs  # the user's data folder on Linux, macOS and Windows
from django.core.exceptions import ImproperlyConfigured

from variorum import settings
from variorum.errors import UsageError
from variorum.web import limits

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(
    settings.DATA_DIR.text() or platformdirs.user_data_dir("variorum", "variorum")
).expanduser()


def _secret_key() -> str:
    """The environment's key, or one made once and kept (0600) in the data folder."""
    if settings.SECRET_KEY.is_set():
        return settings.SECRET_KEY.text()
    path = DATA_DIR / "secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = settings.DEBUG.switch()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "variorum.web.apps.WebConfig",
]

MIDDLEWARE = [
    "variorum.web.views.headers.ContentSecurityPolicyMiddleware",  # first: on every answer
    "variorum.web.views.cors.CorsMiddleware",  # off unless VARIORUM_CORS_ORIGINS is set
    "variorum.web.views.errors.MethodNotAllowedPageMiddleware",
    "variorum.web.views.errors.ServerBusyMiddleware",  # 503 when no request may wait
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "variorum.web.views.sizes.RequestSizeMiddleware",  # before CSRF, which reads the body
    "variorum.web.views.nul.NulCharacterMiddleware",  # after the size check: reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "variorum.web.auth_backend.AuthenticationMiddleware",  # Django's; user read with the session
    "variorum.web.views.tokens.TokenAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

SESSION_ENGINE = "variorum.web.session_store"  # Django's, read with its user in one query

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    # Django's ModelBackend, its user read compiled once; sessions signed in through
    # ModelBackend itself (before this) are signed in again
    "variorum.web.auth_backend.UserBackend",
]

ROOT_URLCONF = "variorum.web.urls"
WSGI_APPLICATION = "variorum.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    """The database named by ``url``; ImproperlyConfigured, in one line, if none is."""
    try:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:  # UnknownSchemeError among them
        problem = (
            f"unknown kind of database {url.partition('://')[0]!r}"
            if isinstance(error, dj_database_url.UnknownSchemeError)
            else str(error).splitlines()[0]
        )
        raise ImproperlyConfigured(
            f"VARIORUM_DATABASE_URL: {problem} (use postgres://user:password@host/name,"
            " or leave it unset for SQLite in the data folder)"
        ) from None


def _number(setting: settings.Setting) -> float:
    """The positive number ``setting`` gives; ImproperlyConfigured, in one line, if not."""
    try:
        return setting.positive()
    except UsageError as error:
        raise ImproperlyConfigured(str(error)) from None


def _origins(setting: settings.Setting) -> tuple[str, ...]:
    """The origins (``https://host[:port]``, or ``*``) ``setting`` lists, comma
    separated; ImproperlyConfigured naming a malformed one."""
    given = [part.strip() for part in setting.text().split(",") if part.strip()]
    for origin in given:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            raise ImproperlyConfigured(
                f"{setting.name}: {origin!r} is not an origin (https://host or"
                " https://host:port, no path) nor *"
            )
    return tuple(given)


VARIORUM_CORS_ORIGINS = _origins(settings.CORS_ORIGINS)
"""Other sites whose scripts may read the annotation containers (CORS); none by default."""

DATABASES = {
    "default": _database(
        settings.DATABASE_URL.text() or f"sqlite:///{DATA_DIR / 'variorum.sqlite3'}"
    )
}
VARIORUM_DB_LOCK_SECONDS = _number(settings.DB_LOCK_SECONDS)
"""How long a save waits for a lock another request holds before it is answered 503."""
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the timeout waits out a busy writer
    DATABASES["default"]["OPTIONS"] = {
        "timeout": VARIORUM_DB_LOCK_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # each server thread keeps its connection (60 s, as for PostgreSQL): opening one
    # and running the pragmas cost about 2 ms of every request, more than its queries
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    lock_ms = round(VARIORUM_DB_LOCK_SECONDS * 1000)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c lock_timeout={lock_ms}"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: str | None = None  # locally nothing is collected: WhiteNoise serves from the package
WHITENOISE_USE_FINDERS = True  # locally, static files are served from the package itself
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CSRF_FAILURE_VIEW = "variorum.web.views.api.csrf_failure"  # JSON for API calls

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects"
LOGOUT_REDIRECT_URL = "login"


# Redlines are made in worker processes (variorum.web.worker), never in a request's thread
VARIORUM_COMPARE_SECONDS = _number(settings.COMPARE_SECONDS)
"""Seconds a redline may take to make before its worker is stopped."""
VARIORUM_COMPARE_MEMORY_MB = int(_number(settings.COMPARE_MEMORY_MB))
"""Memory (address space, MB) a redline's worker may use before it is stopped."""
VARIORUM_PRINT_MEMORY_MB = int(_number(settings.PRINT_MEMORY_MB))
"""Memory (resident, MB) Chromium's processes together may use printing a PDF download
before they are stopped (Chromium cannot start under an address-space limit)."""
VARIORUM_COMPARE_WORKERS = int(_number(settings.COMPARE_WORKERS))
"""Redlines made at once per server process; more wait their turn."""
VARIORUM_WAITING_REQUESTS = int(_number(settings.WAITING_REQUESTS))
"""Requests that may wait at once in their thread for a child process (publishing,
carrying, a Word or PDF file, reading an upload); one more is answered 503 at once.
Fewer than the server's threads (8), so that pages are always answered."""
VARIORUM_REDLINE_CACHE_MB = int(_number(settings.REDLINE_CACHE_MB))
"""Finished redline pages kept per server process (MB of HTML), for instant reopening."""
VARIORUM_REDLINE_WAIT_SECONDS = _number(settings.REDLINE_WAIT_SECONDS)
"""How long a request waits for a new redline before showing the progress page."""

VARIORUM_IMPORT_STALLED_SECONDS = _number(settings.IMPORT_STALLED_SECONDS)
"""An import with no sign of life for this long stopped with its server (``store.imports``)."""
VARIORUM_IMPORT_KEPT_DAYS = _number(settings.IMPORT_KEPT_DAYS)
"""Days a finished import's record is kept before it is purged."""

DATA_UPLOAD_MAX_MEMORY_SIZE = limits.JSON_BODY_BYTES  # refused from Content-Length, unread
FILE_UPLOAD_MAX_MEMORY_SIZE = limits.FILE_IN_MEMORY_BYTES  # larger uploads go to disk

# sign-in attempts: five failures lock the username from that address for 15 minutes
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "variorum_web/locked_out.html"  # a page saying why, status 429

TRASH_DAYS = 30
"""Days a deleted project or version can be restored before it is purged."""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # not propagated: waitress gives the root logger a handler too, which logged it twice
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
