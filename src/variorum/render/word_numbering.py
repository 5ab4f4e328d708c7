"""List labels of the Word redline as Word's own numbering (``w:numPr``).

A label such as ``(b)``, ``2.``, ``Article 5`` or ``IV.`` is read as literal text around
one counter in a Word number format; a label of counters alone joined by one separator,
such as ``1.2.3`` or ``II.4``, as a multi-level number (``%1.%2.%3``) whose outer levels
show the outer numbers. Each list paragraph gets a numbering instance that starts at its
own number, so Word shows exactly the label the document had whatever the paragraphs
around it (an inserted item does not renumber the next one: the Documents say what each
label is). A renumbered item is numbered as the new version has it, the old numbering
kept as a tracked change of its properties, which "Reject all" restores (Word shows it
as a formatting change; LibreOffice shows the new number). A paragraph that holds one
version's label and the other's words (a split or merged item) shows those words in
that version alone. A label that no Word format writes back exactly stays text (with
the other version's label, if numbered, as Word's).

A list item without a label (Markdown's ``- item``, HTML's ``<ul>``) is a Word bullet
list's item, the bullet drawn by Word; an item whose label is a bullet character of its
text (a plain text's ``• item``) is one too, its character kept as its text (Variorum's
DOCX reader reads a Word bullet as no text, as the Markdown and HTML readers read theirs).

>>> parse_label("(iv)")
Label(texts=('(', ')'), counters=((4, 'lowerRoman'),))
>>> parse_label("Article 12").texts, parse_label("•")
(('Article ', ''), None)
>>> parse_label("1.2.3").counters, parse_label("1.2.3").level_text(2)
(((1, 'decimal'), (2, 'decimal'), (3, 'decimal')), '%1.%2.%3')
>>> parse_label("Section IV.2").level_text(4), parse_label("1.2a").texts
('Section %4.%5', ('1.2', ''))
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import BULLET_LABELS, BlockKind, Span
from variorum.ingest.docx_numbering import LEVELS, format_number
from variorum.render.pieces import Role

_LABEL = re.compile(r"(?P<before>.*?)(?P<token>[0-9]+|[A-Za-z]+)(?P<after>[^0-9A-Za-z%]*)", re.S)
_LEVELS = re.compile(
    r"(?P<before>(?:[^%]*?[^0-9A-Za-z%])??)(?P<tokens>[0-9A-Za-z]+(?:(?P<sep>[^0-9A-Za-z%\s]+)"
    r"[0-9A-Za-z]+)+)(?P<after>[^0-9A-Za-z%]*)"
)
"""Counters joined by one separator after any text (``1.2.3``, ``§ 2-1``, ``Rule 4.1``):
a multi-level number."""
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
INDENT = Pt(18)
"""How far each list level is indented; the label hangs in the first."""
LARGEST = 10_000
"""Numbers above this stay text (a year or a section number read as a counter)."""
BULLETS = "•◦▪"
"""The bullets Word draws for an item without a label, by level (as Word cycles its own)."""


@dataclass(frozen=True, slots=True)
class Label:
    """A label as Word numbering: literal texts around its counters (one more text than
    counters); a bullet has no counter, its one text the bullet Word draws."""

    texts: tuple[str, ...]
    counters: tuple[tuple[int, str], ...]
    """Each counter's number and Word format (``decimal``, ``lowerRoman``, ...), outermost
    first."""

    def level_text(self, level: int) -> str:
        """``w:lvlText`` at list ``level``: the counters are the levels up to it."""
        first = level - len(self.counters) + 1
        shown = [self.texts[0]]
        for number, text in enumerate(self.texts[1:]):
            shown += [f"%{first + number + 1}", text]
        return "".join(shown)


def bullet(glyph: str) -> Label:
    """A bullet list's label that Word draws as ``glyph`` (none if empty)."""
    return Label((glyph,), ())


def parse_label(label: str) -> Label | None:
    """The label as Word numbering, or None when no Word format writes it back exactly."""
    levels = _LEVELS.fullmatch(label)
    if levels is not None:
        counters = _counters(levels["tokens"].split(levels["sep"]))
        if counters and len(counters) <= LEVELS:
            between = (levels["sep"],) * (len(counters) - 1)
            return Label((levels["before"], *between, levels["after"]), tuple(counters))
    match = _LABEL.fullmatch(label)
    if match is None or "%" in match["before"]:
        return None
    counter = _counters([match["token"]])
    if counter and f"{match['before']}{match['token']}{match['after']}".strip() == label:
        return Label((match["before"], match["after"]), tuple(counter))
    return None


def _counters(tokens: list[str]) -> list[tuple[int, str]]:
    """Each token's number and format if a Word format writes every one exactly, else []."""
    counters = []
    for token in tokens:
        exact = [
            (number, style)
            for number, style in _readings(token)
            if 0 < number <= LARGEST and format_number(number, style) == token
        ]
        if not exact:
            return []
        counters.append(exact[0])
    return counters


def _readings(token: str) -> list[tuple[int, str]]:
    """The numbers and formats ``token`` could be written in, likeliest first."""
    if token.isdigit():
        return [(int(token), "decimal")]
    readings = []
    if _ROMAN.fullmatch(token):
        readings.append((_roman_value(token), "lowerRoman" if token.islower() else "upperRoman"))
    if len(set(token)) == 1:  # a, b, ..., z, aa, bb, ...
        value = ord(token[0].lower()) - ord("a") + 1 + 26 * (len(token) - 1)
        readings.append((value, "lowerLetter" if token.islower() else "upperLetter"))
    return readings


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    digits = [values[char] for char in token.lower()]
    return sum(-d if d < nxt else d for d, nxt in zip(digits, [*digits[1:], 0], strict=True))


class ListNumbering:
    """Numbering instances added to the document's numbering part: one definition per
    shape of label and level (and outer numbers), one instance per numbered paragraph
    (starting at its number), one per bullet definition."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        defined = self.numbering.iter(qn("w:abstractNum"))
        taken = [int(a.get(qn("w:abstractNumId"))) for a in defined]
        self.next_abstract = max(taken, default=-1) + 1
        instances = [int(n.get(qn("w:numId"))) for n in self.numbering.iter(qn("w:num"))]
        self.next_instance = max(instances, default=0) + 1  # counted here: python-docx's
        # add_num looks for a free id among all instances, each time (quadratic or worse),
        # and for where to insert it; instances go before Word's clean-up mark, if any
        self.last_part = self.numbering.find(qn("w:numIdMacAtCleanup"))
        self.abstracts: dict[tuple[Any, ...], int] = {}
        self.bullets: dict[int, int] = {}  # a bullet definition's one instance

    def instance(self, label: Label, level: int) -> int:
        """The id of a numbering instance that shows ``label`` at list ``level``: a new
        one starting at its number, or a bullet definition's own."""
        outer = tuple(number for number, _ in label.counters[:-1])
        abstract = self._abstract(label, outer, level)
        if not label.counters and abstract in self.bullets:
            return self.bullets[abstract]
        num = OxmlElement("w:num", {qn("w:numId"): str(self.next_instance)})
        self.next_instance += 1
        definition = OxmlElement("w:abstractNumId", {qn("w:val"): str(abstract)})
        num.append(definition)
        if self.last_part is None:
            self.numbering.append(num)
        else:
            self.last_part.addprevious(num)
        if label.counters:
            num.add_lvlOverride(ilvl=level).add_startOverride(label.counters[-1][0])
        else:
            self.bullets[abstract] = int(num.numId)
        return int(num.numId)

    def _abstract(self, label: Label, outer: tuple[int, ...], level: int) -> int:
        formats = tuple(style for _, style in label.counters)
        key = (label.texts, formats, outer, level)
        if key not in self.abstracts:
            self.abstracts[key] = self.next_abstract
            self.next_abstract += 1
            definition = _definition(self.abstracts[key], label, level)
            first_instance = self.numbering.find(qn("w:num"))
            if first_instance is None:
                self.numbering.append(definition)
            else:
                first_instance.addprevious(definition)  # definitions before instances
        return self.abstracts[key]


def _definition(ident: int, label: Label, level: int) -> Any:
    """A ``w:abstractNum`` showing ``label`` at ``level``: its last counter that level's,
    the outer ones the levels above it, each starting at its number (no paragraph of
    this definition counts them, so Word shows their start)."""
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(ident))
    kind = "multilevel" if len(label.counters) > 1 else "singleLevel"
    abstract.append(OxmlElement("w:multiLevelType", {qn("w:val"): kind}))
    first = level - len(label.counters) + 1
    for depth, (number, style) in enumerate(label.counters[:-1]):
        outer = Label((*label.texts[: depth + 1], ""), label.counters[: depth + 1])
        abstract.append(_level(first + depth, number, style, outer.level_text(first + depth)))
    style = label.counters[-1][1] if label.counters else "bullet"
    abstract.append(_level(level, 1, style, label.level_text(level)))
    return abstract


def _level(level: int, start: int, style: str, text: str) -> Any:
    """One ``w:lvl``: its start, format and text, its label hanging in its indent (or,
    for a bullet Word draws nothing of, the text's own bullet hanging there)."""
    lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
    values = [("w:start", str(start)), ("w:numFmt", style)]
    if style == "bullet" and not text:
        values.append(("w:suff", "nothing"))
    for tag, value in (*values, ("w:lvlText", text), ("w:lvlJc", "left")):
        lvl.append(OxmlElement(tag, {qn("w:val"): value}))
    properties = OxmlElement("w:pPr")
    properties.append(
        OxmlElement(
            "w:ind",
            {qn("w:left"): str(INDENT.twips * (level + 2)), qn("w:hanging"): str(INDENT.twips * 2)},
        )
    )
    lvl.append(properties)
    return lvl


def number_paragraph(properties: Any, instance: int, level: int) -> None:
    """Give a paragraph the numbering ``instance`` at ``level``: in its properties
    (``w:pPr``) after its style, before its indent and mark (the schema's order)."""
    numbering = OxmlElement("w:numPr")
    numbering.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    numbering.append(OxmlElement("w:numId", {qn("w:val"): str(instance)}))
    styled = len(properties) and properties[0].tag == qn("w:pStyle")
    properties.insert(1 if styled else 0, numbering)


Numbered = tuple[Label, int]
"""How one list paragraph is numbered: its label and its list level."""
_SIDE_ROLES = (
    frozenset({Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY}),
    frozenset({Role.INSERT, Role.RENUMBER_NEW, Role.MOVED_HERE}),
)
"""The roles of text shown in one version only, by side (0 old, 1 new)."""
_ONE_SIDE = (Role.DELETE, Role.INSERT)
"""What unchanged text hidden in one version only becomes: text of the other alone."""


@dataclass(slots=True)
class RowNumbering:
    """The numbered blocks of one row, and the label text Word's numbering shows."""

    paragraphs: dict[tuple[int, int], Numbered] = field(default_factory=dict)
    """By (side, block index), side 0 for the old version and 1 for the new."""
    hidden: tuple[list[Span], list[Span]] = field(default_factory=lambda: ([], []))
    """By side: the spans of label and the space after it, which Word's numbering shows."""
    both: bool = True
    """Whether the row shows both versions' text (a moved row shows one)."""

    def shown(
        self, role: Role, text: str, old_at: int, new_at: int
    ) -> Iterator[tuple[Role, str, int]]:
        """``text`` of ``role`` (at these offsets) without the labels Word's numbering
        shows: (role, part, its offset in the role's side). Unchanged text hidden in one
        version only (a label in one, words in the other) is the other's text alone."""
        for side, roles in enumerate(_SIDE_ROLES):
            if role in roles:
                at = new_at if side else old_at
                for begin, end in _gaps(self.hidden[side], at, at + len(text)):
                    yield role, text[begin - at : end - at], begin
                return
        yield from self._unchanged(text, old_at, new_at)

    def _unchanged(self, text: str, old_at: int, new_at: int) -> Iterator[tuple[Role, str, int]]:
        """Unchanged text cut where either version hides a label: shown in both, in the
        old alone (``delete``), in the new alone (``insert``) or in neither."""
        length = len(text)
        old_shown = _gaps(self.hidden[0], old_at, old_at + length, shift=-old_at)
        new_shown = _gaps(self.hidden[1], new_at, new_at + length, shift=-new_at)
        marks = sorted({0, length, *itertools.chain(*old_shown, *new_shown)})
        for begin, end in itertools.pairwise(marks):
            sides = (_covers(old_shown, begin), _covers(new_shown, begin))
            if all(sides):
                yield Role.EQUAL, text[begin:end], new_at + begin
            elif any(sides) and self.both:  # a row of one version hides its labels only
                one = _ONE_SIDE[sides.index(True)]
                yield one, text[begin:end], (old_at if one is Role.DELETE else new_at) + begin


def _gaps(spans: list[Span], begin: int, end: int, shift: int = 0) -> list[tuple[int, int]]:
    """The stretches of ``[begin, end)`` outside ``spans`` (in text order), moved by
    ``shift``."""
    gaps = []
    first = bisect.bisect_right(spans, begin, key=lambda span: span.end)
    for span in spans[first:]:
        if span.start >= end:
            break
        if span.start > begin:
            gaps.append((begin + shift, span.start + shift))
        begin = max(begin, span.end)
    if begin < end:
        gaps.append((begin + shift, end + shift))
    return gaps


def _covers(gaps: list[tuple[int, int]], at: int) -> bool:
    return any(begin <= at < end for begin, end in gaps)


def plan(comparison: Comparison, row: Row, noted: Callable[[int, Span], bool]) -> RowNumbering:
    """Which list items of ``row`` Word numbers: in each version the row shows, each
    bulleted item (a bullet list's item), and each with a label one Word numbering
    writes exactly and no comment on the label (``noted(side, span)``: Word cannot
    anchor a comment on a number)."""
    sides = _sides(row.kind)
    numbering = RowNumbering(both=len(sides) == 2)
    for side in sides:
        doc = comparison.new if side else comparison.old
        for index in row.new_blocks if side else row.old_blocks:
            found = _listed(comparison, side, index, noted)
            if found is not None:
                numbering.paragraphs[side, index] = found
                if found[0].counters:  # Word shows the label: the text's is hidden
                    block = doc.blocks[index]
                    numbering.hidden[side].append(Span(block.span.start, block.body.start))
    return numbering


def _sides(kind: RowKind) -> tuple[int, ...]:
    """The versions whose text a row of ``kind`` shows (0 old, 1 new)."""
    if kind in (RowKind.INSERTED, RowKind.MOVED_TO):
        return (1,)
    if kind in (RowKind.DELETED, RowKind.MOVED_FROM):
        return (0,)
    return (0, 1)


def _listed(
    comparison: Comparison, side: int, index: int, noted: Callable[[int, Span], bool]
) -> Numbered | None:
    """The label and level of a list item with a body: a bullet for one without a label
    or with a bullet character as its label (kept as its text), else its label as Word
    numbering if Word can write it exactly and no comment begins on it."""
    doc = comparison.new if side else comparison.old
    block = doc.blocks[index]
    if block.kind is not BlockKind.LIST_ITEM or block.body.start >= block.body.end:
        return None
    level = min(max(block.level, 0), LEVELS - 1)
    text = doc.label_text(block)
    if not text or text in BULLET_LABELS:
        return bullet("" if text else BULLETS[level % len(BULLETS)]), level
    if noted(side, Span(block.span.start, block.body.start)):
        return None
    label = parse_label(text)
    return (label, max(level, len(label.counters) - 1)) if label else None
