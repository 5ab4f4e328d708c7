"""How much one request may send, per kind of input, checked before it is read.

The server refuses a body larger than ``REQUEST_BYTES`` from its ``Content-Length``
(waitress's ``max_request_body_size``) before reading any of it; Django refuses a
JSON or form body larger than ``JSON_BODY_BYTES`` the same way, and writes uploaded
files to disk past ``FILE_IN_MEMORY_BYTES`` instead of memory; each view checks its
kind's limit on the declared and the received size before reading a file whole.
``docs/web.md`` lists them for administrators.
"""

from __future__ import annotations

MB = 2**20

VERSION_FILE_BYTES = 50 * MB
"""The largest file uploaded as a version."""
IMPORT_ZIP_BYTES = 50 * MB
"""The largest ZIP of a project folder to import."""
JSON_BODY_BYTES = 1 * MB
"""The largest body that is not a file: a JSON request of the API, a page's form."""
FORM_OVERHEAD_BYTES = 64 * 1024
"""What a file upload's form may add to the file (fields, multipart headers)."""
REQUEST_BYTES = max(VERSION_FILE_BYTES, IMPORT_ZIP_BYTES) + FORM_OVERHEAD_BYTES
"""The largest request body the server reads at all."""
FILE_IN_MEMORY_BYTES = 2 * MB
"""Uploaded files larger than this are spooled to a temporary file while they arrive."""
NOTE_CHARACTERS = 20_000
"""The longest note (the Markdown text of one annotation) and the longest text the
Markdown preview renders: rendering is linear in the text, about 0.2 s at this size
for the costliest text measured (all ``[``)."""


def megabytes(size: int) -> str:
    """``50 MB``: a limit in words."""
    return f"{size / MB:g} MB"


def declared_too_large(content_length: str | None, limit: int) -> bool:
    """Whether a request declaring ``content_length`` (the header) is larger than
    ``limit`` plus a form's fields: refused before anything of it is read."""
    try:
        return int(content_length or 0) > limit + FORM_OVERHEAD_BYTES
    except ValueError:
        return False  # not a number: waitress has refused it already
