"""Writing output files so that a failure never leaves a partial file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from variorum.errors import UsageError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write ``content`` (or its parts, in order) to ``path`` through a temporary file
    renamed into place; on any failure the temporary file is removed."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: cannot write: folder {folder} does not exist")
    parts = (content,) if isinstance(content, (str, bytes)) else content
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            for part in parts:
                stream.write(part.encode() if isinstance(part, str) else part)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
