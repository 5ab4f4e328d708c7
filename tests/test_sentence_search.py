"""The search for sentences that moved between blocks finds the same moves whatever
separates a sentence from its neighbours, and whatever characters the edits hold."""

from __future__ import annotations

import importlib

import pytest

import variorum

moved_sentences = importlib.import_module("variorum.compare.moved_sentences").moved_sentences

KEPT = "Authenticity is the cornerstone of our community."
ONE = "We remove spam and fake accounts every day."
TWO = "We work with the police when there is a risk."
THREE = "We review reports from people who use our services."


@pytest.mark.parametrize("space", [" ", "  ", "\t", "\u00a0", "\u3000"])
def test_a_sentence_moved_to_another_paragraph_is_found_after_any_space(space: str) -> None:
    old = f"{ONE}{space}{KEPT}\n\n{TWO}\n\n{THREE}"
    comparison = variorum.compare(old, f"{ONE}\n\n{TWO}\n\n{THREE}{space}{KEPT}")
    (move,) = comparison.text_moves
    assert (move.old_row, move.new_row) == (0, 2)
    assert move.new.of(comparison.new.text) == KEPT
    assert comparison.stats.words_moved == 7


def test_a_sentence_moved_among_many_unrelated_edits_is_found_once() -> None:
    # many deleted and inserted sentences that share nothing, and one that moved
    removed = [f"Old clause {number} binds the first party alone." for number in range(40)]
    added = [f"New rule {number} applies to every member state." for number in range(40)]
    old = "\n\n".join([*removed[:20], f"{ONE} {KEPT}", *removed[20:], TWO])
    new = "\n\n".join([*added[:20], ONE, *added[20:], f"{TWO} {KEPT}"])
    comparison = variorum.compare(old, new)
    assert [move.old.of(comparison.old.text) for move in comparison.text_moves] == [KEPT]


def test_an_edit_holding_a_nul_character_does_not_hide_a_move() -> None:
    # documents hold no NUL (ingest drops it), which the search uses between edits:
    # a text handed to it directly with one is searched edit by edit instead
    old = f"{ONE} Zero tolerance applies here. {KEPT}\n\n{TWO}\n\n{THREE}"
    comparison = variorum.compare(old, f"{ONE}\n\n{TWO}\n\n{THREE} {KEPT}")
    with_nul = comparison.old.text.replace("Zero", "\x00ero")
    moves = moved_sentences(comparison.rows, with_nul, comparison.new.text, comparison.options)
    assert [move.old.of(with_nul) for move in moves] == [KEPT]
