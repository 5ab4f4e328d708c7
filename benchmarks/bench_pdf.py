"""PDF ingestion against ``pdftotext`` (poppler-utils), in one run, on the same PDF.

    generated 300-page PDF --variorum load()--> Document      (time, peak memory)
                           --pdftotext-------> text file     (time, peak memory)
    --> pages per second, their ratio --> results/pdf.md

The PDF is the built-in example's two versions typeset over and over (running
headers, page numbers, job numbers, hyphenated line ends, hanging list labels),
as the ingest tests render them. Variorum does more than pdftotext: it also drops
page furniture, joins paragraphs and hyphenated words, and builds the Document.
Each tool runs in a fresh process per repetition, interleaved with the others; a
round reports the median time of each. Several rounds, minutes apart in time, show
how much other work on the machine moved the figures; the load average is sampled
before every repetition. Variorum's time is that of ``load()`` in a process that
has imported it (startup is reported apart); pdftotext's is its whole process,
startup included.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_pdf.py            # the reported run: 3 rounds
    .venv/bin/python benchmarks/bench_pdf.py --quick    # fewer pages and repetitions
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))  # the renderings the ingest tests use

CONTESTANTS = (
    ("pdftotext", "pdftotext (poppler), whole process"),
    ("variorum-0", "variorum `load()`: the default (a process per CPU unless all busy)"),
    ("variorum-1", "variorum `parse_pdf(workers=1)`: one process"),
    ("variorum-2", "variorum `parse_pdf(workers=2)`: two processes"),
)
TARGET_RATIO = 0.5
"""Variorum should ingest at least half as many pages per second as pdftotext."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated PDF")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each tool per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of interleaved runs")
    parser.add_argument("--quick", action="store_true", help="60 pages, 3 runs, 1 round")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "pdf.md")
    parser.add_argument("--worker", nargs=2, metavar=("PDF", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(Path(args.worker[0]), int(args.worker[1]))
    if shutil.which("pdftotext") is None:
        print("pdftotext is missing: apt-get install poppler-utils", file=sys.stderr)
        return 2
    pages, repeat, rounds = (60, 3, 1) if args.quick else (args.pages, args.repeat, args.rounds)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "generated.pdf"
        pdf.write_bytes(_generate(pages))
        results = [_measure(pdf, repeat, Path(folder)) for _ in range(rounds)]
    text = _report(results, repeat=repeat)
    if not args.quick:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    print(text)
    return 0


def _generate(pages: int) -> bytes:
    from renderings import render_pdf

    from variorum.examples import example_documents

    text = "".join(document.text for document in example_documents("icoc"))
    return render_pdf(text, pages_at_least=pages)


def _measure(pdf: Path, repeat: int, folder: Path) -> dict[str, Any]:
    """One round: interleaved runs of each contestant; medians of time, maxima of
    memory, and the load averages seen before each repetition."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in CONTESTANTS}
    loads = []
    for _ in range(repeat):
        loads.append(os.getloadavg()[0])
        runs["pdftotext"].append(_pdftotext(pdf, folder / "out.txt"))
        for workers in (0, 1, 2):
            runs[f"variorum-{workers}"].append(_variorum(pdf, workers))
    pages = int(runs["variorum-0"][0]["pages"])
    summary: dict[str, Any] = {"pages": pages, "pdf_bytes": pdf.stat().st_size, "loads": loads}
    for name, samples in runs.items():
        seconds = statistics.median(sample["seconds"] for sample in samples)
        summary[name] = {
            "seconds": seconds,
            "pages_per_second": pages / seconds,
            "peak_mib": max(sample["peak_mib"] for sample in samples),
            "cpu_seconds": statistics.median(sample["cpu"] for sample in samples),
            "startup_seconds": statistics.median(s.get("startup", 0.0) for s in samples),
            "readers": [int(sample.get("readers", 1)) for sample in samples],
        }
    return summary


def _pdftotext(pdf: Path, out: Path) -> dict[str, float]:
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(['pdftotext', sys.argv[1], sys.argv[2]], check=True)\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(pdf), str(out)], capture_output=True, text=True, check=True
    ).stdout.split()
    return {"seconds": float(output[0]), "peak_mib": float(output[1]), "cpu": float(output[2])}


def _variorum(pdf: Path, workers: int) -> dict[str, float]:
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, __file__, "--worker", str(pdf), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    result["startup"] = time.perf_counter() - started - result["seconds"]
    return result


def _worker(pdf: Path, workers: int) -> int:
    """One measured ingestion in this process: print time, pages and peak memory as JSON."""
    import resource

    import pypdfium2

    from variorum.ingest import load
    from variorum.ingest.pdf import _worker_count, parse_pdf

    pages = len(pypdfium2.PdfDocument(str(pdf)))
    readers = workers or _worker_count(pages, None)  # what the default is about to choose
    cpu_before = _cpu_seconds(resource)
    if workers == 0:
        start = time.perf_counter()
        document = load(pdf)
    else:
        data = pdf.read_bytes()
        start = time.perf_counter()
        document = parse_pdf(data, workers=workers, source=str(pdf))
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds(resource) - cpu_before
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "pages": pages,
                "peak_mib": own + children,
                "blocks": len(document.blocks),
                "cpu": cpu,
                "readers": readers,
            }
        )
    )
    return 0


def _cpu_seconds(resource: Any) -> float:
    """CPU time of this process and its finished children, user and system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return float(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime)


def _report(rounds: list[dict[str, Any]], repeat: int) -> str:
    """The results page: the round with the median ratio of the default, then every round."""
    loads = [load for one in rounds for load in one["loads"]]
    ratios = {name: [_ratio(one, name) for one in rounds] for name, _ in CONTESTANTS}
    middle = sorted(rounds, key=lambda one: _ratio(one, "variorum-0"))[len(rounds) // 2]
    default = _ratio(middle, "variorum-0")
    verdict = "met" if default >= TARGET_RATIO else "NOT met"
    version = subprocess.run(
        ["pdftotext", "-v"], capture_output=True, text=True, check=False
    ).stderr.splitlines()[0]
    return "\n".join(
        [
            "# PDF ingestion: variorum against pdftotext",
            "",
            f"Generated PDF: {middle['pages']} pages, {middle['pdf_bytes']:,} bytes (the icoc "
            "example typeset with running headers, page numbers, job numbers, hyphenated "
            "line ends).",
            f"{len(rounds)} rounds of {repeat} runs of each tool, interleaved, on this machine "
            f"({os.cpu_count()} CPUs); {version}. Load average (1 minute) before the runs: "
            f"{min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f}.",
            "",
            f"The median round (round {rounds.index(middle) + 1}; each figure the median of "
            "its runs), with the best round's ratio beside it:",
            "",
            "| tool | seconds | pages/s | ratio to pdftotext (best round) "
            "| CPU seconds | peak memory (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            *(_row(middle, name, label, max(ratios[name])) for name, label in CONTESTANTS),
            "",
            f"Target (the default `load()` at least {TARGET_RATIO:.1f} of pdftotext's pages "
            f"per second, median round): **{verdict}** ({default:.2f}).",
            "",
            "| round | load average | pdftotext s | default s | one process s "
            "| two processes s | ratio: default, one process | processes of the default |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            *(_round_row(index, one) for index, one in enumerate(rounds, 1)),
            "",
            *_notes(statistics.median(one["variorum-0"]["startup_seconds"] for one in rounds)),
        ]
    )


def _ratio(one: dict[str, Any], name: str) -> float:
    return float(one[name]["pages_per_second"] / one["pdftotext"]["pages_per_second"])


def _row(one: dict[str, Any], name: str, label: str, best: float) -> str:
    result = one[name]
    return (
        f"| {label} | {result['seconds']:.3f} | {result['pages_per_second']:.0f} | "
        f"{_ratio(one, name):.2f} ({best:.2f}) | {result['cpu_seconds']:.3f} | "
        f"{result['peak_mib']:.0f} |"
    )


def _round_row(index: int, one: dict[str, Any]) -> str:
    seconds = [one[name]["seconds"] for name, _ in CONTESTANTS]
    readers = one["variorum-0"]["readers"]
    used = ", ".join(f"{count} in {readers.count(count)}" for count in sorted(set(readers)))
    return (
        f"| {index} | {min(one['loads']):.1f} to {max(one['loads']):.1f} | "
        + " | ".join(f"{value:.3f}" for value in seconds)
        + f" | {_ratio(one, 'variorum-0'):.2f}, {_ratio(one, 'variorum-1'):.2f} | {used} runs |"
    )


def _notes(startup: float) -> list[str]:
    return [
        "The default reads the pages of a large PDF (48 pages or more) in one process per",
        "CPU it may use, two here: this process and forked children, each reading a share",
        "of the pages, while pdftotext uses one. When the load average shows every CPU",
        "busy already, it reads in one process, as extra ones then cost more than they",
        "save; the default row mixes both. The one-process row is the same work without",
        "children. On a busy machine every tool's wall time is inflated.",
        "",
        "Variorum's time covers reading the PDF and building the Document: text with",
        "positions from PDFium, page furniture dropped, paragraphs and hyphenated words",
        "joined, labels found. Its CPU seconds and peak memory include its reading",
        "processes (peak memory: the largest of this process plus the largest of its",
        "children). Not timed: starting Python and importing variorum and PDFium, about",
        f"{startup:.2f} s per process.",
        "",
    ]


if __name__ == "__main__":
    sys.exit(main())
