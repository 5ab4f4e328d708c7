"""Load benchmark of the web app: real server processes, 50 concurrent clients.

For each database (SQLite in a fresh data folder; PostgreSQL, a throwaway server
started like the tests' second run, ``scripts/with_postgres.py``):

1. load the demo project (the Code of Conduct, 2011 -> 2015, 13 annotations) and
   start ``variorum serve --threads N`` (waitress) as processes of their own: on
   PostgreSQL the team setup of docs/web.md, one server process per CPU core (each on
   its own port, as behind the proxy), on SQLite one (a laptop's ``variorum serve``;
   several processes need PostgreSQL);
2. sign in with the one-time link it prints (its page's button), and request every
   address once;
3. for each scenario, run ``wrk`` (Debian's package, a C load generator: a separate
   process with its own event loop) with 50 connections for a fixed duration on
   loopback, every connection signed in, the connections shared evenly among the
   server processes as the proxy's ``least_conn`` would (one ``wrk`` a process, all at
   once; the proxy's own cost is not measured); report requests per second, p50 and
   p99 latency (the worst process's), errors, and the servers' own CPU time per
   request.

Scenarios: the redline page, the two annotation containers (W3C protocol JSON-LD),
the project page, and all of them in turn. As a reference, the same run serves the
published page of the example (``variorum publish``) with Python's own static file
server (``python -m http.server``, threaded) and reports the redline's ratio to it.

The machine is shared: the load average and the share of CPU time the rest of the
machine used during each measurement are reported beside each figure. Results go
to ``benchmarks/results/web.md``::

    .venv/bin/python benchmarks/bench_web.py                 # the reported run (about 5 minutes)
    .venv/bin/python benchmarks/bench_web.py --duration 5    # quick
    .venv/bin/python benchmarks/bench_web.py --profile "annotation containers" \\
        --databases postgresql                               # where a request's time goes
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from with_postgres import postgres_server  # noqa: E402  (a script, not a package)

RESULTS = ROOT / "benchmarks" / "results" / "web.md"
SLUG = "icoc-2011-2015"
SCENARIOS = {
    "redline page": [f"/p/{SLUG}/compare/2011/2015/"],
    "annotation containers": [
        f"/api/projects/{SLUG}/versions/2011/annotations/",
        f"/api/projects/{SLUG}/versions/2015/annotations/",
    ],
    "project page": [f"/p/{SLUG}/"],
}
SCENARIOS["all in turn"] = [path for paths in SCENARIOS.values() for path in paths]
USER = "bench"
WRK_SCRIPT = """
local paths = {%(paths)s}
local i = 0
wrk.headers["Cookie"] = "%(cookie)s"
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "bytes": %%d, "p50": %%d, "p99": %%d, "max": %%d,'
    .. ' "errors": %%d, "bad_status": %%d}\\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Measure:
    """One wrk run."""

    scenario: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    bad_status: int
    kib_per_request: float
    server_cpu_ms: float
    """The server processes' CPU time (user + system) per request."""
    database_cpu_ms: float
    """PostgreSQL's CPU time (all its processes) per request; 0 for SQLite, which
    runs inside the server process."""
    others_cpu: float
    """Share of the machine's CPU time used by processes other than the server and
    wrk during the run (0 to 1): the other work on this shared machine."""
    load: float
    """1-minute load average at the end of the run."""

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` and its waited-for children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def database_cpu(url: str) -> float:
    """CPU seconds of a PostgreSQL server started by ``postgres_server`` (its
    postmaster, the backends it reaped, and its running processes); 0 without one."""
    if not url:
        return 0.0
    folder = Path(unquote(url.split("@", 1)[1].split("/", 1)[0]))
    master = int((folder / "data" / "postmaster.pid").read_text().split()[0])
    total = cpu_seconds(master)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / os.sysconf("SC_CLK_TCK"), total / os.sysconf("SC_CLK_TCK")


class Server:
    """A ``variorum serve`` process on a prepared data folder (and database)."""

    def __init__(self, environment: dict[str, str], threads: int, log: Path) -> None:
        self.port = free_port()
        # a file, not a pipe: waitress logs its queue depth under load, and a pipe no
        # one reads would fill up and stop the server mid-run
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "variorum", "serve", "--no-browser", "--port",
                 str(self.port), "--threads", str(threads)],
                env=environment, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.link = self._read_link()
        self._wait_until_listening()

    def _read_link(self) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            output = self.log.read_text()
            found = re.search(r"(http://\S+/login/once/\S+)", output)
            if found and "Press Ctrl+C" in output:
                return found.group(1)
            time.sleep(0.1)
        raise SystemExit(f"the server printed no sign-in link:\n{self.log.read_text()}")

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", self.port)).close()
                return
            time.sleep(0.05)
        raise SystemExit("the server never listened")

    def session_cookie(self) -> str:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
        )
        page = opener.open(self.link).read().decode()  # the page to confirm on
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SystemExit(f"the sign-in link gave no page to confirm on:\n{page[:500]}")
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)}).encode()
        opener.open(urllib.request.Request(self.link, form, {"Referer": self.link})).read()
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@contextlib.contextmanager
def running(environment: dict[str, str], threads: int, log: Path) -> Iterator[Server]:
    """A server process, stopped after the block."""
    server = Server(environment, threads, log)
    try:
        yield server
    finally:
        server.stop()


def prepare(environment: dict[str, str]) -> None:
    """Migrate the database and load the demo project, owned by the benchmark's user."""
    code = (
        "from variorum.web import server; server.setup(); server.migrate();"
        f" server.load_demo(server.local_user({USER!r}))"
    )
    subprocess.run([sys.executable, "-c", code], env=environment, check=True)


def check(base: str, paths: list[str], cookie: str) -> None:
    """Every address answers 200 to the signed-in client (and warms the caches)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for path in dict.fromkeys(paths):
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})
        with opener.open(request) as response:
            if response.status != 200 or response.geturl() != base + path:
                raise SystemExit(f"{path} answered {response.status} at {response.geturl()}")


CONNECTIONS = 50
"""Concurrent clients, as issue 15's target says, shared among the server processes."""


def run_wrk(
    servers: dict[str, int],
    scenario: str,
    paths: list[str],
    cookie: str,
    duration: int,
    database_url: str = "",
) -> Measure:
    """``wrk`` against each of ``servers`` (address: process id) at once, the
    connections shared evenly among them."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths),
                                   "cookie": cookie})  # fmt: skip
    server_before = sum(cpu_seconds(pid) for pid in servers.values())
    database_before = database_cpu(database_url)
    busy_before, total_before = machine_cpu()
    wrk_before = children_cpu()
    connections, threads = CONNECTIONS // len(servers), max(1, 2 // len(servers))
    arguments = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout",
                 "30s", "-s", script.name]  # fmt: skip
    running = [
        subprocess.Popen([*arguments, base], stdout=subprocess.PIPE, text=True) for base in servers
    ]
    results = [json.loads(wrk.communicate()[0].strip().splitlines()[-1]) for wrk in running]
    busy_after, total_after = machine_cpu()
    os.unlink(script.name)
    server_cpu = sum(cpu_seconds(pid) for pid in servers.values()) - server_before
    database = database_cpu(database_url) - database_before
    wrk_cpu = children_cpu() - wrk_before
    others = busy_after - busy_before - server_cpu - database - wrk_cpu
    total = {key: sum(result[key] for result in results)
             for key in ("requests", "bytes", "errors", "bad_status")}  # fmt: skip
    requests = max(total["requests"], 1)
    return Measure(
        scenario, total["requests"], max(result["seconds"] for result in results),
        max(result["p50"] for result in results) / 1000,
        max(result["p99"] for result in results) / 1000, total["errors"],
        total["bad_status"], total["bytes"] / requests / 1024, server_cpu / requests * 1000,
        database / requests * 1000, max(others, 0.0) / (total_after - total_before),
        os.getloadavg()[0],
    )  # fmt: skip


def children_cpu() -> float:
    """CPU seconds of this process's finished, waited-for children (wrk)."""
    times = os.times()
    return times.children_user + times.children_system


def bench_database(
    name: str, database_url: str, threads: int, duration: int, scenarios: list[str],
    processes: int,
) -> list[Measure]:  # fmt: skip
    """The ``scenarios`` against ``processes`` fresh servers on one database."""
    data = Path(tempfile.mkdtemp(prefix="variorum-bench-web-"))
    environment = {**os.environ, "USER": USER, "VARIORUM_DATA_DIR": str(data)}
    environment.pop("VARIORUM_DATABASE_URL", None)
    if database_url:
        environment["VARIORUM_DATABASE_URL"] = database_url
    try:
        prepare(environment)
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(running(environment, threads, data / f"server{number}.log"))
                for number in range(processes)
            ]
            cookie = servers[0].session_cookie()  # sessions are in the database: for all
            addresses = {f"http://127.0.0.1:{server.port}": server.process.pid
                         for server in servers}  # fmt: skip
            for base in addresses:
                check(base, SCENARIOS["all in turn"], cookie)
            measures = []
            for scenario in scenarios:
                paths = SCENARIOS[scenario]
                measure = run_wrk(addresses, scenario, paths, cookie, duration, database_url)
                print(f"{name:<11} {_row(measure)}", flush=True)
                measures.append(measure)
            for server in servers:
                if "Traceback" in server.log.read_text():
                    print(f"the server logged errors:\n{server.log.read_text()[-3000:]}")
            return measures
    finally:
        shutil.rmtree(data, ignore_errors=True)


def bench_static(duration: int) -> Measure:
    """The published page of the example served by Python's static file server."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "variorum", "publish", "--example", "icoc", "-o",
             f"{folder}/site"], check=True, capture_output=True,
        )  # fmt: skip
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
             "--directory", f"{folder}/site", "--protocol", "HTTP/1.1"],  # keep-alive, as wrk
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                with contextlib.suppress(ConnectionRefusedError):
                    socket.create_connection(("127.0.0.1", port)).close()
                    break
                time.sleep(0.05)
            measure = run_wrk({base: process.pid}, "published page, static", ["/index.html"],
                              "", duration)  # fmt: skip
            print(f"{'static':<11} {_row(measure)}", flush=True)
            return measure
        finally:
            process.terminate()
            process.wait()


def _row(m: Measure) -> str:
    return (
        f"{m.scenario:<24} {m.per_second:8.1f} req/s  p50 {m.p50_ms:7.1f} ms"
        f"  p99 {m.p99_ms:7.1f} ms  errors {m.errors + m.bad_status}"
        f"  CPU ms/req: server {m.server_cpu_ms:5.1f} database {m.database_cpu_ms:4.1f}"
        f"  others {m.others_cpu:4.0%}"
        f"  load {m.load:.2f}"
    )


def profile(requests: int, scenario: str, database_url: str) -> None:
    """cProfile of one scenario's requests in this process (Django's test client, on
    SQLite or on the PostgreSQL of ``database_url``)."""
    import cProfile
    import pstats

    data = Path(tempfile.mkdtemp(prefix="variorum-bench-web-"))
    os.environ["VARIORUM_DATA_DIR"] = str(data)
    os.environ.pop("VARIORUM_DATABASE_URL", None)
    if database_url:
        os.environ["VARIORUM_DATABASE_URL"] = database_url
    from variorum.web import server

    server.setup()
    server.migrate()
    user = server.local_user(USER)
    server.load_demo(user)
    from django.test import Client

    client = Client()
    client.force_login(user)
    paths = SCENARIOS[scenario]
    for path in paths:
        client.get(path)
    started = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(requests):
        client.get(paths[number % len(paths)])
    profiler.disable()
    print(f"{(time.perf_counter() - started) / requests * 1000:.2f} ms per {scenario} request"
          " (profiled)")  # fmt: skip
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    shutil.rmtree(data, ignore_errors=True)


def write_report(
    results: dict[str, list[Measure]], static: Measure, threads: int, duration: int,
    processes: dict[str, int], output: Path,
) -> None:  # fmt: skip
    counts = ", ".join(f"{count} on {name}" for name, count in processes.items())
    lines = [
        "# Web app under load",
        "",
        f"`benchmarks/bench_web.py`, {time.strftime('%Y-%m-%d %H:%M')}: real `variorum serve`"
        f" processes ({counts}; waitress, {threads} threads each) with the demo project,"
        f" `wrk` with {CONNECTIONS} connections on loopback shared evenly among the"
        f" processes, {duration} s per scenario, every connection signed in. p50 and p99 are"
        " the worst process's. Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()}), shared with"
        " other work: *others* is the share of the machine's CPU time that processes other"
        " than the server and wrk used during the run, *load* the 1-minute load average at"
        " its end. Server CPU is the server processes' own CPU time per request, database CPU"
        " that of all PostgreSQL's processes (SQLite works inside the server process).",
        "",
        "| database | scenario | requests/s | p50 ms | p99 ms | errors | KiB/request"
        " | server CPU ms/request | database CPU ms/request | others | load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, measures in results.items():
        lines += [_table_row(name, m) for m in measures]
    lines.append(_table_row("none (static files)", static))
    redline = {
        name: m.per_second
        for name, measures in results.items()
        for m in measures
        if m.scenario == "redline page"
    }
    ratios = ", ".join(
        f"{static.per_second / rate:.1f}× on {name}" for name, rate in redline.items()
    )
    lines += [
        "",
        "Reference: Python's own static file server"
        " (`python -m http.server --protocol HTTP/1.1`, threaded) serves the"
        f" published page of the same analysis (`variorum publish --example icoc`, one"
        f" {static.kib_per_request:.0f} KiB file) at {static.per_second:.0f} requests/s;"
        f" the app's redline page (kept per member and browser, checked against the"
        f" database on every request) is slower by {ratios}.",
        "",
        f"Targets (issue 15, on this machine: {counts}, {CONNECTIONS} connections,"
        " 0 errors): "
        + "; ".join(_targets(name, measures) for name, measures in results.items())
        + ".",
        "",
    ]
    output.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {output}")


TARGETS = {"redline page": 200.0, "annotation containers": 500.0}
"""Requests per second issue 15 asks of the server on the example on this machine (50
connections), per scenario."""


def _targets(name: str, measures: list[Measure]) -> str:
    reached = [
        f"{m.scenario} {m.per_second:.0f}/{TARGETS[m.scenario]:.0f} req/s"
        f" = {m.per_second / TARGETS[m.scenario]:.2f} of the target"
        for m in measures
        if m.scenario in TARGETS
    ]
    return f"{name}: {', '.join(reached)}"


def _table_row(name: str, m: Measure) -> str:
    return (
        f"| {name} | {m.scenario} | {m.per_second:.1f} | {m.p50_ms:.1f} | {m.p99_ms:.1f}"
        f" | {m.errors + m.bad_status} | {m.kib_per_request:.1f} | {m.server_cpu_ms:.1f}"
        f" | {m.database_cpu_ms:.1f} | {m.others_cpu:.0%} | {m.load:.2f} |"
    )


@contextlib.contextmanager
def databases(which: list[str]) -> Iterator[dict[str, str]]:
    """The URL of each database asked for (SQLite: empty, the data folder's file)."""
    urls = {}
    with contextlib.ExitStack() as stack:
        for name in which:
            urls[name] = stack.enter_context(postgres_server()) if name == "postgresql" else ""
        yield urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1,
        help="server processes on PostgreSQL (default: one per CPU core, the team setup"
        " of docs/web.md); SQLite runs one",
    )  # fmt: skip
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="which scenarios, comma separated")  # fmt: skip
    parser.add_argument("--profile", choices=sorted(SCENARIOS), help="profile one scenario")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the report's file")
    arguments = parser.parse_args()
    if arguments.profile:
        with databases(arguments.databases.split(",")[-1:]) as urls:
            profile(500, arguments.profile, next(iter(urls.values())))
        return
    scenarios = arguments.scenarios.split(",")
    if set(scenarios) - set(SCENARIOS):
        raise SystemExit(f"--scenarios: choose among {', '.join(SCENARIOS)}")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    with databases(arguments.databases.split(",")) as urls:
        processes = {name: arguments.processes if url else 1 for name, url in urls.items()}
        results = {}
        for name, url in urls.items():
            results[name] = bench_database(
                name, url, arguments.threads, arguments.duration, scenarios, processes[name]
            )
    static = bench_static(arguments.duration)
    write_report(results, static, arguments.threads, arguments.duration, processes,
                 arguments.output)  # fmt: skip


if __name__ == "__main__":
    main()
