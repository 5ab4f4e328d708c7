"""Reading an uploaded file before it is stored as a version.

Its cost follows the file (a long PDF takes seconds and hundreds of MB), so it runs
in a worker process within the server's limits (``store.workers.run``), never in the
request's thread; like everything a worker runs, this module does not use Django.
"""

from __future__ import annotations

from variorum.errors import VariorumError
from variorum.ingest import parse_bytes


def format_or_refusal(content: bytes, filename: str, format: str = "") -> tuple[str, str]:
    """``(format, "")``: the format the file is read as (detected unless ``format`` is
    given); or ``("", refusal)``, the one line naming the file and why it cannot be
    read. The refusal is returned, not raised, so that the caller refuses the file
    (400) rather than reporting a failed worker."""
    try:
        return parse_bytes(content, format or None, name=filename).format, ""
    except VariorumError as refused:
        return "", str(refused)
