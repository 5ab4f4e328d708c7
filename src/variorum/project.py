"""The on-disk project folder: an analysis that is readable and diffable in git.

::

    my-analysis/
      variorum.toml        title, authors, introduction, the versions in order
      2011.txt             one file per version, as ingested
      2015.txt
      annotations.jsonld   the notes: a W3C AnnotationCollection

``variorum.toml`` is read with ``tomllib`` and edited with ``tomlkit``, which keeps
the comments and layout an analyst wrote by hand. Every write goes through a
temporary file renamed into place, so a failure never leaves a half-written file.
The format is documented in ``docs/project-format.md``.
"""

from __future__ import annotations

import datetime
import json
import tomllib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import tomlkit

from variorum.annotations.anchor import Anchor, anchor, anchor_annotation
from variorum.annotations.jsonld import Imported, collection_to_jsonld, dumps, parse_annotations
from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    AnyTarget,
    ChangeTarget,
    Target,
)
from variorum.document import Document
from variorum.errors import InputError, UsageError
from variorum.output import write_atomically
from variorum.project_rules import check_date, check_label, check_source, check_title

if TYPE_CHECKING:
    from variorum.ingest.together import FileToRead

PROJECT_FILE = "variorum.toml"
"""The name of the project's description file."""
ANNOTATIONS_FILE = "annotations.jsonld"
"""The default name of the project's annotation file."""
FORMAT_VERSION = 1
"""The version of the project format this code reads and writes."""

_TOP_KEYS = {"format_version", "title", "authors", "introduction", "annotations", "versions"}
_VERSION_KEYS = {"label", "file", "date", "source", "title", "format", "url"}


@dataclass(frozen=True, slots=True)
class Version:
    """One version of the document, as ``[[versions]]`` in variorum.toml lists it."""

    label: str
    """A short unique name: ``2011``, ``v2``, ``draft``."""
    file: str
    """The text's file, relative to the project folder (``/`` separated)."""
    date: str = ""
    """The version's date, ISO 8601 (``2011-09-14``), if known."""
    source: str = ""
    """Where it came from: a document symbol, a URL, a citation."""
    title: str = ""
    """The version's own title, when it differs from the project's."""
    format: str = ""
    """The input format (``text``, ``markdown``, ...); empty: from the file name."""
    url: str = ""
    """An IRI naming this version in exported annotations; empty: the file name."""


@dataclass(frozen=True)
class Project:
    """A project folder as described by its variorum.toml."""

    folder: Path
    """The folder holding variorum.toml."""
    title: str = ""
    """What the analysis is about."""
    authors: tuple[str, ...] = ()
    """Who wrote the analysis."""
    introduction: str = ""
    """Markdown shown before the redline when the analysis is published."""
    versions: tuple[Version, ...] = ()
    """The versions, oldest first."""
    annotations_file: str = ANNOTATIONS_FILE
    """The annotation file, relative to the folder."""
    _documents: dict[str, Document] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Versions already read, so that one command reads each file once."""

    @property
    def labels(self) -> list[str]:
        """The version labels, oldest first."""
        return [version.label for version in self.versions]

    def version(self, label: str) -> Version:
        """The version labelled ``label``."""
        for version in self.versions:
            if version.label == label:
                return version
        known = ", ".join(self.labels) or "none yet"
        raise UsageError(f"no version {label!r} in {self.folder} (versions: {known})")

    def document(self, label: str) -> Document:
        """The Document of a version, read from its file (once per Project)."""
        if label not in self._documents:
            self._documents[label] = self.read_document(label)
        return self._documents[label]

    def read_document(self, label: str) -> Document:
        """The Document of a version, read from its file now and not kept (a walk
        through hundreds of versions holds a few at a time)."""
        return next(self.read_documents([label]))

    def read_documents(self, labels: Iterable[str]) -> Iterator[Document]:
        """The Documents of versions, in order, read from their files now and not kept,
        a group of files at a time (``ingest.together``: a walk through hundreds of
        versions forks a reading child a group, not a file)."""
        from variorum.ingest.together import load_together

        files = (self._file_to_read(self.version(label)) for label in labels)
        return load_together(files)

    def _file_to_read(self, version: Version) -> FileToRead:
        from variorum.ingest.together import FileToRead  # parsers only when a version is read

        meta = {"version": version.label, "date": version.date, "source": version.source,
                "title": version.title or self.title}  # fmt: skip
        return FileToRead(self.folder / version.file, version.format or None, meta)

    def documents(self) -> dict[str, Document]:
        """Every version's Document, by label (kept, as ``document`` keeps them)."""
        missing = [label for label in self.labels if label not in self._documents]
        self._documents.update(zip(missing, self.read_documents(missing), strict=True))
        return {label: self._documents[label] for label in self.labels}

    def source_iri(self, label: str) -> str:
        """The IRI written as the ``source`` of targets on this version."""
        version = self.version(label)
        return version.url or version.file

    def resolve(self, source: str) -> str | None:
        """The label of the version a target's ``source`` names (label, file or url)."""
        for version in self.versions:
            if source in (version.label, version.file, version.url):
                return version.label
        return None

    def annotations(self) -> list[Annotation]:
        """The project's annotations, in file order."""
        return list(self._read_annotations().annotations)

    def save_annotations(self, annotations: Iterable[Annotation]) -> None:
        """Replace the annotation file's content, after checking every annotation."""
        items = list(annotations)
        for annotation in items:
            self.validate(annotation)
        write_atomically(self.folder / self.annotations_file, self.collection_text(items))

    def collection_text(self, annotations: Iterable[Annotation]) -> str:
        """The annotation file's text holding ``annotations``."""
        collection = collection_to_jsonld(
            annotations,
            self.collection_id(),
            f"Annotations: {self.title}" if self.title else "Annotations",
            {label: self.source_iri(label) for label in self.labels},
        )
        return dumps(collection)

    def collection_id(self) -> str:
        """The id of the project's annotation collection (a fresh one if it has none)."""
        try:
            data = json.loads((self.folder / self.annotations_file).read_bytes())
        except (OSError, ValueError, RecursionError):
            return new_collection_id()
        found = data.get("id") if isinstance(data, dict) else None
        return found if isinstance(found, str) and found else new_collection_id()

    def validate(self, annotation: Annotation) -> None:
        """Refuse an annotation on a version the project lacks, or whose position lies
        outside the version's text."""
        target = annotation.target
        sides = (target.old, target.new) if isinstance(target, ChangeTarget) else (target,)
        for side in sides:
            if side.version not in self.labels:
                known = ", ".join(self.labels) or "none yet"
                raise AnnotationError(
                    f"annotation {annotation.id} is on version {side.version!r},"
                    f" which the project does not have (versions: {known})"
                )
            _check_in_range(annotation, side, self.document(side.version))

    def quote_target(
        self,
        label: str,
        quote: str,
        occurrence: int | None = None,
        change_to: str = "",
        new_quote: str = "",
    ) -> AnyTarget:
        """The passage quoting ``quote`` in version ``label``; with ``change_to``, the
        change between it and what stands for it in that other version: ``new_quote``
        there, or else the passage carried there through the comparison (an empty
        point where it was deleted)."""
        side = Target.from_quote(self.document(label), quote, occurrence)
        if not change_to:
            return side
        other = self.document(change_to)
        if new_quote:
            counterpart = Target.from_quote(other, new_quote)
        else:
            counterpart = _carried_target(self.document(label), other, side)
        if self.labels.index(label) < self.labels.index(change_to):
            return ChangeTarget(side, counterpart)
        return ChangeTarget(counterpart, side)

    def check(self) -> list[tuple[Annotation, tuple[Anchor, ...]]]:
        """Re-anchor every annotation on its version(s)."""
        documents = self.documents()
        return [(note, anchor_annotation(note, documents)) for note in self.annotations()]

    def _read_annotations(self) -> Imported:
        path = self.folder / self.annotations_file
        if not path.exists():
            return Imported(())
        try:
            imported = parse_annotations(path.read_bytes(), self.resolve)
        except AnnotationError as error:
            raise InputError(path, str(error)) from None
        except OSError as error:
            raise InputError(path, f"cannot read: {error.strerror or error}") from None
        if imported.skipped:
            raise InputError(path, f"holds what is not a passage annotation: {imported.skipped[0]}")
        return imported


def create_project(
    folder: Path,
    title: str = "",
    authors: Iterable[str] = (),
    introduction: str = "",
    collection_id: str = "",
) -> Project:
    """Write a new, empty project into ``folder`` (made if missing); its annotation
    collection gets ``collection_id``, or a fresh ``urn:uuid``."""
    if title:  # a folder may leave it out (the app then takes the folder's name)
        check_title(title)
    if (folder / PROJECT_FILE).exists():
        raise UsageError(f"{folder / PROJECT_FILE} already exists: not overwriting a project")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{folder}: cannot create: {error.strerror or error}") from None
    project = Project(folder, title, tuple(authors), introduction)
    write_atomically(folder / PROJECT_FILE, _new_toml(project))
    empty = collection_to_jsonld([], collection_id or new_collection_id())
    write_atomically(folder / project.annotations_file, dumps(empty))
    return project


def open_project(folder: Path) -> Project:
    """Read the project in ``folder``; a malformed variorum.toml raises InputError."""
    path = folder / PROJECT_FILE
    if not path.is_file():
        raise UsageError(f"{folder} is not a Variorum project: no {PROJECT_FILE} (variorum init)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(path, f"not valid TOML: {error}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise InputError(path, "not valid TOML: nested too deeply") from None
    try:
        return _project_from_toml(folder, data)
    except (TypeError, ValueError) as error:
        raise InputError(path, str(error)) from None


def add_version(
    project: Project,
    path: Path,
    label: str = "",
    date: str = "",
    source: str = "",
    input_format: str = "",
) -> Project:
    """Add the file at ``path`` as the newest version: copy it into the folder (unless
    it is already there) and list it in variorum.toml."""
    return add_versions(project, [(path, label, date, source)], input_format)


def add_versions(
    project: Project, files: Sequence[tuple[Path, str, str, str]], input_format: str = ""
) -> Project:
    """Add several files, each as ``(path, label, date, source)``, as the newest
    versions in that order, with one rewrite of variorum.toml (an import of hundreds)."""
    from variorum.ingest import load

    labels = set(project.labels)
    versions = []
    for path, given, date, source in files:
        label = given or path.stem
        if label in labels:
            raise UsageError(f"the project already has a version {label!r}")
        check_label(label)
        check_date(date)
        check_source(source)
        load(path, format=input_format or None)  # refuse what cannot be read before storing it
        labels.add(label)
        versions.append((path, Version(label, "", date, source, format=input_format)))
    added = tuple(
        replace(version, file=_place_file(project.folder, path)) for path, version in versions
    )
    text = (project.folder / PROJECT_FILE).read_text(encoding="utf-8")
    write_atomically(project.folder / PROJECT_FILE, _toml_with_versions(text, added))
    return replace(project, versions=(*project.versions, *added))


def new_collection_id() -> str:
    """A fresh id for an annotation collection."""
    return f"urn:uuid:{uuid.uuid4()}"


def _project_from_toml(folder: Path, data: Mapping[str, Any]) -> Project:
    _refuse_unknown(data, _TOP_KEYS, "variorum.toml")
    if data.get("format_version", FORMAT_VERSION) != FORMAT_VERSION:
        raise ValueError(f"format_version {data['format_version']!r} is not {FORMAT_VERSION}")
    authors = data.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(name, str) for name in authors):
        raise ValueError("'authors' must be a list of names")
    versions = tuple(_version_from_toml(entry) for entry in data.get("versions", []))
    labels = [version.label for version in versions]
    if len(set(labels)) != len(labels):
        raise ValueError(f"two versions share a label: {labels}")
    if title := _text(data, "title"):
        check_title(title)
    return Project(
        folder,
        title,
        tuple(authors),
        _text(data, "introduction"),
        versions,
        _relative(_text(data, "annotations") or ANNOTATIONS_FILE),
    )


def _version_from_toml(entry: Any) -> Version:
    if not isinstance(entry, Mapping):
        raise ValueError("each [[versions]] entry must be a table")
    _refuse_unknown(entry, _VERSION_KEYS, "[[versions]]")
    label, file = _text(entry, "label"), _text(entry, "file")
    if not label or not file:
        raise ValueError("each [[versions]] entry needs a label and a file")
    date = entry.get("date", "")
    date = date.isoformat() if isinstance(date, datetime.date) else date
    if not isinstance(date, str):
        raise ValueError(f"version {label!r}: 'date' must be an ISO 8601 date")
    check_date(date)
    values = {key: _text(entry, key) for key in ("source", "title", "format", "url")}
    return Version(label, _relative(file), date, **values)


def _refuse_unknown(data: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        names = ", ".join(sorted(known))
        raise ValueError(f"unknown key {unknown[0]!r} in {where} (known: {names})")


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value


def _relative(file: str) -> str:
    """Refuse file names that leave the project folder."""
    path = PurePosixPath(file)
    if path.is_absolute() or ".." in path.parts or "\\" in file:
        raise ValueError(f"file {file!r} must be a path inside the project folder")
    return str(path)


def _carried_target(source: Document, destination: Document, target: Target) -> Target:
    """What stands for ``target`` of ``source`` in ``destination``, through their
    comparison (either direction: comparing later to earlier maps back in time)."""
    from variorum.annotations.offset_map import OffsetMap
    from variorum.compare import compare

    span = anchor(target, source).span
    if span is None:  # from_quote has just found it: only a changed file gets here
        raise AnnotationError(f"{target.quote.exact!r} no longer anchors in {source.version!r}")
    return Target.from_span(destination, OffsetMap(compare(source, destination)).wording(span))


def _check_in_range(annotation: Annotation, target: Target, document: Document) -> None:
    position = target.position
    if position is not None and position.end > len(document.text):
        raise AnnotationError(
            f"annotation {annotation.id}: its TextPositionSelector {position.start}-{position.end}"
            f" lies outside version {target.version!r} ({len(document.text)} characters)"
        )


def _place_file(folder: Path, path: Path) -> str:
    """The version file's name inside the folder, copying it there if needed."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        pass
    destination = folder / path.name
    data = path.read_bytes()
    if destination.exists():
        if destination.read_bytes() != data:
            raise UsageError(f"{destination} already exists with other content: rename the file")
        return path.name
    write_atomically(destination, data)
    return path.name


def _new_toml(project: Project) -> str:
    document = tomlkit.document()
    document.add(tomlkit.comment("A Variorum project: versions of a document and their analysis."))
    document.add(tomlkit.comment("Format: docs/project-format.md in the Variorum repository."))
    document["format_version"] = FORMAT_VERSION
    document["title"] = project.title
    authors = tomlkit.array()
    authors.extend(project.authors)
    document["authors"] = authors
    multiline = "\n" in project.introduction
    document["introduction"] = tomlkit.string(project.introduction, multiline=multiline)
    document["annotations"] = project.annotations_file
    return tomlkit.dumps(document)


def _toml_with_versions(text: str, versions: Sequence[Version]) -> str:
    """variorum.toml with more [[versions]] tables, the rest left as written."""
    document = tomlkit.parse(text)
    for version in versions:
        table = tomlkit.table()
        for key in ("label", "file", "date", "source", "title", "format", "url"):
            if getattr(version, key):
                table[key] = getattr(version, key)
        table.add(tomlkit.nl())  # a blank line between versions, for the eye
        if "versions" in document:
            document["versions"].append(table)
        else:
            tables = tomlkit.aot()
            tables.append(table)
            document.add(tomlkit.nl())
            document.append("versions", tables)
    return tomlkit.dumps(document)
