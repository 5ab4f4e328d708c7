"""W3C Web Annotation JSON-LD: export annotations, and import them from other tools.

Export writes the W3C model with its context (``http://www.w3.org/ns/anno.jsonld``):
a TextualBody in Markdown for the note, one ``tagging`` TextualBody per tag, and a
SpecificResource target whose ``source`` names the version and whose selectors are a
TextPositionSelector and a TextQuoteSelector. A change between two versions is two
targets, the old side first. A file of annotations is an AnnotationCollection with
its first page embedded.

Import accepts one annotation, a list, an AnnotationCollection or AnnotationPage, and
the JSON of the Hypothesis API (one annotation, a list, or a search result), see
``variorum.annotations.hypothesis``. Export then import gives equal annotations.

>>> from variorum.annotations.model import Annotation, Body, Target, TextQuoteSelector
>>> note = Annotation("urn:uuid:1", Target("2015", TextQuoteSelector("article 19")), Body("New."))
>>> data = to_jsonld(note)
>>> data["@context"], data["type"], data["target"]["source"]
('http://www.w3.org/ns/anno.jsonld', 'Annotation', '2015')
>>> from_jsonld(data) == note
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from variorum.annotations.hypothesis import Resolver, from_hypothesis, is_hypothesis
from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    AnyTarget,
    Body,
    ChangeTarget,
    Target,
    selectors_of,
)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The W3C Web Annotation JSON-LD context."""
MARKDOWN = "text/markdown"
"""The media type of a note's text."""

STATUS = "variorum:status"
"""Variorum's extension key: ``"draft"`` for a note not yet published (absent, or
``"published"``, otherwise). Other readers ignore it."""


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import read: the annotations, and what it left out and why."""

    annotations: tuple[Annotation, ...]
    """The annotations read, in file order."""
    skipped: tuple[str, ...] = ()
    """One line per item left out (a Hypothesis page note or reply, ...)."""
    collection_id: str = ""
    """The id of the AnnotationCollection read, if the input was one."""


def to_jsonld(
    annotation: Annotation, sources: Mapping[str, str] | None = None, context: bool = True
) -> dict[str, Any]:
    """The W3C JSON-LD of one annotation; ``sources`` maps version labels to the IRIs
    written as target sources (default: the label itself)."""
    out: dict[str, Any] = {"@context": CONTEXT} if context else {}
    out |= {"id": annotation.id, "type": "Annotation", "motivation": annotation.motivation}
    if annotation.creator:
        out["creator"] = _creator_to_jsonld(annotation.creator)
    for name in ("created", "modified"):
        if getattr(annotation, name):
            out[name] = getattr(annotation, name)
    bodies = _bodies_to_jsonld(annotation.body)
    if bodies:
        out["body"] = bodies
    out["target"] = _target_to_jsonld(annotation.target, sources or {})
    if annotation.via:
        out["via"] = annotation.via
    if annotation.draft:
        out[STATUS] = "draft"
    return out


def collection_to_jsonld(
    annotations: Iterable[Annotation],
    collection_id: str,
    label: str = "",
    sources: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """An AnnotationCollection holding ``annotations`` in one embedded page."""
    items = [to_jsonld(annotation, sources, context=False) for annotation in annotations]
    out: dict[str, Any] = {"@context": CONTEXT, "id": collection_id, "type": "AnnotationCollection"}
    if label:
        out["label"] = label
    out["total"] = len(items)
    if items:
        page = {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0}
        out["first"] = page | {"items": items}
    return out


def dumps(data: Any) -> str:
    """JSON text for files meant to be read and diffed: indented, UTF-8, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def from_jsonld(data: Mapping[str, Any], resolve: Resolver | None = None) -> Annotation:
    """One W3C annotation from its JSON-LD; ``resolve`` maps target sources to version
    labels (default: the source is the label)."""
    ident = data.get("id")
    if not isinstance(ident, str) or not ident:
        raise AnnotationError("an annotation has no 'id'")
    if "Annotation" not in _as_list(data.get("type")):
        raise AnnotationError(f"annotation {ident}: its 'type' is not 'Annotation'")
    try:
        return Annotation(
            id=ident,
            target=_target_from_jsonld(data.get("target"), resolve or _same),
            body=_body_from_jsonld(data),
            creator=_creator_from_jsonld(data.get("creator")),
            created=_string(data, "created"),
            modified=_string(data, "modified"),
            motivation=_string(_first(data, "motivation"), "motivation") or "commenting",
            draft=_is_draft(data),
            via=_string(data, "via"),
        )
    except AnnotationError as error:
        message = str(error)
        raise AnnotationError(
            message if ident in message else f"annotation {ident}: {message}"
        ) from None


def parse_annotations(text: str | bytes, resolve: Resolver | None = None) -> Imported:
    """Read annotations from JSON text: W3C JSON-LD (one, a list, a collection or a
    page) or the JSON of the Hypothesis API."""
    deep = f"the JSON is nested deeper than {MAX_DEPTH} levels"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnnotationError(f"not JSON: {error.msg} at line {error.lineno}") from None
    except UnicodeDecodeError:
        raise AnnotationError("not JSON: the file is not UTF-8 text") from None
    except RecursionError:  # deeper than Python's own parser goes
        raise AnnotationError(deep) from None
    if nested_deeper(data, MAX_DEPTH):  # before any code walks it, recursively or not
        raise AnnotationError(deep)
    return read_annotations(data, resolve)


def nested_deeper(data: Any, depth: int) -> bool:
    """Whether ``data`` (parsed JSON) has arrays or objects nested deeper than
    ``depth``; walked with a stack, not recursion.

    >>> nested_deeper({"a": [1, {"b": []}]}, 4), nested_deeper({"a": [1, {"b": []}]}, 3)
    (False, True)
    """
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            if level > depth:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, level + 1) for child in children)
    return False


MAX_DEPTH = 64
"""The deepest nesting of arrays and objects read from annotation JSON (a collection
of annotations needs about ten)."""


def read_annotations(data: Any, resolve: Resolver | None = None) -> Imported:
    """Annotations from already-parsed JSON (see ``parse_annotations``)."""
    collection_id = ""
    if isinstance(data, Mapping) and "AnnotationCollection" in _as_list(data.get("type")):
        collection_id = str(data.get("id", ""))
    found: list[Annotation] = []
    skipped: list[str] = []
    for item in _items(data):
        if is_hypothesis(item):
            read = from_hypothesis(item, resolve)
            if isinstance(read, str):
                skipped.append(read)
            else:
                found.append(read)
        else:
            found.append(from_jsonld(item, resolve))
    return Imported(tuple(found), tuple(skipped), collection_id)


def _items(data: Any) -> Iterator[Mapping[str, Any]]:
    """The annotation objects of any accepted container."""
    if isinstance(data, list):
        for item in data:
            if not isinstance(item, Mapping):
                raise AnnotationError(f"expected annotation objects in the list, got {item!r:.40}")
            yield item
        return
    if not isinstance(data, Mapping):
        raise AnnotationError("expected a JSON object or list of annotations")
    kinds = _as_list(data.get("type"))
    if "AnnotationCollection" in kinds:
        page = data.get("first")
        while isinstance(page, Mapping):
            yield from _items(page.get("items", []))
            page = page.get("next")
        if page is not None:
            raise AnnotationError("the collection's pages are not embedded in the file")
    elif "AnnotationPage" in kinds:
        yield from _items(data.get("items", []))
    elif isinstance(data.get("rows"), list):  # a Hypothesis search result
        yield from _items(data["rows"])
    else:
        yield data


def _bodies_to_jsonld(body: Body) -> list[dict[str, Any]]:
    bodies = []
    if body.text:
        bodies.append({"type": "TextualBody", "value": body.text, "format": MARKDOWN})
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in body.tags]
    return bodies


def _body_from_jsonld(data: Mapping[str, Any]) -> Body:
    texts: list[str] = []
    tags: list[str] = []
    if isinstance(data.get("bodyValue"), str):
        texts.append(data["bodyValue"])
    for body in _as_list(data.get("body")):
        if isinstance(body, str):
            texts.append(f"<{body}>")  # a body that is a web page: keep it as a link
        elif not isinstance(body, Mapping):
            raise AnnotationError(f"a body must be an object or an IRI, got {body!r:.40}")
        elif "value" in body:
            value = body["value"]
            if not isinstance(value, str):
                raise AnnotationError("a TextualBody 'value' must be a string")
            (tags if "tagging" in _as_list(body.get("purpose")) else texts).append(value)
        elif isinstance(body.get("id") or body.get("source"), str):
            texts.append(f"<{body.get('id') or body.get('source')}>")
        else:
            raise AnnotationError("a body has neither a 'value' nor an 'id'")
    return Body("\n\n".join(texts), tuple(tags))


def _target_to_jsonld(target: AnyTarget, sources: Mapping[str, str]) -> Any:
    if isinstance(target, ChangeTarget):
        return [_target_to_jsonld(target.old, sources), _target_to_jsonld(target.new, sources)]
    selectors = [target.position.to_selector()] if target.position else []
    selectors.append(target.quote.to_selector())
    source = sources.get(target.version, target.version)
    return {"type": "SpecificResource", "source": source, "selector": selectors}


def _target_from_jsonld(data: Any, resolve: Resolver) -> AnyTarget:
    targets = _as_list(data)
    if len(targets) == 2:
        return ChangeTarget(_one_target(targets[0], resolve), _one_target(targets[1], resolve))
    if len(targets) != 1:
        raise AnnotationError(
            f"has {len(targets)} targets; Variorum reads one passage, or a change (two)"
        )
    return _one_target(targets[0], resolve)


def _one_target(data: Any, resolve: Resolver) -> Target:
    if not isinstance(data, Mapping):
        raise AnnotationError("targets a whole document, not a passage (no TextQuoteSelector)")
    source = data.get("source")
    if not isinstance(source, str) or not source:
        raise AnnotationError("a target has no 'source'")
    version = resolve(source)
    if version is None:
        raise AnnotationError(f"its target {source!r} is not a version of this project")
    quote, position = selectors_of(data.get("selector"))
    if quote is None:
        raise AnnotationError(f"its target {source!r} has no TextQuoteSelector")
    return Target(version, quote, position)


def _creator_to_jsonld(creator: str) -> Any:
    if creator.startswith(("acct:", "mailto:")) or "://" in creator:
        return creator
    return {"type": "Person", "name": creator}


def _creator_from_jsonld(data: Any) -> str:
    data = _as_list(data)[0] if _as_list(data) else ""
    if isinstance(data, Mapping):
        data = data.get("name") or data.get("nickname") or data.get("id") or ""
    if not isinstance(data, str):
        raise AnnotationError("a creator must be a name, an IRI or an Agent")
    return data


def _is_draft(data: Mapping[str, Any]) -> bool:
    """Whether an annotation's ``variorum:status`` says it is a draft (default: not)."""
    status: object = data.get(STATUS, "published")
    if status not in ("draft", "published"):
        raise AnnotationError(f"{STATUS!r} must be 'draft' or 'published', not {status!r:.40}")
    return status == "draft"


def _string(data: Any, key: str) -> str:
    value = data.get(key, "") if isinstance(data, Mapping) else data
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnnotationError(f"'{key}' must be a string, got {value!r:.40}")
    return value


def _first(data: Mapping[str, Any], key: str) -> Any:
    values = _as_list(data.get(key))
    return values[0] if values else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _same(source: str) -> str:
    return source
