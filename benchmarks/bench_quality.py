"""How far a reader can trust the redline, over every consecutive pair of the corpus.

    corpus pairs --variorum (in this process)--> Comparison --quality--> counts, findings
                 --git word-diff (a worker)--> edit size, hunks, time
    a sample --other peers (workers)--> edit size       --> results/quality.md + .json

It measures whatever ``variorum`` is importable, so one script gives the numbers
before and after a change of the engine. Usage (from the project root)::

    .venv/bin/python benchmarks/bench_quality.py                 # all pairs, a few minutes
    .venv/bin/python benchmarks/bench_quality.py --limit 200     # a spread sample
    .venv/bin/python benchmarks/bench_quality.py --from-json benchmarks/results/quality.json

See benchmarks/README.md for what each count means.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench_compare import engine_state, environment, stride
from corpus import Pair, corpus_pairs
from metrics import measure
from quality import DEFAULT_FLOOR, FLOORS, PairQuality, assess
from quality_report import render
from runner import Worker
from variorum.compare import compare
from variorum.ingest import parse_text
from variorum.options import CompareOptions
from variorum.tokens import TOKEN_PATTERN

HERE = Path(__file__).resolve().parent
GIT = "git word-diff"
PEERS = ("diff-match-patch", "redlines")
"""Peers run on a sample by default: all pairs would take diff-match-patch about 14
minutes and difflib hours (see results/compare.md)."""


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    out = Path(args.out)
    if args.from_json:
        run = json.loads(Path(args.from_json).read_text())
    else:
        run = measure_all(args)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".json").write_text(dump(run), encoding="utf-8")
    out.write_text(render(run), encoding="utf-8")
    print(f"written to {out} and {out.with_suffix('.json')}", file=sys.stderr)
    return 0


def dump(run: dict[str, Any]) -> str:
    """The run as JSON with one line a pair and one a finding, so that the files of two
    runs (before and after a change of the engine) can be compared with ``diff``."""
    head = {key: value for key, value in run.items() if key not in ("pairs", "findings")}
    pairs = ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in run["pairs"].items())
    findings = ",\n".join(json.dumps(finding) for finding in run["findings"])
    return f'{json.dumps(head)[:-1]},\n"pairs": {{\n{pairs}\n}},\n"findings": [\n{findings}\n]}}\n'


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="an evenly spread sample of N pairs")
    parser.add_argument("--out", default=str(HERE / "results" / "quality.md"),
                        help="the Markdown report; the JSON goes next to it (.json)")  # fmt: skip
    parser.add_argument("--peers", default=",".join(PEERS),
                        help="peers run on the sample, comma-separated ('' for none)")  # fmt: skip
    parser.add_argument("--peer-pairs", type=int, default=200, help="sample size for the peers")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per pair and tool")
    parser.add_argument("--peer-timeout", type=float, default=10.0, help="seconds per peer run")
    parser.add_argument("--from-json", help="re-render the report of an earlier run")
    return parser.parse_args(argv)


def engine_floor() -> tuple[float, str]:
    """The engine's own similarity floor for pairs, or the default and where it came from."""
    floor = getattr(CompareOptions(), "pair_floor", None)
    if floor is None:
        return DEFAULT_FLOOR, f"no CompareOptions.pair_floor: {DEFAULT_FLOOR} assumed"
    where = "CompareOptions().pair_floor, binding on every pair but the lone pair of a gap"
    return float(floor), where


def measure_all(args: argparse.Namespace) -> dict[str, Any]:
    """Every chosen pair through variorum and git, the sample through the peers."""
    started = time.time()
    every = corpus_pairs()
    chosen = stride(list(range(len(every))), args.limit or len(every))
    floor, floor_source = engine_floor()
    floors = sorted({*FLOORS, floor})
    pairs, findings = _corpus(every, chosen, floors, args.timeout)
    peers = [name for name in args.peers.split(",") if name]
    sample = stride(chosen, args.peer_pairs)
    _peers(every, sample, peers, pairs, args.peer_timeout)
    return {
        "settings": {k: v for k, v in vars(args).items() if k != "from_json"},
        "environment": environment(),
        "environment_after": {"engine": engine_state()},
        "started": started,
        "seconds": time.time() - started,
        "pairs_total": len(every),
        "floors": floors,
        "floor": floor,
        "floor_source": floor_source,
        "peers": peers,
        "sample": sample,
        "pairs": pairs,
        "findings": findings,
    }


def _corpus(
    every: list[Pair], chosen: list[int], floors: list[float], limit: float
) -> tuple[dict[str, dict[str, Any]], list[list[Any]]]:
    """Per pair: variorum's time, quality and edit; git's time and edit, in turns."""
    git = Worker(GIT)
    pairs: dict[str, dict[str, Any]] = {}
    findings: list[list[Any]] = []
    started = time.time()
    try:
        for done, index in enumerate(chosen, 1):
            pair = every[index]
            record = _variorum(pair, floors, limit, findings, index)
            result = git.run(pair.old_path, pair.new_path, limit)
            record["git"] = {"seconds": result.seconds, "edit": result.edit_size,
                             "hunks": result.hunks}  # fmt: skip
            if result.error or result.timed_out:
                record["git"]["error"] = result.error or "timed out"
            pairs[str(index)] = record
            if done % 500 == 0 or done == len(chosen):
                _progress(f"{done}/{len(chosen)} pairs, {time.time() - started:.0f} s")
    finally:
        git.close()
    return pairs, findings


def _variorum(
    pair: Pair, floors: list[float], limit: float, findings: list[list[Any]], index: int
) -> dict[str, Any]:
    """Variorum on one pair, timed as bench_compare times it; its quality counts."""
    old, new = _read(pair.old_path), _read(pair.new_path)
    record: dict[str, Any] = {"name": pair.name, "prose": is_prose(old, new)}
    signal.signal(signal.SIGALRM, _over_limit)
    try:
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            comparison = compare(parse_text(old), parse_text(new))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        record["seconds"] = time.perf_counter() - start
    except _OverLimit:
        record["timed_out"] = True
        return record
    found = measure(comparison.segments(), old, new)
    record["edit"], record["hunks"] = found.edit_size, found.hunks
    quality = assess(comparison, floors)
    record["quality"] = _counts(quality)
    for metric, items in quality.findings.items():
        findings += [
            [metric, index, item.row, item.size, item.detail, item.weight] for item in items
        ]
    return record


def _counts(quality: PairQuality) -> dict[str, Any]:
    counts = asdict(quality)
    del counts["findings"]
    return {key: value for key, value in counts.items() if value}


def _peers(
    every: list[Pair], sample: list[int], peers: list[str],
    pairs: dict[str, dict[str, Any]], limit: float,
) -> None:  # fmt: skip
    """The peers' edit sizes on the sample, pair by pair in turns."""
    workers = {name: Worker(name) for name in peers}
    try:
        for index in sample:
            pair = every[index]
            record = pairs[str(index)].setdefault("peers", {})
            for name, worker in workers.items():
                result = worker.run(pair.old_path, pair.new_path, limit)
                record[name] = result.edit_size
    finally:
        for worker in workers.values():
            worker.close()
    if peers:
        _progress(f"peers {', '.join(peers)}: {len(sample)} pairs")


def is_prose(old: str, new: str) -> bool:
    """Whether some non-whitespace token changed (not only spacing or line breaks)."""
    if "".join(old.split()) != "".join(new.split()):
        return True  # the non-whitespace tokens joined differ, so the tokens do
    return _solid_tokens(old) != _solid_tokens(new)


def _solid_tokens(text: str) -> list[str]:
    return [m.group() for m in TOKEN_PATTERN.finditer(text) if m.lastgroup != "space"]


class _OverLimit(BaseException):
    """Variorum ran past the limit on one pair."""


def _over_limit(_signum: int, _frame: object) -> None:
    raise _OverLimit


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as file:
        return file.read()


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
