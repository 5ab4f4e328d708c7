"""``variorum import-git``, ``history`` (and ``history --notes``), ``blame``, ``provision``
and ``feed``: a document's versions over time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from variorum.annotations.model import Annotation, Target
from variorum.cli.project import clip, project_option
from variorum.errors import UsageError
from variorum.history.blame import passages, provenance_of
from variorum.history.fates import Fate, note_fates
from variorum.history.git_import import import_all, import_git
from variorum.history.provision import ProvisionHistory, notes_on, provision_history
from variorum.history.steps import step_summaries
from variorum.history.timeline import consecutive, timeline
from variorum.output import write_atomically
from variorum.project import Project, open_project
from variorum.render.criticmarkup import row_markdown


@click.command("import-git")
@click.argument("repository", type=click.Path(file_okay=False, path_type=Path))
@click.argument("file", required=False)
@project_option
@click.option("--all", "every_file", is_flag=True, help="Import every file, a project each.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --all: the folder the projects go in.",
)
@click.option(
    "--keep-whitespace-only",
    is_flag=True,
    help="Keep commits that change only white space as versions of their own.",
)
def import_git_command(
    repository: Path,
    file: str | None,
    folder: Path,
    every_file: bool,
    output: Path | None,
    keep_whitespace_only: bool,
) -> None:
    """Import every version of FILE in the git REPOSITORY as the project's versions
    (or, with --all, every file of the repository as a project of its own).

    Each commit that changed the file is a version, labelled and dated by its author
    date, its commit id the version's source. Run again, it adds only newer commits.

    \b
    Example:
      variorum import-git pga/ "Facebook/Privacy Policy.md" -p fb-privacy
      variorum import-git pga/ --all -o archive/
    """
    if every_file:
        if file or output is None:
            raise UsageError("--all imports every file into -o FOLDER: give -o, and no FILE")
        _import_all(repository, output, keep_whitespace_only)
        return
    if not file:
        raise UsageError("give the FILE to import, or --all with -o FOLDER")
    with click.progressbar(
        length=1, label=f"Importing {file}", file=sys.stderr, show_pos=True
    ) as bar:

        def advance(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        project, added = import_git(
            repository, file, folder, keep_whitespace_only=keep_whitespace_only, progress=advance
        )
    click.echo(f"Imported {added} new versions into {folder} ({len(project.versions)} in all)")


def _import_all(repository: Path, archive: Path, keep_whitespace_only: bool) -> None:
    with click.progressbar(length=1, label="Importing", file=sys.stderr, show_pos=True) as bar:

        def advance(done: int, total: int, path: str) -> None:
            bar.length = max(total, 1)
            bar.label = f"Importing {path[-40:]}"
            bar.update(done - bar.pos)

        files, added = import_all(
            repository, archive, keep_whitespace_only=keep_whitespace_only, progress=advance
        )
    click.echo(f"Imported {added} new versions of {files} files into {archive}")


@click.command("history")
@project_option
@click.option("--json", "as_json", is_flag=True, help="Write the timeline as JSON.")
@click.option(
    "--notes",
    is_flag=True,
    help="Instead of the timeline, each note carried through every later version: where"
    " its passage was first changed, moved, or deleted.",
)
def history_command(folder: Path, as_json: bool, notes: bool) -> None:
    """The timeline: every version with its date and the words changed since the one before.

    \b
    Example:
      variorum history -p fb-privacy
      variorum history -p fb-privacy --notes     # what became of each note
    """
    project = open_project(folder)
    if notes:
        _print_fates(note_fates(project.annotations(), consecutive(project)), as_json)
        return
    steps = timeline(project)
    if as_json:
        click.echo(json.dumps([step.to_dict() for step in steps], indent=1))
        return
    width = max((len(step.label) for step in steps), default=5)
    click.echo(f"{'version':<{width}}  {'date':<10}  {'words':>8}  {'inserted':>8}  "
               f"{'deleted':>8}  {'moved':>6}  {'blocks':>6}")  # fmt: skip
    for step in steps:
        change = step.change
        numbers = (
            f"{change.words_inserted:>8,}  {change.words_deleted:>8,}  "
            f"{change.words_moved:>6,}  {step.blocks_changed:>6,}"
            if change
            else f"{'':>8}  {'':>8}  {'':>6}  {'':>6}"
        )
        click.echo(f"{step.label:<{width}}  {step.date:<10}  {step.words:>8,}  {numbers}")


def _print_fates(fates: list[Fate], as_json: bool) -> None:
    """Each note's fate: a line each, or JSON."""
    if as_json:
        click.echo(json.dumps([fate.to_dict() for fate in fates], indent=1, ensure_ascii=False))
        return
    for fate in fates:
        target = fate.annotation.target
        quote = clip(target.quote.exact) if isinstance(target, Target) else ""
        click.echo(f"{fate.annotation.short_id}  on {fate.version}  “{quote}”")
        if fate.orphaned:
            click.echo(f"    orphaned: not found on {fate.version}")
        if fate.moved_in:
            click.echo(f"    moved in {fate.moved_in}")
        if fate.changed_in:
            click.echo(f"    changed in {fate.changed_in}: now “{clip(fate.changed_to)}”")
        if fate.deleted_in:
            click.echo(f"    deleted in {fate.deleted_in}")
        if not (fate.orphaned or fate.moved_in or fate.changed_in or fate.deleted_in):
            click.echo("    unchanged to the last version")
    click.echo(f"{len(fates)} note(s) on single versions")


@click.command("blame")
@project_option
@click.option("--version", "label", default="", help="The version to explain (default: the last).")
@click.option("--json", "as_json", is_flag=True, help="Write the passages as JSON.")
def blame_command(folder: Path, label: str, as_json: bool) -> None:
    """Each passage of a version with the version that introduced its words.

    Followed through moves and renumbering: a passage keeps the age of its words
    wherever they went.

    \b
    Example:
      variorum blame -p fb-privacy --version 2021-03-04
    """
    project = open_project(folder)
    labels = _labels(project, folder, label)
    label = label or labels[-1]
    chosen = labels[: labels.index(label) + 1]
    summaries = step_summaries(project)[: len(chosen) - 1]
    text = project.document(label).text
    first = summaries[0].old_length if summaries else len(text)
    steps = ((step.new_length, step.kept) for step in summaries)
    origins, _ = provenance_of(first, steps, places=False)
    runs = passages(origins)
    if as_json:
        click.echo(json.dumps(
            [{"span": [span.start, span.end], "version": chosen[origin], "text": span.of(text)}
             for span, origin in runs],
            indent=1, ensure_ascii=False,
        ))  # fmt: skip
        return
    for span, origin in runs:
        click.echo(f"«{chosen[origin]}» {span.of(text)}", nl=False)
    click.echo("")


@click.command("provision")
@project_option
@click.argument("query")
@click.option(
    "--version", "label", default="", help="The version to find it in (default: the last)."
)
@click.option("--json", "as_json", is_flag=True, help="Write its changes as JSON.")
def provision_command(folder: Path, query: str, label: str, as_json: bool) -> None:
    """One provision through every version: each change with its redline and date.

    QUERY is the provision's label (7, (b)), or words of its heading or text; a heading
    brings the blocks under it. It is followed across renumbering, moves, splits and
    merges.

    \b
    Example:
      variorum provision -p fb-privacy "Data retention"
    """
    project = open_project(folder)
    labels = _labels(project, folder, label)
    versions = list(project.documents().values())  # read a group at a time, and kept
    history = provision_history(
        versions, consecutive(project), query, labels.index(label or labels[-1])
    )
    annotations = project.annotations()
    if as_json:
        data = _provision_json(history, annotations)
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    since = history.introduced
    end = f"deleted in {history.deleted}" if history.deleted else "still in the last version"
    click.echo(f"{history.title}\n  (found in {history.found_in}; first in {since}; {end})")
    for change in history.changes:
        date = change.comparison.new.date
        click.echo(f"\n== {change.old_label} → {change.new_label}{f' ({date})' if date else ''}")
        for row in change.rows:  # of unchanged text, only its changed links
            click.echo(row_markdown(change.comparison, row, text=False))
        for note in notes_on(annotations, change.comparison, change.rows):
            by = f" ({note.annotation.creator})" if note.annotation.creator else ""
            click.echo(f"  note{by} on “{note.quote}”: {note.annotation.body.text}")


@click.command("feed")
@project_option
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="The feed file."
)
@click.option(
    "--provision", "query", default="", help="Only this provision's changes (as `provision`)."
)
@click.option("--url", default="", help="Where the feed will be served (its self link).")
def feed_command(folder: Path, output: Path, query: str, url: str) -> None:
    """An Atom feed of the document's changes, or of one provision's: an entry per
    version that changed it, with the redline and the notes on it.

    \b
    Example:
      variorum feed -p fb-privacy -o changes.atom
      variorum feed -p fb-privacy -o retention.atom --provision "Data retention"
    """
    from variorum.history.feed import FeedSource, changes_feed

    project = open_project(folder)
    labels = _labels(project, folder, "")
    comparisons = consecutive(project)
    history = None
    if query:
        versions = list(project.documents().values())
        history = provision_history(versions, comparisons, query, len(labels) - 1)
    write_atomically(output, changes_feed(FeedSource.of(project), comparisons, history, url))
    click.echo(f"Wrote {output}")


def _provision_json(history: ProvisionHistory, annotations: list[Annotation]) -> dict[str, object]:
    return {
        "found_in": history.found_in,
        "title": history.title,
        "introduced": history.introduced,
        "deleted": history.deleted or None,
        "changes": [
            {
                "from": change.old_label,
                "to": change.new_label,
                "date": change.comparison.new.date,
                "rows": [
                    {
                        "kind": row.kind.value,
                        "markdown": row_markdown(change.comparison, row, text=False),
                    }
                    for row in change.rows
                ],
                "notes": [
                    {
                        "quote": note.quote,
                        "text": note.annotation.body.text,
                        "creator": note.annotation.creator,
                        "id": note.annotation.id,
                    }
                    for note in notes_on(annotations, change.comparison, change.rows)
                ],
            }
            for change in history.changes
        ],
    }


def _labels(project: Project, folder: Path, label: str) -> list[str]:
    """The project's version labels, once ``label`` (if given) is known to be one."""
    labels = project.labels
    if not labels:
        raise UsageError(f"{folder} has no versions yet (variorum add-version or import-git)")
    if label and label not in labels:
        raise UsageError(f"no version {label!r} in {folder} (versions: {', '.join(labels)})")
    return labels


COMMANDS = [import_git_command, history_command, blame_command, provision_command, feed_command]
"""The commands this module adds to ``variorum``."""
