"""PDF pages read by forked processes. Forking is refused while threads run (the
browser and web tests start some), so ``test_pdf_processes_run.py`` runs this file
in a fresh interpreter; the main run does not collect it (see conftest.py)."""

from __future__ import annotations

import os
import signal

import pytest
from renderings import render_pdf

from variorum.errors import InputError
from variorum.ingest import pdf
from variorum.ingest.pdf import parse_pdf


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_pages_read_in_parallel_equal_pages_read_in_turn(
    plain: dict[str, str], workers: int
) -> None:
    data = render_pdf(plain["2011"], pages_at_least=12)
    assert parse_pdf(data, workers=workers) == parse_pdf(data, workers=1)


@pytest.mark.parametrize(("load", "readers"), [(0.0, 2), (1.9, 2), (2.0, 1), (7.5, 1)])
def test_large_files_are_read_by_a_process_per_cpu_unless_the_cpus_are_busy(
    monkeypatch: pytest.MonkeyPatch, load: float, readers: int
) -> None:
    assert pdf._may_fork(), "run in a fresh interpreter: see test_pdf_processes_run.py"
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pdf, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(pdf, "_load", lambda: load)
    assert pdf._worker_count(300, None) == readers
    assert pdf._worker_count(10, None) == 1
    assert pdf._worker_count(300, 3) == 3


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("failure", ["damaged page", "crash", "damaged page here"])
def test_a_reading_process_failing_is_one_input_error_and_leaves_nothing_behind(
    plain: dict[str, str], monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    assert pdf._may_fork(), "run in a fresh interpreter: see test_pdf_processes_run.py"
    data = render_pdf(plain["2011"], pages_at_least=8)
    parent = os.getpid()
    read_page = pdf._page

    def failing_page(document: object, index: int, *more: object) -> object:
        if failure == "damaged page here" and index == 1:  # in this process
            raise InputError("report.pdf", "is damaged: page 2 cannot be read")
        if os.getpid() != parent and index == 6:  # in a forked reading process
            if failure == "crash":
                os.kill(os.getpid(), signal.SIGKILL)
            raise InputError("input", "is damaged: page 7 cannot be read")
        return read_page(document, index, *more)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "_page", failing_page)
    descriptors = _open_descriptors()
    with pytest.raises(InputError, match="is damaged") as raised:
        parse_pdf(data, workers=2, source="report.pdf")
    assert str(raised.value).startswith("report.pdf")
    assert _open_descriptors() == descriptors
    assert _no_children_left()
