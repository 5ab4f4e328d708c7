"""A clause that stayed is never shown inside a replacement, however the text around
it was rewritten: random rewrites (each version its own words, so that nothing else is
shared to compete with the clause) before and after a shared clause of four words or
more, which may also change its place in the paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.comparison import OpKind

OLD_WORDS = ["the", "of", "and", "data", "we", "may", "share", "your", "with", "partners"]
NEW_WORDS = ["to", "for", "a", ",", "services", "law", "use", "our", "you", "sell"]
CLAUSE_WORDS = ["Kappa", "Lambda", "Omicron", "Sigma", "Upsilon", "Omega", "Zeta", "Theta"]

old_rewrite = st.lists(st.sampled_from(OLD_WORDS), max_size=25).map(" ".join)
new_rewrite = st.lists(st.sampled_from(NEW_WORDS), max_size=25).map(" ".join)
clause = st.lists(st.sampled_from(CLAUSE_WORDS), min_size=4, max_size=8, unique=True).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(old_rewrite, old_rewrite, new_rewrite, new_rewrite, clause, st.booleans())
def test_a_shared_clause_is_never_inside_a_replacement(
    before_old: str, after_old: str, before_new: str, after_new: str, kept: str, swap: bool
) -> None:
    old = f"{before_old} {kept} {after_old}"
    new = f"{after_new} {kept} {before_new}" if swap else f"{before_new} {kept} {after_new}"
    comparison = compare(old, new)
    for row in comparison.rows:
        for op in row.ops:
            if op.kind is OpKind.REPLACE:
                assert not (
                    kept in op.old.of(comparison.old.text)
                    and kept in op.new.of(comparison.new.text)
                )
    assert any(kept in text for op, text in comparison.segments() if op == "=")
