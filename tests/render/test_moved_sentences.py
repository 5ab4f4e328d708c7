"""A sentence that moved from one paragraph to another is shown as moved at both ends,
in every format, and counted once as moved: never as a deletion here and an unrelated
insertion there.

The sentences of the policy excerpts are from the Platform Governance Archive (PGA v2),
ZeMKI, University of Bremen, licensed under the Open Data Commons Attribution License
(ODC-By): ``Facebook/Community Guidelines.md`` f8ae0b8..6776f23 moved "Authenticity is
the cornerstone of our community." to another section; ``Bluesky/Privacy Policy.md``
6d4073f..7b3880d moved its sentence on blocking cookies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources

import jsonschema
import pytest

import variorum
from variorum.comparison import Comparison, RowKind, Stats
from variorum.render import render

Redline = Callable[..., str]

MOVED = "Authenticity is the cornerstone of our community."
OPENING = "We want people to be able to talk openly about the issues that matter to them."
MIDDLE = "We work with law enforcement when we believe there is a genuine risk of harm."
CLOSING = "People need to be confident that the people they connect with are who they say."
OLD = f"{OPENING} {MOVED}\n\n{MIDDLE}\n\n{CLOSING}\n"
NEW = f"{OPENING}\n\n{MIDDLE}\n\n{CLOSING} {MOVED}\n"


def moved_between_paragraphs() -> Comparison:
    return variorum.compare(OLD, NEW)


def test_the_move_is_found_with_both_ends() -> None:
    comparison = moved_between_paragraphs()
    [move] = comparison.text_moves
    assert (move.old_row, move.new_row) == (0, 2)
    assert move.old.of(comparison.old.text) == MOVED
    assert move.new.of(comparison.new.text) == MOVED


def test_its_words_count_as_moved_once_not_as_deleted_and_inserted() -> None:
    comparison = moved_between_paragraphs()
    assert comparison.stats == Stats(words_inserted=0, words_deleted=0, words_moved=7)
    assert [row.kind for row in comparison.rows] == [
        RowKind.CHANGED,
        RowKind.EQUAL,
        RowKind.CHANGED,
    ]


def test_segments_keep_their_contract() -> None:
    # the plain (op, text) view rebuilds both texts: moved text is "-" then "+"
    segments = moved_between_paragraphs().segments()
    assert "".join(text for op, text in segments if op != "+") == OLD
    assert "".join(text for op, text in segments if op != "-") == NEW


def test_markdown_highlights_both_ends_and_names_the_other() -> None:
    markdown = render(moved_between_paragraphs(), "markdown")
    assert "{== " + MOVED + "==}{>>moved to c-2<<}" in markdown
    assert "{== " + MOVED + "==}{>>moved from c-0<<}" in markdown
    assert "{++" not in markdown and "{--" not in markdown


@pytest.mark.parametrize("color", [False, True])
def test_the_terminal_marks_it_moved(color: bool) -> None:
    text = render(moved_between_paragraphs(), "terminal", color=color, width=200)
    if color:
        moved = re.findall(r"\x1b\[[0-9;]*35[0-9;]*m([^\x1b]*)", text)
        assert [chunk.strip() for chunk in moved] == [MOVED, MOVED]
        assert "\x1b[32m" not in text and "\x1b[31m" not in text  # nothing green or red
    else:
        assert "[= " + MOVED + "=]" in text
        assert "{= " + MOVED + "=}" in text
        assert "{+" not in text and "[-" not in text


@pytest.mark.parametrize("format", ["html", "html-fragment"])
def test_html_marks_it_moved_and_links_the_two_ends(format: str) -> None:
    page = render(moved_between_paragraphs(), format)
    html = page[page.index('<div class="vr-redline"') :]  # the redline, not the legend
    assert f'<del class="vr-moved" role="none" data-o="78" data-n="78"> {MOVED}</del>' in html
    assert re.search(rf'<ins class="vr-moved" [^>]*> {MOVED}</ins>', html)
    assert 'class="vr-edit"' not in html
    assert '<a class="vr-move-link" href="#c-2">a sentence moved to ↓</a>' in html
    assert '<a class="vr-move-link" href="#c-0">a sentence moved from ↑</a>' in html


def test_json_names_the_move_and_validates() -> None:
    data = json.loads(render(moved_between_paragraphs(), "json"))
    schema_file = resources.files("variorum").joinpath("schema", "comparison.schema.json")
    jsonschema.validate(data, json.loads(schema_file.read_text(encoding="utf-8")))
    [move] = data["text_moves"]
    assert (move["old_row"], move["new_row"]) == ("c-0", "c-2")
    assert data["old"]["text"][slice(*move["old"])] == MOVED
    assert data["new"]["text"][slice(*move["new"])] == MOVED
    assert data["stats"]["words_moved"] == 7


def test_a_sentence_moved_inside_its_paragraph_is_moved_too() -> None:
    # Bluesky/Privacy Policy.md 6d4073f..7b3880d: the cookie sentence went to the end
    cookies = "You can block cookies by setting your internet browser to block some or all cookies."
    before = "We use cookies to keep you signed in and to understand how the service is used."
    after = "Some features of the service may not work if you block cookies we need for them."
    comparison = variorum.compare(f"{cookies} {before} {after}\n", f"{before} {after} {cookies}\n")
    [move] = comparison.text_moves
    assert move.old_row == move.new_row == 0
    markdown = render(comparison, "markdown")
    assert markdown.count("{==") == 2 and cookies in markdown
    assert "{++" not in markdown and "{--" not in markdown


def test_a_sentence_moved_before_one_that_begins_alike_is_moved_too(redline: Redline) -> None:
    # Both sentences begin with "We": the word diff kept the first "We " and inserted
    # "share … ads. We " after it, which holds no whole sentence, and missed the move
    # (13 words "inserted" and 13 "deleted"). Slid to the sentences, the edit is found.
    collect = "We collect information about how you use our services and the pages you visit."
    share = "We share this information with advertisers who help us show you relevant ads."
    settings = "You can change your settings at any time."
    comparison = variorum.compare(
        f"{collect} {share} {settings}\n", f"{share} {collect} {settings}\n"
    )
    [move] = comparison.text_moves
    assert move.old.of(comparison.old.text) == move.new.of(comparison.new.text) == share
    assert comparison.stats == Stats(words_inserted=0, words_deleted=0, words_moved=13)
    assert redline(f"{collect} {share} {settings}", f"{share} {collect} {settings}") == (
        f"<ins>{share} </ins>{collect} <del>{share} </del>{settings}"
    )
    # an insertion that repeats the words beside it stands at the sentence it adds
    assert redline("We agree. We sign.", "We agree. We object. We sign.") == (
        "We agree. <ins>We object. </ins>We sign."
    )


def test_a_repeated_or_short_sentence_is_not_taken_for_a_move() -> None:
    repeated = "Please read this section carefully before you continue."
    old = f"{OPENING} {repeated}\n\n{MIDDLE} {repeated}\n\n{CLOSING}\n"
    new = f"{OPENING}\n\n{MIDDLE}\n\n{CLOSING} {repeated}\n"
    assert variorum.compare(old, new).text_moves == ()
    short = "Learn more here."  # three words: too common to be evidence of a move
    assert (
        variorum.compare(
            f"{OPENING} {short}\n\n{CLOSING}\n", f"{OPENING}\n\n{CLOSING} {short}\n"
        ).text_moves
        == ()
    )
