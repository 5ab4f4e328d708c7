"""Notes across the whole history (issue 17): ``variorum history --notes`` reports, for
each note, the version where its passage was first changed, moved or deleted."""

from __future__ import annotations

import json
import random
import shutil
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from commands import run_cli
from variorum.annotations.model import Annotation, Target
from variorum.compare import compare
from variorum.history.fates import note_fates
from variorum.ingest import parse_text


def test_each_note_reports_where_it_changed_moved_and_was_deleted(
    terms_history: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(terms_history, folder)
    for version, quote in (("2019", "we keep your data for one year"),
                           ("2019", "Scope of these terms"), ("2022", "Scope of the terms")):
        made = run_cli("annotate", "-p", str(folder), "--version", version, "--quote", quote,
                       "--note", f"On {quote}.")  # fmt: skip
        assert made.returncode == 0, made.stderr
    shown = run_cli("history", "-p", str(folder), "--notes", "--json")
    assert shown.returncode == 0, shown.stderr
    fates = {(fate["version"], fate["quote"]): fate for fate in json.loads(shown.stdout)}
    retention = fates[("2019", "we keep your data for one year")]
    assert (retention["moved_in"], retention["changed_in"], retention["deleted_in"]) == (
        "2020", "2021", "2023"
    )
    assert retention["changed_to"] == "we keep your data for two years"
    doubled = fates[("2021", "two years")]  # the history's own note
    assert (doubled["changed_in"], doubled["deleted_in"]) == (None, "2023")
    scope = fates[("2019", "Scope of these terms")]
    assert (scope["changed_in"], scope["changed_to"], scope["deleted_in"]) == (
        "2022", "Scope of the terms", None  # what the carried passage reads (the words added
    )  # after it are not part of it)
    assert fates[("2022", "Scope of the terms")]["changed_in"] is None
    text = run_cli("history", "-p", str(folder), "--notes").stdout
    assert "    changed in 2021: now “we keep your data for two years”" in text
    assert "    deleted in 2023" in text
    assert text.rstrip().endswith("4 note(s) on single versions")


WORDS = [f"{a}{b}" for a in ("ka", "lo", "mi", "nu", "pe", "ro", "su", "ti") for b in
         ("bar", "cen", "dol", "fem", "gat", "hul", "jin", "kor", "lum", "mav")]  # fmt: skip


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32))
def test_fates_match_a_history_that_knows_each_paragraph(seed: int) -> None:
    """Random histories of paragraphs, each edited in one word or deleted at random
    versions: a note on a whole paragraph is changed in the first later version that
    edits it, and deleted in the version that drops it."""
    rng = random.Random(seed)
    fresh = iter(range(10**6))

    def paragraph() -> list[str]:
        return [*rng.sample(WORDS, 7), f"clause{next(fresh)}"]

    paragraphs = {n: paragraph() for n in range(8)}
    versions: list[dict[int, list[str]]] = [{n: list(p) for n, p in paragraphs.items()}]
    for _ in range(rng.randint(2, 5)):
        now = {n: list(words) for n, words in versions[-1].items()}
        for n in rng.sample(sorted(now), min(2, len(now))):
            if rng.random() < 0.3 and len(now) > 3:
                del now[n]
            else:
                now[n][rng.randrange(7)] = f"edit{next(fresh)}"
        versions.append(now)
    labels = [f"v{at}" for at in range(len(versions))]
    documents = [
        parse_text("\n\n".join(" ".join(words) + "." for words in v.values()) + "\n", version=label)
        for label, v in zip(labels, versions, strict=True)
    ]
    notes = []
    expected = {}
    for n in paragraphs:
        on = rng.randrange(len(versions))
        if n not in versions[on]:
            continue
        quote = " ".join(versions[on][n])
        note = Annotation.new(Target.from_quote(documents[on], quote), f"n{n}")
        notes.append(note)
        later = list(enumerate(versions))[on + 1 :]
        changed = next((at for at, v in later if n in v and v[n] != versions[on][n]), None)
        deleted = next((at for at, v in later if n not in v), None)
        if changed is not None and deleted is not None and changed > deleted:
            changed = None
        expected[note.id] = (
            labels[changed] if changed is not None else "",
            labels[deleted] if deleted is not None else "",
        )
    comparisons = [compare(a, b) for a, b in pairwise(documents)]
    fates = note_fates(notes, comparisons)
    assert {fate.annotation.id: (fate.changed_in, fate.deleted_in) for fate in fates} == expected
