"""``variorum user``: accounts of the web app, for the administrator of a team server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from variorum import settings
from variorum.cli.web import data_dir_option
from variorum.errors import UsageError
from variorum.web import server

url_option = click.option(
    "--url",
    default="http://127.0.0.1:8000",
    show_default=True,
    envvar=settings.URL.name,
    help="The app's address as colleagues reach it (or VARIORUM_URL).",
)


@click.group("user")
def user_group() -> None:
    """Add colleagues to the web app and send them one-time sign-in links.

    Uses the same settings as the server (DJANGO_SETTINGS_MODULE, VARIORUM_*).
    Administrators themselves are made with `variorum manage createsuperuser`.

    \b
    Example:
      variorum user add ana --url https://variorum.example.org
      variorum user link ana --url https://variorum.example.org
    """


@user_group.command("add")
@click.argument("name")
@click.option("--email", default="", help="The colleague's e-mail address.")
@url_option
@data_dir_option
def add_command(name: str, email: str, url: str, data_dir: Path | None) -> None:
    """Make an account NAME and print a one-time sign-in link for it.

    \b
    Example:
      variorum user add ana --email ana@example.org
    """
    server.setup(data_dir)
    from variorum.web.store.accounts import add_user

    _print_link(_in_database(lambda: add_user(name, email)), url)


@user_group.command("link")
@click.argument("name")
@url_option
@data_dir_option
def link_command(name: str, url: str, data_dir: Path | None) -> None:
    """Print a new one-time sign-in link for the existing account NAME.

    \b
    Example:
      variorum user link ana
    """
    server.setup(data_dir)
    from variorum.web.store.accounts import find_user

    _print_link(_in_database(lambda: find_user(name)), url)


def _in_database(action: Any) -> Any:
    from django.db import DatabaseError

    try:
        return action()
    except DatabaseError as error:
        raise UsageError(
            f"cannot use the database ({str(error).strip()}): run `variorum manage migrate`"
            " (or `variorum serve` once) first"
        ) from None


def _print_link(user: Any, url: str) -> None:
    link = url.rstrip("/") + _in_database(lambda: server.login_path(user))
    hours = server.LINK_MINUTES // 60
    click.echo(f"One-time sign-in link for {user.get_username()} (valid {hours} hours, once):")
    click.echo(f"    {link}")
