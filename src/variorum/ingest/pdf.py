"""PDF: the text layer of each page, read with PDFium, laid out into a Document.

PDFium (through pypdfium2) is the PDF engine of Chrome: maintained, permissively
licensed, tolerant of real-world files, and several times faster than pure-Python
readers. This module only gets lines out of pages (text, position, font size), in
reading order (``pdf_columns`` orders pages set in columns); ``pdf_layout``
decides what is page furniture, footnote, paragraph or heading.

Large files are read by several processes, one per CPU this process may use, each
taking a share of the pages: PDFium's per-page text analysis is most of the cost,
and it cannot run in threads. Not when those CPUs are all busy already: then the
extra processes only compete with the other work and cost more than they save.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import os
import pickle
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from multiprocessing import current_process
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from variorum.document import Document
from variorum.errors import InputError
from variorum.ingest.pdf_columns import (
    MIN_COLUMN_LINES,
    MIN_COLUMN_SHARE,
    MIN_GUTTER_EMS,
    MIXED_MAX_ACROSS_SHARE,
    Gutter,
    find_gutters,
    narrow_extents,
    reading_order,
)
from variorum.ingest.pdf_layout import build_document
from variorum.ingest.pdf_page import ONE_COLUMN, Line, Page, Tag
from variorum.ingest.pdf_tagged import LinkBox, anchor_names, link_boxes, mark_of, page_tags
from variorum.ingest.pdf_words import vocabulary
from variorum.ingest.pdfium_calls import (
    CHAR_BOX,
    CHAR_ORIGIN,
    COUNT_RECTS,
    FONT_SIZE,
    LOOSE_BOX,
    MATRIX,
    RECT,
    UNICODE,
)

EOF_SEARCH_BYTES = 2048
"""A complete PDF ends with ``%%EOF`` within this many bytes of its end; a file
without it was cut short (an interrupted download) and is refused, even though
PDFium could show the pages it still finds."""
MAX_PADDING_BYTES = 1024 * 1024
"""...after any padding of NUL bytes and whitespace (some writers pad files to a block
size) within this many bytes of the end."""
_PADDING = b"\x00 \t\r\n\f"
PARALLEL_MIN_PAGES = 48
"""Files with at least this many pages are read by several processes."""
PAGES_PER_WORKER = 24
"""...with at least this many pages for each process, so that starting one pays off."""
COLUMN_PROBES = 3
"""Lines probed, down a page, for a gap where PDFium joined lines of two columns
(one call into PDFium per piece of text in each)."""
MIN_SAMPLED_LINE = 8
"""Lines of at least this many characters have their font size checked in the middle."""
SAME_SIZE = 0.5
"""Font sizes (points) closer than this are one size."""
MIN_SPACE_EMS = 0.15
"""Glyphs this many font sizes apart or more have a space between them (a thin space
is 0.17 em; letters of a word, an apostrophe among them, touch)."""
MIN_CUT_GAP_EMS = 0.5
"""A line is cut at a gutter only between pieces of text at least this many font
sizes apart (or going back): a title running across the columns, drawn glyph by
glyph for kerning, is one run of touching pieces, and cut there it lost words."""
SUPERSCRIPT_RATIO = 0.9
"""A number after a word in a font this much smaller than its line's, and raised
(by a tenth of the line's size), is a footnote reference mark: it is dropped from
the text. Being raised is the evidence; the size only rules out ordinary digits."""

# A visual line: from its first to its last non-blank character, then the separator
# PDFium put after it: a line break, or U+FFFE where it joined a word broken by a
# hyphen to the next line.
_LINE = re.compile(
    "([^\r\n\ufffe \t\x00](?:[^\r\n\ufffe]*[^\r\n\ufffe \t\x00])?)"  # first to last non-blank
    "[ \t\x00]*(\ufffe?)"
)
_ANY_DIGIT = re.compile("[0-9]")
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
_QUOTES = re.compile(r"[’”)\]‘“(\[]")
_CLOSING = frozenset("’”)]")
_CONTRACTION = re.compile(r"(?:[stdm]|ll|re|ve)\b")  # after an apostrophe: "’s", "’ll"
_MARK_CANDIDATE = re.compile(r"(?<=[^\s\d]) ?(\d{1,3})(?=[\s,.;:)]|$)")
_UNTAGGED = Tag(None, None, -1)
_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "is encrypted (password-protected); decrypt it first",
    pdfium_c.FPDF_ERR_FORMAT: "is damaged or not a PDF: its structure cannot be read",
    pdfium_c.FPDF_ERR_SECURITY: "uses an unsupported security handler (DRM); it cannot be read",
}


_CHAR_AT = pdfium_c.FPDFText_GetCharIndexAtPos  # rare: checked arguments are fine


def parse_pdf(data: bytes, *, workers: int | None = None, **meta: str) -> Document:
    """A Document from the bytes of a PDF.

    ``workers`` is how many processes read pages (default: one per CPU this process
    may use, for large files, unless the load average shows those CPUs busy; one
    when the caller runs threads, where starting processes by forking is unsafe).
    The result is the same whatever their number.
    """
    source = meta.get("source", "input")
    if b"%%EOF" not in data[-MAX_PADDING_BYTES:].rstrip(_PADDING)[-EOF_SEARCH_BYTES:]:
        raise InputError(source, "is truncated or damaged: the PDF has no end-of-file marker")
    document = _open(data, source)
    try:
        count = len(document)
        title = (document.get_metadata_value("Title") or "").strip()
        dynamic = pdfium_c.FPDF_GetFormType(document.raw) == pdfium_c.FORMTYPE_XFA_FULL
    finally:
        document.close()
    if dynamic:  # its pages hold only what readers without XFA show: "Please wait..."
        raise InputError(
            source,
            "is a dynamic XFA form, whose text only Adobe Reader draws; "
            "print it to a PDF from there first",
        )
    if count == 0:
        raise InputError(source, "is a PDF with no pages")
    pages, words = _read_pages(data, count, _worker_count(count, workers), source)
    if not any(page.lines for page in pages):
        raise InputError(
            source, "has no text layer (scanned images?); run OCR on it first, e.g. ocrmypdf"
        )
    meta.setdefault("format", "pdf")
    if title:
        meta.setdefault("title", title)
    return build_document(pages, words, **meta)


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        raise InputError(source, _ERRORS.get(code, "cannot be read as a PDF")) from None


def _worker_count(pages: int, requested: int | None) -> int:
    if not _may_fork():
        return 1
    if requested is not None:
        return max(1, min(requested, pages))
    if pages < PARALLEL_MIN_PAGES or _load() >= (os.cpu_count() or 1):
        return 1  # small, or every CPU of the machine busy already
    return max(1, min(_usable_cpus(), pages // PAGES_PER_WORKER))


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container or ``taskset`` may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _load() -> float:
    """Processes running or waiting for a CPU, averaged over the last minute."""
    try:
        return os.getloadavg()[0]
    except OSError:  # not known on this system
        return 0.0


def _may_fork() -> bool:
    """Forking is safe only without other threads, and pool workers (daemons) may not."""
    return os.name == "posix" and threading.active_count() == 1 and not current_process().daemon


def _read_pages(
    data: bytes, count: int, workers: int, source: str
) -> tuple[list[Page], set[str] | None]:
    """The pages' lines, and with several workers their vocabulary too: this process
    reads the first share of the pages while forked processes read the others."""
    if workers == 1:
        return _pages(data, 0, count, source), None
    bounds = [count * index // workers for index in range(workers + 1)]
    children: list[tuple[int, int]] = []
    try:
        for start, stop in itertools.pairwise(bounds[1:]):
            children.append(_fork_share(data, start, stop))
        pages = _pages(data, 0, bounds[1], source)
        words = vocabulary([line for page in pages for line in page.lines])
        for _, pipe in children:
            share, share_words = _collect(pipe, source)
            words |= share_words | _first_words(pages, share)
            pages += share
    finally:
        for pid, pipe in children:
            os.close(pipe)
            _reap(pid)
    return pages, words


def _first_words(before: list[Page], share: list[Page]) -> set[str]:
    """The vocabulary of a share's first line, which only the pages before it tell
    whether it continues a broken word."""
    first = next((page.lines[:1] for page in share if page.lines), ())
    last = next((page.lines[-1] for page in reversed(before) if page.lines), None)
    return vocabulary(first, broken_before=last is not None and last.hyphen)


def _fork_share(data: bytes, start: int, stop: int) -> tuple[int, int]:
    """A child process reading pages ``start`` to ``stop``: its id and the pipe it
    answers on. (A fork costs far less than a process pool: no imports, no threads.)"""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        status = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(_share(data, start, stop), pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(read_end: int, source: str) -> tuple[list[Page], set[str]]:
    """The pages (and their vocabulary) a child process sent down its pipe."""
    with os.fdopen(read_end, "rb", closefd=False) as pipe:
        payload = pipe.read()
    try:
        answer: tuple[list[Page], set[str]] | str = pickle.loads(payload)  # our own child's
    except (pickle.UnpicklingError, EOFError, ValueError):  # it died, or sent nothing
        raise InputError(source, "is damaged: PDFium failed while reading its pages") from None
    if isinstance(answer, str):
        raise InputError(source, answer)
    return answer


def _reap(pid: int) -> None:
    """Wait for a child; one still running (this process failed first) is stopped."""
    finished, _ = os.waitpid(pid, os.WNOHANG)
    if finished == 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _share(data: bytes, start: int, stop: int) -> tuple[list[Page], set[str]] | str:
    """In a child process: its pages with their vocabulary but that of the first
    line, or the problem."""
    try:
        pages = _pages(data, start, stop, "input")
    except InputError as error:
        return error.problem
    lines = [line for page in pages for line in page.lines]
    return pages, vocabulary(lines[1:], broken_before=bool(lines) and lines[0].hyphen)


def _pages(data: bytes, start: int, stop: int, source: str) -> list[Page]:
    """Pages ``start`` to ``stop`` of the document, as lines."""
    document = _open(data, source)
    loaded: dict[int, Any] = dict.fromkeys(range(start, stop))
    try:
        anchors, tags = anchor_names(document.raw), page_tags(document.raw, loaded)
        return [
            _page(document, index, anchors, tags, loaded.pop(index, None))
            for index in range(start, stop)
        ]
    finally:
        for page in loaded.values():
            if page is not None:
                pdfium_c.FPDF_ClosePage(page)
        document.close()


def _page(
    document: pdfium.PdfDocument,
    index: int,
    anchors: dict[int, str],
    tags: Sequence[dict[int, Tag]] = (),
    page: Any = None,
) -> Page:
    """Page ``index`` as lines (``page``: the page already loaded, closed here)."""
    page = page or pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise InputError("input", f"is damaged: page {index + 1} cannot be read")
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        links = link_boxes(document.raw, page, anchors)
        reader = _LineReader(textpage, tags[index] if tags else {}, links)
        lines = reader.in_columns(reader.lines(_shown_box(page)))
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)
    return Page(index + 1, width, height, tuple(lines), frozenset(reader.marks))


def _shown_box(page: Any) -> tuple[float, float, float, float] | None:
    """The part of the page a reader sees (its media box cut by its crop box), or None."""
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page, ctypes.byref(rect)):
        return None
    return rect.left, rect.bottom, rect.right, rect.top


def _shown(line: Line, box: tuple[float, float, float, float]) -> bool:
    """Whether some of the line lies within ``box``."""
    left, bottom, right, top = box
    across = line.right > left and line.left < right
    return across and bottom < line.baseline + line.size and line.baseline < top


class _LineReader:
    """Reads the visual lines of one page's text: their text, box and font size."""

    def __init__(
        self,
        textpage: pdfium_c.FPDF_TEXTPAGE,
        tags: dict[int, Tag] | None = None,
        links: Sequence[LinkBox] = (),
    ) -> None:
        self.textpage = textpage
        self._tags = tags or {}
        """The tag of each marked-content id (a tagged page's structure)."""
        self._table = any(tag.cell for tag in self._tags.values())
        self._links = links
        # x, y of a line's first character; left, right, bottom, top of its last one;
        # x, y of a footnote mark (apart, so that the line's own stay).
        self._values = [ctypes.c_double() for _ in range(8)]
        self._refs = [ctypes.byref(value) for value in self._values]
        self.marks: set[str] = set()
        """The footnote reference marks taken out of the lines read."""
        self._spare = [ctypes.c_double() for _ in range(4)]  # for measures inside a line
        self._spare_refs = [ctypes.byref(value) for value in self._spare]
        self._box = pdfium_c.FS_RECTF()
        self._box_ref = ctypes.byref(self._box)
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.byref(self._matrix)
        self._last_size, self._last_scale = -1.0, 1.0

    def lines(self, box: tuple[float, float, float, float] | None = None) -> list[Line]:
        """A few calls into PDFium per line, none per character: a line's font size and
        its scale, where its first character starts, where its first word and its last
        character end (and around quotation marks glued to a word). Lines outside
        ``box`` (left, bottom, right, top: the page as shown) are left out: printers'
        marks and slugs beyond the trim, which no reader sees."""
        self._page_text = self._text()
        spans = [(*m.span(1), m.group(2)) for m in _LINE.finditer(self._page_text)]
        tags: list[Tag | None] = [None] * len(spans)
        if self._tags:
            spans, tags = self._by_tag(spans)
        lines = [
            self._line(first, end, mark, tag)
            for (first, end, mark), tag in zip(spans, tags, strict=True)
        ]
        if box is not None:
            shown = [_shown(line, box) for line in lines]
            spans = [span for span, keep in zip(spans, shown, strict=True) if keep]
            lines = [line for line, keep in zip(lines, shown, strict=True) if keep]
        self._spans = spans
        return lines

    def _by_tag(
        self, spans: list[tuple[int, int, str]]
    ) -> tuple[list[tuple[int, int, str]], list[Tag | None]]:
        """The lines cut where their text passes from one block or table cell to another
        (PDFium joins cells side by side into one line), and the tag of each piece. A
        line whose two ends have one tag is taken whole (one call per end)."""
        pieces: list[tuple[int, int, str]] = []
        tags: list[Tag | None] = []
        for first, end, mark in spans:
            start, tag = first, self._tag(first)
            if self._tag(end - 1) == tag:
                pieces.append((first, end, mark))
                tags.append(tag)
                continue
            for index in range(first + 1, end):
                if self._page_text[index] in " \t":
                    continue  # spaces PDFium put in belong to no element
                here = self._tag(index)
                if here != tag:
                    head = index
                    while self._page_text[head - 1] in " \t":
                        head -= 1
                    pieces.append((start, head, ""))
                    tags.append(tag)
                    start, tag = index, here
            pieces.append((start, end, mark))
            tags.append(tag)
        return pieces, tags

    def _tag(self, index: int) -> Tag | None:
        return self._tags.get(mark_of(self.textpage, index))

    def _line(self, first: int, end: int, mark: str, tag: Tag | None = None) -> Line:
        """The line of characters ``first`` to ``end`` (non-blank at both ends),
        followed by ``mark`` (U+FFFE where PDFium saw a hyphen breaking a word), with
        its ``tag`` on a tagged page."""
        textpage, values = self.textpage, self._values
        body = self._page_text[first:end]
        size = FONT_SIZE(textpage, first)
        CHAR_ORIGIN(textpage, first, *self._refs[:2])
        CHAR_BOX(textpage, end - 1, *self._refs[2:6])
        baseline = values[1].value
        if end - first >= MIN_SAMPLED_LINE:
            size, baseline = self._usual_size(first, end, size, baseline)
        if _ANY_DIGIT.search(body) and _MARK_CANDIDATE.search(body):  # digits are rare
            body = self._without_marks(body, first, size, baseline)
        size *= self._scale_of_size(first, size)
        if len(body) == end - first and _QUOTES.search(body):  # offsets still the page's
            body = self._with_spaces(body, first, size)
        hyphen = bool(mark)
        if not hyphen and body[-1] == "-" and body[-2:-1].isalpha():
            body, hyphen = body[:-1], True  # a line-end hyphen PDFium did not mark
        left, right = values[0].value, values[3].value
        first_word = self._first_word_end(first, end) - left
        links = (
            self._links_of(first, end, body, (left, right, baseline, size)) if self._links else ()
        )
        cell, block, level = tag or _UNTAGGED
        first_word = max(first_word, 0.0)
        return Line(
            body,
            left,
            right,
            baseline,
            size,
            hyphen,
            ONE_COLUMN,
            first_word,
            cell,
            block,
            level,
            links,
        )

    def _links_of(
        self, first: int, end: int, body: str, place: tuple[float, float, float, float]
    ) -> tuple[tuple[int, int, str], ...]:
        """The pieces of the line a link annotation covers (the middle of each character
        inside its box), as offsets in ``body``, the line's text as read; ``place`` is
        the line's left, right, baseline and font size."""
        start, stop, baseline, size = place
        boxes = [
            box
            for box in self._links
            if box.bottom < baseline + size
            and box.top > baseline
            and box.left < stop
            and box.right > start
        ]
        if not boxes:
            return ()
        left, right, bottom, top = self._spare
        runs: list[tuple[int, int, str]] = []
        for index in range(first, end):
            CHAR_BOX(self.textpage, index, *self._spare_refs)
            x, y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
            target = next((box.target for box in boxes if box.covers(x, y)), None)
            if target is None:
                continue
            if runs and runs[-1][2] == target and runs[-1][1] >= index - 1:
                runs[-1] = (runs[-1][0], index + 1, target)
            else:
                runs.append((index, index + 1, target))
        text = self._page_text
        # a box that cuts words, or covers none, is misplaced (Chromium's, in a table
        # row that a page break cuts): it is left out rather than put on the wrong words
        whole = [
            (start, stop, target)
            for start, stop, target in runs
            if not (start > first and text[start - 1].isalnum() and text[start].isalnum())
            and not (stop < end and text[stop - 1].isalnum() and text[stop].isalnum())
            and any(char.isalnum() for char in text[start:stop])
        ]
        return _in_body(whole, text, first, body)

    def _first_word_end(self, first: int, end: int) -> float:
        """Where the line's first word ends (where the line starts, when it is one word):
        whether that word would have fitted on the line before decides where
        paragraphs end, and letters differ too much in width to count them."""
        space = self._page_text.find(" ", first, end)
        if space <= first:
            return 0.0
        CHAR_BOX(self.textpage, space - 1, *self._spare_refs)
        return self._spare[1].value

    def _scale_of_size(self, index: int, size: float) -> float:
        """``_scale`` of the character, taken as that of the line before when the two
        have one font size (one call into PDFium fewer on most lines)."""
        if size != self._last_size:
            self._last_size, self._last_scale = size, self._scale(index)
        return self._last_scale

    def _with_spaces(self, body: str, first: int, size: float) -> str:
        """The line with the spaces PDFium left out where the page shows one, between a
        quotation mark or bracket and a word (Chromium's "‘Social’ setting" read as
        "‘Social’setting"); ``body`` starts at character ``first`` of the page."""
        box, start = self._box, self._spare[0]
        gaps = []
        for between in _glued(body):
            LOOSE_BOX(self.textpage, first + between - 1, self._box_ref)  # its advance
            CHAR_ORIGIN(self.textpage, first + between, self._spare_refs[0], self._spare_refs[1])
            if start.value - box.right > MIN_SPACE_EMS * size:
                gaps.append(between)
        for position in reversed(gaps):
            body = f"{body[:position]} {body[position:]}"
        return body

    def _scale(self, index: int) -> float:
        """How much the page scales the text of a character: the font size PDFium gives
        is before it, and Chromium draws its text at 0.75 (CSS pixels to points), so a
        font of 10 points would be read as 13.3, wider than its lines' distance."""
        matrix = self._matrix
        if not MATRIX(self.textpage, index, self._matrix_ref):
            return 1.0
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        return scale if scale > 0 else 1.0

    def _usual_size(
        self, first: int, end: int, size: float, baseline: float
    ) -> tuple[float, float]:
        """The font size and baseline of most of a line, not only of its first character:
        a line of a paragraph that starts with a formula's variable, a citation mark or
        a word in small capitals would otherwise start a paragraph of its own. The
        middle character is looked at, and the last one when the two disagree."""
        middle = (first + end) // 2
        other = FONT_SIZE(self.textpage, middle)
        if abs(other - size) < SAME_SIZE:
            return size, baseline
        if abs(FONT_SIZE(self.textpage, end - 1) - other) >= SAME_SIZE:
            return size, baseline
        CHAR_ORIGIN(self.textpage, middle, *self._refs[6:8])
        return other, self._values[7].value

    def in_columns(self, lines: list[Line]) -> list[Line]:
        """The lines column by column if the page is set in columns, else as they are.

        The lines' own extents show columns that PDFium read one after the other.
        Lines it joined across a gutter (drawn row by row) show only in the pieces
        of text drawn as one object each: one call into PDFium per piece, so they
        are read only when a few lines probed in the middle of the page show a gap.
        """
        if len(lines) < 2 * MIN_COLUMN_LINES or self._table:
            return lines  # too few; or a page with a tagged table, drawn in reading order
        size = sorted(line.size for line in lines)[len(lines) // 2]
        extents = [(line.left, line.right) for line in lines]
        gutters = find_gutters(extents, size)
        if self._gaps_in(lines, size):  # some lines join columns: their pieces show more
            pieces = [(left, right) for left, right, _, _ in self._extents(0, -1)]
            gutters = max(gutters, find_gutters(pieces, size), key=len)
        if gutters:
            return reading_order(self._split(lines, gutters), gutters) or lines
        # columns under or over a figure or a listing that spans them
        gutters = find_gutters(narrow_extents(extents), size)
        if not gutters:
            return lines
        return reading_order(lines, gutters, MIXED_MAX_ACROSS_SHARE) or lines

    def _gaps_in(self, lines: list[Line], size: float) -> bool:
        """Whether one of a few lines probed down the page holds a gap as wide as a
        gutter, between pieces of text, in the middle of its width."""
        step = max(len(lines) // (COLUMN_PROBES + 1), 1)
        for first, end, _ in self._spans[step::step][:COLUMN_PROBES]:
            extents = sorted(self._extents(first, end - first))
            start, reach = extents[0][:2]
            middles = []
            for left, right, _, _ in extents[1:]:
                if left - reach >= MIN_GUTTER_EMS * size:
                    middles.append((left + reach) / 2)
                reach = max(reach, right)
            margin = MIN_COLUMN_SHARE * (reach - start)
            if any(start + margin < middle < reach - margin for middle in middles):
                return True
        return False

    def _extents(self, first: int, count: int) -> list[tuple[float, float, float, float]]:
        """Left, right, bottom and top of each piece of text drawn as one object in the
        ``count`` characters from ``first`` (-1: to the page's end), in their order."""
        left, top, right, bottom = self._values[:4]
        extents = []
        for index in range(COUNT_RECTS(self.textpage, first, count)):
            RECT(self.textpage, index, *self._refs[:4])
            extents.append((left.value, right.value, bottom.value, top.value))
        return extents or [(0.0, 0.0, 0.0, 0.0)]

    def _split(self, lines: list[Line], gutters: list[Gutter]) -> list[Line]:
        """The lines, those that PDFium joined across a gutter cut where they cross it.

        Drawn row by row, the lines of two columns may come as one line going back
        and forth between them, its ends in one column: every line's pieces are
        looked at (one call into PDFium per piece, on pages in columns only)."""
        result = []
        for line, (first, end, mark) in zip(lines, self._spans, strict=True):
            cuts = self._cuts(first, end, [gutter.middle for gutter in gutters])
            if not cuts:
                result.append(line)
                continue
            cuts = [first, *cuts, end]
            for start, stop in itertools.pairwise(cuts):
                head = stop
                while head > start and self._page_text[head - 1] in " \t\x00\ufffe":
                    head -= 1
                result.append(self._line(start, head, mark if stop == end else ""))
        return result

    def _cuts(self, first: int, end: int, middles: list[float]) -> list[int]:
        """Where the pieces of characters ``first`` to ``end`` pass from one column
        (or from across a gutter) to another; ``middles`` are the gutters' middles."""
        cuts: list[int] = []
        place, reach = None, 0.0
        gap = MIN_CUT_GAP_EMS * FONT_SIZE(self.textpage, first) * self._scale(first)
        for left, right, bottom, top in self._extents(first, end - first):
            here = (bisect.bisect(middles, left), bisect.bisect(middles, right))
            apart = left >= reach + gap or left < reach - gap
            if place is not None and here != place and apart:
                index = _CHAR_AT(self.textpage, left + 0.1, (bottom + top) / 2, 0.5, 0.5)
                if first < index < end and (not cuts or index > cuts[-1]):
                    cuts.append(index)
            place, reach = here, right
        return cuts

    def _text(self) -> str:
        count = pdfium_c.FPDFText_CountChars(self.textpage)
        if count <= 0:
            return ""
        buffer = ctypes.create_string_buffer(count * 2 + 2)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFText_GetText(self.textpage, 0, count, pointer)
        # One UTF-16 unit per character index, so offsets in the text are char indices.
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
        if len(text) == count and not text.endswith("\x00"):
            return text
        # PDFium's text leaves out glyphs without a Unicode value (its end is then
        # padded with NULs) and writes a character beyond the BMP as two units: every
        # offset after one would point at the wrong character, so the page is read
        # one character at a time, an unmapped glyph as a NUL that the text drops. One
        # at a time, PDFium gives 2 where its text has U+FFFE (a hyphen breaking a
        # word), and a character beyond the BMP as its two UTF-16 units.
        text = "".join(chr(UNICODE(self.textpage, index)) for index in range(count))
        return _SURROGATES.sub(_paired, text.replace("\x02", "\ufffe"))

    def _without_marks(self, line: str, first: int, size: float, baseline: float) -> str:
        """The line's text without superscript footnote reference marks."""
        cut: list[tuple[int, int]] = []
        y, (x_ref, y_ref) = self._values[7], self._refs[6:]
        for match in _MARK_CANDIDATE.finditer(line):
            index = first + match.start(1)
            if FONT_SIZE(self.textpage, index) >= SUPERSCRIPT_RATIO * size:
                continue
            CHAR_ORIGIN(self.textpage, index, x_ref, y_ref)
            if y.value > baseline + 0.1 * size:
                cut.append(match.span())
                self.marks.add(match.group(1))
        for begin, stop in reversed(cut):
            line = line[:begin] + line[stop:]
        return line


def _paired(match: re.Match[str]) -> str:
    """A character beyond the BMP from its two UTF-16 units, then a NUL in the place of
    the second (the text keeps one character per index); a lone unit is U+FFFD."""
    units = match.group()
    if len(units) == 1:
        return "\ufffd"
    high, low = ord(units[0]) - 0xD800, ord(units[1]) - 0xDC00
    return chr(0x10000 + (high << 10) + low) + "\x00"


def _in_body(
    runs: list[tuple[int, int, str]], page_text: str, first: int, body: str
) -> tuple[tuple[int, int, str], ...]:
    """Runs of characters of the page (from ``first``) as offsets in the line's text,
    which may have lost a footnote mark or a final hyphen, or gained a space."""
    found, after = [], 0
    for start, end, target in runs:
        piece = page_text[start:end].strip(" \ufffe")
        at = start - first
        if body[at : end - first] != piece:
            at = body.find(piece, after)
        if piece and at >= after:
            found.append((at, at + len(piece), target))
            after = at + len(piece)
    return tuple(found)


def _glued(body: str) -> Iterator[int]:
    """Where a closing quotation mark or bracket meets a letter after it (not an
    apostrophe's "’s"), or an opening one a letter before it: the second's offset."""
    for match in _QUOTES.finditer(body):
        at = match.start()
        if match.group() in _CLOSING:
            after = body[at + 1 : at + 2]
            if after.isalpha() and not _CONTRACTION.match(body, at + 1):
                yield at + 1
        elif at and body[at - 1].isalpha():
            yield at


def page_lines(data: bytes) -> Sequence[Page]:
    """The lines of every page, before layout (for tests and diagnostics)."""
    document = _open(data, "input")
    try:
        anchors, tags = anchor_names(document.raw), page_tags(document.raw)
        return [_page(document, index, anchors, tags) for index in range(len(document))]
    finally:
        document.close()
