"""Files are parsed in a child process held to a time and a memory limit: whatever a
file makes its parser do, the caller gets a Document or one InputError, and lives on."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import cases, flate_bomb, hand_pdf

from variorum import InputError, load
from variorum.cli import main
from variorum.cli.errors import run_safely
from variorum.ingest import parse_bytes
from variorum.ingest.isolation import run_limited
from variorum.options import ReadLimits

PDF_TEXT = b"BT /F1 12 Tf 72 700 Td (A short text.) Tj ET"


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb())
    return path


@pytest.fixture
def other_thread() -> Iterator[None]:
    """A thread running, as in the web server: forking is then unsafe."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_a_reader_past_the_time_limit_is_stopped_and_the_file_refused(
    bomb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_safely(main, ["compare", str(bomb), str(bomb), "--time-limit", "0.2"])
    assert status == 2
    assert capsys.readouterr().err == (
        f"variorum: error: {bomb}: took longer than the time limit of 0.2 s to read\n"
    )


def test_a_reader_past_the_memory_limit_is_stopped_and_the_file_refused(
    bomb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_safely(main, ["compare", str(bomb), str(bomb), "--memory-limit", "200"])
    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith(f"variorum: error: {bomb}: could not be read: the reader crashed")
    assert error.endswith("damaged, or needing more than 200 MB\n")


def greedy() -> bytes:
    """A gigabyte at once (module level: a forkserver's child gets it pickled)."""
    return bytes(1024 * 1024 * 1024)


def crash() -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer does


def test_python_running_out_of_memory_in_the_child_is_named() -> None:
    with pytest.raises(InputError, match=r"^big\.txt: needs more memory than the limit of 100 MB"):
        run_limited(greedy, "big.txt", ReadLimits(memory_mb=100))


def test_a_reader_killed_by_a_signal_is_one_input_error() -> None:
    with pytest.raises(InputError, match=r"the reader crashed \(SIGKILL\)"):
        run_limited(crash, "odd.pdf", ReadLimits())


def test_the_parsers_refusals_come_back_as_themselves(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(hand_pdf(PDF_TEXT)[:-10])
    with pytest.raises(InputError) as refused:
        load(path)
    assert (refused.value.path, refused.value.problem) == (
        str(path),
        "is truncated or damaged: the PDF has no end-of-file marker",
    )


@pytest.mark.usefixtures("other_thread")
def test_with_other_threads_running_the_child_comes_from_a_forkserver(bomb: Path) -> None:
    assert threading.active_count() > 1
    document = parse_bytes(hand_pdf(PDF_TEXT), name="page.pdf")
    assert document.text == "A short text.\n"
    with pytest.raises(InputError, match=r"took longer than the time limit of 0\.2 s"):
        load(bomb, limits=ReadLimits(seconds=0.2))


def test_trusted_input_may_be_read_in_process() -> None:
    document = parse_bytes(b"(a) One;\n", name="a.txt", limits=ReadLimits(isolated=False))
    assert document.text == "(a) One;\n"


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch, bomb: Path) -> None:
    monkeypatch.setenv("VARIORUM_READ_SECONDS", "0.2")
    with pytest.raises(InputError, match=r"took longer than the time limit of 0\.2 s"):
        load(bomb)
    monkeypatch.setenv("VARIORUM_READ_SECONDS", "soon")
    status = run_safely(main, ["compare", str(bomb), str(bomb)])
    assert status == 2


def test_a_file_larger_than_its_size_says_is_read_no_further_than_the_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = run_safely(
        main, ["compare", "/proc/self/maps", "/proc/self/maps", "--max-size", "100"]
    )
    assert status == 2
    assert capsys.readouterr().err == (
        "variorum: error: /proc/self/maps: is larger than the limit of 100 bytes\n"
    )


def test_a_refusal_comes_back_whole_when_exceptions_pickle_with_their_causes(
    tmp_path: Path,
) -> None:
    """Dask installs tblib's pickling of exceptions with their causes and tracebacks;
    the cause of a refusal, the parser's own error, may not pickle (lxml's error log):
    the refusal still comes back as itself, not as an internal error."""
    import tblib.pickling_support

    tblib.pickling_support.install()  # what importing distributed does
    broken = next(case for case in cases(tmp_path) if case.name == "broken.docx")
    path = broken.make(tmp_path / "broken.docx")
    with pytest.raises(InputError) as refused:
        load(path, limits=ReadLimits(memory_mb=300))
    assert refused.value.problem == broken.refused
