"""Plain text and Markdown into Documents: canonical text, blocks, labels, links."""

import pytest

from variorum.document import BlockKind
from variorum.ingest import parse_markdown, parse_text
from variorum.ingest.labels import find_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("(a) Not to use", "(a)"),
        ("(12) To bolster", "(12)"),
        ("(iv) The", "(iv)"),
        ("2. Scope", "2."),
        ("1.2. Data", "1.2."),
        ("Article 5 Each State", "Article 5"),
        ("§ 3 Definitions", "§ 3"),
        ("IV. Final provisions", "IV."),
        ("- a bullet", "-"),
    ],
)
def test_numbering_labels_are_recognised(text: str, label: str) -> None:
    span = find_label(text)
    assert span is not None
    assert text[span[0] : span[1]] == label


@pytest.mark.parametrize("text", ["2015 was a year", "Articles of faith", "(Signed) Li", "I am"])
def test_ordinary_openings_are_not_labels(text: str) -> None:
    assert find_label(text) is None


def test_plain_text_is_canonical_nfc_with_one_final_newline() -> None:
    doc = parse_text("\n\nCafe\u0301 one  \r\nsecond line\r\n\n\n")
    assert doc.text == "Café one\nsecond line\n"
    assert doc.text.endswith("\n")


def test_a_missing_final_newline_after_spaces_is_no_difference() -> None:
    assert parse_text("last words \t").text == parse_text("last words\n").text == "last words\n"


def test_one_paragraph_per_line_when_lines_are_long() -> None:
    long = "word " * 40
    doc = parse_text(f"{long}\n{long}\n(a) item\n")
    assert len(doc.blocks) == 3
    assert doc.blocks[2].kind is BlockKind.LIST_ITEM
    assert doc.label_text(doc.blocks[2]) == "(a)"
    assert doc.body_text(doc.blocks[2]) == "item"


def test_hard_wrapped_paragraphs_are_one_block_each() -> None:
    para = "This line is wrapped at a fixed width like an email\nand continues on this line.\n"
    doc = parse_text(para + "\n" + para)
    assert len(doc.blocks) == 2
    assert "\n" in doc.blocks[0].span.of(doc.text)


def test_whitespace_only_text_is_an_empty_document() -> None:
    doc = parse_text("  \n\t\n")
    assert doc.text == ""
    assert doc.blocks == ()


def test_markdown_headings_lists_tables_and_links() -> None:
    source = (
        "# Terms\n\nRead **our** [privacy policy](https://x.test/p?utm_source=a).\n\n"
        "3. First\n4. Second\n\n| A | B |\n|---|---|\n| c | d |\n"
    )
    doc = parse_markdown(source)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE_ROW,
        BlockKind.TABLE_ROW,
    ]
    assert doc.text.splitlines()[1] == "Read our privacy policy."
    assert [doc.label_text(b) for b in doc.blocks[2:4]] == ["3.", "4."]
    (link,) = doc.links
    assert link.span.of(doc.text) == "privacy policy"
    assert link.target == "https://x.test/p?utm_source=a"
    assert doc.blocks[5].span.of(doc.text) == "c | d"


def test_markdown_escaped_numbering_in_headings_becomes_a_label() -> None:
    doc = parse_markdown("1\\. Information we process\n---\n")
    assert doc.label_text(doc.blocks[0]) == "1."
    assert doc.body_text(doc.blocks[0]) == "Information we process"
