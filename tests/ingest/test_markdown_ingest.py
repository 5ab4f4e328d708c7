"""Markdown made from archived web pages reads as the page looked: no markup debris,
one link per link, paragraphs where the page broke them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from variorum.cli import main
from variorum.document import LinkKind
from variorum.ingest import parse, parse_markdown
from variorum.pictures import PICTURE

LOGO_AND_STORES = (
    "Terms of use.\n\n"
    "[![Example Logo](https://cdn.example/logo-3f2a.svg)](https://example.com/)\n\n"
    "[![App Store](https://cdn.example/a.svg)](https://apps.example/app)"
    "[![Play Store](https://cdn.example/p.svg)](https://play.example/app)\n"
)


def links(markdown: str, kind: LinkKind = LinkKind.LINK) -> list[tuple[str, str]]:
    doc = parse_markdown(markdown)
    return [(link.span.of(doc.text), link.target) for link in doc.links if link.kind is kind]


def test_an_image_in_a_link_is_one_link_to_where_it_leads() -> None:
    assert links(LOGO_AND_STORES) == [
        ("Example Logo", "https://example.com/"),
        ("App Store", "https://apps.example/app"),
        ("Play Store", "https://play.example/app"),
    ]


def test_an_image_keeps_its_source_apart_from_its_alternative_text() -> None:
    assert links(LOGO_AND_STORES, LinkKind.IMAGE) == [
        ("Example Logo", "https://cdn.example/logo-3f2a.svg"),
        ("App Store", "https://cdn.example/a.svg"),
        ("Play Store", "https://cdn.example/p.svg"),
    ]
    pictures = links("![](/no-words.png) and ![x](data:image/png;base64,AA)\n", LinkKind.IMAGE)
    assert pictures == [  # (one without words stands as a PICTURE; data: by its digest)
        (PICTURE, "/no-words.png"),
        ("x", "data:image/png (1 bytes, sha256 6e340b9cffb37a98)"),
    ]


def test_a_page_with_linked_images_compared_with_itself_shows_no_change(
    tmp_path: Path,
) -> None:
    page = tmp_path / "Terms of Service.md"
    page.write_text(LOGO_AND_STORES, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(page), str(page), "--stat"])
    assert result.exit_code == 0, result.output
    assert "link" not in result.output


def test_two_line_breaks_separate_paragraphs_and_one_is_a_space() -> None:
    doc = parse_markdown("First part.<br><br>Second part<br>goes on.\n")
    assert doc.text == "First part.\nSecond part goes on.\n"
    assert len(doc.blocks) == 2


def test_line_breaks_in_a_table_cell_keep_the_row_whole() -> None:
    doc = parse_markdown("| a | b |\n|---|---|\n| Cal.<br><br>Civ. Code | kept |\n")
    assert doc.text.splitlines()[-1] == "Cal. Civ. Code | kept"


def test_links_side_by_side_are_separate_words() -> None:
    doc = parse_markdown("[About](/about)[Careers](/jobs)[Press](/press)\n")
    assert doc.text == "About Careers Press\n"
    assert [link.span.of(doc.text) for link in doc.links] == ["About", "Careers", "Press"]


def test_a_data_image_is_a_picture_not_its_text() -> None:
    svg = (
        "![](data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 "
        "viewBox=%220 0 530 86%22%3E%3C/svg%3E)"
    )
    page = parse_markdown(f"Before.\n\n  {svg}\n\nAfter.\n")
    assert page.text == f"Before.\n{PICTURE}\nAfter.\n"
    (picture,) = page.links
    assert picture.target == "data:image/svg+xml (67 bytes, sha256 38a7771258cce284)"


def test_a_link_whose_text_is_set_off_by_blank_lines_is_one_link() -> None:
    spaced = (
        "Read this.\n\n[\n\nWhat does it cover? \\[1\\]\n\n\n\n](#note-1)"
        "[\n\nLearn more\n\n](/more)\n\n<a id='note-1'></a>\n"
    )
    compact = (
        "Read this.\n\n[What does it cover? \\[1\\]](#note-1)[Learn more](/more)\n\n"
        "<a id='note-1'></a>\n"
    )
    assert parse_markdown(spaced).text == parse_markdown(compact).text
    assert links(spaced) == links(compact) == [
        ("What does it cover? [1]", "#note-1"), ("Learn more", "/more"),
    ]


def test_asterisks_that_emphasise_nothing_are_not_text() -> None:
    cases = {
        "if they choose**.** However": "if they choose. However",
        "violations of our**** Community Guidelines": "violations of our Community Guidelines",
        "(**“**Qualifying Activity”)": "(“Qualifying Activity”)",
        "**Terms**** of use**": "Terms of use",
        "Banned words appear as ***.": "Banned words appear as ***.",
        "2 ** 3 is eight": "2 ** 3 is eight",
    }
    for markdown, text in cases.items():
        assert parse_markdown(markdown).text == text + "\n", markdown


def test_a_link_to_a_place_the_document_lacks_is_plain_text() -> None:
    """Chromium prints no such link, and a browser goes nowhere: every reader reads it
    as text. A heading is the place its renderers name it (pandoc's ``a-b``,
    GitHub's ``a--b``; a repeated one ``-1``); raw HTML names places by id or name."""
    document = parse_markdown(
        "# A & B\n\n# A & B\n\n<a name='old'></a>\n\n"
        "See [one](#a-b), [two](#a--b), [three](#a-b-1), [four](#old), [five](#gone), "
        "[six](#), [seven](https://example.org/#gone) and [eight](#caf%C3%A9).\n\n# Café\n"
    )
    assert [(link.span.of(document.text), link.target) for link in document.links] == [
        ("one", "#a-b"),
        ("two", "#a--b"),
        ("three", "#a-b-1"),
        ("four", "#old"),
        ("seven", "https://example.org/#gone"),
        ("eight", "#caf%C3%A9"),
    ]


def test_a_table_column_empty_in_every_row_is_left_out() -> None:
    """No rendition shows it, and a PDF printed from the page keeps no trace of it (as
    archived pages' tables have them: a spacer column); each table on its own."""
    markdown = (
        "|     |     |     |     |\n| --- | --- | --- | --- |\n"
        "|     | Account [here](https://x.org) |     |     |\n"
        "|     | Content |     | You [need](https://y.org) it. |\n\n"
        "| a | | c |\n| --- | --- | --- |\n| x | | |\n"
    )
    document = parse_markdown(markdown)
    assert document.text == "Account here |\nContent | You need it.\na | c\nx |\n"
    assert [(link.span.of(document.text), link.target) for link in document.links] == [
        ("here", "https://x.org"),
        ("need", "https://y.org"),
    ]
    html = (
        "<table><tr><td></td><td>Account <a href='https://x.org'>here</a></td><td></td>"
        "<td></td></tr><tr><td></td><td>Content</td><td></td><td>You "
        "<a href='https://y.org'>need</a> it.</td></tr></table><table><tr><th>a</th><th>"
        "</th><th>c</th></tr><tr><td>x</td><td></td><td></td></tr></table>"
    )
    assert parse(html, "html").text == document.text
