"""Versions of a Markdown document read one after the other reuse the blocks the
version before had (``ingest.markdown_reuse``): each reads exactly as it reads alone,
also where a change elsewhere changes what an unchanged block means."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.document import Document
from variorum.ingest import parse_markdown
from variorum.ingest.markdown_reuse import reusing

# Blocks whose reading depends on their neighbours: reference definitions, lists that
# join or renumber, lazy lines, setext underlines, fences left open, <br> in a row,
# tables, quotes, and asterisks that emphasise nothing.
BLOCKS = [
    "A paragraph with [our policy] and [a link](https://a.test/).",
    "[our policy]: https://policy.test/",
    "[OUR POLICY]: https://other.test/",
    "1. First item\n2. Second item",
    "3) Third, another delimiter\n4) Fourth",
    "- a bullet\n- another",
    "* a bullet of stars",
    "   continued lazily, or a paragraph",
    "Setext title",
    "===",
    "---",
    "```\ncode left open",
    "```",
    "Line<br>",
    "<br>Another line",
    "<br><br>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> a quote\n> going on",
    "choose**.** and our****",
    "# Heading one",
    "## Heading one",
    "See [the heading](#heading-one).",
    '<a id="there"></a>Raw HTML naming a place',
    "[there](#there) and [nowhere](#nowhere)",
    "    indented code",
    "10. ten\n11. eleven\n\n    inside the item",
]


def history(seed: int) -> list[str]:
    """Versions of a document, each the one before with a few blocks inserted,
    deleted, replaced or joined to the next."""
    chance = random.Random(seed)
    blocks = [chance.choice(BLOCKS) for _ in range(chance.randint(3, 12))]
    texts = []
    for _ in range(chance.randint(2, 8)):
        texts.append("\n\n".join(blocks) + "\n")
        for _ in range(chance.randint(1, 3)):
            at = chance.randrange(len(blocks) + 1)
            edit = chance.choice(("insert", "delete", "replace", "join"))
            if edit == "insert" or not blocks:
                blocks.insert(at, chance.choice(BLOCKS))
            elif edit == "delete":
                del blocks[min(at, len(blocks) - 1)]
            elif edit == "replace":
                blocks[min(at, len(blocks) - 1)] = chance.choice(BLOCKS)
            elif at + 1 < len(blocks):
                blocks[at : at + 2] = [blocks[at] + "\n" + blocks[at + 1]]
    return texts


def reading(document: Document) -> tuple[object, ...]:
    return document.text, list(document.blocks), document.links


def read_in_turn(texts: list[str]) -> list[tuple[object, ...]]:
    with reusing():
        return [reading(parse_markdown(text)) for text in texts]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_versions_read_in_turn_read_as_each_alone(seed: int) -> None:
    texts = history(seed)
    assert read_in_turn(texts) == [reading(parse_markdown(text)) for text in texts]


def test_a_reference_defined_in_the_next_version_links_an_unchanged_paragraph() -> None:
    before = "Read [our policy] today.\n\nContact us.\n"
    after = before + "\n[our policy]: https://policy.test/\n"
    first, second = read_in_turn([before, after])
    assert first[2] == ()
    assert [link.target for link in second[2]] == ["https://policy.test/"]


def test_lists_joined_by_a_deletion_number_on() -> None:
    before = "1. one\n2. two\n\nA paragraph between.\n\n1. again\n"
    after = "1. one\n2. two\n\n1. again\n"
    _, second = read_in_turn([before, after])
    assert second == reading(parse_markdown(after))
    assert second[0] == "1. one\n2. two\n3. again\n"
