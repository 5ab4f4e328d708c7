"""Word's automatic numbering, computed the way Word displays it.

A numbered paragraph names a numbering instance (``w:numId``) and a level
(``w:ilvl``). The instance points to an abstract definition whose levels give a
start value, a number format (decimal, letters, roman numerals, bullets) and a
text such as ``(%1)`` or ``%1.%2.``. A bullet is drawn by Word, not text: its label is
empty, as Markdown's ``- item`` and HTML's ``<ul>`` items have none. Counters belong to
the abstract definition, so instances sharing one continue each other's numbering unless an instance
overrides a level's start, which restarts it where that instance is first used.
Counting a level resets the deeper levels (unless ``w:lvlRestart`` says otherwise).

>>> from lxml import etree
>>> W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
>>> xml = f'''<w:numbering xmlns:w="{W}">
...   <w:abstractNum w:abstractNumId="0">
...     <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="lowerLetter"/>
...       <w:lvlText w:val="(%1)"/></w:lvl>
...   </w:abstractNum>
...   <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
... </w:numbering>'''
>>> numbering = Numbering(etree.fromstring(xml))
>>> [numbering.label("1", 0) for _ in range(3)]
['(b)', '(c)', '(d)']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
"""Word lists have levels 0 to 8."""

MAX_LIST_NUMBER = 2**31 - 1
"""List numbers are clamped to plus or minus this, the range browsers keep them in:
a start of 900000000000 is read as this number, not refused."""
MAX_ROMAN = 3999
"""The largest number written in roman numerals (MMMCMXCIX); larger ones are written
in decimal digits, as browsers do for CSS's roman list styles."""
MAX_LETTERS = 26 * 26
"""The largest number written in letters (26 repetitions of ``z``); larger ones are
written in decimal digits, so that no label grows with its number."""

_LARGEST_SPELLED = {
    "lowerRoman": MAX_ROMAN, "upperRoman": MAX_ROMAN,
    "lowerLetter": MAX_LETTERS, "upperLetter": MAX_LETTERS,
}
_PLACEHOLDER = re.compile(r"%([1-9])")
_NUMBER = re.compile(r"[+-]?[0-9]{1,30}")


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    """The first number of the level."""
    format: str = "decimal"
    """``w:numFmt``: decimal, lowerLetter, upperRoman, bullet, none, ..."""
    text: str = "%1."
    """``w:lvlText``: the label with ``%N`` standing for level N's number."""
    restart: int | None = None
    """``w:lvlRestart``: restart after level N (1-based) is counted; 0 never; None after any."""
    legal: bool = False
    """``w:isLgl``: show every level's number in decimal."""


@dataclass(slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


class Numbering:
    """The numbering definitions of one document and the counters as it is read."""

    def __init__(
        self, element: Any | None, style_num_id: Callable[[str], str | None] | None = None
    ) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}
        self._instances: dict[str, _Instance] = {}
        self._style_num_id = style_num_id or (lambda _style: None)
        self._counters: dict[str, list[int | None]] = {}
        self._restarted: set[tuple[str, int]] = set()
        if element is not None:
            self._read(element)

    def _read(self, element: Any) -> None:
        for abstract in element.iterfind(f"{W}abstractNum"):
            key = abstract.get(f"{W}abstractNumId", "")
            self._abstract[key] = {
                _ilvl(lvl.get(f"{W}ilvl")): _level(lvl) for lvl in abstract.iterfind(f"{W}lvl")
            }
            link = _val(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in element.iterfind(f"{W}num"):
            instance = _Instance(_val(num, "abstractNumId") or "")
            for override in num.iterfind(f"{W}lvlOverride"):
                ilvl = _ilvl(override.get(f"{W}ilvl"))
                start = _val(override, "startOverride")
                if start is not None and _NUMBER.fullmatch(start.strip()):
                    instance.starts[ilvl] = parse_number(start, 1)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self._instances[num.get(f"{W}numId", "")] = instance

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word shows for the next paragraph numbered ``num_id`` at level
        ``ilvl`` (empty for a bullet, which is drawn, not written)."""
        instance = self._instances.get(num_id)
        if instance is None:
            return ""
        abstract, levels = self._levels(instance)
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        counters = self._counters.setdefault(abstract, [None] * LEVELS)
        self._count(counters, levels, instance, num_id, ilvl)
        level = levels.get(ilvl, Level())
        if level.format == "bullet":
            return ""
        shown = _PLACEHOLDER.sub(lambda m: self._shown(m, counters, levels, level), level.text)
        return shown.strip()

    def bulleted(self, num_id: str, ilvl: int) -> bool:
        """Whether ``num_id`` at level ``ilvl`` is a bullet list's level."""
        instance = self._instances.get(num_id)
        if instance is None:
            return False
        level = self._levels(instance)[1].get(min(max(ilvl, 0), LEVELS - 1), Level())
        return level.format == "bullet"

    def _levels(self, instance: _Instance) -> tuple[str, dict[int, Level]]:
        """The abstract definition an instance counts in, and its levels as overridden."""
        abstract = self._resolve(instance.abstract)
        return abstract, {**self._abstract.get(abstract, {}), **instance.levels}

    def _resolve(self, abstract: str) -> str:
        """Follow a ``w:numStyleLink`` to the definition its numbering style uses."""
        for _ in range(4):
            style = self._links.get(abstract)
            num_id = self._style_num_id(style) if style else None
            if num_id is None or num_id not in self._instances:
                break
            abstract = self._instances[num_id].abstract
        return abstract

    def _count(
        self,
        counters: list[int | None],
        levels: dict[int, Level],
        instance: _Instance,
        num_id: str,
        ilvl: int,
    ) -> None:
        level = levels.get(ilvl, Level())
        if ilvl in instance.starts and (num_id, ilvl) not in self._restarted:
            self._restarted.add((num_id, ilvl))
            counters[ilvl] = instance.starts[ilvl]
        else:
            current = counters[ilvl]
            counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None

    def _shown(
        self,
        match: re.Match[str],
        counters: list[int | None],
        levels: dict[int, Level],
        level: Level,
    ) -> str:
        index = int(match.group(1)) - 1
        shown = levels.get(index, Level())
        value = counters[index]
        number = shown.start if value is None else value
        return format_number(number, "decimal" if level.legal else shown.format)


def _ilvl(value: str | None) -> int:
    """A list level (``w:ilvl``), 0 to 8, whatever the file says."""
    return min(max(parse_number(value, 0), 0), LEVELS - 1)


def _level(lvl: Any) -> Level:
    start = _val(lvl, "start")
    restart = parse_number(_val(lvl, "lvlRestart"), -1)
    legal = lvl.find(f"{W}isLgl")
    return Level(
        start=parse_number(start, 1),
        format=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        restart=min(restart, LEVELS) if restart >= 0 else None,
        legal=legal is not None and legal.get(f"{W}val", "1") not in ("0", "false", "off"),
    )


def parse_number(value: str | None, default: int) -> int:
    """A list number written in a file, clamped to ``MAX_LIST_NUMBER``; ``default``
    when it is not a whole number in ASCII digits.

    >>> parse_number(" 900000000000", 1), parse_number("²", 1), parse_number("-3", 1)
    (2147483647, 1, -3)
    """
    text = (value or "").strip()
    if not _NUMBER.fullmatch(text):
        return default
    return max(-MAX_LIST_NUMBER, min(int(text), MAX_LIST_NUMBER))


def format_number(number: int, style: str) -> str:
    """A number as Word writes it in a list format; numbers beyond ``MAX_ROMAN`` or
    ``MAX_LETTERS`` in decimal digits.

    >>> [format_number(n, f) for n, f in [(4, "lowerRoman"), (28, "upperLetter"), (3, "ordinal")]]
    ['iv', 'BB', '3rd']
    >>> format_number(900_000, "upperRoman"), format_number(900_000, "lowerLetter")
    ('900000', '900000')
    """
    largest = _LARGEST_SPELLED.get(style)
    if largest is not None and number > largest:
        return str(number)
    if style in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if style == "upperRoman" else roman.lower()
    if style == "decimalZero":
        return f"{number:02d}"
    if style == "ordinal":
        return f"{number}{_ordinal_suffix(number)}"
    if style == "none":
        return ""
    return str(number)


def _roman(number: int) -> str:
    if number <= 0:
        return str(number)
    result = []
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        count, number = divmod(number, value)
        result.append(numeral * count)
    return "".join(result)


def _ordinal_suffix(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


