"""Checks on a Word file's container before anything in it is unpacked.

A DOCX is a ZIP package. Python's ``zipfile`` never unpacks more than a member's
declared size, so refusing packages whose declared sizes are too large, or too
much larger than their compressed sizes, stops ZIP bombs before they cost memory.
A password-protected DOCX is not a ZIP at all but an OLE compound file holding an
``EncryptedPackage`` stream, like a legacy ``.doc``; both are named in the refusal.
"""

from __future__ import annotations

import io
import zipfile

from variorum.errors import InputError

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""A package whose members would unpack to more than this in total is refused."""
MAX_RATIO = 200
"""A member larger than ``RATIO_FLOOR_BYTES`` that would unpack to more than this many
times its compressed size is a ZIP bomb: Word's XML compresses about 10 to 1."""
RATIO_FLOOR_BYTES = 1024 * 1024
"""Members smaller than this are never refused for their ratio."""
MAX_MEMBERS = 10_000
"""A package with more members than this is refused."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def open_package(data: bytes, source: str) -> zipfile.ZipFile:
    """The ZIP package of a Word document, checked; InputError if it is not one or is unsafe."""
    if data.startswith(_OLE):
        if _ENCRYPTED_STREAM in data:
            raise InputError(source, "is an encrypted (password-protected) Word document; "
                             "remove the password first")
        raise InputError(source, "is a legacy Word 97-2003 .doc file; save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError(source, "is not a Word document: it is not a ZIP package")
    package = open_zip(data, source, "is damaged: its ZIP package is truncated or corrupt")
    if "word/document.xml" not in package.namelist():
        raise InputError(source, "is not a Word document: it has no word/document.xml")
    return package


def open_zip(data: bytes, source: str, damaged: str) -> zipfile.ZipFile:
    """A ZIP file whose members are checked as safe to unpack; InputError with the
    problem ``damaged`` if it cannot be opened."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(source, damaged) from None
    check_members(members, source)
    return package


def check_members(members: list[zipfile.ZipInfo], source: str) -> None:
    """Refuse packages that would unpack to too much: too many members, too many bytes,
    or a member compressed far better than any document is."""
    if len(members) > MAX_MEMBERS:
        raise InputError(source, f"has {len(members):,} parts, over the limit of {MAX_MEMBERS:,}")
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            source,
            f"would unpack to {total:,} bytes, over the limit of {MAX_UNPACKED_BYTES:,} "
            "(a ZIP bomb?)",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise InputError(
                source,
                f"is a ZIP bomb: its part {member.filename} would unpack to "
                f"{ratio:,.0f} times its packed size",
            )
