"""Errors a user can cause and fix. The CLI prints each as one line and exits with 2."""

from __future__ import annotations

from pathlib import Path


class VariorumError(Exception):
    """Something about the input or the request is wrong; the message says what."""

    exit_status = 2


class InputError(VariorumError):
    """A file cannot be read as a document: missing, binary, undecodable, empty, ..."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickled as its two parts (it travels back from the child that read a file)."""
        return (InputError, (self.path, self.problem))


class UsageError(VariorumError):
    """A request that cannot be carried out as asked: an unknown format, a bad option."""
