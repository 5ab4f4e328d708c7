"""Anchoring: finding an annotation's passage in a version of the document.

Cheap selectors first, each verified by the quote:

1. ``position``: the stored offsets still hold the quoted words;
2. ``quote``: the quoted words, found exactly elsewhere, told apart by their prefix
   and suffix (and, for a tie, by nearness to the old position);
3. ``fuzzy``: the quote found approximately, within an error budget proportional to
   its length: the passage is there but its words changed;
4. ``orphaned``: nothing fits well enough, or several places fit equally. An orphan
   is reported, never attached to a guessed passage.

>>> from variorum.annotations.model import Target
>>> from variorum.ingest import parse_text
>>> old = parse_text("(b) Not to use information weapons.")
>>> target = Target.from_quote(old, "information weapons")
>>> anchor(target, parse_text("Each State pledges:\\n(b) Not to use information weapons.")).span
Span(start=35, end=54)
>>> anchor(target, parse_text("(2) Not to use information and other weapons.")).method.value
'orphaned'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from variorum.annotations.match_quote import (
    MIN_CONTEXT_AGREEMENT,
    SELF_EVIDENT_CHARS,
    context_agreement,
    match_quote,
    same_boundaries,
)
from variorum.annotations.model import Annotation, ChangeTarget, Target, TextQuoteSelector
from variorum.document import Document, Span


class AnchorMethod(StrEnum):
    """How a passage was found, from the most to the least certain."""

    POSITION = "position"
    """The stored offsets still hold the quoted words."""
    QUOTE = "quote"
    """The quoted words were found, exactly, at other offsets."""
    FUZZY = "fuzzy"
    """Words close to the quote were found: the passage changed."""
    ORPHANED = "orphaned"
    """No passage fits: the annotation is not shown on this version."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where one target's passage stands in a version, and how sure that is."""

    target: Target
    """The target anchored."""
    span: Span | None
    """The passage in the version's text; None for an orphan."""
    method: AnchorMethod
    """How it was found."""
    errors: int = 0
    """Character edits between the quote and the passage found (fuzzy only)."""

    @property
    def orphaned(self) -> bool:
        """Whether no passage was found."""
        return self.span is None

    @property
    def changed(self) -> bool:
        """Whether the passage was found but its words differ from the quote."""
        return self.method is AnchorMethod.FUZZY


def anchor(target: Target, document: Document | str) -> Anchor:
    """Find ``target``'s passage in ``document`` (a Document or its text)."""
    text = document if isinstance(document, str) else document.text
    quote, position = target.quote, target.position
    if position is not None:
        span = position.to_span(text)
        if span is not None and span.of(text) == quote.exact and _context_holds(quote, text, span):
            return Anchor(target, span, AnchorMethod.POSITION)
    hint = position.start if position is not None else None
    found = match_quote(text, quote.exact, quote.prefix, quote.suffix, hint)
    if found is None:
        return Anchor(target, None, AnchorMethod.ORPHANED)
    method = AnchorMethod.QUOTE if found.errors == 0 else AnchorMethod.FUZZY
    return Anchor(target, found.span, method, found.errors)


def anchor_annotation(
    annotation: Annotation, documents: Mapping[str, Document]
) -> tuple[Anchor, ...]:
    """Anchor each side of an annotation in the version it names: one Anchor for a
    passage, two (old, new) for a change. A missing version raises KeyError."""
    target = annotation.target
    sides = (target.old, target.new) if isinstance(target, ChangeTarget) else (target,)
    return tuple(anchor(side, documents[side.version]) for side in sides)


def _context_holds(quote: TextQuoteSelector, text: str, span: Span) -> bool:
    """Whether the words at the old offsets are the annotated ones, not the same short
    words that edits elsewhere happened to shift there. An empty quote (one side of an
    insertion) must sit exactly between its prefix and suffix."""
    if not quote.exact:
        return text[: span.start].endswith(quote.prefix) and text[span.end :].startswith(
            quote.suffix
        )
    if not same_boundaries(text, span, quote.exact, quote.prefix, quote.suffix):
        return False
    if len(quote.exact) >= SELF_EVIDENT_CHARS:
        return True
    return context_agreement(text, quote.prefix, quote.suffix, span) >= MIN_CONTEXT_AGREEMENT
