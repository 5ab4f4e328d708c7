"""A note on part of a rewritten passage shows, on the published page, the same new
wording that ``annotations carry`` reports for it: both read it through the one offset
map (``annotations.offset_map``), which places its ends through the words the rewrite
kept, and pairs a part of a rewrite with no words it cannot vouch for."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.annotations.carry import CarryStatus, carry
from variorum.annotations.model import Annotation, Target
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.ingest import parse_text
from variorum.publish.notes import place_notes

OLD = "States should lead all elements of society to understand their roles in security.\n"
NEW = "States must encourage all elements in society, the private sector too, to ensure security.\n"
NETWORKS = "(1) Not to use ICT networks for activities which run counter to peace;\n"
ICTS = "(a) Not to use ICTs for hostile activities;\n"
LONG = (
    "Members report to the secretariat, which will publish every report online and invite"
    " public comment within ninety days, on the measures taken.\n"
)
SHORT = "Members report to the council on the measures taken.\n"


def pair(old: str, new: str) -> Comparison:
    return compare(parse_text(old, version="2011"), parse_text(new, version="2015"))


def carried_and_shown(comparison: Comparison, quote: str) -> tuple[CarryStatus, str, str | None]:
    """What carrying reports of a note on ``quote`` of the old version, and the new
    wording the page shows for it (None if it shows none)."""
    note = Annotation.new(Target.from_quote(comparison.old, quote))
    [item] = carry([note], comparison)
    [placed] = place_notes([note], comparison)
    shown = {wording.side.value: wording.text for wording in placed.wordings}
    return item.status, item.new_text, shown.get("new")


@pytest.mark.parametrize(
    ("old", "new", "quote", "carried"),
    [
        (OLD, NEW, "lead all elements of society", "must encourage all elements in society"),
        (
            OLD,
            NEW,
            "society to understand their roles in security",
            "society, the private sector too, to ensure security",
        ),
        # most of what was rewritten (all but "for"): the words that replaced it
        (NETWORKS, ICTS, "ICT networks", "ICTs for hostile"),
    ],
)
def test_the_page_shows_the_wording_that_carrying_reports(
    old: str, new: str, quote: str, carried: str
) -> None:
    status, now, shown = carried_and_shown(pair(old, new), quote)
    assert (status, now, shown) == (CarryStatus.CHANGED, carried, carried)


def test_a_clause_inside_a_long_rewrite_is_paired_with_no_words_it_shares_none_with() -> None:
    status, now, shown = carried_and_shown(pair(LONG, SHORT), "invite public comment")
    assert (status, now, shown) == (CarryStatus.DELETED, "", "")


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_whatever_the_edits_the_page_shows_what_carrying_reports(seed: int) -> None:
    old, new, quote = edited_sentence(random.Random(seed))
    status, now, shown = carried_and_shown(pair(old, new), quote)
    if shown is None:  # the page shows no other wording of a passage whose words stayed
        assert status is CarryStatus.INTACT or now.split() == quote.split()
    else:
        assert shown == now and status is not CarryStatus.INTACT


def edited_sentence(rng: random.Random) -> tuple[str, str, str]:
    """A sentence of distinct words, the same with a few words replaced, inserted or
    deleted (inside the quoted run or around it), and the quoted run of the first."""
    vocabulary = VOCABULARY.split()
    words = rng.sample(vocabulary, rng.randint(8, 20))
    first = rng.randrange(len(words))
    quote = " ".join(words[first : rng.randint(first + 1, min(len(words), first + 6))])
    spare = [word for word in vocabulary if word not in words]
    edited = list(words)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(edited))
        kind = rng.choice(["replace", "insert", "delete"] if len(edited) > 2 else ["insert"])
        if kind == "replace":
            edited[at] = spare.pop(rng.randrange(len(spare)))
        elif kind == "insert":
            edited.insert(at, spare.pop(rng.randrange(len(spare))))
        else:
            del edited[at]
    return " ".join(words) + ".\n", " ".join(edited) + ".\n", quote


VOCABULARY = (
    "states shall cooperate with others to curb threats arising from networks used for"
    " hostile purposes and respect rights freedoms privacy speech while ensuring security"
    " stability trust openness governance council members report annually measures taken"
)
"""Distinct words, mostly of four letters or more, so that kept runs mean something."""
