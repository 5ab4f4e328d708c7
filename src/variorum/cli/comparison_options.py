"""The comparison's switches, shared by every command that compares (``compare``,
``batch``): each of ``variorum.options.SWITCHES`` a flag named like its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from variorum.options import SWITCHES

F = TypeVar("F", bound=Callable[..., object])

HELP = {
    "ignore_case": "Ignore differences of letter case.",
    "ignore_whitespace": "Ignore differences of whitespace.",
    "ignore_punctuation": "Ignore punctuation.",
    "fold_typography": "Treat curly quotes, dashes and special spaces as plain ones.",
    "ignore_links": "Do not report changed link targets.",
    "ignore_images": "Do not report changed image sources.",
    "blocks_only": "Show changed blocks whole, without a word diff.",
}
"""Each switch's help (a switch without one fails here, when the CLI is imported)."""
SHORT = {"ignore_case": "-i", "ignore_whitespace": "-w", "ignore_punctuation": "-p",
         "fold_typography": "-t"}  # fmt: skip
"""The one-letter flags of the switches used most."""


def comparison_options(command: F) -> F:
    """Add the comparison's flags to a click command, in the order of ``SWITCHES``."""
    for name in reversed(SWITCHES):
        names = [SHORT[name]] if name in SHORT else []
        flag = "--" + name.replace("_", "-")
        command = click.option(*names, flag, is_flag=True, help=HELP[name])(command)
    return command
