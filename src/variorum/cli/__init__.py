"""The command line: thin click commands, each a call into the library.

Every command turns a VariorumError into one line on stderr and exit status 2, and
never shows a traceback to a user.
"""

from __future__ import annotations

import sys

import click

from variorum.cli.errors import run_safely


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="variorum")
def main() -> None:
    """Compare versions of documents, annotate them, and publish the analysis.

    \b
    Example:
      variorum compare --example icoc
    """


def _register() -> None:
    from variorum.cli.batch import batch_command, batch_report_command
    from variorum.cli.compare import compare_command
    from variorum.cli.history import COMMANDS as HISTORY_COMMANDS
    from variorum.cli.project import COMMANDS as PROJECT_COMMANDS
    from variorum.cli.publish import publish_command
    from variorum.cli.users import user_group
    from variorum.cli.web import demo_command, manage_command, serve_command

    main.add_command(compare_command)
    main.add_command(publish_command)
    main.add_command(batch_command)
    main.add_command(batch_report_command)
    for command in (serve_command, demo_command, manage_command, user_group):
        main.add_command(command)
    for command in (*PROJECT_COMMANDS, *HISTORY_COMMANDS):
        main.add_command(command)


_register()


def entry() -> None:
    """The console script: run ``main`` with errors turned into one-line messages."""
    sys.exit(run_safely(main))
