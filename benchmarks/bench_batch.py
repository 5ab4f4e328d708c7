"""Corpus scale (issue 19): ``variorum batch`` over the Platform Governance Archive
with 1 and 2 local workers and on a Dask ``LocalCluster`` of 2 worker processes, and
``git log -p --word-diff`` over the same history as the reference; and the driver's
memory on synthetic corpora of growing size.

    .venv/bin/python benchmarks/bench_batch.py                   # every pair, 3 rounds
    .venv/bin/python benchmarks/bench_batch.py --limit 1000 --rounds 5 --out /tmp/batch.md
    .venv/bin/python benchmarks/bench_batch.py --memory 2000 20000 --out /tmp/memory.md

The pairs are those of ``corpus.py`` (every consecutive pair of every ``.md`` file,
its canonical texts in the cache), given to ``variorum batch`` as a CSV; ``--limit``
takes that many, spread evenly over the corpus. Each run is one ``variorum batch``
command in a fresh process into a fresh results folder (and, for Dask, on a fresh
LocalCluster whose start is not counted). The engines take turns, round after
round, so that a burst of load on this shared machine falls on all of them; the
tables give the median of the rounds and each round's load average.

Memory is each process's own peak (``VmHWM``, the kernel's high-water mark of its
resident memory, read while it runs; a Dask worker's from its own ``getrusage``): the
driver (the ``variorum batch`` process) apart from the largest worker.
Data: Platform Governance Archive (PGA v2), ZeMKI, University of Bremen, ODC-By.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from corpus import CREDIT, Pair, corpus_pairs, repository
from variorum.batch.cluster import local_cluster

HERE = Path(__file__).resolve().parent
VARIORUM = Path(sys.executable).with_name("variorum")
ENGINES = (
    "1 worker",
    "2 workers",
    "LocalCluster, 2 workers",
    "two runs of 1 worker at once, half the pairs each",
)
"""The last is no engine of Variorum's: what two cores give this work with nothing
shared between the two processes, the ceiling for the pool of 2."""
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    driver_mb: float
    worker_mb: float
    load: float
    """The one-minute load average when the run started."""
    cpu: float
    """CPU seconds of all the run's processes (driver, workers, Dask's scheduler)."""
    parts: tuple[float, ...] = ()
    """The CPU seconds of the driver and the workers; on Dask, of the driver, the
    scheduler and the workers."""


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


def peak_mb(process: psutil.Process) -> float:
    """The process's peak resident memory so far (VmHWM), in MB; 0 once it is gone."""
    try:
        with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass(frozen=True, slots=True)
class Measured:
    """What one or more ``variorum batch`` processes run together took."""

    seconds: float
    """Wall seconds until the last one ended."""
    driver_mb: float
    """The largest peak of a driver (a ``variorum batch`` process)."""
    worker_mb: float
    """The largest peak of a driver's child process (a local worker)."""
    cpu: float
    """CPU seconds of the drivers and their children."""
    driver_cpu: float
    """The drivers' own CPU seconds (their last sample)."""
    sampling: float
    """CPU seconds of the sampling itself (it lists every process of the machine to
    find the children): not the runs'."""


def batch(table: Path, folder: Path, *engine: str) -> Measured:
    """One ``variorum batch`` run."""
    return side_by_side([(table, folder)], *engine)


def side_by_side(jobs: list[tuple[Path, Path]], *engine: str) -> Measured:
    """``variorum batch`` runs started together, one a (pairs, results folder), each
    process's memory and CPU sampled every ``SAMPLE_SECONDS`` while they run."""
    commands = [
        [str(VARIORUM), "batch", str(table), "-o", str(folder), *engine] for table, folder in jobs
    ]
    before = _children_cpu()
    started = time.perf_counter()
    drivers = [
        psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    peaks = {"driver": 0.0, "workers": 0.0, "sampling": 0.0}
    own = dict.fromkeys(range(len(drivers)), 0.0)

    def sample() -> None:
        while any(driver.poll() is None for driver in drivers):
            for number, driver in enumerate(drivers):
                peaks["driver"] = max(peaks["driver"], peak_mb(driver))
                try:
                    times = driver.cpu_times()
                    own[number] = times.user + times.system
                    children = driver.children(recursive=True)
                except psutil.Error:
                    children = []
                for child in children:
                    peaks["workers"] = max(peaks["workers"], peak_mb(child))
            time.sleep(SAMPLE_SECONDS)
        peaks["sampling"] = time.thread_time()

    sampler = threading.Thread(target=sample)
    sampler.start()
    errors = [driver.communicate()[1] for driver in drivers]
    seconds = time.perf_counter() - started
    sampler.join()
    for command, driver, error in zip(commands, drivers, errors, strict=True):
        if driver.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {error.decode().strip()}")
    cpu = _children_cpu() - before
    return Measured(
        seconds, peaks["driver"], peaks["workers"], cpu, sum(own.values()), peaks["sampling"]
    )


def _children_cpu() -> float:
    """CPU seconds of this process's children that ended (and theirs, reaped by them)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def on_local_cluster(table: Path, folder: Path) -> tuple[Run, float]:
    """The run on a fresh LocalCluster of 2 worker processes started with Variorum's
    Dask settings (``variorum.batch.cluster``), and the seconds the cluster took to
    start. Its scheduler runs in this process: its CPU is this process's during the
    run, less the memory sampler's thread."""
    from distributed import Client

    started = time.perf_counter()
    with local_cluster(2) as cluster, Client(cluster) as client:
        startup = time.perf_counter() - started
        load = os.getloadavg()[0]
        workers_before = sum(client.run(_own_cpu).values())
        scheduler_before = _own_cpu()
        run = batch(table, folder, "--scheduler", cluster.scheduler_address)
        scheduler_cpu = _own_cpu() - scheduler_before - run.sampling
        workers_cpu = sum(client.run(_own_cpu).values()) - workers_before
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    worker_mb = max(kb / 1024 for kb in workers.values())
    cpu = run.cpu + scheduler_cpu + workers_cpu
    parts = (run.cpu, scheduler_cpu, workers_cpu)
    return Run(run.seconds, run.driver_mb, worker_mb, load, cpu, parts), startup


def locally(jobs: list[tuple[Path, Path]], workers: int) -> Run:
    """Local runs, started together; their CPU parted into the drivers' and the workers'."""
    load = os.getloadavg()[0]
    run = side_by_side(jobs, "--workers", str(workers))
    parts = (run.driver_cpu, run.cpu - run.driver_cpu)
    return Run(run.seconds, run.driver_mb, run.worker_mb, load, run.cpu, parts)


def one_round(
    table: Path, halves: list[Path], scratch: Path, number: int
) -> tuple[dict[str, Run], float]:
    """Each engine once, in turn; and the cluster's start time."""
    runs = {
        ENGINES[0]: locally([(table, scratch / f"{number}-1")], 1),
        ENGINES[1]: locally([(table, scratch / f"{number}-2")], 2),
        ENGINES[3]: locally([(half, scratch / f"{number}-{half.stem}") for half in halves], 1),
    }
    runs[ENGINES[2]], startup = on_local_cluster(table, scratch / f"{number}-dask")
    return runs, startup


def git_word_diff(repo: Path) -> float:
    """Seconds of ``git log -p --word-diff`` over the ``.md`` history."""
    started = time.perf_counter()
    subprocess.run(
        ["git", "-C", str(repo), "log", "-p", "--word-diff=porcelain", "--no-merges", "--", "*.md"],
        stdout=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def speed_report(
    count: int, rounds: list[dict[str, Run]], startups: list[float], git: float
) -> str:
    median = {
        name: statistics.median(r[name].seconds for r in rounds) for name in ENGINES
    }  # fmt: skip
    lines = [
        "# `variorum batch` at corpus scale (issue 19)",
        "",
        f"{count:,} pairs of the corpus, {os.cpu_count()} CPUs shared with other work, "
        f"{len(rounds)} rounds, engines in turn; {_now()}.",
        "",
        "| engine | median s | pairs/s | each round: s (1-min load at its start) "
        "| median CPU s | driver peak MB | worker peak MB |",
        "| --- | --: | --: | --- | --: | --: | --: |",
    ]
    for name in ENGINES:
        each = ", ".join(f"{r[name].seconds:.1f} ({r[name].load:.1f})" for r in rounds)
        driver = max(r[name].driver_mb for r in rounds)
        worker = max(r[name].worker_mb for r in rounds)
        cpu = statistics.median(r[name].cpu for r in rounds)
        lines.append(
            f"| {name} | {median[name]:.1f} | {count / median[name]:,.0f} | {each} "
            f"| {cpu:.1f} | {driver:,.0f} | {worker:,.0f} |"
        )
    speedups = [r[ENGINES[0]].seconds / r[ENGINES[1]].seconds for r in rounds]
    overheads = [(r[ENGINES[2]].seconds / r[ENGINES[1]].seconds - 1) * 100 for r in rounds]
    cpu_overheads = [(r[ENGINES[2]].cpu / r[ENGINES[1]].cpu - 1) * 100 for r in rounds]
    ceilings = [r[ENGINES[0]].seconds / r[ENGINES[3]].seconds for r in rounds]
    reached = [r[ENGINES[3]].seconds / r[ENGINES[1]].seconds * 100 for r in rounds]
    paired_cpu = statistics.median(r[ENGINES[3]].cpu for r in rounds)
    lines += [
        "",
        f"Speed-up from 1 to 2 local workers, median of the rounds: "
        f"**{statistics.median(speedups):.2f}×** (each: {_list(speedups, '×')}; target ≥ 1.8×).",
        f"Dask's overhead against the local pool of 2, median of the rounds: "
        f"**{statistics.median(overheads):+.0f}%** (each: {_list(overheads, '%', '+.0f')}; "
        f"target within 15%); a cluster took {statistics.median(startups):.1f} s to start, "
        "not counted.",
        *(
            f"CPU seconds by process, {name}, each round ({kinds}): "
            + "; ".join(", ".join(f"{part:.1f}" for part in r[name].parts) for r in rounds)
            + "."
            for name, kinds in zip(ENGINES, _KINDS, strict=True)
        ),
        f"Two runs of 1 worker at once, each on half the pairs (every other one), with "
        f"nothing between them: **{statistics.median(ceilings):.2f}×** 1 worker's speed "
        f"(each: {_list(ceilings, '×')}), {paired_cpu:.1f} CPU seconds: what the two "
        "cores give this work; the pool of 2 reached "
        f"{statistics.median(reached):.0f}% of it (each: {_list(reached, '%', '.0f')}).",
        f"Dask's CPU seconds (driver, scheduler and workers) against the local pool's "
        f"(driver and workers): **{statistics.median(cpu_overheads):+.0f}%** "
        f"(each: {_list(cpu_overheads, '%', '+.0f')}): the cost of Dask itself, which the "
        "load of other work changes far less than wall time (though Dask's heartbeats and "
        "monitors cost CPU by the second: a longer run shows more).",
        f"`git log -p --word-diff=porcelain` over the whole `.md` history: {git:.1f} s "
        f"(one process); {git / median[ENGINES[0]]:.2f} of 1 worker's time.",
        "",
        f"Data: {CREDIT}.",
        "",
    ]
    return "\n".join(lines)


def synthetic(folder: Path, count: int) -> Path:
    """A CSV of ``count`` pairs over 40 small policy texts (a few hundred words each):
    a corpus as long as wanted, each pair cheap, so that the driver's share shows."""
    folder.mkdir(parents=True, exist_ok=True)
    for version in range(40):
        clauses = [f"Clause {n}. We keep data for {n * (version % 7 + 1)} days." for n in range(30)]
        (folder / f"v{version:02d}.md").write_text("\n\n".join(clauses) + "\n")
    table = folder / "pairs.csv"
    with table.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        for number in range(count):
            old, new = number % 40, (number * 7 + 3) % 40
            writer.writerow([f"v{old:02d}.md", f"v{new:02d}.md", f"pair-{number}"])
    return table


def memory_report(
    sizes: list[int],
    runs: list[tuple[float, float, float, float]],
    rerun: tuple[float, float, float, float],
) -> str:
    lines = [
        "# `variorum batch`: the driver's memory against the corpus's size (issue 19)",
        "",
        f"Synthetic corpora (40 small texts, pairs listed in a CSV), 2 local workers, "
        f"{os.cpu_count()} CPUs shared with other work; {_now()}.",
        "",
        "| pairs | seconds | 1-min load at start | driver peak MB | worker peak MB |",
        "| --: | --: | --: | --: | --: |",
    ]
    for size, (seconds, driver, worker, load) in zip(sizes, runs, strict=True):
        lines.append(f"| {size:,} | {seconds:.1f} | {load:.1f} | {driver:,.0f} | {worker:,.0f} |")
    seconds, driver, worker, load = rerun
    lines.append(
        f"| {sizes[-1]:,} again, all done already (resumed) | {seconds:.1f} | {load:.1f} "
        f"| {driver:,.0f} | {worker:,.0f} |"
    )
    return "\n".join([*lines, ""])


_KINDS = ("driver, worker", "driver, workers", "driver, scheduler, workers", "drivers, workers")


def _list(values: list[float], unit: str, form: str = ".2f") -> str:
    return ", ".join(f"{value:{form}}{unit}" for value in values)


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="pairs to run, spread over the corpus")
    parser.add_argument("--rounds", type=int, default=3, help="times each engine runs")
    parser.add_argument("--memory", type=int, nargs="+", help="synthetic corpora of these sizes")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "batch.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        scratch = Path(folder)
        if arguments.memory:
            runs = []
            for size in arguments.memory:
                table = synthetic(scratch / f"synthetic-{size}", size)
                load = os.getloadavg()[0]
                run = batch(table, scratch / f"out-{size}", "--workers", "2")
                runs.append((run.seconds, run.driver_mb, run.worker_mb, load))
            load = os.getloadavg()[0]  # the largest again: every pair skipped (the journal)
            run = batch(table, scratch / f"out-{size}", "--workers", "2")
            rerun = (run.seconds, run.driver_mb, run.worker_mb, load)
            text = memory_report(arguments.memory, runs, rerun)
        else:
            pairs = spread(corpus_pairs(), arguments.limit)
            table = scratch / "pairs.csv"
            write_pairs(pairs, table)
            halves = [scratch / "odd.csv", scratch / "even.csv"]  # alternate pairs: alike
            write_pairs(pairs[1::2], halves[0])
            write_pairs(pairs[::2], halves[1])
            rounds, startups = zip(
                *(one_round(table, halves, scratch, n) for n in range(arguments.rounds)),
                strict=True,
            )
            git = git_word_diff(repository())
            text = speed_report(len(pairs), list(rounds), list(startups), git)
    arguments.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
