"""Corpus scale (issue 19): ``variorum batch`` over the Platform Governance Archive
with 1 and 2 local workers and on a Dask ``LocalCluster`` of 2 worker processes, and
``git log -p --word-diff`` over the same history as the reference.

    .venv/bin/python benchmarks/bench_batch.py                  # every pair of the corpus
    .venv/bin/python benchmarks/bench_batch.py --limit 1000 --out /tmp/batch.md

The pairs are those of ``corpus.py`` (every consecutive pair of every ``.md`` file,
its canonical texts in the cache), given to ``variorum batch`` as a CSV; ``--limit``
takes that many, spread evenly over the corpus. Each run is one ``variorum batch``
command in a fresh process into a fresh results folder; its wall time, and the peak
memory of the largest of its processes (``ru_maxrss`` of the children: a worker or the
driver). Speed-up is 1 worker's time over 2 workers'; Dask's overhead is the
LocalCluster's time over the local pool's with 2 workers, less one.
Data: Platform Governance Archive (PGA v2), ZeMKI, University of Bremen, ODC-By.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CREDIT, Pair, corpus_pairs, repository

HERE = Path(__file__).resolve().parent
VARIORUM = Path(sys.executable).with_name("variorum")


def write_pairs(pairs: list[Pair], table: Path) -> None:
    """The pairs as a CSV for ``variorum batch`` (absolute paths to the cached texts)."""
    with table.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["old", "new", "id"])
        for pair in pairs:
            writer.writerow([pair.old_path, pair.new_path, pair.name])


def spread(pairs: list[Pair], limit: int | None) -> list[Pair]:
    """``limit`` pairs taken at even steps over the corpus (all without a limit)."""
    if not limit or limit >= len(pairs):
        return pairs
    step = len(pairs) / limit
    return [pairs[int(number * step)] for number in range(limit)]


PEAK = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stderr.write(done.stderr); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(done.returncode)"
)
"""Runs a command and prints the peak memory (KB) of the largest process of its tree."""


def timed(arguments: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MB of the largest process of a command (in a fresh
    process of its own, so that no earlier run's peak counts)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *arguments], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(arguments)} failed: {done.stderr.strip()}")
    return seconds, int(done.stdout.split()[-1]) / 1024


def batch(table: Path, scratch: Path, name: str, *engine: str) -> tuple[float, float]:
    """One ``variorum batch`` run into a fresh folder: seconds and peak MB."""
    return timed([str(VARIORUM), "batch", str(table), "-o", str(scratch / name), *engine])


def on_local_cluster(table: Path, scratch: Path) -> tuple[float, float, float]:
    """The run on a LocalCluster of 2 worker processes started here: seconds, peak MB
    (the driver's or a worker's, the larger), and the seconds the cluster took to start
    (not counted in the run)."""
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        startup = time.perf_counter() - started
        seconds, peak = batch(table, scratch, "dask", "--scheduler", cluster.scheduler_address)
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return seconds, max(peak, *(kb / 1024 for kb in workers.values())), startup


def git_word_diff(repo: Path) -> float:
    """Seconds of ``git log -p --word-diff`` over the ``.md`` history."""
    started = time.perf_counter()
    subprocess.run(
        ["git", "-C", str(repo), "log", "-p", "--word-diff=porcelain", "--no-merges", "--", "*.md"],
        stdout=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def report(
    count: int, runs: dict[str, tuple[float, float]], startup: float, git: float | None
) -> str:
    one, two, dask = runs["1 worker"], runs["2 workers"], runs["LocalCluster, 2 workers"]
    lines = [
        "# `variorum batch` at corpus scale (issue 19)",
        "",
        f"{count:,} pairs of the corpus, {os.cpu_count()} CPUs; load average at the end: "
        f"{' '.join(f'{load:.1f}' for load in os.getloadavg())}; {_now()}.",
        "",
        "| engine | seconds | pairs/s | peak MB (largest process) |",
        "| --- | --: | --: | --: |",
    ]
    for name, (seconds, peak) in runs.items():
        lines.append(f"| {name} | {seconds:.1f} | {count / seconds:,.1f} | {peak:,.0f} |")
    lines += [
        "",
        f"Speed-up from 1 to 2 local workers: **{one[0] / two[0]:.2f}×** (target ≥ 1.8×).",
        f"Dask's overhead against the local pool of 2: **{(dask[0] / two[0] - 1) * 100:+.0f}%** "
        f"(target within 15%); the cluster took {startup:.1f} s to start, not counted.",
    ]
    if git is not None:
        lines.append(
            f"`git log -p --word-diff=porcelain` over the same `.md` history: {git:.1f} s "
            f"(one process)."
        )
    lines += ["", f"Data: {CREDIT}.", ""]
    return "\n".join(lines)


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="pairs to run, spread over the corpus")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "batch.md")
    arguments = parser.parse_args()
    pairs = spread(corpus_pairs(), arguments.limit)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        scratch = Path(folder)
        table = scratch / "pairs.csv"
        write_pairs(pairs, table)
        runs = {
            "1 worker": batch(table, scratch, "one", "--workers", "1"),
            "2 workers": batch(table, scratch, "two", "--workers", "2"),
        }
        dask_seconds, dask_peak, startup = on_local_cluster(table, scratch)
        runs["LocalCluster, 2 workers"] = (dask_seconds, dask_peak)
    git = git_word_diff(repository()) if arguments.limit is None else None
    text = report(len(pairs), runs, startup, git)
    arguments.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
