"""What each format marks as moved, inserted and deleted, read back from its output:
for the tests of moved-and-edited blocks (``tests/render``, ``tests/properties``)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from variorum.comparison import Comparison, OpKind, RowKind
from variorum.document import Span
from variorum.render import render

# The minimal case: a definition moved from the end of a document to its top, with words
# added before its full stop.
DEFINITION = (
    'Definitions. "GitHub", "We" and "Us" refer to GitHub B.V., together with its directors, '
    "officers, agents and employees, and to the website at github.com with all the features, "
    "applications and services it provides"
)
ADDED = " or any of its subsidiaries (e.g., Github, Inc.)"
TERMS = [
    "1. Your account. You are responsible for your account and everything done with it.",
    "2. Content. You keep the rights to the content you post.",
    "3. Termination. We may suspend your account if you break these terms.",
]
MINIMAL_OLD = "\n\n".join(["Terms of Use", *TERMS, DEFINITION + "."]) + "\n"
MINIMAL_NEW = "\n\n".join(["Terms of Use", DEFINITION + ADDED + ".", *TERMS]) + "\n"

MARKED_FORMATS = ("html-fragment", "html", "markdown", "terminal-color", "terminal", "json")
"""Every format a reader sees a moved block in."""


def marked(comparison: Comparison, format: str) -> dict[int, dict[str, str]]:
    """What ``format`` marks as moved, inserted and deleted in each moved row, read back
    from the rendered output: ``{row index: {"moved": text, "insert": text, "delete":
    text}}``, each text without its white space (the formats lay it out differently)."""
    reader = {
        "html-fragment": _html_marks,
        "html": _html_marks,
        "markdown": _markdown_marks,
        "terminal-color": _ansi_marks,
        "terminal": _marker_marks,
        "json": _json_marks,
    }[format]
    name, options = format, {}
    if format.startswith("terminal"):
        name, options = "terminal", {"color": format == "terminal-color", "context": None}
        options["width"] = 100_000  # no wrapping inside a row
    out = reader(render(comparison, name, **options), comparison)
    moved = {row.index for row in comparison.rows if row.link is not None}
    return {
        index: {mark: "".join(text.split()) for mark, text in marks.items()}
        for index, marks in out.items()
        if index in moved
    }


def _add(out: dict[int, dict[str, str]], row: int, mark: str, text: str) -> None:
    marks = out.setdefault(row, {"moved": "", "insert": "", "delete": ""})
    if mark in marks:
        marks[mark] += text


class _HtmlMarks(HTMLParser):
    """The text of each row (``id="c-N"``) by the element it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.out: dict[int, dict[str, str]] = {}
        self.stack: list[tuple[str, str]] = []
        self.row: tuple[int, int] | None = None  # (index, depth)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            return
        found = dict(attrs)
        classes = found.get("class") or ""
        ident = re.fullmatch(r"c-(\d+)", found.get("id") or "")
        if ident and "vr-row" in classes:
            self.row = (int(ident.group(1)), len(self.stack))
        self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            return
        self.stack.pop()
        if self.row is not None and len(self.stack) == self.row[1]:
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.row is None or any(tag in ("a", "small") for tag, _ in self.stack):
            return
        tag, classes = self.stack[-1]
        if tag in ("ins", "del"):
            names = classes.split()
            mark = "moved" if "vr-moved" in names else "insert" if tag == "ins" else "delete"
            if "vr-label" in names:
                mark = "label"  # renumbering, not an edit of the words
            _add(self.out, self.row[0], mark, data.replace("¶", ""))
        else:
            _add(self.out, self.row[0], "plain", data)


def _html_marks(html: str, _comparison: Comparison) -> dict[int, dict[str, str]]:
    parser = _HtmlMarks()
    parser.feed(html)
    return parser.out


_CRITIC = re.compile(r"\{(\+\+|--|==|~~|>>)(.*?)(?:\+\+|--|==|~~|<<)\}", re.DOTALL)


def _markdown_marks(markdown: str, comparison: Comparison) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for paragraph in markdown.split("\n\n"):
        # a moved block's paragraph names the row at its other end, which links back;
        # a sentence's note names a row of another kind (it may have left a moved block:
        # "moved from" a moved-here row, "moved to" an inserted one)
        ends = {"from": RowKind.MOVED_FROM, "to": RowKind.MOVED_TO}
        notes = re.findall(r"\{>>moved (from|to) c-(\d+)", paragraph)
        links = [
            comparison.rows[int(target)].link
            for way, target in notes
            if comparison.rows[int(target)].kind is ends[way]
        ]
        row = next((link for link in links if link is not None), None)
        if row is None:
            continue
        for kind, text in _CRITIC.findall(paragraph):
            if kind == "~~":
                old, new = text.split("~>", 1)
                _add(out, row, "delete", old)
                _add(out, row, "insert", new)
            else:
                _add(out, row, {"++": "insert", "--": "delete", "==": "moved"}.get(kind, ""), text)
    return out


def _terminal_rows(text: str) -> list[tuple[int, str]]:
    """Each row's header number and what follows it up to the next header."""
    parts = re.split(r"^(?:\x1b\[[0-9;]*m)?@@ c-(\d+) [^\n]*\n", text, flags=re.MULTILINE)
    return [(int(parts[i]), parts[i + 1]) for i in range(1, len(parts), 2)]


def _ansi_marks(text: str, _comparison: Comparison) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    colours = {"35": "moved", "32": "insert", "31": "delete"}
    for row, body in _terminal_rows(text):
        for codes, chunk in re.findall(r"\x1b\[([0-9;]*)m([^\x1b]*)", body):
            marks = {colours[code] for code in codes.split(";") if code in colours}
            assert len(marks) <= 1
            _add(out, row, marks.pop() if marks else "plain", chunk)
    return out


_MARKERS = re.compile(r"(\[=|\{=|\{\+|\[-|\{#|\[#)(.*?)(?:=\]|=\}|\+\}|-\]|#\}|#\])", re.DOTALL)


def _marker_marks(text: str, _comparison: Comparison) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    kinds = {"[=": "moved", "{=": "moved", "{+": "insert", "[-": "delete"}
    for row, body in _terminal_rows(text):
        for start, chunk in _MARKERS.findall(body):
            _add(out, row, kinds.get(start, ""), chunk)
    return out


def _json_marks(text: str, _comparison: Comparison) -> dict[int, dict[str, str]]:
    """As the schema tells a consumer: a moved-from row's text moved away whole; in a
    moved-to row, equal ops moved, the other ops are the edit made to it, but for the
    sentences of it that ``text_moves`` says moved on (or in)."""
    data = json.loads(text)
    old, new = data["old"]["text"], data["new"]["text"]
    away: dict[int, list[Span]] = {}
    here: dict[int, list[Span]] = {}
    for move in data["text_moves"]:
        away.setdefault(int(move["old_row"][2:]), []).append(Span(*move["old"]))
        here.setdefault(int(move["new_row"][2:]), []).append(Span(*move["new"]))
    out: dict[int, dict[str, str]] = {}
    for row in data["rows"]:
        index = int(row["id"][2:])
        if row["kind"] == "moved-from":
            _add(out, index, "moved", old[row["old"][0] : row["old"][1]])
        elif row["kind"] == "moved-to":
            for kind, o1, o2, n1, n2 in row["ops"]:
                if kind == "equal":
                    _add(out, index, "moved", new[n1:n2])
                elif kind != "renumber":
                    for part, moved in _cut(Span(o1, o2), away.get(index, []), old):
                        _add(out, index, "moved" if moved else "delete", part)
                    for part, moved in _cut(Span(n1, n2), here.get(index, []), new):
                        _add(out, index, "moved" if moved else "insert", part)
    return out


def _cut(span: Span, moved: list[Span], text: str) -> list[tuple[str, bool]]:
    """The text of ``span`` in pieces, each with whether a moved sentence covers it."""
    pieces, at = [], span.start
    for inner in sorted(moved):
        if span.start <= inner.start and inner.end <= span.end:
            pieces += [(text[at : inner.start], False), (text[inner.start : inner.end], True)]
            at = inner.end
    return [*pieces, (text[at : span.end], False)]


def expected_marks(comparison: Comparison) -> dict[int, dict[str, str]]:
    """What must be marked in each moved row: where it arrived, the text that only moved
    as moved and the edit as inserted and deleted; where it left, its old text whole as
    moved and nothing else."""
    old, new = comparison.old.text, comparison.new.text
    out: dict[int, dict[str, str]] = {}
    for row in comparison.rows:
        if row.kind is RowKind.MOVED_FROM:
            out[row.index] = {"moved": row.old.of(old), "insert": "", "delete": ""}
        elif row.kind is RowKind.MOVED_TO:
            marks = {"moved": "", "insert": "", "delete": ""}
            moves = comparison.row_text_moves(row)
            away = [move.old for move in moves if move.old_row == row.index]
            here = [move.new for move in moves if move.new_row == row.index]
            for op in row.ops:
                if op.kind is OpKind.EQUAL:
                    marks["moved"] += op.new.of(new)
                elif op.kind is not OpKind.RENUMBER:
                    # a sentence of the edit that moved on (or in) is moved text too
                    for part, moved in _cut(op.old, away, old):
                        marks["moved" if moved else "delete"] += part
                    for part, moved in _cut(op.new, here, new):
                        marks["moved" if moved else "insert"] += part
            out[row.index] = marks
    return {
        index: {mark: "".join(text.split()) for mark, text in marks.items()}
        for index, marks in out.items()
    }
