"""A large synthetic pair, built deterministically from the corpus.

    latest versions --reader text, concatenated, cycled--> ~1,000,000 words, one
    labelled paragraph "(n) ..." per line --edits, moves, renumbering--> new side

Edits are clustered: each cluster replaces, deletes or inserts 1 to 8 consecutive
words of one paragraph (words drawn from the corpus itself), until about 1% of the
words are edited. Moved paragraphs are taken out and put back far away (at least a
tenth of the document); renumbered paragraphs get the next number as their label,
their text unchanged. Paragraphs chosen for moves and renumbering get no edits, so
each kind of change stays what it is. The same seed always gives the same pair.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path

from corpus import CACHE, latest_versions
from variorum.ingest import parse_markdown, parse_text

SEED = 20240601
CLUSTER_WORDS = (1, 8)
"""Smallest and largest number of words one edit cluster touches."""
MAX_LABEL = 999
"""Labels run (1) to (999), as provisions are numbered within one document."""
MIN_EDITED_WORDS = 8
"""Only paragraphs of at least this many words are edited: headings rarely are."""
MIN_MOVED_WORDS = 20
"""Only paragraphs of at least this many words are moved: a move of a heading is noise."""


@dataclass(frozen=True, slots=True)
class LargePair:
    """The two sides on disk, canonical, and what was done to make the new one."""

    old_path: Path
    new_path: Path
    words: int
    """Words (whitespace-separated) of the old side."""
    edited_words: int
    moved: int
    renumbered: int


def large_pair(
    words: int = 1_000_000,
    edit_rate: float = 0.01,
    moves: int = 20,
    renumbers: int = 10,
    cache: Path = CACHE,
) -> LargePair:
    """The pair for these parameters, built once and kept in the cache."""
    stem = f"large-{words}-{edit_rate}-{moves}-{renumbers}-{SEED}"
    old_path, new_path = cache / f"{stem}-old.txt", cache / f"{stem}-new.txt"
    paragraphs = _paragraphs(words)
    rng = random.Random(SEED)
    new, edited, moved, renumbered = _edit(paragraphs, edit_rate, moves, renumbers, rng)
    if not (old_path.exists() and new_path.exists()):
        cache.mkdir(parents=True, exist_ok=True)
        for path, lines in ((old_path, paragraphs), (new_path, new)):
            text = parse_text("\n".join(lines)).text
            path.write_text(text, encoding="utf-8", newline="\n")
    total = sum(len(line.split()) for line in paragraphs)
    return LargePair(old_path, new_path, total, edited, moved, renumbered)


def _paragraphs(words: int) -> list[str]:
    """Reader text of the latest versions, cycled until ``words``, each paragraph
    labelled ``(n)``, numbered from 1 in each document (restarting after 999, the
    largest number a label holds)."""
    documents = [
        [line for line in parse_markdown(text).text.splitlines() if line.strip()]
        for _, text in latest_versions()
    ]
    out: list[str] = []
    count = 0
    for document in itertools.cycle(documents):
        if count >= words:
            break
        for number, line in enumerate(document):
            out.append(f"({number % MAX_LABEL + 1}) {line}")
            count += len(out[-1].split())
            if count >= words:
                break
    return out


def _edit(
    paragraphs: list[str], edit_rate: float, moves: int, renumbers: int, rng: random.Random
) -> tuple[list[str], int, int, int]:
    """The new side's paragraphs, and how many words were edited, moved, renumbered."""
    total = sum(len(line.split()) for line in paragraphs)
    vocabulary = sorted({word for line in paragraphs[:5000] for word in line.split()[1:]})
    long_ones = [i for i, line in enumerate(paragraphs) if len(line.split()) >= MIN_MOVED_WORDS]
    chosen = rng.sample(long_ones, moves + renumbers)
    to_move, to_renumber = chosen[:moves], chosen[moves:]
    untouchable = set(chosen)
    lines = list(paragraphs)
    for index in to_renumber:
        label, rest = lines[index].split(" ", 1)
        lines[index] = f"({int(label[1:-1]) % MAX_LABEL + 1}) {rest}"
    edited = 0
    while edited < edit_rate * total:
        index = rng.randrange(len(lines))
        words = lines[index].split(" ")
        if index in untouchable or len(words) < MIN_EDITED_WORDS:
            continue
        size = rng.randint(*CLUSTER_WORDS)
        start = rng.randrange(1, len(words))  # never the label
        stop = min(start + size, len(words))
        kind = rng.choice(("replace", "replace", "delete", "insert"))
        fresh = [rng.choice(vocabulary) for _ in range(size)]
        if kind == "replace":
            words[start:stop] = fresh[: stop - start]
            edited += stop - start
        elif kind == "delete":
            del words[start:stop]
            edited += stop - start
        else:
            words[start:start] = fresh
            edited += size
        lines[index] = " ".join(words)
    taken = [(index, lines[index]) for index in sorted(to_move)]
    for index, _ in reversed(taken):
        del lines[index]
    span = len(lines) // 10
    for index, line in taken:
        target = (index + span + rng.randrange(len(lines) - 2 * span)) % len(lines)
        lines.insert(target, line)
    return lines, edited, moves, renumbers
