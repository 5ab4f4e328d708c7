"""The project folder and its commands: init, add-version, annotate, annotations
list|export|import, check and example; bad input never loses what is stored."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pytest

from variorum.annotations.anchor import AnchorMethod
from variorum.annotations.carry import CarryStatus, carry
from variorum.annotations.model import (
    Annotation,
    AnnotationError,
    ChangeTarget,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from variorum.cli import main
from variorum.cli.errors import run_safely
from variorum.compare import compare
from variorum.errors import InputError, UsageError
from variorum.examples import example_documents
from variorum.project import (
    ANNOTATIONS_FILE,
    PROJECT_FILE,
    Project,
    add_version,
    create_project,
    open_project,
)

OLD = "(a) Not to use ICTs for hostile activities;\n(b) To cooperate with all States.\n"
NEW = "(1) Not to use ICT networks for activities which run counter to peace;\n(2) To cooperate with all States.\n"  # noqa: E501


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    created = create_project(tmp_path / "p", "Pledges", ["Ana"], "Two *drafts*.\n\nCompared.")
    created = add_version(created, tmp_path / "old.txt", "2011", "2011-09-14", "A/66/359")
    return add_version(created, tmp_path / "new.txt", "2015", "2015-01-13", "A/69/723")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``variorum ARGS`` as the console script does: exit status, stdout, stderr."""
    status = run_safely(main, list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_new_project_is_a_readable_toml_and_an_empty_collection(project: Project) -> None:
    folder = project.folder
    data = tomllib.loads((folder / PROJECT_FILE).read_text(encoding="utf-8"))
    assert data["title"] == "Pledges" and data["authors"] == ["Ana"]
    assert data["introduction"] == "Two *drafts*.\n\nCompared."
    assert [v["label"] for v in data["versions"]] == ["2011", "2015"]
    assert data["versions"][0] == {
        "label": "2011",
        "file": "old.txt",
        "date": "2011-09-14",
        "source": "A/66/359",
    }
    collection = json.loads((folder / ANNOTATIONS_FILE).read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 0
    assert (folder / "old.txt").read_text(encoding="utf-8") == OLD


def test_opened_project_gives_documents_with_metadata(project: Project) -> None:
    reopened = open_project(project.folder)
    assert reopened.labels == ["2011", "2015"] and reopened.authors == ("Ana",)
    document = reopened.document("2015")
    assert (document.version, document.date, document.source) == ("2015", "2015-01-13", "A/69/723")
    assert document.title == "Pledges"


def test_add_version_keeps_hand_written_comments_and_layout(project: Project) -> None:
    path = project.folder / PROJECT_FILE
    path.write_text(path.read_text() + "\n# checked against the UN originals\n", encoding="utf-8")
    (project.folder / "v3.txt").write_text(NEW + "(3) Third.\n", encoding="utf-8")
    add_version(open_project(project.folder), project.folder / "v3.txt", date="2016-01-01")
    text = path.read_text(encoding="utf-8")
    assert "# checked against the UN originals" in text and "# A Variorum project" in text
    assert open_project(project.folder).labels == ["2011", "2015", "v3"]


@pytest.mark.parametrize(
    ("label", "date", "content", "message"),
    [
        ("2011", "", b"text", "already has a version '2011'"),
        ("v3", "13/01/2015", b"text", "not a day as YYYY-MM-DD"),
        ("v3", "", b"\x00\x01\x02binary\x00" * 50, "binary"),
        # the web app's rules of a label, so that the folder imports there
        ("drafts/2015", "", b"text", "cannot be '.' or '..' or hold '/'"),
        ("v" * 81, "", b"text", "at most 80 characters"),
    ],
)
def test_add_version_refuses_bad_input_and_changes_nothing(
    project: Project, tmp_path: Path, label: str, date: str, content: bytes, message: str
) -> None:
    before = (project.folder / PROJECT_FILE).read_bytes()
    (tmp_path / "v3.txt").write_bytes(content)
    with pytest.raises((UsageError, InputError), match=message):
        add_version(project, tmp_path / "v3.txt", label, date)
    assert (project.folder / PROJECT_FILE).read_bytes() == before
    assert not (project.folder / "v3.txt").exists()


def test_init_refuses_a_title_the_web_app_would_refuse(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="at most 300 characters, not 301"):
        create_project(tmp_path / "p", "T" * 301)
    assert not (tmp_path / "p").exists()


def test_init_refuses_to_overwrite_a_project(project: Project) -> None:
    with pytest.raises(UsageError, match="already exists"):
        create_project(project.folder, "Again")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("title = ", "not valid TOML"),
        ("titel = 'x'", "unknown key 'titel'"),
        ("format_version = 7", "format_version 7"),
        ("authors = 'Ana'", "list of names"),
        ("[[versions]]\nlabel = 'a'", "needs a label and a file"),
        ("[[versions]]\nlabel = 'a'\nfile = '../secret.txt'", "inside the project folder"),
        ("[[versions]]\nlabel = 'a'\nfile = 'a.txt'\ndate = 'soon'", "not a day as YYYY-MM-DD"),
        ("[[versions]]\nlabel='a'\nfile='a'\n[[versions]]\nlabel='a'\nfile='b'", "share a label"),
        # the web app's rule too: a folder it could not import is refused where it is read
        (f"title = '{'T' * 301}'", "at most 300 characters, not 301"),
    ],
)  # fmt: skip
def test_malformed_project_file_is_one_clear_error(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / PROJECT_FILE).write_text(toml, encoding="utf-8")
    with pytest.raises((InputError, UsageError), match=message) as error:
        open_project(tmp_path)
    assert "\n" not in str(error.value)


def test_toml_dates_may_be_native_dates(tmp_path: Path) -> None:
    (tmp_path / PROJECT_FILE).write_text(
        "[[versions]]\nlabel = 'a'\nfile = 'a.txt'\ndate = 2015-01-13\n", encoding="utf-8"
    )
    assert open_project(tmp_path).versions[0].date == "2015-01-13"


def test_annotations_are_saved_and_read_back_identically(project: Project) -> None:
    note = Annotation.new(
        project.quote_target("2011", "hostile activities"), "Gone.", ("security",)
    )
    change = Annotation.new(project.quote_target("2011", "(b)", change_to="2015"), "Renumbered.")
    project.save_annotations([note, change])
    assert open_project(project.folder).annotations() == [note, change]
    item = json.loads((project.folder / ANNOTATIONS_FILE).read_text())["first"]["items"][0]
    assert item["target"]["source"] == "old.txt"  # resolves beside annotations.jsonld


def test_change_target_is_found_through_the_comparison(project: Project) -> None:
    target = project.quote_target("2011", "(b)", change_to="2015")
    assert isinstance(target, ChangeTarget)
    assert (target.old.quote.exact, target.new.quote.exact) == ("(b)", "(2)")
    reverse = project.quote_target("2015", "ICT networks", change_to="2011")
    assert isinstance(reverse, ChangeTarget) and reverse.old.version == "2011"
    assert reverse.old.quote.exact.startswith("ICTs")


def test_annotations_for_missing_versions_or_out_of_range_are_refused(project: Project) -> None:
    before = (project.folder / ANNOTATIONS_FILE).read_bytes()
    missing = Annotation("urn:a", Target("1999", TextQuoteSelector("x")))
    with pytest.raises(AnnotationError, match="version '1999'"):
        project.save_annotations([missing])
    far = Annotation("urn:b", Target("2011", TextQuoteSelector("x"), TextPositionSelector(0, 9999)))
    with pytest.raises(AnnotationError, match="lies outside version '2011'"):
        project.save_annotations([far])
    assert (project.folder / ANNOTATIONS_FILE).read_bytes() == before


def test_check_reanchors_and_reports_changed_and_orphaned(project: Project) -> None:
    kept = Annotation.new(project.quote_target("2015", "To cooperate with all States"))
    edited = Annotation.new(project.quote_target("2015", "activities which run counter to peace"))
    lost = Annotation.new(project.quote_target("2015", "ICT networks"))
    project.save_annotations([kept, edited, lost])
    (project.folder / "new.txt").write_text(
        "Preface.\n(1) Not to use computers for activities that run counter to peace;\n"
        "(2) To cooperate with all States.\n",
        encoding="utf-8",
    )
    methods = [[a.method for a in anchors] for _, anchors in open_project(project.folder).check()]
    assert methods == [[AnchorMethod.QUOTE], [AnchorMethod.FUZZY], [AnchorMethod.ORPHANED]]


# The command line


def test_commands_show_an_example_in_their_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [["init"], ["add-version"], ["annotate"], ["check"], ["example"], ["annotations"]]
    commands += [["annotations", name] for name in ("list", "export", "import", "carry")]
    for command in commands:
        status, out, _ = cli(capsys, *command, "--help")
        assert status == 0 and "Example" in out, command


def test_a_session_from_init_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    folder = str(tmp_path / "p")
    assert cli(capsys, "init", folder, "--title", "Pledges", "--author", "Ana")[0] == 0
    assert (
        cli(capsys, "add-version", str(tmp_path / "old.txt"), "-p", folder, "--label", "2011")[0]
        == 0
    )
    assert (
        cli(capsys, "add-version", str(tmp_path / "new.txt"), "-p", folder, "--label", "2015")[0]
        == 0
    )
    status, out, _ = cli(
        capsys, "annotate", "-p", folder, "--version", "2015", "--quote", "ICT networks",
        "--note", "Wider than *ICTs*.", "--tag", "scope", "--author", "Ana",
    )  # fmt: skip
    assert status == 0 and "2015  “ICT networks”" in out
    status, out, _ = cli(capsys, "annotations", "list", "-p", folder, "--tag", "scope")
    assert status == 0 and "ICT networks" in out and "Wider than *ICTs*." in out
    assert cli(capsys, "annotations", "list", "-p", folder, "--version", "2011")[1] == ""
    status, out, _ = cli(capsys, "check", "-p", folder)
    assert status == 0 and out.strip().endswith("1 annotation(s): 1 anchored")


def test_annotate_errors_are_one_line(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(project.folder)
    status, _, err = cli(capsys, "annotate", "-p", folder, "--version", "2015", "--quote", "(")
    assert status == 2 and "occurs 2 times" in err and err.count("\n") == 1
    status, _, err = cli(capsys, "annotate", "-p", folder, "--version", "1999", "--quote", "x")
    assert status == 2 and "no version '1999'" in err
    status, _, err = cli(
        capsys, "annotate", "-p", folder, "--version", "2015", "--quote", "nowhere"
    )
    assert status == 2 and "does not occur" in err


def test_export_then_import_into_another_project_is_identical(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = [
        Annotation.new(project.quote_target("2011", "hostile activities"), "Gone.", ("security",)),
        Annotation.new(project.quote_target("2011", "(b)", change_to="2015"), "Renumbered."),
    ]
    project.save_annotations(notes)
    exported = tmp_path / "out.jsonld"
    assert (
        cli(capsys, "annotations", "export", "-p", str(project.folder), "-o", str(exported))[0] == 0
    )
    (project.folder / ANNOTATIONS_FILE).unlink()
    status, out, _ = cli(capsys, "annotations", "import", str(exported), "-p", str(project.folder))
    assert status == 0 and "Imported 2" in out
    assert open_project(project.folder).annotations() == notes
    status, out, _ = cli(capsys, "annotations", "import", str(exported), "-p", str(project.folder))
    assert "Imported 0" in out and len(open_project(project.folder).annotations()) == 2


def test_export_as_a_list_to_stdout(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.save_annotations([Annotation.new(project.quote_target("2015", "ICT networks"))])
    status, out, _ = cli(capsys, "annotations", "export", "-p", str(project.folder), "--list")
    data = json.loads(out)
    assert status == 0 and isinstance(data, list) and data[0]["@context"].endswith("anno.jsonld")


def hypothesis_row(uri: str, start: int, end: int, exact: str) -> dict[str, object]:
    selectors = [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {"type": "TextQuoteSelector", "exact": exact},
    ]
    return {
        "id": f"h{start}",
        "uri": uri,
        "user": "acct:ana@hypothes.is",
        "text": "From the web.",
        "tags": ["web"],
        "target": [{"source": uri, "selector": selectors}],
    }


def test_hypothesis_json_is_imported_onto_a_chosen_version(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = NEW.index("ICT networks")
    rows = [hypothesis_row("https://un.org/A/69/723", start, start + 12, "ICT networks")]
    source = tmp_path / "search.json"
    source.write_text(json.dumps({"total": 1, "rows": rows}), encoding="utf-8")
    folder = str(project.folder)
    status, _, err = cli(capsys, "annotations", "import", str(source), "-p", folder)
    assert status == 2 and "not a version of this project" in err
    status, out, _ = cli(
        capsys, "annotations", "import", str(source), "-p", folder, "--version", "2015"
    )
    assert status == 0 and "Imported 1" in out
    (note,) = open_project(project.folder).annotations()
    assert note.id == "https://hypothes.is/a/h" + str(start) and note.target.version == "2015"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{ not json", "not JSON"),
        ('{"id": "urn:z", "type": "Annotation", "target": {"source": "1999.txt", "selector":'
         ' {"type": "TextQuoteSelector", "exact": "x"}}}', "not a version of this project"),
        ('{"id": "urn:z", "type": "Annotation", "target": {"source": "old.txt", "selector":'
         ' [{"type": "TextQuoteSelector", "exact": "x"},'
         ' {"type": "TextPositionSelector", "start": 5, "end": 90000}]}}', "lies outside version"),
    ],
)  # fmt: skip
def test_bad_imports_are_refused_and_nothing_stored_is_lost(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    project.save_annotations(
        [Annotation.new(project.quote_target("2015", "ICT networks"), "Kept.")]
    )
    before = (project.folder / ANNOTATIONS_FILE).read_bytes()
    source = tmp_path / "bad.jsonld"
    source.write_text(content, encoding="utf-8")
    status, out, err = cli(capsys, "annotations", "import", str(source), "-p", str(project.folder))
    assert status == 2 and message in err and err.count("\n") == 1 and out == ""
    assert (project.folder / ANNOTATIONS_FILE).read_bytes() == before


def test_import_refuses_a_different_annotation_with_a_known_id(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = Annotation("urn:same", project.quote_target("2015", "ICT networks"), creator="Ana")
    project.save_annotations([note])
    other = {
        "id": "urn:same", "type": "Annotation", "bodyValue": "Different",
        "target": {"source": "2015", "selector": {"type": "TextQuoteSelector", "exact": "peace"}},
    }  # fmt: skip
    source = tmp_path / "other.jsonld"
    source.write_text(json.dumps(other), encoding="utf-8")
    folder = str(project.folder)
    status, _, err = cli(capsys, "annotations", "import", str(source), "-p", folder)
    assert status == 2 and "--replace" in err
    assert cli(capsys, "annotations", "import", str(source), "-p", folder, "--replace")[0] == 0
    assert open_project(project.folder).annotations()[0].body.text == "Different"


def test_missing_project_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(capsys, "check", "-p", str(tmp_path))
    assert status == 2 and "not a Variorum project" in err


# The built-in example as a project


def test_example_project_anchors_every_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "icoc"
    status, out, _ = cli(capsys, "example", "icoc", str(folder))
    assert status == 0 and "versions 2011, 2015" in out
    project = open_project(folder)
    assert [doc.text for doc in project.documents().values()] == [
        doc.text for doc in example_documents("icoc")
    ]
    results = project.check()
    assert len(results) >= 10
    assert all(a.method is AnchorMethod.POSITION for _, anchors in results for a in anchors)
    status, out, _ = cli(capsys, "check", "-p", str(folder))
    assert status == 0 and out.endswith(f"{len(results)} annotation(s): {len(results)} anchored\n")


def test_example_notes_cover_the_issues_main_changes(tmp_path: Path) -> None:
    from variorum.examples.projects import write_example_project

    project = write_example_project("icoc", tmp_path / "icoc")
    quotes = {
        side.quote.exact
        for note in project.annotations()
        for side in (
            (note.target.old, note.target.new)
            if isinstance(note.target, ChangeTarget)
            else (note.target,)
        )
    }
    assert "the International Covenant on Civil and Political Rights (article 19)" in quotes
    assert "which was subsequently co-sponsored by Kyrgyzstan and Kazakhstan" in quotes
    assert {"(b)", "(2)"} <= quotes  # the renumbering, as a change between the versions
    comparison = compare(project.document("2011"), project.document("2015"))
    statuses = {item.status for item in carry(project.annotations(), comparison)}
    # every note finds its passage in 2015; the qualifier of (f) is carried into (7)
    assert CarryStatus.CHANGED in statuses and CarryStatus.ORPHANED not in statuses


def test_example_is_deterministic_and_refuses_a_used_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("one", "two"):
        assert cli(capsys, "example", "icoc", str(tmp_path / name))[0] == 0
    for file in (PROJECT_FILE, ANNOTATIONS_FILE, "2011.txt", "2015.txt"):
        assert (tmp_path / "one" / file).read_bytes() == (tmp_path / "two" / file).read_bytes()
    status, _, err = cli(capsys, "example", "icoc", str(tmp_path / "one"))
    assert status == 2 and "not empty" in err
    status, _, err = cli(capsys, "example", "nope", str(tmp_path / "three"))
    assert status == 2 and "no built-in example 'nope'" in err


def test_check_exits_1_when_an_annotation_is_orphaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "icoc"
    cli(capsys, "example", "icoc", str(folder))
    text = (folder / "2015.txt").read_text(encoding="utf-8")
    (folder / "2015.txt").write_text(
        text.replace("A/68/98 of 24 June 2013", "the report").replace(
            "subsequently co-sponsored", "later co-sponsored"
        ),
        encoding="utf-8",
    )
    status, out, _ = cli(capsys, "check", "-p", str(folder))
    assert status == 1
    assert "orphaned" in out and "A/68/98 of 24 June 2013" in out
    assert "changed" in out and "now reads: which was later co-sponsored" in out


def test_carry_command_lists_what_became_of_2011_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "icoc"
    cli(capsys, "example", "icoc", str(folder))
    status, out, _ = cli(capsys, "annotations", "carry", "2011", "2015", "-p", str(folder))
    assert status == 0
    assert "on the premise of complying" in out
    assert "now: “taking into account the fact that the International Covenan" in out
    assert "now: “undermine States’ right”" in out


def test_every_project_file_key_is_documented() -> None:
    from variorum.project import _TOP_KEYS, _VERSION_KEYS

    docs = (Path(__file__).parents[1] / "docs" / "project-format.md").read_text(encoding="utf-8")
    for key in sorted(_TOP_KEYS | _VERSION_KEYS):
        assert f"| `{key}` |" in docs, f"variorum.toml key {key!r} is not in docs/project-format.md"


def test_note_can_come_from_stdin(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("A *longer* note\n\nin two paragraphs.\n"))
    args = ["annotate", "-p", str(project.folder), "--version", "2011", "--quote", "(b)"]
    assert cli(capsys, *args, "--note", "-")[0] == 0
    (note,) = open_project(project.folder).annotations()
    assert note.body.text == "A *longer* note\n\nin two paragraphs."


def test_init_and_add_version_errors_are_one_line(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(capsys, "init", str(project.folder))
    assert status == 2 and "already exists" in err and err.count("\n") == 1
    missing = str(tmp_path / "missing.txt")
    status, _, err = cli(capsys, "add-version", missing, "-p", str(project.folder))
    assert status == 2 and "missing.txt" in err and err.count("\n") == 1
    assert open_project(project.folder).labels == ["2011", "2015"]
