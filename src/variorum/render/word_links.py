"""The links of the Word redline: each version's links as Word hyperlinks
(``w:hyperlink``) around the revisions that show their words, and a link whose target
changed on unchanged words as those words deleted under the old link and inserted
under the new one (Word has no revision of a hyperlink's target), so that "Accept all"
gives the new version's links and "Reject all" the old one's; a comment by Variorum
over them says what changed (``word.link_comments``; so does one over an image's
alternative text when its source changed). With ``ignore_links``
the words stay unchanged, under the new version's link.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from variorum.comparison import Comparison
from variorum.document import BlockKind, Document, Link, LinkKind
from variorum.ingest.anchors import heading_names, place_named
from variorum.render.pieces import Role

_OLD = frozenset({Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY})
"""The roles of words of the old version alone (the others but ``equal``: the new's)."""
Linked = tuple[Role, str, int, str]
"""A part of a piece: its role, its words, their offset in its version, its link's
target ("" for none)."""


class WordLinks:
    """Where each version's links are, to cut the pieces written at their ends."""

    def __init__(self, comparison: Comparison) -> None:
        self.sides = (_Spans(comparison.old), _Spans(comparison.new))
        self.tracked = not comparison.options.ignore_links

    def parts(self, role: Role, text: str, at: int, old_at: int) -> Iterator[Linked]:
        """``text`` of ``role`` at ``at`` in its version (``old_at`` in the old one too,
        for unchanged words) cut where a link begins or ends."""
        if role is not Role.EQUAL:
            side = self.sides[0 if role in _OLD else 1]
            for begin, end in side.cuts(at, len(text)):
                yield role, text[begin:end], at + begin, side.target(at + begin)
            return
        old, new = self.sides
        marks = sorted({*old.cuts_flat(old_at, len(text)), *new.cuts_flat(at, len(text))})
        for begin, end in itertools.pairwise(marks):
            before, after = old.target(old_at + begin), new.target(at + begin)
            words = text[begin:end]
            if before == after or not self.tracked:
                yield Role.EQUAL, words, at + begin, after
            else:
                yield Role.DELETE, words, old_at + begin, before
                yield Role.INSERT, words, at + begin, after


def hyperlinks(doc: Document) -> list[Link]:
    """The document's links that lead somewhere: an image's source is no Word hyperlink
    (its change is told by the comment every link change gets)."""
    return [link for link in doc.links if link.kind is LinkKind.LINK]


class _Spans:
    """One version's links, by where they start."""

    def __init__(self, doc: Document) -> None:
        links = sorted(hyperlinks(doc), key=lambda link: link.span.start)
        self.starts = [link.span.start for link in links]
        self.ends = [link.span.end for link in links]
        self.targets = [link.target for link in links]

    def target(self, at: int) -> str:
        """The target of the link over offset ``at``, or ""."""
        index = bisect.bisect_right(self.starts, at) - 1
        return self.targets[index] if index >= 0 and at < self.ends[index] else ""

    def cuts_flat(self, at: int, length: int) -> set[int]:
        """The offsets in ``[0, length]`` (from ``at``) where a link begins or ends, and
        both ends."""
        marks = {0, length}
        first = max(bisect.bisect_right(self.starts, at) - 1, 0)
        last = bisect.bisect_left(self.starts, at + length)  # (not a copy of all the rest)
        for start, end in zip(self.starts[first:last], self.ends[first:last], strict=True):
            marks.update(p - at for p in (start, end) if at < p < at + length)
        return marks

    def cuts(self, at: int, length: int) -> list[tuple[int, int]]:
        return list(itertools.pairwise(sorted(self.cuts_flat(at, length))))


class Hyperlinks:
    """The ``w:hyperlink`` elements of a Word part: a place in the document (``#name``)
    by its bookmark's name, any other target through an external relationship of the
    part, made once a target. (python-docx's ``relate_to`` reads every relationship of
    the part at each call: a redline of 8,000 links took minutes.)"""

    def __init__(self, part: Any) -> None:
        self.rels = part.rels
        self.ids: dict[str, str] = {}  # by target
        self.next = len(self.rels) + 1

    def link(self, target: str) -> Any:
        """A new ``w:hyperlink`` to ``target``."""
        link = OxmlElement("w:hyperlink")
        if target.startswith("#"):
            link.set(qn("w:anchor"), target[1:])
        else:
            link.set(qn("r:id"), self._related(target))
        return link

    def _related(self, target: str) -> str:
        """The id of the part's relationship to ``target``, made if new."""
        found = self.ids.get(target)
        if found is None:
            while f"rId{self.next}" in self.rels:
                self.next += 1
            found = self.ids[target] = f"rId{self.next}"
            self.rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, target, found, True)
        return found


def place_bookmarks(comparison: Comparison) -> dict[tuple[int, int], list[str]]:
    """The bookmarks a heading may carry, by its block (side, index): each place the
    versions' links name (``#rights``), at the headings whose title gives that name as
    Markdown renderers name headings (``heading_names``), so that the link leads there
    in Word and reads back as a link. The writer writes each name once, at the first
    of its headings it writes (an unchanged heading is written once, from either side)."""
    wanted = {
        name
        for doc in (comparison.old, comparison.new)
        for link in hyperlinks(doc)
        if (name := place_named(link.target))
    }
    marks: dict[tuple[int, int], list[str]] = {}
    if not wanted:
        return marks
    for side, doc in enumerate((comparison.old, comparison.new)):
        headings = [i for i, block in enumerate(doc.blocks) if block.kind is BlockKind.HEADING]
        titles = (doc.blocks[i].span.of(doc.text) for i in headings)
        for index, names in zip(headings, heading_names(titles), strict=True):
            if names & wanted:
                marks[side, index] = sorted(names & wanted)
    return marks


def bookmark(paragraph: Any, name: str, number: int) -> None:
    """An empty bookmark ``name`` at the start of ``paragraph`` (a place a link names)."""
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(number), qn("w:name"): name})
    end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(number)})
    properties = paragraph.find(qn("w:pPr"))
    at = 0 if properties is None else list(paragraph).index(properties) + 1
    paragraph.insert(at, end)
    paragraph.insert(at, start)
