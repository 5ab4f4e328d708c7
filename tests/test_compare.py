"""The engine as a user sees it: what is marked inserted, deleted, moved, renumbered."""

import gc
import threading
from collections.abc import Callable
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

import variorum
from variorum.comparison import RowKind
from variorum.errors import UsageError
from variorum.ingest import parse_markdown, parse_text

Redline = Callable[..., str]

PARAGRAPHS = [
    "The States subscribing to this code pledge to cooperate in good faith.",
    "Each State shall protect the information space of its citizens.",
    "Nothing in this code shall be read as limiting freedom of expression.",
    "Disputes shall be settled by peaceful means in accordance with the Charter.",
    "This code is open to all States and adherence to it is voluntary.",
]


def test_word_changes_are_whole_words(redline: Redline) -> None:
    assert redline("The quick brown fox.", "The slow brown fox.") == (
        "The <del>quick</del><ins>slow</ins> brown fox."
    )


def test_phrases_replaced_not_confetti_of_short_words(redline: Redline) -> None:
    result = redline(
        "dealt with in the spirit of mutual respect today",
        "dealt with in the sphere of information security today",
    )
    assert result == (
        "dealt with in the <del>spirit of mutual respect</del>"
        "<ins>sphere of information security</ins> today"
    )


def test_renumbered_provision_is_one_row_with_its_word_changes(redline: Redline) -> None:
    old = "(b) Not to use information technologies to carry out hostile activities;"
    new = "(2) Not to use information technologies to carry out unlawful activities;"
    assert redline(old, new) == (
        "<del#>(b)</del#><ins#>(2)</ins#> Not to use information technologies to carry out "
        "<del>hostile</del><ins>unlawful</ins> activities;"
    )


def test_rows_are_values_that_cannot_be_changed() -> None:
    """A caller holding a Comparison cannot alter its rows by accident (rows are made
    by a hand-written ``__init__``, for speed); a changed copy is made with ``replace``."""
    comparison = variorum.compare("Keep this.\n\nDrop this.\n", "Keep this.\n")
    row = comparison.rows[-1]
    with pytest.raises(FrozenInstanceError):
        row.kind = RowKind.EQUAL  # type: ignore[misc]
    assert row.kind is RowKind.DELETED and row.stats.words_deleted == 2
    copy = replace(row, link=7)
    assert (copy.link, copy.kind, copy.ops) == (7, row.kind, row.ops)
    assert replace(copy, link=None) == row and hash(replace(copy, link=None)) == hash(row)


def test_renumbering_alone_is_its_own_kind() -> None:
    comparison = variorum.compare("(i) To develop measures.", "(10) To develop measures.")
    (row,) = comparison.rows
    assert row.kind is RowKind.RENUMBERED
    assert comparison.has_changes


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        (
            "Article 6 of the GDPR is our legal basis for processing your health data.",
            "Article 9 of the GDPR is our legal basis for processing your health data.",
            "Article <del>6</del><ins>9</ins> of the GDPR",
        ),
        (
            "Rule 3 prohibits sharing intimate media without consent.",
            "Rule 5 prohibits sharing intimate media without consent.",
            "Rule <del>3</del><ins>5</ins> prohibits",
        ),
        (
            "(EU) users may object to processing at any time.",
            "(UK) users may object to processing at any time.",
            "(<del>EU</del><ins>UK</ins>) users",
        ),
        (
            "J. Smith is our Data Protection Officer.",
            "K. Smith is our Data Protection Officer.",
            "<del>J</del><ins>K</ins>. Smith",
        ),
        (  # TikTok's privacy policy names its transfer basis so, in a list of them
            "Article 49. In the absence of an adequacy decision, we rely on derogations.",
            "Article 46. In the absence of an adequacy decision, we rely on derogations.",
            "Article <del>49</del><ins>46</ins>. In the absence",
        ),
        (
            "Section 3 (subject to 3.1.1) survives termination.",
            "Section 8 (subject to 3.1.1) survives termination.",
            "Section <del>3</del><ins>8</ins> (subject",
        ),
        (
            "123.45.67.89 - 25/Mar/2003 10:15:32 - a logged search",
            "98.76.54.32 - 25/Mar/2003 10:15:32 - a logged search",
            "<del>123.45.67.89</del><ins>98.76.54.32</ins> - 25/Mar/2003",
        ),
        (  # an address with no number of three digits, where no section is so deep
            "10.0.0.1 is the gateway of the office network.",
            "10.0.0.2 is the gateway of the office network.",
            "<del>10.0.0.1</del><ins>10.0.0.2</ins> is the gateway",
        ),
    ],
)
def test_a_changed_word_that_looks_like_a_label_is_a_change_of_the_text(
    redline: Redline, old: str, new: str, shown: str
) -> None:
    # a careful reader: the legal basis changed; "renumbered, 0 words" would hide it
    comparison = variorum.compare(old, new)
    assert [row.kind for row in comparison.rows] == [RowKind.CHANGED]
    assert (comparison.stats.words_inserted, comparison.stats.words_deleted) == (1, 1)
    assert redline(old, new).startswith(shown)


def test_labels_that_number_their_blocks_are_renumbered() -> None:
    # a word label numbers its block where the document numbers others by that word
    pairs = [
        ("Article 5. Each State shall cooperate.", "Article 7. Each State shall cooperate."),
        ("Section 3 Definitions", "Section 4 Definitions"),
        ("(b) the user agrees to these terms.", "(c) the user agrees to these terms."),
    ]
    for old, new in pairs:
        other = f"{old.split()[0]} 9. Final provisions.\n"
        kinds = [
            row.kind for row in variorum.compare(f"{old}\n\n{other}", f"{new}\n\n{other}").rows
        ]
        assert kinds[0] is RowKind.RENUMBERED, old
    deep = "1.2.3.4 Gateways.\n\n1.2.3.5 Printers.\n"  # sections four levels deep
    kinds = [row.kind for row in variorum.compare(deep, deep.replace("1.2.3.4", "1.2.3.6")).rows]
    assert kinds[0] is RowKind.RENUMBERED
    # one letter and a full stop numbers a block where other blocks are numbered so
    old = "A. Scope of the terms.\n\nB. Payment is due monthly.\n"
    new = "A. Scope of the terms.\n\nB. Who may use the service.\n\nC. Payment is due monthly.\n"
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert RowKind.RENUMBERED in kinds and RowKind.CHANGED not in kinds
    # and a roman I. among II. and III.
    old = "I. Scope of the terms.\n\nII. Payment is due monthly.\n"
    new = "I. Who may use the service.\n\nII. Scope of the terms.\n\nIII. Payment is due monthly.\n"
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds.count(RowKind.RENUMBERED) == 2 and RowKind.CHANGED not in kinds


def test_a_typed_bullet_against_a_list_item_without_one_is_a_label_change(
    redline: Redline,
) -> None:
    # a plain text's (or an untagged PDF's) "•" is a label; Markdown's list item has none
    typed = parse_text("• Each State shall cooperate.\n\n• Disputes are settled.\n")
    listed = parse_markdown("- Each State shall cooperate.\n- Disputes are resolved.\n")
    comparison = variorum.compare(typed, listed)
    assert [row.kind for row in comparison.rows] == [RowKind.RENUMBERED, RowKind.CHANGED]
    assert (comparison.stats.words_inserted, comparison.stats.words_deleted) == (1, 1)
    assert redline("• Disputes are settled.", "Disputes are resolved.") == (
        "<del#>• </del#><ins#></ins#>Disputes are <del>settled</del><ins>resolved</ins>."
    )


def test_passages_alike_only_in_function_words_are_not_one_rewritten() -> None:
    # X's Deceased Users page: a list item facing a new notice in the same place
    old = "Start here.\n\ntakes pleasure in the suffering of the deceased.\n\nEnd here now.\n"
    new = (
        "Start here.\n\nIn the event of the death of a user, we can work with a person"
        " authorized to act on behalf of the estate, or with a verified immediate family"
        " member of the deceased to have an account deactivated.\n\nEnd here now.\n"
    )
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.DELETED, RowKind.INSERTED, RowKind.EQUAL]


def test_a_heading_is_not_paired_with_a_paragraph_holding_its_few_words() -> None:
    # the Reddit privacy policy: the renamed heading, and a new paragraph before it
    old = parse_markdown(
        "We want you to understand how we collect information.\n\n"
        "# What We Collect (and How it is Used and Shared)\n\nInformation you provide.\n"
    )
    new = parse_markdown(
        "We want you to understand how we collect information.\n\nAny data we collect"
        " is used primarily to provide our services, which are focused on allowing people"
        " to come together and form communities.\n\n# What Information We Collect\n\n"
        "Information you provide.\n"
    )
    comparison = variorum.compare(old, new)
    paired = [row for row in comparison.rows if row.kind is RowKind.CHANGED]
    assert all(
        comparison.old.blocks[row.old_blocks[0]].kind
        is comparison.new.blocks[row.new_blocks[0]].kind
        for row in paired
    )


def test_a_line_rewritten_around_a_shared_phrase_is_still_one_edited_line() -> None:
    old = "Intro.\n\nMisleading AIGC or edited media that falsely shows:\n\nOutro.\n"
    new = (
        "Intro.\n\nAIGC or significantly edited content that misleads about a matter of"
        " public importance, such as:\n\nOutro.\n"
    )
    assert [row.kind for row in variorum.compare(old, new).rows][1] is RowKind.CHANGED


SPLIT_OFF_OLD = (
    "We prohibit sharing pornographic content. We also ban commercial sexual services of"
    " any kind. Breastfeeding and other nudity in non-sexual contexts is generally"
    " permitted.\n\nWe prohibit any sexual exploitation of a minor.\n\nSee our explainer.\n"
)
SPLIT_OFF_NEW = (
    "We prohibit any sexual exploitation of a minor.\n\nWe prohibit sharing pornographic"
    " content. We also ban commercial sexual services of any kind.\n\nBreastfeeding and"
    " other nudity in non-sexual contexts is generally permitted.\n\nSee our explainer.\n"
)
"""A paragraph moved, and its last sentence made a paragraph of its own where it arrived
(the Snapchat guidelines, abe1226..eff3f1d, shortened)."""


def test_a_sentence_split_off_a_moved_paragraph_is_moved_not_deleted_and_inserted() -> None:
    comparison = variorum.compare(SPLIT_OFF_OLD, SPLIT_OFF_NEW)
    kinds = [row.kind for row in comparison.rows]
    assert kinds[:4] == [RowKind.MOVED_FROM, RowKind.EQUAL, RowKind.MOVED_TO, RowKind.INSERTED]
    (move,) = comparison.text_moves
    assert (move.old_row, move.new_row) == (2, 3)
    assert move.new.of(comparison.new.text).startswith("Breastfeeding and other nudity")
    stats = comparison.stats
    assert (stats.words_inserted, stats.words_deleted, stats.words_moved) == (0, 0, 25)
    markdown = variorum.render(comparison, "markdown")
    assert "{== Breastfeeding and other nudity in non-sexual contexts is generally" in markdown
    assert "permitted.==}{>>moved to c-3<<}" in markdown
    assert "{--" not in markdown and "{++" not in markdown


def test_a_sentence_moved_before_another_sentences_full_stop_is_moved() -> None:
    # the Facebook privacy policy, 630993e..eb1bd1b: the diff keeps the first
    # sentence's full stop as the moved one's, which then holds none of its own
    first = "Sharing your profile with third parties upon your request when you use our Products."
    example = (
        "For example, we share your email address with an advertiser so that they can reach you."
    )
    moved = "The type of third party and information shared depend on what you ask us to share."
    comparison = variorum.compare(f"{first} {example} {moved}\n", f"{moved} {example}\n")
    (move,) = comparison.text_moves
    assert move.new.of(comparison.new.text) == moved[:-1]
    stats = comparison.stats
    assert (stats.words_inserted, stats.words_moved) == (0, 16)
    markdown = variorum.render(comparison, "markdown")
    assert "{++" not in markdown and f"{{=={moved[:-1]}==}}{{>>moved from c-0<<}}." in markdown


def test_a_moved_sentence_whose_final_mark_changed_is_not_only_moved() -> None:
    kept = "Authenticity is the cornerstone of our community"
    one, two = "We remove spam and fake accounts every day.", "We work with the police."
    comparison = variorum.compare(f"{one} {kept}.\n\n{two}\n", f"{one}\n\n{two} {kept}!\n")
    assert comparison.text_moves == ()  # "." became "!": a change, not text that only moved


def test_moved_paragraph_is_shown_as_moved_with_links_between_its_ends() -> None:
    old = "\n".join(PARAGRAPHS)
    new = "\n".join([PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[1], PARAGRAPHS[4]])
    comparison = variorum.compare(old, new)
    moved = [row for row in comparison.rows if row.kind in (RowKind.MOVED_FROM, RowKind.MOVED_TO)]
    assert [row.kind for row in moved] == [RowKind.MOVED_FROM, RowKind.MOVED_TO]
    source, target = moved
    assert source.link == target.index and target.link == source.index
    assert source.old.of(comparison.old.text).strip() == PARAGRAPHS[1]
    assert comparison.stats.words_moved == 10
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0


def test_moved_and_edited_paragraph_keeps_its_word_changes() -> None:
    old = "\n".join(PARAGRAPHS)
    edited = PARAGRAPHS[1].replace("citizens", "people")
    new = "\n".join([PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], edited, PARAGRAPHS[4]])
    comparison = variorum.compare(old, new)
    target = next(row for row in comparison.rows if row.kind is RowKind.MOVED_TO)
    assert target.stats.words_inserted == 1 and target.stats.words_deleted == 1


def test_inserted_and_deleted_paragraphs(redline: Redline) -> None:
    old = "\n".join(PARAGRAPHS[:3])
    new = "\n".join([PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3]])
    assert redline(old, new).split(" | ") == [
        PARAGRAPHS[0],
        f"<del>{PARAGRAPHS[1]}\n</del>",
        PARAGRAPHS[2],
        f"<ins>{PARAGRAPHS[3]}\n</ins>",
    ]


def test_paragraph_split_in_two_is_one_split_row() -> None:
    first = "Each State shall protect the information space of its citizens."
    second = "It shall also cooperate with other States in doing so."
    comparison = variorum.compare(
        f"{PARAGRAPHS[0]}\n{first} {second}\n{PARAGRAPHS[4]}",
        f"{PARAGRAPHS[0]}\n{first}\n{second}\n{PARAGRAPHS[4]}",
    )
    kinds = [row.kind for row in comparison.rows]
    assert kinds == [RowKind.EQUAL, RowKind.SPLIT, RowKind.EQUAL]
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0


def test_paragraphs_merged_into_one_is_one_merged_row() -> None:
    first = "Each State shall protect the information space of its citizens."
    second = "It shall also cooperate with other States in doing so."
    comparison = variorum.compare(f"{first}\n{second}", f"{first} {second}")
    assert [row.kind for row in comparison.rows] == [RowKind.MERGED]


def test_lone_rewritten_block_is_an_edit_not_a_deletion_and_insertion(redline: Redline) -> None:
    old = f"{PARAGRAPHS[0]}\n14 September, 2011\n{PARAGRAPHS[1]}"
    new = f"{PARAGRAPHS[0]}\n13 January, 2015\n{PARAGRAPHS[1]}"
    assert redline(old, new).split(" | ")[1] == (
        "<del>14 September, 2011</del><ins>13 January, 2015</ins>"
    )


def test_a_lone_date_line_is_not_rewritten_into_a_long_notice() -> None:
    # X/Terms of Service.md 89a35f6..256cc33 (PGA, ODC-By): the effective date gave way
    # to a notice of 45 words with no word in common
    notice = (
        "X's Terms of Service for users outside the European Union, EFTA States, or the "
        "United Kingdom (including in the United States) have been updated. X's Terms of "
        "Service for users in the European Union, EFTA States or the United Kingdom have "
        "also been updated; please read both before you use the services."
    )
    old = f"{PARAGRAPHS[0]}\n\nEffective: January 15, 2026\n\n{PARAGRAPHS[1]}"
    new = f"{PARAGRAPHS[0]}\n\n{notice}\n\n{PARAGRAPHS[1]}"
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.DELETED, RowKind.INSERTED, RowKind.EQUAL]


def test_a_lone_heading_is_not_rewritten_into_a_list_item(tmp_path: Path) -> None:
    # Facebook/Privacy Policy.md e7bf2d9..75ca8b3: a heading removed, a list item added
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("Intro paragraph.\n\n## Information with special protections\n\nEnd.\n")
    new.write_text("Intro paragraph.\n\n* Your photo or video selfie if you provide it\n\nEnd.\n")
    kinds = [row.kind for row in variorum.compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.DELETED, RowKind.INSERTED, RowKind.EQUAL]


def test_a_paragraph_that_moved_is_not_rewritten_into_the_new_one_in_its_place() -> None:
    # the last paragraph moved to the top (losing its first word) and a new paragraph
    # took its place: not "the last paragraph rewritten into the new one"
    moved = "Each State shall protect the information space of its citizens"
    new_paragraph = "Disputes go to arbitration in Geneva, before three arbitrators."
    old = f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[2]}\n\nFurthermore, {moved}.\n"
    new = f"{moved}.\n\n{PARAGRAPHS[0]}\n\n{PARAGRAPHS[2]}\n\n{new_paragraph}\n"
    rows = variorum.compare(old, new).rows
    kinds = [row.kind for row in rows]
    assert RowKind.INSERTED in kinds and RowKind.MOVED_TO in kinds
    inserted = next(row for row in rows if row.kind is RowKind.INSERTED)
    assert new_paragraph in inserted.new.of(new + "\n")
    assert RowKind.CHANGED not in kinds


def test_a_lone_block_grown_around_a_clause_it_kept_is_one_edit() -> None:
    old = f"{PARAGRAPHS[0]}\n\nThe Code applies today.\n\n{PARAGRAPHS[1]}"
    grown = (
        "From the day of its adoption by the General Assembly, and for every State that "
        "subscribes to it in writing, The Code applies today and until it is replaced."
    )
    new = f"{PARAGRAPHS[0]}\n\n{grown}\n\n{PARAGRAPHS[1]}"
    comparison = variorum.compare(old, new)
    assert [row.kind for row in comparison.rows] == [RowKind.EQUAL, RowKind.CHANGED, RowKind.EQUAL]
    assert ("=", "The Code applies today") in comparison.segments()


@pytest.mark.parametrize(
    ("old", "new", "options"),
    [
        ("The Code applies.", "the code APPLIES.", {"ignore_case": True}),
        ("The  code\tapplies .", "The code applies.", {"ignore_whitespace": True}),
        ("States; and, the code.", "States and the code", {"ignore_punctuation": True}),
        ("“States’ rights” — here", '"States\' rights" - here', {"fold_typography": True}),
    ],
)
def test_options_make_ignored_differences_equal(
    old: str, new: str, options: dict[str, bool]
) -> None:
    assert variorum.compare(old, new).has_changes
    assert not variorum.compare(old, new, **options).has_changes


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("A late fee of 1.5% per month.", "A late fee of 15% per month."),
        ("The limits of Section 3.1 apply.", "The limits of Section 31 apply."),
        ("We pay up to 1,000.5 euros.", "We pay up to 1.0005 euros."),
    ],
)
def test_ignoring_punctuation_still_compares_the_marks_inside_numbers(old: str, new: str) -> None:
    comparison = variorum.compare(old, new, ignore_punctuation=True)
    stats = comparison.stats
    assert (stats.words_inserted, stats.words_deleted) == (1, 1)  # the number, replaced
    assert not variorum.compare(old, old + ";", ignore_punctuation=True).has_changes


def test_ignored_differences_still_rebuild_both_texts() -> None:
    comparison = variorum.compare("The Code applies.", "the code APPLIES.", ignore_case=True)
    segments = comparison.segments()
    assert "".join(t for op, t in segments if op != "+") == comparison.old.text
    assert "".join(t for op, t in segments if op != "-") == comparison.new.text


def test_blocks_only_replaces_changed_blocks_whole(redline: Redline) -> None:
    assert redline("The quick brown fox.", "The slow brown fox.", blocks_only=True) == (
        "<del>The quick brown fox.\n</del><ins>The slow brown fox.\n</ins>"
    )


def test_equal_texts_have_no_changes() -> None:
    comparison = variorum.compare("Same text.\nAgain.", "Same text.\r\nAgain.\n")
    assert not comparison.has_changes
    assert comparison.segments() == [("=", "Same text.\nAgain.\n")]


def test_blank_lines_between_paragraphs_are_layout_not_change() -> None:
    assert not variorum.compare("One para.\nTwo para.", "One para.\n\n\nTwo para.").has_changes


def test_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="ignore_cases"):
        variorum.compare("a", "b", ignore_cases=True)


def test_function_words_must_be_words_not_one_string() -> None:
    with pytest.raises(UsageError, match="function_words must be a collection of words"):
        variorum.compare("a", "b", function_words="de la")
    with pytest.raises(UsageError, match="function_word_run must be at least 0"):
        variorum.compare("a", "b", function_word_run=-1)
    with pytest.raises(UsageError, match="content_word_reach must be at least 0"):
        variorum.compare("a", "b", content_word_reach=-1)


def test_segments_are_the_simple_interchange_form() -> None:
    comparison = variorum.compare("Not to use ICTs.", "Not to use ICT networks.")
    assert comparison.segments() == [
        ("=", "Not to use "),
        ("-", "ICTs"),
        ("+", "ICT networks"),
        ("=", ".\n"),
    ]


def test_compare_accepts_paths_and_documents(tmp_path) -> None:
    old_file = tmp_path / "old.md"
    old_file.write_text("# Title\n\nSome text.\n", encoding="utf-8")
    new_doc = variorum.parse("Title\nSome new text.\n")
    comparison = variorum.compare(old_file, new_doc)
    assert comparison.old.format == "markdown"
    assert comparison.stats.words_inserted == 1


def test_icoc_example_shows_the_known_changes(icoc) -> None:
    kinds = {row.kind for row in icoc.rows}
    assert RowKind.RENUMBERED in kinds
    renumbered = [row for row in icoc.rows if row.renumbered]
    labels = [
        (
            icoc.old.label_text(icoc.old.blocks[row.old_blocks.start]),
            icoc.new.label_text(icoc.new.blocks[row.new_blocks.start]),
        )
        for row in renumbered
    ]
    assert ("(b)", "(2)") in labels and ("(i)", "(10)") in labels
    # (f) became (7), rewritten around the ICCPR's article 19: one edited provision
    iccpr = [row for row in icoc.rows if "article 19" in row.new.of(icoc.new.text)]
    assert iccpr and iccpr[0].kind is RowKind.CHANGED
    assert iccpr[0].old.of(icoc.old.text).startswith("(f) To fully respect")


def test_line_end_spaces_crlf_and_no_break_spaces_at_line_ends_are_layout() -> None:
    old = "First line with a hard break  \r\nSecond line\u00a0\t\nThird line.  "
    new = "First line with a hard break\nSecond line\nThird line.\n"
    comparison = variorum.compare(old, new)
    assert not comparison.has_changes
    assert comparison.old.text == new


def test_a_comparison_leaves_the_garbage_collector_as_it_found_it() -> None:
    # the engine pauses Python's collector while it runs (its values hold no cycles)
    old, new = "(a) One provision;\n(b) Another.", "(a) One provision;\n(c) Another one."
    assert gc.isenabled()
    assert variorum.compare(old, new).has_changes
    assert gc.isenabled()
    gc.disable()  # an application that turned it off keeps it off, and no collection runs
    collected: list[int] = []
    gc.callbacks.append(record := lambda _phase, info: collected.append(info["generation"]))
    try:
        variorum.compare(old, new)
        assert not gc.isenabled()
        assert collected == []
    finally:
        gc.callbacks.remove(record)
        gc.enable()
    threads = [threading.Thread(target=variorum.compare, args=(old * 200, new)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()  # comparisons that overlapped in threads resume it once, at the end
