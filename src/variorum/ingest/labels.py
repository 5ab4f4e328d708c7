"""Numbering labels at the start of a block: ``(a)``, ``(12)``, ``2.``, ``1.2.``,
``Article 5``, ``§ 3``, ``I.``, bullets. Kept apart from the body so that a
renumbered provision still aligns with its earlier self.

>>> find_label("(b) Not to use information")
(0, 3)
>>> find_label("Article 5. Each State")
(0, 10)
>>> find_label("2015 was a year") is None
True
"""

from __future__ import annotations

import re

from variorum.compiled import twins
from variorum.document import WORD_LABELS

_ROMAN = r"[ivxlcdm]{1,7}|[IVXLCDM]{1,7}"
_SPACE = r"[^\S\n]"
"""Whitespace inside a label: any but a line break. A label never runs onto the next
line, which may be another block ("Sec." ending a line, "0" starting the next): its end
would lie past its own block's."""
LABEL_PATTERN = re.compile(
    r"(?:"
    rf"\({_SPACE}*(?:\d{{1,3}}[a-z]?|[a-zA-Z]{{1,2}}|{_ROMAN}){_SPACE}*\)"  # (a) (12) (iv) (2a)
    rf"|(?:\d{{1,3}}(?:\.\d{{1,3}})*|[a-zA-Z]|{_ROMAN})[.)]"  # 2. 1.2. a) I.
    r"|\d{1,3}(?:\.\d{1,3})+"  # 1.2 (no final dot)
    rf"|(?:{'|'.join(map(re.escape, WORD_LABELS))})"
    rf"{_SPACE}+(?:\d{{1,3}}[a-z]?|{_ROMAN})\.?"  # Article 5, Section IV.
    rf"|§{{1,2}}{_SPACE}*\d{{1,3}}[a-z]?\.?"  # § 3, §§ 12
    r"|[-*•·◦▪–]"  # bullets
    r")"
    r"(?=\s|$)"
)


def find_label(text: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets of the numbering label at ``text[start:]``, or None (``LABEL_PATTERN``,
    read by its compiled twin when there is one)."""
    if twins.find_label is not None:
        return twins.find_label(text, start)
    match = LABEL_PATTERN.match(text, start)
    return match.span() if match else None
