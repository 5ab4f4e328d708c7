"""``variorum batch`` as a user runs it: a results folder with one row per pair, a rerun
that skips what is done, an interrupted run that continues, failures listed per pair
with exit status 1, and bad input refused in one line with exit status 2."""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from commands import run_cli
from git_repository import Repository
from variorum.batch import open_input, run_batch
from variorum.batch import table as batch_table


def table(folder: Path) -> list[dict[str, Any]]:
    """The rows of ``pairs.parquet``, without the time taken (the one column that varies)."""
    rows = pq.read_table(folder / "pairs.parquet").to_pylist()
    return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]


def journal_lines(folder: Path) -> int:
    return len((folder / "results.jsonl").read_text().splitlines())


def test_a_folder_of_versions_gives_a_table_csv_comparisons_and_manifest(
    dated_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results"
    done = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "2", "--csv", "--json")
    assert done.returncode == 0, done.stderr
    assert "9 pairs: 9 compared, 0 already done, 0 failed" in done.stdout
    rows = table(out)
    assert [row["index"] for row in rows] == list(range(9))
    assert rows[0]["pair"] == "policy-0:2020-01-01..2020-06-01" and rows[0]["error"] == ""
    header = (out / "pairs.csv").read_text().splitlines()[0]
    assert header.startswith('"index","pair","document","old","new","old_date","new_date"')
    comparison = json.loads(
        gzip.decompress((out / "comparisons" / f"{rows[0]['digest']}.json.gz").read_bytes())
    )
    assert comparison["stats"]["words_inserted"] == rows[0]["words_inserted"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["input"]["kind"] == "folder" and manifest["complete"] is True
    assert manifest["options"]["ignore_case"] is False
    assert manifest["counts"] == {"pairs": 9, "compared": 9, "skipped": 0}
    assert {"variorum", "dask", "pyarrow"} <= set(manifest["software"])


def test_redlines_and_changed_provisions_are_kept_per_pair(
    dated_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results"
    done = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "1", "--redlines")
    assert done.returncode == 0, done.stderr
    rows = table(out)
    page = (out / "redlines" / f"{rows[0]['digest']}.html").read_text()
    assert "<del" in page and "<ins" in page and "default-src &#39;none&#39;" in page
    assert len(list((out / "redlines").iterdir())) == 9
    sections = rows[0]["provisions"]  # version_text has no headings: one section
    assert [p["heading"] for p in sections] == ["(before the first heading)"]
    assert sections[0]["words"] >= rows[0]["words_inserted"]
    assert f'id="c-{sections[0]["row"]}"' in page


def test_the_table_is_in_input_order_across_row_groups(
    many_pairs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_table, "ROW_GROUP", 4)  # ten groups for 39 pairs
    out = tmp_path / "results"
    summary = run_batch(open_input(many_pairs), out, workers=2, with_csv=True)
    assert summary.compared == 39 and summary.failed == 0
    assert pq.ParquetFile(out / "pairs.parquet").num_row_groups == 10
    assert [row["index"] for row in table(out)] == list(range(39))
    csv_rows = (out / "pairs.csv").read_text().splitlines()
    assert len(csv_rows) == 40 and '"provisions"' not in csv_rows[0]


def test_a_rerun_skips_the_pairs_already_done(dated_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    first = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "1")
    assert first.returncode == 0, first.stderr
    before = table(out)
    (dated_folder / "policy-2" / "2021-06-01.md").write_text("A new last version.\n")
    again = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "9 pairs: 1 compared, 8 already done, 0 failed" in again.stdout
    after = table(out)
    assert after[:8] == before[:8] and after[8]["digest"] != before[8]["digest"]
    assert journal_lines(out) == 10


def test_other_options_are_other_work(dated_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "1")
    folded = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "1", "-i")
    assert "9 pairs: 9 compared, 0 already done" in folded.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"]["ignore_case"] is True


def test_an_interrupted_run_continues_where_it_stopped(dated_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    seen = []

    def interrupt_after_three(count: int) -> None:
        seen.append(count)
        if len(seen) == 3:
            raise KeyboardInterrupt  # as Ctrl+C in the terminal

    with pytest.raises(KeyboardInterrupt):
        run_batch(open_input(dated_folder), out, workers=2, advance=interrupt_after_three)
    assert json.loads((out / "manifest.json").read_text())["complete"] is False
    kept = journal_lines(out)
    assert 3 <= kept < 9 and len(table(out)) == kept
    summary = run_batch(open_input(dated_folder), out, workers=2)
    assert (summary.skipped, summary.compared, summary.complete) == (kept, 9 - kept, True)
    assert journal_lines(out) == 9  # nothing compared twice
    assert [row["index"] for row in table(out)] == list(range(9))


def test_on_a_terminal_a_progress_bar_shows_pairs_per_second_and_the_time_left(
    dated_folder: Path, tmp_path: Path
) -> None:
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}  # rich draws as on a terminal
    shown = run_cli("batch", str(dated_folder), "-o", str(tmp_path / "a"), env=terminal)
    assert shown.returncode == 0, shown.stderr
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.stderr)  # colours, cursor moves
    last = [line for line in drawn.splitlines() if "comparing" in line][-1]
    assert "9/9" in last and "100%" in last
    assert "pairs/s" in last and "0:00:00" in last  # the rate, and no time left
    piped = run_cli("batch", str(dated_folder), "-o", str(tmp_path / "b"))
    assert piped.returncode == 0 and piped.stderr == ""  # no bar in a log file


def test_a_journal_line_cut_short_by_a_killed_driver_costs_that_pair_only(
    dated_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results"
    run_batch(open_input(dated_folder), out, workers=1)
    journal = out / "results.jsonl"
    journal.write_bytes(journal.read_bytes()[:-20])  # killed while writing the last line
    again = run_batch(open_input(dated_folder), out, workers=1)
    assert (again.skipped, again.compared) == (8, 1)
    third = run_batch(open_input(dated_folder), out, workers=1)  # the new line is whole
    assert (third.skipped, third.compared, third.complete) == (9, 0, True)


def test_failed_pairs_are_listed_and_the_exit_status_says_so(
    dated_folder: Path, tmp_path: Path
) -> None:
    (dated_folder / "policy-1" / "2021-01-01.md").unlink()
    (dated_folder / "policy-1" / "2021-01-01.docx").write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "results"
    done = run_cli("batch", str(dated_folder), "-o", str(out), "--workers", "2")
    assert done.returncode == 1
    assert "9 pairs: 9 compared, 0 already done, 2 failed" in done.stdout
    failures = done.stderr.splitlines()
    assert len(failures) == 2 and "Traceback" not in done.stderr
    assert failures[0].startswith(
        "failed: policy-1:2020-06-01..2021-01-01: policy-1/2021-01-01.docx: "
    )
    assert sum(bool(row["error"]) for row in table(out)) == 2


def test_a_file_over_the_read_limits_is_its_pair_failure(
    dated_folder: Path, tmp_path: Path
) -> None:
    """With --memory-limit each file is read in a child held to it: a flate-bomb PDF
    (the hostile corpus's) is one pair's one-line failure, not a worker eating memory."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))  # the hostile corpus
    from hostile import BOMB_MEMORY_MB, flate_bomb

    (dated_folder / "policy-1" / "2021-01-01.md").unlink()
    (dated_folder / "policy-1" / "2021-01-01.pdf").write_bytes(flate_bomb())
    out = tmp_path / "results"
    limit = str(BOMB_MEMORY_MB)
    done = run_cli("batch", str(dated_folder), "-o", str(out), "--memory-limit", limit)
    assert done.returncode == 1
    assert "9 pairs: 9 compared, 0 already done, 2 failed" in done.stdout
    assert done.stderr.splitlines()[0] == (
        "failed: policy-1:2020-06-01..2021-01-01: policy-1/2021-01-01.pdf: could not be "
        f"read: the reader crashed (SIGABRT): damaged, or needing more than {limit} MB"
    )
    assert json.loads((out / "manifest.json").read_text())["read_limits"]["memory_mb"] == int(limit)


def test_a_git_history_through_the_command(repository: Repository, tmp_path: Path) -> None:
    done = run_cli("batch", str(repository.folder), "-o", str(tmp_path / "results"))
    assert done.returncode == 0, done.stderr
    rows = table(tmp_path / "results")
    assert [row["pair"] for row in rows][1:] == [
        "Terms.md:2020-01-01..2020-02-01",
        "Terms.md:2020-02-01..2020-03-01",
    ]


def test_the_scheduler_option_runs_on_dask_with_the_same_results(
    dated_folder: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert run_cli("batch", str(dated_folder), "-o", str(local)).returncode == 0
    done = run_cli(
        "batch", str(dated_folder), "-o", str(dask), "--scheduler", cluster.scheduler_address
    )
    assert done.returncode == 0, done.stderr
    assert table(dask) == table(local)
    engine = json.loads((dask / "manifest.json").read_text())["engine"]
    assert engine == {"scheduler": cluster.scheduler_address}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing-folder"], "variorum: error: missing-folder: no such file or folder"),
        (["{csv}"], "variorum: error: {csv}: line 1: expected old,new[,id]"),
        (["{folder}", "--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
        (["{folder}", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"], "--workers is for"),
        (["{folder}", "--scheduler", "tcp://127.0.0.1:9", "--time-limit", "5"], "local runs"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(
    dated_folder: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    csv = tmp_path / "pairs.csv"
    csv.write_text("just-one-column\n")
    values = {"csv": str(csv), "folder": str(dated_folder)}
    arguments = [argument.format(**values) for argument in arguments]
    done = run_cli("batch", *arguments, "-o", str(tmp_path / "results"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert message.format(**values) in done.stderr


def test_the_report_page_shows_the_corpus_offline(dated_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    (dated_folder / "policy-1" / "2021-01-01.md").unlink()
    (dated_folder / "policy-1" / "2021-01-01.docx").write_bytes(b"PK\x03\x04 not a zip")
    run_cli("batch", str(dated_folder), "-o", str(out), "--json")
    done = run_cli("batch-report", str(out), "-o", str(tmp_path / "report.html"))
    assert done.returncode == 0, done.stderr
    page = " ".join(html.unescape((tmp_path / "report.html").read_text()).split())
    assert "9 pairs of versions: 7 with changes of the text" in page and "2 failed" in page
    assert "<script" not in page and "default-src 'none'" in page
    assert '<td>2020-06</td><td class="n">3</td>' in page  # one pair of each document
    digest = table(out)[0]["digest"]
    assert f'href="results/comparisons/{digest}.json.gz"' in page


def test_a_report_needs_a_results_folder(tmp_path: Path) -> None:
    done = run_cli("batch-report", str(tmp_path))
    assert done.returncode == 2
    expected = f"{tmp_path}: holds no pairs.parquet: run `variorum batch` into it first"
    assert done.stderr == f"variorum: error: {expected}\n"
