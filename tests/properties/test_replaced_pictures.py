"""No replaced picture is silent: on random Markdown pages of words and images (some
without alternative text: ``![](src)``, a PICTURE in the text), each image whose
source changed under alternative text that the comparison keeps, or in the place it
kept, is reported, once, with its old and new source, and no other image is."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.document import LinkKind
from variorum.ingest import parse_markdown
from variorum.render import render

WORDS = ["the", "home", "screen", "of", "our", "app", "policy", "data", "logo", "map", "."]
ALTS = ["Home screen", "Logo", "Map of offices", "Chart", "Home screen", "", ""]  # one twice


def pages(rng: random.Random) -> tuple[str, str, set[tuple[str, str]]]:
    """Two pages, paragraphs of words and images (some linked), some paragraphs edited
    in their words; and the (old, new) sources of the images replaced."""
    old, new, replaced = [], [], set()
    for number in range(rng.randint(1, 6)):
        # (a word of its own in each paragraph: lookalike paragraphs are the aligner's
        # puzzle, not the pictures')
        words = [f"p{number}"] + [rng.choice(WORDS) for _ in range(rng.randint(0, 7))]
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


def pictured(rng: random.Random) -> tuple[str, str, set[str], set[str]]:
    """Two pages of paragraphs of words, some with pictures without alternative text,
    some image-only paragraphs; in the new page some pictures are gone and some new:
    and the sources of those removed and of those added."""
    old, new, removed, added = [], [], set(), set()
    for number in range(rng.randint(1, 6)):
        words = " ".join(
            [f"p{number}"] + [rng.choice(WORDS[:-1]) for _ in range(rng.randint(0, 5))]
        )
        source = f"/img/{number}.png"
        fate = rng.choice(["kept", "kept", "removed", "added"])
        with_picture, without = f"{words} ![]({source}) end.", f"{words} end."
        if rng.random() < 0.3:  # an image-only paragraph, added or removed whole
            with_picture, without = f"![]({source})", ""
        if fate == "removed":
            removed.add(source)
        elif fate == "added":
            added.add(source)
        old.append(without if fate == "added" else with_picture)
        new.append(without if fate == "removed" else with_picture)
    return _joined(old), _joined(new), removed, added


def _joined(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_every_picture_added_or_removed_is_reported_and_shown(seed: int) -> None:
    old, new, removed, added = pictured(random.Random(seed))
    comparison = compare(parse_markdown(old), parse_markdown(new))
    told_removed = {change.old.target for change in comparison.link_changes if change.old}
    told_added = {change.new.target for change in comparison.link_changes if change.new}
    assert told_removed == removed and told_added == added
    assert comparison.has_changes == bool(removed or added)
    shown = render(comparison, "terminal", color=False)
    for source in removed | added:  # (in a note, a picture replaced in its place)
        assert source in shown
    ignoring = compare(parse_markdown(old), parse_markdown(new), ignore_images=True)
    assert not ignoring.has_changes
