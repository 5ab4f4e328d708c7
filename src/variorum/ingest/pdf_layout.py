"""From the lines of PDF pages to a Document: what a reader sees as the text.

Pure functions over positions and font sizes, no PDF library:

1. Page furniture goes: lines at the top or bottom edge of pages that recur at the
   same height on most pages (digits aside: running headers, document symbols, job
   numbers) and page numbers. A one-page document keeps its headers: nothing repeats.
2. Footnotes are the lines at the foot of a page in a smaller font than the body;
   they become footnote blocks after the body, so a paragraph that runs on to the
   next page stays one paragraph.
3. Lines join into paragraphs unless the vertical gap is wider than the usual line
   distance, the font size changes, a label sticks out to the left, or the line
   before stopped short where the next word would have fitted.
   A heading's lines are spaced for its size and may be centred: their distance is
   scaled by their size and their room measured from the column's left edge, so a
   heading wrapped onto two lines is one block.
4. A word broken by a hyphen at a line end is joined (``pdf_words.keep_hyphen`` says
   when the hyphen stays).
5. On a tagged page the structure tree says where paragraphs and list items start
   and end, and a table's cells make one block per row (``pdf_tables``).

On pages set in columns (``pdf_columns`` finds them) each line knows its column:
a paragraph measures its lines against its column's width, and joins from the
foot of one column to the head of the next as it does across a page break.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from variorum.document import BlockKind, Document
from variorum.ingest.builder import DocumentBuilder
from variorum.ingest.labels import find_label
from variorum.ingest.pdf_page import ACROSS, ONE_COLUMN, Cell, Line, Page
from variorum.ingest.pdf_tables import table_rows
from variorum.ingest.pdf_words import joined, vocabulary

__all__ = ["Cell", "Line", "Page", "build_document", "paragraph_lines", "strip_furniture"]

EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page may be page furniture."""
REPEAT_SHARE = 0.5
"""An edge line is a running header or footer if it recurs (digits aside) on at
least this share of the pages, or of the odd or of the even pages, and on two pages
at least."""
POSITION_TOLERANCE = 6.0
"""...at the same height (within this many points) on each of those pages."""
FOOTNOTE_SIZE_RATIO = 0.95
"""Lines at the foot of a page in a font at most this fraction of the body's are
footnotes (Word's defaults set footnotes in 10 points under a body of 11: 0.91)."""
MARK_SIZE_RATIO = 1.25
"""A number alone on its line with a line at least this much larger just below it is
that line's footnote mark, raised, not a page number."""
HEADING_SIZE_RATIO = 1.15
"""A paragraph in a font at least this much larger than the body's is a heading."""
HEADING_MAX_CHARS = 300
"""...and no longer than this."""
MIN_INDENT_LINES = 3
"""Lines starting at one indent on a page, at least this many, are measured by the
widest of them (a quotation set in from both margins)."""
SAME_LINE_SHARE = 0.3
"""Lines whose baselines are closer than this share of the usual line distance, the one
just right of the other, are pieces of one visual line."""
PARAGRAPH_GAP = 1.4
"""A vertical distance between lines over this multiple of the usual one starts a paragraph."""
LEADING_QUANTILE = 0.2
"""The usual distance between lines is this quantile of those between the body's lines:
at least this share of them is inside paragraphs."""
MIN_LEADING_EMS = 0.8
"""Lines closer than this many font sizes are not one below the other (a raised mark,
a line cut by PDFium) and do not count in the usual distance."""
SPACE_EMS = 0.25
"""The narrowest space between words of common fonts (Times), in font sizes."""
SIZE_TOLERANCE = 0.6
"""Font sizes (points) closer than this are the same size."""
INDENT_STEP = 2.0
"""A list item is one level deeper per this many font sizes of indentation."""

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_END_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—(]?\s*\d{1,4}\s*[-–—)]?\s+(?=\S)|(?<=\S)\s+(?:page\s+)?[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*$",
    re.IGNORECASE,
)
_FOOTNOTE_MARK = re.compile(r"\d{1,3}|[*†‡§]{1,3}")
_FOOTNOTE_START = re.compile(r"(\d{1,3}|[*†‡§]{1,3})(?:\s+|(?=[A-Z“\"(]))(\S.*)")
_DIGITS = re.compile(r"\d+")
_BASELINE = operator.attrgetter("baseline")


@dataclass(frozen=True, slots=True)
class _Footnote:
    label: str
    text: str


def build_document(pages: Sequence[Page], words: set[str] | None = None, **meta: str) -> Document:
    """The Document of a PDF's pages: body paragraphs and table rows, then footnotes.
    ``words`` is the ``vocabulary`` of the pages, when it was gathered as they were read."""
    if words is None:
        words = vocabulary([line for page in pages for line in page.lines])
    bodies = strip_furniture(table_rows(pages, words))
    size = body_size(line for lines in bodies for line in lines)
    notes: list[_Footnote] = []
    texts: list[list[Line]] = []
    for lines in bodies:
        body, foot = _split_footnotes(lines, size)
        texts.append(body)
        notes = _add_footnotes(notes, foot)
    paragraphs = paragraph_lines(texts, size)
    builder = DocumentBuilder()
    heading_sizes = _heading_sizes(paragraphs, size)
    bases = _base_lefts(texts)
    for paragraph in paragraphs:
        inline = joined(paragraph, words)
        kind, level = _kind(
            paragraph[0], inline.text, size, heading_sizes, bases[paragraph[0].column]
        )
        builder.add(kind, inline, level)
    for note in notes:
        builder.add(BlockKind.FOOTNOTE, note.text, label=note.label)
    return builder.build(**meta)


def strip_furniture(pages: Sequence[Page]) -> list[list[Line]]:
    """Each page's lines without running headers, footers and page numbers."""
    edges = [_edges([line for line in page.lines if line.cell is None]) for page in pages]
    places: dict[str, list[tuple[int, Line]]] = {}
    for index, (page, page_edges) in enumerate(zip(pages, edges, strict=True)):
        for line in page_edges:
            if not _is_note(line, page):
                places.setdefault(_key(line.text), []).append((index, line))
    count = len(pages)
    furniture = {id(line) for found in places.values() for line in _running(_alone(found), count)}
    for page, page_edges in zip(pages, edges, strict=True):
        furniture.update(
            id(line)
            for line in page_edges
            if _PAGE_NUMBER.fullmatch(line.text.strip()) and not _raised_mark(line, page.lines)
        )
    return [[line for line in page.lines if id(line) not in furniture] for page in pages]


def _is_note(line: Line, page: Page) -> bool:
    """Whether the line starts the footnote of a mark raised in the page's text: notes
    worded alike ("12 Ibid.") at the foot of many pages are not a running footer."""
    start = _FOOTNOTE_START.match(line.text)
    return start is not None and start.group(1) in page.marks


def _raised_mark(line: Line, lines: Sequence[Line]) -> bool:
    """Whether a number alone on its line is a footnote's mark set above the note's
    first line (a larger line just below it), not a page number."""
    return any(
        0 < line.baseline - other.baseline <= 1.5 * other.size
        and other.size >= MARK_SIZE_RATIO * line.size
        for other in lines
    )


def _alone(found: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """The lines that have no other line of their text (digits aside) next to them on
    their page: a running header is one line, while footnotes worded alike ("12 See
    the note...", "13 See the note...") stand one under the other and are text."""
    by_page: dict[int, list[Line]] = {}
    for page, line in found:
        by_page.setdefault(page, []).append(line)
    return [
        (page, line)
        for page, line in found
        if not any(
            other is not line and abs(other.baseline - line.baseline) <= EDGE_LINES * line.size
            for other in by_page[page]
        )
    ]


def _running(found: list[tuple[int, Line]], count: int) -> list[Line]:
    """The lines of one text (digits aside) that stand at the same height, in the same
    size, on enough of the ``count`` pages: a header and a footer of the same words are two."""
    running: list[Line] = []
    for heights in _by_height(found):
        size = statistics.median(line.size for _, line in heights)
        # in another size, at that height: the title on the first page, which stays
        same = [(i, line) for i, line in heights if abs(line.size - size) < SIZE_TOLERANCE]
        if _recurs({i for i, _ in same}, count):
            running += [line for _, line in same]
    return running


def _recurs(indexes: set[int], count: int) -> bool:
    """Whether pages ``indexes`` (from 0) are ``REPEAT_SHARE`` of the ``count`` pages, or
    of the odd or of the even ones: books and papers alternate their running heads
    (the title on one side, the authors on the other)."""
    odd = {index for index in indexes if index % 2 == 0}  # page 1 is index 0
    return any(
        len(found) >= max(2, math.ceil(REPEAT_SHARE * total))
        for found, total in ((indexes, count), (odd, (count + 1) // 2), (indexes - odd, count // 2))
    )


def _by_height(found: list[tuple[int, Line]]) -> list[list[tuple[int, Line]]]:
    """The lines in groups at one height: no more than ``POSITION_TOLERANCE`` apart."""
    groups: list[list[tuple[int, Line]]] = []
    for item in sorted(found, key=lambda item: item[1].baseline):
        if groups and item[1].baseline - groups[-1][0][1].baseline <= POSITION_TOLERANCE:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _edges(lines: Sequence[Line]) -> list[Line]:
    ordered = sorted(lines, key=_BASELINE, reverse=True)
    if len(ordered) <= 2 * EDGE_LINES:
        return ordered
    return ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]


def _key(text: str) -> str:
    """What recurs of an edge line: its words, digits aside, without a page number at
    either end (``-12- Instructions for Form 1040NR`` on even pages is the same footer
    as ``Instructions for Form 1040NR -13-`` on odd ones)."""
    return " ".join(_DIGITS.sub("#", _END_NUMBER.sub("", text).lower()).split())


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in (by characters)."""
    chars: Counter[float] = Counter()
    for line in lines:
        chars[line.size] += len(line.text)
    sizes: Counter[float] = Counter()
    for exact, count in chars.items():  # rounded once per distinct size, not per line
        sizes[round(exact * 2) / 2] += count
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split_footnotes(lines: list[Line], size: float) -> tuple[list[Line], list[Line]]:
    """The page's body lines and the small-print lines at its foot."""
    small = size * FOOTNOTE_SIZE_RATIO
    if all(line.size > small for line in lines):
        return lines, []
    foot: set[int] = set()
    for line in sorted(lines, key=lambda line: line.baseline):
        if line.size > small or line.cell:  # a table's small print is no footnote
            break
        foot.add(id(line))
    if len(foot) == len(lines):
        return lines, []  # a page all in small print is body text, not footnotes
    return [line for line in lines if id(line) not in foot], [
        line for line in lines if id(line) in foot
    ]


def _add_footnotes(notes: list[_Footnote], lines: list[Line]) -> list[_Footnote]:
    """``notes`` with those of a page's foot: a line starting with a mark starts a note,
    as does a mark alone on its line (raised above its note, PDFium reads it apart);
    other lines continue the note before them."""
    for line in lines:
        text = line.text.strip()
        match = _FOOTNOTE_START.fullmatch(text)
        if match:
            notes.append(_Footnote(match.group(1), match.group(2)))
        elif _FOOTNOTE_MARK.fullmatch(text):
            notes.append(_Footnote(text, ""))
        elif notes:
            joined = f"{notes[-1].text} {line.text}" if notes[-1].text else line.text
            notes[-1] = _Footnote(notes[-1].label, joined)
        else:
            notes.append(_Footnote("", line.text))
    return [note for note in notes if note.text]


def paragraph_lines(pages: Sequence[Sequence[Line]], size: float) -> list[list[Line]]:
    """The body lines of all pages grouped into paragraphs."""
    leading = _usual_leading(pages, size) or size * 1.2
    document_right = _column_right([line for lines in pages for line in lines])
    paragraphs: list[list[Line]] = []
    previous: Line | None = None
    previous_right = 0.0
    for lines in pages:
        measures = _measures(lines, document_right)
        lefts = _lefts(lines)
        indented = _indented_measures(lines)
        for index, line in enumerate(lines):
            # The first line of a page or of a column may stand anywhere above the last.
            same_column = index > 0 and lines[index - 1].column == line.column
            scale = 1.0
            if previous is not None and line.size >= size * HEADING_SIZE_RATIO:
                # A heading's lines are spaced for its size, and may be centred: the
                # room left on its line is measured from the column's left edge.
                scale = line.size / size
                previous_right += previous.left - lefts.get(previous.column, previous.left)
            if previous is None or _starts_paragraph(
                previous, line, same_column, leading * scale, previous_right
            ):
                paragraphs.append([line])
            else:
                paragraphs[-1].append(line)
            previous_right = measures[line.column]
            previous_right = min(previous_right, indented.get(_indent(line), previous_right))
            previous = line
    return paragraphs


def _indent(line: Line) -> tuple[int, int]:
    return line.column, round(line.left)


def _indented_measures(lines: Sequence[Line]) -> dict[tuple[int, int], float]:
    """Where the lines that start at one indent end at the widest, for indents of at
    least ``MIN_INDENT_LINES`` lines: a quotation set in from both margins ends
    short of the page's measure on every line, which is no paragraph end."""
    lefts = _lefts(lines)
    rights: dict[tuple[int, int], list[float]] = {}
    for line in lines:
        if line.left > lefts[line.column] + 1:  # set in from the column's edge
            rights.setdefault(_indent(line), []).append(line.right)
    return {key: max(found) for key, found in rights.items() if len(found) >= MIN_INDENT_LINES}


def _lefts(lines: Sequence[Line]) -> dict[int, float]:
    """Where each column's lines start at the earliest on a page."""
    lefts: dict[int, float] = {}
    for line in lines:
        lefts[line.column] = min(lefts.get(line.column, line.left), line.left)
    return lefts


def _measures(lines: Sequence[Line], document_right: float) -> dict[int, float]:
    """Where full lines end on a page, by column: in one column, the page's own measure
    unless it has too few full lines to show one; across columns, the widest line."""
    if not lines or lines[0].column == ONE_COLUMN:
        return {ONE_COLUMN: max(_column_right(lines), document_right)}
    measures = {ACROSS: max(line.right for line in lines)}
    for place in {line.column for line in lines} - {ACROSS}:
        measures[place] = _column_right([line for line in lines if line.column == place])
    return measures


def _usual_leading(pages: Sequence[Sequence[Line]], size: float) -> float:
    """The distance between the lines of a paragraph in the body's font ``size``: the low
    end (``LEADING_QUANTILE``) of the distances between its consecutive lines, rounded
    to 0.1 pt. Not their median: in a policy of one-line paragraphs most distances
    are between paragraphs, and taken as the usual one, no paragraph was seen to end."""
    gaps = sorted(
        round(before.baseline - after.baseline, 1)
        for lines in pages
        for before, after in itertools.pairwise(lines)
        if abs(before.size - size) < SIZE_TOLERANCE
        and abs(after.size - size) < SIZE_TOLERANCE
        and before.baseline - after.baseline >= MIN_LEADING_EMS * size
    )
    return gaps[int(LEADING_QUANTILE * (len(gaps) - 1))] if gaps else 0.0


def _column_right(lines: Sequence[Line]) -> float:
    """Where full lines end: a high percentile of the lines' right edges."""
    if not lines:
        return 0.0
    rights = sorted(line.right for line in lines)
    return rights[round(0.9 * (len(rights) - 1))]


def _starts_paragraph(
    previous: Line, line: Line, same_column: bool, leading: float, column_right: float
) -> bool:
    if previous.cell or line.cell:
        return True  # a table row is a block of its own
    if previous.block is not None and line.block is not None:
        return previous.block != line.block  # a tagged page says where blocks are
    if same_column and _continues_line(previous, line, leading):
        return False
    if abs(previous.size - line.size) >= SIZE_TOLERANCE:
        return True
    if same_column:
        gap = previous.baseline - line.baseline
        if gap > PARAGRAPH_GAP * leading or gap < -0.5 * leading:
            return True
    if previous.hyphen:
        return False
    if line.left < previous.left - 1 and find_label(line.text):
        return True  # a label sticking out to the left: the next list item
    return _stopped_short(previous, line, column_right)


def _continues_line(previous: Line, line: Line, leading: float) -> bool:
    """Whether ``line`` is the rest of the visual line ``previous`` ends: PDFium cuts a
    line where a raised footnote mark or another font interrupts it."""
    same_height = abs(previous.baseline - line.baseline) < SAME_LINE_SHARE * leading
    return same_height and previous.right - 1 <= line.left <= previous.right + 2 * line.size


def _stopped_short(previous: Line, line: Line, column_right: float) -> bool:
    """Whether the first word of ``line`` would have fitted at the end of ``previous``:
    then the line break was deliberate, ending a paragraph."""
    if line.first_word:  # measured: a space before it
        return column_right - previous.right > line.first_word + SPACE_EMS * line.size
    width = max(line.right - line.left, 1.0)
    char = width / max(len(line.text), 1)
    first_word = line.text.split(" ", 1)[0]
    return column_right - previous.right > (len(first_word) + 1) * char


def _heading_sizes(paragraphs: Sequence[Sequence[Line]], size: float) -> list[float]:
    larger = {
        round(paragraph[0].size * 2) / 2
        for paragraph in paragraphs
        if paragraph[0].size >= size * HEADING_SIZE_RATIO
    }
    return sorted(larger, reverse=True)


def _base_lefts(pages: Sequence[Sequence[Line]]) -> dict[int, float]:
    """The most common left edge of the lines, by column."""
    lefts: dict[int, Counter[int]] = {}
    counts = Counter((line.column, line.left) for lines in pages for line in lines)
    for (column, exact), count in counts.items():
        lefts.setdefault(column, Counter())[round(exact)] += count
    return {column: float(found.most_common(1)[0][0]) for column, found in lefts.items()}


def _kind(
    first: Line, text: str, size: float, heading_sizes: list[float], base_left: float
) -> tuple[BlockKind, int]:
    if first.cell:
        return BlockKind.TABLE_ROW, 0
    if first.level >= 0:
        return BlockKind.LIST_ITEM, min(first.level, 8)
    rounded = round(first.size * 2) / 2
    if rounded in heading_sizes and len(text) <= HEADING_MAX_CHARS:
        return BlockKind.HEADING, heading_sizes.index(rounded) + 1
    if find_label(text):
        level = round(max(first.left - base_left, 0.0) / (INDENT_STEP * size))
        return BlockKind.LIST_ITEM, min(level, 8)
    return BlockKind.PARAGRAPH, 0
