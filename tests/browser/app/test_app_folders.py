"""Project folders and uploads in the browser lose nothing: a refused upload keeps what
was typed; a project exported and imported again keeps its notes' revisions, the
import running in the background behind a progress page that names its step, updates
itself in place (no reload, no <meta> refresh) and says how the import ended, once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from app_steps import DEMO, Server, csrf_headers, open_redline, serious_violations
from playwright.sync_api import Page, expect

AppPage = Callable[..., Page]
FIRST = "Read against the 2011 letter."
SECOND = "Read against both letters, then revised."
IMPORT_SECONDS = 120
"""How long an import of the demo may take on a busy machine (not a performance limit)."""


def test_a_refused_upload_keeps_what_was_typed(
    app_page: AppPage, server: Server, tmp_path: Path
) -> None:
    page = app_page("ed")
    page.goto(f"{server.url}p/{DEMO}/")
    third = tmp_path / "third.txt"
    third.write_text("A third version of the text.\n", encoding="utf-8")
    form = page.locator("form.upload")
    form.get_by_label("File").set_input_files(str(third))
    typed = {"Label": "Third draft", "Date": "2015-13-45", "Source": "A/RES/69/28"}
    for label, value in typed.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name="Upload").click()
    expect(page.locator("body")).to_contain_text("is not a day as YYYY-MM-DD")
    form = page.locator("form.upload")
    for label, value in typed.items():
        expect(form.get_by_label(label)).to_have_value(value)
    expect(form).to_contain_text("choose the file again")


def test_an_exported_project_imports_with_its_notes_revisions(
    app_page: AppPage, server: Server, tmp_path: Path
) -> None:
    page = app_page("ann")
    page.goto(f"{server.url}p/{DEMO}/")
    container = f"{server.url}api/projects/{DEMO}/versions/2015/annotations/"
    note = {"target": {"selector": {"type": "TextQuoteSelector", "exact": "Agenda item"}},
            "bodyValue": FIRST}  # fmt: skip
    made = page.request.post(container, data=json.dumps(note), headers=csrf_headers(page))
    assert made.status == 201, made.text()
    edited = json.dumps(made.json() | {"bodyValue": SECOND})
    headers = csrf_headers(page) | {"If-Match": made.headers["etag"]}
    saved = page.request.put(made.json()["id"], data=edited, headers=headers)
    assert saved.status == 200, saved.text()

    with page.expect_download() as exported:
        page.get_by_role("link", name="Export project folder (.zip)").click()
    folder = tmp_path / "analysis.zip"
    exported.value.save_as(folder)
    page.goto(server.url)
    form = page.locator("form", has=page.get_by_label("ZIP file"))
    form.get_by_label("ZIP file").set_input_files(str(folder))
    form.get_by_role("button", name="Import").click()
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"Imported analysis\.zip: 2 versions and \d+ annotations\."),
        timeout=IMPORT_SECONDS * 1000,
    )
    copy = re.search(r"/p/([\w-]+)/$", page.url)
    assert copy and copy.group(1) != DEMO, page.url
    open_redline(page, f"{server.url}p/{copy.group(1)}/v/2015/")
    imported = page.locator(".vr-index .vr-note", has_text=SECOND)
    imported.get_by_role("button", name="History").click()
    expect(page.locator("#vr-history-list li")).to_have_count(2)


def test_the_import_progress_page_names_its_step_and_updates_in_place(
    app_page: AppPage, server: Server, axe_source: str
) -> None:
    job = server.django(
        "from django.contrib.auth import get_user_model\n"
        "from variorum.web.models import ImportJob\n"
        "owner = get_user_model().objects.get(username='ann')\n"
        "job = ImportJob.objects.create(owner=owner, name='large.zip', step='annotations',"
        " done=2500, of=10000)\n"
        "print(job.uuid)\n"
    ).strip().splitlines()[-1]  # fmt: skip
    page = app_page("ann")
    answer = page.goto(f"{server.url}import/{job}/")
    assert answer is not None and answer.status == 202
    expect(page.get_by_role("heading", name="Importing large.zip")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "2500")
    expect(page.locator("main")).to_contain_text("Storing the annotations: 2500 of 10000")
    assert serious_violations(page, axe_source) == []
    page.evaluate("window.stayed = true")  # gone if the page reloads

    def advance(**fields: object) -> None:
        server.django("from variorum.web.models import ImportJob\n"
                      f"ImportJob.objects.filter(uuid={job!r}).update(**{fields!r})\n")  # fmt: skip

    advance(done=5000)
    expect(page.locator("main")).to_contain_text("Storing the annotations: 5000 of 10000")
    assert page.evaluate("window.stayed") is True  # updated in place, in its live region
    advance(step="failed", message="large.zip: icoc/annotations.jsonld: is not JSON")
    expect(page.locator(".messages")).to_contain_text("annotations.jsonld: is not JSON")
    expect(page.locator(".messages li")).to_have_count(1)  # the end is said once
    assert page.url == server.url
    other = app_page("ed")  # someone else's import does not exist for them
    refused = other.goto(f"{server.url}import/{job}/")
    assert refused is not None and refused.status == 404
