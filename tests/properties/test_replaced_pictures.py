"""No replaced picture is silent: on random Markdown pages of words and images, each
image whose source changed under alternative text that the comparison keeps is
reported, once, with its old and new source, and no other image is."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.document import LinkKind
from variorum.ingest import parse_markdown

WORDS = ["the", "home", "screen", "of", "our", "app", "policy", "data", "logo", "map", "."]
ALTS = ["Home screen", "Logo", "Map of offices", "Chart", "Home screen"]  # one twice


def pages(rng: random.Random) -> tuple[str, str, set[tuple[str, str]]]:
    """Two pages, paragraphs of words and images (some linked), some paragraphs edited
    in their words; and the (old, new) sources of the images replaced."""
    old, new, replaced = [], [], set()
    for number in range(rng.randint(1, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 8))]
        alt, source = rng.choice(ALTS), f"/img/{number}-{rng.randint(0, 9)}.png"
        new_source = source if rng.random() < 0.5 else source.replace(".png", ".webp")
        if new_source != source:
            replaced.add((source, new_source))
        image = "![{}]({})"
        if rng.random() < 0.3:
            image = f"[{image}](https://example.org/{number})"
        edit = [rng.choice(WORDS)] if rng.random() < 0.4 else []
        old.append(" ".join(words) + " " + image.format(alt, source) + " end.")
        new.append(" ".join(words + edit) + " " + image.format(alt, new_source) + " end.")
    return "\n\n".join(old), "\n\n".join(new), replaced


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_every_replaced_picture_is_reported_once(seed: int) -> None:
    old, new, replaced = pages(random.Random(seed))
    comparison = compare(parse_markdown(old), parse_markdown(new))
    reported = [
        (change.old.target, change.new.target)
        for change in comparison.link_changes
        if change.kind is LinkKind.IMAGE and change.old and change.new
    ]
    assert sorted(reported) == sorted(replaced)
    assert all(change.kind is LinkKind.IMAGE for change in comparison.link_changes)
    assert comparison.has_changes == bool(replaced or old != new)
