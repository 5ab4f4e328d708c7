"""Options of the comparison, each documented with its unit and its effect.

There are no silent heuristics: every threshold that changes a comparison of two
Documents is here. One engine constant bounds work only: ``unfold.SEARCHED_GAP``
decides which stretches are searched again for kept runs, and was measured on the
corpus not to change what is found. How a file is read into a Document (plain text's
hard-wrap rule in ``ingest/text.py``, PDF layout in ``ingest/pdf_layout.py``) has its
own named constants, documented where they are defined.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from variorum.errors import UsageError

ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "with",
        "which",
        "who",
        "will",
    ]
)
"""The default ``CompareOptions.function_words``: short English words that, standing
alone between two edits, carry no meaning of their own."""


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How two Documents are compared."""

    ignore_case: bool = False
    """Treat ``Article`` and ``article`` as the same word."""
    ignore_whitespace: bool = False
    """Treat any run of whitespace as equal to any other, or to none between tokens."""
    ignore_punctuation: bool = False
    """Treat punctuation as absent when comparing: ``States;`` equals ``States``. A mark
    between two digits is part of a number and still compared: ``1.5%`` is not ``15%``."""
    fold_typography: bool = False
    """Treat curly quotes, dashes, non-breaking and other spaces as their ASCII forms."""
    ignore_links: bool = False
    """Do not report links whose visible text is unchanged but whose target changed
    (tracking parameters, moved pages)."""
    ignore_images: bool = False
    """Do not report images whose alternative text is unchanged but whose source
    changed (a CDN's signature parameters, but also a picture replaced), and leave
    pictures without alternative text (``variorum.pictures.PICTURE``) out of the
    compared texts: only the words of a page are compared. An image's alternative
    text stays text."""
    blocks_only: bool = False
    """Align blocks but do not diff words inside changed ones: each changed block is
    reported as replaced whole."""
    similarity_threshold: float = 0.5
    """Two blocks inside the same gap between unchanged ones are paired as one edited
    block when at least this fraction (0-1) of their words align (word-level Indel ratio)."""
    pair_lone_blocks: bool = True
    """A gap between unchanged blocks that holds exactly one old and one new block is
    read as that block edited, however different (a date or an agenda line rewritten),
    rather than as a deletion plus an insertion, when the two are of one kind and
    alike in size (``lone_block_ratio``) and short (under ``containment_min_words``
    words) or at least ``pair_floor`` alike; else they pair only as any other blocks
    do. A lone block facing a lone block between two edited pairs inside a larger
    gap is paired too, but only at ``pair_floor`` or above."""
    lone_block_ratio: float = 3.0
    """The lone old and new block of a gap pair whatever their words (see
    ``pair_lone_blocks``) only if neither body is more than this many times as long as
    the other, in characters: a four-word date line facing a 45-word notice is a
    deletion and an insertion, not one line rewritten."""
    pair_floor: float = 0.15
    """No two blocks are shown as one edited block ("changed") below this word
    similarity (0-1, word-level Indel ratio), except the lone pair of a gap that
    ``pair_lone_blocks`` promises; below it they are a deletion and an insertion.
    0.15 keeps a line rewritten around one or two of its words (the Code of Conduct's
    agenda line ``Item 93 of the provisional agenda`` → ``Agenda item 91``: 0.17) and
    drops blocks that share nothing (two unrelated list items of the Facebook
    Community Guidelines: 0.0)."""
    pair_kept_words: int = 1
    """Two blocks paired inside a gap (by ``similarity_threshold``,
    ``containment_threshold``, ``pair_lone_blocks``, or grown into a split or merge) are
    shown as one edited block only if their redline keeps at least this many words of
    their text unchanged (a numbering label kept, ``(a)``, ``3.``, is none); else they
    are a deletion and an insertion. WhatsApp's privacy policy put
    "We keep Authentication Information for the lifetime of your account." where "Legal
    Obligations And Issues. For example, we also keep your information …" stood: 0.16
    alike by scattered words (``we``, ``keep``, ``information``), all of them replaced in
    the redline, which would read as one paragraph rewritten. (One or two kept words,
    on the corpus, are mostly a provision reworded around them.) Two kinds of pair keep
    their row whatever the redline keeps: short lines, the shorter under
    ``containment_min_words`` words and the longer at most ``lone_block_ratio`` times
    as long, in words or in characters (a date ``April 2019`` → ``March 2023``, the
    agenda line ``Item 93 of the provisional agenda (A/66/150)`` → ``Agenda item 91``, a
    heading reworded in its place); and blocks alike but for letter case, which the
    word diff does not ignore (``ignore_case``): at least ``similarity_threshold``
    alike, or sharing a run of ``kept_run_words`` words (a clause in capitals
    rewritten in sentence case). 0 keeps every pair."""
    containment_threshold: float = 0.5
    """Two blocks inside a gap are also paired, though less than
    ``similarity_threshold`` alike, when at least this fraction (0-1) of the shorter
    one's words align with the longer one, in order (longest common subsequence over
    the shorter length), and they are at least ``pair_floor`` alike: a paragraph cut
    into a list, a provision rewritten around its old words. A split or merge grows
    by a neighbouring block when that block brings this fraction of the words still
    unmatched on the other side (or of its own words): a trimmed paragraph merged
    into the next. A heading is not paired so with a block of another kind (its few
    words stand in many paragraphs), and the words of meaning must bear their share
    (``meaning_share``)."""
    meaning_share: float = 0.5
    """A block counts as held in another (``containment_threshold``) only if the share
    of its words of meaning (its words less ``function_words``) found there, in
    order, is at least this fraction of the share of all its words found there:
    "takes pleasure in the suffering of the deceased" is five eighths inside a notice
    on the death of a user by ``in the … of the deceased``, one quarter by its words
    of meaning (0.4 of five eighths). A lone pair of a gap (``pair_lone_blocks``) of
    which one block is over ``lone_block_ratio`` times as long as the other must
    likewise be ``pair_floor`` alike in its words of meaning."""
    containment_min_words: int = 8
    """Blocks are paired, or a split or merge grown, by containment only when the
    words it measures number at least this many: a short heading is found inside too
    many paragraphs by chance."""
    anchor_min_words: int = 3
    """A block serves as a unique anchor of the alignment only if its body holds at
    least this many words with a letter in them; numbers alone (a footnote mark
    ``85``, a page number) and one- or two-word lines carry too little information to
    force an alignment, and would make everything around them look moved. Such
    blocks are still matched in order between anchors. Blocks of fewer words than
    this pair by similarity inside a larger gap only at ``move_similarity``: two
    headings sharing one of their two words are alike by chance. Not so a table row
    whose cells all stand, as they read and in order, among the cells of the other:
    a row that gained or lost a column (``sid | 1`` → ``sid | 1 | first party``,
    0.67 alike) is that row changed."""
    move_min_words: int = 3
    """A block counts as moved on its own only if it holds at least this many words;
    shorter equal blocks (``Yes.``, a lone number) are too common to be evidence of a
    move. A shorter one moves only with a moved block beside it at both ends (a heading
    with its section), equal, or of one kind and ``similarity_threshold`` alike (a
    heading renamed with its section moved: ``Payments`` → ``Payments and refunds``;
    so too a longer block, under ``move_similarity``, beside both ends of a move)."""
    move_similarity: float = 0.7
    """An edited block is paired with one elsewhere in the document (moved and changed)
    when at least this fraction (0-1) of their words align, or when this fraction of
    the shorter one's words (at least ``containment_min_words``) align with the other
    and they are ``similarity_threshold`` alike (moved and grown or trimmed). 0.7
    takes the WhatsApp paragraph moved and edited at 0.73. Blocks of fewer than
    ``anchor_min_words`` words pair inside a larger gap only at this similarity too."""
    move_over_pair_margin: float = 0.25
    """A pair made inside a gap below ``move_similarity`` is undone, its blocks shown
    as a move and an insertion or deletion, only when one of its blocks is this much
    more alike (word similarity, 0-1) to a block left unpaired elsewhere: a paragraph
    moved and edited (0.94 alike) while a new one sharing common words (0.5) took its
    place. Near-copies such as two tables of contents' entries (0.67 against 0.77)
    stay paired where they stand. So too inside a gap, where the more alike pair is of
    two blocks each the other's best candidate: two weak pairs (0.64 and 0.5) summed do
    not outweigh the real pair (0.93) they cross. Inside a gap, two blocks each the other's closest
    at ``move_similarity`` are shown as a move rather than paired each with a weaker
    block in place when the move, counted this much less, keeps more: two like clauses
    (0.7 alike) that swapped places are one moved, not each rewritten into the other;
    of readings that keep as much, the one that moves fewer words (a line of five
    words moved past a paragraph of fifty edited in place is the line moved)."""
    sentence_move_words: int = 6
    """A whole sentence deleted in one block and inserted, word for word, in another
    (or at another place of the same paragraph) is shown as moved when it holds at
    least this many words and occurs once among each version's changes
    (``variorum.compare.moved_sentences``); a shorter one (``Learn more.``) is too common to be
    evidence of a move."""
    max_pair_candidates: int = 8
    """Candidates weighed per block when pairing edited blocks inside a gap: the most
    alike few of each old and of each new block. A table of a thousand rows, each
    with a new price, makes every row a candidate of every other (a million pairs);
    the in-order pairing of highest total then weighs eight thousand, not a million,
    and takes the time of the scoring (seconds, not tens of seconds)."""
    max_similarity_cells: int = 4_000_000
    """Block pairs scored at most when pairing edited blocks in one gap (old blocks x new
    blocks). Above it, each old block is scored only against the new blocks near its
    proportional position, so that a rewrite of a whole large document stays fast."""
    max_similarity_work: int = 200_000_000
    """Word comparisons (old words x new words, summed over the block pairs scored)
    spent at most on pairing edited blocks in one gap, or on the search for moved and
    edited ones. Above it, each old block is scored only against the new blocks
    nearest its proportional position, fewer the longer the blocks: about a tenth of
    a second of work, so that two unrelated texts of many long paragraphs stay fast.
    (Over the 4,718 corpus pairs, one redline differs from ten times this bound: a
    policy cut from 4,514 blocks to 252.)"""
    max_gap_words: int = 20_000
    """A gap whose blocks match nothing one by one is compared as a whole (one split,
    merge or rewritten passage) only if each side holds at most this many words; a
    larger one is left as deleted and inserted blocks. Comparing it as a whole costs
    the product of the two sides' words; 20,000 words (about forty pages) is far
    beyond any paragraph cut into pieces in the corpus."""
    max_repeated_gap: int = 2_000
    """A gap with no block unique on both sides (repeated blocks only) is matched by a
    longest common subsequence of whole blocks only up to this many blocks a side (a
    quadratic step); a larger one is left to the similarity pairing."""
    diff_effort: int = 30
    """How hard the word diff of one aligned pair searches, in steps of its search per
    token of the pair (both sides). A pair whose minimal diff would take more (only a
    long passage rewritten nearly throughout, or two unrelated texts) settles for a
    coarser result: what the search did not reach is replaced whole, and then cut
    around the clauses both versions share (``variorum.compare.unfold``). The bound is on
    work, not time, so the result is the same on every machine."""
    diff_effort_min_tokens: int = 10_000
    """The length, in tokens, ``diff_effort`` counts for a pair at the least: every pair
    of up to half this many tokens a side gets its minimal diff, however unlike."""
    kept_run_words: int = 4
    """An identical run of at least this many words standing between two edits is a
    *kept run*: never folded into a replacement, and cut out of one that the diff's
    cleanup folded it into (``variorum.compare.unfold``), as is a run holding a sentence end,
    a line break or a web address standing in the text (not a Markdown link's
    ``](address)``: ``cleanup.WEB_ADDRESS``). Words kept on either side of a mark that
    changed count together: ``[-Digital Millennium Copyright Act (-]DMCA[-)-] or
    similar laws``. Shorter runs (``of the``) read better inside one replaced phrase
    than as confetti; four words are a clause the reader must see kept."""
    kept_run_repeats: int = 64
    """Where no run of ``kept_run_words`` occurs as often in both sides of a
    replacement, the least repeated shared runs are cut out at their nearest copy; runs
    repeated more often than this (boilerplate) are not searched, at a quadratic cost
    for a guess."""
    function_words: frozenset[str] = ENGLISH_FUNCTION_WORDS
    """Words (casefolded) that carry no meaning of their own between two replaced
    phrases: a run of at most ``function_word_run`` of them standing alone between two
    replacements is folded into one replaced phrase (``[-spirit-]{+sphere+} of
    [-mutual respect-]{+information security+}`` reads as one phrase replaced). English
    by default; give the function words of the documents' language, or none."""
    function_word_run: int = 2
    """At most this many ``function_words`` are folded between two replacements; 0
    folds none."""
    content_word_reach: int = 8
    """A replacement of at most this many words a side is cut around the words of
    meaning (not ``function_words``) its two sides share once each, in an order both
    share: where the minimal diff could keep ``or`` or ``glorifying``, the reader sees
    ``promoting[- or-]{+,+} glorifying {+or providing instructions for+}``, not the
    phrase replaced whole. Longer replacements are rewrites, where a lone shared word
    is chance; 0 cuts none."""
    fold_markup: bool = True
    """An identical run between two edits that holds nothing but markup (a link's
    address, an HTML tag such as ``<br>``, emphasis or heading marks, a mail address or
    domain: ``cleanup.MARKUP``) and fewer than ``kept_run_words`` words is folded
    into one replacement, so that a changed address in a link reads
    ``[-[legal@spotify.com](mailto:legal@spotify.com)-]{+tounotice@spotify.com+}``,
    not as confetti around a shared ``@spotify.com``.
    A word of prose (letters outside such markup), a sentence end or a web address
    standing in the text (a kept run, ``kept_run_words``) is never folded."""
    merge_reach: int = 2
    """How many blocks past its end a split or merge grows in one step: 2 lets it reach
    over one deleted or inserted block between its pieces (shown deleted or inserted
    inside the merged row)."""
    diff_timeout: float = 2.0
    """Seconds the word diff of one aligned pair may take, only where Variorum runs
    without its compiled core (installed without a C compiler), and only for a pair of
    more than half ``diff_effort_min_tokens`` tokens a side (a shorter one gets its
    minimal diff, as from the compiled core): the C++ port it then uses can only be
    bounded by time, and under a limit it also takes diff-match-patch's half-match
    shortcut, so there, and only there, the result can be coarser, the more so on a
    slower machine. 0 means no limit."""

    def __post_init__(self) -> None:
        for name in (
            "similarity_threshold",
            "move_similarity",
            "move_over_pair_margin",
            "pair_floor",
            "containment_threshold",
            "meaning_share",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise UsageError(f"option {name} must be between 0 and 1, not {value}")
        for name in ("function_word_run", "content_word_reach", "pair_kept_words"):
            if getattr(self, name) < 0:
                raise UsageError(f"option {name} must be at least 0, not {getattr(self, name)}")
        words = self.function_words
        if isinstance(words, str) or not all(isinstance(word, str) for word in words):
            raise UsageError("option function_words must be a collection of words")
        object.__setattr__(self, "function_words", frozenset(w.casefold() for w in words))
        if self.lone_block_ratio < 1.0:
            ratio = self.lone_block_ratio
            raise UsageError(f"option lone_block_ratio must be at least 1, not {ratio}")
        for name in (
            "move_min_words",
            "containment_min_words",
            "anchor_min_words",
            "diff_effort",
            "diff_effort_min_tokens",
            "kept_run_words",
            "kept_run_repeats",
            "merge_reach",
            "sentence_move_words",
        ):
            if getattr(self, name) < 1:
                raise UsageError(f"option {name} must be at least 1, not {getattr(self, name)}")

    @property
    def normalizes(self) -> bool:
        """Whether any option makes texts that differ compare as equal."""
        return (
            self.ignore_case
            or self.ignore_whitespace
            or self.ignore_punctuation
            or self.fold_typography
        )

    def with_changes(self, **changes: Any) -> CompareOptions:
        """A copy with some options replaced; unknown names are a UsageError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise UsageError(f"unknown comparison option(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON values."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


SWITCHES = (
    "ignore_case",
    "ignore_whitespace",
    "ignore_punctuation",
    "fold_typography",
    "ignore_links",
    "ignore_images",
    "blocks_only",
)
"""The options every front end offers as on/off switches, in this order: the command
line's flags (``--ignore-case``), the API's query parameters (``?ignore_case=1``)."""


def _plain(value: Any) -> Any:
    """An option's value as JSON has it: a set of words as a sorted list."""
    return sorted(value) if isinstance(value, frozenset) else value


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much time and memory reading one file may take.

    Files from strangers are parsed by large C libraries (PDFium, libxml2): a
    1 KB PDF can inflate to gigabytes, a crafted page can keep PDFium busy for
    minutes. ``variorum.load`` and ``parse_bytes`` therefore parse in a child
    process held to these limits; a file that passes one is refused with an
    InputError, and the calling process is unharmed.

    >>> ReadLimits(seconds=5).seconds
    5.0
    """

    seconds: float | None = 120.0
    """Wall-clock seconds that reading one file (parsing included) may take before
    it is stopped and the file refused; None for no limit."""
    memory_mb: int | None = 3072
    """Megabytes of memory (address space, ``RLIMIT_AS``) the child reading one file
    may take beyond what the calling process held; over it the file is refused.
    Enforced on Linux; None for no limit."""
    isolated: bool = True
    """Parse in a child process, which both limits need. False parses in the calling
    process without them: for trusted input only (and where there is no ``fork``)."""

    def __post_init__(self) -> None:
        if self.seconds is not None:
            if not 0 < self.seconds < math.inf:
                raise UsageError(f"the time limit must be a positive number, not {self.seconds}")
            object.__setattr__(self, "seconds", float(self.seconds))
        if self.memory_mb is not None and self.memory_mb < 1:
            raise UsageError(f"the memory limit must be at least 1 MB, not {self.memory_mb}")
