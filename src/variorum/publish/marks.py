"""Annotated passages in the redline: the renderer's ``decorate`` hook.

The one HTML renderer (``variorum.render.html``) calls ``Marks`` for every piece of
text it writes. ``Marks`` splits a piece where a note's passage begins or ends, gives
each part the keys of the notes covering it (``data-a="key1 key2"``), and puts a
numbered reference to the note after the last part of its passage. The reference is
a real link (``href="#a-<key>"``): the keyboard and screen-reader path to the note,
and the note's number in print.

>>> from variorum.compare import compare
>>> from variorum.annotations.model import Annotation, Target
>>> from variorum.publish.notes import place_notes
>>> from variorum.render.html import redline
>>> c = compare("Not to use weapons.", "Not to use arms.")
>>> note = Annotation("urn:uuid:0badcafe-0000", Target.from_quote(c.new, "use arms"))
>>> html = redline(c, decorate=Marks(place_notes([note], c), ids=True))
>>> '<ins class="vr-edit" data-o="11" data-n="11" data-a="0badcafe">arms</ins>' in html
True
>>> '<a class="vr-ref vr-ref-ins" href="#a-0badcafe" data-a="0badcafe" id="a-0badcafe">' in html
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from variorum.comparison import Row, Side
from variorum.publish.notes import SIDES, Note
from variorum.render.pieces import Piece, Role

OLD_ROLES = frozenset(
    {Role.EQUAL, Role.DELETE, Role.RENUMBER_OLD, Role.MOVED_AWAY, Role.MOVED_HERE}
)
"""Pieces whose text is old text: their ``data-o`` offset advances along it (text that
moved here is old text too, equal under the options, as an equal piece is)."""
NEW_ROLES = frozenset({Role.EQUAL, Role.INSERT, Role.RENUMBER_NEW, Role.MOVED_HERE})
"""Pieces whose text is new text: their ``data-n`` offset advances along it."""


class _Coverage:
    """Which notes cover each stretch of one side's text, found by bisection."""

    def __init__(self, notes: Sequence[Note], side: Side) -> None:
        events: dict[int, list[tuple[int, str]]] = {}
        for note in notes:
            for found in note.ranges:
                if found.side == side:
                    events.setdefault(found.span.start, []).append((1, note.key))
                    events.setdefault(found.span.end, []).append((-1, note.key))
        self.bounds = sorted(events)
        self.keys: list[tuple[str, ...]] = []
        active: dict[str, int] = {}
        for bound in self.bounds:
            for change, key in events[bound]:
                active[key] = active.get(key, 0) + change
            self.keys.append(tuple(key for key, count in active.items() if count > 0))

    def at(self, offset: int) -> tuple[str, ...]:
        """The keys of the notes covering the character at ``offset``."""
        index = bisect_right(self.bounds, offset) - 1
        return self.keys[index] if index >= 0 else ()

    def cuts(self, start: int, end: int) -> list[int]:
        """Note boundaries strictly inside ``(start, end)``."""
        return self.bounds[bisect_right(self.bounds, start) : bisect_left(self.bounds, end)]


class Marks:
    """The ``decorate`` hook for one rendering of the redline.

    ``ids`` gives the first visible reference of each note the note's permalink id
    (``a-<key>``); only one view of a page may do so, since ids are unique.
    """

    def __init__(self, notes: Sequence[Note], ids: bool = False) -> None:
        self._cover = {side: _Coverage(notes, side) for side in SIDES}
        self._ends: dict[tuple[Side, int], list[Note]] = {}
        for note in sorted(notes, key=lambda n: n.number):
            for found in note.ranges:
                self._ends.setdefault((found.side, found.span.end), []).append(note)
        self._twins = {note.key for note in notes if {r.side for r in note.ranges} == set(SIDES)}
        self._ids = ids
        self._given: set[str] = set()

    def __call__(self, row: Row, piece: Piece) -> Iterator[tuple[Piece, str, str]]:
        role, text, old_at, new_at = piece
        old = row.stands_in(Side.OLD) and role in OLD_ROLES
        new = row.stands_in(Side.NEW) and role in NEW_ROLES
        cuts: set[int] = set()
        if old:
            cuts.update(
                at - old_at for at in self._cover[Side.OLD].cuts(old_at, old_at + len(text))
            )
        if new:
            cuts.update(
                at - new_at for at in self._cover[Side.NEW].cuts(new_at, new_at + len(text))
            )
        edges = [0, *sorted(cuts), len(text)]
        for start, end in pairwise(edges):
            o = old_at + start if role in OLD_ROLES else old_at
            n = new_at + start if role in NEW_ROLES else new_at
            keys = (self._cover[Side.OLD].at(o) if old else ()) + (
                self._cover[Side.NEW].at(n) if new else ()
            )
            attrs = f' data-a="{" ".join(dict.fromkeys(keys))}"' if keys else ""
            after = self._references(role, (old, o + end - start), (new, n + end - start))
            yield Piece(role, text[start:end], o, n), attrs, after

    def _references(self, role: Role, old: tuple[bool, int], new: tuple[bool, int]) -> str:
        """Numbered links to the notes whose passage ends here."""
        ending: list[tuple[Side, Note]] = []
        for side, (active, offset) in zip(SIDES, (old, new), strict=True):
            if active:
                ending.extend((side, note) for note in self._ends.get((side, offset), ()))
        return "".join(self._reference(role, side, note) for side, note in ending)

    def _reference(self, role: Role, side: Side, note: Note) -> str:
        classes = "vr-ref"
        if role in (Role.INSERT, Role.RENUMBER_NEW):
            classes += " vr-ref-ins"
        elif role in (Role.DELETE, Role.RENUMBER_OLD):
            classes += " vr-ref-del"
        twin = side == Side.OLD and note.key in self._twins
        if twin:
            classes += " vr-ref-twin"  # the new side's reference stands for both inline
        ident = ""
        if self._ids and not twin and note.key not in self._given:
            self._given.add(note.key)
            ident = f' id="a-{note.key}"'
        return (
            f'<a class="{classes}" href="#a-{note.key}" data-a="{note.key}"{ident}>'
            f'<span class="vr-sr">note </span>{note.number}</a>'
        )
