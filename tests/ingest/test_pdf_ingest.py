"""PDF: page furniture dropped, hyphenation undone, footnotes kept apart, labels found."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from renderings import PdfStyle, render_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from variorum.document import BlockKind
from variorum.errors import InputError
from variorum.ingest import parse_bytes, parse_text
from variorum.ingest.pdf import page_lines, parse_pdf
from variorum.ingest.pdf_layout import Line, Page, build_document, strip_furniture
from variorum.ingest.pdf_words import keep_hyphen, vocabulary

PROVISIONS = "\n".join(
    [
        "Each State voluntarily subscribing to the code pledges:",
        "(a) To comply with the Charter of the United Nations and universally recognized norms "
        "governing international relations that enshrine, inter alia, respect for the "
        "sovereignty, territorial integrity and political independence of all States;",
        "(b) Not to use information and communications technologies, including networks, to "
        "carry out hostile activities or acts of aggression, pose threats to international "
        "peace and security or proliferate information weapons or related technologies;",
    ]
)


def test_the_rendering_really_has_furniture_and_hyphenated_line_ends(
    renderings: dict[str, Path],
) -> None:
    pages = page_lines(renderings["2015.pdf"].read_bytes())
    texts = [line.text for page in pages for line in page.lines]
    assert len(pages) >= 3
    assert texts.count("A/66/359") == len(pages)
    assert any(line.hyphen for page in pages for line in page.lines)
    document = parse_bytes(renderings["2015.pdf"].read_bytes(), name="2015.pdf")
    lines = document.text.splitlines()
    assert "A/66/359" not in lines
    assert "11-49921" not in lines
    assert not [line for line in lines if line.isdigit()]


def test_a_paragraph_running_over_a_page_break_stays_one_block(
    renderings: dict[str, Path], plain: dict[str, str]
) -> None:
    document = parse_bytes(renderings["2015.pdf"].read_bytes(), name="2015.pdf")
    paragraphs = [line for line in plain["2015"].splitlines() if line.strip()]
    assert [document.body_text(block) for block in document.blocks][-1] == paragraphs[-1][5:]
    assert len(document.blocks) == len(paragraphs)


def test_footnotes_become_blocks_after_the_body_and_their_marks_leave_the_text() -> None:
    style = PdfStyle(furniture=False, footnotes={1: "See resolution 64/211 of 21 December 2009."})
    document = parse_pdf(render_pdf(PROVISIONS, style), source="notes.pdf")
    last = document.blocks[-1]
    assert last.kind is BlockKind.FOOTNOTE
    assert document.label_text(last) == "1"
    assert document.body_text(last) == "See resolution 64/211 of 21 December 2009."
    assert "States;\n" in document.text  # the superscript 1 after "States;" is gone
    assert [b.kind for b in document.blocks[:3]] == [
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]


@pytest.mark.parametrize("size", [9.5, 10.0])
def test_footnotes_a_point_smaller_than_the_body_are_kept_apart(
    plain: dict[str, str], size: float
) -> None:
    """Word's defaults set the body in 11 points and footnotes in 10: the notes are
    footnote blocks, not lines inside the paragraphs that run on to the next page."""
    paragraphs = [line for line in plain["2011"].splitlines() if line.strip()]
    notes = {index: f"Note on paragraph {index}, citing the record." for index in (3, 9, 15)}
    style = PdfStyle(footnotes=notes, footnote_size=size)
    document = parse_pdf(render_pdf(plain["2011"], style))
    footnotes = [b for b in document.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [document.body_text(b) for b in footnotes] == list(notes.values())
    body = [document.text[b.span.start : b.span.end] for b in document.blocks]
    assert "Note on paragraph" not in " ".join(body[: -len(notes)])
    if size < 10:  # the reference marks, as small, leave the text
        assert body[: -len(notes)] == [" ".join(p.split()) for p in paragraphs]


def test_footnotes_worded_alike_at_the_foot_of_many_pages_are_kept(
    plain: dict[str, str],
) -> None:
    """Notes that differ only in their numbers ("12 Ibid.") stand at the same height at
    the foot of page after page, as a running footer does; their marks in the text show
    they are notes, and none is dropped (4 of these 24 were)."""
    paragraphs = [line for text in plain.values() for line in text.splitlines() if line.strip()]
    notes = dict.fromkeys(range(0, 96, 4), "See the commentary on this provision.")
    document = parse_pdf(render_pdf("\n".join(paragraphs), PdfStyle(footnotes=notes)))
    footnotes = [b for b in document.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [document.label_text(b) for b in footnotes] == [str(n) for n in range(1, 25)]
    assert {document.body_text(b) for b in footnotes} == {"See the commentary on this provision."}


def test_list_labels_are_recognised() -> None:
    document = parse_pdf(render_pdf(PROVISIONS, PdfStyle(furniture=False)))
    assert [document.label_text(b) for b in document.blocks] == ["", "(a)", "(b)"]
    assert document.text.endswith("or proliferate information weapons or related technologies;\n")


@pytest.mark.parametrize(
    ("before", "after", "words", "keep"),
    [
        ("confidence", "building", {"confidence-building"}, True),
        ("informa", "tion", {"information"}, False),
        ("telecommu", "nications", set(), False),
        ("well", "being", set(), True),
        ("distr", "ibution", {"distr"}, False),  # an abbreviation is no evidence
        ("non", "European", set(), True),
        ("2011", "2015", set(), True),
        ("co", "sponsored", set(), True),  # a prefix English hyphenates
        ("re", "identify", {"identify"}, True),
        ("anti", "fraud", {"fraud"}, True),  # a word of the document by itself
        ("de", "velopment", {"development"}, False),  # the document writes it whole
        ("estab", "lishment", {"the"}, False),
    ],
)
def test_hyphens_at_line_ends(before: str, after: str, words: set[str], keep: bool) -> None:
    assert keep_hyphen(before, after, words) is keep


def test_a_compound_written_whole_elsewhere_keeps_its_hyphen_when_broken_inside() -> None:
    """"end-to-" at a line end before "end": the document's "end-to-end" says so."""
    words = vocabulary([Line("messages are end-to-end encrypted", 72.0, 300.0, 700.0, 10.0)])
    assert keep_hyphen("to", "end", words)
    assert keep_hyphen("end", "to", words)


def _line(text: str, baseline: float, right: float = 520.0, hyphen: bool = False) -> Line:
    return Line(text, 72.0, right, baseline, 11.0, hyphen)


def test_headers_repeating_on_most_pages_and_page_numbers_are_dropped() -> None:
    pages = [
        Page(
            number,
            595.0,
            842.0,
            (
                _line("A/69/723", 800.0, 130.0),
                _line(f"Paragraph {'ABCD'[number - 1]} starts at the top and runs on", 700.0),
                _line(f"to end {'ABCD'[number - 1]}.", 686.5, 200.0),
                _line(f"- {number} -", 50.0, 300.0),
                _line(f"15-0{number}123 (E)", 36.0, 150.0),
            ),
        )
        for number in range(1, 5)
    ]
    document = build_document(pages)
    assert document.text == "".join(
        f"Paragraph {letter} starts at the top and runs on to end {letter}.\n" for letter in "ABCD"
    )


def test_a_line_that_recurs_at_another_height_is_not_furniture() -> None:
    pages = [
        Page(n, 595.0, 842.0, (_line("A/69/723", 800.0, 130), _line("Article 1", 800.0 - 99 * n)))
        for n in range(1, 5)
    ]
    kept = strip_furniture(pages)
    assert [[line.text for line in lines] for lines in kept] == [["Article 1"]] * 4


WORDS = [f"{kind} line of" for kind in ("First", "Second", "Third", "Fourth", "Fifth", "Sixth")]


def test_notes_worded_alike_one_under_another_are_not_a_running_footer() -> None:
    """Three notes differing only in their numbers end every page, at the same heights:
    a running footer is one line, so these are text even where no mark was seen."""
    rows = list(enumerate(WORDS))
    pages = [
        Page(
            number,
            595.0,
            842.0,
            (
                *(_line(f"{word} {'ABCD'[number - 1]}.", 700.0 - 14 * row) for row, word in rows),
                *(Line(f"{3 * number + n} Ibid.", 72.0, 200.0, 60.0 - 10 * n, 8) for n in range(3)),
            ),
        )
        for number in range(1, 5)
    ]
    kept = strip_furniture(pages)
    assert [len(lines) for lines in kept] == [len(WORDS) + 3] * 4


def test_a_footer_with_its_page_number_at_either_end_is_dropped_and_the_title_kept() -> None:
    """Even pages put the number first, odd ones last: one footer on every page. The
    title on the first page stands where the running header does, in a larger font."""
    name = "Instructions for Form 1040NR"

    def page(number: int) -> Page:
        top = Line(name, 72.0, 400.0 if number == 1 else 200.0, 800.0, 18.0 if number == 1 else 9.0)
        footer = f"-{number}- {name}" if number % 2 == 0 else f"{name} -{number}-"
        letter = "ABCDE"[number - 1]
        body = [_line(f"{word} {letter}.", 700.0 - 14 * row) for row, word in enumerate(WORDS)]
        return Page(number, 595.0, 842.0, (top, *body, Line(footer, 72.0, 300.0, 40.0, 9.0)))

    document = build_document([page(number) for number in range(1, 6)])
    assert document.text.splitlines() == [
        name, " ".join(f"{word} {letter}." for letter in "ABCDE" for word in WORDS)
    ]
    assert document.blocks[0].kind is BlockKind.HEADING


def test_running_heads_that_alternate_between_pages_are_dropped() -> None:
    """A paper: the title on odd pages, the authors on even ones (each on fewer than
    half the pages of five); a sentence running on across the page break stays whole."""

    def page(number: int) -> Page:
        head = "A Study of Codes of Conduct" if number % 2 else "J. Smith and A. Jones"
        letter = "ABCDE"[number - 1]
        body = [_line(f"{word} {letter}", 700.0 - 13.5 * row) for row, word in enumerate(WORDS)]
        return Page(number, 595.0, 842.0, (_line(head, 800.0, 250.0), *body))

    document = build_document([page(number) for number in range(1, 6)])
    assert "Codes of Conduct" not in document.text and "Smith" not in document.text
    assert len(document.blocks) == 1


def test_lines_join_into_paragraphs_unless_a_line_stops_short() -> None:
    lines = (
        _line("The first paragraph runs over two lines and the first one", 700.0),
        _line("ends at the margin.", 686.5, 200.0),
        _line("The second paragraph starts after a short line and is hyphen", 673.0, hyphen=True),
        _line("ated here.", 659.5, 150.0),
    )
    document = build_document([Page(1, 595.0, 842.0, lines)])
    assert document.text == (
        "The first paragraph runs over two lines and the first one ends at the margin.\n"
        "The second paragraph starts after a short line and is hyphenated here.\n"
    )


def _drawing_only() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(72, 400, 300, 200, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_without_a_text_layer_asks_for_ocr() -> None:
    with pytest.raises(InputError, match=r"no text layer.*OCR"):
        parse_pdf(_drawing_only(), source="scan.pdf")


def test_a_hyphen_at_the_end_of_a_paragraph_stays() -> None:
    lines = (
        _line("A first paragraph line that runs to the margin", 700.0),
        _line("and a second line that ends with Pre", 686.5, 300.0, hyphen=True),
        _line("Then a new paragraph after a wide gap", 640.0),
        _line("and its second line.", 626.5, 200.0),
    )
    document = build_document([Page(1, 595.0, 842.0, lines)])
    assert document.text == (
        "A first paragraph line that runs to the margin and a second line that ends with Pre-\n"
        "Then a new paragraph after a wide gap and its second line.\n"
    )


BODY = [
    "The States agree to cooperate in the field of information security and to",
    "share what they learn with each other, as the treaty says in its preamble.",
] * 4


def _titled(headings: list[str], *, centred: bool) -> bytes:
    """A page: heading lines in 16 points (19 apart), then the body in 11."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    y = 760.0
    canvas.setFont("Times-Bold", 16)
    for heading in headings:
        if centred:
            canvas.drawCentredString(A4[0] / 2, y, heading)
        else:
            canvas.drawString(72, y, heading)
        y -= 19
    canvas.setFont("Times-Roman", 11)
    for line in BODY:
        y -= 13.5
        canvas.drawString(72, y, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("centred", [False, True], ids=["flush left", "centred"])
def test_a_heading_wrapped_onto_two_lines_is_one_block(centred: bool) -> None:
    lines = ["Developments in the field of information and",
             "telecommunications in the context of international security"]
    document = parse_pdf(_titled(lines, centred=centred))
    first = document.blocks[0]
    assert first.kind is BlockKind.HEADING
    assert document.body_text(first) == " ".join(lines)


def test_two_headings_one_under_the_other_stay_two() -> None:
    document = parse_pdf(_titled(["Annex", "International code of conduct"], centred=True))
    assert [document.body_text(b) for b in document.blocks[:2]] == [
        "Annex", "International code of conduct"
    ]


def test_a_line_starting_with_a_formula_variable_continues_its_paragraph() -> None:
    """A variable set larger, in italics, at the start of a line is not a new paragraph:
    the line's size is that of most of its characters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = [
        ("", "The model assumes that each State reports its incidents at once, and that"),
        ("x", " is the number of incidents a State reports in a year, so that the total"),
        ("", "over all States is the sum of the reports, which the secretariat keeps."),
    ]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    y = 700.0
    for variable, text in lines * 3:
        x = 72.0
        if variable:
            canvas.setFont("Times-Italic", 14)
            canvas.drawString(x, y - 1, variable)
            x += stringWidth(variable, "Times-Italic", 14)
        canvas.setFont("Times-Roman", 11)
        canvas.drawString(x, y, text)
        y -= 13.5
    canvas.showPage()
    canvas.save()
    document = parse_pdf(buffer.getvalue())
    paragraph = "".join(variable + text + " " for variable, text in lines).strip()
    assert [document.body_text(b) for b in document.blocks] == [paragraph] * 3


def test_footnote_marks_raised_above_their_notes_start_the_notes() -> None:
    """Set well above its note, a mark is a line of its own: it labels the note (and the
    last one, at the foot of the page, is no page number)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setFont("Times-Roman", 11)
    for row, line in enumerate(BODY):
        canvas.drawString(72, 700 - 13.5 * row, line)
    notes = ["See the record of the meeting, in full, as kept by the secretariat.",
             "Adopted without a vote."]
    for number, note in enumerate(notes, 1):
        y = 120 - 12 * number
        canvas.setFont("Times-Roman", 5.5)
        canvas.drawString(72, y + 7, str(number))
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(78, y, note)
    canvas.showPage()
    canvas.save()
    document = parse_pdf(buffer.getvalue())
    footnotes = [b for b in document.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [(document.label_text(b), document.body_text(b)) for b in footnotes] == [
        ("1", notes[0]), ("2", notes[1])
    ]


def test_printers_marks_outside_the_crop_box_are_not_read() -> None:
    """A book's page as sent to the printer: a slug line above the trim and line
    numbers beyond its right edge, outside the crop box. Readers see neither; read,
    they stretched the measure so that every line ended a paragraph."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(480.0, 680.0), invariant=True)
    canvas.setCropBox((42.0, 42.0, 438.0, 636.0))
    canvas.setFont("Times-Roman", 9)
    canvas.drawString(45, 660, "14773_00_i-xviii.qxd 2/10/04 3:46 PM Page xiii")
    canvas.setFont("Times-Roman", 11)
    for row, line in enumerate(BODY):
        canvas.drawString(80, 600 - 14.5 * row, line)
    for row in range(len(BODY)):  # the marks, drawn after the text as printers add them
        canvas.drawString(456, 600 - 14.5 * row, str(row + 1))
    canvas.showPage()
    canvas.save()
    document = parse_pdf(buffer.getvalue())
    assert document.text == " ".join(BODY) + "\n"


def test_a_line_cut_by_a_raised_mark_is_one_line_of_its_paragraph() -> None:
    """PDFium cuts a line where a footnote mark drawn apart interrupts it; the rest of
    the line, at the same height, continues the paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setFont("Times-Roman", 11)
    canvas.drawString(72, 700, BODY[0])
    head = "share what they learn, as the founder of the movement"
    canvas.drawString(72, 686.5, head)
    x = 72 + stringWidth(head, "Times-Roman", 11)
    canvas.setFont("Times-Roman", 6)
    canvas.drawString(x + 0.5, 691, "2")
    canvas.setFont("Times-Roman", 11)
    full = 72 + stringWidth(BODY[0], "Times-Roman", 11)  # the rest fills the line
    rest = ""
    words = "said, with each other in the field of information and security"
    for word in words.split(" "):
        if x + 4 + stringWidth(f"{rest} {word}", "Times-Roman", 11) >= full:
            break
        rest = f"{rest} {word}"
    canvas.drawString(x + 4, 686.5, rest)
    canvas.drawString(72, 673, "telecommunications, in so many words.")
    canvas.showPage()
    canvas.save()
    document = parse_pdf(buffer.getvalue())
    assert len(document.blocks) == 1
    assert f"movement{rest}" in document.text


def test_a_quotation_set_in_from_both_margins_is_one_paragraph() -> None:
    """Each line of the quotation ends short of the page's measure, by its design."""
    body = [
        _line("David Pogue, a brilliant writer and author of countless texts, wrote", 700.0),
        _line("this, at the end of his review of the book:", 686.5, 300.0),
    ]
    quote = [
        Line(text, 108.0, 484.0 + (row % 2), 673.0 - 13.5 * row, 11.0)
        for row, text in enumerate([
            "Unlike actual law, Internet software has no capacity to punish. It",
            "doesn't affect people who aren't online (and only a tiny minority",
            "of the world population is). And if you don't like the Internet's",
            "system, you can always flip off the modem.",
        ])
    ]
    quote[-1] = quote[-1]._replace(right=300.0)
    after = [
        _line(f"Pogue was skeptical of the core argument of the book, line {n}", 600 - 13.5 * n)
        for n in range(6)
    ]
    document = build_document([Page(1, 595.0, 842.0, (*body, *quote, *after))])
    assert document.text.splitlines()[1] == " ".join(line.text for line in quote)


def test_font_sizes_scaled_by_the_text_matrix_or_the_page_are_read_in_points() -> None:
    """Producers scale text through the text matrix (a font of size 1 drawn 12 times
    larger) or the page's transformation (Chromium draws at 0.75): the size read is
    the one a reader sees, in points, or gutters and headings are misjudged."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    text = canvas.beginText()
    text.setFont("Times-Roman", 1)
    text.setTextTransform(12, 0, 0, 12, 72, 700)
    text.textOut("Scaled by the text matrix to twelve points")
    canvas.drawText(text)
    canvas.setFont("Times-Roman", 12)
    canvas.drawString(72, 680, "Set in twelve points")
    canvas.scale(2, 2)
    canvas.setFont("Times-Roman", 6)
    canvas.drawString(36, 330, "Six points drawn twice as large")
    canvas.showPage()
    canvas.save()
    lines = page_lines(buffer.getvalue())[0].lines
    assert [(line.text, line.size) for line in lines] == [
        ("Scaled by the text matrix to twelve points", 12.0),
        ("Set in twelve points", 12.0),
        ("Six points drawn twice as large", 12.0),
    ]


def test_one_line_paragraphs_that_fill_their_line_stay_apart(plain: dict[str, str]) -> None:
    """A policy of short paragraphs (the Facebook privacy policy as Word prints it): each
    fills its line, so only the space after it shows where it ends. Most distances
    between lines are then between paragraphs, and taken as the usual distance, every
    paragraph ran into the next (253 of 1,951 in that policy)."""
    from renderings import LEFT, RIGHT, wrap

    words, width = plain["2011"].split(), RIGHT - LEFT
    paragraphs: list[str] = []
    start = 0
    while len(paragraphs) < 16:
        if len(paragraphs) % 4 == 0:  # every fourth paragraph runs over three lines
            paragraphs.append(" ".join(words[start : start + 40]))
            start += 40
            continue
        end = start + 1  # the most words that fit on one line after a long first word
        while len(wrap(" ".join(["Notwithstanding", *words[start : end + 1]]), width, 11)) == 1:
            end += 1
        paragraphs.append(" ".join(["Notwithstanding", *words[start:end]]))
        start = end
    text = "\n".join(paragraphs)
    assert parse_pdf(render_pdf(text, PdfStyle(furniture=False))).text == parse_text(text).text


def test_a_line_before_a_wide_word_that_would_not_fit_continues_its_paragraph() -> None:
    """Whether the next line's first word would have fitted is measured, not guessed from
    the line's average letter: capitals are twice as wide, and a paragraph was cut
    before "MEMORANDUM" though it could not fit there."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, size, wide = "Times-Roman", 11, "MEMORANDUM"
    full = [
        "Each State that subscribes to the code of conduct pledges to comply with it and",
        "to report on what it does, in full, to the other States, every year, in writing;",
    ]
    right = 72 + max(stringWidth(line, font, size) for line in full)
    words = "the secretariat keeps the reports of the States in its archive for all"
    short = ""  # words up to where the wide word falls short of fitting by 2 points
    for word in words.split(" "):
        short = f"{short} {word}".strip()
        if 72 + stringWidth(f"{short} {wide}", font, size) > right + 2:
            break
    rest = f"{wide} of its list, with titles in italics, is filed with it; it is still there."
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setFont(font, size)
    for index, line in enumerate([*full, short, rest, *full]):
        canvas.drawString(72, 700 - 13.5 * index, line)
    canvas.showPage()
    canvas.save()
    assert f"{short} {rest}" in parse_pdf(buffer.getvalue()).text.splitlines()[-1]


def test_spaces_after_closing_quotes_in_chromium_pdfs_are_kept() -> None:
    """PDFium leaves out the space after a closing quotation mark in Chromium's PDFs
    ("‘Social’setting"): a word changed in every comparison with the page itself. The
    gap on the page puts it back; an apostrophe inside a word stays as it is."""
    from variorum.render.pdf import print_pdf

    text = (
        "On the ‘Social’ setting, you can start a private session; Spotify’s “Explicit "
        "Content” control (in the app’s settings) applies to [every] device."
    )
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><style>body { font: 11pt serif }"
        f"</style></head><body><p>{text}</p></body></html>"
    )
    assert parse_pdf(print_pdf([page])).text == f"{text}\n"


def test_characters_beyond_the_bmp_and_a_hyphen_at_a_line_end_read_whole() -> None:
    """A page with a character beyond the BMP is read one character at a time, where
    PDFium gives such a character as its two UTF-16 units (they reached the text as
    lone surrogates, which no file or terminal can take) and a hyphen breaking a
    word at a line end as 2 (a control character, dropped: "nonChinese")."""
    from variorum.render.pdf import print_pdf

    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Signs</title>"
        "<style>body { font: 12pt serif } p { width: 4em }</style></head><body>"
        "<p>responsibilities non-Chinese numbers</p><p>The sign 𝔄 and 😀 end it.</p>"
    )
    document = parse_pdf(print_pdf([page + "</body></html>"]))
    assert document.text == "responsibilities non-Chinese numbers\nThe sign 𝔄 and 😀 end it.\n"
    document.text.encode("utf-8")  # no lone surrogate
