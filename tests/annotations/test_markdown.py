"""Notes render to HTML in which no script, style or event handler survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from variorum.annotations.model import Body

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://example.org/a.png)',
    "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
]


SAFE_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote"}


class Elements(HTMLParser):
    """The tags and attributes of an HTML fragment, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_script_or_handler_survives(attack: str) -> None:
    parser = Elements()
    parser.feed(Body(f"Before {attack} after").html())
    for tag, attributes in parser.found:
        assert tag in SAFE_TAGS
        assert not [name for name in attributes if name.startswith("on") or name == "style"]
        href = (attributes.get("href") or "").lower()
        assert not href.startswith(("javascript:", "data:"))


def test_markdown_renders_emphasis_links_lists_and_tables() -> None:
    html = Body(
        "*New* in **2015**:\n\n- [ICCPR](https://example.org)\n\n| a |\n|---|\n| 1 |"
    ).html()
    assert "<em>New</em>" in html and "<strong>2015</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">ICCPR</a>' in html
    assert "<li>" in html and "<td>1</td>" in html


def test_images_become_links_so_readers_load_nothing_from_elsewhere() -> None:
    html = Body("![chart](https://example.org/c.png)").html()
    assert (
        html == '<p><a href="https://example.org/c.png" rel="noopener noreferrer">chart</a></p>\n'
    )


def test_text_is_escaped() -> None:
    assert Body("a < b & c").html() == "<p>a &lt; b &amp; c</p>\n"
