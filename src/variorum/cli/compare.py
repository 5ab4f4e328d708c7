"""``variorum compare OLD NEW``: the redline of two versions in any output format."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import click

from variorum.cli.comparison_options import comparison_options
from variorum.cli.read_options import read_limit_options, read_limits
from variorum.compare import compare
from variorum.errors import UsageError
from variorum.examples import example_names, example_pair
from variorum.ingest import PARSERS, Tracked, load
from variorum.options import CompareOptions
from variorum.output import write_atomically
from variorum.render import format_for, formats, is_file_format, options_of, stream, write

SAME, DIFFERENT = 0, 1


@click.command("compare")
@click.argument("old", required=False, type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file (format from its suffix).",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(formats()),
    help="Output format (default: terminal, or from the -o suffix).",
)
@click.option(
    "--stat", is_flag=True, help="Print words inserted/deleted/moved per block and in total."
)
@comparison_options
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Unchanged blocks shown around each change (terminal).",
)
@click.option(
    "--full", is_flag=True, help="Show every block, not only changes and their context (terminal)."
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the terminal output (default: when a terminal; NO_COLOR respected).",
)
@click.option(
    "--input-format",
    type=click.Choice(sorted(PARSERS)),
    help="Read both files as this format instead of guessing.",
)
@click.option(
    "--max-size", type=click.IntRange(min=1), help="Refuse input files larger than this many bytes."
)
@read_limit_options
@click.option(
    "--selector",
    metavar="CSS",
    help="HTML input: read what this CSS selector picks instead of the extracted main content.",
)
@click.option(
    "--tracked-changes",
    type=click.Choice(["current", "original"]),
    default="current",
    show_default=True,
    help="DOCX input: read tracked changes as the current text or the original one.",
)
@click.option(
    "--example",
    type=click.Choice(example_names()),
    help="Compare the versions of a built-in example instead of files.",
)
@click.option(
    "--author",
    default="Variorum",
    show_default=True,
    help="DOCX and PDF output: the author of the tracked changes, or of the redline.",
)
@click.option(
    "--date",
    "revision_date",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="DOCX and PDF output: the date of the changes (default: now), as 2015-01-09.",
)
def compare_command(
    old: Path | None,
    new: Path | None,
    output: Path | None,
    output_format: str | None,
    stat: bool,
    context: int,
    full: bool,
    color: bool | None,
    input_format: str | None,
    max_size: int | None,
    time_limit: float | None,
    memory_limit: int | None,
    selector: str | None,
    tracked_changes: Tracked,
    example: str | None,
    author: str,
    revision_date: datetime | None,
    **flags: bool,
) -> int:
    """Compare two versions of a document; exit 0 if equal, 1 if different, 2 on trouble.

    \b
    Examples:
      variorum compare old.txt new.txt                  # redline in the terminal
      variorum compare old.md new.md -o changes.html    # standalone page, works offline
      variorum compare a.txt b.txt -f markdown          # CriticMarkup
      variorum compare a.txt b.txt -f json              # the Comparison as JSON
      variorum compare a.pdf b.docx -o redline.docx     # Word, with tracked changes
      variorum compare a.txt b.txt --stat               # words changed per block
      variorum compare --example icoc                   # the built-in example
    """
    # The flags are the options' switches; mypy cannot tell them from the other options.
    options = CompareOptions(**flags)  # type: ignore[arg-type]
    if example:
        if old or new:
            raise UsageError("give either --example or two files, not both")
        old_doc, new_doc = example_pair(example)
    elif old is None or new is None:
        raise UsageError("compare needs two files (OLD and NEW), or --example NAME")
    else:
        limits = read_limits(time_limit, memory_limit)
        old_doc, new_doc = (
            load(path, input_format, max_size, selector=selector, tracked=tracked_changes,
                 limits=limits)
            for path in (old, new)
        )
    comparison = compare(old_doc, new_doc, options)
    chosen = "stat" if stat else output_format or format_for(output.suffix if output else "")
    colour = _colour(color, output)
    if is_file_format(chosen):
        if output is None:
            name = f"redline.{chosen}"
            raise UsageError(f"a {chosen.upper()} redline is a file: give it a name with -o {name}")
        date = revision_date.replace(tzinfo=UTC) if revision_date else None
        write_atomically(output, write(comparison, chosen, author=author, date=date))
        return DIFFERENT if comparison.has_changes else SAME
    # the command's switches, to the formats that take them (the terminal does)
    given = {"color": colour, "context": None if full else context}
    taken = options_of(chosen)
    parts = stream(comparison, chosen, **{k: v for k, v in given.items() if k in taken})
    if output:
        write_atomically(output, parts)
    else:
        _echo(parts, colour)
    return DIFFERENT if comparison.has_changes else SAME


def _echo(parts: Iterable[str], colour: bool) -> None:
    """Print the parts as they come, ending with a line break."""
    last = ""
    for part in parts:
        click.echo(part, nl=False, color=colour)
        last = part or last
    if not last.endswith("\n"):
        click.echo("", color=colour)


def _colour(requested: bool | None, output: Path | None) -> bool:
    if requested is not None:
        return requested
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()
