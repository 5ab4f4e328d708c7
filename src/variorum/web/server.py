"""Starting the web app: settings, migrations, the demo project, a real WSGI server.

``variorum serve`` and ``variorum demo`` run the app under waitress, a production
WSGI server in pure Python that runs the same on Linux, macOS and Windows, so an
analyst's laptop needs no compiler and no reverse proxy. On the loopback interface
the app signs its local user in with a one-time link, as Jupyter does.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import webbrowser
from pathlib import Path
from typing import Any

import variorum.settings
from variorum.errors import UsageError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
"""Addresses served to this machine only: the local user gets a sign-in link."""
DEMO_SLUG = "icoc-2011-2015"
"""The demo project's address in the app."""
LINK_MINUTES = 60 * 24
"""How long a printed one-time sign-in link stays valid."""


def setup(data_dir: Path | None = None, settings: str = "") -> None:
    """Point Django at the settings (and the data folder) and load the app."""
    if data_dir is not None:
        os.environ[variorum.settings.DATA_DIR.name] = str(data_dir.expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings or "variorum.web.settings")
    import django
    from django.conf import settings as loaded
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
        Path(loaded.DATA_DIR).mkdir(parents=True, exist_ok=True)
    except ImproperlyConfigured as error:  # such as a production setting left unset
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot use the data folder: {error.strerror or error}") from None


def migrate() -> None:
    """Create or update the database's tables."""
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as error:
        raise UsageError(f"cannot prepare the database: {error}") from None


def purge_trash() -> int:
    """Delete for good what has been in the trash longer than ``TRASH_DAYS``; end the
    imports a stopped server left (removing what they had stored) and purge the
    records of old ones (``store.imports.tidy``)."""
    from variorum.web.store import imports
    from variorum.web.store.projects import purge_trash as purge

    imports.tidy()
    return purge()


def local_user(name: str = "") -> Any:
    """The account of the person at this machine, made on first use."""
    from django.contrib.auth import get_user_model

    users = get_user_model()
    name = name or os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"
    user, made = users.objects.get_or_create(username=name)
    if made:
        user.set_unusable_password()
        user.save()
    return user


def login_link(user: Any, host: str, port: int, then: str = "/") -> str:
    """A one-time sign-in link for ``user``, going to ``then`` afterwards."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}{login_path(user, then)}"


def login_path(user: Any, then: str = "/") -> str:
    """The path of a new one-time sign-in link for ``user`` (valid ``LINK_MINUTES``),
    to put after any server's address."""
    from datetime import timedelta

    from variorum.web.models import LoginLink

    secret = LoginLink.issue(user, timedelta(minutes=LINK_MINUTES))
    return f"/login/once/{secret}/?next={then}"


def load_demo(user: Any) -> str:
    """Load the built-in Code of Conduct project (once; out of the trash if it is
    there) with ``user`` as its owner; return its address in the app.

    All or nothing, in one transaction: a process killed part-way leaves no
    project (an import's bounded transactions would leave one without members or
    without the demo's address, which no import record would clean up); the demo
    is small enough to hold the writer for the moment it takes."""
    from django.db import transaction

    from variorum.web.models import MemberRole, Membership, ProjectRecord
    from variorum.web.store.projects import restore

    with transaction.atomic():
        project = ProjectRecord.objects.filter(slug=DEMO_SLUG).first()
        if project is not None and project.deleted_at is not None:
            restore(project)  # its link would lead nowhere from the trash
        if project is None:
            project = _import_demo(user)
        Membership.objects.get_or_create(
            project=project, user=user, defaults={"role": MemberRole.OWNER}
        )
    return f"/p/{project.slug}/"


def _import_demo(user: Any) -> Any:
    """The demo project, newly stored from the built-in example, at ``DEMO_SLUG``."""
    import tempfile

    from variorum.examples.projects import write_example_project
    from variorum.web.store.folders import import_folder

    with tempfile.TemporaryDirectory() as temporary:
        folder = write_example_project("icoc", Path(temporary) / "icoc")
        project = import_folder(folder.folder, user)
    project.slug = DEMO_SLUG
    project.save(update_fields=["slug"])
    return project


def check_host(host: str) -> None:
    """Refuse to serve the network under the local settings, which accept only
    loopback addresses and sign users in by one-time links printed here."""
    from django.conf import settings

    if host not in LOCAL_HOSTS and settings.SETTINGS_MODULE == "variorum.web.settings":
        raise UsageError(
            f"--host {host} serves other machines: use the production settings"
            " (DJANGO_SETTINGS_MODULE=variorum.web.production; see docs/web.md)"
        )


def check_threads(threads: int) -> None:
    """Refuse a thread count that requests waiting for workers could all hold, leaving
    none to answer other pages (``VARIORUM_WAITING_REQUESTS`` of them may wait)."""
    from django.conf import settings

    waiting = settings.VARIORUM_WAITING_REQUESTS
    if threads <= waiting:
        raise UsageError(
            f"--threads {threads} leaves no thread for other pages while"
            f" {waiting} requests wait for workers (VARIORUM_WAITING_REQUESTS):"
            f" use more than {waiting}"
        )


def check_port(host: str, port: int) -> None:
    """Refuse a port another program already listens on, in one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(
                f"cannot listen on {host}:{port}: {error.strerror or error}"
                " (choose another with --port)"
            ) from None


def run(host: str, port: int, threads: int = 8) -> None:
    """Serve the app until interrupted."""
    import waitress

    from variorum.web.limits import REQUEST_BYTES
    from variorum.web.wsgi import application

    # a service manager's stop exits as Ctrl+C does, through Python's exit handlers,
    # which stop the worker processes making redlines too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    waitress.serve(
        application, host=host, port=port, threads=threads, ident="variorum",
        max_request_body_size=REQUEST_BYTES,  # larger bodies: 413 from Content-Length, unread
    )  # fmt: skip


def open_browser(url: str) -> None:
    """Open ``url`` in the user's browser, if this machine has one."""
    with contextlib.suppress(webbrowser.Error):
        webbrowser.open(url)
