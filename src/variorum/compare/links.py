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
from collections.abc import Collection

from variorum.comparison import LinkChange, OpKind, Row, RowKind
from variorum.document import Document, Link, LinkKind
from variorum.options import CompareOptions

ALL = frozenset(LinkKind)
"""Every kind of link: hyperlinks and images."""


def link_changes(
    rows: tuple[Row, ...], old: Document, new: Document, kinds: Collection[LinkKind] = ALL
) -> tuple[LinkChange, ...]:
    """Links (of ``kinds``) whose visible text is unchanged but whose target is not."""
    old_links, new_links = _of_kinds(old.links, kinds), _of_kinds(new.links, kinds)
    if not old_links and not new_links:
        return ()
    old_starts = [link.span.start for link in old_links]
    new_starts = [link.span.start for link in new_links]
    new_by_span = {(link.span.start, link.span.end, link.kind): link for link in new_links}
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
    return tuple(found)


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
