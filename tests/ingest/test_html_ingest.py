"""HTML: the main content of a page, its structure and links; nothing else is read,
nothing is run and nothing is fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from variorum.document import BlockKind
from variorum.errors import InputError, UsageError
from variorum.ingest import load, parse, parse_markdown
from variorum.ingest.html import parse_html
from variorum.options import ReadLimits

CHROME = """<!DOCTYPE html><html><head><title>Terms of Service</title>
<style>p {{ color: red }}</style><script>document.write("injected")</script></head>
<body><div id="cookie" hidden>We use cookies.</div>
<header><a href="/">Home</a> <a href="/help">Help</a></header>
<nav><ul><li><a href="/privacy">Privacy</a></li><li><a href="/jobs">Jobs</a></li></ul></nav>
{content}
<aside><h3>Related</h3><p>Other policies you may like.</p></aside>
<footer>© Example Inc. <a href="/contact">Contact</a></footer></body></html>"""

ARTICLE = """<div class="policy">
<h1>Terms of Service</h1>
<p>These terms govern your use of <a href="https://example.com/?utm_source=mail">our
services</a>. Please read them carefully before you use them.</p>
<h2>Your account</h2>
<ol type="a" start="2">
<li>You must be at least 13 years old to create an account.</li>
<li>Keep your password <b>secret</b> and tell us of any misuse.</li>
</ol>
<ul><li>See the <a href="/privacy?ref=terms">privacy policy</a>.</li><li>See the rules.</li></ul>
<table><thead><tr><th>Data</th><th>Kept for</th></tr></thead>
<tbody><tr><td>Email</td><td>Two <em>years</em></td></tr></tbody></table>
<blockquote>Nothing in these terms limits your rights as a consumer.</blockquote>
<p>Questions about these terms can be sent to our legal team at any time.<br><br>
We answer within thirty days of receiving them.</p>
</div>"""

EXPECTED = (
    "Terms of Service\n"
    "These terms govern your use of our services. Please read them carefully before you use them.\n"
    "Your account\n"
    "b. You must be at least 13 years old to create an account.\n"
    "c. Keep your password secret and tell us of any misuse.\n"
    "See the privacy policy.\n"
    "See the rules.\n"
    "Data | Kept for\n"
    "Email | Two years\n"
    "Nothing in these terms limits your rights as a consumer.\n"
    "Questions about these terms can be sent to our legal team at any time.\n"
    "We answer within thirty days of receiving them.\n"
)


def page(content: str = ARTICLE) -> str:
    return CHROME.format(content=content)


def test_the_main_content_is_read_without_the_page_around_it() -> None:
    document = parse(page(), "html")
    assert document.text == EXPECTED
    assert document.title == "Terms of Service"
    assert [b.kind for b in document.blocks[:5]] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]
    assert [document.label_text(b) for b in document.blocks[3:5]] == ["b.", "c."]
    assert document.blocks[7].kind is BlockKind.TABLE_ROW
    assert document.blocks[9].kind is BlockKind.QUOTE


def test_links_keep_their_text_in_the_text_and_their_targets_apart() -> None:
    document = parse(page(), "html")
    assert [(link.span.of(document.text), link.target) for link in document.links] == [
        ("our services", "https://example.com/?utm_source=mail"),
        ("privacy policy", "/privacy?ref=terms"),
    ]


def test_a_selector_picks_the_content_explicitly() -> None:
    html = page(ARTICLE + '<section id="changes"><p>Updated on 1 May 2024.</p></section>')
    assert parse(html, "html", selector="#changes").text == "Updated on 1 May 2024.\n"
    assert parse(html, "html", selector="h2, #changes p").text == (
        "Your account\nUpdated on 1 May 2024.\n"
    )


def test_a_selector_that_matches_nothing_or_is_invalid_is_refused() -> None:
    with pytest.raises(InputError, match="no element matching"):
        parse(page(), "html", selector="#missing", source="terms.html")
    with pytest.raises(UsageError, match="invalid CSS selector"):
        parse(page(), "html", selector="p[", source="terms.html")


def test_hand_numbered_items_keep_their_own_labels() -> None:
    html = "<main><ol><li>(a) First;</li><li>(b) Second.</li></ol></main>"
    document = parse(html, "html")
    assert document.text == "(a) First;\n(b) Second.\n"
    assert [document.label_text(b) for b in document.blocks] == ["(a)", "(b)"]


def test_nothing_is_fetched_or_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    html = (
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">]><html><head>'
        '<link rel="stylesheet" href="http://192.0.2.1/x.css">'
        '<script src="http://192.0.2.1/x.js"></script></head><body><main>'
        '<p>Visible &leak; text.</p><img src="http://192.0.2.1/pixel.gif">'
        '<iframe src="http://192.0.2.1/frame"></iframe>'
        "<script>document.body.innerHTML = 'replaced'</script>"
        "<noscript>Enable JavaScript.</noscript></main></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    # in this process, where the patched socket sees what the parser does (a child
    # made by a forkserver would not, and reaches the forkserver by a socket itself)
    document = load(path, limits=ReadLimits(isolated=False))
    assert "TOP SECRET" not in document.text
    assert document.text.startswith("Visible")
    assert "replaced" not in document.text and "JavaScript" not in document.text


def test_the_same_policy_as_html_and_as_markdown_reads_the_same() -> None:
    markdown = (
        "Terms\n=====\n\nWe may update [these terms](https://x.test/t?utm=1) at any time.\n\n"
        "1.  Be kind.\n2.  Be honest.\n\n| Data | Kept for |\n| --- | --- |\n| Email | 2 years |\n"
    )
    html = (
        "<main><h1>Terms</h1><p>We may update <a href='https://x.test/t?utm=1'>these terms</a> at"
        " any time.</p><ol><li>Be kind.</li><li>Be honest.</li></ol><table><tr><th>Data</th>"
        "<th>Kept for</th></tr><tr><td>Email</td><td>2 years</td></tr></table></main>"
    )
    from_markdown, from_html = parse_markdown(markdown), parse(html, "html")
    assert from_html.text == from_markdown.text
    assert [(b.kind, b.span) for b in from_html.blocks] == [
        (b.kind, b.span) for b in from_markdown.blocks
    ]
    assert from_html.links == from_markdown.links


def test_the_command_line_reads_html_with_a_selector(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from variorum.cli import main
    from variorum.cli.errors import run_safely

    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(page(ARTICLE + "<section id='x'><p>Version one.</p></section>"), "utf-8")
    new.write_text(page(ARTICLE + "<section id='x'><p>Version two.</p></section>"), "utf-8")
    assert run_safely(main, ["compare", str(old), str(new), "--selector", "h1"]) == 0
    assert run_safely(main, ["compare", str(old), str(new), "--selector", "#x", "--stat"]) == 1
    assert run_safely(main, ["compare", str(old), str(new), "--selector", "#nope"]) == 2
    assert "no element matching the selector '#nope'" in capsys.readouterr().err


def _clause(number: int) -> str:
    return (
        f"<p>Clause {number}: the service keeps the records of each account, with the "
        "reasons, for as long as the law of the place requires it.</p>"
    )


def test_an_article_in_segments_is_read_whole() -> None:
    """Readability gathers the segments of an article split by advertising (and its
    lead) into its pick; all of them are read, in page order, and the ad is not."""
    segments = [
        '<div class="slot"><div class="article-text">'
        + "".join(_clause(10 * part + line) for line in range(3))
        + "</div></div>"
        for part in (1, 2, 3)
    ]
    page = (
        "<html><body><article><h1>Terms</h1><p class='standfirst'>What changed this year,"
        " in short, and why it matters to you.</p>" + segments[0]
        + '<div class="slot"><div class="ad">Buy now</div></div>' + "".join(segments[1:])
        + "</article><footer>Copyright</footer></body></html>"
    )
    text = parse_html(page).text
    numbers = [line.split(":")[0] for line in text.splitlines()[1:]]
    assert text.startswith("What changed this year")
    assert numbers == [f"Clause {n}" for n in (10, 11, 12, 20, 21, 22, 30, 31, 32)]
    assert "Buy now" not in text and "Copyright" not in text


def test_a_heading_between_blocks_of_a_flat_page_is_kept() -> None:
    """Readability drops a heading whose id sounds like page furniture; between two
    kept blocks of the article it is part of it."""
    page = (
        "<html><body><div>" + "".join(_clause(n) for n in range(1, 4)) + "</div>"
        "<h2 id='footnotes'>Notes on sources</h2><div>"
        + "".join(_clause(n) for n in range(4, 8)) + "</div></body></html>"
    )
    lines = parse_html(page).text.splitlines()
    assert lines[3] == "Notes on sources"
    assert len(lines) == 8


def test_a_formula_in_mathml_is_text() -> None:
    page = "<p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two solutions.</p>"
    assert parse_html(page).text == "When a≠0, there are two solutions.\n"


def test_the_paragraphs_around_a_large_table_are_kept() -> None:
    """Most of the text is in the cells of one table (a list of films), so Readability
    picks the table's body; the introduction and the notes are the article too."""
    rows = "".join(
        f"<tr><td>Film {n}</td><td>A woman relives the same day, {n} times over, trying to "
        "stop the events that lead to a crime, and learns something each time.</td></tr>"
        for n in range(40)
    )
    page = (
        "<html><body><div id='content'><h1>Films with time loops</h1>"
        "<p>This list of films features time loops, in which characters live through the "
        "same period of time again and again until a condition is met.</p>"
        f"<table><thead><tr><th>Film</th><th>Plot</th></tr></thead><tbody>{rows}</tbody></table>"
        "<p>Notes: the list is not complete, and films are listed by the year of their first "
        "release in any country, not by the year of their release here.</p>"
        "</div></body></html>"
    )
    text = parse_html(page).text
    assert "This list of films features time loops" in text
    assert "Notes: the list is not complete" in text
    assert text.count("learns something each time") == 40


def test_the_lead_in_the_header_of_an_article_is_read() -> None:
    """A story's lead paragraph stands in its article's header, apart from the body that
    Readability picks (as on nytimes.com); it is prose of the article and is read, in
    page order. A short byline and the share links beside it are not prose."""
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><header><h1>New rules</h1>"
        "<p class='summary'>From March, the service keeps less of what you share with it, "
        "and you can ask it to delete the rest at any time.</p><p>By A. Writer</p>"
        "<div class='share'><a href='/s'>Share this story</a></div></header><section>"
        "<div class='story-body'>" + "".join(_clause(n) for n in range(1, 9)) + "</div>"
        "</section></article><footer>Copyright</footer></body></html>"
    )
    lines = parse_html(page).text.splitlines()
    assert lines[0].startswith("From March, the service keeps less")
    assert [line.split(":")[0] for line in lines[1:]] == [f"Clause {n}" for n in range(1, 9)]


def test_sharing_buttons_and_related_stories_inside_the_article_are_not_read() -> None:
    """Inside Readability's pick, what it takes out and the page names furniture by a
    class (sharing buttons, related stories) is dropped, not by an id; a list of links
    that is part of the policy, which Readability takes out too, stays."""
    links = "".join(
        f"<li><a href='/policy/{name}'>{name.title()} policy</a></li>"
        for name in ("cookie", "privacy", "refund", "shipping", "warranty")
    )
    page = (
        "<html><body><article><h1>Terms</h1>"
        + "".join(_clause(n) for n in range(1, 5))
        + "<ul class='share-buttons'><li><a href='/fb'>Share on Facebook</a></li>"
        "<li><a href='/tw'>Share on Twitter</a></li></ul>"
        + "".join(_clause(n) for n in range(5, 9))
        + "<h2 id='related-privacy-practices'>Related privacy practices</h2>"
        + f"<p>These terms include the following documents:</p><ul>{links}</ul>"
        "<div class='related-stories'><h3>Read more</h3><ul><li><a href='/a'>Another "
        "story people read</a></li><li><a href='/b'>And one more</a></li></ul></div>"
        "</article></body></html>"
    )
    text = parse_html(page).text
    assert "Clause 1:" in text and "Clause 8:" in text
    assert "Cookie policy\nPrivacy policy\nRefund policy" in text
    assert "\nRelated privacy practices\n" in text  # an id is made of the heading's words
    for furniture in ("Share on", "Read more", "Another story"):
        assert furniture not in text


def test_a_link_to_a_place_the_page_lacks_is_plain_text() -> None:
    """A place may be named anywhere on the page (an id, an old ``<a name>``), also
    outside the main content; a link to a name the page lacks leads nowhere."""
    html = (
        "<html><body><header id='top'>Menu</header><main><h1 id='terms'>Terms</h1>"
        "<p>Back to <a href='#top'>the top</a>, <a href='#terms'>the terms</a>, "
        "<a href='#notes'>the notes</a> or <a href='#gone'>the old form</a>.</p>"
        "<p><a name='notes'></a>Notes follow.</p></main></body></html>"
    )
    document = parse_html(html, selector="main")
    assert document.text == (
        "Terms\nBack to the top, the terms, the notes or the old form.\nNotes follow.\n"
    )
    assert [(link.span.of(document.text), link.target) for link in document.links] == [
        ("the top", "#top"),
        ("the terms", "#terms"),
        ("the notes", "#notes"),
    ]
