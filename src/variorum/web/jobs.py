"""Slow work done once per input, in the background, with its result kept.

A request asks for the result of some inputs by their digest. The first request
starts the work on a thread of its own (which waits on a worker process, see
``variorum.web.worker``) and waits a little; if the work is not done by then, it
answers with the progress so far and the browser asks again. Every later request
for the same digest gets the kept result (or the kept refusal, for a while) at once.
At most as many jobs run at a time as there are slots; the others wait their turn,
and past ``MAX_UNFINISHED`` waiting jobs a new one is not taken until one ends.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from variorum.web.worker import ChildFailed, OverLimit

Value = TypeVar("Value")


@dataclass(frozen=True, slots=True)
class Done(Generic[Value]):
    """The work finished."""

    value: Value


@dataclass(frozen=True, slots=True)
class Running:
    """The work is under way (or waiting for a free worker)."""

    seconds: float
    """Seconds since it was asked for."""
    started: bool
    """False while it waits for a free worker."""


@dataclass(frozen=True, slots=True)
class Failed:
    """The work was stopped or failed; the same inputs are not tried again."""

    message: str
    over_limit: bool
    """True when it ran out of time or memory (rather than failing on its input)."""


State = Done[Any] | Running | Failed

MAX_UNFINISHED = 8
"""Jobs of one kind running or waiting for a worker at once; a request for another
is answered as waiting, without keeping its inputs, and started when it asks again."""
FAILURE_KEPT_SECONDS = 600.0
"""How long a refusal is kept: the same inputs are tried again after it (a limit may
have been raised, or the machine was short of memory)."""


@dataclass
class _Job:
    asked: float = field(default_factory=time.monotonic)
    started: bool = False
    ended: float = 0.0
    finished: threading.Event = field(default_factory=threading.Event)
    state: State | None = None


class Jobs:
    """The jobs of one kind of work in this process, and their kept results."""

    def __init__(
        self, work: Callable[[Any], Any], slots: threading.BoundedSemaphore, kept_bytes: int,
        size: Callable[[Any], int],
    ) -> None:  # fmt: skip
        """``work(inputs)`` makes a result, holding one of ``slots`` (shared with other
        kinds of jobs) meanwhile; finished results are kept up to ``kept_bytes``, each
        counted by ``size(result)``."""
        self._work, self._size, self._kept_bytes = work, size, kept_bytes
        self._slots = slots
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, _Job] = OrderedDict()

    def get(self, key: str, inputs: Callable[[], Any], wait: float) -> State:
        """The state of the work on ``key``, started with ``inputs()`` if it is not
        known; waits up to ``wait`` seconds for it to finish."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and _stale_failure(job):
                del self._jobs[key]
                job = None
            if job is not None:
                self._jobs.move_to_end(key)
            busy = sum(1 for other in self._jobs.values() if other.state is None)
        if job is None:
            if busy >= MAX_UNFINISHED:
                return Running(0.0, started=False)
            job = self._start(key, inputs())
        job.finished.wait(wait)
        if job.state is not None:
            return job.state
        return Running(time.monotonic() - job.asked, job.started)

    def _start(self, key: str, inputs: Any) -> _Job:
        with self._lock:
            if key in self._jobs:  # another request started it meanwhile
                return self._jobs[key]
            job = self._jobs[key] = _Job()
        threading.Thread(target=self._run, args=(job, inputs), daemon=True).start()
        return job

    def _run(self, job: _Job, inputs: Any) -> None:
        with self._slots:
            job.started = True
            try:
                state: State = Done(self._work(inputs))
            except OverLimit as stopped:
                state = Failed(str(stopped), over_limit=True)
            except ChildFailed as failure:
                state = Failed(str(failure), over_limit=False)
        job.state, job.ended = state, time.monotonic()
        job.finished.set()
        self._forget_oldest()

    def _forget_oldest(self) -> None:
        """Drop the least recently asked finished results past ``kept_bytes``."""
        with self._lock:
            finished = [(key, job) for key, job in self._jobs.items() if job.state is not None]
            total = sum(self._bytes(job) for _, job in finished)
            for key, job in finished[:-1]:  # the newest is always kept
                if total <= self._kept_bytes:
                    break
                total -= self._bytes(job)
                del self._jobs[key]

    def _bytes(self, job: _Job) -> int:
        return self._size(job.state.value) if isinstance(job.state, Done) else 0


def _stale_failure(job: _Job) -> bool:
    return isinstance(job.state, Failed) and time.monotonic() - job.ended > FAILURE_KEPT_SECONDS
