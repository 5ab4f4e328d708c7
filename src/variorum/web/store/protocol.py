"""What the Web Annotation Protocol adds to the store: annotations as API clients send
them, tag counts for completion, and carrying reported annotation by annotation.

A client may name a target's version by its label or by the version's API address,
may leave the source out when it posts into that version's container, and may give
only a TextQuoteSelector or only a TextPositionSelector: the other one is made from
the version's canonical text, so every stored target has both.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from variorum.annotations.anchor import anchor
from variorum.annotations.jsonld import STATUS, from_jsonld
from variorum.annotations.match_quote import occurrences
from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
    new_id,
    selectors_of,
)
from variorum.document import Span
from variorum.web.models import AnnotationRecord, ProjectRecord, Status, VersionRecord
from variorum.web.store.annotations import carry_forward, current_annotations, live_annotations
from variorum.web.store.documents import document_of

TERMS = {
    "status": "urn:variorum:status",
    "revision": "urn:variorum:revision",
    "carried": "urn:variorum:carried",
}
"""Variorum's own keys of an annotation in the API as JSON-LD terms (added to its
``@context``), so that a JSON-LD processor keeps them: the W3C context alone does not
define them, and processors drop undefined keys."""


def read_annotation(
    data: Any, project: ProjectRecord, container: VersionRecord | None = None, status: str = "draft"
) -> tuple[Annotation, str]:
    """The library's Annotation (with a fresh id) and its status from the JSON-LD a
    client sent; ``status`` is used when the client gives none."""
    if not isinstance(data, dict):
        raise AnnotationError("the annotation must be a JSON object")
    versions = {version.label: version for version in project.live_versions()}
    targets = data.get("target")
    if targets is None:
        raise AnnotationError("the annotation has no 'target'")
    completed = [
        _complete(target, versions, container)
        for target in (targets if isinstance(targets, list) else [targets])
    ]
    chosen = data.get("status", status)
    if chosen not in Status.values:
        known = ", ".join(Status.values)
        raise AnnotationError(f"'status' must be one of {known}, got {chosen!r:.40}")
    ignored = ("@context", "id", "via", STATUS)  # the status column holds it, not the JSON-LD
    clean = {key: value for key, value in data.items() if key not in ignored}
    note = from_jsonld(
        {
            "type": "Annotation",
            **clean,
            "id": _canonical(data.get("canonical")),
            "target": completed if isinstance(targets, list) else completed[0],
        }
    )
    return note, chosen


def _canonical(given: Any) -> str:
    """The IRI an annotation is made with: the client's ``canonical`` (the protocol
    keeps it), else a new ``urn:uuid``."""
    if given is None:
        return new_id()
    if not isinstance(given, str) or not IRI.fullmatch(given):
        raise AnnotationError(f"'canonical' must be an absolute IRI, not {given!r:.60}")
    return given


IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]{1,290}")
"""An absolute IRI (a scheme, then no spaces or delimiters), as short as the column."""


def label_of(source: str, labels: Any) -> str | None:
    """The version label a target ``source`` names: the label itself, or the version's
    API address (``.../versions/<label>/``, its label percent-encoded)."""
    if source in labels:
        return source
    path = urlsplit(source).path.rstrip("/")
    head, _, tail = path.rpartition("/")
    label = unquote(tail)
    return label if head.endswith("/versions") and label in labels else None


def _complete(
    target: Any, versions: dict[str, VersionRecord], container: VersionRecord | None
) -> Any:
    """``target`` with its source as a label and both selectors (a target that is not
    an object is left for the JSON-LD reader to refuse)."""
    if not isinstance(target, dict):
        return target
    source = target.get("source", container.label if container is not None else None)
    if not isinstance(source, str):
        return target
    label = label_of(source, versions)
    if label is None:
        known = ", ".join(versions) or "none yet"
        raise AnnotationError(f"no version {source!r} in this project (versions: {known})")
    quote, position = selectors_of(target.get("selector"))
    if quote is None and position is None:
        return {**target, "source": label}
    text = document_of(versions[label]).text
    if quote is None:
        assert position is not None
        quote = _quote_at(text, position, label)
    elif position is None:
        position = _position_of(text, quote, label)
        quote = TextQuoteSelector.from_span(text, Span(position.start, position.end))
    selectors = [position.to_selector(), quote.to_selector()]
    return {**target, "source": label, "selector": selectors}


def _quote_at(text: str, position: TextPositionSelector, label: str) -> TextQuoteSelector:
    if position.end > len(text) or position.start == position.end:
        raise AnnotationError(
            f"the TextPositionSelector {position.start}-{position.end} selects nothing in"
            f" version {label!r}, whose text has {len(text)} characters"
        )
    return TextQuoteSelector.from_span(text, Span(position.start, position.end))


def _position_of(text: str, quote: TextQuoteSelector, label: str) -> TextPositionSelector:
    found = anchor(Target(label, quote), text)
    if found.span is None or found.changed:
        count = len(occurrences(text, quote.exact)) if quote.exact else 0
        if count > 1:
            raise AnnotationError(
                f"{quote.exact[:60]!r} occurs {count} times in version {label!r}: give a"
                " prefix or suffix that tells which, or a TextPositionSelector"
            )
        raise AnnotationError(f"the passage {quote.exact[:60]!r} is not in version {label!r}")
    return TextPositionSelector.from_span(found.span)


def tag_counts(project: ProjectRecord) -> list[tuple[str, int]]:
    """The tags of the project's live annotations with how many use each, most used
    first, then alphabetically."""
    counts: Counter[str] = Counter()
    for tags in live_annotations(project).values_list("tags", flat=True):
        counts.update(tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


@dataclass(frozen=True, slots=True)
class CarryReport:
    """What became of one annotation carried from one version to another."""

    source: AnnotationRecord
    """The annotation on the earlier version."""
    status: str
    """intact, changed, moved, deleted or orphaned."""
    copy: AnnotationRecord | None
    """Its draft copy on the later version (for a passage that is gone, a lost copy
    keeping the old target); None if that copy was deleted."""


def carry_between(
    project: ProjectRecord, old: VersionRecord, new: VersionRecord, user: Any
) -> list[CarryReport]:
    """Carry the annotations of ``old`` onto ``new`` (again: each one at most once)
    and say what became of each."""
    if old.pk == new.pk:
        raise AnnotationError("carrying needs two different versions")
    carried = carry_forward(project, old, new, user)
    sources = {row.iri: row for row in live_annotations(project).filter(version=old)}
    copies = {
        row.carried_from_id: row
        for row in current_annotations(project).filter(version=new, carried_from__isnull=False)
    }
    reports = []
    for item in carried:
        source = sources[item.annotation.id]
        reports.append(CarryReport(source, item.status.value, copies.get(source.pk)))
    return reports
