"""``variorum.batch.cluster``: a cluster started with Variorum's Dask settings runs
its workers with them, and docs/batch.md gives cluster users the same settings."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import dask
from distributed import Client

from variorum.batch.cluster import DASK_SETTINGS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "batch.md"


def test_the_workers_start_without_what_a_batch_does_not_use(client: Client) -> None:
    def settings() -> tuple[str | None, bool]:
        profiling = dask.config.get("distributed.worker.profile.enabled")
        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), profiling

    assert set(client.run(settings).values()) == {(None, False)}  # glibc's trimming, no profiler


def test_the_config_file_in_the_docs_gives_dask_the_settings_the_tests_use(
    tmp_path: Path,
) -> None:
    block = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/batch.md has no yaml block"
    (tmp_path / "variorum.yaml").write_text(block.group(1), encoding="utf-8")
    read = dask.config.collect(paths=[str(tmp_path)], env={})  # as a cluster's process reads it
    assert _dotted(read) == DASK_SETTINGS


def _dotted(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested config as dask.config's dotted keys."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_dotted(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
