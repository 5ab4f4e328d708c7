"""The Dask settings a cluster that runs batch work should start with, and a local
cluster started with them.

    DASK_SETTINGS --dask.config, at start--> scheduler, nannies, worker processes
    local_cluster(workers) --> a LocalCluster of worker processes with them

A Dask worker spends CPU on more than its tasks: monitors and a profiler wake its
event loop many times a second, each wake a switch of the GIL away from the
comparison in the task thread (with these settings and two others, the workers'
context switches on the corpus fell from about 15,000 to 6,400). These settings
turn off what a batch does not use. They are read when a scheduler or worker starts,
so they cannot be sent with the tasks: a cluster of its own reads them from a Dask
config file (docs/batch.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from distributed import LocalCluster

DASK_SETTINGS: dict[str, Any] = {
    # Dask gives each worker MALLOC_TRIM_THRESHOLD_=65536, so that glibc hands freed
    # memory back at once; a pair's texts and tokens are then mapped and unmapped
    # again and again (three times the page faults of a pool worker, measured): about
    # a second more of workers' CPU on the corpus. glibc's own threshold instead.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The statistical profiler samples the task thread's stack 100 times a second
    # for the dashboard's profile page.
    "distributed.worker.profile.enabled": False,
    # The event loop's health check (every 20 ms) and the system monitor (every
    # 500 ms: CPU, memory, network) wake every process of the cluster.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "10s",
}
"""dask.config keys and values; the measurements are in docs/batch.md."""


def local_cluster(workers: int) -> LocalCluster:
    """A Dask cluster on this machine: a scheduler and ``workers`` worker processes of
    one thread each (the comparison holds the GIL), started with ``DASK_SETTINGS``."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(DASK_SETTINGS):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
