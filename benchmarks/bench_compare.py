"""Variorum against the tools a user would otherwise pick, in one run, on the same texts.

    corpus pairs + large synthetic pair --each tool in a worker--> time, memory,
    segments --metrics--> edit size, hunks --report--> results/compare.md

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_compare.py            # the reported run
    .venv/bin/python benchmarks/bench_compare.py --quick    # smoke run, a minute or two

See benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

from corpus import corpus_pairs
from peers import TOOLS
from report import render
from runner import Result, Worker
from synthetic import LargePair, large_pair

HERE = Path(__file__).resolve().parent
LAST_RUN = HERE / ".cache" / "last-run.json"
REPEAT_UNDER = 30.0
"""Seconds under which a tool's run on the large pair is repeated."""


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.from_cache:
        run = json.loads(LAST_RUN.read_text())
    else:
        run = measure_all(args)
        LAST_RUN.write_text(json.dumps(run))
    text = render(run)
    output = Path(
        args.output or (HERE / "results" / ("compare-quick.md.tmp" if args.quick else "compare.md"))
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {output}", file=sys.stderr)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: few pairs, smaller large pair"
    )
    parser.add_argument(
        "--pairs", "--limit", type=int, help="corpus pairs for every tool (default all)"
    )
    parser.add_argument(
        "--slow-pairs", type=int, help="corpus pairs for the slow tools, a subset (default 100)"
    )
    parser.add_argument(
        "--timeout", type=float, help="seconds per corpus pair and tool (default 30)"
    )
    parser.add_argument(
        "--large-words", type=int, help="words of the large pair (default 1,000,000)"
    )
    parser.add_argument(
        "--large-timeout", type=float, help="seconds per tool on the large pair (300)"
    )
    parser.add_argument(
        "--large-repeats", type=int, help="runs of each quick tool on the large pair (5)"
    )
    parser.add_argument("--tools", help="comma-separated subset of: " + ", ".join(TOOLS))
    parser.add_argument("--no-corpus", action="store_true", help="only the large pair")
    parser.add_argument("--no-large", action="store_true", help="only the corpus")
    parser.add_argument("--output", help="where to write the Markdown report")
    parser.add_argument("--from-cache", action="store_true", help="re-render the last run's report")
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {
        "pairs": 40 if quick else None,
        "slow_pairs": 10 if quick else 100,
        "timeout": 10.0 if quick else 30.0,
        "large_words": 100_000 if quick else 1_000_000,
        "large_timeout": 20.0 if quick else 300.0,
        "large_repeats": 2 if quick else 5,
    }
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def measure_all(args: argparse.Namespace) -> dict[str, object]:
    """Every tool on the corpus and on the large pair; a JSON-ready record of it all."""
    tools = args.tools.split(",") if args.tools else list(TOOLS)
    unknown = set(tools) - set(TOOLS)
    if unknown:
        raise SystemExit(f"unknown tools: {', '.join(sorted(unknown))}")
    started = time.time()
    run: dict[str, object] = {
        "settings": {key: value for key, value in vars(args).items() if key != "from_cache"},
        "tools": tools,
        "slow": [name for name in tools if TOOLS[name].slow],
        "what": {name: TOOLS[name].what for name in tools},
        "started": started,
    }
    run["environment"] = environment()
    if not args.no_large:
        run["large"] = measure_large(
            tools, args.large_words, args.large_timeout, args.large_repeats
        )
    if not args.no_corpus:
        run["corpus"] = measure_corpus(tools, args.pairs, args.slow_pairs, args.timeout)
    run["environment_after"] = {"load": _load(), "engine": engine_state()}
    run["seconds"] = time.time() - started
    return run


def measure_large(tools: list[str], words: int, limit: float, repeats: int) -> dict[str, object]:
    """Each tool on the large pair in fresh workers: ``repeats`` times if it takes less
    than ``REPEAT_UNDER`` seconds (the median is kept), else once."""
    pair = large_pair(words)
    out: dict[str, object] = {
        "words": pair.words,
        "edited_words": pair.edited_words,
        "moved": pair.moved,
        "renumbered": pair.renumbered,
        "bytes": pair.old_path.stat().st_size + pair.new_path.stat().st_size,
        "limit": limit,
        "results": {},
    }
    first = {}
    for name in tools:
        first[name] = _large_run(name, pair, limit)
        _progress(f"large pair: {name}: {_short(first[name])}")
    # one run is at the mercy of a shared machine's noise: tools quick enough run again,
    # in turns (each in a fresh process), and the median of their runs is reported
    samples = {name: [result.seconds] for name, result in first.items()}
    quick = [name for name, result in first.items() if _quick(result)]
    for _ in range(repeats - 1):
        for name in quick:
            samples[name].append(_large_run(name, pair, limit).seconds)
    results = {}
    for name, result in first.items():
        times = [seconds for seconds in samples[name] if seconds is not None]
        median = statistics.median(times) if times else None
        results[name] = {**asdict(result), "seconds": median, "samples": samples[name]}
        if name in quick:
            _progress(f"large pair: {name}: median {median:.3f} s of {len(times)} runs")
    out["repeats"] = repeats
    out["results"] = results
    return out


def _quick(result: Result) -> bool:
    """Whether a tool's run finished, and quickly enough to be repeated."""
    return result.seconds is not None and not result.timed_out and result.seconds < REPEAT_UNDER


def _large_run(name: str, pair: LargePair, limit: float) -> Result:
    """One run of one tool on the large pair, in a fresh worker, with its peak memory."""
    worker = Worker(name)
    try:
        return worker.run(pair.old_path, pair.new_path, limit, memory=True)
    finally:
        worker.close()


def measure_corpus(
    tools: list[str], pairs: int | None, slow_pairs: int, limit: float
) -> dict[str, object]:
    """Every tool on the corpus pairs, interleaved pair by pair so that a change in
    the machine's load (it is shared) falls on all tools alike."""
    every = corpus_pairs()
    chosen = stride(list(range(len(every))), pairs or len(every))
    sample = set(stride(chosen, slow_pairs))
    workers = {name: Worker(name) for name in tools}
    results: dict[str, dict[int, dict[str, object]]] = {name: {} for name in tools}
    started = time.time()
    try:
        for done, index in enumerate(chosen, 1):
            pair = every[index]
            for name, worker in workers.items():
                if TOOLS[name].slow and index not in sample:
                    continue
                result = worker.run(pair.old_path, pair.new_path, limit)
                results[name][index] = asdict(result)
                if result.error:
                    _progress(f"{pair.name}: {name}: {result.error}")
            if done % 100 == 0 or done == len(chosen):
                elapsed = time.time() - started
                eta = elapsed / done * (len(chosen) - done)
                _progress(
                    f"corpus: {done}/{len(chosen)} pairs, {elapsed:.0f} s, ~{eta:.0f} s to go"
                )
    finally:
        for worker in workers.values():
            worker.close()
    return {
        "pairs_total": len(every),
        "chosen": chosen,
        "sample": sorted(sample),
        "limit": limit,
        "names": {str(index): every[index].name for index in chosen},
        "results": {name: {str(k): v for k, v in rows.items()} for name, rows in results.items()},
    }


def stride(items: list[int], count: int) -> list[int]:
    """A deterministic, evenly spread sample of ``count`` items (all if fewer)."""
    if count >= len(items):
        return list(items)
    return [items[(i * len(items)) // count] for i in range(count)]


def environment() -> dict[str, object]:
    """What the numbers were measured on."""
    import os
    import platform
    import subprocess
    from importlib.metadata import version

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "git": git,
        "engine": engine_state(),
        "compiled": compiled_core(),
        "versions": {
            package: version(package)
            for package in ("variorum", "fast-diff-match-patch", "diff-match-patch", "redlines")
        },
        "load": _load(),
    }


def compiled_core() -> str:
    """Whether Variorum's optional compiled twins are there and on (else it runs its
    references: ``variorum/compiled.py``)."""
    from variorum.compiled import HOMES, twins

    off = [name for name in HOMES if getattr(twins, name) is None]
    return "built" if not off else f"off or not built: {', '.join(off)}"


def engine_state() -> dict[str, str]:
    """The commit measured, and an id of what ``src/`` held (its tree and any
    uncommitted change): the engine may change under a long run, and the report
    must say so. Commits outside ``src/`` leave the id alone."""
    import hashlib
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(HERE), *args], capture_output=True, text=True)
        return done.stdout

    commit = git("rev-parse", "--short", "HEAD").strip()
    changes = git("diff", "HEAD", "--", "src") + git("status", "--porcelain", "--", "src")
    src = git("rev-parse", "HEAD:src").strip()[:12]
    if changes:
        src += "+" + hashlib.sha1(changes.encode()).hexdigest()[:8]
    return {"commit": commit + (" + uncommitted src/ changes" if changes else ""), "src": src}


def _load() -> list[float]:
    import os

    return [round(value, 2) for value in os.getloadavg()]


def _short(result: Result) -> str:
    if result.timed_out:
        return "timed out"
    if result.error:
        return result.error
    return f"{result.seconds:.2f} s, edit {result.edit_size}, hunks {result.hunks}"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
