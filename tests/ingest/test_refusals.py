"""Bad input is refused through the command line with exit status 2 and one line that
names the file and the problem: no traceback, and no output file left behind."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import encrypted_pdf, zip_bomb
from renderings import render_docx, render_pdf
from reportlab.pdfgen.canvas import Canvas

from variorum.cli import main
from variorum.cli.errors import run_safely
from variorum.errors import InputError
from variorum.ingest.reading import read_bytes

TEXT = "(a) Not to use information and communications technologies;\n"


def _scanned_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.rect(72, 300, 400, 400, fill=1)  # a page that is only a picture
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _corrupt_pdf() -> bytes:
    body = bytes((index * 37 + 11) % 256 for index in range(4000))
    return b"%PDF-1.7\n" + body + b"\n%%EOF\n"


def _corrupt_docx() -> bytes:
    good = render_docx(TEXT)
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # XML cut in the middle of an element
            package.writestr(item, data)
    return buffer.getvalue()


def _encrypted_docx() -> bytes:
    """What Word writes for a password-protected file: an OLE compound file holding an
    EncryptedPackage stream instead of a ZIP package."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptedPackage".encode("utf-16-le") + bytes(96)
    return header + directory + bytes(range(256)) * 8


def _half(data: bytes) -> bytes:
    """A download cut off half-way."""
    return data[: len(data) // 2]


def _binary() -> bytes:
    return bytes((index * 131 + 7) % 256 for index in range(3000))


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "truncated PDF": ("old.pdf", lambda: _half(render_pdf(TEXT * 40)), "truncated"),
    "corrupt PDF": ("old.pdf", _corrupt_pdf, "PDF"),
    "encrypted PDF": ("old.pdf", encrypted_pdf, "encrypted"),
    "PDF without text": ("old.pdf", _scanned_pdf, "OCR"),
    "truncated DOCX": ("old.docx", lambda: _half(render_docx(TEXT * 40)), "damaged"),
    "corrupt DOCX": ("old.docx", _corrupt_docx, "damaged"),
    "encrypted DOCX": ("old.docx", _encrypted_docx, "encrypted"),
    "ZIP bomb as DOCX": ("old.docx", zip_bomb, "ZIP bomb"),
    "binary with a text extension": ("old.txt", _binary, "binary"),
    "image with a text extension": ("old.md", lambda: b"\x89PNG\r\n\x1a\n" + _binary(), "PNG"),
    "empty file": ("old.txt", lambda: b"", "empty"),
    "blank file": ("old.txt", lambda: b" \n\n\t\n", "empty"),
    "not a PDF despite its name": ("old.pdf", lambda: TEXT.encode(), "not a PDF"),
}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_and_exit_2(
    case: str, tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, make, problem = CASES[case]
    bad = tmp_path / name
    bad.write_bytes(make())
    output = tmp_path / "redline.html"
    status = run_safely(main, ["compare", str(bad), str(good), "-o", str(output)])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert str(bad) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert "internal error" not in lines[0]
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "new.txt"])


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "old.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    status = run_safely(main, ["compare", str(big), str(good), "--max-size", "1000"])
    error = capsys.readouterr().err.strip()
    assert status == 2
    assert error.count("\n") == 0
    assert str(big) in error and "over the limit of 1,000 bytes" in error


def test_a_file_is_read_whole_up_to_the_limit_and_one_claiming_no_size_to_the_limit(
    tmp_path: Path,
) -> None:
    at_limit = tmp_path / "at.txt"
    at_limit.write_bytes(b"x" * 1000)
    assert read_bytes(at_limit, max_bytes=1000) == b"x" * 1000  # asked for its size, whole
    over = tmp_path / "over.txt"
    over.write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        read_bytes(over, max_bytes=1000)
    # a /proc file claims 0 bytes: it is read until the limit, never past it
    assert read_bytes("/proc/self/status", max_bytes=100_000).startswith(b"Name:")
    with pytest.raises(InputError, match="larger than the limit of 10 bytes"):
        read_bytes("/proc/self/status", max_bytes=10)


def test_the_installed_command_refuses_azip_bomb_without_a_traceback(
    tmp_path: Path, good: Path
) -> None:
    bomb = tmp_path / "contract.docx"
    bomb.write_bytes(zip_bomb())
    result = subprocess.run(
        [sys.executable, "-m", "variorum", "compare", str(bomb), str(good)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{bomb}: is a ZIP bomb" in result.stderr
