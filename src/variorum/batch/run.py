"""Running the pairs: a local process pool by default, a Dask cluster on request.

    pairs --submit, a few per worker at a time--> compare_pair on a worker --> Result

Both engines run the same task (``compare_pair``) on the same pairs, so their results
are identical; they differ only in where the work runs. At most ``WINDOW`` pairs per
worker are in flight, so the driver holds a few texts at a time however large the
corpus. A worker that dies takes no result with it: its pairs run again elsewhere,
and a pair that kills ``ATTEMPTS`` workers is reported as failed instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from variorum.batch.pairs import Pair
from variorum.batch.task import Result, Task
from variorum.errors import UsageError
from variorum.options import CompareOptions, ReadLimits

if TYPE_CHECKING:
    from distributed import Client

WINDOW = 4
"""Pairs in flight per worker: enough to keep it busy while results travel back."""
ATTEMPTS = 3
"""Times a pair may take its worker down before it is reported as failed (Dask's
``distributed.scheduler.allowed-failures`` is the same rule on a cluster)."""


def run(
    pairs: Iterable[Pair],
    options: CompareOptions | None = None,
    scheduler: str | Client | None = None,
    *,
    workers: int | None = None,
    keep_json: bool = False,
    limits: ReadLimits | None = None,
) -> Iterator[Result]:
    """Compare every pair and yield its Result as it finishes (in any order).

    ``scheduler`` is a Dask scheduler's address (``tcp://host:8786``) or a
    ``distributed.Client``; without one, ``workers`` local processes (default: one
    per CPU) do the work. ``keep_json`` keeps each Comparison as gzipped JSON.
    """
    work = Task(options or CompareOptions(), keep_json, limits)
    if scheduler is None:
        return _local(iter(pairs), work, workers or os.cpu_count() or 1)
    return _on_dask(iter(pairs), work, scheduler)


def _local(pairs: Iterator[Pair], work: Task, workers: int) -> Iterator[Result]:
    """On a pool of local processes, made again if one of them dies."""
    again: deque[Pair] = deque()
    deaths: dict[int, int] = {}
    while True:
        lost = yield from _pool_round(pairs, again, work, workers)
        if not lost:
            return
        for pair in lost:
            deaths[pair.index] = deaths.get(pair.index, 0) + 1
            if deaths[pair.index] < ATTEMPTS:
                again.append(pair)
            else:
                reason = f"the worker process died {ATTEMPTS} times comparing this pair"
                yield work.failure(pair, reason)


def _pool_round(
    pairs: Iterator[Pair], again: deque[Pair], work: Task, workers: int
) -> Generator[Result, None, list[Pair]]:
    """Run pairs on one pool until they are done (returns ``[]``) or a worker dies
    (returns the pairs that were in flight)."""
    # spawn, not fork: the driver has threads (the progress bar), which fork can deadlock
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    running: dict[Future[Result], Pair] = {}
    try:
        while True:
            while len(running) < workers * WINDOW:
                pair = again.popleft() if again else next(pairs, None)
                if pair is None:
                    break
                running[pool.submit(work, pair)] = pair
            if not running:
                return []
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    return list(running.values())
                del running[future]
                yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(pairs: Iterator[Pair], work: Task, scheduler: str | Client) -> Iterator[Result]:
    """On a Dask cluster through ``dask.distributed``: its scheduler places each task,
    and reruns those of a worker that dies."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else _connect(scheduler)
    try:
        window = WINDOW * max(1, sum(client.nthreads().values()))
        running: dict[Hashable, Pair] = {}
        finished = as_completed()
        for pair in islice(pairs, window):
            finished.add(_submit(client, work, pair, running))
        for future in finished:
            pair = running.pop(future.key)
            try:
                yield future.result()
            except Exception as error:  # KilledWorker: the pair took workers down with it
                yield work.failure(pair, f"Dask: {error}")
            following = next(pairs, None)
            if following is not None:
                finished.add(_submit(client, work, following, running))
    finally:
        if client is not scheduler:
            client.close()


def _submit(client: Client, work: Task, pair: Pair, running: dict[Hashable, Pair]) -> object:
    future = client.submit(work, pair, pure=False)  # pure=False: equal pairs both run
    running[future.key] = pair
    return future


def _connect(address: str) -> Client:
    from distributed import Client

    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
