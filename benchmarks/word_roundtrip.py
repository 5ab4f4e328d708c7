"""The Word redline of 20 real version pairs: "Accept all" gives the newer version and
"Reject all" the older, block for block and link for link, read back by Variorum's own
DOCX reader.

The pairs are the last two versions of 20 documents spread over the Platform Governance
Archive (PGA v2, ZeMKI, University of Bremen, ODC-By), read from the corpus's git
bundle in ``../shared/corpus``: a check run here, not a test (tests read only what the
project ships; ``tests/render/test_word_corpus.py`` runs the same on its excerpts).

    .venv/bin/python benchmarks/word_roundtrip.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import variorum
from variorum.document import Document
from variorum.ingest.docx import parse_docx
from variorum.render.word import word_redline

BUNDLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pga-versions.bundle"
PAIRS = 20
SPREAD = 25
"""Every len(documents) // SPREAD-th document is taken, until PAIRS have two versions."""


def _git(repository: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repository), *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout


def pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """(document, older file, newer file) for the last two versions of each document."""
    repository = folder / "pga-versions"
    subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repository)], check=True)
    documents = sorted(_git(repository, "ls-files", "--", "*.md").splitlines())
    chosen: list[tuple[str, Path, Path]] = []
    for number, document in enumerate(documents[:: max(1, len(documents) // SPREAD)]):
        commits = _git(repository, "log", "-2", "--format=%H", "--", document).split()
        if len(commits) < 2:
            continue
        files = []
        for side, commit in (("old", commits[1]), ("new", commits[0])):
            path = folder / f"{number}.{side}.md"
            path.write_text(_git(repository, "show", f"{commit}:{document}"), encoding="utf-8")
            files.append(path)
        chosen.append((document, files[0], files[1]))
        if len(chosen) == PAIRS:
            break
    assert len(chosen) == PAIRS
    return chosen


def blocks(doc: Document) -> list[str]:
    return [" ".join(block.span.of(doc.text).split()) for block in doc.blocks]


def links(doc: Document) -> list[tuple[str, str]]:
    return [(link.span.of(doc.text), link.target) for link in doc.links]


def round_trips(old_path: Path, new_path: Path) -> bool:
    """Whether accept all gives the new version and reject all the old, block for block,
    with their links."""
    old, new = variorum.load(old_path), variorum.load(new_path)
    data = word_redline(variorum.compare(old, new))
    accepted, rejected = parse_docx(data), parse_docx(data, tracked="original")
    texts = blocks(accepted) == blocks(new) and blocks(rejected) == blocks(old)
    return texts and links(accepted) == links(new) and links(rejected) == links(old)


def main() -> int:
    if not BUNDLE.is_file():
        print(f"word_roundtrip: the corpus is missing: {BUNDLE}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        chosen = pairs(Path(folder))
        failed = [document for document, old, new in chosen if not round_trips(old, new)]
    for document in failed:
        print(f"does not round-trip: {document}")
    done = len(chosen) - len(failed)
    print(f"{done} of {len(chosen)} pairs round-trip through accept all and reject all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
