"""The Word redline of real version pairs: "Accept all" gives the newer version and
"Reject all" the older, block for block, read back by Variorum's own DOCX reader.

The pairs are the excerpts of the Platform Governance Archive that the project ships
(``tests/fixtures/pga``; PGA v2, ZeMKI, University of Bremen, ODC-By) and the built-in
example; ``benchmarks/word_roundtrip.py`` runs the same on 20 whole documents of the
corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import variorum
from variorum.document import Document
from variorum.examples import example_pair
from variorum.ingest.docx import parse_docx
from variorum.render.word import word_redline

EXCERPTS = Path(__file__).resolve().parents[1] / "fixtures" / "pga"
CASES = sorted(path.name.removesuffix(".old.md") for path in EXCERPTS.glob("*.old.md"))


def blocks(doc: Document) -> list[str]:
    return [" ".join(block.span.of(doc.text).split()) for block in doc.blocks]


def links(doc: Document) -> list[tuple[str, str]]:
    return [(link.span.of(doc.text), link.target) for link in doc.links]


def check_round_trip(old: Document, new: Document) -> None:
    data = word_redline(variorum.compare(old, new))
    accepted, rejected = parse_docx(data), parse_docx(data, tracked="original")
    assert (blocks(accepted), links(accepted)) == (blocks(new), links(new))
    assert (blocks(rejected), links(rejected)) == (blocks(old), links(old))


@pytest.mark.parametrize("case", CASES)
def test_a_real_pair_accepts_to_the_new_version_and_rejects_to_the_old(case: str) -> None:
    old = variorum.load(EXCERPTS / f"{case}.old.md")
    new = variorum.load(EXCERPTS / f"{case}.new.md")
    check_round_trip(old, new)


def test_the_example_accepts_to_2015_and_rejects_to_2011() -> None:
    check_round_trip(*example_pair("icoc"))


def test_the_excerpts_are_there() -> None:
    assert len(CASES) >= 8, CASES
