"""Two blocks whose redline keeps no word are not shown as one block rewritten.

The WhatsApp excerpt is from the Platform Governance Archive (PGA v2; ZeMKI, University
of Bremen), licensed under the Open Data Commons Attribution License (ODC-By):
WhatsApp/Privacy Policy.md e200d1be..9a9aa998, shortened.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import variorum
from variorum.comparison import Comparison, RowKind

Redline = Callable[..., str]

KEPT = "We store information for as long as necessary for the purposes identified in this policy."
LEGAL = (
    "Legal Obligations And Issues. For example, we also keep your information for legal"
    " reasons such as when we have a legal obligation to retain data, to enforce and prevent"
    " violations of our Terms or if necessary to protect rights, property and users."
)
OPERATIONAL = (
    "Operational Retention Needs. For example, we do not retain your messages when providing"
    " our Services, and so once your messages are delivered they are deleted from our servers."
)
CHOICES = "We keep your User Choices for the lifetime of your account."
AUTHENTICATION = "We keep Authentication Information for the lifetime of your account."
COOKIES = "We keep information collected using Cookies for 90 days."
END = "You can delete your account at any time in the app's settings."
OLD = f"{KEPT}\n\n{LEGAL}\n\n{OPERATIONAL}\n\n{END}\n"
NEW = f"{KEPT}\n\n{CHOICES}\n\n{AUTHENTICATION}\n\n{COOKIES}\n\n{END}\n"
"""Retention reasons replaced by a list of retention periods: the old paragraphs share
with the new items only scattered words (``we``, ``keep``, ``information``, ``for``)."""


def rows_in_notation(redline: Redline, old: str, new: str, **options: object) -> list[str]:
    """The rows of the redline, without the blank lines that end their blocks."""
    rows = redline(old, new, **options).split(" | ")
    return [re.sub(r"\s+</(ins|del)>$", r"</\1>", row.strip()) for row in rows]


def test_paragraphs_alike_by_scattered_words_are_deleted_and_inserted(redline: Redline) -> None:
    assert rows_in_notation(redline, OLD, NEW) == [
        KEPT,
        f"<ins>{CHOICES}</ins>",
        f"<del>{LEGAL}</del>",
        f"<ins>{AUTHENTICATION}</ins>",
        f"<del>{OPERATIONAL}</del>",
        f"<ins>{COOKIES}</ins>",
        END,
    ]


def test_a_numbering_label_kept_is_no_word_of_the_text_kept() -> None:
    # (a) and (b) stand where they stood; the provisions under them share no word
    old = f"{KEPT}\n\n(a) {LEGAL}\n\n(b) {OPERATIONAL}\n\n{END}\n"
    new = f"{KEPT}\n\n(a) {AUTHENTICATION}\n\n(b) {COOKIES}\n\n{END}\n"
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert RowKind.CHANGED not in kinds and RowKind.RENUMBERED not in kinds
    assert kinds.count(RowKind.DELETED) == kinds.count(RowKind.INSERTED) == 2


def test_the_rule_can_be_turned_off(redline: Redline) -> None:
    rows = rows_in_notation(redline, OLD, NEW, pair_kept_words=0)
    assert f"<del>{LEGAL[:-1]}</del><ins>{AUTHENTICATION[:-1]}</ins>." in rows


def test_a_clause_in_capitals_rewritten_in_sentence_case_is_one_edited_block() -> None:
    # the word diff, which minds letter case, keeps none of its words; the clause it
    # shares apart from case ("you may not use the licensed material") makes it one block
    old = f"{KEPT}\n\nYOU MAY NOT USE THE LICENSED MATERIAL IF YOU ARE UNDER AGE.\n\n{END}\n"
    new = (
        f"{KEPT}\n\nYou may not use the Licensed Material or accept this Agreement if you"
        f" are not of legal age to form a binding contract with X.\n\n{END}\n"
    )
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.CHANGED, RowKind.EQUAL]


def test_a_rewritten_agenda_line_is_still_one_edited_line(icoc: Comparison) -> None:
    (row,) = [r for r in icoc.rows if r.old.of(icoc.old.text).startswith("Item 93")]
    assert row.kind is RowKind.CHANGED
    assert row.new.of(icoc.new.text).startswith("Agenda item 91")


def test_an_image_line_whose_address_lost_its_scheme_is_one_edited_line() -> None:
    # TikTok/Community Guidelines.md c439599..9ea1952 read as plain text: one web
    # address against the many words of the same address without "https:"
    image = "//p16-ttak-va.tiktokcdn.com/tos-maliva-i-m3rm1y8daf-us/1476805fb~tplv-default.image"
    old = f"{KEPT}\n\n![](https:{image})\n\n{END}\n"
    new = f"{KEPT}\n\n![]({image})\n\n{END}\n"
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.CHANGED, RowKind.EQUAL]
