"""Block keys and word similarity: what alignment compares blocks by.

A block's key is its body (label excluded) normalized by the options, so equal keys
mean "the same provision". Similarity is the word-level Indel ratio (the share of
words in a longest common subsequence), computed by rapidfuzz's compiled core on
words mapped to single characters.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence

from variorum.compiled import twins
from variorum.document import (
    BODY_END,
    BODY_START,
    KINDS,
    PICTURE,
    RECORD,
    BlockKind,
    Blocks,
    Document,
    Span,
)
from variorum.options import CompareOptions
from variorum.tokens import WORD_PATTERN, count_words

_PUNCTUATION = re.compile(rf"(?<!\d)[^\w\s{PICTURE}]+|[^\w\s{PICTURE}]+(?!\d)")
"""Punctuation ``ignore_punctuation`` drops: all but a mark between two digits, which is
part of a number (``1.5%`` is not ``15%``, nor ``3.1`` ``31``, nor ``1,000`` ``1000``).
A picture without alternative text (``PICTURE``) is no punctuation: it stays."""
_SPACES = re.compile(r"\s+")
TYPOGRAPHY = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2008": " ", "\u205f": " ", "\u3000": " ", "\u200b": "", "\u2026": "...",
    }
)  # fmt: skip
"""Typographic characters and their plain forms, for ``fold_typography``."""


def normalize(text: str, options: CompareOptions) -> str:
    """``text`` as the options compare it: folded, case-folded, without punctuation
    or whitespace differences, as asked."""
    if options.fold_typography:
        text = text.translate(TYPOGRAPHY)
    if options.ignore_case:
        text = text.casefold()
    if options.ignore_punctuation:
        text = _PUNCTUATION.sub("", text)
    if options.ignore_whitespace:
        text = _SPACES.sub("", text)
    return text


class BlockKeys:
    """Keys and word strings of the blocks of two Documents."""

    def __init__(self, old: Document, new: Document, options: CompareOptions) -> None:
        self.docs = (old, new)
        self.options = options
        self.old = _keys(old, options)
        self.new = _keys(new, options)
        self._codes: dict[str, str] = {}
        self._function_codes: dict[int, None] = {}  # (``_meaning``)
        # compiled, or rapidfuzz's, imported when first scored (``word_similarity``)
        self._similarity = twins.word_similarity or word_similarity
        self._common = twins.common_words or common_words
        self._strings: tuple[list[str | None], list[str | None]] = (
            [None] * len(old.blocks),
            [None] * len(new.blocks),
        )  # ``words`` of each block, once made
        self._unmade = [len(old.blocks), len(new.blocks)]  # how many are None yet
        self._scores: dict[tuple[int, int], float] = {}  # ``block_score``s, once made
        self._ends: dict[tuple[int, int], tuple[int, str, str, int]] = {}
        """Pairs read by their identical ends (``read_by_ends``): how many words the
        start holds, the ``words`` of the rest of each body, how many the end holds."""
        self._counted: tuple[dict[int, int], dict[int, int]] = ({}, {})  # (``read_by_ends``)

    def words(self, side: int, index: int) -> str:
        """The block's words, each as one character (for similarity scoring)."""
        found = self._strings[side][index]
        if found is None:
            encode = twins.encode_words or encode_words
            body = next(self._bodies(side, (index,)))
            found = self._strings[side][index] = encode(body, self._codes)
            self._unmade[side] -= 1
        return found

    def words_of(self, side: int, blocks: Sequence[int]) -> list[str]:
        """The ``words`` of each of ``blocks``, in one pass (two unrelated documents
        need those of 90,000 blocks, several times)."""
        strings = self._strings[side]
        found = list(map(strings.__getitem__, blocks))
        if self._unmade[side] and None in found:  # (once all are made, not looked for)
            missing = [index for index, words in zip(blocks, found, strict=True) if words is None]
            doc = self.docs[side]
            encode = twins.encode_bodies or encode_bodies
            made = encode(doc.text, doc.blocks.records, missing, BODY_START, BODY_END, RECORD,
                          self._codes)  # fmt: skip
            for index, words in zip(missing, made, strict=True):
                strings[index] = words
            self._unmade[side] -= len(set(missing))
            found = list(map(strings.__getitem__, blocks))
        return found  # type: ignore[return-value]  # each made above

    def read_by_ends(self, olds: Sequence[int], news: Sequence[int]) -> None:
        """Reads each pair of old block ``olds[k]`` and new block ``news[k]`` by its
        identical ends: the words of the rest of each body are made, those of the ends
        only counted (an edited paragraph keeps most of its words; a large document
        edited in places has thousands). No word crosses the edge of an end (where
        whitespace meets other text: ``common_ends``), so each body's words are the
        start's, the rest's and the end's, and the pair's common words (their longest
        common subsequence) are the ends' and the rests' common ones: its
        ``block_score`` and word counts are those its full ``words`` give."""
        (old, new), (old_counts, new_counts) = self.docs, self._counted
        read = twins.read_ends or read_ends  # (the twin: no Python step a pair)
        read(old.text, new.text, old.blocks.records, new.blocks.records, olds, news,
             self._codes, self._ends, old_counts, new_counts)  # fmt: skip

    def _bodies(self, side: int, blocks: Sequence[int]) -> Iterator[str]:
        """The case-folded bodies of ``blocks`` (``folded_bodies``): what their words are
        read from."""
        doc = self.docs[side]
        return folded_bodies(doc.text, doc.blocks.records, blocks, BODY_START, BODY_END, RECORD)

    def word_count(self, side: int, index: int) -> int:
        """How many words the block's body holds."""
        words = self._strings[side][index]
        if words is None and index in self._counted[side]:
            return self._counted[side][index]  # read by its ends, its words not made
        return len(self.words(side, index) if words is None else words)

    def word_counts(self, side: int, blocks: Sequence[int]) -> list[int]:
        """The ``word_count`` of each of ``blocks``, read in one loop (a document edited
        in places asks for those of thousands of blocks, several times)."""
        strings, counted = self._strings[side], self._counted[side]
        return [
            len(words) if (words := strings[index]) is not None
            else counted[index] if index in counted
            else len(self.words(side, index))
            for index in blocks
        ]  # fmt: skip

    def score(self, old_run: Sequence[int], new_run: Sequence[int]) -> float:
        """Word similarity (0-1) of the joined old blocks and the joined new blocks."""
        if len(old_run) == 1 and len(new_run) == 1:
            return self.block_score(old_run[0], new_run[0])
        old = "".join(self.words(0, i) for i in old_run)
        new = "".join(self.words(1, j) for j in new_run)
        return float(self._similarity(old, new))

    def block_score(self, i: int, j: int) -> float:
        """``score`` of old block ``i`` against new block ``j``, kept: asked again when
        pairs are weighed."""
        found = self._scores.get((i, j))
        if found is None:
            found = self._scores[i, j] = float(self._similarity(*self._scored_words(i, j)))
        return found

    def block_scores(self, olds: Sequence[int], news: Sequence[int]) -> list[float]:
        """The ``block_score`` of each old block ``olds[k]`` against new block
        ``news[k]``, those not yet kept made in one pass: a document edited in places
        makes thousands of gaps of one block a side, each scored."""
        pairs = list(zip(olds, news, strict=True))
        scores = self._scores
        for pair in dict.fromkeys(pairs):
            if pair not in scores:
                scores[pair] = float(self._similarity(*self._scored_words(*pair)))
        return list(map(scores.__getitem__, pairs))

    def _scored_words(self, i: int, j: int) -> tuple[str, str]:
        """Two word strings as alike as old block ``i`` and new block ``j``: their
        ``words``, or for a pair read by its ends, the rests between as many filler
        characters as the ends hold words (below U+0100: no word's code), which have
        the same lengths and the same common words."""
        ends = self._ends.get((i, j))
        if ends is None:
            return self.words(0, i), self.words(1, j)
        start_words, old_rest, new_rest, end_words = ends
        start, end = "\0" * start_words, "\1" * end_words
        return start + old_rest + end, start + new_rest + end

    def containment(self, old_run: Sequence[int], new_run: Sequence[int]) -> float:
        """The share (0-1) of the shorter side's words that align with the other side,
        in order: 1.0 when one side is all inside the other (a split, a merge)."""
        old = "".join(self.words(0, i) for i in old_run)
        new = "".join(self.words(1, j) for j in new_run)
        return _containment(self._common(old, new), len(old), len(new))

    def heading_against_other(self, i: int, j: int) -> bool:
        """Whether one of old block ``i`` and new block ``j`` is a heading and the other
        is not: a heading whose few words stand in a paragraph (``What We Collect``
        in ``Any data we collect is used…``) is not that paragraph cut or merged."""
        old_kind = KINDS[self.docs[0].blocks.form_of(i)[0]]
        new_kind = KINDS[self.docs[1].blocks.form_of(j)[0]]
        return (old_kind is BlockKind.HEADING) != (new_kind is BlockKind.HEADING)

    def meaningfully_alike(self, i: int, j: int) -> bool:
        """Whether old block ``i`` and new block ``j``, if one is over
        ``lone_block_ratio`` times as long as the other, are ``pair_floor`` alike in
        their words of meaning (less ``function_words``): the longer a block, the
        more of a short one's ``in the … of the`` it holds by chance. Blocks alike in
        size need no such test (``meaning_share``)."""
        options = self.options
        shorter, longer = sorted((self.word_count(0, i), self.word_count(1, j)))
        if longer <= options.lone_block_ratio * max(shorter, 1):
            return True
        old, new = self._meaning(self.words(0, i)), self._meaning(self.words(1, j))
        return float(self._similarity(old, new)) >= options.pair_floor

    def held_by_meaning(self, old: str, new: str, containment: float) -> bool:
        """Whether the shorter of two word strings (``words``), found ``containment``
        inside the other, is found there by its words of meaning too: their share
        at least ``meaning_share`` of ``containment``."""
        old, new = self._meaning(old), self._meaning(new)
        found = _containment(self._common(old, new), len(old), len(new))
        return found >= self.options.meaning_share * containment

    def _meaning(self, words: str) -> str:
        """A word string (``words``) without its function words."""
        if not self._function_codes:  # each function word given its code once, now
            codes = self._codes
            for word in self.options.function_words:
                if word not in codes:
                    codes[word] = _code_point(len(codes))
            self._function_codes = {ord(codes[word]): None for word in self.options.function_words}
        return words.translate(self._function_codes)

    def common(self, old_run: Sequence[int], new_run: Sequence[int]) -> int:
        """How many words of the joined old and new blocks align, in order (their
        longest common subsequence)."""
        old = "".join(self.words(0, i) for i in old_run)
        new = "".join(self.words(1, j) for j in new_run)
        return int(self._common(old, new))

    def total_words(self, side: int, blocks: Sequence[int]) -> int:
        """How many words the blocks hold together."""
        return sum(self._counts(side, blocks))

    def with_words(self, side: int, blocks: Sequence[int], least: int) -> list[int]:
        """Those of ``blocks`` (of ``side``) that hold at least ``least`` words."""
        counts = self._counts(side, blocks)
        return [index for index, n in zip(blocks, counts, strict=True) if n >= least]

    def _counts(self, side: int, blocks: Sequence[int]) -> Iterator[int]:
        """The word count of each block, in the interpreter's C loops (a gap between two
        unrelated documents holds tens of thousands of blocks, summed several times)."""
        return map(len, self.words_of(side, blocks))

    def anchorable(self, options: CompareOptions) -> tuple[bytes, bytes]:
        """Per block of each side, 1 if it may serve as a unique anchor: at least
        ``options.anchor_min_words`` words with a letter (see ``letter_words``)."""
        most = options.anchor_min_words
        return anchorable(self.docs[0], most), anchorable(self.docs[1], most)


def anchorable(doc: Document, most: int) -> bytes:
    """Per block, 1 if its body holds at least ``most`` words with a letter, else 0:
    numbers such as ``85`` or ``1.5`` do not count."""
    blocks = doc.blocks
    if twins.letter_words is not None:
        return twins.letter_words(doc.text, blocks.records, BODY_START, BODY_END, RECORD, most)
    starts, ends = blocks.column(BODY_START), blocks.column(BODY_END)
    return bytes(
        letter_words(doc.text, start, end, most) >= most
        for start, end in zip(starts, ends, strict=True)
    )


def letter_words(text: str, start: int, end: int, most: int) -> int:
    """How many words of ``text[start:end]`` hold a letter, counted up to ``most``.

    >>> letter_words("85 Terms of use, 1.5", 0, 20, 3)
    3
    >>> letter_words("85", 0, 2, 3)
    0
    """
    count = 0
    for match in WORD_PATTERN.finditer(text, start, end):
        if count >= most:
            break
        count += any(char.isalpha() for char in match.group())
    return count


def common_ends(old_text: str, old: Span, new_text: str, new: Span) -> tuple[int, int]:
    """Lengths of the identical start and end of the two spans, each cut back to a
    boundary between whitespace and other text, so that no token is split."""
    if twins.common_ends is not None:
        return twins.common_ends(old_text, old.start, old.end, new_text, new.start, new.end)
    a, b = old.of(old_text), new.of(new_text)
    limit = min(len(a), len(b))
    head = _shared(lambda n: a[:n] == b[:n], limit)
    tail = _shared(lambda n: a[len(a) - n :] == b[len(b) - n :], limit - head)
    while head > 0 and not (_boundary(a, head) and _boundary(b, head)):
        head -= 1
    while tail > 0 and not (_boundary(a, len(a) - tail) and _boundary(b, len(b) - tail)):
        tail -= 1
    return head, tail


def _common_ends(
    old_text: str, old_start: int, old_end: int, new_text: str, new_start: int, new_end: int
) -> tuple[int, int]:
    """``common_ends`` with the spans' bounds as numbers (as its compiled twin takes them)."""
    return common_ends(old_text, Span(old_start, old_end), new_text, Span(new_start, new_end))


def _shared(same: Callable[[int], bool], limit: int) -> int:
    """The largest n <= limit with same(n), by bisection (each test runs in C)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _boundary(text: str, at: int) -> bool:
    """Whether a token may start at ``at``: the text's ends, or where whitespace
    meets other text."""
    if at <= 0 or at >= len(text):
        return True
    return text[at - 1].isspace() != text[at].isspace()


def _containment(common: int, old_words: int, new_words: int) -> float:
    """Common words over the shorter side's words (0 when a side is empty)."""
    shorter = min(old_words, new_words)
    return common / shorter if shorter else 0.0


def _keys(doc: Document, options: CompareOptions) -> array[int]:
    """The hash of each block's normalized body: equal bodies have equal keys. Hashes,
    not copies of the text, keep memory low on large documents; two different bodies
    sharing a 64-bit hash (odds about 1 in 10^10 for 100,000 blocks) would only be
    paired and then diffed word by word, never reported equal."""
    text = doc.text
    if not options.normalizes:
        return _with_pictures(doc, body_hashes(text, doc.blocks), options)
    bodies = zip(doc.blocks.column(BODY_START), doc.blocks.column(BODY_END), strict=True)
    keys = array("q", [hash(normalize(text[start:end], options)) for start, end in bodies])
    return _with_pictures(doc, keys, options)


def _with_pictures(doc: Document, keys: array[int], options: CompareOptions) -> array[int]:
    """``keys``, those of blocks holding pictures without alternative text mixed with
    the pictures' sources: two image-only paragraphs are the same block only if they
    show the same picture (else a picture added before another reads as the other
    replaced, and the other added). With ``ignore_images``, the keys alone."""
    if options.ignore_images or not doc.pictures:
        return keys
    starts = doc.blocks.column(BODY_START)
    sources: dict[int, list[str]] = {}
    for picture in doc.pictures:
        block = bisect.bisect_right(starts, picture.span.start) - 1
        sources.setdefault(block, []).append(picture.target)
    for block, found in sources.items():
        keys[block] = hash((keys[block], *found))
    return keys


def similar_pairs(
    keys: BlockKeys,
    olds: list[int],
    news: list[int],
    threshold: float,
    options: CompareOptions,
    containment: float | None = None,
    floor: float = 0.0,
) -> list[tuple[float, int, int]]:
    """Pairs of old and new blocks at least ``threshold`` similar, best first (then
    nearest first, so that of equal candidates the nearest wins). With
    ``containment``, also pairs whose shorter block (of at least
    ``options.containment_min_words`` words) has that share of its words inside the
    other, if at least ``floor`` alike (so the longer block is at most a few times
    longer: a short block is found inside a long one by chance), ranked by their
    similarity among the rest.

    The cost is bounded (see ``_window``): past ``options.max_similarity_cells``
    pairs or ``options.max_similarity_work`` word comparisons, each old block is
    scored only against the new blocks near its proportional position in the gap.
    """
    queries, choices = keys.words_of(0, olds), keys.words_of(1, news)
    window = _window(keys, olds, news, options)
    lowest = threshold if containment is None else min(threshold, floor)
    scored = twins.window_commons or window_commons
    found: list[tuple[float, float, int, int]] = []
    for position, k, common in scored(queries, choices, window, lowest):
        i, j, query, choice = olds[position], news[k], queries[position], choices[k]
        score = 2 * common / (len(query) + len(choice))
        if score >= threshold or (
            containment is not None
            and score >= floor
            and min(len(query), len(choice)) >= options.containment_min_words
            and _held(keys, (i, j), (query, choice), common, containment)
        ):
            distance = abs(position / len(olds) - k / len(news))
            found.append((score, distance, i, j))
    found.sort(key=lambda item: (-item[0], item[1], item[2], item[3]))
    return [(score, i, j) for score, _, i, j in found]


def _held(
    keys: BlockKeys, pair: tuple[int, int], words: tuple[str, str], common: int, least: float
) -> bool:
    """Whether the shorter of two blocks' word strings (``words``) is at least ``least``
    inside the other (``common`` words aligned), the blocks not a heading and a
    paragraph (``heading_against_other``, asked of those only), by its words of meaning
    too."""
    query, choice = words
    found = _containment(common, len(query), len(choice))
    return (
        found >= least
        and not keys.heading_against_other(*pair)
        and keys.held_by_meaning(query, choice, found)
    )


def _window(keys: BlockKeys, olds: list[int], news: list[int], options: CompareOptions) -> int:
    """How many new blocks each old block is scored against: all of them, unless the
    gap passes ``max_similarity_cells`` block pairs or ``max_similarity_work`` word
    comparisons (the scorer's cost follows the product of the two blocks' words)."""
    if not olds or not news:
        return len(news)
    old_words = max(keys.total_words(0, olds), 1)
    new_words = max(keys.total_words(1, news), 1)
    cells = min(len(olds) * len(news), options.max_similarity_cells)
    work = old_words * new_words
    if work > options.max_similarity_work:
        cells = min(cells, int(len(olds) * len(news) * options.max_similarity_work / work))
    if cells >= len(olds) * len(news):
        return len(news)
    return max(1, cells // len(olds))


def window_commons(
    queries: list[str], choices: list[str], window: int, lowest: float
) -> list[tuple[int, int, int]]:
    """``(q, c, common)`` for each word string (``BlockKeys.words``) ``queries[q]`` and
    each of the ``window`` ``choices`` around its proportional place (``window_start``)
    that share ``common`` words in order (their longest common subsequence), at least
    one and enough for a word similarity ``2 * common / (len(query) + len(choice))`` of
    ``lowest``; by ``q``, then ``c``. The compiled twin scores without a call per pair.

    >>> window_commons(["abc", "xyz"], ["abd", "b", "zy"], 3, 0.4)
    [(0, 0, 2), (0, 1, 1), (1, 2, 1)]
    """
    from rapidfuzz.distance import LCSseq
    from rapidfuzz.process import extract

    found: list[tuple[int, int, int]] = []
    for q, query in enumerate(queries):
        if not query:
            continue
        # fewer than ``lowest * len(query) / 2`` common words cannot reach ``lowest``
        cutoff = max(1, int(lowest * len(query) / 2))
        first = window_start(q, len(queries), len(choices), window)
        subset = choices[first : first + window]
        for _, common, k in extract(
            query, subset, scorer=LCSseq.similarity, score_cutoff=cutoff, limit=None
        ):
            if 2 * common / (len(query) + len(subset[k])) >= lowest:
                found.append((q, first + k, int(common)))
    found.sort()
    return found


def window_start(q: int, queries: int, choices: int, window: int) -> int:
    """The first of the ``window`` choices that query ``q`` (of ``queries``) is scored
    against: centred on its proportional place among the ``choices``.

    >>> window_start(5, 10, 100, 8), window_start(9, 10, 100, 8), window_start(9, 10, 8, 8)
    (46, 86, 0)
    """
    if window >= choices:
        return 0
    centre = q * choices // queries
    return max(0, min(centre - window // 2, choices - window))


def encode_words(text: str, codes: dict[str, str]) -> str:
    """One character per word of ``text``; a word new to ``codes`` gets the next one."""
    out = []
    for word in WORD_PATTERN.findall(text):
        code = codes.get(word)
        if code is None:
            code = codes[word] = _code_point(len(codes))
        out.append(code)
    return "".join(out)


def encode_all_words(texts: Iterable[str], codes: dict[str, str]) -> list[str]:
    """``encode_words`` of each of ``texts``, sharing ``codes``. The compiled twin finds
    a word met before without making it a str again."""
    encode = twins.encode_words or encode_words
    return [encode(text, codes) for text in texts]


def encode_bodies(
    text: str,
    records: array[int],
    blocks: Sequence[int],
    start_column: int,
    end_column: int,
    stride: int,
    codes: dict[str, str],
) -> list[str]:
    """``encode_words`` of the case-folded body of each of ``blocks``, sharing ``codes``:
    a block's body is ``text[record[start_column]:record[end_column]]`` of its record
    of ``stride`` numbers in ``records``. The compiled twin folds each body as it
    reads it, with no str made for it.

    >>> codes = {}
    >>> [len(words) for words in encode_bodies("To be. TO BE", array("q", [0, 6, 7, 12]),
    ...                                        [1, 0], 0, 1, 2, codes)], len(codes)
    ([2, 2], 2)
    """
    bodies = folded_bodies(text, records, blocks, start_column, end_column, stride)
    return (twins.encode_all_words or encode_all_words)(bodies, codes)


def read_ends(
    old_text: str,
    new_text: str,
    old_records: array[int],
    new_records: array[int],
    olds: Sequence[int],
    news: Sequence[int],
    codes: dict[str, str],
    ends: dict[tuple[int, int], tuple[int, str, str, int]],
    old_counts: dict[int, int],
    new_counts: dict[int, int],
) -> None:
    """``BlockKeys.read_by_ends`` of two Documents' texts and block ``records``: for
    each pair of old block ``olds[k]`` and new block ``news[k]``, how many words the
    identical start of their case-folded bodies holds, the words (``codes``) of each
    rest, and how many the identical end holds, into ``ends``; each body's word count
    into ``old_counts`` and ``new_counts``. ``_matching.read_ends`` is the compiled
    twin.

    >>> from array import array
    >>> records = array("q", [1, 0, 9, 0, 9, -1, -1, 0])  # one block, "A b c d e"
    >>> ends, old_counts, new_counts = {}, {}, {}
    >>> read_ends("A b c d e", "a b x d e", records, records, [0], [0], {}, ends, old_counts,
    ...           new_counts)
    >>> [len(rest) for rest in ends[0, 0][1:3]], ends[0, 0][0::3], old_counts, new_counts
    ([1, 1], (2, 2), {0: 5}, {0: 5})
    """
    encode = twins.encode_words or encode_words
    ends_of, count = twins.common_ends or _common_ends, twins.count_words or count_words
    old_bodies = folded_bodies(old_text, old_records, olds, BODY_START, BODY_END, RECORD)
    new_bodies = folded_bodies(new_text, new_records, news, BODY_START, BODY_END, RECORD)
    for i, j, old, new in zip(olds, news, old_bodies, new_bodies, strict=True):
        old_end, new_end = len(old), len(new)
        head, tail = ends_of(old, 0, old_end, new, 0, new_end)
        start_words, end_words = count(old, 0, head), count(old, old_end - tail, old_end)
        old_rest = encode(old[head : old_end - tail], codes)
        new_rest = encode(new[head : new_end - tail], codes)
        ends[i, j] = (start_words, old_rest, new_rest, end_words)
        old_counts[i] = start_words + len(old_rest) + end_words
        new_counts[j] = start_words + len(new_rest) + end_words


def folded_bodies(
    text: str,
    records: array[int],
    blocks: Iterable[int],
    start_column: int,
    end_column: int,
    stride: int,
) -> Iterator[str]:
    """The case-folded body of each of ``blocks`` (as ``encode_bodies`` reads them), one
    at a time, as they are asked: a gap's bodies together would hold all its text."""
    return (
        text[records[at + start_column] : records[at + end_column]].casefold()
        for at in map(stride.__mul__, blocks)
    )


def shares_run(old_words: str, new_words: str, size: int) -> bool:
    """Whether two word strings (``encode_words``) share a run of ``size`` words.

    >>> shares_run("abcde", "xbcdy", 3), shares_run("abcde", "xbcdy", 4)
    (True, False)
    """
    runs = {old_words[k : k + size] for k in range(len(old_words) - size + 1)}
    return any(new_words[k : k + size] in runs for k in range(len(new_words) - size + 1))


def word_similarity(old_words: str, new_words: str) -> float:
    """The word similarity (0-1, word-level Indel ratio) of two word strings
    (``encode_words``), as ``BlockKeys.score`` has it. ``_matching.word_similarity`` is
    the compiled twin: with it, a comparison loads no rapidfuzz (9 ms of a fresh
    process).

    >>> word_similarity("abcd", "abxd")
    0.75
    """
    # imported when first asked: ``import variorum`` loads no library (a command that
    # compares nothing, such as ``annotations list``, needs none)
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(old_words, new_words))


def common_words(old_words: str, new_words: str) -> int:
    """How many words two word strings (``encode_words``) share in order: their longest
    common subsequence. ``_matching.common_words`` is the compiled twin.

    >>> common_words("abcde", "xbdey")
    3
    """
    from rapidfuzz.distance import LCSseq  # (as ``word_similarity``)

    return int(LCSseq.similarity(old_words, new_words))


def _code_point(number: int) -> str:
    """A distinct character per word, skipping the surrogate range."""
    number += 0x100
    if number >= 0xD800:
        number += 0x800
    return chr(number)


def body_hashes(text: str, blocks: Blocks) -> array[int]:
    """A 64-bit hash of each block's body: equal bodies, equal hashes."""
    if twins.span_hashes is not None:
        return twins.span_hashes(text, blocks.records, BODY_START, BODY_END, RECORD)
    return span_hashes(text, blocks.column(BODY_START), blocks.column(BODY_END))


def span_hashes(text: str, starts: Sequence[int], ends: Sequence[int]) -> array[int]:
    """A 64-bit hash of each ``text[start:end]``: equal texts, equal hashes (compiled,
    without a copy of each text, when the package was built with it)."""
    if twins.span_hashes is None:
        return array("q", [hash(text[start:end]) for start, end in zip(starts, ends, strict=True)])
    records = array("q", bytes(16 * len(starts)))
    records[0::2], records[1::2] = array("q", starts), array("q", ends)
    return twins.span_hashes(text, records, 0, 1, 2)
