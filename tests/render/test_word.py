"""The Word redline: every change a tracked change, so that "Accept all" gives the new
version and "Reject all" the old one, block for block, read back by Variorum's own
DOCX reader (the current text, then ``tracked="original"``).

The policy excerpts (``tests/fixtures/pga``) are from the Platform Governance Archive
(PGA v2), ZeMKI, University of Bremen, ODC-By; see that folder's README.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import variorum
from commands import run_cli as run
from variorum.comparison import Comparison, RowKind
from variorum.document import BlockKind, Document, Span
from variorum.examples import example_pair
from variorum.ingest.docx import parse_docx
from variorum.ingest.markdown import parse_markdown
from variorum.render.word import WordComment, word_redline

PGA = Path(__file__).parents[1] / "fixtures" / "pga"
MOVED = Path(__file__).parent / "fixtures"


def blocks(doc: Document) -> list[str]:
    """Each block's text, its white space as one space (a line break inside a
    paragraph is a space to a reader of Word)."""
    return [" ".join(block.span.of(doc.text).split()) for block in doc.blocks]


def links(doc: Document) -> list[tuple[str, str]]:
    """Each link's words and target."""
    return [(link.span.of(doc.text), link.target) for link in doc.links]


def assert_round_trip(old: Document, new: Document) -> Comparison:
    comparison = variorum.compare(old, new)
    data = word_redline(comparison)
    accepted, rejected = parse_docx(data), parse_docx(data, tracked="original")
    assert blocks(accepted) == blocks(new)  # accept all
    assert blocks(rejected) == blocks(old)  # reject all
    assert (links(accepted), links(rejected)) == (links(new), links(old))
    return comparison


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_the_example_accepts_to_2015_and_rejects_to_2011() -> None:
    old, new = example_pair("icoc")
    assert_round_trip(old, new)


@pytest.mark.parametrize(
    "name", sorted(path.name[: -len(".old.md")] for path in PGA.glob("*.old.md"))
)
def test_real_policy_pairs_round_trip(name: str) -> None:
    assert_round_trip(variorum.load(PGA / f"{name}.old.md"), variorum.load(PGA / f"{name}.new.md"))


LINKED_OLD = (
    "See [the help](https://example.org/help) and [us](#rights).\n\nMore [text](https://x.org).\n"
    "\n# Rights\n"
)
LINKED_NEW = (
    "See [the help](https://example.org/faq) and [us](#rights).\n\n"
    "More text and [more](https://y.org).\n\n# Rights\n"
)
"""Links of a pair: a target changed, one kept, a link removed from its words, one added."""


def test_links_are_word_hyperlinks_and_a_changed_target_is_tracked() -> None:
    # the link's words are unchanged, its target changed: Word has no revision of a
    # hyperlink's target, so they are deleted under the old link and inserted under the new
    old, new = parse_markdown(LINKED_OLD), parse_markdown(LINKED_NEW)
    comparison = assert_round_trip(old, new)  # the links too
    assert len(comparison.link_changes) == 2  # the help's target; text no longer a link
    data = word_redline(comparison, date=datetime(2015, 1, 9, tzinfo=UTC))
    document = docx.Document(io.BytesIO(data))
    hyperlinks = [
        (
            document.part.rels[rid].target_ref if (rid := link.get(qn("r:id"))) else anchor,
            [child.tag.split("}")[1] for child in link],
            shown(link),
        )
        for link in document.element.body.iter(qn("w:hyperlink"))
        for anchor in [link.get(qn("w:anchor"))]
    ]
    assert hyperlinks == [
        ("https://example.org/help", ["del"], "the help"),
        ("https://example.org/faq", ["ins"], "the help"),
        ("rights", ["r"], "us"),  # a place in the document, by its bookmark's name
        ("https://x.org", ["del"], "text"),
        ("https://y.org", ["ins"], "more"),
    ]
    marked = {
        paragraph.text: [
            mark.get(qn("w:name")) for mark in paragraph._p.iter(qn("w:bookmarkStart"))
        ]
        for paragraph in document.paragraphs
    }
    assert marked["Rights"] == ["rights"]  # the place the link names, at its heading
    runs = [
        run
        for link in document.element.body.iter(qn("w:hyperlink"))
        for run in link.iter(qn("w:r"))
    ]
    # the margin says that the words stand unchanged, and what happened to their link
    assert commented(data) == {
        "link “the help”: https://example.org/help → https://example.org/faq": (
            "Variorum",
            "the help" * 2,  # over its words deleted under the old link and inserted again
        ),
        "link removed from “text”: https://x.org": ("Variorum", "text" * 2),
    }
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        notes = package.read("word/comments.xml").decode()
    assert re.findall(r'<w:comment [^>]*w:date="([^"]+)"', notes) == ["2015-01-09T00:00:00Z"] * 2
    annotations = re.findall(
        r'<w:(?:ins|del|comment) [^>]*w:id="(\d+)"', document_xml(data) + notes
    )
    assert len(set(annotations)) == len(annotations)  # comments and revisions share ids
    styles = {run.style for run in runs} - {"CommentReference"}  # (a note's mark ends one)
    assert styles == {"Hyperlink"}  # blue, not underlined as insertions are
    assert str(document.styles["Hyperlink"].font.color.rgb) == "0563C1"
    assert not document.styles["Hyperlink"].font.underline
    ignoring = word_redline(variorum.compare(old, new, ignore_links=True))
    assert links(parse_docx(ignoring)) == links(new)  # unchanged words, the new links
    assert "<w:delText" not in document_xml(ignoring)  # no word of the links deleted


def test_moves_are_word_moves_linked_by_name() -> None:
    # WhatsApp's policy excerpt: a block moved and edited (a sentence moved out of a
    # block: test_a_sentence_that_left_a_moved_block_round_trips)
    comparison = assert_round_trip(
        variorum.load(PGA / "whatsapp-privacy.old.md"),
        variorum.load(PGA / "whatsapp-privacy.new.md"),
    )
    assert any(row.link is not None for row in comparison.rows)
    xml = document_xml(word_redline(comparison))
    starts_from = re.findall(r'<w:moveFromRangeStart [^>]*w:name="([^"]+)"', xml)
    starts_to = re.findall(r'<w:moveToRangeStart [^>]*w:name="([^"]+)"', xml)
    assert starts_from and sorted(starts_from) == sorted(starts_to)
    assert xml.count("<w:moveFromRangeEnd") == len(starts_from)
    assert xml.count("<w:moveToRangeEnd") == len(starts_to)


def test_a_moved_and_edited_block_shows_its_edit_where_it_arrived() -> None:
    comparison = assert_round_trip(
        variorum.load(MOVED / "linkedin-tos-2e660ae.md"),
        variorum.load(MOVED / "linkedin-tos-1f64470.md"),
    )
    xml = document_xml(word_redline(comparison))
    moved_to = re.search(r"<w:moveToRangeStart .*?<w:moveToRangeEnd", xml, re.DOTALL)
    assert moved_to is not None
    assert "or any of its subsidiaries" in re.sub(r"<[^>]+>", "", moved_to.group())


def test_words_deleted_from_a_moved_block_are_struck_where_it_stood() -> None:
    # the block moved to the end and lost two words: the deletion must show somewhere
    old = (
        "If your Shopping Ad is shown in Azerbaijan, these rules apply.\n\n"
        "Alcohol ads must target adults.\n\nGambling ads need a licence.\n"
    )
    new = (
        "Alcohol ads must target adults.\n\nGambling ads need a licence.\n\n"
        "If your ad is shown in Azerbaijan, these rules apply.\n"
    )
    comparison = assert_round_trip(parse_markdown(old), parse_markdown(new))
    kinds = [row.kind for row in comparison.rows]
    assert (kinds[0], kinds[-1]) == (RowKind.MOVED_FROM, RowKind.MOVED_TO)
    xml = document_xml(word_redline(comparison))
    origin = re.search(r"<w:moveFromRangeStart .*?<w:moveFromRangeEnd", xml, re.DOTALL)
    assert origin is not None
    deleted = re.findall(r"<w:del\b.*?</w:del>", origin.group(), re.DOTALL)
    assert [re.sub(r"<[^>]+>", "", piece) for piece in deleted] == ["Shopping Ad"]
    moved = re.findall(r"<w:moveFrom\b.*?</w:moveFrom>", origin.group(), re.DOTALL)
    assert "".join(re.sub(r"<[^>]+>", "", piece) for piece in moved) == (
        "If your  is shown in Azerbaijan, these rules apply."
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("## Rules\n\n## Allowed\n\nSharing.\n", "## Rules\n\n### Allowed\n\nSharing.\n"),
        ("## Rules\n\nAllowed\n\nSharing.\n", "## Rules\n\n## Allowed\n\nSharing.\n"),
        ("- Not:\n  - sell\n  - share\n- Use it\n", "- Not:\n  - sell\n- share\n- Use it\n"),
    ],
)
def test_a_changed_kind_or_level_is_a_tracked_change_of_the_paragraph(old: str, new: str) -> None:
    old_doc, new_doc = parse_markdown(old), parse_markdown(new)
    data = word_redline(assert_round_trip(old_doc, new_doc))

    def shapes(doc: Document) -> list[tuple[BlockKind, int]]:
        return [(block.kind, block.level) for block in doc.blocks]

    assert shapes(parse_docx(data)) == shapes(new_doc)  # accept all
    assert shapes(parse_docx(data, tracked="original")) == shapes(old_doc)  # reject all
    assert "<w:pPrChange" in document_xml(data)


def test_a_sentence_that_left_a_moved_block_round_trips() -> None:
    old = (
        "We prohibit sharing pornographic content. We also ban commercial sexual services of"
        " any kind. Breastfeeding and other nudity in non-sexual contexts is generally"
        " permitted.\n\nWe prohibit any sexual exploitation of a minor.\n\nSee our explainer.\n"
    )
    new = (
        "We prohibit any sexual exploitation of a minor.\n\nWe prohibit sharing pornographic"
        " content. We also ban commercial sexual services of any kind.\n\nBreastfeeding and"
        " other nudity in non-sexual contexts is generally permitted.\n\nSee our explainer.\n"
    )
    comparison = assert_round_trip(parse_markdown(old), parse_markdown(new))
    assert comparison.rows[0].kind is RowKind.MOVED_FROM
    assert len(comparison.text_moves) == 1  # the sentence's old words: in the moved-away block


def test_a_redline_without_comments_has_no_comments_part() -> None:
    data = word_redline(variorum.compare("The cat sat.", "The dog sat."))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/comments.xml" not in package.namelist()


def test_revisions_carry_the_author_and_date_given() -> None:
    old, new = example_pair("icoc")
    when = datetime(2015, 1, 9, tzinfo=UTC)
    xml = document_xml(word_redline(variorum.compare(old, new), author="A. Analyst", date=when))
    revisions = re.findall(r"<w:(?:ins|del|moveFrom|moveTo) ([^>]*)>", xml)
    assert revisions
    assert all('w:author="A. Analyst"' in attrs for attrs in revisions)
    assert all('w:date="2015-01-09T00:00:00Z"' in attrs for attrs in revisions)
    assert len({re.search(r'w:id="(\d+)"', attrs).group(1) for attrs in revisions}) == len(
        revisions
    )


def commented(data: bytes) -> dict[str, tuple[str, str]]:
    """Each comment's text -> (its author, the document text its range covers, deleted
    words included)."""
    document = docx.Document(io.BytesIO(data))
    xml = document_xml(data)
    covered = {
        number: re.sub(r"<[^>]+>", "", inside)
        for number, inside in re.findall(
            r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>', xml, re.S
        )
    }
    return {c.text: (c.author, covered[str(c.comment_id)]) for c in document.comments}


def test_notes_become_comments_on_their_passages_and_change_no_text() -> None:
    old, new = example_pair("icoc")
    comparison = variorum.compare(old, new)
    on_new, on_old = "Agenda item 91", "14 September, 2011"
    at_new, at_old = comparison.new.text.index(on_new), comparison.old.text.index(on_old)
    data = word_redline(
        comparison,
        comments=[
            WordComment("new", Span(at_new, at_new + len(on_new)), "Renumbered.\nSee A/69/723."),
            WordComment("old", Span(at_old, at_old + len(on_old)), "The old date.", "A. Analyst"),
        ],
    )
    assert commented(data) == {
        "Renumbered.\nSee A/69/723.": ("", on_new),
        "The old date.": ("A. Analyst", on_old),
    }
    assert blocks(parse_docx(data)) == blocks(new)  # accept all
    assert blocks(parse_docx(data, tracked="original")) == blocks(old)  # reject all


def test_the_cli_writes_a_docx_named_by_its_suffix(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    result = run("compare", "--example", "icoc", "-o", str(out), "--author", "Analyst")
    assert result.returncode == 1  # the versions differ
    _, new = example_pair("icoc")
    assert blocks(parse_docx(out.read_bytes())) == blocks(new)
    assert 'w:author="Analyst"' in document_xml(out.read_bytes())


def test_a_pdf_compared_with_a_word_file_gives_a_word_redline_by_the_author_on_the_date(
    tmp_path: Path,
) -> None:
    # the first command: variorum compare old.pdf new.docx -o redline.docx
    old_lines = ["Fees are paid in cash.", "Complaints are answered within ten days."]
    canvas = Canvas(str(tmp_path / "old.pdf"), pagesize=A4)
    for number, line in enumerate(old_lines):
        canvas.drawString(72, 720 - 40 * number, line)
    canvas.save()
    word = docx.Document()
    for line in ["Fees are paid in cash or by card.", "Complaints are answered within a month."]:
        word.add_paragraph(line)
    word.save(str(tmp_path / "new.docx"))
    out = tmp_path / "redline.docx"
    result = run("compare", str(tmp_path / "old.pdf"), str(tmp_path / "new.docx"), "-o", str(out),
                 "--author", "A. Analyst", "--date", "2015-01-09")  # fmt: skip
    assert result.returncode == 1, result.stderr  # 1: the versions differ
    data = out.read_bytes()
    assert blocks(parse_docx(data)) == blocks(variorum.load(tmp_path / "new.docx"))
    assert blocks(parse_docx(data, tracked="original")) == blocks(
        variorum.load(tmp_path / "old.pdf")
    )
    revisions = re.findall(r"<w:(?:ins|del) ([^>]*)>", document_xml(data))
    assert revisions and all('w:author="A. Analyst"' in attrs for attrs in revisions)
    assert all('w:date="2015-01-09T00:00:00Z"' in attrs for attrs in revisions)


def test_the_cli_refuses_a_docx_without_a_file() -> None:
    result = run("compare", "--example", "icoc", "-f", "docx")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "variorum: error: a DOCX redline is a file: give it a name with -o redline.docx"
    )


def test_the_published_analysis_as_word_has_each_note_as_a_comment(tmp_path: Path) -> None:
    out = tmp_path / "analysis.docx"
    result = run("publish", "--example", "icoc", "--docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    comments = commented(data)
    assert len(comments) == 13  # the example's notes, none orphaned
    ((text, (author, passage)),) = [item for item in comments.items() if "20/8" in item[0]]
    assert author == "Variorum example"
    assert "offline environment must also be protected in the online environment" in passage
    assert text.endswith("\nTags: human-rights")  # the note's tags end its comment
    # a note on a change is a comment on the words the change deleted: "(b)" relettered
    document = docx.Document(io.BytesIO(data))
    (note,) = [c for c in document.comments if "**numbered**" in c.text]
    assert comments[note.text][1] == "(b)"
    (start,) = [mark for mark in document.element.body.iter(qn("w:commentRangeStart"))
                if mark.get(qn("w:id")) == str(note.comment_id)]  # fmt: skip
    assert start.getparent().tag == qn("w:del")  # inside the deletion
    _, new = example_pair("icoc")
    assert blocks(parse_docx(data)) == blocks(new)


def test_tables_stay_word_tables_and_numbered_lists_word_numbering() -> None:
    # a table with a cell edited, a row deleted and one inserted; a list renumbered
    comparison = assert_round_trip(
        variorum.load(MOVED / "fees-table-list.old.md"),
        variorum.load(MOVED / "fees-table-list.new.md"),
    )
    data = word_redline(comparison)
    (table,) = docx.Document(io.BytesIO(data)).tables
    rows = [[shown(cell._tc) for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Service", "Fee", "Notes"]
    assert ["Copies", "2", "each"] in rows and ["Certification", "20", "each seal"] in rows
    xml = document_xml(data)
    tracked_rows = re.findall(r"<w:trPr><w:cantSplit/><w:(ins|del) ", xml)
    assert sorted(tracked_rows) == ["del", "ins"]  # the rows deleted and inserted whole
    listed = [p._p for p in docx.Document(io.BytesIO(data)).paragraphs
              if p.style is not None and p.style.name == "List Paragraph"]  # fmt: skip
    assert all(p.pPr.numPr is not None for p in listed)
    formats = [(shown(p), number_format(data, p)) for p in listed]
    assert formats == [
        ("The applicant or an agent pays.", ("decimal", "%1.")),
        ("The clerk keeps a record.", ("decimal", "%1.")),  # deleted whole
        ("Fees are due in advance.", ("decimal", "%1.")),  # renumbered from 3. to 2.
        ("apples", ("bullet", "•")),  # Markdown's bullets: Word bullets, nested ones
        ("pearsplums", ("bullet", "•")),  # Word's next bullet
        ("small pears", ("bullet", "◦")),
    ]
    (renumbered,) = (p for p in listed if p.pPr.find(qn("w:pPrChange")) is not None)
    assert shown(renumbered) == "Fees are due in advance."


def number_format(data: bytes, paragraph: Any) -> tuple[str, str]:
    """The format and text of the numbering level Word shows on ``paragraph``."""
    numbering = docx.Document(io.BytesIO(data)).part.numbering_part.element
    instance = numbering.num_having_numId(paragraph.pPr.numPr.numId.val)
    abstract = instance.find(qn("w:abstractNumId")).get(qn("w:val"))
    level = paragraph.pPr.numPr.ilvl.val
    (lvl,) = numbering.xpath(
        f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{level}"]'
    )
    return lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))


def test_split_merged_moved_and_renumbered_items_stay_word_numbering() -> None:
    # every kind of row a list item can be in, nested items among them; "Reject all"
    # gives back each old number, "Accept all" each new one (the round trip's labels)
    comparison = assert_round_trip(
        variorum.load(MOVED / "list-moves.old.md"), variorum.load(MOVED / "list-moves.new.md")
    )
    kinds = {row.kind for row in comparison.rows}
    assert {RowKind.SPLIT, RowKind.MERGED, RowKind.MOVED_FROM, RowKind.MOVED_TO,
            RowKind.RENUMBERED} <= kinds  # fmt: skip
    paragraphs = docx.Document(io.BytesIO(word_redline(comparison))).paragraphs
    listed = [p._p for p in paragraphs if p.style is not None and p.style.name == "List Paragraph"]
    assert len(listed) == 13 and all(p.pPr.numPr is not None for p in listed)
    assert not [shown(p) for p in listed if re.match(r"\s*\d+\.", shown(p))]  # no label as text
    renumbered = [shown(p) for p in listed if p.pPr.find(qn("w:pPrChange")) is not None]
    assert renumbered == [
        "The clerk answers letters within ten days of their arrival.",  # 2. to 1.
        " The seal is kept in the locked drawer of the front desk.",  # split off 3.: 4.
        "Complaints go to the registrar, who answers them in writing within a month.",
        "A complaint is signed.",  # 2. to 1., one level down
    ]  # the space that joined the split sentences is deleted: "Accept all" leaves none


def test_the_examples_list_items_are_word_numbering_relettered_as_tracked_changes() -> None:
    # the 2011 resolution's (a) to (j) became (1) to (12), in changed and renumbered rows
    data = word_redline(variorum.compare(*example_pair("icoc")))
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    listed = [p._p for p in paragraphs if p.style is not None and p.style.name == "List Paragraph"]
    assert len(listed) == 11 and all(p.pPr.numPr is not None for p in listed)
    changes = [p for p in listed if p.pPr.find(qn("w:pPrChange")) is not None]
    assert len(changes) == 8  # the three inserted items have no old numbering
    rejected = parse_docx(data, tracked="original")
    assert [rejected.label_text(b) for b in rejected.blocks if b.kind is BlockKind.LIST_ITEM] == [
        f"({letter})" for letter in "bdefghij"
    ]


def shown(element: object) -> str:
    """The text Word shows in an element with its changes marked: inserted and deleted."""
    return "".join(
        node.text or ""
        for node in element.iter(qn("w:t"), qn("w:delText"))  # type: ignore[attr-defined]
    )


def test_the_analysis_of_three_versions_holds_each_pair_after_its_heading(
    tmp_path: Path,
) -> None:
    from variorum.annotations.model import Annotation, Body
    from variorum.project import add_version, create_project
    from variorum.publish import publish_docx

    project = create_project(tmp_path / "p", "Three steps", ["A. Analyst"], "")
    texts = {
        "v1": "(a) Not to use information weapons.\n\n(b) To cooperate.\n",
        "v2": "(1) Not to use information technologies.\n\n(2) To cooperate.\n",
        "v3": "(1) Not to use ICTs against others.\n\n(2) To cooperate fully.\n",
    }
    for label, text in texts.items():
        (tmp_path / f"{label}.txt").write_text(text, encoding="utf-8")
        project = add_version(project, tmp_path / f"{label}.txt", label)
    notes = [("v2", "information technologies", "On v2."), ("v3", "fully", "On v3.")]
    project.save_annotations(
        Annotation(
            f"urn:uuid:{n:08x}-0000-4000-8000-000000000000",
            project.quote_target(label, quote),
            Body(text),
        )
        for n, (label, quote, text) in enumerate(notes, start=1)
    )
    data = publish_docx(project, tmp_path / "analysis.docx").read_bytes()
    documents = project.documents()
    accepted, rejected = blocks(parse_docx(data)), blocks(parse_docx(data, tracked="original"))
    pairs = [("v1", "v3"), ("v1", "v2"), ("v2", "v3")]  # the first and last, then each step
    assert [text for text in accepted if "→" in text] == [f"{a} → {b}" for a, b in pairs]
    assert accepted == [t for a, b in pairs for t in (f"{a} → {b}", *blocks(documents[b]))]
    assert rejected == [t for a, b in pairs for t in (f"{a} → {b}", *blocks(documents[a]))]
    assert {text: passage for text, (_, passage) in commented(data).items()} == {
        "On v2.": "information technologies",
        "On v3.": "fully",
    }
