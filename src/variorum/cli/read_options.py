"""The read limits' options, shared by the commands that read files from strangers
(``compare``, ``batch``): the time and memory reading one file may take."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from variorum.ingest import default_limits
from variorum.options import ReadLimits

F = TypeVar("F", bound=Callable[..., object])


def read_limit_options(command: F) -> F:
    """Add ``--time-limit`` and ``--memory-limit`` to a click command."""
    memory = click.option(
        "--memory-limit",
        type=click.IntRange(min=1),
        help="Refuse an input file whose reading needs more than this many MB of memory "
        f"(default: VARIORUM_READ_MEMORY_MB or {ReadLimits().memory_mb}).",
    )
    time = click.option(
        "--time-limit",
        type=click.FloatRange(min=0, min_open=True),
        help="Refuse an input file whose reading takes longer than this many seconds "
        f"(default: VARIORUM_READ_SECONDS or {ReadLimits().seconds:g}).",
    )
    return time(memory(command))


def read_limits(time_limit: float | None, memory_limit: int | None) -> ReadLimits:
    """The limits the options give, the environment's (or the defaults) for the others."""
    defaults = default_limits()
    return ReadLimits(
        seconds=time_limit or defaults.seconds, memory_mb=memory_limit or defaults.memory_mb
    )
