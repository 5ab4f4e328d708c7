"""Link targets: kept out of the text, reported as their own low-key kind of change."""

import json

import variorum
from variorum.render import render

OLD = "See [our policy](https://x.test/p) and [the terms](https://x.test/t).\n\nMore text."
NEW = "See [our policy](https://x.test/p?utm_source=mail) and the terms.\n\nMore text."


def compare(**options: bool) -> variorum.Comparison:
    return variorum.compare(
        variorum.parse(OLD, "markdown"), variorum.parse(NEW, "markdown"), **options
    )


def test_changed_and_removed_link_targets_are_reported_but_not_as_word_changes() -> None:
    comparison = compare()
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
    changed, removed = comparison.link_changes
    assert changed.old and changed.new
    assert changed.new.target == "https://x.test/p?utm_source=mail"
    assert removed.old and removed.new is None
    assert comparison.has_changes


def test_ignore_links_hides_them() -> None:
    comparison = compare(ignore_links=True)
    assert comparison.link_changes == ()
    assert not comparison.has_changes


def test_link_changes_reach_every_output() -> None:
    comparison = compare()
    assert "link “our policy”: https://x.test/p → https://x.test/p?utm_source=mail" in render(
        comparison, "terminal"
    )
    html = render(comparison, "html")
    assert 'data-change="link target changed"' in html
    assert "link removed from “the terms”" in html
    assert "{>>link “our policy”" in render(comparison, "markdown")
    data = json.loads(render(comparison, "json"))
    assert data["link_changes"][0]["new"]["target"] == "https://x.test/p?utm_source=mail"


def test_cli_exit_status_counts_link_changes_unless_ignored(tmp_path) -> None:
    from variorum.cli import main
    from variorum.cli.errors import run_safely

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    assert run_safely(main, ["compare", str(old), str(new)]) == 1
    assert run_safely(main, ["compare", str(old), str(new), "--ignore-links"]) == 0
