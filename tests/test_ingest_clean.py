"""Cleaning passes: pure string functions, the same for pasted text, files and extracted HTML."""

from annotations.ingest import clean


def test_a_paragraph_printed_twice_is_kept_once():
    text = "Trump speaks. Photo: AP\n\nTrump speaks. Photo: AP\n\nHe said no."
    assert clean.drop_repeated_paragraphs(text) == "Trump speaks. Photo: AP\n\nHe said no."


def test_a_video_duration_glued_to_the_next_word_goes():
    assert clean.unglue_durations("2:55President Donald Trump") == "President Donald Trump"
    assert clean.unglue_durations("Watch 1:02:13Officials said") == "Watch Officials said"


def test_times_and_scores_are_not_durations():
    text = "At 10:30 he left; the score was 2:1 and at 9:45am it rained. Ratio 3:2Mbps."
    assert clean.unglue_durations(text) == text


def test_zero_width_and_control_characters_go_but_emoji_joiners_stay():
    text = "Tr\u200bump\u00ad said\x07 \ufeffno. 👨\u200d👩\u200d👧 می\u200cخواهم"
    assert clean.drop_invisible(text) == "Trump said no. 👨\u200d👩\u200d👧 می\u200cخواهم"


def test_whitespace_is_normalized():
    text = "  One\u00a0 two\t three  \n\n\n\n  Four  "
    assert clean.normalize_whitespace(text) == "One two three\n\nFour"


def test_single_line_breaks_become_paragraphs():
    pasted = "Trump says summit is on hold\nHe said so on Tuesday.\nThe Kremlin said nothing."
    assert clean.clean_text(pasted) == (
        "Trump says summit is on hold\n\nHe said so on Tuesday.\n\nThe Kremlin said nothing."
    )


def test_text_wrapped_at_a_fixed_width_keeps_its_line_breaks():
    wrapped = (
        "President Donald Trump said on Tuesday that he had\n"
        "no plans for a meeting with Vladimir Putin in the\n"
        "near future, days after announcing a summit."
    )
    assert clean.clean_text(wrapped) == wrapped


def test_credit_and_caption_lines_stay_and_nothing_is_reworded():
    text = "Photo: AP\n\n2:55President Trump spoke.\n\nSourse: Reuters"
    assert clean.clean_text(text) == "Photo: AP\n\nPresident Trump spoke.\n\nSourse: Reuters"
