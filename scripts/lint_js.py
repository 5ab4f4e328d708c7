"""Lint the browser scripts with ESLint, as the browser runs them.

The published page's reader script is four files written inside one function
(``variorum.publish.page.READER_SCRIPTS``: they share names), so it is linted as that one
script and each problem is reported at its line in its own file. The other scripts (the
page's own, the web app's) are linted as they are. Exits 1 when ESLint finds a problem.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from variorum.publish.page import OWN_SCRIPTS, READER_SCRIPTS, asset, reader_script

ROOT = Path(__file__).resolve().parents[1]
ESLINT = ROOT / ".venv" / "node_modules" / ".bin" / "eslint"
STATIC = ROOT / "src" / "variorum" / "publish" / "static"
WEB_STATIC = ROOT / "src" / "variorum" / "web" / "static"


class Problem(NamedTuple):
    """One finding of ESLint, where it is."""

    path: str
    line: int
    column: int
    message: str
    rule: str


def main() -> int:
    files = [STATIC / name for name in OWN_SCRIPTS] + sorted(WEB_STATIC.rglob("*.js"))
    problems = _eslint([str(path) for path in files])
    reader, starts = reader_script(), _starts()
    for problem in _eslint(["--stdin", "--stdin-filename", str(STATIC / "reader.js")], reader):
        name, first = max(
            ((name, line) for name, line in starts.items() if line <= problem.line),
            key=lambda item: item[1],
        )
        problems.append(problem._replace(path=str(STATIC / name), line=problem.line - first + 1))
    for found in problems:
        where = Path(found.path).relative_to(ROOT)
        print(f"{where}:{found.line}:{found.column}: {found.message} ({found.rule})")
    return 1 if problems else 0


def _starts() -> dict[str, int]:
    """The line of ``reader_script()`` where each of its files begins."""
    script = reader_script()
    line = script[: script.index(asset(READER_SCRIPTS[0]))].count("\n") + 1
    starts = {}
    for name in READER_SCRIPTS:
        starts[name] = line
        line += asset(name).count("\n")
    return starts


def _eslint(arguments: list[str], text: str | None = None) -> list[Problem]:
    """ESLint's problems, each with its file, line, column, message and rule."""
    done = subprocess.run(
        [str(ESLINT), "--format", "json", *arguments],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"ESLint could not run: {done.stderr.strip() or done.stdout.strip()}")
    return [
        Problem(
            result["filePath"],
            message.get("line", 0),
            message.get("column", 0),
            message["message"],
            message.get("ruleId") or "syntax",
        )
        for result in json.loads(done.stdout)
        for message in result["messages"]
    ]


if __name__ == "__main__":
    sys.exit(main())
