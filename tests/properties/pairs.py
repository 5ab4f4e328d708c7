"""Generated version pairs for the property tests (random texts, edited, moved), and
the check that a comparison's ops rebuild both texts."""

from __future__ import annotations

from hypothesis import strategies as st

from variorum.comparison import Comparison, OpKind, RowKind

WORDS = ["the", "State", "shall", "(a)", "(2)", "of", "information", "security", "rights",
         "信息", "Article 5", "—", ",", ";", ".", "“quoted”", "ICT", "1.5", "§ 3"]  # fmt: skip
word = st.sampled_from(WORDS) | st.text(min_size=1, max_size=8)
line = st.lists(word, min_size=0, max_size=12).map(" ".join)
separator = st.sampled_from(["\n", "\n\n", " ", "\r\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=12))
    return "".join(text + draw(separator) for text in lines)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text and an edited version of it: lines replaced, inserted, deleted, moved."""
    lines = draw(st.lists(line, min_size=1, max_size=12))
    new = edit_lines(draw, lines, line, 4, ["replace", "insert", "delete", "move", "edit-word"])
    return "\n".join(lines), "\n".join(new)


def edit_lines(
    draw: st.DrawFn, lines: list[str], line: st.SearchStrategy[str], most: int, actions: list[str]
) -> list[str]:
    """A copy of ``lines`` with up to ``most`` of the ``actions`` drawn and applied:
    a line replaced, inserted, deleted or moved, or one of its words replaced."""
    new = list(lines)
    for _ in range(draw(st.integers(0, most))):
        action = draw(st.sampled_from(actions))
        at = draw(st.integers(0, max(len(new) - 1, 0)))
        if action == "insert" or not new:
            new.insert(at, draw(line))
        elif action == "replace":
            new[at] = draw(line)
        elif action == "delete":
            new.pop(at)
        elif action == "move":
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(at))
        else:
            words = new[at].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(word)
            new[at] = " ".join(words)
    return new


PROSE = ["the", "State", "shall", "of", "information", "security", "rights", "信息", "ICT",
         "—", ",", ";", "“quoted”", "any", "subsidiaries", "Inc.", "e.g.", "Github",
         "affiliates", "controlling", "Corporation", "or"]  # fmt: skip
"""Words of prose, none of them a numbering label or a markup character."""
prose = st.lists(st.sampled_from(PROSE), min_size=10, max_size=18).map(" ".join)


@st.composite
def moved_and_edited(draw: st.DrawFn) -> tuple[str, str]:
    """Paragraphs, one of which moves elsewhere and has a few words added, removed or
    replaced (few enough that it is still found as the same block)."""
    paragraphs = draw(st.lists(prose, min_size=3, max_size=7, unique=True))
    at = draw(st.integers(0, len(paragraphs) - 1))
    words = paragraphs[at].split(" ")
    for _ in range(draw(st.integers(1, 2))):
        where = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "phrase"]))
        if action == "phrase":
            words[where:where] = draw(st.lists(st.sampled_from(PROSE), min_size=2, max_size=5))
        elif action == "insert":
            words.insert(where, draw(st.sampled_from(PROSE)))
        elif where < len(words) and len(words) > 8:
            if action == "replace":
                words[where] = draw(st.sampled_from(PROSE))
            else:
                words.pop(where)
    new = [p for i, p in enumerate(paragraphs) if i != at]
    to = draw(st.sampled_from([i for i in range(len(new) + 1) if i != at]))
    new.insert(to, " ".join(words))
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    return separator.join(paragraphs), separator.join(new)


def assert_rebuilds(comparison: Comparison) -> None:
    old, new = comparison.old.text, comparison.new.text
    segments = comparison.segments()
    assert "".join(t for op, t in segments if op in "=-") == old
    assert "".join(t for op, t in segments if op in "=+") == new
    assert "".join(r.old.of(old) for r in comparison.rows if r.kind is not RowKind.MOVED_TO) == old
    assert (
        "".join(r.new.of(new) for r in comparison.rows if r.kind is not RowKind.MOVED_FROM) == new
    )
    for row in comparison.rows:
        assert (
            "".join(op.old.of(old) for op in row.ops) == row.old.of(old)
            or row.kind is RowKind.MOVED_TO
        )
        assert (
            "".join(op.new.of(new) for op in row.ops) == row.new.of(new)
            or row.kind is RowKind.MOVED_FROM
        )
        for op in row.ops:
            if op.kind is OpKind.EQUAL and not comparison.options.normalizes:
                assert op.old.of(old) == op.new.of(new)  # (segments() relies on it)
            if op.kind is OpKind.INSERT:
                assert not op.old
            if op.kind is OpKind.DELETE:
                assert not op.new
