"""A note on part of a rewritten passage shows, on the published page, the same new
wording that ``annotations carry`` reports for it: both map its ends through the words
the rewrite kept (``annotations.kept_words``)."""

from __future__ import annotations

import pytest

from variorum.annotations.carry import carry
from variorum.annotations.model import Annotation, Target
from variorum.compare import compare
from variorum.ingest import parse_text
from variorum.publish.notes import place_notes

OLD = "States should lead all elements of society to understand their roles in security.\n"
NEW = "States must encourage all elements in society, the private sector too, to ensure security.\n"


@pytest.mark.parametrize(
    ("quote", "carried"),
    [
        ("lead all elements of society", "must encourage all elements in society"),
        (
            "society to understand their roles in security",
            "society, the private sector too, to ensure security",
        ),
    ],
)
def test_the_page_shows_the_wording_that_carrying_reports(quote: str, carried: str) -> None:
    comparison = compare(parse_text(OLD, version="2011"), parse_text(NEW, version="2015"))
    note = Annotation.new(Target.from_quote(comparison.old, quote))
    [item] = carry([note], comparison)
    [placed] = place_notes([note], comparison)
    shown = {wording.side.value: wording.text for wording in placed.wordings}
    assert (item.new_text, shown["new"]) == (carried, carried)
