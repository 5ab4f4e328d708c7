"""Built-in examples as project folders: versions, metadata and annotations.

``write_example_project("icoc", folder)`` writes the Code of Conduct 2011/2015
project: ``variorum.toml``, the two version files and ``annotations.jsonld`` with
the notes of ``icoc/notes.toml``, each attached by quote when the folder is written.
Ids are derived from each note's key, so writing the example twice gives identical
files.
"""

from __future__ import annotations

import tomllib
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

from variorum.annotations.model import Annotation, Body
from variorum.errors import UsageError
from variorum.examples import EXAMPLES, example_names
from variorum.output import write_atomically
from variorum.project import Project, add_version, create_project

NAMESPACE = uuid.UUID("5b0e6c1e-3f0a-4c55-9a39-6a1f0c2d7e41")
"""Namespace of the example annotations' name-based (version 5) UUIDs."""


def write_example_project(name: str, folder: Path) -> Project:
    """Write the project folder of built-in example ``name`` into ``folder``."""
    if name not in EXAMPLES:
        known = ", ".join(example_names())
        raise UsageError(f"no built-in example {name!r} (known: {known})")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not empty: the example is written into a new folder")
    notes = example_notes(name)
    collection = f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"
    project = create_project(
        folder, notes["title"], notes["authors"], notes["introduction"], collection
    )
    source = resources.files("variorum.examples").joinpath(name)
    for spec in EXAMPLES[name]["versions"]:
        path = folder / spec["file"]
        write_atomically(path, source.joinpath(spec["file"]).read_bytes())
        project = add_version(project, path, spec["version"], spec["date"], spec["source"])
    project.save_annotations(_annotations(project, notes))
    return project


def example_notes(name: str) -> dict[str, Any]:
    """The example's notes file, parsed (title, authors, introduction, notes)."""
    path = resources.files("variorum.examples").joinpath(name, "notes.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _annotations(project: Project, notes: dict[str, Any]) -> list[Annotation]:
    out = []
    for note in notes["note"]:
        target = project.quote_target(
            note["version"],
            note["quote"],
            note.get("occurrence"),
            note.get("change_to", ""),
            note.get("new_quote", ""),
        )
        out.append(
            Annotation(
                f"urn:uuid:{uuid.uuid5(NAMESPACE, note['key'])}",
                target,
                Body(note["text"].strip(), tuple(note.get("tags", ()))),
                creator=notes["authors"][0],
                created=notes["created"],
            )
        )
    return out
