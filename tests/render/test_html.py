"""The HTML redline: semantic markup, offsets, escaping, the standalone page."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

import variorum
from variorum.comparison import RowKind
from variorum.render import (
    RENDERERS,
    SUFFIXES,
    format_for,
    formats,
    is_file_format,
    register,
    render,
    stream,
    write,
)
from variorum.render.html import redline


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = TagCollector()
    parser.feed(html)
    return parser.tags


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> & </p>'


def test_insertions_and_deletions_are_semantic_elements_with_offsets() -> None:
    comparison = variorum.compare("The quick fox.", "The slow fox.")
    html = redline(comparison)
    assert '<del class="vr-edit" data-o="4" data-n="4">quick</del>' in html
    assert '<ins class="vr-edit" data-o="4" data-n="4">slow</ins>' in html


@pytest.mark.parametrize("format", ["html", "html-fragment"])
def test_document_text_is_escaped_never_markup(format: str) -> None:
    comparison = variorum.compare(f"Safe text.\n{HOSTILE}", f"Safe text!\n{HOSTILE} more")
    html = render(comparison, format)
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not any(tag == "img" or "onerror" in attrs for tag, attrs in tags_of(html))


def test_moved_rows_link_to_each_other() -> None:
    paragraphs = [f"Paragraph number {n} says something different here." for n in range(5)]
    order = [0, 2, 3, 1, 4]
    comparison = variorum.compare("\n".join(paragraphs), "\n".join(paragraphs[i] for i in order))
    html = redline(comparison)
    links = re.findall(r'<a class="vr-move-link" href="#(c-\d+)">', html)
    assert len(links) == 2
    for target in links:
        assert f'id="{target}"' in html


def test_renumbered_label_is_marked_as_such() -> None:
    html = redline(variorum.compare("(b) Not to use.", "(2) Not to use."))
    assert '<del class="vr-label"' in html and ">(b)</del>" in html
    assert '<ins class="vr-label"' in html and ">(2)</ins>" in html
    assert "vr-renumbered" in html


def test_page_is_self_contained_with_a_strict_policy(icoc) -> None:
    page = render(icoc, "html")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in unescape(policy.group(1))
    assert "unsafe-inline" not in unescape(policy.group(1))
    assert not re.search(r'(src|href)="(https?:)?//', page), "the page must not fetch anything"
    for view in ("inline", "sbs", "old", "new"):
        assert f'value="{view}"' in page
    assert 'id="next-change"' in page and 'id="prev-change"' in page


def test_registry_names_the_formats() -> None:
    assert {"html", "html-fragment", "markdown", "json", "terminal", "stat", "docx"} <= set(
        formats()
    )
    with pytest.raises(variorum.UsageError, match="unknown output format 'rtf'"):
        render(variorum.compare("a", "b"), "rtf")


def test_a_misspelt_option_is_refused_with_the_options_the_format_takes() -> None:
    comparison = variorum.compare("a", "b")
    with pytest.raises(variorum.UsageError, match=r"'terminal' has no option 'colour' .*color"):
        render(comparison, "terminal", colour=True)
    with pytest.raises(variorum.UsageError, match="'markdown' has no option 'title'"):
        list(stream(comparison, "markdown", title="x"))
    assert "<title>Mine</title>" in render(comparison, "html", title="Mine")


def test_an_extension_registers_a_format_and_its_file_name() -> None:
    @register("shout", ".shout")
    def shout(comparison: variorum.Comparison, loud: bool = True) -> str:
        return comparison.new.text.upper() if loud else comparison.new.text

    try:
        assert "shout" in formats() and format_for(".SHOUT") == "shout"
        assert render(variorum.compare("a", "b"), "shout") == "B\n"
        assert render(variorum.compare("a", "b"), "shout", loud=False) == "b\n"
    finally:
        RENDERERS.pop("shout")
        SUFFIXES.pop(".shout")


def test_word_is_a_file_written_not_text_rendered() -> None:
    comparison = variorum.compare("a", "b")
    assert is_file_format("docx") and not is_file_format("markdown")
    assert write(comparison, "docx", author="Analyst")[:2] == b"PK"  # a ZIP: a DOCX package
    with pytest.raises(variorum.UsageError, match="'docx' is a file, not text"):
        render(comparison, "docx")
    with pytest.raises(variorum.UsageError, match="'json' is text"):
        write(comparison, "json")


def test_page_streams_a_row_at_a_time_and_joins_to_the_rendered_page(icoc) -> None:
    parts = list(stream(icoc, "html"))
    assert len(parts) > len(icoc.rows), "each row must come as its own part"
    assert "".join(parts) == render(icoc, "html")
    # (the page's style and script are parts of their own, the same size whatever the text)
    assert max(part.count('data-row="') for part in parts) < len(icoc.rows) / 4


def test_formats_that_do_not_stream_come_whole_and_unknown_ones_fail_first() -> None:
    comparison = variorum.compare("(a) One two.", "(b) One three.")
    assert list(stream(comparison, "markdown")) == [render(comparison, "markdown")]
    with pytest.raises(variorum.UsageError, match="unknown output format 'rtf'"):
        stream(comparison, "rtf")


def test_a_comparison_of_empty_texts_is_an_empty_redline() -> None:
    fragment = render(variorum.compare("", ""), "html-fragment")
    assert fragment == '<div class="vr-redline" data-side="both">\n\n</div>'


def test_a_block_parted_in_two_with_its_words_unchanged_renders() -> None:
    # the same lines, read as one hard-wrapped paragraph in one version and as two in
    # the other: an equal row of one old block and two new ones (Hypothesis found it)
    old = (
        "the the the the the the the the the the\n"
        "the the the the the the the the subsidiaries affiliates\n"
        "the the the the the the the the the the the\n"
        "the the the the the the the the the the the the\n"
        "the the the the the the the the the State State subsidiaries subsidiaries affiliates"
    )
    new = (
        "subsidiaries the the the the the the the the the the State State subsidiaries "
        "subsidiaries affiliates\nthe the the the the the the the the the\n"
        "the the the the the the the the subsidiaries affiliates\n"
        "the the the the the the the the the the the\n"
        "the the the the the the the the the the the the"
    )
    comparison = variorum.compare(old, new)
    assert any(
        row.kind is RowKind.EQUAL and len(row.old_blocks) != len(row.new_blocks)
        for row in comparison.rows
    )
    html = redline(comparison)
    assert html.count("the subsidiaries affiliates") == 1  # the unchanged line, once

