"""offsets.js against Python's own code point indexing, for many awkward strings at every index."""

import random

import pytest

ALPHABET = [
    "a", "Z", " ", "\n", "é", "n\u0308", "q\u0323\u0307", "👍🏽", "🇺🇦", "😀", "𝒳", "👩‍👩‍👧",
    "م", "ر", "ح", "ب", "א", "中", "\u200d", "\ufe0f",
]


@pytest.fixture
def samples():
    rng = random.Random(4)
    return ["", *("".join(rng.choices(ALPHABET, k=rng.randint(1, 12))) for _ in range(150))]


def utf16_starts(text: str) -> list[int]:
    """Return the UTF-16 index where each code point of text starts, and the total length."""
    starts, position = [], 0
    for char in text:
        starts.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    return [*starts, position]


def expected(text: str) -> dict:
    starts = utf16_starts(text)
    return {
        "length": len(text),
        # A UTF-16 index inside a surrogate pair counts that pair as before it.
        "before": [sum(1 for start in starts[:-1] if start < index) for index in range(starts[-1] + 1)],
        "index": starts,
        "slices": [[start, end, text[start:end]] for start in range(len(text) + 1)
                   for end in range(start, len(text) + 1)],
    }


CONVERT = """
async (texts) => {
  const offsets = await import('/static/annotations/js/offsets.js');
  return texts.map((text) => {
    const utf16 = text.length;
    const length = offsets.codePointLength(text);
    const before = [];
    for (let i = 0; i <= utf16; i += 1) before.push(offsets.codePointsBefore(text, i));
    const index = [];
    for (let c = 0; c <= length; c += 1) index.push(offsets.utf16Index(text, c));
    const slices = [];
    for (let s = 0; s <= length; s += 1) {
      for (let e = s; e <= length; e += 1) slices.push([s, e, offsets.sliceCodePoints(text, s, e)]);
    }
    return { length, before, index, slices };
  });
}
"""


def test_offsets_convert_exactly_between_utf16_and_code_points(page, live_server, samples):
    page.goto("/accounts/login/")

    results = page.evaluate(CONVERT, samples)

    assert results == [expected(text) for text in samples]
