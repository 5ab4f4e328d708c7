"""The published files: what a site folder and a single file hold, and how the CLI
writes them."""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from variorum.cli import main
from variorum.project import Project
from variorum.publish import publish_file, publish_site

THREE = {
    "v1": "(a) Not to use information weapons.\n(b) To cooperate.\n",
    "v2": "(1) Not to use information and communication technologies.\n(2) To cooperate.\n",
    "v3": "(1) Not to use ICTs against others.\n(2) To cooperate fully.\n(3) To share.\n",
}


def test_a_site_holds_the_analysis_its_embed_and_the_annotations(
    example_project: Project, tmp_path: Path
) -> None:
    written = publish_site(example_project, tmp_path / "site", "https://example.org/icoc")
    names = sorted(path.name for path in written)
    assert names == [
        "annotations.jsonld",
        "embed-snippet.html",
        "embed.html",
        "index.html",
        "oembed.json",
    ]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<h1>International code of conduct for information security: 2011 and 2015</h1>" in index
    assert 'href="annotations.jsonld"' in index
    snippet = (tmp_path / "site" / "embed-snippet.html").read_text(encoding="utf-8")
    assert snippet.startswith('<iframe src="https://example.org/icoc/embed.html"')
    assert "allow-same-origin" not in snippet
    oembed = json.loads((tmp_path / "site" / "oembed.json").read_text(encoding="utf-8"))
    assert oembed["type"] == "rich" and oembed["html"] == snippet.strip()
    embed = (tmp_path / "site" / "embed.html").read_text(encoding="utf-8")
    assert 'class="view-inline mode-embed"' in embed
    assert 'href="https://example.org/icoc/index.html"' in embed
    assert oct((tmp_path / "site" / "index.html").stat().st_mode & 0o777) == "0o644"


def test_the_header_lists_authors_introduction_and_versions(
    example_project: Project, tmp_path: Path
) -> None:
    page = publish_file(example_project, tmp_path / "analysis.html").read_text(encoding="utf-8")
    assert "By Variorum example" in page
    assert "<em>International code of conduct for information security</em>" in page
    assert '<time datetime="2011-09-14">2011-09-14</time>' in page
    assert "UN General Assembly document A/69/723 (13 January 2015)" in page


def test_every_note_is_in_the_index_and_attached_to_the_text(
    example_project: Project, tmp_path: Path
) -> None:
    page = publish_file(example_project, tmp_path / "analysis.html").read_text(encoding="utf-8")
    notes = example_project.annotations()
    items = re.findall(r'<li class="vr-note" id="note-([\w-]+)"', page)
    assert len(items) == len(notes) == 13
    for key in items:
        assert f'id="a-{key}"' in page, f"note {key} has no reference in the text"
        assert f'data-a="{key}' in page or f' {key}"' in page


def test_more_than_two_versions_give_a_page_per_pair(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project(THREE, [("v2", "information and communication", "On v2.", ("x",))])
    names = sorted(p.name for p in publish_site(project, tmp_path / "site"))
    assert {"index.html", "v1-v2.html", "v2-v3.html"} <= set(names)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="v1-v2.html" data-pair="v1-v2">v1 → v2</a>' in index
    assert 'aria-current="page">v1 → v3</a>' in index
    # the note on v2 is shown on the pairs holding v2, not on v1 → v3
    assert "On v2." not in index
    assert "On v2." in (tmp_path / "site" / "v1-v2.html").read_text(encoding="utf-8")


def test_a_single_file_holds_every_pair_waiting_packed(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project(THREE)
    page = publish_file(project, tmp_path / "all.html").read_text(encoding="utf-8")
    packed = re.findall(r'<script type="application/gzip" id="pair-[^>]*>\s*([\w+/=]+)\s*<', page)
    assert len(packed) == 2
    assert '<a href="#p-v2-v3" data-pair="v2-v3">' in page
    waiting = [gzip.decompress(base64.b64decode(pair)).decode("utf-8") for pair in packed]
    assert page.count('id="c-0"') == 1  # the shown pair's: the others wait, packed
    assert all('id="c-0"' in pair for pair in waiting)


def test_the_cli_publishes_a_project_and_the_example(
    example_project: Project, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["publish", "-p", str(example_project.folder), "-o", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s" / "index.html").is_file()
    result = runner.invoke(
        main, ["publish", "--example", "icoc", "--single-file", "-o", str(tmp_path / "a.html")]
    )
    assert result.exit_code == 0, result.output
    assert "International code of conduct" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_the_folder_as_an_argument_still_publishes_with_a_deprecation_warning(
    example_project: Project, tmp_path: Path
) -> None:
    folder = str(example_project.folder)
    result = CliRunner().invoke(main, ["publish", folder, "-o", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s" / "index.html").is_file()
    assert f"'publish {folder}' is deprecated" in result.stderr
    assert f"'publish -p {folder}'" in result.stderr
    both = CliRunner().invoke(main, ["publish", folder, "-p", str(tmp_path), "-o", "x"])
    assert both.exit_code != 0 and "two project folders given" in str(both.exception)
    example = CliRunner().invoke(main, ["publish", "-p", folder, "--example", "icoc", "-o", "x"])
    assert example.exit_code != 0 and "one of the two" in str(example.exception)


def test_the_cli_refuses_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["publish", "-p", str(tmp_path), "-o", str(tmp_path / "s")])
    assert result.exit_code != 0
    assert "not a Variorum project" in str(result.exception or result.output)


def test_a_project_with_one_version_is_refused(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    import pytest

    from variorum.errors import UsageError

    project = make_project({"only": "Some text.\n"})
    with pytest.raises(UsageError, match="needs two"):
        publish_file(project, tmp_path / "a.html")


def test_a_long_text_is_written_in_chunks_of_paragraphs_fewer_when_long(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    short = [f"Clause {n}. The parties keep clause {n}." for n in range(100)]
    article = "The parties keep this article in good faith. " * 120  # 5,400 characters
    long = [f"Article {n}. {article}" for n in range(6)]
    old = "\n\n".join(short + long) + "\n"
    new = old.replace("keep clause 50.", "keep clause 50 openly.")
    page = publish_file(make_project({"old": old, "new": new}), tmp_path / "long.html")
    redline = page.read_text(encoding="utf-8").split('<div class="vr-redline"', 1)[1]
    redline = redline.split("</section>", 1)[0]
    chunks = redline.split('<div class="vr-chunk">')[1:]
    sizes = [chunk.count('class="vr-row ') for chunk in chunks]
    assert sum(sizes) == 106, "every paragraph once"
    assert sizes[:3] == [32, 32, 32], sizes
    articles = [chunk.count("Article ") for chunk in chunks]
    assert sum(articles) == 6 and max(articles) <= 5, articles  # 24,000 characters at most
