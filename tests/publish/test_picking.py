"""The steps a page of a long history embeds to compose any pair (issue 17): each
version's text rebuilt exactly from the one before and its step's pieces, the copies
it keeps holding equal text at both ends, and the data safe inside a ``<script>``."""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.ingest import parse_text
from variorum.publish.picking import Piece, step_data


def random_history(seed: int) -> list[str]:
    """Three to six versions of a few paragraphs: words inserted, deleted and replaced,
    paragraphs added, removed and moved, and markup-looking text."""
    rng = random.Random(seed)
    vocabulary = ["rule", "shall", "members", "</script>", "<b>", "&amp;", "état", "data", "7."]
    paragraphs = [[rng.choice(vocabulary) for _ in range(rng.randint(4, 12))] for _ in range(4)]
    texts = []
    for _ in range(rng.randint(3, 6)):
        texts.append("\n\n".join(" ".join(words) for words in paragraphs) + "\n")
        for _ in range(rng.randint(1, 4)):
            words = paragraphs[rng.randrange(len(paragraphs))]
            action = rng.choice(["insert", "delete", "replace", "add", "remove", "move"])
            at = rng.randrange(len(words))
            if action == "insert":
                words.insert(at, rng.choice(vocabulary))
            elif action == "delete" and len(words) > 2:
                del words[at]
            elif action == "replace":
                words[at] = rng.choice(vocabulary)
            elif action == "add":
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.sample(vocabulary, 5))
            elif action == "remove" and len(paragraphs) > 1:
                paragraphs.remove(words)
            elif action == "move":
                paragraphs.remove(words)
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), words)
    return texts


def rebuilt(text: str, pieces: list[Piece]) -> str:
    """The next version's text as the page's script makes it."""
    return "".join(
        piece if isinstance(piece, str) else text[piece[0] : piece[1]] for piece in pieces
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32))
def test_each_version_is_rebuilt_from_the_one_before(seed: int) -> None:
    documents = [parse_text(text) for text in random_history(seed)]
    embedded = step_data([compare(old, new) for old, new in pairwise(documents)])
    assert not re.search(r"[<>&]", embedded)  # nothing ends the <script> it stands in
    data = json.loads(embedded)
    text = data["first"]
    assert text == documents[0].text
    for step, document in zip(data["steps"], documents[1:], strict=True):
        older, text = text, rebuilt(text, step["pieces"])
        assert text == document.text
        kept = step["kept"]
        for at in range(0, len(kept), 4):
            assert older[kept[at] : kept[at + 1]] == text[kept[at + 2] : kept[at + 3]]
