"""Kept runs stay visible: text that stayed between two edits is never shown inside a
replacement when it is a clause (four words or more) or holds a sentence end.

The excerpts of terms and policies below are from the Platform Governance Archive
(PGA v2; ZeMKI, University of Bremen), licensed under the Open Data Commons
Attribution License (ODC-By); each names its document and its two commits.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

import variorum
from variorum.compare.unfold import cut_around, unfold_kept_runs
from variorum.comparison import Comparison, Op, OpKind
from variorum.document import Span
from variorum.examples import example_pair
from variorum.options import CompareOptions

Redline = Callable[..., str]


def kept(comparison: Comparison) -> list[str]:
    """The texts a reader sees as unchanged."""
    return [text for op, text in comparison.segments() if op == "="]


def replaced(comparison: Comparison) -> list[tuple[str, str]]:
    """The old and new text of every replacement."""
    old, new = comparison.old.text, comparison.new.text
    return [
        (op.old.of(old), op.new.of(new))
        for row in comparison.rows
        for op in row.ops
        if op.kind is OpKind.REPLACE
    ]


def shown_kept(comparison: Comparison, phrase: str) -> bool:
    return any(phrase in text for text in kept(comparison))


# Pinterest/Privacy Policy.md c5ad42f..e1463f7: a sentence added before one that stayed
PINTEREST_OLD = (
    "We only disclose information in response to such requests if we believe that "
    "disclosure is reasonably necessary to comply with a law. To find out more about how "
    "we respond to law enforcement requests, please see our Law Enforcement Guidelines."
)
PINTEREST_NEW = (
    "We only disclose information in response to such requests if we believe that "
    "disclosure is reasonably necessary to comply with a law. We may also share "
    "information if we believe it is necessary to prevent imminent and serious bodily harm "
    "to a person in emergency situations. To find out more about how we respond to law "
    "enforcement requests, please see our Law Enforcement Guidelines. We may share your "
    "publicly accessible information with independent researchers who meet certain "
    "criteria, to combat societal harms."
)

# Facebook/Community Guidelines.md 89fdfc4..f5d0c40: a clause that moved up its paragraph
FACEBOOK_OLD = (
    "Context matters, so we consider various factors such as condemnation or awareness "
    "raising of violent threats or the public visibility and vulnerability of the target "
    "of the threats. We remove content, disable accounts, and also work with law "
    "enforcement when we believe there is a genuine risk of physical harm or direct "
    "threats to public safety."
)
FACEBOOK_NEW = (
    "We remove content, disable accounts and work with law enforcement when we believe "
    "there is a genuine risk of physical harm or direct threats to public safety. We also "
    "try to consider the language and context in order to distinguish casual or "
    "awareness-raising statements from content that constitutes a credible threat to "
    "public or personal safety."
)

# Spotify/Community Guidelines.md fd30e84..a9c8ed7
SPOTIFY_OLD = (
    "Encouraging, promoting or glorifying suicide and self-harm (if you or someone you "
    "know is struggling or thinking about self-harm, please see here for ways to get help)"
)
SPOTIFY_NEW = (
    "Encouraging, promoting, glorifying or providing instructions for suicide and "
    "self-harm (including disordered eating) Note: If you or someone you know is "
    "struggling or thinking about self-harm, please see here for ways to get help"
)


def test_a_sentence_that_stayed_after_an_added_one_is_shown_kept() -> None:
    comparison = variorum.compare(PINTEREST_OLD, PINTEREST_NEW)
    assert shown_kept(
        comparison,
        "To find out more about how we respond to law enforcement requests, please see our "
        "Law Enforcement Guidelines",
    )
    assert not any("To find out more" in old for old, _ in replaced(comparison))


def test_a_clause_that_moved_up_its_paragraph_is_shown_kept() -> None:
    comparison = variorum.compare(FACEBOOK_OLD, FACEBOOK_NEW)
    assert shown_kept(
        comparison,
        "work with law enforcement when we believe there is a genuine risk of physical harm "
        "or direct threats to public",
    )
    assert shown_kept(comparison, "We remove content, disable accounts")


def test_a_four_word_run_between_two_edits_is_not_folded() -> None:
    comparison = variorum.compare(SPOTIFY_OLD, SPOTIFY_NEW)
    assert shown_kept(comparison, " suicide and self-harm (")
    assert shown_kept(comparison, "you or someone you know is struggling")


def test_a_word_of_meaning_is_kept_rather_than_a_function_word(redline: Redline) -> None:
    # the minimal diff could keep "or" or "glorifying": the reader must see the word
    # of meaning kept, and "or providing instructions for" added after it
    assert redline(SPOTIFY_OLD, SPOTIFY_NEW).startswith(
        "Encouraging, promoting<del> or</del><ins>,</ins> glorifying"
        "<ins> or providing instructions for</ins> suicide and self-harm ("
    )
    # 0 leaves the phrase replaced whole
    assert redline(SPOTIFY_OLD, SPOTIFY_NEW, content_word_reach=0).startswith(
        "Encouraging, promoting<del> or glorifying</del>"
        "<ins>, glorifying or providing instructions for</ins>"
    )


def test_a_lone_shared_word_in_a_rewritten_phrase_is_not_cut_out(redline: Redline) -> None:
    # no function word crosses "data": nothing tied, the phrase stays one replacement
    assert redline("we keep a data record", "we hold the data entries") == (
        "we <del>keep a</del><ins>hold the</ins> data <del>record</del><ins>entries</ins>"
    )


def test_the_example_keeps_the_letters_shared_phrases() -> None:
    old, new = example_pair("icoc")
    comparison = variorum.compare(old, new)
    for phrase in (
        "common challenges in the sphere of information security",
        "an international code of conduct for information security",
        "international peace and security",
        "resources, critical infrastructures, core technologies",
    ):
        assert shown_kept(comparison, phrase), phrase


def test_an_edit_never_runs_across_a_sentence_end_that_stayed(redline: Redline) -> None:
    assert redline("Red. Blue", "Green. Yellow") == (
        "<del>Red</del><ins>Green</ins>. <del>Blue</del><ins>Yellow</ins>"
    )
    assert redline(
        "The committee shall alpha beta gamma delta epsilon. Zeta eta theta iota",
        "The committee shall one two three four five six. Seven eight nine ten eleven",
    ) == (
        "The committee shall <del>alpha beta gamma delta epsilon</del>"
        "<ins>one two three four five six</ins>. "
        "<del>Zeta eta theta iota</del><ins>Seven eight nine ten eleven</ins>"
    )


@pytest.mark.parametrize("options", [{}, {"ignore_case": True}])
def test_short_shared_words_still_fold_into_one_phrase(
    redline: Redline, options: dict[str, bool]
) -> None:
    assert redline(
        "dealt with in the spirit of mutual respect today",
        "dealt with in the sphere of information security today",
        **options,
    ) == (
        "dealt with in the <del>spirit of mutual respect</del>"
        "<ins>sphere of information security</ins> today"
    )


def coarse(old: Span, new: Span) -> list[Op]:
    """A piece diff that shows each stretch between kept runs as one edit."""
    if not old and not new:
        return []
    kind = OpKind.REPLACE if old and new else OpKind.DELETE if old else OpKind.INSERT
    return [Op(kind, old, new)]


def test_a_clause_kept_once_of_two_copies_is_cut_out_at_the_nearer_copy() -> None:
    # Instagram/Privacy Policy.md 9d3942b..918fc82 (c-142): a long table of two rows,
    # each ending in the same list item, became a short paragraph that keeps one of
    # them; the replacement is too long for a minimal diff within its effort
    item = "Content you create, like posts, comments or audio"
    cells = " ".join(f"purpose{number}" for number in range(3000))
    old = f"| Personalising: {cells}. | {item}<br>| Providing Meta Products: {cells}. | {item}<br>"
    new = f"Information categories we use depending on your circumstances: {item}\n"
    whole = Op(OpKind.REPLACE, Span(0, len(old)), Span(0, len(new)))
    ops = unfold_kept_runs(
        [whole], old, new, partial(cut_around, diff_piece=coarse), CompareOptions()
    )
    equal = [op for op in ops if op.kind is OpKind.EQUAL]
    assert [op.new.of(new) for op in equal] == [item]
    assert equal[0].old.start == old.rindex(item)  # the second copy: at the end of both


def test_a_replacement_of_fewer_words_than_a_run_is_searched_safely() -> None:
    # BeReal/Privacy Policy.md 2e431f7..e35e091: a date of two words and a line break
    old = "Effective: **August 2025**\n\nWe collect data."
    new = "Effective: **January 2026**\n\n\n\nWe collect data."
    assert variorum.compare(old, new).segments() == [
        ("=", "Effective: **"),
        ("-", "August 2025**\n\n"),
        ("+", "January 2026**\n\n\n\n"),
        ("=", "We collect data.\n"),
    ]


def test_words_kept_around_a_changed_mark_are_one_kept_run(redline: Redline) -> None:
    # TikTok/Copyright Claims Policy.md dd79b51..88ee663 (c-15): "DMCA" lost its
    # brackets; it and "or similar laws" were kept, four words together
    old = (
        "Submitting a misleading report may lead to liability for damages under section "
        "512(f) of the United States Digital Millennium Copyright Act (DMCA) or similar laws "
        "as may be applicable in other countries."
    )
    new = (
        "Submitting a misleading report will result in your report being denied and may lead"
        " to liability for damages under section 512(f) of the United States DMCA or similar"
        " laws in other countries."
    )
    assert redline(old, new).endswith(
        "of the United States <del>Digital Millennium Copyright Act (</del>DMCA<del>)</del>"
        " or similar laws<del> as may be applicable</del> in other countries."
    )


def test_fewer_words_around_a_changed_mark_still_fold(redline: Redline) -> None:
    assert redline("the red (big) dog ran", "the blue big cat ran") == (
        "the <del>red (big) dog</del><ins>blue big cat</ins> ran"
    )


def test_a_web_address_kept_between_two_edits_is_shown_kept(redline: Redline) -> None:
    # X/Terms of Service.md 282e7cb..256cc33 (c-25): a second address added before the
    # reporting page's, which stayed
    page = "https://help.x.com/rules-and-policies/x-report-violation#specific-violations"
    old = f"Find it in our Help Center ({page} and more)."
    new = f"Find it in our Help Center (https://help.x.com/rules, {page}, and more)."
    assert redline(old, new) == (
        f"Find it in our Help Center (<ins>https://help.x.com/rules, </ins>"
        f"{page}<ins>,</ins> and more)."
    )
