"""Reading a file's bytes and decoding them, refusing what is not a text document.

Every refusal is an InputError naming the file and the problem in one line.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from variorum.errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused unless the caller raises the limit
(``VARIORUM_MAX_INPUT_BYTES``, or ``--max-size`` on the command line)."""

_CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\f", b"")


def max_input_bytes() -> int:
    """The size limit in force: ``VARIORUM_MAX_INPUT_BYTES`` or the default."""
    value = os.environ.get("VARIORUM_MAX_INPUT_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a regular, non-empty file within the size limit."""
    file = Path(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        if file.is_dir():
            raise InputError(file, "is a directory, not a file")
        size = file.stat().st_size
        if size > limit:
            raise InputError(file, f"is {size:,} bytes, over the limit of {limit:,} bytes")
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(file, "no such file") from None
    except PermissionError:
        raise InputError(file, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise InputError(file, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(file, f"cannot be read: {error.strerror or error}") from None
    if not data.strip():
        raise InputError(file, "is empty")
    return data


def decode_text(path: str | os.PathLike[str], data: bytes) -> str:
    """The text of ``data``: UTF-8 (with or without BOM) or BOM-marked UTF-16."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "is not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.01:
        raise InputError(path, "looks like a binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            path, f"is not valid UTF-8 text (byte 0x{byte:02x} at offset {error.start})"
        ) from None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    return sum(1 for byte in sample if byte in _CONTROL) / len(sample)
