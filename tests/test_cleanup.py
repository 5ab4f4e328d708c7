"""Cleanup passes, in the redline's own notation."""

from collections.abc import Callable

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


def test_content_words_between_edits_stay_visible(redline: Redline) -> None:
    assert redline("one red apple here", "one green apple there") == (
        "one <del>red</del><ins>green</ins> apple <del>here</del><ins>there</ins>"
    )
