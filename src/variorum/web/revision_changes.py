"""What changed between the saved revisions of a note, by the project's own engine.

The history of a note shows each revision as the word-level redline from the one
before it: the comparison's segments (``=`` kept, ``-`` deleted, ``+`` inserted),
which the browser writes as text inside ``<del>`` and ``<ins>``, never as HTML. Notes
are at most 20,000 characters, but the comparison's cost follows its input, so it
runs in a worker process like every comparison of the server; this module does not
use Django.
"""

from __future__ import annotations

from itertools import pairwise

from variorum.compare import compare


def revision_changes(texts: list[str]) -> list[list[tuple[str, str]]]:
    """For each of ``texts`` (a note's revisions, oldest first), its segments from the
    text before it; the first revision is all inserted.

    >>> revision_changes(["Not to use ICTs.", "Not to use ICT networks."])[1]
    [('=', 'Not to use '), ('-', 'ICTs'), ('+', 'ICT networks'), ('=', '.\\n')]
    """
    first = [[("+", texts[0])]] if texts else []
    return first + [compare(old, new).segments() for old, new in pairwise(texts)]
