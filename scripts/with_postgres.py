"""Run a command against a throwaway PostgreSQL server.

    python scripts/with_postgres.py -- pytest -q

makes a database cluster in a temporary folder (``initdb``), starts it (``pg_ctl``)
listening only on a unix socket in that folder, runs the command with
``VARIORUM_DATABASE_URL`` pointing at it, then stops the server and removes the folder,
whether the command passed or not. The exit status is the command's.

``initdb`` refuses to run as root, so under root (as CI is) the server runs as the
unprivileged ``nobody`` user (``setpriv``); the tests, still root, reach its socket.
The role is a superuser of its own cluster, so pytest-django may create its test
database. The server programs are found on ``PATH`` or in Debian's
``/usr/lib/postgresql/<major>/bin`` (the ``postgresql`` package).

``postgres_server()`` is the same as a context manager, for the load benchmark.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROLE = "variorum"
DATABASE = "variorum"
UNPRIVILEGED = "nobody"
"""The account the server runs as when this script runs as root."""
SETTINGS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off"
    " -c full_page_writes=off -c max_connections=200"
)
"""Unix socket only; durability off (a throwaway cluster); room for a benchmark's
threads. fsync=off changes nothing a test can see, only how long commits take."""


def server_program(name: str) -> str:
    """The path of ``initdb``, ``pg_ctl`` or ``postgres``."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    raise SystemExit(
        f"{name} not found: install PostgreSQL's server (Debian: apt-get install postgresql)"
    )


def _as_server_user(command: list[str]) -> list[str]:
    """``command`` as the server's account: ourselves, or ``nobody`` under root."""
    if os.geteuid() != 0:
        return command
    account = pwd.getpwnam(UNPRIVILEGED)
    return [
        "setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--clear-groups",
        *command,
    ]  # fmt: skip


def _run(command: list[str], folder: Path) -> None:
    done = subprocess.run(
        _as_server_user(command), cwd=folder, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        log = folder / "log"
        server_log = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise SystemExit(f"{Path(command[0]).name} failed:\n{done.stdout}{done.stderr}{server_log}")


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A running server with an empty database; yields its URL. Stopped and removed
    afterwards."""
    # under root, in /tmp itself: nobody must reach the folder (TMPDIR may be root's own)
    root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="variorum-pg-", dir="/tmp" if root else None))
    data = folder / "data"
    if root:
        account = pwd.getpwnam(UNPRIVILEGED)
        os.chown(folder, account.pw_uid, account.pw_gid)
    started = False
    try:
        _run(
            [server_program("initdb"), "-D", str(data), "-U", ROLE, "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            folder,
        )  # fmt: skip
        pg_ctl = server_program("pg_ctl")
        options = f"{SETTINGS} -k {folder}"
        _run([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
             folder)  # fmt: skip
        started = True
        url = f"postgres://{ROLE}@{str(folder).replace('/', '%2F')}/{DATABASE}"
        _create_database(folder)
        yield url
    finally:
        if started:
            _run([server_program("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], folder)
        shutil.rmtree(folder, ignore_errors=True)


def _create_database(socket_folder: Path) -> None:
    import psycopg  # the driver the app uses (a dependency of variorum)

    with psycopg.connect(
        host=str(socket_folder), user=ROLE, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE}")


def main(arguments: list[str]) -> int:
    """Run ``arguments`` (after an optional ``--``) with the server's URL set."""
    command = arguments[1:] if arguments[:1] == ["--"] else arguments
    if not command:
        raise SystemExit("usage: with_postgres.py -- COMMAND [ARGS...]")
    # a CI runner's SIGTERM unwinds like Ctrl+C, so the server is still stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with postgres_server() as url:
        print(f"with_postgres: PostgreSQL at {url}", file=sys.stderr, flush=True)
        return subprocess.run(
            command, env={**os.environ, "VARIORUM_DATABASE_URL": url}, check=False
        ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
