"""Link target changes: the same visible text now pointing somewhere else, or the
same alternative text now showing another picture.

Link targets and image sources are kept out of the Document's text, so a tracking
parameter added to a URL is not a word change, nor a screenshot replaced under the
same alternative text. Each is still a change, of a low-key kind of its own,
reported here unless ``ignore_links`` (or, for images, ``ignore_images``) is set.
A linked image is two Links on the
same words, one of each kind, each compared with its own kind only.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence

from variorum.comparison import LinkChange, Op, OpKind, Row, RowKind, TextMove
from variorum.document import PICTURE, Document, Link, LinkKind, Span
from variorum.options import CompareOptions

ALL = frozenset(LinkKind)
"""Every kind of link: hyperlinks and images."""


def link_changes(
    rows: tuple[Row, ...],
    old: Document,
    new: Document,
    kinds: Collection[LinkKind] = ALL,
    moves: Sequence[TextMove] = (),
) -> tuple[LinkChange, ...]:
    """Links (of ``kinds``) whose visible text is unchanged, or edited but for some
    words, and whose target is not; and pictures without alternative text added,
    removed or replaced by an edit (none inside the sentences that ``moves`` moved)."""
    old_links, new_links = _of_kinds(old.links, kinds), _of_kinds(new.links, kinds)
    if not old_links and not new_links:
        return ()
    old_starts = [link.span.start for link in old_links]
    new_starts = [link.span.start for link in new_links]
    new_by_span = {(link.span.start, link.span.end, link.kind): link for link in new_links}
    new_by_kind = {kind: _Sorted(new_links, kind) for kind in kinds}
    seen_new: set[tuple[int, int, LinkKind]] = set()
    found: list[LinkChange] = []
    for row in rows:
        if row.kind in (RowKind.INSERTED, RowKind.DELETED, RowKind.MOVED_FROM):
            continue
        for op in row.ops:
            if op.kind is not OpKind.EQUAL or len(op.old) != len(op.new):
                continue
            shift = op.new.start - op.old.start
            first = bisect.bisect_left(old_starts, op.old.start)
            for link in old_links[first:]:
                if link.span.start >= op.old.end:
                    break
                if link.span.end > op.old.end:
                    continue
                span = (link.span.start + shift, link.span.end + shift, link.kind)
                counterpart = new_by_span.get(span)
                seen_new.add(span)
                if counterpart is None or counterpart.target != link.target:
                    found.append(LinkChange(row.index, link, counterpart))
            found.extend(
                _added(row.index, op.new.start, op.new.end, new_links, new_starts, seen_new)
            )
        if row.kind is not RowKind.EQUAL:
            first = bisect.bisect_left(old_starts, row.old.start)
            found.extend(_edited(row, old_links, first, new_by_kind, seen_new))
    found.extend(_moved(moves, old_links, new_by_span))
    if LinkKind.IMAGE in kinds:
        found.extend(_pictures(rows, old, new, moves))
    found.sort(key=lambda change: change.row)  # (stable: a row's own order kept)
    return tuple(found)


def _moved(
    moves: Sequence[TextMove],
    old: tuple[Link, ...],
    new_by_span: dict[tuple[int, int, LinkKind], Link],
) -> list[LinkChange]:
    """Links and images inside a sentence that moved between blocks (word for word)
    whose target changed on the way: told where the sentence arrived."""
    found = []
    starts = [link.span.start for link in old]
    for move in moves:
        shift = move.new.start - move.old.start
        for link in old[bisect.bisect_left(starts, move.old.start) :]:
            if link.span.start >= move.old.end:
                break
            if link.span.end <= move.old.end:
                other = new_by_span.get((link.span.start + shift, link.span.end + shift, link.kind))
                if other is not None and other.target != link.target:
                    found.append(LinkChange(move.new_row, link, other))
    return found


def _pictures(
    rows: tuple[Row, ...], old: Document, new: Document, moves: Sequence[TextMove]
) -> list[LinkChange]:
    """Pictures without alternative text (``PICTURE``) that an edit removed or added:
    the redline shows ``[image “map.png”]`` struck or inserted, these tell the source.
    Removed and added in one op, in that order, they are one picture replaced (or the
    same picture, which no note repeats). A block that moved is told where it arrived
    (its old end shows no edit)."""
    found: list[LinkChange] = []
    if not old.pictures and not new.pictures:
        return found
    moved_old, moved_new = [move.old for move in moves], [move.new for move in moves]
    for row in rows:
        if row.kind is RowKind.MOVED_FROM:
            continue
        for op in row.ops:
            if op.kind is OpKind.EQUAL or op.kind is OpKind.RENUMBER:
                continue
            removed = _in(old, op.old, moved_old)
            added = _in(new, op.new, moved_new)
            found += _worded(row, removed, _with_words(new, op.new), old_side=True)
            found += _worded(row, added, _with_words(old, op.old), old_side=False)
            for before, after in zip(removed, added, strict=False):
                if before.target != after.target:
                    found.append(LinkChange(row.index, before, after))
            paired = min(len(removed), len(added))
            found += [LinkChange(row.index, image, None) for image in removed[paired:]]
            found += [LinkChange(row.index, None, image) for image in added[paired:]]
    return found


def _with_words(document: Document, span: Span) -> list[Link]:
    """The images inside ``span`` of ``document`` that have alternative text."""
    return [image for image in document.images_in(span) if image.span.of(document.text) != PICTURE]


def _worded(row: Row, pictures: list[Link], worded: list[Link], old_side: bool) -> list[LinkChange]:
    """The notes of ``pictures`` (without alternative text, on one side of an edit) that
    the other side shows with alternative text (``worded``), taken out of ``pictures``:
    none where the source is the same (the picture stays; its words were added or taken
    away), a change of source where it is not. What is left of ``pictures`` was added
    or removed."""
    found: list[LinkChange] = []
    for picture in list(pictures):
        twin = next((image for image in worded if image.target == picture.target), None)
        if twin is None and worded:
            twin = worded[0]
            found.append(
                LinkChange(row.index, picture, twin)
                if old_side
                else LinkChange(row.index, twin, picture)
            )
        if twin is not None:
            worded.remove(twin)
            pictures.remove(picture)
    return found


def _in(document: Document, span: Span, moved: list[Span]) -> list[Link]:
    """The pictures without alternative text inside ``span`` of ``document``, but for
    those in ``moved`` sentences."""
    text, at = document.text, span.start
    found: list[Link] = []
    if not document.pictures:
        return found
    while (at := text.find(PICTURE, at, span.end)) >= 0:
        image = document.image_at(at)
        inside = any(part.start <= at < part.end for part in moved)
        if image is not None and len(image.span) == 1 and not inside:
            found.append(image)
        at += 1
    return found


def _edited(
    row: Row,
    old: tuple[Link, ...],
    first: int,
    new: dict[LinkKind, _Sorted],
    seen: set[tuple[int, int, LinkKind]],
) -> list[LinkChange]:
    """Links whose words were edited, some kept, and whose target changed too: ``Home
    screen`` → ``Home page`` now showing another picture. The word change shows; the new
    target would not. An old and a new link of one kind are the same link when a word
    the edit kept lies in both. ``first``: the first old link that may lie in the row."""
    kept = [op for op in row.ops if op.kind is OpKind.EQUAL and len(op.old) == len(op.new)]
    if len(kept) == len(row.ops):
        return []  # (no edit: every link lies whole in an unchanged stretch)
    found = []
    for index in range(first, len(old)):  # (no copy of the rest, no skipping to it)
        link = old[index]
        if link.span.start >= row.old.end:
            break
        if link.span.end > row.old.end or any(
            op.old.start <= link.span.start and link.span.end <= op.old.end for op in kept
        ):
            continue  # (compared by the unchanged stretch it lies in)
        for at in _kept_positions(link, kept):
            other = new[link.kind].covering(at)
            if other is not None and (other.span.start, other.span.end, other.kind) not in seen:
                seen.add((other.span.start, other.span.end, other.kind))
                if other.target != link.target:
                    found.append(LinkChange(row.index, link, other))
                break
    return found


def _kept_positions(link: Link, kept: list[Op]) -> list[int]:
    """Where the link's kept words stand in the new text: one place per unchanged
    stretch it overlaps."""
    return [
        op.new.start + max(op.old.start, link.span.start) - op.old.start
        for op in kept
        if op.old.start < link.span.end and link.span.start < op.old.end
    ]


class _Sorted:
    """One kind of a version's links by where they start (links of one kind do not
    overlap: a link holds no link, an image's alternative text no image)."""

    def __init__(self, links: tuple[Link, ...], kind: LinkKind) -> None:
        self.links = [link for link in links if link.kind is kind]
        self.starts = [link.span.start for link in self.links]

    def covering(self, at: int) -> Link | None:
        """The link whose words hold offset ``at``, if any."""
        index = bisect.bisect_right(self.starts, at) - 1
        link = self.links[index] if index >= 0 else None
        return link if link is not None and at < link.span.end else None


def compared_kinds(options: CompareOptions) -> frozenset[LinkKind]:
    """The kinds of Link whose targets are compared: links, images, both or none."""
    ignored = {LinkKind.LINK: options.ignore_links, LinkKind.IMAGE: options.ignore_images}
    return frozenset(kind for kind, off in ignored.items() if not off)


def _of_kinds(links: tuple[Link, ...], kinds: Collection[LinkKind]) -> tuple[Link, ...]:
    """The links of ``kinds`` (the same tuple when every kind is asked for)."""
    if len(kinds) == len(ALL):
        return links
    return tuple(link for link in links if link.kind in kinds)


def _added(
    row: int,
    start: int,
    end: int,
    new: tuple[Link, ...],
    starts: list[int],
    seen: set[tuple[int, int, LinkKind]],
) -> list[LinkChange]:
    """New links on text that was unchanged but not a link (of that kind) before."""
    added = []
    for link in new[bisect.bisect_left(starts, start) :]:
        if link.span.start >= end:
            break
        span = (link.span.start, link.span.end, link.kind)
        if link.span.end <= end and span not in seen:
            added.append(LinkChange(row, None, link))
    return added
