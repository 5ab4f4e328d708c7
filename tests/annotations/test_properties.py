"""Properties of anchoring and carrying on random texts and random edits.

Texts are paragraphs of distinct random words; an annotation covers a run of them.
Edits elsewhere must leave it attached to the same words; edits inside it must be
reported (changed, or orphaned by anchoring), never silently attached elsewhere.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from variorum.annotations.anchor import AnchorMethod, anchor
from variorum.annotations.carry import CarryStatus, carry
from variorum.annotations.model import CONTEXT_CHARS, Annotation, Target
from variorum.compare import compare
from variorum.comparison import Comparison
from variorum.document import Span
from variorum.ingest import parse_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass
class Draft:
    """A text as words, with the annotated run marked; edits keep track of it."""

    words: list[str]
    marked: list[bool]

    def text(self) -> str:
        return " ".join(self.words) + ".\n"

    def marked_words(self) -> list[str]:
        return [word for word, flag in zip(self.words, self.marked, strict=True) if flag]

    def span(self) -> Span:
        """The marked words' span in ``text()``."""
        first = self.marked.index(True)
        last = len(self.marked) - 1 - self.marked[::-1].index(True)
        start = sum(len(word) + 1 for word in self.words[:first])
        end = start + len(" ".join(self.words[first : last + 1]))
        return Span(start, end)


@st.composite
def annotated(draw: st.DrawFn, lengths: tuple[int, int] = (4, 9)) -> tuple[Draft, list[str]]:
    """A draft of 20-60 distinct words with a marked run, and spare distinct words."""
    word = st.text(alphabet=string.ascii_lowercase, min_size=lengths[0], max_size=lengths[1])
    pool = draw(st.lists(word, min_size=40, max_size=80, unique=True))
    count = draw(st.integers(20, len(pool) - 10))
    first = draw(st.integers(0, count - 1))
    last = draw(st.integers(first, min(count - 1, first + 8)))
    marked = [first <= index <= last for index in range(count)]
    return Draft(pool[:count], marked), pool[count:]


def edit_outside(draw: st.DrawFn, draft: Draft, spare: list[str], guard: int) -> None:
    """Replace, insert or delete one word at least ``guard`` words away from the run
    (an insertion right next to it is outside it: nothing tells the two apart)."""
    marked = [i for i, flag in enumerate(draft.marked) if flag]
    before = range(max(0, marked[0] - guard))
    after = range(marked[-1] + 1 + guard, len(draft.words))
    positions = [*before, *after]
    if not positions:
        return
    at = draw(st.sampled_from(positions))
    kind = draw(st.sampled_from(["replace", "insert", "delete"]))
    if kind == "replace":
        draft.words[at] = spare.pop()
    elif kind == "insert":
        place = at if at < marked[0] else at + 1
        draft.words.insert(place, spare.pop())
        draft.marked.insert(place, False)
    else:
        del draft.words[at], draft.marked[at]


def edit_inside(draw: st.DrawFn, draft: Draft, spare: list[str]) -> None:
    """Replace a word of the run, insert one between two of its words, or delete one
    of its words (never the last remaining)."""
    marked = [i for i, flag in enumerate(draft.marked) if flag]
    kinds = ["replace"] + (["insert", "delete"] if len(marked) > 1 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "replace":
        draft.words[draw(st.sampled_from(marked))] = spare.pop()
    elif kind == "insert":
        place = draw(st.sampled_from(marked[1:]))
        draft.words.insert(place, spare.pop())
        draft.marked.insert(place, True)
    else:
        at = draw(st.sampled_from(marked))
        del draft.words[at], draft.marked[at]


@st.composite
def edited_elsewhere(draw: st.DrawFn, guard: int) -> tuple[Draft, Draft]:
    draft, spare = draw(annotated())
    new = Draft(list(draft.words), list(draft.marked))
    for _ in range(draw(st.integers(1, 6))):
        edit_outside(draw, new, spare, guard)
    return draft, new


@st.composite
def edited_inside(draw: st.DrawFn) -> tuple[Draft, Draft]:
    draft, spare = draw(annotated())
    new = Draft(list(draft.words), list(draft.marked))
    for _ in range(draw(st.integers(1, 3))):
        edit_inside(draw, new, spare)
    assume(new.marked_words() != draft.marked_words())  # edits may undo each other
    return draft, new


def note_on(draft: Draft) -> Annotation:
    document = parse_text(draft.text(), version="old")
    return Annotation("urn:x", Target.from_span(document, draft.span()))


CONTEXT_WORDS = CONTEXT_CHARS // 5 + 1
"""Words that surely cover a quote's stored context (words here have 4+ letters)."""


@SETTINGS
@given(edited_elsewhere(guard=CONTEXT_WORDS))
def test_edits_beyond_the_context_never_move_an_anchor(pair: tuple[Draft, Draft]) -> None:
    old, new = pair
    result = anchor(note_on(old).target, new.text())  # type: ignore[arg-type]
    assert result.method in (AnchorMethod.POSITION, AnchorMethod.QUOTE)
    assert result.span == new.span()


@SETTINGS
@given(edited_elsewhere(guard=0))
def test_edits_next_to_a_passage_anchor_it_or_orphan_it_never_elsewhere(
    pair: tuple[Draft, Draft],
) -> None:
    old, new = pair
    result = anchor(note_on(old).target, new.text())  # type: ignore[arg-type]
    assert result.orphaned or result.span == new.span()


@SETTINGS
@given(edited_inside())
def test_edits_inside_a_passage_are_reported_never_hidden(pair: tuple[Draft, Draft]) -> None:
    old, new = pair
    result = anchor(note_on(old).target, new.text())  # type: ignore[arg-type]
    assert result.method in (AnchorMethod.FUZZY, AnchorMethod.ORPHANED)
    if result.span is not None:
        assert overlaps(result.span, new.span())


@SETTINGS
@given(edited_elsewhere(guard=0))
def test_carried_passages_keep_their_words_whatever_changes_around_them(
    pair: tuple[Draft, Draft],
) -> None:
    old, new = pair
    (carried,) = carry([note_on(old)], compare_drafts(old, new))
    assert carried.status is CarryStatus.INTACT
    assert carried.new == new.span()
    assert carried.new_text == carried.old_text


@SETTINGS
@given(edited_inside())
def test_carried_passages_edited_inside_are_changed_in_place(pair: tuple[Draft, Draft]) -> None:
    old, new = pair
    (carried,) = carry([note_on(old)], compare_drafts(old, new))
    assert carried.status in (CarryStatus.CHANGED, CarryStatus.DELETED)
    assert carried.new is not None and carried.new_text != carried.old_text
    region = new.span()
    widened = Span(region.start - 1, region.end + 1)  # the spaces either side
    assert widened.start <= carried.new.start and carried.new.end <= widened.end


def compare_drafts(old: Draft, new: Draft) -> Comparison:
    return compare(parse_text(old.text(), version="old"), parse_text(new.text(), version="new"))


def overlaps(one: Span, other: Span) -> bool:
    return (one.start < other.end and other.start < one.end) or one == other


@st.composite
def documents_edited_elsewhere(draw: st.DrawFn) -> tuple[list[str], list[str], int, Span]:
    """Paragraphs of distinct words, one word run marked in paragraph ``k``; other
    paragraphs edited, deleted, inserted or moved. Returns the old and new paragraphs,
    the marked paragraph's index in the new list, and the run's span inside it."""
    word = st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=9)
    pool = draw(st.lists(word, min_size=124, max_size=160, unique=True))  # 24 spare: 4 inserts
    spare = pool[100:]
    old = [" ".join(pool[i : i + 10]) + "." for i in range(0, 100, 10)]
    k = draw(st.integers(0, len(old) - 1))
    first = draw(st.integers(0, 8))
    last = draw(st.integers(first, 9))
    start = sum(len(w) + 1 for w in pool[k * 10 : k * 10 + first])
    run = Span(start, start + len(" ".join(pool[k * 10 + first : k * 10 + last + 1])))
    new = list(old)
    marked = old[k]
    for _ in range(draw(st.integers(1, 4))):
        others = [i for i, text in enumerate(new) if text != marked]
        kind = draw(st.sampled_from(["edit", "delete", "insert", "move"]))
        at = draw(st.sampled_from(others))
        if kind == "edit":
            words = new[at].rstrip(".").split()
            words[draw(st.integers(0, len(words) - 1))] = spare.pop()
            new[at] = " ".join(words) + "."
        elif kind == "delete" and len(others) > 1:
            del new[at]
        elif kind == "insert":
            new.insert(at, " ".join(spare.pop() for _ in range(6)) + ".")
        else:
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(at))
    return old, new, new.index(marked), run


@SETTINGS
@given(documents_edited_elsewhere())
def test_passages_keep_their_words_when_other_paragraphs_change(
    case: tuple[list[str], list[str], int, Span],
) -> None:
    old, new, where, run = case
    old_doc = parse_text("\n\n".join(old) + "\n", version="old")
    new_doc = parse_text("\n\n".join(new) + "\n", version="new")
    k = next(i for i, text in enumerate(old) if text == new[where])
    old_start = sum(len(text) + 2 for text in old[:k])
    span = Span(old_start + run.start, old_start + run.end)
    note = Annotation("urn:x", Target.from_span(old_doc, span))
    (carried,) = carry([note], compare(old_doc, new_doc))
    new_start = sum(len(text) + 2 for text in new[:where])
    assert carried.status in (CarryStatus.INTACT, CarryStatus.MOVED)
    assert carried.new == Span(new_start + run.start, new_start + run.end)
    assert carried.new_text == carried.old_text
