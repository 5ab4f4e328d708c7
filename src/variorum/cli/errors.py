"""Turning errors into one clear line and an exit status, never a traceback."""

from __future__ import annotations

import sys

import click

from variorum.errors import VariorumError

TROUBLE = 2
"""Exit status for any failure, as ``diff`` and ``git diff`` use it."""


def run_safely(command: click.Command, args: list[str] | None = None) -> int:
    """Run a click command; return its exit status, printing failures as one line."""
    try:
        status = command.main(args=args, prog_name="variorum", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("variorum: interrupted", err=True)
        return TROUBLE
    except click.ClickException as error:
        error.show()
        return TROUBLE
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except VariorumError as error:
        click.echo(f"variorum: error: {error}", err=True)
        return error.exit_status
    except KeyboardInterrupt:
        click.echo("variorum: interrupted", err=True)
        return TROUBLE
    except BrokenPipeError:
        sys.stderr.close()
        return TROUBLE
    except Exception as error:
        click.echo(f"variorum: internal error: {type(error).__name__}: {error}", err=True)
        return TROUBLE
    return status if isinstance(status, int) else 0
