"""The W3C Web Annotation data model, as small frozen values with no I/O.

An Annotation holds a Body (Markdown text and tags) and a target: a ``Target``
(one version of the document, described by a TextPositionSelector and a
TextQuoteSelector) or a ``ChangeTarget`` (both sides of a change between two
versions). Each selector converts symmetrically: ``from_span``/``to_span`` between a
selector and a Span of a text, ``from_selector``/``to_selector`` between a selector
and its W3C JSON form.

>>> text = "Not to use information weapons.\\n"
>>> quote = TextQuoteSelector.from_span(text, Span(11, 30))
>>> quote.exact, quote.prefix, quote.suffix
('information weapons', 'Not to use ', '.\\n')
>>> quote.to_span("(2) Not to use information weapons.\\n")
Span(start=15, end=34)
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeGuard

from variorum.document import Document, Span
from variorum.errors import VariorumError

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept around a quote (as the Hypothesis client does):
enough to tell repeated phrases apart, short enough to survive nearby edits."""

MOTIVATIONS = frozenset(
    {
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    }
)
"""The motivations the W3C model names; any other must be an IRI."""


class AnnotationError(VariorumError):
    """An annotation, selector or annotation file that cannot be used as given."""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """W3C TextPositionSelector: character offsets into a version's canonical text."""

    TYPE: ClassVar[str] = "TextPositionSelector"

    start: int
    """Offset of the first selected character."""
    end: int
    """Offset just past the last selected character."""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise AnnotationError(f"{self.TYPE} {self.start}-{self.end} is not a range of offsets")

    @classmethod
    def from_span(cls, span: Span) -> TextPositionSelector:
        """The selector of ``span``."""
        return cls(span.start, span.end)

    def to_span(self, text: str) -> Span | None:
        """The span it selects in ``text``, or None when it lies outside the text."""
        return Span(self.start, self.end) if self.end <= len(text) else None

    @classmethod
    def from_selector(cls, data: Mapping[str, Any]) -> TextPositionSelector:
        """Read the W3C JSON form; offsets must be non-negative integers."""
        start, end = data.get("start"), data.get("end")
        if not _is_offset(start) or not _is_offset(end):
            raise AnnotationError(f"{cls.TYPE} needs integer start and end, got {start!r}, {end!r}")
        return cls(start, end)

    def to_selector(self) -> dict[str, Any]:
        """The W3C JSON form."""
        return {"type": self.TYPE, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """W3C TextQuoteSelector: the quoted words and a little text either side of them."""

    TYPE: ClassVar[str] = "TextQuoteSelector"

    exact: str
    """The selected text, exactly."""
    prefix: str = ""
    """Text just before it (up to ``CONTEXT_CHARS``)."""
    suffix: str = ""
    """Text just after it (up to ``CONTEXT_CHARS``)."""

    @classmethod
    def from_span(cls, text: str, span: Span, context: int = CONTEXT_CHARS) -> TextQuoteSelector:
        """Describe ``span`` of ``text`` by its words and ``context`` characters around."""
        if span.end > len(text):
            raise AnnotationError(f"span {span.start}-{span.end} is outside a text of {len(text)}")
        before = text[max(0, span.start - context) : span.start]
        return cls(span.of(text), before, text[span.end : span.end + context])

    def to_span(self, text: str, hint: int | None = None) -> Span | None:
        """Find the quote in ``text`` (exactly, else approximately), or None."""
        # the model loads rapidfuzz only when a quote is looked for: import variorum and
        # reading annotations stay quick (match_quote imports nothing of the model)
        from variorum.annotations.match_quote import match_quote

        found = match_quote(text, self.exact, self.prefix, self.suffix, hint)
        return found.span if found is not None else None

    @classmethod
    def from_selector(cls, data: Mapping[str, Any]) -> TextQuoteSelector:
        """Read the W3C JSON form; ``exact`` is required, prefix and suffix optional."""
        values = [data.get(key, "") for key in ("exact", "prefix", "suffix")]
        if "exact" not in data or not all(isinstance(value, str) for value in values):
            raise AnnotationError(f"{cls.TYPE} needs a string 'exact' (and string prefix/suffix)")
        return cls(*values)

    def to_selector(self) -> dict[str, Any]:
        """The W3C JSON form (empty prefix or suffix left out)."""
        out: dict[str, Any] = {"type": self.TYPE, "exact": self.exact}
        if self.prefix:
            out["prefix"] = self.prefix
        if self.suffix:
            out["suffix"] = self.suffix
        return out


@dataclass(frozen=True, slots=True)
class Target:
    """A passage of one version: where it was (position) and what it said (quote)."""

    version: str
    """The label of the version annotated, such as ``2011``."""
    quote: TextQuoteSelector
    """The quoted words with their context: what anchoring verifies and searches for."""
    position: TextPositionSelector | None = None
    """Offsets into the version's text when made; tried first, trusted only if the
    quote is still there."""

    @classmethod
    def from_span(cls, document: Document, span: Span) -> Target:
        """Describe ``span`` of ``document`` by position and quote."""
        return cls(
            document.version,
            TextQuoteSelector.from_span(document.text, span),
            TextPositionSelector.from_span(span),
        )

    @classmethod
    def from_quote(cls, document: Document, exact: str, occurrence: int | None = None) -> Target:
        """The passage of ``document`` quoting ``exact``; ``occurrence`` (1-based) picks
        one when the words occur more than once."""
        from variorum.annotations.match_quote import occurrences  # as in ``to_span``

        starts = occurrences(document.text, exact) if exact else []
        name = f"version {document.version!r}" if document.version else "the text"
        if not starts:
            raise AnnotationError(f"{exact!r} does not occur in {name}")
        if occurrence is None and len(starts) > 1:
            raise AnnotationError(
                f"{exact!r} occurs {len(starts)} times in {name}: quote more words, or choose"
                f" an occurrence (1 to {len(starts)})"
            )
        index = (occurrence or 1) - 1
        if not 0 <= index < len(starts):
            count = len(starts)
            raise AnnotationError(f"{exact!r} occurs {count} times in {name}, not {occurrence}")
        return cls.from_span(document, Span(starts[index], starts[index] + len(exact)))


@dataclass(frozen=True, slots=True)
class ChangeTarget:
    """A change of a Comparison: the passage in the old version and what stands for it
    in the new one (either side may be empty, for an insertion or a deletion)."""

    old: Target
    """The old side of the change."""
    new: Target
    """The new side of the change."""

    def __post_init__(self) -> None:
        if self.old.version == self.new.version:
            version = self.old.version
            raise AnnotationError(f"a change needs two versions, both sides are {version!r}")


AnyTarget = Target | ChangeTarget
"""What an annotation can be about."""


@dataclass(frozen=True, slots=True)
class Body:
    """What the analyst wrote: Markdown text and tags."""

    text: str = ""
    """The note, in Markdown (rendered and sanitized by ``html``)."""
    tags: tuple[str, ...] = ()
    """Tags for filtering, in the order given."""

    def html(self) -> str:
        """The note as sanitized HTML: no script, style or event handler survives."""
        from variorum.annotations.markdown import markdown_to_html  # markdown-it only when used

        return markdown_to_html(self.text)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A W3C Web Annotation: who said what about which passage, and when."""

    id: str
    """An IRI naming the annotation: ``urn:uuid:...`` for new ones."""
    target: AnyTarget
    """The passage of one version, or a change between two."""
    body: Body = field(default_factory=Body)
    """The note and its tags."""
    creator: str = ""
    """Who wrote it: a name, or an IRI such as ``acct:name@example.org``."""
    created: str = ""
    """When it was made, ISO 8601 with a time zone (``2015-01-13T09:30:00Z``)."""
    modified: str = ""
    """When it was last changed, ISO 8601 with a time zone, or empty."""
    motivation: str = "commenting"
    """Why: a W3C motivation (``commenting``, ``describing``, ...) or an IRI."""
    draft: bool = False
    """Not yet published: kept in the project, left out of published pages."""
    via: str = ""
    """The IRI this annotation had where it came from (W3C ``via``), such as the id a
    client gave it before a server named it anew; empty if none."""

    def __post_init__(self) -> None:
        if not self.id:
            raise AnnotationError("an annotation needs an id")
        if self.motivation not in MOTIVATIONS and ":" not in self.motivation:
            raise AnnotationError(f"annotation {self.id}: unknown motivation {self.motivation!r}")
        for name in ("created", "modified"):
            check_timestamp(getattr(self, name), f"annotation {self.id}: {name}")

    @classmethod
    def new(
        cls,
        target: AnyTarget,
        text: str = "",
        tags: tuple[str, ...] = (),
        creator: str = "",
        motivation: str = "commenting",
    ) -> Annotation:
        """A fresh annotation with a random ``urn:uuid`` id, created now."""
        return cls(new_id(), target, Body(text, tags), creator, now(), "", motivation)

    @property
    def versions(self) -> tuple[str, ...]:
        """The labels of the versions it targets (two for a change)."""
        if isinstance(self.target, ChangeTarget):
            return (self.target.old.version, self.target.new.version)
        return (self.target.version,)

    @property
    def short_id(self) -> str:
        """The last 8 characters of the id's final segment, for listings."""
        tail = self.id.replace("urn:uuid:", "").rstrip("/").rsplit("/", 1)[-1]
        return tail[:8] if self.id.startswith("urn:uuid:") else tail[-8:]


def new_id() -> str:
    """A random, globally unique annotation IRI."""
    return f"urn:uuid:{uuid.uuid4()}"


def now() -> str:
    """The current time as ISO 8601 UTC with seconds, as W3C ``created`` values are."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def check_timestamp(value: str, where: str) -> None:
    """Refuse a non-empty timestamp that is not ISO 8601 with a time zone."""
    if not value:
        return
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise AnnotationError(f"{where} {value!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        raise AnnotationError(f"{where} {value!r} has no time zone")


def _is_offset(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def selectors_of(data: Any) -> tuple[TextQuoteSelector | None, TextPositionSelector | None]:
    """The quote and position selectors among a target's W3C selectors (one selector or a
    list of them; other kinds are ignored)."""
    quote = position = None
    selectors = [] if data is None else data if isinstance(data, list) else [data]
    for selector in selectors:
        if not isinstance(selector, Mapping):
            raise AnnotationError(f"a selector must be an object, got {selector!r:.40}")
        if selector.get("type") == TextQuoteSelector.TYPE:
            quote = TextQuoteSelector.from_selector(selector)
        elif selector.get("type") == TextPositionSelector.TYPE:
            position = TextPositionSelector.from_selector(selector)
    return quote, position
