"""Hostile files uploaded to a real ``variorum demo`` server: each is refused with one
line naming the file and the problem (or read, when it can be), nothing is stored,
and another person's pages are answered while the worst of them is being read.

The files are the hostile-input corpus of the ingest tests (``tests/ingest/hostile.py``):
the ones that used to crash, hang or exhaust the reading process. Files are read in
a child process under the read limits set below, as the server always reads them."""

from __future__ import annotations

import random
import sys
import threading
from pathlib import Path

from availability import api, get, serve

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))  # the hostile corpus

from hostile import BOMB_MEMORY_MB, cases

ANSWERS_WITHIN = 60.0
"""Seconds another person's page may take while a hostile upload is read (a frozen
server would take as long as the reading; no bound here is a performance target)."""
WORST = ("bomb.pdf", "bomb.docx", "laughs.docx", "deep.docx", "abyss.html", "roman.html")
"""The cases that crashed, hung or exhausted memory before issue 14."""
PROJECT = "icoc-2011-2015"


def upload(url: str, token: str, name: str, data: bytes) -> tuple[int, dict[str, object]]:
    """POST a file as a new version through the API: (status, JSON answer)."""
    boundary = f"----variorum{random.getrandbits(64):x}"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    address = f"{url}/api/projects/{PROJECT}/versions/"
    content_type = f"multipart/form-data; boundary={boundary}"
    status, _, answer, _ = api("POST", address, token, body, **{"Content-Type": content_type})
    return status, answer


def test_the_worst_hostile_uploads_are_refused_and_others_are_answered(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    corpus = {case.name: case for case in cases(secret)}
    with serve(tmp_path, VARIORUM_READ_MEMORY_MB=str(BOMB_MEMORY_MB)) as server:
        server.member("editor", "editor", PROJECT)
        token = server.token("editor")
        colleague = server.signed_in("colleague")
        versions = f"{server.url}/api/projects/{PROJECT}/versions/"
        before = api("GET", versions, token)[2]["versions"]

        answers: dict[str, tuple[int, dict[str, object]]] = {}

        def send_all() -> None:
            for name in WORST:
                data = corpus[name].make(tmp_path / name).read_bytes()
                answers[name] = upload(server.url, token, name, data)

        sending = threading.Thread(target=send_all)
        sending.start()
        while sending.is_alive():
            status, _, seconds = get(colleague, server.url + "/")
            assert status == 200 and seconds < ANSWERS_WITHIN, (status, seconds)
            sending.join(timeout=1.0)

        for name in WORST:
            status, answer = answers[name]
            case = corpus[name]
            if case.refused:
                assert status == 400, (name, answer)
                assert answer["error"] == f"{name}: {case.refused}", name
            else:
                assert status == 201, (name, answer)
        after = api("GET", versions, token)[2]["versions"]
        read = [name for name in WORST if not corpus[name].refused]
        assert len(after) == len(before) + len(read)
