"""Project commands: ``init``, ``add-version``, ``annotate``, ``annotations``, ``check``
and ``example``. Each parses its options, calls ``variorum.project`` or
``variorum.annotations``, and prints the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from variorum.annotations.anchor import Anchor, AnchorMethod
from variorum.annotations.carry import Carried, CarryStatus, carry
from variorum.annotations.jsonld import collection_to_jsonld, dumps, parse_annotations, to_jsonld
from variorum.annotations.model import Annotation, AnnotationError, ChangeTarget
from variorum.errors import UsageError
from variorum.output import write_atomically
from variorum.project import add_version, create_project, open_project

ALL_ANCHORED, ORPHANS = 0, 1
"""Exit statuses of ``check``: every annotation found, or some orphaned (2 is trouble)."""

QUOTE_WIDTH = 60
"""Characters of a quote or note shown in one line of a listing."""

project_option = click.option(
    "-p",
    "--project",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder (holding variorum.toml).",
)


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="", help="What the analysis is about.")
@click.option("--author", "authors", multiple=True, help="An author (repeat for several).")
@click.option("--introduction", default="", help="Markdown shown before the redline.")
def init_command(folder: Path, title: str, authors: tuple[str, ...], introduction: str) -> None:
    """Create an empty project folder: variorum.toml and annotations.jsonld.

    \b
    Example:
      variorum init code-of-conduct --title "Code of conduct" --author "A. Analyst"
    """
    create_project(folder, title, authors, introduction)
    click.echo(f"Created {folder}; add versions with: variorum add-version FILE -p {folder}")


@click.command("add-version")
@click.argument("file", type=click.Path(path_type=Path))  # the reader names a folder
@project_option
@click.option("--label", default="", help="Short unique name (default: the file's name).")
@click.option("--date", default="", help="The version's date, ISO 8601 (2015-01-13).")
@click.option("--source", default="", help="Where it came from: a document symbol or URL.")
@click.option("--input-format", default="", help="Read the file as this format (default: guess).")
def add_version_command(
    file: Path, folder: Path, label: str, date: str, source: str, input_format: str
) -> None:
    """Add FILE as the newest version of the project (copied into its folder).

    \b
    Example:
      variorum add-version 2015.txt -p code-of-conduct --date 2015-01-13 --source A/69/723
    """
    project = add_version(open_project(folder), file, label, date, source, input_format)
    version = project.versions[-1]
    click.echo(f"Added version {version.label} ({version.file}) to {folder}")


@click.command("annotate")
@project_option
@click.option("--version", "label", required=True, help="The version the quote is in.")
@click.option("--quote", required=True, help="The exact words annotated.")
@click.option("--note", default="", help="The note, in Markdown; '-' reads it from stdin.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--author", default="", help="Who writes the note.")
@click.option(
    "--occurrence", type=click.IntRange(min=1), help="Which occurrence of the quote (1 = first)."
)
@click.option(
    "--change-to", default="", help="Annotate the change from this passage to another version."
)
@click.option(
    "--new-quote",
    default="",
    help="With --change-to: the words standing for it there (default: found by comparing).",
)
@click.option(
    "--motivation", default="commenting", show_default=True,
    help="W3C motivation: commenting, describing, questioning, ...",
)
def annotate_command(
    folder: Path,
    label: str,
    quote: str,
    note: str,
    tags: tuple[str, ...],
    author: str,
    occurrence: int | None,
    change_to: str,
    new_quote: str,
    motivation: str,
) -> None:
    """Attach a note to the passage of a version quoted by --quote.

    \b
    Examples:
      variorum annotate --version 2015 --quote "article 19" --note "New reference." --tag rights
      variorum annotate --version 2011 --quote "(b)" --change-to 2015 --note "Renumbered."
      echo "*Markdown*" | variorum annotate --version 2015 --quote "article 19" --note -
    """
    project = open_project(folder)
    if note == "-":
        note = sys.stdin.read().strip()
    target = project.quote_target(label, quote, occurrence, change_to, new_quote)
    annotation = Annotation.new(target, note, tags, author, motivation)
    project.save_annotations([*project.annotations(), annotation])
    click.echo(f"{annotation.short_id}  {_where(annotation)}")


@click.group("annotations")
def annotations_group() -> None:
    """List, export and import the annotations of a project.

    \b
    Examples:
      variorum annotations list -p code-of-conduct
      variorum annotations export -p code-of-conduct -o notes.jsonld
      variorum annotations import hypothesis-search.json -p code-of-conduct --version 2015
    """


@annotations_group.command("list")
@project_option
@click.option("--version", "label", default="", help="Only annotations on this version.")
@click.option("--tag", default="", help="Only annotations with this tag.")
def list_command(folder: Path, label: str, tag: str) -> None:
    """List the annotations: id, version, quoted words, tags and the note's start.

    \b
    Example:
      variorum annotations list -p code-of-conduct --tag human-rights
    """
    for annotation in open_project(folder).annotations():
        wrong_version = label and label not in annotation.versions
        if wrong_version or (tag and tag not in annotation.body.tags):
            continue
        tags = f"  [{', '.join(annotation.body.tags)}]" if annotation.body.tags else ""
        click.echo(f"{annotation.short_id}  {_where(annotation)}{tags}")
        if annotation.body.text:
            click.echo(f"          {clip(annotation.body.text)}")


@annotations_group.command("export")
@project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout.",
)
@click.option(
    "--list", "as_list", is_flag=True, help="A JSON list instead of an AnnotationCollection."
)
def export_command(folder: Path, output: Path | None, as_list: bool) -> None:
    """Export the annotations as W3C Web Annotation JSON-LD.

    \b
    Examples:
      variorum annotations export -p code-of-conduct -o annotations.jsonld
      variorum annotations export -p code-of-conduct --list | jq length
    """
    project = open_project(folder)
    sources = {label: project.source_iri(label) for label in project.labels}
    annotations = project.annotations()
    if as_list:
        data: object = [to_jsonld(annotation, sources) for annotation in annotations]
    else:
        data = collection_to_jsonld(annotations, project.collection_id(), project.title, sources)
    text = dumps(data)
    if output:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)


@annotations_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option(
    "--version",
    "label",
    default="",
    help="Put annotations of documents that are no version of the project on this version.",
)
@click.option("--replace", is_flag=True, help="Overwrite stored annotations that have the same id.")
def import_command(file: Path, folder: Path, label: str, replace: bool) -> None:
    """Import W3C JSON-LD annotations, or the JSON of the Hypothesis API.

    Nothing is stored unless every annotation of FILE can be: a malformed file, an
    annotation on a missing version or a selector outside its version's text stops
    the import and leaves the project as it was.

    \b
    Examples:
      variorum annotations import notes.jsonld -p code-of-conduct
      variorum annotations import hypothesis-search.json -p code-of-conduct --version 2015
    """
    project = open_project(folder)
    if label:
        project.version(label)

    def resolve(source: str) -> str | None:
        return project.resolve(source) or label or None

    try:
        imported = parse_annotations(file.read_bytes(), resolve)
    except OSError as error:
        raise UsageError(f"{file}: cannot read: {error.strerror or error}") from None
    except AnnotationError as error:
        raise AnnotationError(f"{file}: {error}") from None
    stored = {annotation.id: annotation for annotation in project.annotations()}
    added = _merge(stored, imported.annotations, replace)
    project.save_annotations(stored.values())
    for reason in imported.skipped:
        click.echo(f"skipped {reason}", err=True)
    click.echo(f"Imported {added} annotation(s) into {folder} ({len(stored)} in all)")


@annotations_group.command("carry")
@click.argument("old")
@click.argument("new")
@project_option
def carry_command(old: str, new: str, folder: Path) -> None:
    """Follow the annotations of version OLD into version NEW: intact, changed, moved,
    deleted or orphaned, with the old and new wording of what changed.

    \b
    Example:
      variorum annotations carry 2011 2015 -p code-of-conduct
    """
    from variorum.compare import compare

    project = open_project(folder)
    comparison = compare(project.document(old), project.document(new))
    for item in carry(project.annotations(), comparison):
        click.echo(_carried_line(item))


@click.command("check")
@project_option
@click.option("--all", "show_all", is_flag=True, help="List every annotation, not only problems.")
def check_command(folder: Path, show_all: bool) -> int:
    """Re-anchor every annotation on its version; list orphans and changed ones.

    Exit status: 0 if every annotation was found, 1 if any is orphaned, 2 on trouble.

    \b
    Example:
      variorum check -p code-of-conduct
    """
    project = open_project(folder)
    counts: dict[str, int] = {}
    for annotation, anchors in project.check():
        status = _check_status(anchors)
        counts[status] = counts.get(status, 0) + 1
        if show_all or status not in ("anchored", "relocated"):
            click.echo(f"{status:<9} {annotation.short_id}  {_where(annotation)}")
            for found in anchors:
                if found.changed and found.span is not None:
                    now = found.span.of(project.document(found.target.version).text)
                    click.echo(f"          now reads: {clip(now)}")
    total = sum(counts.values())
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    click.echo(f"{total} annotation(s)" + (f": {summary}" if summary else ""))
    return ORPHANS if counts.get("orphaned") else ALL_ANCHORED


@click.command("example")
@click.argument("name")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def example_command(name: str, folder: Path) -> None:
    """Write the project folder of a built-in example: versions and annotations.

    \b
    Example:
      variorum example icoc code-of-conduct && variorum check -p code-of-conduct
    """
    from variorum.examples.projects import write_example_project

    project = write_example_project(name, folder)
    count = len(project.annotations())
    versions = ", ".join(project.labels)
    click.echo(f"Wrote {folder}: versions {versions}, {count} annotations")


COMMANDS = [
    init_command,
    add_version_command,
    annotate_command,
    annotations_group,
    check_command,
    example_command,
]
"""The commands this module adds to ``variorum``."""


def _merge(stored: dict[str, Annotation], incoming: tuple[Annotation, ...], replace: bool) -> int:
    """Add ``incoming`` to ``stored`` (by id); the same id with other content is refused
    unless ``replace``. Returns how many were added or replaced."""
    changed = 0
    for annotation in incoming:
        known = stored.get(annotation.id)
        if known == annotation:
            continue
        if known is not None and not replace:
            raise UsageError(
                f"annotation {annotation.id} is already stored with other content"
                " (use --replace to overwrite it)"
            )
        stored[annotation.id] = annotation
        changed += 1
    return changed


def _where(annotation: Annotation) -> str:
    target = annotation.target
    if isinstance(target, ChangeTarget):
        old, new = target.old.quote.exact, target.new.quote.exact
        versions = f"{target.old.version}→{target.new.version}"
        return f"{versions}  “{clip(old, 28)}” → “{clip(new, 28)}”"
    return f"{target.version}  “{clip(target.quote.exact)}”"


def _check_status(anchors: tuple[Anchor, ...]) -> str:
    """The worst of an annotation's sides: orphaned, changed, relocated or anchored."""
    methods = {found.method for found in anchors}
    if AnchorMethod.ORPHANED in methods:
        return "orphaned"
    if AnchorMethod.FUZZY in methods:
        return "changed"
    return "relocated" if AnchorMethod.QUOTE in methods else "anchored"


def _carried_line(item: Carried) -> str:
    status = item.status.value
    if item.status is CarryStatus.MOVED and item.wording_changed:
        status = "moved, changed"
    line = f"{status:<9} {item.annotation.short_id}  “{clip(item.old_text)}”"
    if item.status in (CarryStatus.CHANGED, CarryStatus.MOVED) and item.wording_changed:
        line += f"\n          now: “{clip(item.new_text)}”"
    return line


def clip(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
