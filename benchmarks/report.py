"""The Markdown report of a run: tables, targets as PASS/FAIL lines, and the pairs
where Variorum's edit is largest against the smallest any tool found.

Comparisons between tools are made on the same pairs only: times over the pairs
every tool of a table ran (a timeout counts as "more than the limit"), edit sizes
and hunks over the pairs every tool of the table finished.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from corpus import CREDIT

TARGET_TOOL = "variorum"
GIT = "git word-diff"
DIFFLIB = "difflib"


@dataclass(frozen=True, slots=True)
class Column:
    """One tool over one set of pairs."""

    tool: str
    times: list[float]
    """Seconds per pair, ``inf`` where the tool passed the limit."""
    edit_size: int
    hunks: int
    timed_out: int


def render(run: dict[str, Any]) -> str:
    """The whole report."""
    env = run["environment"]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(run["started"]))
    lines = [
        "# Variorum against other diff tools",
        "",
        f"Data: {CREDIT}. Synthetic pair built from the same data.",
        "",
        f"Run {when}, {run['seconds'] / 60:.0f} min, on {env['cpu']} ({env['cores']} cores, "
        f"shared; load average {env['load'][0]} at the start, "
        f"{run['environment_after']['load'][0]} at the end); Python {env['python']}, "
        f"{env['git']}, variorum {_engine(env)[0]}{_engine_note(run)}"
        f"{' (compiled core ' + env['compiled'] + ')' if 'compiled' in env else ''}, "
        + ", ".join(f"{k} {v}" for k, v in env["versions"].items() if k != "variorum")
        + ". Settings: "
        + ", ".join(f"{k}={v}" for k, v in run["settings"].items() if v not in (None, False))
        + ".",
        "",
    ]
    targets: list[str] = []
    if "large" in run:
        lines += _large(run, targets)
    if "corpus" in run:
        lines += _corpus(run, targets)
    lines += ["## Targets (issue 2)", "", "```", *targets, "```", ""]
    lines += ["## What each tool is measured doing", ""]
    lines += [f"- **{name}**: {what}" for name, what in run["what"].items()]
    lines += [
        "",
        "Edit size: non-whitespace tokens (variorum's tokenizer) marked changed in the old "
        "and the new text together, from each tool's output turned into character ranges "
        "of the same two texts. Hunks: runs of changes between unchanged text that change "
        "some non-whitespace character. See benchmarks/README.md.",
        "",
    ]
    return "\n".join(lines)


def _engine(env: dict[str, Any]) -> tuple[str, str]:
    """(commit shown, id compared) of the engine, from this or an older run record."""
    if "engine" in env:
        return env["engine"]["commit"], env["engine"]["src"]
    commit = env.get("variorum_commit", "?")
    return commit, commit


def _engine_note(run: dict[str, Any]) -> str:
    before = _engine(run["environment"])
    after = _engine(run.get("environment_after", run["environment"]))
    if after[1] == before[1]:
        return ""
    return (
        f" (src/ changed during the run, {after[0]} at the end: each worker loads the "
        "engine once, when it starts, so these numbers are of the engine at the start)"
    )


# the large pair -----------------------------------------------------------------------


def _large(run: dict[str, Any], targets: list[str]) -> list[str]:
    large = run["large"]
    limit = large["limit"]
    results = large["results"]
    size = large["bytes"]
    lines = [
        f"## Large synthetic pair: {large['words']:,} words",
        "",
        f"The latest version of every document, cycled to {large['words']:,} words, one "
        f"labelled paragraph per line; the new side has {large['edited_words']:,} words "
        f"edited in clusters, {large['moved']} paragraphs moved and {large['renumbered']} "
        f"renumbered. Inputs: {size / 1e6:.1f} MB (both texts, UTF-8). Each run in a "
        f"fresh process; limit {limit:.0f} s. {_repeats(large)}",
        "",
        "| tool | time | runs | × variorum | peak memory | × inputs | edit size | hunks |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    base = results.get(TARGET_TOOL, {}).get("seconds")
    for name, result in results.items():
        seconds = _seconds(result)
        ratio = _ratio(seconds, base) if base else "–"
        peak = result.get("peak_bytes")
        memory = f"{peak / 1e6:,.0f} MB" if peak is not None and result["seconds"] else "–"
        times_input = f"{peak / size:.1f}" if peak is not None and result["seconds"] else "–"
        lines.append(
            f"| {name} | {_time(seconds, limit, result)} | {_runs(result, limit)} | {ratio} "
            f"| {memory} | {times_input} | {_int(result.get('edit_size'))} "
            f"| {_int(result.get('hunks'))} |"
        )
    lines.append("")
    if base is not None:
        git = _seconds(results.get(GIT, {}))
        if git is not None and math.isfinite(git):
            targets.append(
                _check(
                    "large pair: time < 2x git word-diff",
                    base / git,
                    "<",
                    2,
                    f"variorum {base:.2f} s / git {git:.2f} s",
                )
            )
        difflib = _seconds(results.get(DIFFLIB, {}))
        if difflib is not None:
            targets.append(
                _check(
                    "large pair: >= 20x faster than difflib",
                    difflib / base,
                    ">=",
                    20,
                    f"difflib {_time(difflib, limit)} / variorum {base:.2f} s",
                    floor=limit / base,
                )
            )
        peak = results[TARGET_TOOL].get("peak_bytes")
        if peak is not None:
            targets.append(
                _check(
                    "large pair: peak memory < 10x inputs",
                    peak / size,
                    "<",
                    10,
                    f"{peak / 1e6:.0f} MB / {size / 1e6:.1f} MB",
                )
            )
    return lines


def _repeats(large: dict[str, Any]) -> str:
    repeats = large.get("repeats", 1)
    if repeats <= 1:
        return "One run per tool."
    return (
        f"A tool that finishes in under 30 s runs {repeats} times, in turns with the "
        "others, and its time is the median (peak memory is from the first run); a slower "
        "one runs once."
    )


def _runs(result: dict[str, Any], limit: float) -> str:
    """The times of a tool's runs, fastest to slowest, when there were several."""
    samples: list[float] = [s for s in result.get("samples", []) if s is not None]
    if len(samples) < 2:
        return "1"
    return f"{len(samples)}: {_ms(min(samples), limit)} – {_ms(max(samples), limit)}"


# the corpus -------------------------------------------------------------------------


def _corpus(run: dict[str, Any], targets: list[str]) -> list[str]:
    corpus = run["corpus"]
    limit = corpus["limit"]
    chosen: list[int] = corpus["chosen"]
    sample: list[int] = corpus["sample"]
    tools: list[str] = run["tools"]
    fast = [name for name in tools if name not in run["slow"]]
    n_all = corpus["pairs_total"]
    lines = [
        "## Corpus: every consecutive pair of versions",
        "",
        f"{n_all:,} pairs of consecutive versions of {CORPUS_DOCS} Markdown documents "
        f"(terms of service, privacy policies, community guidelines of 18 platforms), as "
        f"canonical text (the Markdown source). Limit {limit:.0f} s per pair and tool.",
        "",
    ]
    whole = _columns(corpus, fast, chosen)
    label = "all" if len(chosen) == n_all else "a sample of"
    lines += [f"### {label} {len(chosen):,} pairs: {', '.join(fast)}", ""]
    lines += _table(whole, limit)
    slow = [name for name in tools if name in run["slow"]]
    part = _columns(corpus, tools, sample) if slow else None
    if part is not None:
        lines += [
            f"### {len(sample)} pairs (every {max(1, len(chosen) // len(sample))}th, for the "
            f"slow {', '.join(slow)}): all tools",
            "",
        ]
        lines += _table(part, limit)
    variorum = whole[0].get(TARGET_TOOL)
    if part is not None and DIFFLIB in part[0]:
        v, d = _median(part[0][TARGET_TOOL].times), _median(part[0][DIFFLIB].times)
        targets.append(
            _check(
                "corpus: median >= 10x faster than difflib",
                d / v,
                ">=",
                10,
                f"difflib {_ms(d, limit)} / variorum {_ms(v, limit)}, {len(sample)} pairs",
                floor=limit / v,
            )
        )
    fast_pairs = f"{'all' if len(chosen) == n_all else len(chosen)} pairs, {', '.join(fast)}"
    for columns, where in ((part, f"{len(sample)} pairs, all tools"), (whole, fast_pairs)):
        if columns is None or variorum is None or not columns[1]:
            continue
        smallest = min(c.edit_size for c in columns[0].values())
        edit = columns[0][TARGET_TOOL].edit_size
        other = min(
            (c for c in columns[0].values() if c.tool != TARGET_TOOL), key=lambda c: c.edit_size
        )
        targets.append(
            _check(
                f"corpus: edit size within 5% of smallest ({where})",
                edit / smallest,
                "<=",
                1.05,
                f"variorum {edit:,} tokens, smallest of the others {other.tool} "
                f"{other.edit_size:,}",
            )
        )
    if variorum is not None and GIT in whole[0]:
        git = whole[0][GIT].hunks
        targets.append(
            _check(
                f"corpus: fewer hunks than git word-diff ({fast_pairs.split(',')[0]})",
                variorum.hunks / git,
                "<",
                1,
                f"variorum {variorum.hunks:,} / git {git:,}",
            )
        )
    lines += _worst_edits(corpus, whole[1], fast)
    lines += _most_hunks(corpus, whole[1])
    return lines


CORPUS_DOCS = 133


def _columns(
    corpus: dict[str, Any], tools: list[str], pairs: list[int]
) -> tuple[dict[str, Column], list[int]]:
    """Per tool, its numbers over ``pairs``: times where every tool ran without
    error, edit sizes and hunks where every tool also finished in time; and the
    pairs of the latter kind."""
    results = corpus["results"]
    ran = [p for p in pairs if all(_ran(results[t].get(str(p))) for t in tools)]
    done = [p for p in ran if all(results[t][str(p)]["seconds"] is not None for t in tools)]
    columns = {}
    for tool in tools:
        rows = results[tool]
        columns[tool] = Column(
            tool,
            [_seconds(rows[str(p)]) for p in ran],
            sum(rows[str(p)]["edit_size"] for p in done),
            sum(rows[str(p)]["hunks"] for p in done),
            sum(1 for p in ran if rows[str(p)]["timed_out"]),
        )
    return columns, done


def _table(columns: tuple[dict[str, Column], list[int]], limit: float) -> list[str]:
    tools, done = columns
    if not tools:
        return []
    smallest = min(c.edit_size for c in tools.values())
    base = tools.get(TARGET_TOOL)
    git = tools.get(GIT)
    ran = len(next(iter(tools.values())).times)
    lines = [
        f"Times over {ran:,} pairs; edit size and hunks totals over the {len(done):,} pairs "
        "that every tool here finished.",
        "",
        "| tool | median / pair | p95 / pair | total | median × variorum | timed out "
        "| edit size | × smallest | hunks | × git |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for column in tools.values():
        median = _median(column.times)
        cells = [
            column.tool,
            _ms(median, limit),
            _ms(_percentile(column.times, 95), limit),
            _total(column.times, limit),
            _ratio(median, _median(base.times)) if base else "–",
            str(column.timed_out),
            f"{column.edit_size:,}",
            f"{column.edit_size / smallest:.2f}" if smallest else "–",
            f"{column.hunks:,}",
            f"{column.hunks / git.hunks:.2f}" if git and git.hunks else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _worst_edits(corpus: dict[str, Any], done: list[int], tools: list[str]) -> list[str]:
    """The pairs where variorum marks the most tokens beyond the smallest edit found."""
    results = corpus["results"]
    if TARGET_TOOL not in tools or len(tools) < 2:
        return []
    rows = []
    over = 0
    for p in done:
        sizes = {t: results[t][str(p)]["edit_size"] for t in tools}
        others = {t: s for t, s in sizes.items() if t != TARGET_TOOL}
        best = min(others, key=lambda t: others[t])
        excess = sizes[TARGET_TOOL] - others[best]
        if sizes[TARGET_TOOL] > 1.05 * others[best]:
            over += 1
        rows.append((excess, p, best, others[best], sizes[TARGET_TOOL]))
    rows.sort(reverse=True)
    lines = [
        f"### Where variorum's edit is largest against the others ({', '.join(tools[1:])})",
        "",
        f"On {over:,} of {len(done):,} pairs variorum marks more than 5% more tokens than the "
        "smallest edit another tool found. The ten largest differences:",
        "",
        "| pair | smallest (tool) | variorum | hunks: variorum / that tool |",
        "|---|--:|--:|--:|",
    ]
    for _, p, best, size, mine in rows[:10]:
        hv, hb = results[TARGET_TOOL][str(p)]["hunks"], results[best][str(p)]["hunks"]
        lines.append(f"| {corpus['names'][str(p)]} | {size:,} ({best}) | {mine:,} | {hv} / {hb} |")
    return [*lines, ""]


def _most_hunks(corpus: dict[str, Any], done: list[int]) -> list[str]:
    """The pairs where variorum shows the most hunks beyond git's word diff."""
    results = corpus["results"]
    if TARGET_TOOL not in results or GIT not in results:
        return []
    rows = []
    for p in done:
        mine, git = results[TARGET_TOOL][str(p)], results[GIT][str(p)]
        rows.append((mine["hunks"] - git["hunks"], p, mine, git))
    more = sum(1 for row in rows if row[0] > 0)
    fewer = sum(1 for row in rows if row[0] < 0)
    rows.sort(key=lambda row: (-row[0], row[1]))
    lines = [
        "### Where variorum shows more hunks than git's word diff",
        "",
        f"Variorum shows more hunks than git on {more:,} of {len(done):,} pairs, fewer on "
        f"{fewer:,}. The ten largest differences:",
        "",
        "| pair | hunks: variorum / git | edit size: variorum / git |",
        "|---|--:|--:|",
    ]
    for _, p, mine, git in rows[:10]:
        lines.append(
            f"| {corpus['names'][str(p)]} | {mine['hunks']} / {git['hunks']} "
            f"| {mine['edit_size']:,} / {git['edit_size']:,} |"
        )
    return [*lines, ""]


# numbers ---------------------------------------------------------------------------------


def _ran(result: dict[str, Any] | None) -> bool:
    return result is not None and (result["seconds"] is not None or result["timed_out"])


def _seconds(result: dict[str, Any]) -> float | None:
    if result.get("timed_out"):
        return math.inf
    return result.get("seconds")


def _median(values: list[float]) -> float:
    return _percentile(values, 50)


def _percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile (a timeout, ``inf``, stays one)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def _ms(seconds: float, limit: float) -> str:
    if math.isinf(seconds):
        return f"> {limit:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def _total(times: list[float], limit: float) -> str:
    finite = sum(t for t in times if math.isfinite(t))
    over = sum(1 for t in times if math.isinf(t))
    return f"> {finite + over * limit:,.0f} s" if over else f"{finite:,.1f} s"


def _time(seconds: float | None, limit: float, result: dict[str, Any] | None = None) -> str:
    if seconds is None:
        return f"error: {result.get('error', '')[:60]}" if result else "–"
    return _ms(seconds, limit)


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "–"
    if math.isinf(value):
        return "> limit"
    return f"{value / base:,.1f}"


def _int(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _check(name: str, value: float, op: str, bound: float, detail: str, floor: float = 0) -> str:
    """One target as a PASS/FAIL line. ``value`` is ``inf`` when a peer timed out;
    ``floor`` is then what the ratio is at least (the limit over variorum's time),
    which still decides a ``>=`` target if it clears the bound."""
    if math.isinf(value):
        if op == ">=" and floor >= bound:
            return f"PASS {name}: ratio > {floor:.2f} {op} {bound} ({detail})"
        return f"UNDECIDED {name}: ratio > {floor:.2f}, peer timed out ({detail})"
    passed = {"<": value < bound, "<=": value <= bound, ">=": value >= bound}[op]
    return f"{'PASS' if passed else 'FAIL'} {name}: ratio {value:.2f} {op} {bound} ({detail})"
