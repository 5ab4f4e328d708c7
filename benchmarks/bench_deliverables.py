"""The redline as a Word file and as a PDF, against python-redlines, on the same pair.

    synthetic pair (100,000 words) --python-docx--> old.docx, new.docx
        --variorum compare -o redline.docx--> time, peak memory, size, revisions
        --variorum compare -o redline.pdf---> time, peak memory, size, pages
        --python-redlines (Docxodus)-------> time, peak memory, size, revisions
    --> results/deliverables.md

python-redlines is the library users pick to write a DOCX with Word's tracked changes
(`pip install "python-redlines[docxodus]"`, in the `bench` extra): its current engine,
Docxodus, compares the two DOCX files itself. Each tool runs in a fresh process per
repetition (interpreter start included, as a user runs it), the tools interleaved; the
median time and the largest peak resident memory (GNU time's ``%M``: the process's,
or a waited-for child's if larger, such as the Chromium that prints Variorum's PDF)
are reported. Revisions are the ``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo`` and
``w:pPrChange`` (a renumbered list item's old numbering) elements of the document's XML.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_deliverables.py            # 100,000 words, 3 runs
    .venv/bin/python benchmarks/bench_deliverables.py --quick    # 10,000 words, 1 run
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium

from corpus import CREDIT
from synthetic import large_pair

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
REVISION = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|pPrChange) ")
PEER = """
import sys
from pathlib import Path
from python_redlines.engines import DocxodusEngine
old, new, out = sys.argv[1:]
redline = DocxodusEngine().run_redline("bench", Path(old).read_bytes(), Path(new).read_bytes())[0]
Path(out).write_bytes(redline)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10,000 words, one run")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "deliverables.md")
    args = parser.parse_args(argv)
    words, repeat = (10_000, 1) if args.quick else (args.words, args.repeat)
    with tempfile.TemporaryDirectory(prefix="variorum-deliverables-") as folder:
        report = measure(Path(folder), words, repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


def measure(folder: Path, words: int, repeat: int) -> str:
    pair = large_pair(words=words)
    old, new = folder / "old.docx", folder / "new.docx"
    old.write_bytes(as_docx(pair.old_path.read_text(encoding="utf-8")))
    new.write_bytes(as_docx(pair.new_path.read_text(encoding="utf-8")))
    tools = {
        "variorum, DOCX": [str(BIN / "variorum"), "compare", str(old), str(new), "-o"],
        "variorum, PDF": [str(BIN / "variorum"), "compare", str(old), str(new), "-o"],
        "python-redlines (Docxodus), DOCX": [sys.executable, "-c", PEER, str(old), str(new)],
    }
    suffix = {"variorum, PDF": ".pdf"}
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in tools}
    outputs: dict[str, Path] = {}
    load = os.getloadavg()[0]
    for _ in range(repeat):
        for name, command in tools.items():
            out = folder / f"{len(outputs)}-{name.split(',')[0]}{suffix.get(name, '.docx')}"
            out.unlink(missing_ok=True)
            runs[name].append(timed([*command, str(out)]))
            outputs[name] = out
    return render(pair.words, pair.old_path, runs, outputs, load, repeat)


def as_docx(text: str) -> bytes:
    """The text as a Word file, a paragraph a line, as python-docx writes it."""
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of one fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # compare exits 1 when the versions differ
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()[-500:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1])


def describe(out: Path) -> str:
    if out.suffix == ".pdf":
        return f"{len(pdfium.PdfDocument(str(out)))} pages"
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml")
    return f"{len(REVISION.findall(xml)):,} revisions"


def render(
    words: int,
    source: Path,
    runs: dict[str, list[tuple[float, int]]],
    outputs: dict[str, Path],
    load: float,
    repeat: int,
) -> str:
    peer = statistics.median(s for s, _ in runs["python-redlines (Docxodus), DOCX"])
    lines = [
        "# The redline as Word and PDF files (issue 18)",
        "",
        f"Data: {CREDIT} (the pair's text is made from it).",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores "
        f"(shared; load average {load:.2f} at the start). The pair: `synthetic.py`'s large "
        f"pair at {words:,} words (`{source.name}`), each line a paragraph of a DOCX "
        "written by python-docx. Median of "
        f"{repeat} fresh processes each, interleaved; peak memory the largest of them.",
        "",
        "| tool | time | × python-redlines | peak memory | output | in it |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, measured in runs.items():
        seconds = statistics.median(s for s, _ in measured)
        memory = max(kb for _, kb in measured) / 1024
        size = outputs[name].stat().st_size / 1024
        lines.append(
            f"| {name} | {seconds:.2f} s | {seconds / peer:.2f} | {memory:.0f} MB | "
            f"{size:,.0f} KB | {describe(outputs[name])} |"
        )
    lines += [
        "",
        "Generated by `benchmarks/bench_deliverables.py`. Variorum's PDF time includes "
        "Chromium's printing, and its peak memory may be Chromium's (a child process).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
