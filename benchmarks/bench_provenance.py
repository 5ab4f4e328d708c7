"""Provenance and the timeline at scale, and the published page of a long history
(issue 17).

1. The longest history of the Platform Governance Archive, imported with
   ``variorum import-git``; then ``variorum history`` and ``variorum blame``, each in
   a fresh process under GNU time: cold (no kept steps: every consecutive comparison
   made and kept in the project) and warm (the kept steps read back). Peers: ``git log
   --numstat`` (a timeline in lines) and ``git blame`` (provenance of lines) on the
   same file's history.
2. Synthetic histories of a 100,000-word document (the corpus's own paragraphs, see
   ``synthetic.py``): 250, 500 and 1,000 versions with about the same change in each
   (three clusters of 1-8 words), and 250 versions with four times as much change;
   the 1,000-version one also as a git repository, for the peers. Cost per version
   (cold) should stay flat along the series and grow with the change per version.
3. The published page of the first 100 versions of the longest history, as a site
   and as one file: time until interactive in Debian's Chromium (navigation start to
   the page's script having run, ``vr-ready``), median of three fresh loads, and the
   time to step to the next version's changes with the ``.`` key in the single file.

Results go to ``benchmarks/results/provenance.md``::

    .venv/bin/python benchmarks/bench_provenance.py
    .venv/bin/python benchmarks/bench_provenance.py --quick   # 50/100/200 versions

Data: Platform Governance Archive (PGA v2), ZeMKI, University of Bremen, ODC-By.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_history import longest
from corpus import CREDIT, repository
from synthetic import _paragraphs
from variorum.compare import compare
from variorum.history.blame import provenance_of
from variorum.history.steps import CACHE_DIR, StepSummary, summarize
from variorum.project import add_versions, create_project, open_project
from variorum.publish import publish_file, publish_site

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SEED = 17
PAGE_VERSIONS = 100
STEPPED = "document.querySelector('#pick-new').value === '1'"
"""True once the single file shows the first step (the picker follows the pair shown)."""


def timed(arguments: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak MB and standard output of one command under GNU time; its CPU
    seconds (user and system) printed, since on a shared machine the wall time follows
    the load more than the work."""
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *arguments], capture_output=True, text=True,
        cwd=cwd, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed: {result.stderr.strip()[-500:]}")
    peak, user, system = result.stderr.strip().splitlines()[-1].split()
    print(f"  {' '.join(arguments[-5:])}: {seconds:.2f} s wall, {float(user) + float(system):.2f}"
          f" s CPU, load {load_average()}", flush=True)  # fmt: skip
    return seconds, int(peak) / 1024, result.stdout


def variorum(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "variorum", *arguments]


def measure_project(folder: Path) -> dict[str, tuple[float, float]]:
    """history and blame, cold and warm: (seconds, peak MB) each; and the words changed."""
    out: dict[str, tuple[float, float]] = {}
    for step in ("history", "blame"):
        shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
        seconds, peak, _ = timed(variorum(step, "-p", str(folder), "--json"))
        out[f"{step} cold"] = (seconds, peak)
        seconds, peak, _ = timed(variorum(step, "-p", str(folder), "--json"))
        out[f"{step} warm"] = (seconds, peak)
    return out


def changed_words(folder: Path) -> int:
    """Words inserted, deleted and moved over the whole history."""
    _, _, stdout = timed(variorum("history", "-p", str(folder), "--json"))
    steps = json.loads(stdout)[1:]
    return sum(step["inserted"] + step["deleted"] + step["moved"] for step in steps)


def peers(repo: Path, document: str) -> dict[str, tuple[float, float]]:
    """``git log --numstat`` and ``git blame`` of ``document``'s history."""
    log = ["git", "-C", str(repo), "log", "--numstat", "--format=%H %aI", "--", document]
    blame = ["git", "-C", str(repo), "blame", "--line-porcelain", "HEAD", "--", document]
    return {name: timed(command)[:2] for name, command in (("git log --numstat", log),
                                                            ("git blame", blame))}  # fmt: skip


# ---- synthetic histories --------------------------------------------------------------


def synthetic_history(words: int, versions: int, clusters: int) -> list[str]:
    """``versions`` texts of a ``words``-word document, each the one before with
    ``clusters`` edit clusters (1-8 words replaced, inserted or deleted) and, now and
    then, a paragraph added or removed."""
    rng = random.Random(SEED + versions * 31 + clusters)
    lines = _paragraphs(words)
    vocabulary = sorted({word for line in lines[:3000] for word in line.split()[1:]})
    texts = ["\n\n".join(lines) + "\n"]
    for _ in range(versions - 1):
        for _ in range(clusters):
            index = rng.randrange(len(lines))
            split = lines[index].split(" ")
            if len(split) < 4:
                continue
            start, size = rng.randrange(1, len(split)), rng.randint(1, 8)
            kind = rng.choice(("replace", "replace", "insert", "delete"))
            fresh = [rng.choice(vocabulary) for _ in range(size)]
            if kind == "replace":
                split[start : start + size] = fresh
            elif kind == "insert":
                split[start:start] = fresh
            else:
                del split[start : start + size]
            lines[index] = " ".join(split)
        if rng.random() < 0.1:
            lines.insert(rng.randrange(len(lines)), " ".join(rng.sample(vocabulary, 30)))
        if rng.random() < 0.05:
            del lines[rng.randrange(len(lines))]
        texts.append("\n\n".join(lines) + "\n")
    return texts


def synthetic_project(folder: Path, texts: list[str]) -> Path:
    """A project holding ``texts`` as dated versions."""
    files = folder / "files"
    files.mkdir(parents=True)
    entries = []
    for number, text in enumerate(texts):
        path = files / f"v{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        day = f"{2000 + number // 365:04d}-{number % 365 // 31 + 1:02d}-{number % 28 + 1:02d}"
        entries.append((path, f"v{number:04d}", day, ""))
    project = create_project(folder / "project", "Synthetic history", [], "")
    add_versions(project, entries)
    return folder / "project"


def git_history(folder: Path, texts: list[str]) -> Path:
    """The same history as a git repository, a commit a version."""
    repo = folder / "git"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for number, text in enumerate(texts):
        (repo / "document.txt").write_text(text, encoding="utf-8")
        subprocess.run(["git", "-C", str(repo), "add", "document.txt"], check=True, env=env)
        subprocess.run(["git", "-C", str(repo), "commit", "-qm", f"v{number}", "--allow-empty"],
                       check=True, env=env)  # a version may repeat the one before  # fmt: skip
    return repo


# ---- the published page ---------------------------------------------------------------


def page_timings(site: Path, single: Path, runs: int) -> dict[str, float]:
    """Median milliseconds until interactive (site index, single file), and to step to
    the next version's changes in the single file."""
    from playwright.sync_api import sync_playwright

    loads: dict[str, list[float]] = {"site": [], "single": [], "step": [], "pick": []}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        for _ in range(runs):
            for name, path in (("site", site / "index.html"), ("single", single)):
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.goto(path.as_uri())
                page.wait_for_selector("body.vr-ready", state="attached", timeout=300_000)
                loads[name].append(page.evaluate(
                    "performance.getEntriesByName('vr-ready')[0].startTime"))  # fmt: skip
                if name == "single":
                    started = page.evaluate("performance.now()")
                    page.keyboard.press(".")
                    page.wait_for_function(STEPPED)
                    loads["step"].append(page.evaluate("performance.now()") - started)
                else:
                    loads["pick"].append(composed_pick(page))
                page.close()
        browser.close()
    return {name: statistics.median(values) for name, values in loads.items()}


def composed_pick(page: Any) -> float:
    """Milliseconds from asking for a pair the page does not publish (the 10th and the
    90th version) to the frame after its redline is composed and laid out (the request
    made in the page: the test driver's own checks before a click are left out)."""
    page.select_option("#pick-old", "9")
    page.select_option("#pick-new", "89")
    return float(
        page.evaluate(
            """() => new Promise(done => {
                const started = performance.now();
                document.getElementById('pick').requestSubmit();
                requestAnimationFrame(() => setTimeout(() => done(performance.now() - started)));
            })"""
        )
    )


def published(folder: Path) -> tuple[Path, Path, int, int]:
    """The first ``PAGE_VERSIONS`` versions of the longest history, published as a site
    and as one file: their paths, the site's index size and the single file's size."""
    source = open_project(folder)
    project = create_project(folder.parent / "page", source.title or "History", [], "")
    entries = [(folder / version.file, version.label, version.date, version.source)
               for version in source.versions[:PAGE_VERSIONS]]  # fmt: skip
    project = add_versions(project, entries)
    site, single = folder.parent / "site", folder.parent / "single.html"
    publish_site(project, site)
    publish_file(project, single)
    return site, single, (site / "index.html").stat().st_size, single.stat().st_size


# ---- the report -----------------------------------------------------------------------


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50/100/200 synthetic versions")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "provenance.md")
    parser.add_argument("--series", default="", help="versions:clusters,... (default: all)")
    parser.add_argument("--no-longest", action="store_true", help="leave out part 1")
    parser.add_argument("--no-page", action="store_true", help="leave out part 3")
    args = parser.parse_args()
    series = QUICK if args.quick else SERIES
    if args.series:
        parts = [part.split(":") for part in args.series.split(",") if part != "none"]
        series = [(int(n), int(c)) for n, c in parts]
    lines = [
        "# Provenance, the timeline and the page of a long history (issue 17)", "",
        f"Data: {CREDIT}.", "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} CPUs"
        f" shared with other work; load average at the start {load_average()}. Each command a"
        " fresh process under GNU time (wall time, peak memory). Generated by"
        " `benchmarks/bench_provenance.py`.", "",
    ]  # fmt: skip
    repo = repository()
    with tempfile.TemporaryDirectory() as scratch:
        document, commits = longest(repo, 1)[0]
        folder = Path(scratch) / "longest"
        if args.no_longest:
            timed(variorum("import-git", str(repo), document, "-p", str(folder)))
        else:
            lines += longest_section(repo, document, commits, folder)
        lines += synthetic_section(Path(scratch), series) if series else []
        lines += [] if args.no_page else page_section(folder, document, args.runs)
    lines += ["", f"Load average at the end: {load_average()}."]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


SERIES = [(250, 3), (500, 3), (1000, 3), (250, 12)]
"""(versions, edit clusters a version) of the synthetic histories; the largest has peers."""
QUICK = [(50, 3), (100, 3), (200, 3), (50, 12)]


def longest_section(repo: Path, document: str, commits: int, folder: Path) -> list[str]:
    """The longest history imported, then its timeline and provenance with the peers'."""
    seconds, peak, _ = timed(variorum("import-git", str(repo), document, "-p", str(folder)))
    versions = len(open_project(folder).versions)
    lines = [
        f"## The longest history: {document}", "",
        f"{commits} commits, {versions} versions after folding; `import-git` {seconds:.1f} s,"
        f" {peak:.0f} MB; {changed_words(folder):,} words changed in all.", "",
        "| step | time | peak memory | ratio to the git peer |", "|---|--:|--:|--:|",
    ]  # fmt: skip
    lines += table(measure_project(folder), peers(repo, document))
    split = ", ".join(f"{part} {1000 * seconds / versions:.1f} ms"
                      for part, seconds in cost_split(folder).items())  # fmt: skip
    lines += ["", f"A cold walk's parts, timed apart in one process: {split} a version."]
    print("\n".join(lines), flush=True)
    return lines


def synthetic_section(scratch: Path, series: list[tuple[int, int]]) -> list[str]:
    """Each synthetic history of the series, measured; the peers on the third."""
    lines = [
        "", "## Synthetic histories of a 100,000-word document", "",
        "| versions | clusters a version | words changed in all | step | time | per version"
        " | peak memory | ratio to the git peer |",
        "|--:|--:|--:|---|--:|--:|--:|--:|",
    ]  # fmt: skip
    splits: list[str] = []
    for count, clusters in series:
        place = scratch / f"synthetic-{count}-{clusters}"
        texts = synthetic_history(100_000, count, clusters)
        project = synthetic_project(place, texts)
        changed = changed_words(project)
        largest = count == max(n for n, _ in series)
        git = peers(git_history(place, texts), "document.txt") if largest else {}
        for step, (seconds, peak) in measure_project(project).items():
            lines.append(
                f"| {count:,} | {clusters} | {changed:,} | `{step}` | {seconds:.1f} s"
                f" | {1000 * seconds / count:.0f} ms | {peak:.0f} MB"
                f" | {_ratio(step, seconds, git)} |"
            )
            print(lines[-1], flush=True)
        lines += [f"| {count:,} | | | `{name}` (peer) | {seconds:.2f} s | | {peak:.0f} MB | |"
                  for name, (seconds, peak) in git.items()]  # fmt: skip
        if largest:
            split = ", ".join(f"{part} {1000 * seconds / count:.1f} ms"
                              for part, seconds in cost_split(project).items())  # fmt: skip
            splits.append(f"- {count:,} versions, {clusters} clusters: {split} a version.")
        shutil.rmtree(place)
    return [*lines, "", "A cold walk's parts, timed apart in one process:", "", *splits]


def cost_split(folder: Path) -> dict[str, float]:
    """Seconds of a cold walk's parts, timed apart in this process: reading every version
    (as the walk does, a group of files a reading child), comparing each with the next,
    summarizing each step, and blame's steps over the summaries."""
    project = open_project(folder)
    clock = dict.fromkeys(("reading", "comparing", "summarizing", "blame's steps"), 0.0)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    reading_cpu = children.ru_utime + children.ru_stime  # the reading children's, so far
    documents = project.read_documents(project.labels)
    summaries: list[StepSummary] = []
    previous = None
    while True:
        started = time.perf_counter()
        document = next(documents, None)
        clock["reading"] += time.perf_counter() - started
        if document is None:
            break
        if previous is not None:
            started = time.perf_counter()
            comparison = compare(previous, document)
            clock["comparing"] += time.perf_counter() - started
            started = time.perf_counter()
            summaries.append(summarize(comparison, summaries[-1].new_words if summaries else None))
            clock["summarizing"] += time.perf_counter() - started
        previous = document
    started = time.perf_counter()
    steps = ((summary.new_length, summary.kept) for summary in summaries)
    provenance_of(summaries[0].old_length, steps, places=False)
    clock["blame's steps"] = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime - reading_cpu
    per_version = 1000 * cpu / len(project.labels)
    print(f"  reading children: {per_version:.1f} ms CPU a version", flush=True)
    return clock


def page_section(folder: Path, document: str, runs: int) -> list[str]:
    """The page of the first ``PAGE_VERSIONS`` versions: sizes and timings."""
    site, single, site_size, single_size = published(folder)
    index = (site / "index.html").read_text(encoding="utf-8")
    start = index.find('<script type="application/json" id="history-steps">')
    steps_size = index.find("</script>", start) - start if start >= 0 else 0
    timings = page_timings(site, single, runs)
    lines = [
        "", f"## The published page of {PAGE_VERSIONS} versions", "",
        f"The first {PAGE_VERSIONS} versions of {document}: the site's index.html"
        f" {site_size / 2**20:.1f} MB (the whole change, the timeline, the last version"
        f" coloured by age, and the steps from which it composes any other pair:"
        f" {steps_size / 2**10:,.0f} KB of them), the single file {single_size / 2**20:.1f} MB"
        f" (every step besides). Median of {runs} fresh loads in Chromium; target:"
        " interactive within 1,500 ms.", "",
        "| measure | time |", "|---|--:|",
        f"| site index.html: time until interactive | {timings['site']:,.0f} ms |",
        f"| single file: time until interactive | {timings['single']:,.0f} ms |",
        f"| single file: `.` to the next step's changes | {timings['step']:,.0f} ms |",
        f"| site index.html: a pair not published (10th to 90th version) composed and shown"
        f" | {timings['pick']:,.0f} ms |",
    ]  # fmt: skip
    print("\n".join(lines), flush=True)
    return lines


def table(ours: dict[str, tuple[float, float]], git: dict[str, tuple[float, float]]) -> list[str]:
    rows = [f"| `{step}` | {seconds:.1f} s | {peak:.0f} MB | {_ratio(step, seconds, git)} |"
            for step, (seconds, peak) in ours.items()]  # fmt: skip
    rows += [f"| `{name}` (peer) | {seconds:.2f} s | {peak:.0f} MB | |"
             for name, (seconds, peak) in git.items()]  # fmt: skip
    return rows


def _ratio(step: str, seconds: float, git: dict[str, tuple[float, float]]) -> str:
    """Our time over the git peer's for the same question (timeline or provenance)."""
    peer = git.get("git log --numstat" if step.startswith("history") else "git blame")
    return f"{seconds / peer[0]:.1f}×" if peer else ""


if __name__ == "__main__":
    main()
