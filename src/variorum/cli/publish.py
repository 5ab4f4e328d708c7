"""The ``publish`` command: a project folder becomes a static site or one HTML file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from variorum.errors import UsageError
from variorum.project import Project, open_project


@click.command("publish")
@click.argument(
    "project_dir", required=False, type=click.Path(file_okay=False, path_type=Path), metavar=""
)  # the 0.1 spelling, deprecated: every other command names its project with -p
@click.option(
    "-p",
    "--project",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="The project folder (holding variorum.toml)  [default: .]",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The site's folder, or with --single-file, --docx or --pdf the file to write.",
)
@click.option(
    "--single-file", is_flag=True, help="Write one self-contained HTML file, every pair included."
)
@click.option(
    "--docx",
    is_flag=True,
    help="Write a Word file: the redline as tracked changes, each note a comment.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Write a PDF to print or send: each pair's redline, its notes as numbered endnotes.",
)
@click.option(
    "--base-url",
    default="",
    help="Where the site will be served, for absolute addresses in the iframe snippet and oEmbed.",
)
@click.option(
    "--example", default="", help="Publish a built-in example (icoc) instead of a folder."
)
def publish_command(
    project_dir: Path | None,
    folder: Path | None,
    output: Path,
    single_file: bool,
    docx: bool,
    pdf: bool,
    base_url: str,
    example: str,
) -> None:
    """Publish the project as an interactive analysis readers open offline: the redline,
    annotated passages that open their notes, views, tag filter, search, permalinks.

    \b
    Example:
      variorum publish -p code-of-conduct -o site/
      variorum publish -p code-of-conduct --single-file -o analysis.html
      variorum publish -p code-of-conduct --pdf -o analysis.pdf
      variorum publish -p code-of-conduct --docx -o analysis.docx
      variorum publish --example icoc -o site/
    """
    project_dir = _project_folder(project_dir, folder, example)
    chosen = [
        name for name, given in (("single", single_file), ("docx", docx), ("pdf", pdf)) if given
    ]
    if len(chosen) > 1:
        raise UsageError("give one of --single-file, --docx and --pdf")
    kind = chosen[0] if chosen else "site"
    if example:
        with tempfile.TemporaryDirectory(prefix="variorum-example-") as temporary:
            from variorum.examples.projects import write_example_project

            _publish(
                write_example_project(example, Path(temporary) / example),
                output,
                kind,
                base_url,
            )
        return
    assert project_dir is not None
    _publish(open_project(project_dir), output, kind, base_url)


def _project_folder(positional: Path | None, folder: Path | None, example: str) -> Path | None:
    """The project folder from ``-p`` or from the deprecated positional spelling (with a
    warning), the current folder if neither, and none for ``--example``."""
    if positional is not None:
        click.echo(
            f"variorum: warning: 'publish {positional}' is deprecated and will be removed "
            f"in 0.2; write 'publish -p {positional}' as every other command does",
            err=True,
        )
        if folder is not None and folder != positional:
            raise UsageError(f"two project folders given: {positional} and -p {folder}")
    chosen = folder or positional
    if example and chosen is not None:
        raise UsageError("give a project folder or --example NAME (one of the two)")
    return None if example else chosen or Path(".")


def _publish(project: Project, output: Path, kind: str, base_url: str) -> None:
    """Write the ``kind`` of publication: a ``site`` folder, or a ``single`` HTML file, a
    ``docx`` or a ``pdf``."""
    from variorum.publish import publish_docx, publish_file, publish_pdf, publish_site

    if kind != "site":
        write = {"single": publish_file, "docx": publish_docx, "pdf": publish_pdf}[kind]
        path = write(project, output)
        where = "open it in a browser" if kind == "single" else "open or send it"
        click.echo(f"Wrote {path} ({path.stat().st_size:,} bytes): {where}.")
        return
    files = publish_site(project, output, base_url)
    click.echo(f"Wrote {len(files)} files to {output}: open {output / 'index.html'} in a browser.")
    click.echo(f"To embed it in an article, paste {output / 'embed-snippet.html'}.")
