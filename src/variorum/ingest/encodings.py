"""Which encoding a text without a byte-order mark is written in, when it is not UTF-8.

Three families are told apart here, each by what its bytes look like:

- the wide Unicode forms (UTF-32 and UTF-16, either byte order): the decoding that
  is valid and reads as text, fewest Unicode blocks first;
- ISO-2022-JP and ISO-2022-KR, 7-bit encodings that switch character sets with
  escape sequences (``ESC $ B``);
- the 8-bit code pages of European languages (Windows-1252, Windows-1250, ISO-8859-2,
  Windows-1254): the one whose letters best fit the alphabet of one language.

>>> legacy_code_page("Zaključak je da se ugovor mora poštovati.".encode("cp1250"))
'cp1250'
>>> wide_unicode("Договор вступает в силу.\\n".encode("utf-16-le"))
'utf-16-le'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

WIDE_ENCODINGS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
"""Tried in this order: a UTF-16 text is never valid UTF-32, the reverse gives NULs."""
MIN_TEXT_SHARE = 0.95
"""A wide decoding reads as text when at least this share of its characters are
letters, marks, digits, punctuation, spaces or line breaks (binary data decoded as
UTF-16 gives unassigned, private-use and control characters)."""
MIN_SEPARATOR_SHARE = 0.02
"""...and at least this share of them are spaces, line breaks or punctuation."""

_ISO2022 = (
    (re.compile(rb"\x1b\$\)C"), "iso2022_kr"),
    (re.compile(rb"\x1b(?:\$[@B]|\$\(D|\([BJI])"), "iso2022_jp_2"),
)
_TEXT_CATEGORIES = frozenset("LMNPZ")

CODE_PAGES = ("cp1252", "cp1250", "iso8859_2", "cp1254")
"""Candidates for 8-bit text, in the order that settles a tie (Western first)."""
ALPHABETS: dict[str, tuple[str, ...]] = {
    "cp1252": (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíóúñü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "éëïóöü",  # Dutch
        "åäöšž",  # Swedish, Finnish
        "æøåé",  # Danish, Norwegian
        "áðéíóúýþæö",  # Icelandic
    ),
    "cp1250": (
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Bosnian, Serbian (Latin), Slovene
        "ăâîşţ",  # Romanian
        "äöüß",  # German
    ),
    "cp1254": ("çğıöşüâîû",),  # Turkish
}
"""The non-ASCII lower-case letters of the languages each code page is made for
(ISO-8859-2 holds the letters of Windows-1250)."""
ALPHABETS["iso8859_2"] = ALPHABETS["cp1250"]


def wide_unicode(data: bytes, sample_bytes: int = 8192) -> str | None:
    """The UTF-32 or UTF-16 form the start of ``data`` reads as text in, or None."""
    best: tuple[int, str] | None = None
    for encoding in WIDE_ENCODINGS:
        if len(data) % (4 if "32" in encoding else 2):
            continue
        try:  # incremental: the sample may end inside a character
            text = codecs.getincrementaldecoder(encoding)().decode(data[:sample_bytes])
        except UnicodeDecodeError:
            continue
        if _text_share(text) >= MIN_TEXT_SHARE and _separated(text):
            blocks = len({ord(char) >> 7 for char in text})
            if best is None or blocks < best[0]:
                best = (blocks, encoding)
    return best[1] if best else None


def _separated(text: str) -> bool:
    """Whether words and sentences are set apart in ``text`` as writing does, by spaces,
    line breaks or punctuation (CJK's 。 and 、 too): binary data read as UTF-16 makes
    letters, ideographs mostly, with nothing between them."""
    separators = sum(1 for char in text if char.isspace() or unicodedata.category(char)[0] == "P")
    return separators >= MIN_SEPARATOR_SHARE * len(text)


def _text_share(text: str) -> float:
    if not text:
        return 0.0
    texty = sum(
        1 for char in text if char in "\n\r\t" or unicodedata.category(char)[0] in _TEXT_CATEGORIES
    )
    return texty / len(text)


def iso2022(sample: bytes) -> str | None:
    """``iso2022_jp_2`` or ``iso2022_kr`` if the sample switches character sets the
    way those encodings do, else None."""
    if b"\x1b" not in sample:
        return None
    for pattern, encoding in _ISO2022:
        if pattern.search(sample):
            return encoding
    return None


def legacy_code_page(data: bytes) -> str | None:
    """The European code page whose reading of ``data`` best fits one language's
    alphabet, or None when no reading is readable (``readable`` decides)."""
    best: tuple[float, str] | None = None
    for encoding in CODE_PAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not readable(text):
            continue
        fit = language_fit(text, ALPHABETS[encoding]) - _stray_share(text)
        if best is None or fit > best[0]:
            best = (fit, encoding)
    return best[1] if best else None


def language_fit(text: str, alphabets: tuple[str, ...]) -> float:
    """The largest share of the text's non-ASCII letters that one alphabet holds.

    >>> language_fit("zaključak određuje", ALPHABETS["cp1250"])
    1.0
    >>> language_fit("zakljuèak odreðuje", ALPHABETS["cp1252"])  # the same bytes in 1252
    0.5
    """
    letters = [char for char in text.lower() if not char.isascii() and char.isalpha()]
    if not letters:
        return 1.0
    return max(sum(1 for char in letters if char in alphabet) for alphabet in alphabets) / len(
        letters
    )


FOREIGN_WORD_SHARE = 0.2
"""A reading is refused if more than this share of its words (of three letters or
more) have no ASCII letter: European words mix accents with plain letters, while
Cyrillic or Greek bytes read in a Latin code page make words of accented letters only."""
# Non-ASCII characters that European text commonly holds besides letters:
# typographic quotes and dashes, bullets, currency, symbols.
_PUNCTUATION = set("“”‘’„‚–—…•€£¥¢«»‹›°§¶©®™±×÷·¡¿¼½¾¹²³ªº\u00a0\u00ad")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")
# A symbol between two letters ("Za¿ó³æ", "dr¾ave") is the mark of bytes read in the
# wrong code page.
_MID_WORD_SYMBOL = re.compile(r"(?<=[^\W\d_])(?:[^\w\s\x00-\x7f’·\u00ad]|[¹²³¼½¾])(?=[^\W\d_])")
# A symbol opening a word in lower case ("®alba", "¹ef" for "Žalba", "šef") is one too.
_WORD_OPENING_SYMBOL = re.compile(r"(?<![^\W\d_])[¹²³¼½¾®©¤¦¬±¶](?=[^\W\d_A-Z])")


def _stray_share(text: str) -> float:
    """Symbols opening words in lower case, as a share of the non-ASCII letters: a
    reading whose letters fit a language as well as another's but that makes these
    is the wrong one (ISO-8859-2 read as Windows-1252 keeps ``č`` as ``è``)."""
    letters = sum(1 for char in text if not char.isascii() and char.isalpha())
    return len(_WORD_OPENING_SYMBOL.findall(text)) / max(letters, 1)


def readable(text: str) -> bool:
    """Whether text read in a European code page looks like a European language, not
    mojibake: no stray symbols, no symbol inside a word, few words without ASCII letters."""
    for char in set(text):
        if not char.isascii() and not char.isalpha() and char not in _PUNCTUATION:
            return False
    if _MID_WORD_SYMBOL.search(text):
        return False
    words = _LONG_WORD.findall(text)
    foreign = sum(1 for word in words if not any(char.isascii() for char in word))
    return foreign <= FOREIGN_WORD_SHARE * len(words)
