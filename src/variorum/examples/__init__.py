"""Built-in examples shipped inside the package, so the README's main command needs no
files of the user's. Each example is a folder of versions with a source note."""

from __future__ import annotations

from importlib import resources

from variorum.document import Document
from variorum.errors import UsageError
from variorum.ingest import parse_text

EXAMPLES = {
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
"""Name -> title and versions (file, label, date, source) of each built-in example."""


def example_names() -> list[str]:
    """The names of the built-in examples."""
    return sorted(EXAMPLES)


def example_documents(name: str) -> list[Document]:
    """The versions of a built-in example, oldest first."""
    try:
        spec = EXAMPLES[name]
    except KeyError:
        raise UsageError(
            f"no built-in example {name!r} (known: {', '.join(example_names())})"
        ) from None
    folder = resources.files("variorum.examples").joinpath(name)
    return [
        parse_text(
            folder.joinpath(version["file"]).read_text(encoding="utf-8"),
            title=str(spec["title"]),
            version=version["version"],
            date=version["date"],
            source=version["source"],
        )
        for version in spec["versions"]  # type: ignore[union-attr]
    ]


def example_pair(name: str) -> tuple[Document, Document]:
    """The first and last versions of a built-in example."""
    documents = example_documents(name)
    return documents[0], documents[-1]
