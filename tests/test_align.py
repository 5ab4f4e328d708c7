"""Block alignment: anchors, runs, moves, and the size of a comparison."""

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.compare import compare
from variorum.compare.align import PairKind, align_blocks, exact_anchors
from variorum.compare.moves import nearest_index
from variorum.compare.similarity import BlockKeys
from variorum.comparison import RowKind
from variorum.ingest import parse_text
from variorum.ingest.markdown import parse_markdown
from variorum.options import CompareOptions
from variorum.render import render


def test_unique_anchors_keep_order_and_leave_the_out_of_place_one() -> None:
    anchors = exact_anchors(list("abcdef"), list("abdcef"))
    assert len(anchors) == 5
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(anchors))


def test_repeated_blocks_are_matched_in_small_gaps() -> None:
    assert exact_anchors(["x", "yes", "yes", "z"], ["x", "yes", "yes", "yes", "z"]) == [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 4),
    ]


def test_exact_matches_come_as_runs() -> None:
    old = parse_text("\n".join(f"Paragraph {n} of the text." for n in range(50)))
    new = parse_text("\n".join(f"Paragraph {n} of the text." for n in range(50) if n != 25))
    pairs = align_blocks(old, new, CompareOptions())
    assert [(p.kind, len(p.old), len(p.new)) for p in pairs] == [
        (PairKind.EXACT, 25, 25),
        (PairKind.DELETED, 1, 0),
        (PairKind.EXACT, 24, 24),
    ]


def test_a_comparison_grows_with_the_change_not_the_document() -> None:
    lines = [f"Paragraph {n} says something about clause {n * 7}." for n in range(2000)]
    edited = list(lines)
    edited[1000] = edited[1000].replace("something", "nothing")
    comparison = compare("\n".join(lines), "\n".join(edited))
    assert [row.kind for row in comparison.rows] == [RowKind.EQUAL, RowKind.CHANGED, RowKind.EQUAL]
    assert len(comparison.rows[0].new_blocks) == 1000


def test_label_only_differences_break_an_unchanged_run() -> None:
    comparison = compare("(a) One thing.\n(b) Two things.", "(a) One thing.\n(c) Two things.")
    assert [row.kind for row in comparison.rows] == [RowKind.EQUAL, RowKind.RENUMBERED]


def _sentences(count: int, seed: int) -> list[str]:
    words = ["data", "users", "share", "policy", "consent", "service", "request", "store"]
    return [
        " ".join(words[(seed + n * 3 + k * 5) % len(words)] + str(n) for k in range(9)) + "."
        for n in range(count)
    ]


def test_a_paragraph_cut_into_many_is_one_split_row() -> None:
    pieces = _sentences(12, 1)
    frame = ["Opening words of the policy.", "Closing words of the policy."]
    old = parse_text(f"{frame[0]}\n\n{' '.join(pieces)}\n\n{frame[1]}\n")
    new = parse_text("\n\n".join([frame[0], *pieces, frame[1]]) + "\n")
    kinds = [row.kind for row in compare(old, new).rows]
    assert kinds == [RowKind.EQUAL, RowKind.SPLIT, RowKind.EQUAL]


def test_many_paragraphs_joined_into_one_are_one_merged_row() -> None:
    pieces = _sentences(8, 2)
    old = parse_text("\n\n".join(["Start.", *pieces, "End."]) + "\n")
    new = parse_text(f"Start.\n\n{' '.join(pieces)}\n\nEnd.\n")
    assert [row.kind for row in compare(old, new).rows] == [
        RowKind.EQUAL,
        RowKind.MERGED,
        RowKind.EQUAL,
    ]


def test_a_passage_replaced_by_unrelated_text_stays_deleted_and_inserted() -> None:
    old = parse_text("\n\n".join(["Start.", *_sentences(6, 1), "End."]) + "\n")
    new = parse_text("\n\n".join(["Start.", "Entirely new wording here.", "End."]) + "\n")
    kinds = {row.kind for row in compare(old, new).rows}
    assert RowKind.SPLIT not in kinds
    assert RowKind.MERGED not in kinds
    assert {RowKind.DELETED, RowKind.INSERTED} <= kinds


def test_a_paragraph_moved_and_edited_is_not_paired_with_the_new_one_in_its_place() -> None:
    kept = "We keep your personal data only for as long as we need it to provide the services"
    moved_old = f"{kept} to you and to meet our legal obligations."
    moved_new = f"{kept} to you, to resolve disputes and to meet our legal obligations."
    in_its_place = (  # shares "your personal data", "to provide the services", "to meet"
        "We may share your personal data with our partners to provide the services "
        "and to meet requests from authorities."
    )
    between = [f"Section {n} covers topic {n} of the agreement in plain words." for n in range(8)]
    old = "\n\n".join(["Privacy terms.", moved_old, *between, "End."]) + "\n"
    new = "\n\n".join(["Privacy terms.", in_its_place, *between, moved_new, "End."]) + "\n"
    lines = render(compare(old, new), "markdown").split("\n\n")
    assert lines[2] == f"{{=={moved_old}==}}{{>>moved to c-4, edited there<<}}"
    assert lines[3] == f"{{++{in_its_place}++}}"  # new, not the moved paragraph rewritten
    assert lines[12] == (
        f"{{=={kept} to you==}}{{>>moved from c-1<<}}{{++, to resolve disputes++}}"
        "{== and to meet our legal obligations.==}{>>moved from c-1<<}"
    )


def test_a_near_copy_elsewhere_does_not_take_an_entry_from_its_place() -> None:
    # X's privacy policy (PGA, ODC-By) put the previous policy's table of contents where
    # the old one stood and the new policy's further down: the entry edited in place is
    # 0.67 alike, the copy below 0.77; that is no move (move_over_pair_margin)
    entry = "* [2. How We Use Information](#{})"
    old = f"Privacy Policy\n\n{entry.format('x-privacy-2')}\n\nWe collect what you give us.\n"
    new = (
        f"Privacy Policy\n\n{entry.format('previous-chapter2')}\n\nWe collect what you give us."
        f"\n\nThe new policy in full\n\n{entry.format('chapter2')}\n"
    )
    lines = render(compare(old, new), "markdown").split("\n\n")
    # (the text's own Markdown syntax backslash-escaped, so that it stays text)
    shown = "\\* \\[2. How We Use Information\\](#{})"
    assert lines[2] == shown.format("{~~x-privacy-2~>previous-chapter2~~}")
    assert lines[-1].strip() == f"{{++{shown.format('chapter2')}++}}"
    moved = compare(old, new, move_over_pair_margin=0.0)  # any gain takes it, as a move
    assert RowKind.MOVED_TO in {row.kind for row in moved.rows}


def test_a_heading_is_not_a_merge_of_the_paragraphs_before_it() -> None:
    # WhatsApp's privacy policy (Platform Governance Archive, ODC-By), 86fe464..5faf6e9:
    # two paragraphs deleted before a heading that was reworded; the heading's common
    # words (we, our, information, and) are found, in order, inside the long paragraph
    paragraph = (
        "WhatsApp also works, and shares information with the other Companies who act on our "
        "behalf to help us operate, provide, improve, understand, customise, support, and "
        "market our Services. This includes the provision of infrastructure, technology, and "
        "systems, e.g. for providing you with fast and reliable messaging and calls around the "
        "world; improving infrastructure and delivery systems; understanding how our Services "
        "are used; helping us provide a way for you to connect with businesses; and securing "
        "systems. When we receive services from the Companies, the information we share with "
        "them is used on our behalf and in accordance with our instructions. Any information "
        "WhatsApp shares on this basis cannot be used for the Companies' own purposes."
    )
    link = "We have set out further information in our [Help Center](https://faq.example)."
    old = f"# Policy\n\n{paragraph}\n\n{link}\n\n### Our Legal Basis For Processing Data\n\nEnd.\n"
    new = (
        "# Policy\n\n### How and Why We Process Your Information and Our Legal Basis For "
        "Processing\n\nEnd.\n"
    )
    rows = compare(old, new).rows
    assert [row.kind for row in rows] == [
        RowKind.EQUAL,
        RowKind.DELETED,
        RowKind.DELETED,
        RowKind.CHANGED,
        RowKind.EQUAL,
    ]
    assert "Legal Basis" in rows[3].old.of(compare(old, new).old.text)


def test_pairing_spends_no_more_word_comparisons_than_its_budget(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # one long paragraph rewritten, and a free block elsewhere that a weak pair could
    # compete with: every score, containment and common-words count costs the product
    # of the two sides' words, and all of them together stay within the budget
    rng = random.Random(7)
    vocabulary = [f"w{number}" for number in range(300)]
    words = [rng.choice(vocabulary) for _ in range(3000)]
    rewritten = [word if rng.random() > 0.2 else rng.choice(vocabulary) for word in words]
    closing = "A closing paragraph that stays the same in both versions."
    old = f"Title\n\n{' '.join(words)}\n\n{closing}\n"
    new = f"Title\n\n{' '.join(rewritten)}\n\n{closing}\n\nAn unrelated notice added at the end.\n"
    spent: list[int] = []
    for name in ("score", "containment", "common"):
        measured = getattr(BlockKeys, name)

        def spy(keys, old_run, new_run, measured=measured):  # type: ignore[no-untyped-def]
            old_words = sum(keys.word_count(0, i) for i in old_run)
            spent.append(old_words * sum(keys.word_count(1, j) for j in new_run))
            return measured(keys, old_run, new_run)

        monkeypatch.setattr(BlockKeys, name, spy)
    rows = compare(old, new, max_similarity_work=10_000).rows
    assert [row.kind for row in rows] == [
        RowKind.EQUAL, RowKind.CHANGED, RowKind.EQUAL, RowKind.INSERTED
    ]  # fmt: skip
    assert sum(spent) <= 10_000


def test_a_moved_copy_takes_the_nearest_of_its_repeats_the_first_of_two_as_near() -> None:
    # the bisection gives what comparing every candidate gives
    rng = random.Random(3)
    for _ in range(2000):
        candidates = sorted(rng.sample(range(60), rng.randrange(1, 12)))
        expected = rng.randrange(-5, 70)
        nearest = min(candidates, key=lambda i: (abs(i - expected), i))
        assert candidates[nearest_index(candidates, expected)] == nearest
    assert nearest_index([2, 6], 4) == 0


_VOCABULARY = [
    "the", "The", "data", "Data", "don't", "ICCPR’s", "1,000.5", "85", "(b)", "§",
    "İstanbul", "Straße", "STRASSE", "信息", "https://x.test/a?b=1.", "HTTPS://X.test/A",
    "mailto:legal@x.test", "e.g.,", "—", "café", "cafe\u0301", "_",
]  # fmt: skip
"""Words whose reading is tricky: joined, numbers, addresses, CJK, case folding that
changes length or splits a word (İ), punctuation alone."""


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=300, deadline=None)
def test_a_pair_read_by_its_ends_scores_as_its_whole_words(seed: int) -> None:
    rng = random.Random(seed)
    spaces = [" ", " ", " ", "  ", "\t", "\u00a0", "\u3000"]
    words = [rng.choice(_VOCABULARY) for _ in range(rng.randint(0, 30))]
    edited = list(words)
    for _ in range(rng.randint(0, 3)):  # a few words replaced, inserted or deleted
        at = rng.randint(0, len(edited))
        edited[at : at + rng.randint(0, 2)] = rng.sample(_VOCABULARY, rng.randint(0, 2))
    old = "Start " + "".join(word + rng.choice(spaces) for word in words) + "end."
    new = "Start " + "".join(word + rng.choice(spaces) for word in edited) + "end."
    old_doc, new_doc = parse_text(old), parse_text(new)
    assert len(old_doc.blocks) == len(new_doc.blocks) == 1
    options = CompareOptions()
    by_ends, whole = BlockKeys(old_doc, new_doc, options), BlockKeys(old_doc, new_doc, options)
    by_ends.read_by_ends([0], [0])
    assert by_ends.block_score(0, 0) == whole.block_score(0, 0)
    assert by_ends.word_count(0, 0) == len(whole.words(0, 0))
    assert by_ends.word_count(1, 0) == len(whole.words(1, 0))


def test_a_short_block_moves_with_the_moved_block_beside_it() -> None:
    # A heading (or a "Take Survey" button) too short to count as moved on its own
    # travels with its section: not deleted at one end and inserted at the other.
    section = "Payments\n\nYou pay the fees listed on our pricing page each month.\n\n"
    rest = (
        "Termination\n\nWe may end your account if you break these terms or the law.\n\n"
        "Account deletion\n\nYou may delete your account at any time in the settings.\n\n"
    )
    law = "Law\n\nThese terms are governed by the laws of Ireland.\n"
    comparison = compare("Terms\n\n" + section + rest + law, "Terms\n\n" + rest + section + law)
    moved = [(row.kind, row.old.of(comparison.old.text).strip()) for row in comparison.rows]
    assert (RowKind.MOVED_FROM, "Payments") in moved
    assert [row.kind for row in comparison.rows].count(RowKind.MOVED_TO) == 2
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
    assert comparison.stats.words_moved == 12


def test_two_like_clauses_that_swapped_places_are_not_each_rewritten_into_the_other(
    written,
) -> None:
    # Two clauses 0.7 alike swap places, each edited a little: in place, each would
    # read as rewritten into the other (the harassment rule replaced by the copyright
    # rule, and the copyright rule by the harassment rule)
    rule = "Users must not post content that {} other people on the service."
    harass = rule.format("harasses, threatens or intimidates")
    copy = rule.format("infringes the copyright or trademark of")
    ends = (
        "These are the rules for everyone who uses the service.",
        "We may remove content that breaks these rules.",
    )
    old = "\n\n".join([ends[0], harass, copy, ends[1]])
    new = "\n\n".join(
        [ends[0], copy.replace("service.", "service or elsewhere."),
         harass.replace("threatens", "threatens, bullies"), ends[1]]
    )  # fmt: skip
    comparison = compare(old, new)
    shown = written(comparison)
    assert "<del>harasses" not in shown and "<del>infringes" not in shown, shown
    kinds = [row.kind for row in comparison.rows]
    assert kinds.count(RowKind.MOVED_FROM) == kinds.count(RowKind.MOVED_TO) == 1
    # what changed in each is told: ", bullies" and "or elsewhere" added, nothing removed
    assert (comparison.stats.words_inserted, comparison.stats.words_deleted) == (3, 0)


def test_table_rows_that_gained_a_column_are_each_that_row_changed(written) -> None:
    # Two-word rows that gained a two-word column are 0.67 alike, under the 0.7 that
    # short blocks need in a gap of several: each read as deleted and inserted again,
    # its kept cells counted as removed and added
    table = "| Cookie | Kept |\n|---|---|\n| sid | 1 |\n| lang | 2 |\n"
    wider = "| Cookie | Kept | Party type |\n|---|---|---|\n| sid | 1 | first party |\n"
    wider += "| lang | 2 | third party |\n"
    old = parse_markdown(f"Intro of the table.\n\n{table}\nClosing words here.\n")
    new = parse_markdown(f"Intro of the table, longer now.\n\n{wider}\nClosing words here.\n")
    comparison = compare(old, new)
    assert [row.kind for row in comparison.rows] == [RowKind.CHANGED] * 4 + [RowKind.EQUAL]
    shown = written(comparison)
    assert "sid | 1<ins> | first party</ins> | lang | 2<ins> | third party</ins>" in shown
    assert comparison.stats.words_deleted == 0


def test_a_heading_renamed_with_its_section_moved_moves_with_it(written) -> None:
    # "Payments" is too short to count as moved on its own, and not equal to its new
    # name: it read as deleted at one end and "Payments and refunds" inserted at the other
    pay = "## Payments\n\nYou agree to pay all fees charged to your account for the services.\n\n"
    pay += "Fees are billed monthly in advance and are not refundable except by law.\n\n"
    end = "## Termination\n\nWe may suspend or end your access if you break these terms.\n\n"
    end += "You may close your account at any time from the settings page.\n\n"
    law = "## Governing law\n\nThese terms are governed by the laws of Ireland.\n"
    old = parse_markdown(f"# Terms\n\n{pay}{end}{law}")
    new = parse_markdown(f"# Terms\n\n{end}{pay.replace('Payments', 'Payments and refunds')}{law}")
    comparison = compare(old, new)
    shown = written(comparison)
    assert "<moved-to>Payments and refunds</moved-to>" in shown, shown
    assert RowKind.INSERTED not in {row.kind for row in comparison.rows}
    assert RowKind.DELETED not in {row.kind for row in comparison.rows}
    heading = next(row for row in comparison.rows if row.kind is RowKind.MOVED_TO)
    assert (heading.stats.words_inserted, heading.stats.words_deleted) == (2, 0)


def test_two_weak_pairs_do_not_outweigh_the_real_pair_they_cross(written) -> None:
    # The second paragraph was edited in place (0.93 alike to the first new one); the
    # first was deleted and a new one added. Two weak pairs in order (0.64 + 0.5)
    # outweighed the real one: the first read rewritten into the second, and the
    # second into a new paragraph on law enforcement
    share = "We may share your information with "
    ends = ("Introduction that stays the same in both.", "Closing words that stay the same.")
    old = [share + "our service providers when they work for us.",
           share + "service providers who help us run the service."]  # fmt: skip
    new = [share + "service providers who help us operate the service.",
           share + "law enforcement when the law requires us to."]  # fmt: skip
    comparison = compare(
        "\n\n".join([ends[0], *old, ends[1]]), "\n\n".join([ends[0], *new, ends[1]])
    )
    assert [row.kind for row in comparison.rows] == [
        RowKind.EQUAL, RowKind.DELETED, RowKind.CHANGED, RowKind.INSERTED, RowKind.EQUAL
    ]  # fmt: skip
    assert "help us <del>run</del><ins>operate</ins> the service." in written(comparison)


def test_a_short_line_moved_past_a_paragraph_edited_in_place_is_the_line_moved() -> None:
    # The version line (0.8 alike) scored above the paragraph (0.76), so the chain kept
    # the line in place and showed the paragraph of 50 words as moved
    line = "Version {} of these terms"
    text = (
        "By using the service you agree to these terms and to our privacy policy, which "
        "explains how we collect, use and share the information we receive about you when "
        "you use our apps, websites and other products, and how you can control it in your "
        "settings at any time."
    )
    edited = (
        text.replace("policy", "notice").replace("share", "disclose").replace("receive", "get")
        .replace("websites", "sites").replace("how you can control it in your settings at any"
        " time", "the ways you can manage it from your account page whenever you like")
    )  # fmt: skip
    ends = ("Terms of Service of the Example service.", "Closing words that stay the same.")
    old = "\n\n".join([ends[0], line.format(3), text, ends[1]])
    new = "\n\n".join([ends[0], edited, line.format(4), ends[1]])
    comparison = compare(old, new)
    moved = [row for row in comparison.rows if row.kind is RowKind.MOVED_TO]
    assert [row.new.of(comparison.new.text).strip() for row in moved] == [
        "Version 4 of these terms"
    ]
    assert comparison.stats.words_moved == 4


def test_a_table_with_every_row_edited_keeps_each_row_in_place() -> None:
    # every row is a candidate of every other (they differ by a number or two); the
    # few best of each (max_pair_candidates) still pair each row with itself
    rows = [f"| Widget model {n} | {n % 7 + 1}.50 | in stock |" for n in range(60)]
    head = "Prices below.\n\n| Name | Price | Status |\n|---|---|---|\n"
    old = head + "\n".join(rows) + "\n\nEnd words here.\n"
    comparison = compare(
        parse_markdown(old), parse_markdown(old.replace(".50 |", ".75 |")), max_pair_candidates=2
    )
    changed = [row for row in comparison.rows if row.kind is RowKind.CHANGED]
    assert len(changed) == 60
    for row in changed:
        old_row = comparison.old.text[row.old.start : row.old.end]
        assert old_row.replace(".50", ".75") == comparison.new.text[row.new.start : row.new.end]
