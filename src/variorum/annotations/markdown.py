"""An annotation's Markdown note as HTML that is safe to put in a published page.

Markdown is rendered by markdown-it-py (CommonMark, plus tables and strikethrough)
with raw HTML disabled, and the result is then sanitized by nh3 (the Rust ammonia
sanitizer) against an allow-list: even if the renderer let something through, no
script, style, iframe, event handler or ``javascript:`` link survives.

>>> markdown_to_html("See *article 19* [here](https://un.org).")
'<p>See <em>article 19</em> <a href="https://un.org" rel="noopener noreferrer">here</a>.</p>\\n'
>>> markdown_to_html('<img src=x onerror="alert(1)"> [x](javascript:alert(1))')
'<p>&lt;img src=x onerror="alert(1)"&gt; [x](javascript:alert(1))</p>\\n'
>>> markdown_to_html("![chart](https://example.org/c.png)")  # images become links
'<p><a href="https://example.org/c.png" rel="noopener noreferrer">chart</a></p>\\n'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
"""What a note may contain: text structure and links; no images (they would load from
other sites when a reader opens the page: they are rendered as links), forms, frames,
scripts or styles."""

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
"""Attributes kept per tag; every other attribute (``on*``, ``style``, ...) is dropped."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes kept; ``javascript:``, ``data:`` and the rest are removed."""


@cache
def _renderer() -> MarkdownIt:
    renderer = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    renderer.add_render_rule("image", _image_as_link)
    return renderer


def _image_as_link(
    self: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    """An image becomes a link to it, labelled with its alt text."""
    token = tokens[index]
    label = self.renderInline(token.children or [], options, env) or str(token.attrGet("src"))
    return f'<a href="{escapeHtml(str(token.attrGet("src") or ""))}">{label}</a>'


@lru_cache(maxsize=2048)
def markdown_to_html(text: str) -> str:
    """Render Markdown ``text`` and sanitize the HTML.

    Kept per process: a page shows the same notes request after request (the web
    app's redline rendered each note again, a fifth of the page's time)."""
    return nh3.clean(
        _renderer().render(text),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
