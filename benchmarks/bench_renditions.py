"""Same text, two renditions: each archive document with a table, read from its
Markdown and from the PDF Chromium prints of the page pandoc makes of it, compared.

    Markdown --pandoc--> HTML page --Chromium--> PDF --variorum--> Document
    Markdown --variorum--> Document          both --compare--> rows not equal, link changes

The documents are the latest versions of the Platform Governance Archive's files that
hold a Markdown table (18 in PGA v2). Pandoc runs without its smart quotes: its curly
quotes would be pandoc's change, not a reader's. A row not equal is any row of the
comparison but an equal one (a word, a space or a row read differently); the PDF's
words against the Markdown's are counted as in ``bench_fidelity.py``, beside
``pdftotext``'s words of the same PDF.

Usage (from the project root; ``make bench-env`` installs pandoc)::

    .venv/bin/python benchmarks/bench_renditions.py
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_fidelity import Tally  # noqa: E402  (beside this file)

_COUNTS = ("words", "missing", "extra", "bigrams", "broken")

_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
    "<style>body {{ font: 12pt serif }}</style></head><body>{body}</body></html>"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=HERE / "results" / "renditions.md")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache" / "renditions")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = [measure(path, args.cache) for path in documents_with_tables()]
    args.output.write_text(report(rows), encoding="utf-8")
    print(args.output.read_text(encoding="utf-8"))
    return 0


def documents_with_tables() -> list[Path]:
    from corpus import repository

    files = sorted(repository().glob("*/*.md"))
    return [path for path in files if any(line.startswith("|") for line in _lines(path))]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def printed(path: Path, cache: Path) -> Path:
    """Chromium's PDF of the page pandoc makes of the Markdown (made once)."""
    from variorum.render.pdf import print_pdf

    pdf = cache / f"{path.parent.name}-{path.stem}.pdf"
    if not pdf.exists():
        body = _run(["pandoc", "-f", "markdown-smart", "-t", "html", str(path)])
        pdf.write_bytes(print_pdf([_PAGE.format(title=path.stem, body=body)]))
    return pdf


def measure(path: Path, cache: Path) -> dict[str, object]:
    """One document's comparison of its two renditions, and the words of each reading."""
    from variorum.compare import compare
    from variorum.document import BlockKind
    from variorum.ingest import load

    pdf = printed(path, cache)
    source, reading = load(path), load(pdf)
    comparison = compare(source, reading)
    kinds = Counter(row.kind.value for row in comparison.rows if row.kind.value != "equal")
    words = {"variorum": Tally(), "pdftotext": Tally()}
    words["variorum"].add(source.text, reading.text)
    words["pdftotext"].add(source.text, _run(["pdftotext", str(pdf), "-"]))
    print(f"{path.parent.name}/{path.stem}: {sum(kinds.values())} rows not equal", flush=True)
    return {
        "name": f"{path.parent.name}/{path.stem}",
        "blocks": max(len(source.blocks), len(reading.blocks)),
        "table rows": sum(b.kind is BlockKind.TABLE_ROW for b in source.blocks),
        "read as rows": sum(b.kind is BlockKind.TABLE_ROW for b in reading.blocks),
        "not equal": sum(kinds.values()),
        "kinds": kinds,
        "link changes": len(comparison.link_changes),
        "words": words,
    }


def report(rows: list[dict[str, object]]) -> str:
    from corpus import CREDIT

    kinds: Counter[str] = Counter()
    lines = [
        "# Same text, two renditions: Markdown against Chromium's PDF of its page",
        "",
        f"`benchmarks/bench_renditions.py`, {datetime.date.today()}, variorum "
        f"{_run(['git', '-C', str(HERE), 'rev-parse', '--short', 'HEAD']).strip()}. "
        f"Documents: {CREDIT}.",
        "",
        "| document | blocks | table rows (read as rows) | rows not equal | link changes "
        "| words missing, extra: variorum; pdftotext |",
        "| --- | --: | --: | --: | --: | --: |",
    ]
    for row in rows:
        kinds.update(row["kinds"])  # type: ignore[arg-type]
        lines.append(
            f"| {row['name']} | {row['blocks']:,} | {row['table rows']} ({row['read as rows']}) "
            f"| {row['not equal']} | {row['link changes']} | {_words(row['words'])} |"  # type: ignore[arg-type]
        )
    total = {tool: _sum([row["words"][tool] for row in rows]) for tool in ("variorum", "pdftotext")}  # type: ignore[index]
    count = {key: sum(row[key] for row in rows) for key in ("blocks", "not equal", "link changes")}  # type: ignore[misc]
    lines += [
        "",
        f"All: {count['not equal']:,} rows not equal of {count['blocks']:,} blocks "
        f"({', '.join(f'{kind} {n}' for kind, n in kinds.most_common())}); "
        f"{count['link changes']:,} link changes; words missing, extra: {_words(total)}.",
        "",
    ]
    return "\n".join(lines)


def _sum(tallies: list[Tally]) -> Tally:
    return Tally(*(sum(getattr(t, name) for t in tallies) for name in _COUNTS))


def _words(tallies: dict[str, Tally]) -> str:
    """Words missing and extra of variorum's reading and of pdftotext's, as shares."""
    shares = {tool: tally.shares() for tool, tally in tallies.items()}
    return "; ".join(f"{missing:.2%}, {extra:.2%}" for missing, extra, _ in shares.values())


def _run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


if __name__ == "__main__":
    sys.exit(main())
