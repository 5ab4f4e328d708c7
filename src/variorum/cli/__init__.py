"""The command line: thin click commands, each a call into the library.

Every command turns a VariorumError into one line on stderr and exit status 2, and
never shows a traceback to a user.
"""

from __future__ import annotations

import importlib
import sys

import click

from variorum.cli.errors import run_safely

COMMANDS = {
    "compare": "compare:compare_command",
    "publish": "publish:publish_command",
    "batch": "batch:batch_command",
    "batch-report": "batch:batch_report_command",
    "serve": "web:serve_command",
    "demo": "web:demo_command",
    "manage": "web:manage_command",
    "user": "users:user_group",
    "init": "project:init_command",
    "add-version": "project:add_version_command",
    "annotate": "project:annotate_command",
    "annotations": "project:annotations_group",
    "check": "project:check_command",
    "example": "project:example_command",
    "import-git": "history:import_git_command",
    "history": "history:history_command",
    "blame": "history:blame_command",
    "provision": "history:provision_command",
    "feed": "history:feed_command",
}
"""Each command's name and where it lives (``module:attribute`` in ``variorum.cli``)."""


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs (or help
    lists it), click's documented pattern for lazy subcommands: ``variorum batch``
    then skips the web app's and the publisher's imports, and so does every worker
    process it spawns (a spawned process imports the ``variorum`` script again)."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002 (click's signature)
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: ARG002
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name].split(":")
            loaded = getattr(importlib.import_module(f"variorum.cli.{module}"), attribute)
            self.add_command(loaded, cmd_name)
        return self.commands.get(cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="variorum")
def main() -> None:
    """Compare versions of documents, annotate them, and publish the analysis.

    \b
    Example:
      variorum compare --example icoc
    """


def entry() -> None:
    """The console script: run ``main`` with errors turned into one-line messages."""
    sys.exit(run_safely(main))
