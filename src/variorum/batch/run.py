"""Running the pairs: a local process pool by default, a Dask cluster on request.

    pairs --tasks (CHUNK, DASK_CHUNK pairs; fewer near the end), WINDOW per worker in flight
          --> Task on a worker --> Results

Both engines run the same task (``Task``: ``compare_pair`` on each pair of a chunk) on
the same pairs, so their results are identical; they differ only in where the work
runs. A task carries its pairs' paths (a git history's texts), and the worker reads
the files; the driver holds the tasks in flight only, however large the corpus. A
worker that dies takes no result with it: its pairs run again elsewhere; a task that
keeps killing workers is split into tasks of one pair, and a pair that kills
``ATTEMPTS`` workers (Dask: ``distributed.scheduler.allowed-failures``) is reported
as failed instead.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Generator, Hashable, Iterable, Iterator, Sized
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from queue import SimpleQueue
from typing import TYPE_CHECKING

from variorum.batch.pairs import Pair
from variorum.batch.task import Result, Task
from variorum.errors import UsageError
from variorum.options import CompareOptions, ReadLimits

if TYPE_CHECKING:
    from distributed import Client

CHUNK = 64
"""Pairs sent to a local worker as one task (about a fifth of a second of work). A task
through the pool costs the driver about 1 ms of CPU (its pickling, the pool's two
threads waking each other, the result's return), far more than the pipe suggests: on
the corpus's 4,718 pairs with 2 workers, the driver's CPU (imports aside) was 0.88 s
with tasks of 8 pairs, 0.44 s with 32 and 0.36 s with 64, the workers' alike. The last
tasks of a run are smaller (``_tasks``), so that the workers finish together; a
worker that dies takes at most two tasks' work with it."""
DASK_CHUNK = 128
"""Pairs sent to a Dask worker as one task. A Dask task costs far more than a pair
through the local pool's pipe: 1,000 tasks that do nothing took 3 ms of the workers'
CPU and 3 to 4 ms of the driver's and scheduler's each on a LocalCluster of 2, where a
pair of the corpus takes about 2.6 ms. Tasks of 128 pairs (about a third of a second
of work) keep that cost near 2% (on the corpus, against tasks of 32: the driver and
scheduler 0.4 CPU seconds instead of 0.9, the workers about 1 second less); a worker
that dies takes at most two tasks' work with it, and the last tasks of a run are
smaller (``_tasks``), so that the workers finish together."""
WINDOW = 2
"""Tasks in flight per worker: one to work on, one waiting, while results travel back."""
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
    keep_redlines: bool = False,
    limits: ReadLimits | None = None,
    chunk: int | None = None,
    expected: int | None = None,
) -> Iterator[Result]:
    """Compare every pair and yield its Result as it finishes (in any order).

    ``scheduler`` is a Dask scheduler's address (``tcp://host:8786``) or a
    ``distributed.Client``; without one, ``workers`` local processes (default: one
    per CPU) do the work. ``keep_json`` keeps each Comparison as gzipped JSON,
    ``keep_redlines`` each redline page. Pairs go to a worker in tasks of ``chunk``
    pairs; by default ``CHUNK`` locally and ``DASK_CHUNK`` on Dask, fewer as the run
    nears its end (from ``len(pairs)``, or ``expected`` for pairs without a length).
    """
    work = Task(options or CompareOptions(), keep_json, keep_redlines, limits)
    total = len(pairs) if isinstance(pairs, Sized) else expected
    if scheduler is None:
        count = workers or os.cpu_count() or 1
        tasks = _tasks(iter(pairs), chunk or CHUNK, None if chunk else total, count)
        return _local(tasks, work, count)
    return _on_dask(iter(pairs), work, scheduler, chunk, total)


def _tasks(
    pairs: Iterator[Pair], most: int, total: int | None, workers: int
) -> Iterator[list[Pair]]:
    """The pairs in tasks of ``most`` pairs, smaller as the run nears its end: a task
    holds at most its share of the pairs left, spread over ``WINDOW`` tasks a worker,
    so that the workers finish together and a run of few pairs gives every worker
    work. ``total`` is how many pairs there are (``None``: unknown, tasks of ``most``)."""
    left = total
    while True:
        share = most if left is None else -(-left // (workers * WINDOW))
        task = list(islice(pairs, max(1, min(most, share))))
        if not task:
            return
        left = None if left is None else left - len(task)
        yield task


def _local(tasks: Iterator[list[Pair]], work: Task, workers: int) -> Iterator[Result]:
    """On a pool of local processes, made again if one of them dies."""
    again: deque[list[Pair]] = deque()
    deaths: dict[int, int] = {}
    while True:
        lost = yield from _pool_round(tasks, again, work, workers)
        if not lost:
            return
        for pair in lost:
            deaths[pair.index] = deaths.get(pair.index, 0) + 1
            if deaths[pair.index] < ATTEMPTS:
                again.append([pair])  # alone: a pair that kills its worker fails alone
            else:
                reason = f"the worker process died {ATTEMPTS} times comparing this pair"
                yield work.failure(pair, reason)


def _pool_round(
    tasks: Iterator[list[Pair]], again: deque[list[Pair]], work: Task, workers: int
) -> Generator[Result, None, list[Pair]]:
    """Run tasks on one pool until they are done (returns ``[]``) or a worker dies
    (returns the pairs that were in flight)."""
    # spawn, not fork: the driver has threads (the progress bar), which fork can deadlock
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    running: dict[Future[list[Result]], list[Pair]] = {}
    finished: SimpleQueue[Future[list[Result]]] = SimpleQueue()
    """Futures as they finish: cheaper than ``wait``, which hooks every future anew."""
    try:
        while True:
            while len(running) < workers * WINDOW:
                task = again.popleft() if again else next(tasks, None)
                if task is None:
                    break
                try:
                    future = pool.submit(work, task)
                except BrokenProcessPool:  # a worker died since the last results came
                    return [pair for pending in [*running.values(), task] for pair in pending]
                running[future] = task
                future.add_done_callback(finished.put)
            if not running:
                return []
            future = finished.get()
            try:
                results = future.result()
            except BrokenProcessPool:
                return [pair for task in running.values() for pair in task]
            del running[future]
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(
    pairs: Iterator[Pair],
    work: Task,
    scheduler: str | Client,
    chunk: int | None,
    total: int | None,
) -> Iterator[Result]:
    """On a Dask cluster through ``dask.distributed``: its scheduler places each task,
    and reruns those of a worker that dies."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else _connect(scheduler)
    try:
        threads = max(1, sum(client.nthreads().values()))
        tasks = _tasks(pairs, chunk or DASK_CHUNK, None if chunk else total, threads)
        window = WINDOW * threads
        running: dict[Hashable, list[Pair]] = {}
        finished = as_completed()
        for task in islice(tasks, window):
            finished.add(_submit(client, work, task, running))
        for future in finished:
            task = running.pop(future.key)
            try:
                yield from future.result()
            except CancelledError:  # its texts went with the worker they were sent to
                finished.add(_submit(client, work, task, running))
            except Exception as error:  # KilledWorker: the task took workers down with it
                if len(task) > 1:  # each pair again alone: only the one that kills fails
                    for pair in task:
                        finished.add(_submit(client, work, [pair], running))
                else:
                    yield work.failure(task[0], f"Dask: {error}")
            following = next(tasks, None)
            if following is not None:
                finished.add(_submit(client, work, following, running))
    finally:
        if client is not scheduler:
            client.close()


def _submit(
    client: Client, work: Task, task: list[Pair], running: dict[Hashable, list[Pair]]
) -> object:
    """The task on the cluster. A task that carries texts (a git history's) sends them
    to a worker first, straight from the driver: in the task's own message they would
    go through the scheduler (two copies of 10 to 25 MB a task, which Dask warns of)."""
    texts = any(version.data for pair in task for version in (pair.old, pair.new))
    argument = _scattered(client, task) if texts else task
    future = client.submit(work, argument, pure=False)  # pure=False: equal tasks both run
    running[future.key] = task
    return future


def _scattered(client: Client, task: list[Pair]) -> object:
    """The task's pairs sent to a worker, straight from the driver (unless the client
    is told it cannot reach the workers): a future of them for the task to take."""
    direct = client.direct_to_workers is not False
    for attempt in range(1, ATTEMPTS):
        try:
            [future] = client.scatter([task], direct=direct, hash=False)
            return future
        except OSError:  # the worker chosen died meanwhile; the scheduler will know
            time.sleep(0.5 * attempt)
    [future] = client.scatter([task], direct=direct, hash=False)  # the last try's error stands
    return future


def _connect(address: str) -> Client:
    from distributed import Client

    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
