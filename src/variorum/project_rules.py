"""What a project may hold, the same for a project folder and for the web app.

A version's label names it in addresses and in annotations' targets, so it is short,
holds no ``/`` and no control character; a date is a day; a title and a source have a
length the pages can show. Each rule refuses a value with one ``UsageError`` naming it,
so a folder made with the command line imports into the app, and the reverse.

>>> check_label("2015-01-13"), check_date("2015-01-13")
(None, None)
>>> check_date("2015-13-45")
Traceback (most recent call last):
...
variorum.errors.UsageError: the date '2015-13-45' is not a day as YYYY-MM-DD
"""

from __future__ import annotations

import datetime
import unicodedata

from variorum.errors import UsageError

MAX_TITLE_CHARS = 300
"""The longest project title."""
MAX_LABEL_CHARS = 80
"""The longest version label."""
MAX_SOURCE_CHARS = 500
"""The longest description of where a version comes from."""


def check_title(title: str) -> None:
    """Refuse an empty or overlong project title."""
    if not title:
        raise UsageError("a project needs a title")
    if len(title) > MAX_TITLE_CHARS:
        raise UsageError(
            f"a project title has at most {MAX_TITLE_CHARS} characters, not {len(title)}"
        )


def check_label(label: str) -> None:
    """Refuse a version label that could not name the version in an address."""
    if not label:
        raise UsageError("a version needs a label")
    if len(label) > MAX_LABEL_CHARS:
        raise UsageError(f"a version label has at most {MAX_LABEL_CHARS} characters")
    if "/" in label or label in (".", ".."):
        raise UsageError(
            f"a version label cannot be '.' or '..' or hold '/' ({label!r}): it is part of"
            " addresses"
        )
    if any(unicodedata.category(character) == "Cc" for character in label):
        raise UsageError(f"a version label cannot hold control characters ({label!r})")


def check_date(date: str) -> None:
    """Refuse a date that is not empty or an ISO 8601 day."""
    if not date:
        return
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f"the date {date!r} is not a day as YYYY-MM-DD") from None


def check_source(source: str) -> None:
    """Refuse an overlong source."""
    if len(source.strip()) > MAX_SOURCE_CHARS:
        raise UsageError(
            f"a version's source has at most {MAX_SOURCE_CHARS} characters, not {len(source)}"
        )
