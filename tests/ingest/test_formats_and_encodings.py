"""The format of a file comes from its content (its name is a hint); its text from
whatever encoding it is written in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from renderings import PdfStyle, render_docx, render_pdf

from variorum.errors import InputError, UsageError
from variorum.ingest import load, parse, parse_markdown
from variorum.ingest.reading import decode_text
from variorum.ingest.sniff import sniff_text

TEXT = "Les États “membres” s’engagent à coopérer — voilà. Über naïve café.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a byte-order mark
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"],
)
def test_encodings_are_recognised(encoded: bytes) -> None:
    assert decode_text("x.txt", encoded) == TEXT


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Государства обязуются сотрудничать в области информационной безопасности. " * 4,
         "cp1251"),
        ("Państwa członkowskie zobowiązują się do współpracy w dziedzinie bezpieczeństwa. " * 4,
         "cp1250"),
        ("Τα κράτη μέλη δεσμεύονται να συνεργάζονται στον τομέα της ασφάλειας. " * 4, "cp1253"),
    ],
)
def test_other_legacy_code_pages_are_not_misread_as_western(text: str, encoding: str) -> None:
    assert decode_text("x.txt", text.encode(encoding)) == text


def test_a_declared_html_charset_is_honoured() -> None:
    html = '<html><head><meta charset="iso-8859-15"></head><body><p>Prix : 5 €</p></body></html>'
    assert decode_text("x.html", html.encode("iso-8859-15")) == html


def test_text_with_nul_bytes_that_is_not_utf16_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_text("x.txt", b"abc\x00\x01\x02\x03" * 100 + b"\xff\xfe\x00")


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", ".txt", "html"),
        ("<!-- saved --><html lang='en'><p>Hi</p></html>", "", "html"),
        ("<div><p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul></div>", "", "html"),
        ("# Terms\n\nRead [the policy](https://x.test/p).\n", "", "markdown"),
        ("Terms\n=====\n\n*   one\n*   two\n", "", "markdown"),
        ("Terms\n\n(a) One;\n(b) Two.\n- a dash\n", "", "text"),
        ("Plain words. *Not* emphasis enough.\n", "", "text"),
        ("# Not a heading in a .txt\n\n[x](y)\n", ".txt", "text"),
        ("Plain prose\n", ".md", "markdown"),
    ],
)
def test_text_formats_from_content_and_name(content: str, suffix: str, expected: str) -> None:
    assert sniff_text(content, suffix) == expected


def test_binary_formats_are_recognised_whatever_their_name(tmp_path: Path) -> None:
    text = "(a) Not to use information and communications technologies;\n"
    pdf, docx = tmp_path / "version-1", tmp_path / "version-2.txt"
    pdf.write_bytes(render_pdf(text, PdfStyle(furniture=False)))
    docx.write_bytes(render_docx(text))
    assert load(pdf).format == "pdf"
    assert load(docx).format == "docx"
    assert load(pdf).text == load(docx).text == text


def test_a_forced_format_wins(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Title\n\nText.\n", encoding="utf-8")
    assert load(path).text == "Title\nText.\n"
    assert load(path, format="text").text == "# Title\n\nText.\n"
    with pytest.raises(UsageError, match="unknown format"):
        load(path, format="rtf")


def test_binary_formats_cannot_be_parsed_from_text() -> None:
    with pytest.raises(UsageError, match="bytes"):
        parse("%PDF-1.7", "pdf")


def test_markdown_files_load_as_the_markdown_parser_reads_them(tmp_path: Path) -> None:
    """The shape of the real corpus (policies exported as Markdown): setext headings,
    padded bullets, links with tracking parameters and links whose text was lost."""
    policy = (
        "Overview\n========\n\nEffective January 1, 2025\n\n"
        "You can read a summary of our terms .\n\n"
        "1.1 Provide services:\n---------------------\n\n"
        "*   [Meta Brand Resources](https://about.meta.com/brand/?entry_point=POLICY%3As5): "
        "These guidelines apply.\n*   : These terms apply to developers.\n\n"
        "Learn more [here](https://www.oversightboard.com/?entry_point=POLICY_SECTION).\n"
    )
    path = tmp_path / "Terms of Service.md"
    path.write_bytes(policy.encode("utf-8"))
    loaded, parsed = load(path), parse_markdown(policy)
    assert (loaded.text, loaded.blocks, loaded.links) == (parsed.text, parsed.blocks, parsed.links)
    assert [link.target for link in loaded.links][1].endswith("POLICY_SECTION")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zaključak: članak 5. određuje obveze stranaka, a žalba se podnosi u roku. " * 3,
         "cp1250"),
        ("Smlouva nabývá účinnosti dnem podpisu. Příliš žluťoučký kůň úpěl ďábelské ódy. " * 3,
         "cp1250"),
        ("Zmluva nadobúda platnosť dňom podpisu; všetky zmeny musia byť písomné, ľudia. " * 3,
         "iso-8859-2"),
        ("Contractul intră în vigoare la data semnării; părţile îşi asumă obligaţiile. " * 3,
         "iso-8859-2"),
        ("Sözleşme imza tarihinde yürürlüğe girer; banka hesabı açılması için başvuru. " * 3,
         "cp1254"),
        ("Toute modification doit être écrite à la main, « à vie », ou rien — voilà. " * 3,
         "cp1252"),
        ("Zaključak odbora: članak 5. primjenjuje se na sve države članice. Žalba se "
         "podnosi u roku od petnaest dana; šef ureda odlučuje o tome.", "iso-8859-2"),
        ("Žalba se podnosi u roku od petnaest dana; šef ureda odlučuje.", "iso-8859-2"),
        ("Właściciel serwisu przetwarza dane osobowe użytkowników; zażółć gęślą jaźń.",
         "iso-8859-2"),
        ("Microsoft® Word, ½ tasse de café, ©2024 Société Générale, ¼ de la part.", "cp1252"),
    ],
    ids=["croatian-1250", "czech-1250", "slovak-8859-2", "romanian-8859-2", "turkish-1254",
         "french-1252", "croatian-8859-2", "croatian-8859-2-capitals", "polish-8859-2",
         "symbols-1252"],
)
def test_european_code_pages_are_chosen_by_the_language_they_fit(
    text: str, encoding: str
) -> None:
    assert decode_text("x.txt", text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Договор вступает в силу с момента подписания.\nСтороны обязуются.\n", "utf-16-le"),
        ("Договор вступает в силу с момента подписания.\nСтороны обязуются.\n", "utf-16-be"),
        ("本契約は署名の日から効力を生じる。\n当事者は協力する。\n", "utf-16-le"),
        ("本契約は署名の日から効力を生じる。\n当事者は協力する。\n", "utf-16-be"),
        ("The agreement enters into force. Договор.\n", "utf-32-le"),
        ("The agreement enters into force. Договор.\n", "utf-32-be"),
        ("本契約は署名の日から効力を生じる。\nArticle 2.\n", "iso2022_jp"),
        ("이 계약은 서명한 날부터 효력이 발생한다.\n", "iso2022_kr"),
    ],
    ids=["cyrillic-utf16le", "cyrillic-utf16be", "japanese-utf16le", "japanese-utf16be",
         "utf32le", "utf32be", "iso-2022-jp", "iso-2022-kr"],
)
def test_unmarked_unicode_and_iso_2022_texts_are_read_not_called_binary(
    text: str, encoding: str, tmp_path: Path
) -> None:
    path = tmp_path / "version.txt"
    path.write_bytes(text.encode(encoding))
    assert load(path).text == text


def test_binary_data_that_reads_as_letters_in_utf16_is_still_binary() -> None:
    """Read as UTF-16, these bytes are ideographs and Latin letters with no space or
    punctuation between them: not writing."""
    with pytest.raises(InputError, match="binary"):
        decode_text("x.txt", b"\x00\x01\x02binary\x00" * 50)
