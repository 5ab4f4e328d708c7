"""Cleanup passes, in the redline's own notation."""

import random
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import variorum
from variorum.compare.cleanup import _markup_only, _may_be_markup
from variorum.comparison import Stats

Redline = Callable[..., str]


def test_punctuation_between_two_edits_joins_them(redline: Redline) -> None:
    assert (
        redline("red, big dog", "blue, small dog")
        == "<del>red, big</del><ins>blue, small</ins> dog"
    )


def test_function_words_between_replacements_join_them(redline: Redline) -> None:
    assert redline("the spirit of respect", "the sphere of security") == (
        "the <del>spirit of respect</del><ins>sphere of security</ins>"
    )


def test_the_function_words_are_an_option_for_other_languages(redline: Redline) -> None:
    old, new = "la paix de la région", "la sécurité de la nation"
    assert redline(old, new) == (
        "la <del>paix</del><ins>sécurité</ins> de la <del>région</del><ins>nation</ins>"
    )
    french = {"de", "la", "le", "des", "du"}
    expected = "la <del>paix de la région</del><ins>sécurité de la nation</ins>"
    assert redline(old, new, function_words=french) == expected
    # The same rule where the text is normalized first (the uncompiled path).
    assert redline(old, new, function_words=french, ignore_case=True) == expected


def test_no_function_words_folds_none(redline: Redline) -> None:
    assert redline("the spirit of respect", "the sphere of security", function_word_run=0) == (
        "the <del>spirit</del><ins>sphere</ins> of <del>respect</del><ins>security</ins>"
    )


def test_content_words_between_edits_stay_visible(redline: Redline) -> None:
    assert redline("one red apple here", "one green apple there") == (
        "one <del>red</del><ins>green</ins> apple <del>here</del><ins>there</ins>"
    )


def test_deleted_words_take_the_space_after_them(redline: Redline) -> None:
    assert redline("under item 93 of the provisional agenda.", "under item 91 of the agenda.") == (
        "under item <del>93</del><ins>91</ins> of the <del>provisional </del>agenda."
    )


def test_identical_ends_are_not_split_inside_a_token(redline: Redline) -> None:
    assert (
        redline("the ICTs, networks", "the ICT, networks")
        == "the <del>ICTs</del><ins>ICT</ins>, networks"
    )


def test_markup_between_two_edits_joins_them(redline: Redline) -> None:
    # a mail address rewritten inside its Markdown link: one address replaced, not
    # confetti around a shared "@spotify.com" and "](mailto:"
    old = "email to [legal@spotify.com](mailto:legal@spotify.com), and"
    new = "email to tounotice@spotify.com, and"
    assert redline(old, new) == (
        "email to <del>[legal@spotify.com](mailto:legal@spotify.com)</del>"
        "<ins>tounotice@spotify.com</ins>, and"
    )
    assert redline(old, new, fold_markup=False) == (
        "email to <del>[legal</del><ins>tounotice</ins>@spotify.com"
        "<del>](mailto:legal@spotify.com)</del>, and"
    )


def test_a_word_of_prose_between_two_edits_is_never_markup(redline: Redline) -> None:
    # the link's text stayed: only its address and the words around it changed
    old = "see [Policy](http://a.example/old) now"
    new = "read [Policy](https://b.example/new) today"
    assert redline(old, new) == (
        "<del>see</del><ins>read</ins> [Policy](<del>http://a.example/old) now</del>"
        "<ins>https://b.example/new) today</ins>"
    )


def test_markup_between_two_insertions_stays_kept(redline: Redline) -> None:
    # folding it would show a tag that stayed as deleted and inserted again
    assert redline("first line<br>second line", "first line added<br>more second line") == (
        "first line<ins> added</ins><br><ins>more </ins>second line"
    )


def test_markup_next_to_a_change_of_white_space_stays_kept(redline: Redline) -> None:
    # a no-break space made a space before a link: layout, not a change of the link
    old = "Contact us at\u00a0[support@parler.com](mailto:support@parler.com) today"
    new = "Contact us at [support@parler.com](mailto:support@parler.com) now"
    assert "[support@parler.com](mailto:support@parler.com) " in redline(old, new)


MARKUP_PIECES = [
    "<br>", "</p", "<", ">", "](", "(#top)", "(", ")", "[", "]", "http://a.example/x", "https:",
    "mailto:", ":", "x.com", "page.html", ".org", ".", "**", "_", "#", "|", "`", "~", "policy",
    "é", "2", " ", "\n", "-", "@",
]  # fmt: skip
"""Markup of every kind MARKUP blanks, the characters it starts with, words and marks."""


@settings(max_examples=300)
@given(st.integers(0, 2**32 - 1))
def test_text_told_at_once_to_be_prose_is_never_markup(seed: int) -> None:
    # the markup pass answers most equalities (prose) without blanking their markup:
    # that quick answer must be the one the blanking gives (drawn from a seeded
    # generator, as many texts as the property needs)
    rng = random.Random(seed)
    for _ in range(20):
        text = "".join(rng.choice(MARKUP_PIECES) for _ in range(rng.randrange(1, 8)))
        if not _may_be_markup(text, 0, len(text)):
            assert not _markup_only(text), text


def test_words_between_respaced_gaps_stay_kept(redline: Redline) -> None:
    # white space changed on both sides of a word: the word stayed, and no word counts
    # as inserted or deleted (the core's cleanup had folded it into one replacement)
    assert redline("We collect data.", "We  collect   data.") == (
        "We<del> </del><ins>  </ins>collect<del> </del><ins>   </ins>data."
    )
    assert redline("A b c d e.", "A  b  c\nd  e.") == (
        "A<del> </del><ins>  </ins>b<del> </del><ins>  </ins>c<del> </del><ins>\n</ins>"
        "d<del> </del><ins>  </ins>e."
    )
    assert variorum.compare("A b c d e.", "A  b  c  d  e.").stats == Stats(0, 0, 0)


def test_a_word_between_respaced_gaps_stays_kept_beside_a_word_that_changed(
    redline: Redline,
) -> None:
    # ``three`` stood between two gaps respaced next to ``two`` changed: shown deleted
    # and inserted with it, and counted
    assert redline("one two three four.", "one  too  three  four.") == (
        "one<del> two </del><ins>  too  </ins>three<del> </del><ins>  </ins>four."
    )
    assert redline("We collect your data here.", "We gather  your  data  here.") == (
        "We <del>collect </del><ins>gather  </ins>your<del> </del><ins>  </ins>data"
        "<del> </del><ins>  </ins>here."
    )
    stats = variorum.compare("one two three four.", "one  too  three  four.").stats
    assert (stats.words_inserted, stats.words_deleted) == (1, 1)
    # a word that differs only in what the options ignore is no change either
    assert redline("one two three four.", "one  twO  three  four.", ignore_case=True) == (
        "one<del> </del><ins>  </ins>twO<del> </del><ins>  </ins>three<del> </del><ins>  </ins>"
        "four."
    )
    assert redline("Keep one two three.", "Keep one  TWO  three.", ignore_case=True) == (
        "Keep one<del> </del><ins>  </ins>TWO<del> </del><ins>  </ins>three."
    )
    # words kept between two real edits with their spacing unchanged stay folded
    assert redline("the spirit of respect", "the  sphere of security") == (
        "the<del> spirit of respect</del><ins>  sphere of security</ins>"
    )


def test_a_word_between_changed_marks_stays_kept(redline: Redline) -> None:
    # only marks changed around a word: the core's cleanup folded it into them, and
    # the word read (and counted) as deleted and inserted
    assert redline("**Entheogens**", "Entheogens") == "<del>**</del>Entheogens<del>**</del>"
    assert redline("Under the law (DMCA) you may ask.", "Under the law DMCA you may ask.") == (
        "Under the law <del>(</del>DMCA<del>)</del> you may ask."
    )
    assert redline("(each, a “**Coin**”).", '(each, a "Coin").') == (
        '(each, a <del>“**</del><ins>"</ins>Coin<del>**”</del><ins>"</ins>).'
    )
    stats = variorum.compare("* Tracking. If you use it.", "* **Tracking.** If you use it.").stats
    assert (stats.words_inserted, stats.words_deleted) == (0, 0)
    # a word that changed is still shown replaced
    assert redline("**Bold** words", "Bold terms") == (
        "<del>**Bold** words</del><ins>Bold terms</ins>"
    )
