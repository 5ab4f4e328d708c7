"""A published page runs only its own code and fetches nothing; hostile text in the
documents, notes, tags or metadata is shown as text, never executed."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from variorum.project import Project
from variorum.publish import publish_file, publish_site

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<svg onload=alert(3)>",
    "'-alert(4)-'",
    "</textarea><iframe src=javascript:alert(5)>",
]
HOSTILE = " ".join(PAYLOADS)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside script and style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.inline else None

    def handle_endtag(self, _tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline[self._open].append(data)
        else:
            self.text.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture
def hostile_page(make_project: Callable[..., Project], tmp_path: Path) -> str:
    project = make_project(
        {
            "v1": f"Article 1. Safe words here.\n{HOSTILE}\n",
            "v2": f"Article 1. Safe words there.\n{HOSTILE} and more\n",
        },
        [
            (
                "v2",
                "Safe words there",
                f"{HOSTILE} [link](javascript:alert(6))",
                ("<b>x</b>", '"q'),
            ),
            ("v1", "<script>alert(1)</script>", "Note on a script tag.", ()),
        ],
        title=f"Title {PAYLOADS[0]}",
        intro=f"Intro {PAYLOADS[1]}",
    )
    return publish_file(project, tmp_path / "page.html").read_text(encoding="utf-8")


def test_the_policy_allows_only_the_pages_own_style_and_script(
    example_project: Project, tmp_path: Path
) -> None:
    page = publish_file(example_project, tmp_path / "a.html").read_text(encoding="utf-8")
    elements = parse(page)
    policy = next(a["content"] for t, a in elements.tags if t == "meta" and a.get("http-equiv"))
    assert policy is not None
    [script], [style] = elements.inline["script"], elements.inline["style"]
    assert f"script-src '{sha256(script)}'" in policy
    assert f"style-src '{sha256(style)}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("name", ["index.html", "embed.html"])
def test_no_page_refers_to_anything_outside_itself(
    example_project: Project, tmp_path: Path, name: str
) -> None:
    publish_site(example_project, tmp_path / "site")
    page = (tmp_path / "site" / name).read_text(encoding="utf-8")
    elements = parse(page)
    for tag, attrs in elements.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "audio", "video", "source")
        assert "src" not in attrs and "srcset" not in attrs, tag
        assert "style" not in attrs, f"an inline style attribute on <{tag}> would be blocked"
        assert not any(key.startswith("on") for key in attrs), f"an event handler on <{tag}>"
    css = "".join(elements.inline["style"])
    script = "".join(elements.inline["script"])
    assert "url(" not in css and "@import" not in css
    for call in (
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "eval(",
        "new Function",
        "WebSocket",
        ".src =",
    ):
        assert call not in script


def test_hostile_text_never_becomes_markup(hostile_page: str) -> None:
    elements = parse(hostile_page)
    assert [tag for tag, _ in elements.tags].count("script") == 1
    for tag, attrs in elements.tags:
        assert tag not in ("img", "iframe", "textarea"), f"<{tag}> came from a document"
        assert tag != "svg" or attrs.get("class") == "vr-chart", "an <svg> came from a document"
        assert not any(key.startswith("on") for key in attrs), (tag, attrs)
        for value in attrs.values():
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
    text = "".join(elements.text)
    for payload in PAYLOADS:
        assert payload in text, f"{payload!r} is not shown as text"


def test_hostile_tags_are_escaped_in_attributes(hostile_page: str) -> None:
    assert 'data-tags="&lt;b&gt;x&lt;/b&gt; &#34;q"' in hostile_page
    assert '<option value="&lt;b&gt;x&lt;/b&gt;">' in hostile_page


def test_note_bodies_go_through_the_sanitizer(hostile_page: str) -> None:
    body = re.search(r'<div class="vr-note-body">(.*?)</div>', hostile_page, re.S)
    assert body is not None
    assert "&lt;script&gt;" in body.group(1)
    assert "<a " not in body.group(1)  # the javascript: link is dropped, its text kept
    assert "[link](javascript:alert(6))" in body.group(1)
