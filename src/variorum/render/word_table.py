"""Table rows of the Word redline as a Word table (``w:tbl``), one ``w:tr`` per row block.

A table row block's cells are joined by ``CELL_SEPARATOR`` in the Document's text (as
every reader writes them); the writer turns a separator into a cell boundary only where
both "Accept all" and "Reject all" show it, and leaves an inserted or deleted separator as
text inside a cell, so both readings give back the row's text. A row inserted or deleted
whole is tracked as such on the row (``w:trPr``), as Word tracks rows.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from variorum.document import CELL_SEPARATOR

__all__ = ["CELL_SEPARATOR", "Tables"]

TEXT_WIDTH = 8640
"""Twentieths of a point: the text width of python-docx's default page (6 inches)."""


class Tables:
    """The table being written, if any: rows are added to it until a block that is not
    a table row comes, and its grid is sized to its widest row when it ends."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.table: Any = None
        self.row: Any = None
        self.widest = 0

    def new_row(self) -> Any:
        """A new row (in the open table, or a new one) with one cell; its paragraph."""
        if self.table is None:
            self.table = self.document.add_table(rows=0, cols=1, style="Table Grid")._tbl
            self.widest = 0
        self.row = OxmlElement("w:tr")
        self.table.append(self.row)
        return self.new_cell()

    def new_cell(self) -> Any:
        """A new cell at the end of the current row; its paragraph."""
        cell, paragraph = OxmlElement("w:tc"), OxmlElement("w:p")
        cell.append(paragraph)
        self.row.append(cell)
        self.widest = max(self.widest, len(self.row.findall(qn("w:tc"))))
        return paragraph

    def holds(self, paragraph: Any) -> bool:
        """Whether ``paragraph`` is in a cell of the current row."""
        return self.row is not None and paragraph.getparent().getparent() is self.row

    def track_row(self, revision: Any) -> None:
        """Mark the current row inserted or deleted (``revision`` is ``w:ins`` or ``w:del``)."""
        properties = OxmlElement("w:trPr")
        # the schema wants a row property before the revision: the row keeps to one page
        properties.append(OxmlElement("w:cantSplit"))
        properties.append(revision)
        self.row.insert(0, properties)

    def close(self) -> None:
        """End the open table: its grid gets one column per cell of its widest row."""
        if self.table is None:
            return
        grid = self.table.find(qn("w:tblGrid"))
        for column in list(grid):
            grid.remove(column)
        for _ in range(max(self.widest, 1)):
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(TEXT_WIDTH // max(self.widest, 1)))
            grid.append(column)
        self.table = self.row = None
