"""``variorum.batch.run``: the same results on a local process pool and on a real Dask
cluster (a LocalCluster of worker processes), whatever happens to a worker."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import psutil
import pytest
from distributed import Client, get_task_stream

from variorum import compare, load
from variorum.batch import Pair, Result, Version, open_input, run
from variorum.batch.run import _tasks
from variorum.options import CompareOptions


def rows(results: list[Result]) -> list[dict[str, Any]]:
    """The rows in input order, without the time taken (the one column that varies)."""
    ordered = sorted(results, key=lambda result: result.index)
    return [{k: v for k, v in result.row().items() if k != "seconds"} for result in ordered]


def test_each_pair_gives_one_row_with_what_changed(dated_folder: Path) -> None:
    results = rows(list(run(open_input(dated_folder), workers=2)))
    assert len(results) == 9 and not any(row["error"] for row in results)
    first = results[0]
    assert first["pair"] == "policy-0:2020-01-01..2020-06-01"
    assert (first["old_date"], first["new_date"]) == ("2020-01-01", "2020-06-01")
    alone = compare(
        load(dated_folder / "policy-0" / "2020-01-01.md"),
        load(dated_folder / "policy-0" / "2020-06-01.md"),
    )
    assert (first["words_inserted"], first["words_deleted"], first["words_moved"]) == (
        alone.stats.words_inserted, alone.stats.words_deleted, alone.stats.words_moved,
    )  # fmt: skip
    assert first["words_inserted"] > 0 and first["blocks_changed"] == 6
    assert not first["whitespace_only"] and not first["link_only"]


def test_the_options_reach_the_workers(dated_folder: Path) -> None:
    plain = rows(list(run(open_input(dated_folder), workers=1)))
    blocks = rows(list(run(open_input(dated_folder), CompareOptions(blocks_only=True), workers=1)))
    assert plain[0]["digest"] != blocks[0]["digest"]
    assert blocks[0]["words_deleted"] > plain[0]["words_deleted"]


@pytest.mark.parametrize("corpus", ["dated_folder", "long_history"])
def test_a_dask_cluster_gives_the_results_of_the_local_pool(
    corpus: str, client: Client, request: pytest.FixtureRequest
) -> None:
    source = request.getfixturevalue(corpus)  # files the workers read; a git history's texts
    local = rows(list(run(open_input(source), workers=2)))
    on_dask = rows(list(run(open_input(source), scheduler=client)))
    assert on_dask == local and not any(row["error"] for row in local)


def test_a_run_of_few_pairs_still_gives_every_dask_worker_work(
    dated_folder: Path, client: Client
) -> None:
    with get_task_stream(client) as stream:  # where each task ran, as Dask records it
        results = list(run(open_input(dated_folder), scheduler=client))  # 9 pairs
    assert sorted(result.index for result in results) == list(range(9))
    assert len({task["worker"] for task in stream.data}) == 2  # not all in one task


def test_tasks_shrink_as_a_run_nears_its_end_so_the_workers_finish_together() -> None:
    pairs = [_pair(index) for index in range(100)]
    tasks = list(_tasks(iter(pairs), 8, len(pairs), 2))
    sizes = [len(task) for task in tasks]
    assert [pair.index for task in tasks for pair in task] == list(range(100))  # all, once
    assert sizes[0] == 8 and max(sizes) == 8 and sizes[-4:] == [1, 1, 1, 1]
    assert sizes == sorted(sizes, reverse=True)
    unknown = [len(task) for task in _tasks(iter(pairs), 8, None, 2)]  # a generator's pairs
    assert unknown == [8] * 12 + [4]


@pytest.mark.parametrize("corpus", ["many_pairs", "long_history"])
def test_a_worker_killed_mid_run_loses_nothing_and_does_nothing_twice(
    corpus: str, client: Client, request: pytest.FixtureRequest
) -> None:
    source = request.getfixturevalue(corpus)  # a git history's texts go with the worker
    expected = rows(list(run(open_input(source), workers=2)))
    pids = client.run(os.getpid)
    results = run(open_input(source), scheduler=client, chunk=4)  # ten tasks: some in flight
    finished = [next(results)]
    victim = next(iter(pids.values()))
    os.kill(victim, signal.SIGKILL)  # as the kernel's OOM killer would
    finished += list(results)
    assert not _alive(victim)
    assert rows(finished) == expected  # every pair once, none failed, same numbers
    assert sorted(result.index for result in finished) == list(range(39))


def test_a_local_worker_killed_mid_run_loses_nothing_and_does_nothing_twice(
    many_pairs: Path,
) -> None:
    expected = rows(list(run(open_input(many_pairs), workers=1)))
    before = {child.pid for child in psutil.Process().children()}
    results = run(open_input(many_pairs), workers=2)
    finished = [next(results)]
    started = [  # the pool's processes: children of this one started by the run
        child
        for child in psutil.Process().children()
        if child.pid not in before and "resource_tracker" not in " ".join(child.cmdline())
    ]
    assert len(started) == 2
    victim = started[0].pid
    os.kill(victim, signal.SIGKILL)
    finished += list(results)
    assert not _alive(victim)
    assert rows(finished) == expected
    assert sorted(result.index for result in finished) == list(range(39))


def test_a_corrupt_version_fails_its_pairs_only(dated_folder: Path) -> None:
    (dated_folder / "policy-1" / "2021-01-01.md").unlink()
    (dated_folder / "policy-1" / "2021-01-01.docx").write_bytes(b"PK\x03\x04 not a zip")
    results = rows(list(run(open_input(dated_folder), workers=2)))
    failed = {row["pair"]: row["error"] for row in results if row["error"]}
    assert sorted(failed) == [
        "policy-1:2020-06-01..2021-01-01",
        "policy-1:2021-01-01..2021-06-01",
    ]
    for error in failed.values():
        assert error.startswith("policy-1/2021-01-01.docx: ") and "\n" not in error
    assert len(results) == 9


def _pair(index: int) -> Pair:
    version = Version(f"{index}.txt", f"{index}.txt", "", b"text")
    return Pair(index, str(index), "", version, version)


def _alive(pid: int) -> bool:
    """Whether the process runs (a killed one not yet reaped by its parent does not)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
