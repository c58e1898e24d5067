import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations import anchoring

# Emoji (outside the BMP), combining marks, right-to-left letters, newlines and plain ASCII.
ALPHABET = st.sampled_from(
    ["a", "b", " ", "\n", "é", "e\u0301", "👍", "🇺🇦", "👩‍👩‍👧", "ש", "ל", "ו", "م", "ر", "\u200f", "Z"]
)
texts = st.lists(ALPHABET, min_size=1, max_size=120).map("".join)


@st.composite
def text_and_span(draw):
    text = anchoring.normalize_body(draw(texts))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_span())
def test_locate_finds_the_span_its_selector_describes(case):
    text, start, end = case
    selector = anchoring.quote_selector(text, start, end)
    assert anchoring.locate(text, selector.exact, selector.prefix, selector.suffix, hint=start) == (
        start,
        end,
    )


@given(text_and_span())
def test_selector_context_is_at_most_32_code_points(case):
    text, start, end = case
    selector = anchoring.quote_selector(text, start, end)
    assert selector.exact == text[start:end]
    assert len(selector.prefix) <= 32 and len(selector.suffix) <= 32
    assert text.endswith(selector.suffix, 0, end + len(selector.suffix))
    assert text[start - len(selector.prefix) : start] == selector.prefix


@given(texts)
def test_normalize_is_idempotent_and_leaves_no_carriage_return(text):
    once = anchoring.normalize_body(text)
    assert anchoring.normalize_body(once) == once
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)


def test_normalize_changes_only_line_endings_and_composition():
    assert anchoring.normalize_body("Cafe\u0301\r\nsecond\rthird\n  spaced  ") == (
        "Café\nsecond\nthird\n  spaced  "
    )


def test_offsets_count_code_points_not_utf16_units():
    body = "👍 Trump denied it"
    start, end = anchoring.locate(body, "Trump")
    assert (start, end) == (2, 7)  # JavaScript would say 3..8


def test_locate_chooses_repeated_quote_by_context():
    body = "Trump denied the report. Later, Putin denied the report too."
    assert anchoring.locate(body, "denied the report", prefix="Putin ") == (38, 55)
    assert anchoring.locate(body, "denied the report", suffix=". Later") == (6, 23)


def test_locate_refuses_a_repeated_quote_without_context():
    with pytest.raises(anchoring.QuoteAmbiguous, match="occurs 2 times"):
        anchoring.locate("no, no", "no")


def test_locate_uses_the_hint_when_context_ties():
    assert anchoring.locate("no, no", "no", hint=4) == (4, 6)


def test_locate_reports_a_missing_quote():
    with pytest.raises(anchoring.QuoteNotFound, match="not in the article body"):
        anchoring.locate("Trump denied it", "Zelenskyy")


@pytest.mark.parametrize(
    ("start", "end", "quote", "field", "message"),
    [
        (-1, 3, None, "start", "0 or more"),
        (5, 5, None, "end", "less than end"),
        (3, 99, None, "end", "past the end"),
        (0, 5, "Putin", "quote", "does not match"),
    ],
)
def test_validate_span_names_the_field_at_fault(start, end, quote, field, message):
    with pytest.raises(anchoring.AnchoringError, match=message) as error:
        anchoring.validate_span("Trump denied it", start, end, quote)
    assert error.value.field == field


def test_reanchor_follows_a_span_when_text_is_inserted_before_it():
    old = "Trump denied the FT report."
    new = "On Tuesday, Trump denied the FT report."
    selector = anchoring.quote_selector(old, 6, 12)
    assert anchoring.reanchor(new, selector, 6) == (18, 24)


def test_locate_refuses_a_quote_repeated_beyond_reason():
    with pytest.raises(anchoring.QuoteAmbiguous, match="more than 10000 times"):
        anchoring.locate("a" * 20_000, "a", prefix="aaa", suffix="aaa")
