"""The built-in example's outputs, byte for byte (see tests/golden/README.md)."""

from variorum.render import render


def test_icoc_html_page(icoc, golden) -> None:
    golden("icoc.html", render(icoc, "html"))


def test_icoc_markdown(icoc, golden) -> None:
    golden("icoc.md", render(icoc, "markdown"))


def test_icoc_json(icoc, golden) -> None:
    golden("icoc.json", render(icoc, "json"))


def test_icoc_terminal_without_colour(icoc, golden) -> None:
    golden("icoc.txt", render(icoc, "terminal", color=False, width=100))
