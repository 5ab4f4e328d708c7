"""Reading the JSON of the Hypothesis API (``/api/annotations/{id}`` and
``/api/search``) as Variorum annotations.

A Hypothesis annotation has ``text`` (Markdown), ``tags``, ``user`` and
``user_info``, ``created`` and ``updated``, a ``uri`` and a ``target`` list whose
selectors include a TextQuoteSelector. Page notes (no selector) and replies (they
annotate an annotation) have no passage here and are skipped with a reason.

>>> item = {"id": "a1", "uri": "https://example.org/code", "text": "Note.", "tags": ["rights"],
...         "user": "acct:ana@hypothes.is", "created": "2015-01-13T10:00:00+00:00",
...         "target": [{"source": "https://example.org/code",
...                     "selector": [{"type": "TextQuoteSelector", "exact": "article 19"}]}]}
>>> note = from_hypothesis(item, lambda source: "2015")
>>> note.id, note.target.version, note.body.tags, note.creator
('https://hypothes.is/a/a1', '2015', ('rights',), 'acct:ana@hypothes.is')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from variorum.annotations.model import Annotation, AnnotationError, Body, Target, selectors_of

Resolver = Callable[[str], str | None]
"""Maps a document's URI (a target's ``source``) to a version label; None when it
names no version. W3C JSON-LD import uses it too."""

LINK = "https://hypothes.is/a/{id}"
"""The IRI of a Hypothesis annotation: its id in the W3C model."""


def is_hypothesis(data: Mapping[str, Any]) -> bool:
    """Whether an object is a Hypothesis API annotation rather than W3C JSON-LD."""
    return "type" not in data and ("uri" in data or "user" in data) and "target" in data


def from_hypothesis(data: Mapping[str, Any], resolve: Resolver | None = None) -> Annotation | str:
    """The annotation, or a one-line reason why it has no passage to anchor."""
    ident = data.get("id")
    if not isinstance(ident, str) or not ident:
        raise AnnotationError("a Hypothesis annotation has no 'id'")
    link = ident if "://" in ident else LINK.format(id=ident)
    if data.get("references"):
        return f"{link}: a reply to another annotation"
    targets = data.get("target") or [{}]
    first = targets[0] if isinstance(targets, list) and targets else {}
    if not isinstance(first, Mapping):
        raise AnnotationError(f"annotation {link}: 'target' must hold objects")
    quote, position = selectors_of(first.get("selector"))
    if quote is None:
        return f"{link}: a page note, not attached to a passage"
    source = str(first.get("source") or data.get("uri") or "")
    version = (resolve or (lambda uri: uri))(source)
    if version is None:
        raise AnnotationError(
            f"annotation {link}: its document {source!r} is not a version of this project"
        )
    text, tags = data.get("text") or "", data.get("tags") or []
    if not isinstance(text, str) or not all(isinstance(tag, str) for tag in tags):
        raise AnnotationError(f"annotation {link}: 'text' and 'tags' must be strings")
    try:
        return Annotation(
            id=link,
            target=Target(version, quote, position),
            body=Body(text, tuple(tags)),
            creator=_creator(data),
            created=str(data.get("created") or ""),
            modified=str(data.get("updated") or ""),
            motivation="commenting" if text or tags else "highlighting",
        )
    except AnnotationError as error:
        raise AnnotationError(f"annotation {link}: {error}") from None


def _creator(data: Mapping[str, Any]) -> str:
    info = data.get("user_info")
    name = info.get("display_name") if isinstance(info, Mapping) else None
    return str(name or data.get("user") or "")
