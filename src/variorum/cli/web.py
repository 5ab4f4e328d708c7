"""Web app commands: ``serve``, ``demo`` and ``manage`` (Django's management commands)."""

from __future__ import annotations

from pathlib import Path

import click

from variorum import settings
from variorum.web import server

port_option = click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port."
)
host_option = click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 serves the network: use the production settings).",
)
data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=settings.DATA_DIR.name,
    help="Folder of the database and the secret key [default: your user data folder].",
)
browser_option = click.option(
    "--no-browser", is_flag=True, help="Do not open the browser; just print the address."
)
threads_option = click.option(
    "--threads", default=8, show_default=True,
    help="Requests served at once (more than VARIORUM_WAITING_REQUESTS, 4 by default).",
)  # fmt: skip


@click.command("serve")
@port_option
@host_option
@data_dir_option
@browser_option
@threads_option
def serve_command(
    port: int, host: str, data_dir: Path | None, no_browser: bool, threads: int
) -> None:
    """Run the authoring web app: upload versions, annotate, publish.

    Uses SQLite in your data folder and applies migrations itself; nothing to
    configure. On this machine's own address it prints a one-time sign-in link.

    \b
    Example:
      variorum serve
      variorum serve --port 8080 --data-dir ~/analyses
    """
    _start(port, host, data_dir, no_browser, threads, demo=False)


@click.command("demo")
@port_option
@host_option
@data_dir_option
@browser_option
@threads_option
def demo_command(
    port: int, host: str, data_dir: Path | None, no_browser: bool, threads: int
) -> None:
    """Load the built-in Code of Conduct analysis (2011 -> 2015, with its notes) and
    serve it, signed in and ready to edit.

    \b
    Example:
      variorum demo
      variorum demo --no-browser --port 8001
    """
    _start(port, host, data_dir, no_browser, threads, demo=True)


@click.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def manage_command(context: click.Context, args: tuple[str, ...]) -> None:
    """Django's management commands for the web app (migrate, createsuperuser,
    changepassword, collectstatic, check --deploy, ...).

    \b
    Example:
      variorum manage createsuperuser
      DJANGO_SETTINGS_MODULE=variorum.web.production variorum manage check --deploy
    """
    from django.core.management import execute_from_command_line

    if not args or args[0] in ("-h", "--help"):
        click.echo(context.get_help())
        args = ("help",)
    server.setup()
    execute_from_command_line(["variorum manage", *args])


def _start(
    port: int, host: str, data_dir: Path | None, no_browser: bool, threads: int, demo: bool
) -> None:
    server.check_port(host, port)
    server.setup(data_dir)
    server.check_host(host)
    server.check_threads(threads)
    server.migrate()
    server.purge_trash()
    from django.conf import settings

    then = "/"
    local = host in server.LOCAL_HOSTS
    user = server.local_user() if local or demo else None
    if demo:
        then = server.load_demo(user)
    click.echo(f"Variorum is serving on http://{host}:{port}/ (data: {settings.DATA_DIR})")
    if user is not None:
        link = server.login_link(user, host, port, then)
        click.echo(f"Open this one-time link to sign in as {user.get_username()}:\n    {link}")
        if not no_browser:
            server.open_browser(link)
    click.echo("Press Ctrl+C to stop.")
    server.run(host, port, threads)
