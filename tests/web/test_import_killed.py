"""An import whose server is killed part-way loses nothing and leaves nothing half
made: the project it was storing is seen by no one meanwhile, the next start of a
server removes it, and the import's page says it stopped and kept nothing. A live
import is never taken as stopped, however long its signs of life cannot be written.

A real ``variorum demo`` (SQLite in a file, or PostgreSQL as the suite runs), killed
with SIGKILL as a crash or the kernel's out-of-memory killer would, then started
again on the same data; or paused with SIGSTOP, as a suspended machine or a
debugger would, then resumed."""

from __future__ import annotations

import json
import re
import signal
import time
from pathlib import Path
from typing import Any

from availability import RunningServer, example_zip, get, post_form, serve
from served import WAIT

STALLED = 3
"""``VARIORUM_IMPORT_STALLED_SECONDS`` of these servers: an import with no sign of life
for this long stopped with its server."""
NOTES = 10_000
"""The import's annotations: the most one may hold, so that it is killed part-way."""
TITLE = "International code of conduct"
"""The start of the demo's title, which the imported copy shares."""


def stored(server: RunningServer) -> Any:
    """Every project (title, members, versions, annotations) and import step stored."""
    return json.loads(server.django(
        "import json\n"
        "from variorum.web.models import ImportJob, ProjectRecord\n"
        "print(json.dumps({'projects': sorted([project.title, project.memberships.count(),"
        " project.versions.count(), project.annotations.count()]"
        " for project in ProjectRecord.objects.all()),"
        " 'imports': list(ImportJob.objects.values_list('step', flat=True))}))\n"
    ).strip().splitlines()[-1])  # fmt: skip


def test_an_import_killed_part_way_keeps_nothing_and_its_page_says_so(tmp_path: Path) -> None:
    with serve(tmp_path, VARIORUM_IMPORT_STALLED_SECONDS=str(STALLED)) as server:
        server.member("analyst", "owner")
        analyst = server.signed_in("analyst")
        before = stored(server)
        upload = {"folder": ("icoc.zip", example_zip(tmp_path, NOTES))}
        status, page, _ = post_form(analyst, server.url + "/", server.url + "/import/", {}, upload)
        check = re.search(r'href="(/import/[0-9a-f-]+/)">Check now', page)
        assert status == 202 and check, page[:500]
        deadline = time.monotonic() + WAIT * 5
        while (
            not (done := re.search(r"Storing the annotations: (\d+) of", page))
            or int(done.group(1)) < 250
        ):  # killed once some annotations are stored
            assert status == 202, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never stored an annotation"
            time.sleep(0.05)
            status, page, _ = get(analyst, server.url + check.group(1))
        _, listed, _ = get(analyst, server.url + "/")
        server.process.process.kill()
        server.process.process.wait()
        killed = time.monotonic()

        half = stored(server)
        assert listed.count(TITLE) == 1  # the demo's: the import's was seen by no one
        unseen = [project for project in half["projects"] if project not in before["projects"]]
        assert len(unseen) == 1, half
        _, members, versions, notes = unseen[0]
        assert members == 0 and versions == 2 and 250 <= notes < NOTES, unseen
        assert half["imports"] == ["annotations"]

        time.sleep(max(0.0, STALLED + 1 - (time.monotonic() - killed)))
        with serve(tmp_path, environment=server.environment) as again:
            assert stored(again) == before | {"imports": ["failed"]}  # cleaned as it started
            status, ended, _ = get(analyst, again.url + check.group(1))
            _, projects, _ = get(analyst, again.url + "/")

    assert status == 200 and "icoc.zip: the import stopped with its server; nothing was kept" in (
        ended
    )
    assert projects.count(TITLE) == 1


def started_import(server: RunningServer, tmp_path: Path) -> tuple[Any, str]:
    """A signed-in owner's client and the progress page of the import it started, once
    the import stores annotations."""
    analyst = server.signed_in("analyst")
    upload = {"folder": ("icoc.zip", example_zip(tmp_path, NOTES))}
    status, page, _ = post_form(analyst, server.url + "/", server.url + "/import/", {}, upload)
    check = re.search(r'href="(/import/[0-9a-f-]+/)">Check now', page)
    assert status == 202 and check, page[:500]
    deadline = time.monotonic() + WAIT * 5
    while not re.search(r"Storing the annotations: \d+ of", page):
        assert status == 202, "the import ended before it stored annotations"
        assert time.monotonic() < deadline, "the import never stored an annotation"
        time.sleep(0.05)
        status, page, _ = get(analyst, server.url + check.group(1))
    return analyst, server.url + check.group(1)


def test_an_import_paused_past_the_stall_limit_is_not_ended(tmp_path: Path) -> None:
    """Paused longer than ``VARIORUM_IMPORT_STALLED_SECONDS``, it shows no sign of
    life; its progress page read meanwhile from another server process leaves it
    alone (on SQLite that page reads while the paused import may hold the writer), and
    resumed, it completes."""
    with serve(tmp_path, VARIORUM_IMPORT_STALLED_SECONDS=str(STALLED)) as server:
        server.member("analyst", "owner")
        analyst, check = started_import(server, tmp_path)
        server.process.process.send_signal(signal.SIGSTOP)
        try:
            time.sleep(STALLED + 1)
            seen = server.django(  # as its progress page, served by another process
                "from variorum.web.models import ImportJob\n"
                "from variorum.web.store.imports import job_of\n"
                "job = ImportJob.objects.get()\n"
                "print(job_of(job.owner, job.uuid).step)\n"
            ).strip().splitlines()[-1]  # fmt: skip
            paused = stored(server)
        finally:
            server.process.process.send_signal(signal.SIGCONT)
        deadline = time.monotonic() + WAIT * 5
        while (status := get(analyst, check))[0] == 202:
            assert time.monotonic() < deadline, "the import never ended"
            time.sleep(0.2)
        done = stored(server)

    assert seen == "annotations"
    assert paused["imports"] == ["annotations"]
    assert done["imports"] == ["done"], status[1][:500]
    assert [TITLE in title for title, *_ in done["projects"]] == [True, True]
    assert sorted(counts for _, *counts in done["projects"])[-1] == [1, 2, NOTES]
