"""Built-in examples shipped inside the package, so the README's main command needs no
files of the user's. Each example is a folder of versions with a source note."""

from __future__ import annotations

from importlib import resources
from typing import TypedDict

from variorum.document import Document
from variorum.errors import UsageError
from variorum.ingest import parse_text


class ExampleVersion(TypedDict):
    """One version of a built-in example."""

    file: str
    """File name inside the example's folder."""
    version: str
    """Short label, such as ``2011``."""
    date: str
    """ISO 8601 date of the version."""
    source: str
    """Where the text comes from."""


class Example(TypedDict):
    """A built-in example: a title and its versions, oldest first."""

    title: str
    versions: list[ExampleVersion]


EXAMPLES: dict[str, Example] = {
    "icoc": {
        "title": "International code of conduct for information security",
        "versions": [
            {
                "file": "2011.txt",
                "version": "2011",
                "date": "2011-09-14",
                "source": "UN General Assembly document A/66/359 (14 September 2011)",
            },
            {
                "file": "2015.txt",
                "version": "2015",
                "date": "2015-01-13",
                "source": "UN General Assembly document A/69/723 (13 January 2015)",
            },
        ],
    }
}
"""The built-in examples by name."""


def example_names() -> list[str]:
    """The names of the built-in examples."""
    return sorted(EXAMPLES)


def example_documents(name: str) -> list[Document]:
    """The versions of a built-in example, oldest first."""
    try:
        example = EXAMPLES[name]
    except KeyError:
        known = ", ".join(example_names())
        raise UsageError(f"no built-in example {name!r} (known: {known})") from None
    folder = resources.files("variorum.examples").joinpath(name)
    return [
        parse_text(
            folder.joinpath(version["file"]).read_text(encoding="utf-8"),
            title=example["title"],
            version=version["version"],
            date=version["date"],
            source=version["source"],
        )
        for version in example["versions"]
    ]


def example_pair(name: str) -> tuple[Document, Document]:
    """The first and last versions of a built-in example."""
    documents = example_documents(name)
    return documents[0], documents[-1]
