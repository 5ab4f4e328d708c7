"""A real git repository in a folder, committed to at chosen dates, for the tests
that read histories (``import-git``, ``batch``)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class Repository:
    """A git repository in a folder, committed to at chosen dates."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *arguments: str, date: str = "2020-01-01") -> str:
        stamp = f"{date}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        command = ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *arguments]
        result = subprocess.run(
            command, cwd=self.folder, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def commit(self, date: str, files: dict[str, str | None], message: str = "edit") -> str:
        for name, text in files.items():
            path = self.folder / name
            if text is None:
                self.git("rm", "-q", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.git("add", name)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")
