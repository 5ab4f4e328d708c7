"""Text fidelity: the words Variorum reads from a file against what it holds, beside
the tools a user would otherwise pick, in one run, on the same files.

    plain text --rendered--> PDF (1, 2, 3, 4 columns), DOCX --each tool--> text
    web page (Readability's test pages) --each tool--> text
    text vs reference --> words missing, words extra, bigram drift --> results/fidelity.md

- **PDF**: the built-in example and documents of the Platform Governance Archive
  (their Markdown read as plain text), typeset by the ingest tests' renderings in one
  column (running headers, page numbers, hyphenation) and in 2, 3 and 4 columns;
  printed by Chromium from a page in 1 and 3 CSS columns (justified, hyphenated, a
  running footer with the page number); and their Word files printed by LibreOffice
  (``soffice --convert-to pdf``), also with a footnote after the first sentence of
  every third paragraph (the reference: the paragraphs, then the notes); against
  ``pdftotext`` (poppler-utils, its default reading order).
- **DOCX**: the same texts as Word files with automatic numbering; against pandoc
  (``-t plain --wrap=none``).
- **HTML**: Readability's own test pages (mozilla/readability, ``test/test-pages``,
  Apache License 2.0; not shipped: pass a checkout's folder with ``--readability``),
  against each page's ``expected.html``; the peer is readability-lxml's article.

Words are runs of letters and digits, lower-cased, counted with repetition: *missing*
is the share of the reference's words a tool's text lacks, *extra* the share it adds,
and *bigram drift* the share of the reference's pairs of adjacent words that do not
occur in the tool's text: words read in the wrong order (columns interleaved, a
footnote inside a sentence) break pairs even when no word is lost.

Usage (from the project root; ``make bench-env`` installs pandoc)::

    make bench-env
    .venv/bin/python benchmarks/bench_fidelity.py --readability ../readability/test/test-pages
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))  # the renderings the ingest tests use
sys.path.insert(0, str(HERE))

TARGETS = {"pdf": (0.01, 0.03), "html": (0.02, None), "docx": (0.01, 0.03)}
"""Issue 14's targets per format: words missing at most, bigram drift at most."""
CORPUS_DOCUMENTS = 12
"""How many corpus documents (evenly spread over the archive) are typeset."""
_WORD = re.compile(r"\w+")


@dataclass
class Tally:
    """Words and bigrams of a reference and of one tool's text, summed over files."""

    words: int = 0
    missing: int = 0
    extra: int = 0
    bigrams: int = 0
    broken: int = 0
    failed: list[str] = field(default_factory=list)

    def add(self, reference: str, found: str) -> None:
        expected, got = words(reference), words(found)
        want, have = Counter(expected), Counter(got)
        self.words += len(expected)
        self.missing += sum((want - have).values())
        self.extra += sum((have - want).values())
        pairs = Counter(itertools.pairwise(expected))
        self.bigrams += sum(pairs.values())
        self.broken += sum((pairs - Counter(itertools.pairwise(got))).values())

    def shares(self) -> tuple[float, float, float]:
        """Missing, extra and drift as shares of the reference."""
        return (
            self.missing / max(self.words, 1),
            self.extra / max(self.words, 1),
            self.broken / max(self.bigrams, 1),
        )


def words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readability", type=Path, help="a checkout's test/test-pages folder")
    parser.add_argument("--documents", type=int, default=CORPUS_DOCUMENTS)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "fidelity.md")
    args = parser.parse_args(argv)
    texts = reference_texts(args.documents)
    sections = {"PDF": measure_pdf(texts), "DOCX": measure_docx(texts)}
    if args.readability:
        sections["HTML"] = measure_html(args.readability)
    args.output.write_text(report(sections, len(texts)), encoding="utf-8")
    print(args.output.read_text(encoding="utf-8"))
    return 0


def reference_texts(count: int) -> dict[str, str]:
    """The example's two versions and ``count`` corpus documents as plain text, in the
    characters the PDF's standard fonts can draw (others become ``?`` on both sides)."""
    from corpus import repository
    from variorum.ingest import parse_markdown

    texts = {}
    for year in ("2011", "2015"):
        path = ROOT / "src" / "variorum" / "examples" / "icoc" / f"{year}.txt"
        texts[f"icoc {year}"] = path.read_text(encoding="utf-8")
    repo = repository()
    files = sorted(repo.glob("*/*.md"))
    for path in files[:: max(len(files) // max(count, 1), 1)][:count]:
        text = parse_markdown(path.read_text(encoding="utf-8")).text
        texts[f"{path.parent.name}/{path.stem}"] = drawable(text)
    return texts


def drawable(text: str) -> str:
    return text.encode("cp1252", errors="replace").decode("cp1252")


def measure_pdf(texts: dict[str, str]) -> dict[str, dict[str, Tally]]:
    from renderings import render_columns, render_pdf

    layouts: dict[str, Callable[[str], bytes]] = {"1 column": render_pdf}
    for count in (2, 3, 4):
        layouts[f"{count} columns"] = lambda text, n=count: render_columns(text, columns=n)
    for count in (1, 3):
        layouts[f"Chromium, {count} column{'s' * (count > 1)}"] = (
            lambda text, n=count: chromium_pdf(text, n)
        )
    layouts["LibreOffice, from Word"] = libreoffice_pdf
    results: dict[str, dict[str, Tally]] = {}
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "file.pdf"
        for layout, render in layouts.items():
            tallies = results.setdefault(layout, {"variorum": Tally(), "pdftotext": Tally()})
            for name, text in texts.items():
                pdf.write_bytes(render(text))
                _tally(tallies, text, pdf)
                _progress(f"PDF {layout}: {name}")
        tallies = results.setdefault("LibreOffice, Word with footnotes", {
            "variorum": Tally(), "pdftotext": Tally()
        })
        for name, text in texts.items():
            reference, data = libreoffice_with_footnotes(text)
            pdf.write_bytes(data)
            _tally(tallies, reference, pdf)
            _progress(f"PDF with footnotes: {name}")
    return results


def _tally(tallies: dict[str, Tally], reference: str, pdf: Path) -> None:
    from variorum.ingest.pdf import parse_pdf

    tallies["variorum"].add(reference, parse_pdf(pdf.read_bytes()).text)
    tallies["pdftotext"].add(reference, _run(["pdftotext", str(pdf), "-"]))


def chromium_pdf(text: str, columns: int) -> bytes:
    """The text printed by Chromium from a page of one paragraph per line, in CSS
    ``columns`` (a one-em gutter), justified and hyphenated, with a running footer
    that holds the page number ("Instructions for the policy -3-")."""
    import html

    from variorum.render.pdf import print_pdf

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        "@page { margin: 0.8in; @bottom-center { content: 'Instructions for the policy -' "
        "counter(page) '-'; font: 8pt serif } }"
        f" body {{ font: 10pt serif }} .text {{ columns: {columns} }}"
        " p { margin: 0 0 6pt; text-align: justify; hyphens: auto }"
        f"</style></head><body><div class='text'>{body}</div></body></html>"
    )
    return print_pdf([page])


def libreoffice_pdf(text: str) -> bytes:
    """The text's Word file (the ingest tests' rendering) printed by LibreOffice."""
    from renderings import render_docx

    return _printed_by_libreoffice(render_docx(text))


def libreoffice_with_footnotes(text: str) -> tuple[str, bytes]:
    """A Word file of the text's paragraphs, every third one with a footnote after its
    first sentence (Word's footnote style: 10 points under a body of 11), printed by
    LibreOffice; and its reference text: the paragraphs, then the numbered notes."""
    from html import escape

    from renderings import word_package

    paragraphs = [line for line in text.splitlines() if line.strip()]
    body, notes = [], []
    small = '<w:rPr><w:sz w:val="20"/></w:rPr>'
    raised = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    for index, paragraph in enumerate(paragraphs):
        runs = f'<w:r><w:t xml:space="preserve">{escape(paragraph)}</w:t></w:r>'
        cut = paragraph.find(". ") + 1
        if index % 3 == 0 and cut:
            number = len(notes) + 1
            words = " ".join(paragraph.split()[:4])
            notes.append(f"On the paragraph beginning “{words}”: see the record, item {number}.")
            first, rest = escape(paragraph[:cut]), escape(paragraph[cut:])
            runs = (
                f'<w:r><w:t xml:space="preserve">{first}</w:t></w:r>'
                f'<w:r>{raised}<w:footnoteReference w:id="{number}"/></w:r>'
                f'<w:r><w:t xml:space="preserve">{rest}</w:t></w:r>'
            )
        body.append(f"<w:p>{runs}</w:p>")
    footnotes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r>{raised}<w:footnoteRef/></w:r>'
        f'<w:r>{small}<w:t xml:space="preserve"> {escape(note)}</w:t></w:r></w:p></w:footnote>'
        for number, note in enumerate(notes, 1)
    )
    reference = "\n".join([*paragraphs, *(f"{n} {note}" for n, note in enumerate(notes, 1))])
    return reference, _printed_by_libreoffice(word_package("".join(body), footnotes=footnotes))


def _printed_by_libreoffice(docx_data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "file.docx"
        docx.write_bytes(docx_data)
        command = ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless"]
        _run([*command, "--convert-to", "pdf", "--outdir", folder, str(docx)])
        return docx.with_suffix(".pdf").read_bytes()


def measure_docx(texts: dict[str, str]) -> dict[str, dict[str, Tally]]:
    from renderings import render_docx

    from variorum.ingest import load

    tallies = {"variorum": Tally(), "pandoc": Tally()}
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "file.docx"
        for name, text in texts.items():
            docx.write_bytes(render_docx(text))
            tallies["variorum"].add(text, load(docx).text)
            tallies["pandoc"].add(text, _run(["pandoc", str(docx), "-t", "plain", "--wrap=none"]))
            _progress(f"DOCX: {name}")
    return {"Word file": tallies}


def measure_html(pages: Path) -> dict[str, dict[str, Tally]]:
    import lxml.html
    from readability import Document as Readability

    from variorum.errors import VariorumError
    from variorum.ingest.html import parse_html

    tallies = {"variorum": Tally(), "readability-lxml": Tally()}
    for page in sorted(folder for folder in pages.iterdir() if (folder / "expected.html").exists()):
        source = _read(page / "source.html")
        expected = lxml.html.fromstring(_read(page / "expected.html")).text_content()
        try:
            ours = parse_html(source).text
        except VariorumError:
            ours = ""
            tallies["variorum"].failed.append(page.name)
        summary = Readability(source).summary(html_partial=True)
        theirs = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        tallies["variorum"].add(expected, ours)
        tallies["readability-lxml"].add(expected, theirs)
    return {f"{len(list(pages.iterdir()))} test pages": tallies}


def _read(path: Path) -> str:
    """A test page as UTF-8 text, as they are written (lxml given bytes would guess)."""
    return path.read_text(encoding="utf-8", errors="replace")


def _run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def report(sections: dict[str, dict[str, dict[str, Tally]]], documents: int) -> str:
    commit = _run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).strip()
    lines = [
        "# Text fidelity against the tools a user would otherwise pick",
        "",
        f"`benchmarks/bench_fidelity.py`, {datetime.date.today()}, variorum {commit}, "
        f"{_version(['pdftotext', '-v'])}, {_version(['pandoc', '--version'])}. "
        f"Typeset texts: the built-in example's two versions and {documents - 2} documents of "
        "the Platform Governance Archive (PGA v2, ZeMKI, University of Bremen, ODC-By). "
        "Web pages: Readability's test pages (mozilla/readability, Apache License 2.0).",
        "",
        "Shares of the reference's words (missing, extra) and of its adjacent word pairs "
        "(bigram drift); a ratio is Variorum's share over the peer's (under 1: Variorum "
        "is closer to the reference).",
        "",
        "| format | file | tool | words | missing | extra | bigram drift | target |",
        "| --- | --- | --- | --: | --: | --: | --: | --- |",
    ]
    for section, layouts in sections.items():
        for layout, tallies in layouts.items():
            lines += _rows(section, layout, tallies)
    return "\n".join(lines) + "\n"


def _rows(section: str, layout: str, tallies: dict[str, Tally]) -> Iterable[str]:
    ours = tallies["variorum"].shares()
    most, drift = TARGETS[section.lower()]
    for tool, tally in tallies.items():
        shares = tally.shares()
        cells = [f"{share:.2%}" for share in shares]
        if tool != "variorum":
            cells = [f"{cell} ({_ratio(mine, theirs)})" for cell, mine, theirs in
                     zip(cells, ours, shares, strict=True)]
            target = ""
        else:
            met = shares[0] <= most and (drift is None or shares[2] <= drift)
            target = f"missing ≤ {most:.0%}" + (f", drift ≤ {drift:.0%}" if drift else "")
            target += ": met" if met else ": not met"
        failed = f" ({len(tally.failed)} refused)" if tally.failed else ""
        yield f"| {section} | {layout} | {tool}{failed} | {tally.words:,} | " + " | ".join(
            cells
        ) + f" | {target} |"


def _ratio(ours: float, theirs: float) -> str:
    if theirs == 0:
        return "—" if ours == 0 else "∞×"
    return f"{ours / theirs:.2f}×"


def _version(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0].strip()


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
