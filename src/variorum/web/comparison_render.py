"""A comparison of two stored versions as JSON, made in a worker process.

The API's ``compare`` address answers the library's ``Comparison.to_dict()``; reading
both files and comparing them costs what the redline costs, so it runs, like the
redline (``redline_render``), from picklable inputs in a child process with limits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from variorum.compare import compare
from variorum.options import CompareOptions
from variorum.web.redline_render import StoredVersion, parse_stored


@dataclass(frozen=True, slots=True)
class ComparisonInputs:
    """Everything the comparison of one pair is made from."""

    title: str
    """The project's title, which the Documents carry."""
    old: StoredVersion
    new: StoredVersion
    options: CompareOptions


def comparison_json(inputs: ComparisonInputs) -> str:
    """The comparison's JSON text (schema: ``schema/comparison.schema.json``)."""
    old, new = (parse_stored(version, inputs.title) for version in (inputs.old, inputs.new))
    return json.dumps(compare(old, new, inputs.options).to_dict(), ensure_ascii=False)


def comparison_print_page(inputs: ComparisonInputs, author: str) -> str:
    """The page Chromium prints as the comparison's PDF, made by ``author``."""
    from variorum.render.pdf import print_page

    old, new = (parse_stored(version, inputs.title) for version in (inputs.old, inputs.new))
    return print_page(compare(old, new, inputs.options), author=author)


def comparison_docx(inputs: ComparisonInputs, author: str) -> bytes:
    """The comparison as a Word file, each change a tracked change by ``author``."""
    from variorum.render.word import word_redline  # python-docx only for this work

    old, new = (parse_stored(version, inputs.title) for version in (inputs.old, inputs.new))
    return word_redline(compare(old, new, inputs.options), author=author)
