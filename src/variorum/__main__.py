"""``python -m variorum``: the command line."""

from variorum.cli import entry

entry()
