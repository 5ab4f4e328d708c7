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


def test_the_terminal_shows_a_noted_block_in_its_context_not_its_whole_unchanged_run() -> None:
    # a link's target changed in the middle of 100 unchanged paragraphs: a reader is shown
    # that paragraph and its neighbours, as around any change, and the rest is folded
    paragraphs = [f"Paragraph {n} says [this](https://x.test/{n})." for n in range(100)]
    old = "\n\n".join(paragraphs)
    new = old.replace("https://x.test/50)", "https://x.test/fifty)")
    comparison = variorum.compare(variorum.parse(old, "markdown"), variorum.parse(new, "markdown"))
    lines = render(comparison, "terminal", context=1).splitlines()
    shown = [line for line in lines if line.startswith("Paragraph")]
    assert shown == [
        "Paragraph 49 says this.",
        "Paragraph 50 says this.",
        "Paragraph 51 says this.",
    ]
    noted = lines.index("Paragraph 50 says this.") + 1
    assert lines[noted] == "  ↪ link “this”: https://x.test/50 → https://x.test/fifty"
    assert sum("49 unchanged blocks" in line for line in lines) == 1
    assert sum("48 unchanged blocks" in line for line in lines) == 1
    assert lines.index("@@ c-0 link target changed · +0 −0 words") < noted
    everything = render(comparison, "terminal", context=None)
    assert "Paragraph 0 says this." in everything and "unchanged blocks" not in everything
