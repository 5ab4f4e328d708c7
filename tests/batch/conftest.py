"""Inputs the batch tests make for themselves: a folder of dated versions, a CSV of
pairs and a git repository, each holding small real documents, plus a real Dask
cluster of worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from git_repository import Repository
from variorum.batch.cluster import local_cluster

DATES = ("2020-01-01", "2020-06-01", "2021-01-01", "2021-06-01")


def version_text(document: int, version: int) -> str:
    """A policy of a few paragraphs; each version changes a word and adds a sentence."""
    paragraphs = [
        f"Section {n}. We keep the data of document {document} for {n + version} days."
        for n in range(1, 6)
    ]
    paragraphs += [f"Added in version {v}: you may ask us to delete it." for v in range(version)]
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture
def dated_folder(tmp_path: Path) -> Path:
    """Three documents (``policy-0`` to ``policy-2``), four versions each, named by date."""
    root = tmp_path / "versions"
    for document in range(3):
        folder = root / f"policy-{document}"
        folder.mkdir(parents=True)
        for version, date in enumerate(DATES):
            (folder / f"{date}.md").write_text(version_text(document, version))
        (folder / "README.txt").write_text("not a version: no date in its name\n")
    return root


@pytest.fixture
def many_pairs(tmp_path: Path) -> Path:
    """One document with 40 versions (39 pairs): enough to keep two workers busy."""
    folder = tmp_path / "many" / "policy"
    folder.mkdir(parents=True)
    for version in range(40):
        (folder / f"2020-01-{version + 1:02d}-v.txt").write_text(version_text(7, version) * 20)
    return folder.parent


@pytest.fixture
def long_history(tmp_path: Path) -> Path:
    """A git repository of one document in 40 versions (39 pairs), a month apart."""
    repo = Repository(tmp_path / "history")
    for version in range(40):
        date = f"{2020 + version // 12}-{version % 12 + 1:02d}-01"
        repo.commit(date, {"Policy.md": version_text(7, version) * 20})
    return repo.folder


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """``Terms.md`` in three versions, ``Privacy/Policy.md`` in two (the second commit
    on one day with ``Terms.md``), ``Once.md`` in one."""
    repo = Repository(tmp_path / "archive")
    repo.commit("2020-01-01", {"Terms.md": version_text(0, 0), "Once.md": "One version.\n"})
    repo.commit("2020-02-01", {"Terms.md": version_text(0, 1), "Privacy/Policy.md": "We ask.\n"})
    repo.commit("2020-02-01", {"Privacy/Policy.md": "We ask first.\n"})
    repo.commit("2020-03-01", {"Terms.md": version_text(0, 2)})
    return repo


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A real Dask cluster on this machine: a scheduler and two worker processes
    (one thread each), each watched by a nanny that restarts it if it dies, started
    with the settings Variorum asks of a cluster."""
    with local_cluster(2) as local:
        yield local


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as connected:
        yield connected
