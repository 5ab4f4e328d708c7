"""The Word redline of 20 real version pairs: "Accept all" gives the newer version and
"Reject all" the older, block for block, read back by Variorum's own DOCX reader.

The pairs are the last two versions of 20 documents spread over the Platform Governance
Archive (PGA v2, ZeMKI, University of Bremen, ODC-By), read from the corpus's git
bundle in ``../shared/corpus`` (cloned once for the module).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import variorum
from variorum.document import Document
from variorum.ingest.docx import parse_docx
from variorum.render.word import word_redline

BUNDLE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pga-versions.bundle"
PAIRS = 20
SPREAD = 25
"""Every len(documents) // SPREAD-th document is taken, until PAIRS have two versions."""


def _git(repository: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repository), *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, Path]]:
    """(document, older file, newer file) for the last two versions of each document."""
    assert BUNDLE.is_file(), f"the corpus is missing: {BUNDLE}"
    folder = tmp_path_factory.mktemp("pga")
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


@pytest.mark.parametrize("number", range(PAIRS))
def test_a_real_pair_accepts_to_the_new_version_and_rejects_to_the_old(
    pairs: list[tuple[str, Path, Path]], number: int
) -> None:
    document, old_path, new_path = pairs[number]
    old, new = variorum.load(old_path), variorum.load(new_path)
    data = word_redline(variorum.compare(old, new))
    assert blocks(parse_docx(data)) == blocks(new), document
    assert blocks(parse_docx(data, tracked="original")) == blocks(old), document
