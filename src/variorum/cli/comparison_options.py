"""The comparison's switches, shared by every command that compares (``compare``,
``batch``): each a flag named like its ``CompareOptions`` field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

FLAGS = (
    (("-i", "--ignore-case"), "Ignore differences of letter case."),
    (("-w", "--ignore-whitespace"), "Ignore differences of whitespace."),
    (("-p", "--ignore-punctuation"), "Ignore punctuation."),
    (("-t", "--fold-typography"), "Treat curly quotes, dashes and special spaces as plain ones."),
    (("--ignore-links",), "Do not report changed link targets."),
    (("--blocks-only",), "Show changed blocks whole, without a word diff."),
)


def comparison_options(command: F) -> F:
    """Add the comparison's flags to a click command, in the order of ``FLAGS``."""
    for names, help_text in reversed(FLAGS):
        command = click.option(*names, is_flag=True, help=help_text)(command)
    return command
