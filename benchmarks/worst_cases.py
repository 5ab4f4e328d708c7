"""The worst-case inputs of issue 13, generated deterministically into the cache.

    example vocabulary --seeded random words--> dissimilar pairs (two layouts, two sizes)
    corpus documents --even / odd, cycled--> two unrelated 1,000,000-word documents
    corpus words --one line--> a huge paragraph --every ~5th word, phrases swapped--> its rewrite
    the large pair (synthetic.py) --as built, CRLF, trailing spaces, no-break spaces, NFD-->

Nothing generated is committed: each case is written once under ``.cache/worst/`` and
reused; the same seeds always give the same bytes.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus import CACHE, latest_versions
from synthetic import large_pair
from variorum.tokens import WORD_PATTERN

WORST = CACHE / "worst"
EXAMPLE = Path(__file__).resolve().parent.parent / "src" / "variorum" / "examples" / "icoc"
SEEDS = (1301, 1302)
"""Seeds of the old and the new side."""
SHORT_LINES = (5, 40)
"""Words a line in the layout without blank lines (many short blocks)."""
LONG_LINES = (150, 400)
"""Words a line in the long-line layout (fewer, long blocks: the whole-gap similarity)."""
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Case:
    """One worst case: two files and what they are."""

    name: str
    what: str
    old: Path
    new: Path

    @property
    def bytes(self) -> int:
        return self.old.stat().st_size + self.new.stat().st_size


def cases(scale: float = 1.0) -> list[Case]:
    """Every case, built if missing. ``scale`` shrinks the sizes for a smoke run."""
    out: list[Case] = []
    for old_mb, new_mb in ((1, 2), (10, 20)):
        for layout, words in (("short lines", SHORT_LINES), ("long lines", LONG_LINES)):
            out.append(_dissimilar(old_mb * scale, new_mb * scale, layout, words))
    out.append(_unrelated(int(1_000_000 * scale)))
    out.append(_paragraph(int(200_000 * scale), int(1_000_000 * scale)))
    out += _variants(int(1_000_000 * scale))
    return out


def vocabulary() -> list[str]:
    """The distinct words of the built-in example (both versions), sorted."""
    words = {w for path in sorted(EXAMPLE.glob("*.txt")) for w in WORD_PATTERN.findall(_read(path))}
    return sorted(words)


def _dissimilar(old_mb: float, new_mb: float, layout: str, words: tuple[int, int]) -> Case:
    slug = f"dissimilar-{old_mb:g}-{new_mb:g}-{layout.replace(' ', '-')}"
    paths = _paths(slug)
    if not all(path.exists() for path in paths):
        vocab = vocabulary()
        for path, size, seed in zip(paths, (old_mb, new_mb), SEEDS, strict=True):
            _write(path, _random_lines(vocab, int(size * MB), words, random.Random(seed)))
    what = (
        f"random words of the example's vocabulary, {old_mb:g} MB against {new_mb:g} MB, "
        f"lines of {words[0]}–{words[1]} words, no blank lines"
    )
    return Case(f"dissimilar {old_mb:g} MB / {new_mb:g} MB, {layout}", what, *paths)


def _random_lines(vocab: list[str], size: int, words: tuple[int, int], rng: random.Random) -> str:
    lines: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rng.choices(vocab, k=rng.randint(*words)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def _unrelated(words: int) -> Case:
    paths = _paths(f"unrelated-{words}")
    if not all(path.exists() for path in paths):
        documents = [text for _, text in latest_versions()]
        for path, half in zip(paths, (documents[0::2], documents[1::2]), strict=True):
            _write(path, _cycled(half, words))
    what = (
        f"the latest versions of the corpus's even-numbered documents against the "
        f"odd-numbered ones (Markdown), each cycled to {words:,} words"
    )
    return Case(f"unrelated documents, {words:,} words each", what, *paths)


def _cycled(documents: list[str], words: int) -> str:
    out: list[str] = []
    count = 0
    for text in itertools.cycle(documents):
        out.append(text)
        count += len(text.split())
        if count >= words:
            return "\n".join(out)
    raise AssertionError("unreachable")


def _paragraph(words: int, source_words: int) -> Case:
    paths = _paths(f"paragraph-{words}")
    if not all(path.exists() for path in paths):
        source = _read(large_pair(source_words).old_path).split()
        old = [w for w in source if not re.fullmatch(r"\(\d+\)", w)][:words]
        new = _rewrite(old, random.Random(SEEDS[0]))
        for path, text in zip(paths, (old, new), strict=True):
            _write(path, " ".join(text) + "\n")
    what = (
        f"one block of {words:,} corpus words on one line, against its rewrite: about every "
        "5th word replaced by another corpus word, and 1 in 500 phrases of 5–20 words "
        "swapped with another"
    )
    return Case(f"one paragraph of {words:,} words, rewritten", what, *paths)


def _rewrite(words: list[str], rng: random.Random) -> list[str]:
    vocab = sorted(set(words[:20_000]))
    new = [rng.choice(vocab) if rng.random() < 0.2 else word for word in words]
    for _ in range(len(words) // 2500):
        size = rng.randint(5, 20)
        a, b = sorted(rng.sample(range(len(new) - size), 2))
        if b - a >= size:
            new[a : a + size], new[b : b + size] = new[b : b + size], new[a : a + size]
    return new


_SHORT_WORD_SPACE = re.compile(r"\b(\w{1,3}) ")

VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "as built": ("as `synthetic.py` builds it (canonical already), for reference", str),
    "CRLF": ("every line break `\\r\\n`", lambda text: text.replace("\n", "\r\n")),
    "trailing spaces": (
        "two spaces before every line break (Markdown hard breaks)",
        lambda text: text.replace("\n", "  \n"),
    ),
    "no-break spaces": (
        "the space after every word of 1–3 letters a no-break space (U+00A0)",
        lambda text: _SHORT_WORD_SPACE.sub("\\1\u00a0", text),
    ),
    "NFD": (
        "decomposed accents: every `e` after `t` written `é` (so that there are accents), "
        "then the text in NFD",
        lambda text: unicodedata.normalize("NFD", text.replace("te", "té")),
    ),
}
"""Non-canonical forms of the large pair: (what, the transformation). Each rule reads
only the text itself, so lines equal on both sides stay equal."""


def _variants(words: int) -> list[Case]:
    pair = large_pair(words)
    out = []
    for name, (what, change) in VARIANTS.items():
        paths = _paths(f"large-{words}-{name.replace(' ', '-')}")
        if not all(path.exists() for path in paths):
            for path, source in zip(paths, (pair.old_path, pair.new_path), strict=True):
                _write(path, change(_read(source)))
        out.append(Case(f"large pair, {name}", f"the large pair ({words:,} words), {what}", *paths))
    return out


def _paths(slug: str) -> tuple[Path, Path]:
    return WORST / f"{slug}-old.txt", WORST / f"{slug}-new.txt"


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as file:
        return file.read()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:  # no line-end translation
        file.write(text)
