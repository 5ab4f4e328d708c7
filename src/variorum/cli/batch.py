"""``variorum batch INPUT -o RESULTS``: every pair of a corpus compared, into a folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from variorum.batch import Summary, open_input, run_batch
from variorum.batch.results import read_table
from variorum.cli.comparison_options import comparison_options
from variorum.cli.read_options import read_limit_options, read_limits
from variorum.errors import UsageError
from variorum.options import CompareOptions
from variorum.output import write_atomically

ALL_DONE, SOME_FAILED = 0, 1
"""Exit statuses: every pair compared, or some failed (listed); 2 is trouble with the
input or the options, as everywhere in Variorum."""


@click.command("batch")
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The results folder (made if missing; a rerun into it skips the pairs done).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Local worker processes (default: one per CPU).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on a Dask cluster: its scheduler's address, such as tcp://host:8786.",
)
@click.option("--csv", "with_csv", is_flag=True, help="Write pairs.csv beside pairs.parquet.")
@click.option(
    "--json",
    "keep_json",
    is_flag=True,
    help="Keep each pair's Comparison as comparisons/DIGEST.json.gz.",
)
@click.option(
    "--redlines",
    "keep_redlines",
    is_flag=True,
    help="Write each pair's redline page as redlines/DIGEST.html (batch-report links them).",
)
@read_limit_options
@comparison_options
def batch_command(
    source: Path,
    output: Path,
    workers: int | None,
    scheduler: str | None,
    with_csv: bool,
    keep_json: bool,
    keep_redlines: bool,
    time_limit: float | None,
    memory_limit: int | None,
    **option_values: bool,
) -> None:
    """Compare every pair of versions in INPUT and write one row per pair to a folder.

    INPUT is a git repository (every consecutive version of every file), a folder of
    versions named by date (each folder's files starting YYYY-MM-DD are one
    document's versions) or a CSV file of pairs (old,new[,id], paths relative to it).
    Results: pairs.parquet (and pairs.csv), manifest.json, results.jsonl; run again
    into the same folder, only the pairs not done yet are compared.

    Files are read in the worker itself; with --time-limit or --memory-limit (files
    from strangers) each is read in a child process held to those limits, and a file
    over one is that pair's failure (a local run only: Dask's workers start no child).

    Exit status: 0 every pair compared, 1 some pairs failed (listed at the end),
    2 the input or an option is wrong.

    \b
    Examples:
      variorum batch pga/ -o results/
      variorum batch pairs.csv -o results/ --workers 2 --csv
      variorum batch pga/ -o results/ --scheduler tcp://host:8786
    """
    if workers and scheduler:
        raise UsageError("--workers is for local runs: a Dask cluster has its own workers")
    limited = time_limit is not None or memory_limit is not None
    if limited and scheduler:
        raise UsageError("--time-limit and --memory-limit are for local runs")
    limits = read_limits(time_limit, memory_limit) if limited else None
    options = CompareOptions().with_changes(**option_values)
    corpus = open_input(source)
    console = Console(stderr=True)
    with _progress(console, corpus.count) as advance, _resumable(output):
        summary = run_batch(
            corpus, output, options, scheduler=scheduler, workers=workers, limits=limits,
            keep_json=keep_json, keep_redlines=keep_redlines, with_csv=with_csv, advance=advance,
        )  # fmt: skip
    _report(summary, output)
    raise click.exceptions.Exit(SOME_FAILED if summary.failed else ALL_DONE)


@contextmanager
def _resumable(output: Path) -> Iterator[None]:
    """On Ctrl+C, say that the work done is kept and how to continue it."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"variorum: the pairs done are kept in {output}; run again to go on", err=True)
        raise


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar with pairs per second and the time left, on a terminal only."""
    bar = Progress(
        TextColumn("comparing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        PairsPerSecond(), TimeRemainingColumn(),
        console=console, disable=not console.is_terminal,
    )  # fmt: skip
    task = bar.add_task("pairs", total=total)
    with bar:
        yield lambda count: bar.advance(task, count)


class PairsPerSecond(ProgressColumn):
    """The rate, worked out when the bar is drawn (ten times a second), not at each
    pair: rich's estimate sums up to a thousand samples each time."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.1f} pairs/s" if task.speed else "")


def _report(summary: Summary, output: Path) -> None:
    """The counts, and each failed pair with its reason."""
    click.echo(
        f"{summary.total:,} pairs: {summary.compared:,} compared, {summary.skipped:,} already "
        f"done, {summary.failed:,} failed; results in {output}{os.sep}"
    )
    for failure in summary.failures:
        click.echo(f"failed: {failure.pair}: {failure.error}", err=True)
    if summary.failed > len(summary.failures):
        more = summary.failed - len(summary.failures)
        click.echo(f"... and {more:,} more: see the error column of pairs.parquet", err=True)


@click.command("batch-report")
@click.argument("results", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The page to write (default: report.html in RESULTS).",
)
@click.option("--title", default="Changes across the corpus", show_default=True)
def batch_report_command(results: Path, output: Path | None, title: str) -> None:
    """Write the corpus-wide statistics of a batch's RESULTS folder as one offline page.

    Changes over time, per platform (a document's first folder) and document type,
    link-only churn against prose changes, the most changed provisions, documents
    and pairs, with charts; pairs link to their redlines when the batch wrote them
    (--redlines).

    \b
    Example:
      variorum batch-report results/ -o report.html
    """
    from variorum.batch.report import summarize
    from variorum.batch.report_page import page

    target = output or results / "report.html"
    text = page(summarize(read_table(results)), title, results, target.parent)
    write_atomically(target, text.encode())
    click.echo(f"Wrote {target}")
