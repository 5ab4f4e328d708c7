"""List labels of the Word redline as Word's own numbering (``w:numPr``).

A label such as ``(b)``, ``2.``, ``Article 5`` or ``IV.`` is read as literal text around
one counter in a Word number format; each list paragraph gets a numbering instance that
starts at its own number, so Word shows exactly the label the document had whatever
the paragraphs around it (an inserted item does not renumber the next one: the
Documents say what each label is). A renumbered item keeps its labels as text, the old
one deleted and the new one inserted, so that the renumbering reads on the page (Word
and LibreOffice show a tracked change of numbering as a bare mark, without the old
number). A label that no Word format writes back exactly stays text too.

>>> parse_label("(iv)"), parse_label("Article 12"), parse_label("1.2."), parse_label("•")
(('(', 4, 'lowerRoman', ')'), ('Article ', 12, 'decimal', ''), ('1.', 2, 'decimal', '.'), None)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from variorum.comparison import Comparison, Row, RowKind
from variorum.document import BlockKind, Span
from variorum.ingest.docx_numbering import format_number

Label = tuple[str, int, str, str]
"""A label as Word numbering: (text before, the number, its format, text after)."""
_LABEL = re.compile(r"(?P<before>.*?)(?P<token>[0-9]+|[A-Za-z]+)(?P<after>[^0-9A-Za-z%]*)", re.S)
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
INDENT = Pt(18)
"""How far each list level is indented; the label hangs in the first."""
LARGEST = 10_000
"""Numbers above this stay text (a year or a section number read as a counter)."""


def parse_label(label: str) -> Label | None:
    """The label as Word numbering, or None when no Word format writes it back exactly."""
    match = _LABEL.fullmatch(label)
    if match is None or "%" in match["before"]:
        return None
    token = match["token"]
    for number, style in _readings(token):
        if 0 < number <= LARGEST and format_number(number, style) == token:
            label_text = f"{match['before']}{token}{match['after']}"
            if label_text.strip() == label:
                return match["before"], number, style, match["after"]
    return None


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
    shape of label and level, one instance per numbered paragraph (starting at its
    number)."""

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
        self.abstracts: dict[tuple[str, str, str, int], int] = {}

    def instance(self, label: Label, level: int) -> int:
        """The id of a new numbering instance that shows ``label`` at list ``level``."""
        before, number, style, after = label
        abstract = self._abstract(before, style, after, level)
        num = OxmlElement("w:num", {qn("w:numId"): str(self.next_instance)})
        self.next_instance += 1
        definition = OxmlElement("w:abstractNumId", {qn("w:val"): str(abstract)})
        num.append(definition)
        if self.last_part is None:
            self.numbering.append(num)
        else:
            self.last_part.addprevious(num)
        num.add_lvlOverride(ilvl=level).add_startOverride(number)
        return int(num.numId)

    def _abstract(self, before: str, style: str, after: str, level: int) -> int:
        key = (before, style, after, level)
        if key not in self.abstracts:
            self.abstracts[key] = self.next_abstract
            self.next_abstract += 1
            definition = _definition(self.abstracts[key], key)
            first_instance = self.numbering.find(qn("w:num"))
            if first_instance is None:
                self.numbering.append(definition)
            else:
                first_instance.addprevious(definition)  # definitions before instances
        return self.abstracts[key]


def _definition(ident: int, key: tuple[str, str, str, int]) -> Any:
    """A ``w:abstractNum`` with one level: the counter between the label's texts."""
    before, style, after, level = key
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(ident))
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "singleLevel")
    abstract.append(kind)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(level))
    text = f"{before}%{level + 1}{after}"
    for tag, value in (("w:start", "1"), ("w:numFmt", style), ("w:lvlText", text),
                       ("w:lvlJc", "left")):  # fmt: skip
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        lvl.append(child)
    properties, indent = OxmlElement("w:pPr"), OxmlElement("w:ind")
    indent.set(qn("w:left"), str(INDENT.twips * (level + 2)))
    indent.set(qn("w:hanging"), str(INDENT.twips * 2))
    properties.append(indent)
    lvl.append(properties)
    abstract.append(lvl)
    return abstract


def number_paragraph(properties: Any, instance: int, level: int) -> None:
    """Give a paragraph the numbering ``instance`` at ``level``: appended to its
    properties (``w:pPr``), which hold no more than its style yet (the schema's order)."""
    numbering = OxmlElement("w:numPr")
    numbering.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    numbering.append(OxmlElement("w:numId", {qn("w:val"): str(instance)}))
    properties.append(numbering)


@dataclass(frozen=True, slots=True)
class Numbered:
    """How one list paragraph is numbered."""

    instance: int
    """The numbering it shows: its label in the version (or versions) showing it."""
    level: int


@dataclass(slots=True)
class RowNumbering:
    """The numbered paragraphs of one row, and the label text they leave out."""

    paragraphs: dict[tuple[int, int], Numbered] = field(default_factory=dict)
    """By (side, block index), side 0 for the old version and 1 for the new."""
    hidden: tuple[list[Span], list[Span]] = field(default_factory=lambda: ([], []))
    """By side: the spans of label and the space after it, which Word's numbering shows."""

    def shown(self, text: str, at: int, side: int) -> Iterator[tuple[str, int]]:
        """``text`` (at offset ``at`` of a side's text) without the hidden labels: (part,
        its offset)."""
        begin = at
        spans = self.hidden[side]  # in text order
        first = bisect.bisect_right(spans, at, key=lambda span: span.end)
        for span in spans[first:]:
            if span.start >= at + len(text):
                break
            if span.start > begin:
                yield text[begin - at : span.start - at], begin
            begin = max(begin, span.end)
        if begin < at + len(text):
            yield text[begin - at :], begin


def plan(
    comparison: Comparison, row: Row, lists: ListNumbering, noted: Callable[[int, Span], bool]
) -> RowNumbering:
    """Which list items of ``row`` are numbered by Word: those of an unchanged, inserted
    or deleted row, and the one item of a changed row, when every version showing it has
    the same label, one Word numbering writes exactly, and no comment is on the label
    (``noted(side, span)``: Word cannot anchor a comment on a number)."""
    numbering = RowNumbering()
    for old, new in _block_pairs(row):
        found = (_listed(comparison, 0, old, noted), _listed(comparison, 1, new, noted))
        if any(
            index is not None and item is None
            for index, item in zip((old, new), found, strict=True)
        ):
            continue  # a version without such a label: the labels stay text
        if found[0] and found[1] and found[0] != found[1]:
            continue  # renumbered: the change of the label stays text
        shown = found[1] or found[0]
        assert shown is not None
        instance = lists.instance(shown[0], shown[1])
        for side, index in ((0, old), (1, new)):
            if index is not None:
                numbering.paragraphs[side, index] = Numbered(instance, shown[1])
                block = (comparison.new if side else comparison.old).blocks[index]
                numbering.hidden[side].append(Span(block.span.start, block.body.start))
    return numbering


def _block_pairs(row: Row) -> list[tuple[int | None, int | None]]:
    """The blocks of a row shown as one paragraph each: (old index, new index)."""
    if row.kind is RowKind.EQUAL:
        return list(zip(row.old_blocks, row.new_blocks, strict=False))
    if row.kind is RowKind.INSERTED:
        return [(None, index) for index in row.new_blocks]
    if row.kind is RowKind.DELETED:
        return [(index, None) for index in row.old_blocks]
    if row.kind is RowKind.CHANGED and len(row.old_blocks) == len(row.new_blocks) == 1:
        return [(row.old_blocks[0], row.new_blocks[0])]
    return []


def _listed(
    comparison: Comparison, side: int, index: int | None, noted: Callable[[int, Span], bool]
) -> tuple[Label, int] | None:
    """The label and level of a list item with a body and a label Word can number."""
    if index is None:
        return None
    doc = comparison.new if side else comparison.old
    block = doc.blocks[index]
    if block.kind is not BlockKind.LIST_ITEM or block.body.start >= block.body.end:
        return None
    if noted(side, Span(block.span.start, block.body.start)):
        return None
    label = parse_label(doc.label_text(block))
    return (label, min(max(block.level, 0), 8)) if label else None
