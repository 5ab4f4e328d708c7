"""A watch on a document: its Atom feed read back with a feed library, as a feed
reader sees it, for the whole document and for one provision."""

from __future__ import annotations

from pathlib import Path

import feedparser

from commands import run_cli


def feed(folder: Path, tmp_path: Path, *args: str) -> feedparser.FeedParserDict:
    out = tmp_path / "changes.atom"
    result = run_cli("feed", "-p", str(folder), "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")  # well-formed Atom
    assert parsed.version == "atom10"
    assert_rfc4287(parsed)
    return parsed


def assert_rfc4287(parsed: feedparser.FeedParserDict) -> None:
    """What RFC 4287 requires of a feed and its entries (section 4.1), as the feed
    library read them: an id, a title and an updated date (RFC 3339) each, ids unique,
    an author on the feed or on every entry, and each entry's content or a link."""
    head = parsed.feed
    assert head.get("id") and head.get("title") and head.get("updated_parsed"), head
    ids = [entry.get("id") for entry in parsed.entries]
    assert all(ids) and len(set(ids)) == len(ids)
    for entry in parsed.entries:
        assert entry.get("title") and entry.get("updated_parsed"), entry
        assert head.get("author_detail") or entry.get("author_detail"), entry
        assert entry.get("content") or any(link.rel == "alternate" for link in entry.links)


def test_each_version_that_changed_the_document_is_an_entry_newest_first(
    terms_history: Path, tmp_path: Path
) -> None:
    parsed = feed(terms_history, tmp_path, "--url", "https://example.org/terms.atom")
    assert [entry.title.split(":")[0] for entry in parsed.entries] == [
        "2023", "2022", "2021", "2020",
    ]  # fmt: skip
    assert parsed.feed.links[0].href == "https://example.org/terms.atom"
    newest = parsed.entries[0]
    assert newest.updated == "2023-06-01T00:00:00+00:00"
    assert newest.id.endswith("#changes-2022..2023")
    assert len({entry.id for entry in parsed.entries}) == 4  # ids never repeat
    edited = parsed.entries[2].content[0].value  # 2020 -> 2021: one year became two years
    assert "<del" in edited and "one year" in edited and "two years" in edited
    assert "Scope of these terms" not in edited  # only what changed
    assert "Retention doubled." in edited and "A. Analyst" in edited  # the note on it


def test_a_provision_feed_has_only_the_versions_that_changed_it(
    terms_history: Path, tmp_path: Path
) -> None:
    scope = feed(terms_history, tmp_path, "--provision", "Scope")
    assert scope.feed.title == "terms: (1) Scope of the terms and of our services."
    assert [entry.title for entry in scope.entries] == [
        "2022: “(1) Scope of the terms and of our services.” changed"
    ]
    assert "and of our services" in scope.entries[0].content[0].value
