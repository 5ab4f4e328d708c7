"""The real corpus: every consecutive pair of versions of every document of the
Platform Governance Archive (PGA v2, ZeMKI, University of Bremen, ODC-By).

    bundle --clone--> repository --git log / cat-file--> versions --canonical--> text files
    versions --consecutive--> pairs (manifest.json)

Each distinct version is stored once, as its canonical text (``Document.text``:
NFC, ``\\n`` line breaks, no trailing spaces, one final newline), so that every
tool diffs exactly the same two strings and git diffs exactly the same two files.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from variorum.ingest import parse_text

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
BUNDLE = HERE.parent.parent / "shared" / "corpus" / "pga-versions.bundle"
TEXTS = CACHE / "pga-texts"
CREDIT = (
    "Platform Governance Archive (PGA v2), ZeMKI, University of Bremen, "
    "licensed under the Open Data Commons Attribution License (ODC-By)"
)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two consecutive versions of one document of the corpus."""

    document: str
    """The file's path in the archive, e.g. ``YouTube/Community Guidelines.md``."""
    old_commit: str
    new_commit: str
    old_file: str
    """The canonical text of the older version: a file name in the cache's text folder."""
    new_file: str

    @property
    def old_path(self) -> Path:
        return TEXTS / self.old_file

    @property
    def new_path(self) -> Path:
        return TEXTS / self.new_file

    @property
    def name(self) -> str:
        """Short, stable name for tables: document and the two commits."""
        return f"{self.document} {self.old_commit[:7]}..{self.new_commit[:7]}"


def repository() -> Path:
    """The archive cloned from its bundle into the cache (once)."""
    repo = CACHE / "pga-versions"
    if not (repo / ".git").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repo)], check=True)
    return repo


def corpus_pairs() -> list[Pair]:
    """Every consecutive pair of versions of every ``.md`` document, oldest first per
    document, documents in path order. Built once; later runs read the manifest."""
    manifest = CACHE / "pga-pairs.json"
    if manifest.exists():
        return [Pair(**row) for row in json.loads(manifest.read_text())]
    repo = repository()
    TEXTS.mkdir(parents=True, exist_ok=True)
    files = _git(repo, "ls-files", "-z", "--", "*.md").split("\0")
    pairs: list[Pair] = []
    for document in sorted(f for f in files if f):
        log = _git(repo, "log", "--format=%H", "--", document).split()
        history = [(commit, _blob(repo, commit, document)) for commit in reversed(log)]
        history = [(commit, blob) for commit, blob in history if blob]  # skip deletions
        paths = [_store(repo, blob) for _, blob in history]
        for (old, _), (new, _), old_path, new_path in zip(
            history, history[1:], paths, paths[1:], strict=False
        ):
            pairs.append(Pair(document, old, new, old_path.name, new_path.name))
    manifest.write_text(json.dumps([asdict(pair) for pair in pairs], indent=0))
    return pairs


def latest_versions() -> list[tuple[str, str]]:
    """(document, canonical text) of the newest version of every document, in path order."""
    repo = repository()
    TEXTS.mkdir(parents=True, exist_ok=True)
    files = sorted(f for f in _git(repo, "ls-files", "-z", "--", "*.md").split("\0") if f)
    paths = [(document, _store(repo, _blob(repo, "HEAD", document))) for document in files]
    return [(document, path.read_text(encoding="utf-8")) for document, path in paths]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def _blob(repo: Path, commit: str, document: str) -> str:
    """The blob id of ``document`` at ``commit``, or "" where the commit deleted it."""
    out = _git(repo, "ls-tree", "-z", commit, "--", document)
    return out.split()[2] if out else ""


def _store(repo: Path, blob: str) -> Path:
    """The canonical text of a blob, written once under its blob id."""
    path = TEXTS / f"{blob}.txt"
    if not path.exists():
        raw = subprocess.run(
            ["git", "-C", str(repo), "cat-file", "blob", blob], check=True, capture_output=True
        ).stdout.decode("utf-8", errors="replace")
        path.write_text(parse_text(raw).text, encoding="utf-8", newline="\n")
    return path
