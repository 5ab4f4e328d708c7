"""Finding a quoted passage in a text that may have changed since it was quoted.

Exact occurrences are tried first; only when there is none is the quote matched
approximately, with an error budget proportional to its length. Every candidate is
scored by weighted evidence (the quote, its prefix, its suffix), and a candidate is
accepted only when that evidence is strong enough and no other candidate has as
much; the old position only breaks ties. A quote that cannot be told apart is not
found, rather than attached to the wrong passage.

>>> text = "States shall cooperate. States shall not interfere.\\n"
>>> match_quote(text, "States shall", suffix=" not").span
Span(start=24, end=36)
>>> match_quote(text, "States shall") is None  # twice, and nothing tells which
True
>>> match_quote(text, "States shal not interfere").errors
1
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from variorum.document import Span

QUOTE_WEIGHT = 50.0
"""Weight of the quote's own similarity: the main evidence."""
PREFIX_WEIGHT = 20.0
"""Weight of the agreement of the text before a candidate with the stored prefix."""
SUFFIX_WEIGHT = 20.0
"""Weight of the agreement of the text after a candidate with the stored suffix."""

MAX_ERROR_RATE = 0.2
"""Error budget of an approximate match: one edited character in five of the quote.
Larger budgets start to find other sentences built from the same legal phrases."""
FUZZY_MIN_CHARS = 10
"""Quotes shorter than this are only ever matched exactly: a budget of one or two
errors on a two-word quote makes it match unrelated words."""
MIN_CONTEXT_AGREEMENT = 0.8
"""A candidate must agree this well (0-1, see ``context_agreement``) with the stored
prefix and suffix to be accepted, unless its quote is self-evident."""
SELF_EVIDENT_CHARS = 32
"""A quote matching this many characters (about five words) in a single place is
accepted even when its context was rewritten: such a phrase rarely recurs by chance."""
AMBIGUITY_MARGIN = 0.05
"""Candidates whose evidence (0-1) is within this of the best are its rivals: unless
one of them has its quote and context intact, or their evidence is identical and the
old position chooses, the quote is reported as not found (see ``_unrivalled``)."""
INDEXED_TEXTS = 4
"""Word indexes of this many recently searched texts are kept, so that anchoring many
annotations on one version indexes it once (about 4 MiB for 100,000 words)."""
_WORD = re.compile(r"\w+")
"""A word, as quotes' boundaries are judged: letters, digits and ``_`` of any script."""
_SAME = 1e-9
"""Scores closer than this are equal (floating-point noise)."""
LOCAL_SEARCH_CHARS = 2000
"""An approximate match is first sought within this many characters of the old
position (most passages stay near where they were) before the whole text."""


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote was found and how well it matched."""

    span: Span
    """The matched text."""
    errors: int
    """Edits (Levenshtein) between the quote and the matched text; 0 for exact."""
    score: float
    """Weighted evidence of the quote, its prefix and its suffix, 0-1."""


def match_quote(
    text: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    only: Callable[[Span], bool] | None = None,
) -> QuoteMatch | None:
    """The best acceptable match of ``exact`` in ``text``, or None if there is none or
    several that the context cannot tell apart. ``hint`` is the old start offset;
    ``only``, if given, says which places may hold the passage (others are ignored)."""
    if not exact:
        return _match_point(text, prefix, suffix, hint)
    spans = _exact_spans(text, exact, prefix, suffix)
    if spans:
        spans = [span for span in spans if only is None or only(span)]
        return _choose(text, exact, prefix, suffix, hint, spans) if spans else None
    if occurrences(text, exact):
        return None  # only inside longer words now: the quoted words themselves are gone
    if len(exact) < FUZZY_MIN_CHARS:
        return None
    return _match_fuzzy(text, exact, prefix, suffix, hint, only or _anywhere)


def _anywhere(_span: Span) -> bool:
    return True


def _exact_spans(text: str, exact: str, prefix: str, suffix: str) -> list[Span]:
    """Exact occurrences at the same word boundaries as where the quote was taken.

    The quote's rarest whole word is looked up in an index of the text's words, and
    only its occurrences are checked, instead of scanning the text for the quote."""
    index = _word_starts(text)
    whole = [
        word
        for word in _WORD.finditer(exact)
        if (word.start() > 0 or not _joins(prefix[-1:], exact[:1]))
        and (word.end() < len(exact) or not _joins(exact[-1:], suffix[:1]))
    ]
    if whole:
        rarest = min(whole, key=lambda word: len(index.get(word.group(), ())))
        found = (at - rarest.start() for at in index.get(rarest.group(), ()))
        starts = [start for start in found if start >= 0 and text.startswith(exact, start)]
    else:
        starts = occurrences(text, exact)
    spans = [Span(start, start + len(exact)) for start in starts]
    return [span for span in spans if same_boundaries(text, span, exact, prefix, suffix)]


@lru_cache(maxsize=INDEXED_TEXTS)
def _word_starts(text: str) -> dict[str, list[int]]:
    """Each word of ``text`` with its start offsets (built once per text)."""
    index: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        index.setdefault(match.group(), []).append(match.start())
    return index


def forget_indexes() -> None:
    """Drop the word indexes kept for the last texts searched (see ``INDEXED_TEXTS``)."""
    _word_starts.cache_clear()


def _match_point(text: str, prefix: str, suffix: str, hint: int | None) -> QuoteMatch | None:
    """An empty quote (one side of an insertion) is where its prefix meets its suffix."""
    joined = prefix + suffix
    if not joined:
        return None
    spans = [Span(at + len(prefix), at + len(prefix)) for at in occurrences(text, joined)]
    return _choose(text, "", prefix, suffix, hint, spans) if spans else None


def occurrences(text: str, exact: str) -> list[int]:
    """Start offsets of every occurrence of ``exact`` in ``text``, overlapping ones too."""
    starts, at = [], text.find(exact)
    while at >= 0:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def _match_fuzzy(
    text: str, exact: str, prefix: str, suffix: str, hint: int | None, only: Callable[[Span], bool]
) -> QuoteMatch | None:
    """The approximate match: near the old position first, else in the whole text,
    where the best match elsewhere on either side of it is its rival."""
    budget = int(len(exact) * MAX_ERROR_RATE)
    if hint is not None:
        near = min(max(0, hint), len(text))  # the old offset may lie past a shorter text
        window = Span(max(0, near - LOCAL_SEARCH_CHARS), min(len(text), near + LOCAL_SEARCH_CHARS))
        local = _nearest_fuzzy(text, exact, budget, window)
        if local is not None and only(local):
            found = _choose(text, exact, prefix, suffix, hint, [local])
            if found is not None:
                return found
    best = _nearest_fuzzy(text, exact, budget, Span(0, len(text)))
    if best is None or not only(best):
        return None
    rivals = [
        _nearest_fuzzy(text, exact, budget, Span(0, best.start)),
        _nearest_fuzzy(text, exact, budget, Span(best.end, len(text))),
    ]
    spans = [best, *(rival for rival in rivals if rival is not None and only(rival))]
    return _choose(text, exact, prefix, suffix, hint, spans)


def _nearest_fuzzy(text: str, exact: str, budget: int, within: Span) -> Span | None:
    """The span of ``within`` closest to ``exact``, if within ``budget`` edits."""
    if len(within) < len(exact) - budget:
        return None
    if len(within) <= len(exact):
        rough = within
    else:
        # Indel similarity counts a substitution twice: allow two budgets here and let
        # the Levenshtein distance below decide.
        cutoff = 100.0 * (1 - 2 * budget / len(exact))
        hit = fuzz.partial_ratio_alignment(exact, within.of(text), score_cutoff=cutoff)
        if hit is None:
            return None
        rough = Span(within.start + hit.dest_start, within.start + hit.dest_end)
    span = _refine(text, exact, rough, budget, within)
    return span if Levenshtein.distance(exact, span.of(text)) <= budget else None


def _refine(text: str, exact: str, rough: Span, budget: int, within: Span) -> Span:
    """Fit the ends of a quote-sized hit, so that insertions and deletions inside the
    quote are covered: the start with the fewest edits within ``budget`` characters of
    the hit's (the end left generous), then the end with the fewest edits for it.
    (A global alignment of the quote against a widened window would not do: it may
    spread the window's extra characters inside the quote instead of at its ends.)"""
    far_end = min(within.end, rough.end + budget)
    first = max(within.start, rough.start - budget)
    starts = range(first, max(first, min(rough.start + budget, far_end)) + 1)
    start = min(
        starts,
        key=lambda at: (Levenshtein.distance(exact, text[at:far_end]), abs(at - rough.start)),
    )
    ends = range(max(start, rough.end - budget), far_end + 1)
    end = min(
        ends,
        key=lambda at: (Levenshtein.distance(exact, text[start:at]), abs(at - start - len(exact))),
    )
    return Span(start, end)


def _choose(
    text: str, exact: str, prefix: str, suffix: str, hint: int | None, spans: list[Span]
) -> QuoteMatch | None:
    """Score candidates; accept the best if its evidence suffices and is unrivalled."""
    scored = [_score(text, exact, prefix, suffix, span) for span in spans]
    best = _unrivalled(scored, hint)
    if best is None:
        return None
    if context_agreement(text, prefix, suffix, best.span) >= MIN_CONTEXT_AGREEMENT:
        return best
    self_evident = len(exact) - best.errors >= SELF_EVIDENT_CHARS
    return best if self_evident and len(scored) == 1 else None


def _unrivalled(scored: list[QuoteMatch], hint: int | None) -> QuoteMatch | None:
    """The candidate the evidence singles out, or None.

    Candidates within ``AMBIGUITY_MARGIN`` of the best are rivals. A single one with
    its quote and context intact wins over rivals that differ; rivals that differ
    from each other by a little cannot be told apart (None); only identical evidence
    (the same words in the same context, twice) is left to the old position.
    """
    top = max(match.score for match in scored)
    rivals = [match for match in scored if top - match.score < AMBIGUITY_MARGIN]
    tied = [match for match in rivals if match.score >= 1.0 - _SAME]
    if not tied:
        tied = [match for match in rivals if top - match.score < _SAME]
        if len(rivals) > len(tied):
            return None
    if len(tied) == 1:
        return tied[0]
    if hint is None:
        return None
    tied.sort(key=lambda match: abs(match.span.start - hint))
    nearest, second = (abs(match.span.start - hint) for match in tied[:2])
    return tied[0] if nearest < second else None


def _score(text: str, exact: str, prefix: str, suffix: str, span: Span) -> QuoteMatch:
    found = span.of(text)
    errors = 0 if found == exact else Levenshtein.distance(exact, found)
    quote = 1.0 - errors / max(1, len(exact))
    before, after = _context_sides(text, prefix, suffix, span)
    total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT
    score = (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * before + SUFFIX_WEIGHT * after) / total
    return QuoteMatch(span, errors, score)


def same_boundaries(text: str, span: Span, exact: str, prefix: str, suffix: str) -> bool:
    """Whether ``span`` starts and ends at word boundaries where the quote did: a quote
    of a whole word must not be found inside a longer one (``aid`` in ``said``)."""
    if _joins(prefix[-1:], exact[:1]) != _joins(text[span.start - 1 : span.start], exact[:1]):
        return False
    return _joins(exact[-1:], suffix[:1]) == _joins(exact[-1:], text[span.end : span.end + 1])


def _joins(left: str, right: str) -> bool:
    """Whether two characters belong to one word."""
    return bool(left and right and _WORD.match(left) and _WORD.match(right))


def context_agreement(text: str, prefix: str, suffix: str, span: Span) -> float:
    """How well (0-1) the text around ``span`` agrees with a stored prefix and suffix,
    weighted by their lengths: two agreeing characters of a short suffix at the end of
    a document do not outweigh a rewritten 32-character prefix."""
    if not prefix and not suffix:
        return 1.0
    before, after = _context_sides(text, prefix, suffix, span)
    return (before * len(prefix) + after * len(suffix)) / (len(prefix) + len(suffix))


def _context_sides(text: str, prefix: str, suffix: str, span: Span) -> tuple[float, float]:
    """Similarity (0-1) of the text around ``span`` to the stored prefix and suffix;
    an absent prefix or suffix is no evidence against, so it counts as agreeing."""
    before = 1.0
    if prefix:
        seen = text[max(0, span.start - len(prefix)) : span.start]
        before = Levenshtein.normalized_similarity(prefix, seen)
    after = 1.0
    if suffix:
        after = Levenshtein.normalized_similarity(suffix, text[span.end : span.end + len(suffix)])
    return before, after
