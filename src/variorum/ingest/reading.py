"""Reading a file's bytes and decoding them, refusing what is not a text document.

Decoding tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); ISO-2022-JP
or -KR (recognised by their escape sequences); UTF-32 or UTF-16 without a mark
(when the bytes hold NULs or control bytes, which text does not); strict UTF-8; the
charset an HTML or XML file declares; the European code page whose reading fits one
language's alphabet best (``encodings``); and last the guess of charset-normalizer.
Every refusal is an InputError naming the file and the problem in one line.

>>> decode_text("a.txt", "Caf\\u00e9 \\u201cd\\u2019\\u00e9t\\u00e9\\u201d".encode("cp1252"))
'Café “d’été”'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from variorum import settings
from variorum.errors import InputError
from variorum.ingest.encodings import iso2022, legacy_code_page, wide_unicode

DEFAULT_MAX_BYTES = int(settings.MAX_INPUT_BYTES.default)
"""Files larger than this are refused unless the caller raises the limit
(``VARIORUM_MAX_INPUT_BYTES``, or ``--max-size`` on the command line)."""

SAMPLE_BYTES = 8192
"""How much of the start of a file the binary and UTF-16 checks look at."""
LEGACY_SAMPLE_BYTES = 256 * 1024
"""How much of an 8-bit text the choice of its code page reads (the whole file is then
decoded in it, or the detector asked if that fails)."""
MAX_CONTROL_RATIO = 0.01
"""A sample with more than this fraction of control bytes (other than tab, line
breaks and form feed) is a binary file, not text."""
_CONTROL = (
    bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\f", b"")
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def max_input_bytes() -> int:
    """The size limit in force: ``VARIORUM_MAX_INPUT_BYTES`` or the default."""
    value = settings.MAX_INPUT_BYTES.text()
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def _read_within(stream: BinaryIO, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream``, whose file claims ``size`` bytes. A
    read asks for the size claimed and one byte more (asking for the limit would
    allocate it whole first: 64 MB for a 40 KB file, five times the cost of the read),
    and reads on only if the file grew or claims nothing (``/proc``)."""
    want = min(size, limit) + 1 if size else limit + 1
    data = stream.read(want)
    if size and len(data) == want and want <= limit:
        data += stream.read(limit + 1 - want)  # it grew since: read on to the limit
    return data


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a regular, non-empty file within the size limit.

    Pipes, devices and sockets are refused before anything is read: a FIFO would
    wait for a writer for ever and ``/dev/zero`` never ends. At most one byte past
    the limit is read, whatever size the file claims (``/proc`` files claim 0).
    """
    file = Path(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        _check_kind(file, os.stat(file).st_mode)
        # O_NONBLOCK: a FIFO swapped in after the check opens at once instead of waiting
        descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            _check_kind(file, status.st_mode)
            if status.st_size > limit:
                size = status.st_size
                raise InputError(file, f"is {size:,} bytes, over the limit of {limit:,} bytes")
            data = _read_within(stream, status.st_size, limit)
    except FileNotFoundError:
        raise InputError(file, "no such file") from None
    except PermissionError:
        raise InputError(file, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise InputError(file, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(file, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:  # its size said otherwise
        raise InputError(file, f"is larger than the limit of {limit:,} bytes")
    if not data.strip():
        raise InputError(file, "is empty")
    return data


_SPECIAL_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def _check_kind(file: Path, mode: int) -> None:
    """Refuse anything but a regular file, naming what it is."""
    for test, problem in _SPECIAL_KINDS:
        if test(mode):
            raise InputError(file, problem)
    if not stat.S_ISREG(mode):
        raise InputError(file, "is not a regular file")


def decode_text(path: str | os.PathLike[str], data: bytes) -> str:
    """The text of ``data`` in whatever encoding it is written, or an InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strictly(path, data, encoding, "despite its byte-order mark")
    sample = data[:SAMPLE_BYTES]
    switching = iso2022(sample)
    if switching:
        return _decode_strictly(path, data, switching, "though it switches character sets so")
    if b"\x00" in sample or _control_ratio(sample) > MAX_CONTROL_RATIO:
        # NULs and control bytes are half of UTF-16 and UTF-32 in most scripts; a few
        # NULs in 8-bit text would read as Chinese in UTF-16, so those are binary
        wide = wide_unicode(data) if _control_ratio(sample) > MAX_CONTROL_RATIO else None
        if wide is None:
            raise InputError(str(path), "looks like a binary file, not a text document")
        return _decode_strictly(path, data, wide, f"though it looks like {wide.upper()}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    return _decode_legacy(path, data, first_bad)


def _decode_strictly(path: str | os.PathLike[str], data: bytes, encoding: str, why: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.replace("-sig", "").upper()
        raise InputError(str(path), f"is not valid {name} text {why}") from None
    return text.removeprefix("\ufeff")


def _decode_legacy(path: str | os.PathLike[str], data: bytes, first_bad: int) -> str:
    """Text that is not UTF-8: a declared charset, a European code page that fits, or
    charset-normalizer's guess."""
    declared = _declared_charset(data[:SAMPLE_BYTES])
    for encoding in (declared, legacy_code_page(data[:LEGACY_SAMPLE_BYTES])):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # only legacy files need the detector

    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        byte = data[first_bad]
        raise InputError(
            str(path),
            f"is not valid UTF-8 (byte 0x{byte:02x} at offset {first_bad}) "
            "and its encoding could not be recognised",
        )
    return str(guess)


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    kept = sample.translate(None, _CONTROL)  # the control bytes deleted, in C: no loop a byte
    return (len(sample) - len(kept)) / len(sample)
