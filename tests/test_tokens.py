from variorum.tokens import TokenKind, count_words, tokenize


def test_tokens_tile_the_text_with_their_kinds() -> None:
    text = "Article 19 (ICCPR) — 1,000.5 State’s rights\n"
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert [t.start for t in tokens[1:]] == [t.end for t in tokens[:-1]]
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["Article"] is TokenKind.WORD
    assert kinds["19"] is TokenKind.NUMBER
    assert kinds["1,000.5"] is TokenKind.NUMBER
    assert kinds["State’s"] is TokenKind.WORD
    assert kinds["—"] is TokenKind.PUNCT


def test_each_cjk_character_is_a_token() -> None:
    assert [t.text for t in tokenize("信息安全")] == ["信", "息", "安", "全"]
    assert count_words("信息 security") == 3


def test_tokens_of_a_slice_keep_offsets_of_the_whole_text() -> None:
    tokens = tokenize("one two three", 4, 7)
    assert [(t.text, t.start, t.end) for t in tokens] == [("two", 4, 7)]


def test_a_web_address_is_one_token_and_one_word() -> None:
    text = "Read https://example.org/terms?utm_source=mail&x=1, or mailto:help@example.org."
    urls = [t.text for t in tokenize(text) if t.kind.value == "url"]
    assert urls == ["https://example.org/terms?utm_source=mail&x=1", "mailto:help@example.org"]
    assert count_words(text) == 4
