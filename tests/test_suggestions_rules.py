"""Attribution rules beyond the basic forms: lexicon gaps, adjectives that look like verbs,
"as per", coordination, possessive speakers and pronoun subjects (pure finder, no database)."""

import pytest

from annotations.suggestions.core import suggest


def found(text):
    """Return (source text, source name, cue, stance, content) for each suggestion."""
    return [
        (r.source.text if r.source else None, r.source_name, r.cue.text, r.stance, r.content.text)
        for r in suggest(text)
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ('"The ferry will sail at noon," the harbour master clarified.',
     ("the harbour master", "clarified", "asserted", '"The ferry will sail at noon,"')),
    ("A union delegate articulated that the strike would go on.",
     ("A union delegate", "articulated", "asserted", "that the strike would go on")),
    ("The lab has verified that the water samples were clean.",
     ("The lab", "has verified", "confirmed", "that the water samples were clean")),
    ("Norway's chief negotiator conveyed that the quota offer still stood.",
     ("Norway's chief negotiator", "conveyed", "asserted", "that the quota offer still stood")),
])
def test_clarified_articulated_conveyed_verified_are_reporting_verbs(text, expected):
    assert [(source, cue, stance, content) for source, _n, cue, stance, content in found(text)] == [
        expected]


def test_clarified_with_a_plain_object_is_not_a_statement():
    assert found("The coach hardly clarified the matter at the briefing.") == []


@pytest.mark.parametrize("text", [
    "Okafor, the most sought-after tenor this season, sang in Lyon.",
    "Her backing, sought-after by every candidate, went to the mayor.",
    "Okafor, a self-proclaimed purist, rejoined the orchestra.",
    "The choir praised the so-called opera reform last spring.",
])
def test_a_hyphenated_participle_is_an_adjective_not_a_cue(text):
    assert [cue for _s, _n, cue, _st, _c in found(text)
            if cue.split()[-1] in ("sought", "proclaimed", "called")] == []


@pytest.mark.parametrize(("text", "cues"), [
    ("Okafor defended the much criticised and widely reported budget.", ["defended"]),
    ("Okafor's long promised album, critics said, was late.", ["said"]),
    ("Widely reported rumours, the conductor said, were false.", ["said"]),
])
def test_a_participle_between_a_determiner_and_its_noun_is_an_adjective(text, cues):
    assert [cue for _s, _n, cue, _st, _c in found(text)] == cues


@pytest.mark.parametrize(("text", "expected"), [
    ("As per a coast guard statement, the harbour stayed shut.",
     ("a coast guard statement", "As per", "the harbour stayed shut")),
    ("The harbour stayed shut, as per the ministry.",
     ("the ministry", "as per", "The harbour stayed shut")),
    ("As per Interfax, the harbour stayed shut.",
     ("Interfax", "As per", "the harbour stayed shut")),
])
def test_as_per_a_source_reports_like_according_to(text, expected):
    assert [(source, cue, content) for source, _n, cue, stance, content in found(text)
            if stance == "reported"] == [expected]


@pytest.mark.parametrize("text", [
    "As per the fishing agreement, the trawlers left the bay.",
    "As per the Oslo Accord, the trawlers left the bay.",
    "As per usual, nobody came to the harbour meeting.",
])
def test_as_per_a_rule_or_a_habit_is_no_attribution(text):
    assert found(text) == []


def test_a_coordinated_denial_takes_the_subject_of_the_first_conjunct_and_credits_the_report():
    text = ("Ortiz has advocated a freeze on ferry fares for years, and refuted a story by the "
            "Harbour Gazette that he had pressed the port authority to resign.")
    assert [(source, name, cue, stance, content) for source, name, cue, stance, content
            in found(text) if cue != "has advocated"] == [
        ("Ortiz", "Ortiz", "refuted", "denied",
         "a story by the Harbour Gazette that he had pressed the port authority to resign"),
        ("the Harbour Gazette", "Harbour Gazette", "story", "reported",
         "that he had pressed the port authority to resign"),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("On Monday, Ortiz toured the docks and denied that the ferry would be sold.",
     ("Ortiz", "denied", "that the ferry would be sold")),
    ("Ortiz met the harbour board on Monday and said the fares had doubled.",
     ("Ortiz", "said", "the fares had doubled")),
])
def test_a_coordinated_verb_takes_the_name_that_leads_the_sentence(text, expected):
    assert [(source, cue, content) for source, _n, cue, _st, content in found(text)] == [expected]


def test_a_coordinated_verb_after_a_nested_statement_takes_the_outer_speaker():
    text = ("Coach Lena Berg said on Friday that the club would formally declare its intention "
            "to appeal and suggested that the league had ignored the evidence.")
    assert [(source, content) for source, _n, cue, _st, content in found(text)
            if cue == "suggested"] == [
        ("Coach Lena Berg", "that the league had ignored the evidence")]


@pytest.mark.parametrize("text", [
    "It goes without saying that the club will appeal the fine.",
    "A consortium led by Vela and backed by two pension funds is bidding for the port.",
    "The clinic needs staff, training and support needed to grow.",
])
def test_idioms_passives_and_listed_nouns_are_not_coordinated_statements(text):
    assert found(text) == []


def names(text):
    return [(source, name) for source, name, _c, _st, _co in found(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # The subject of the sentence before, not the last name mentioned.
    ("Ortiz met the harbour master's deputy, Paul Grant, on Monday. He said the ferry talks "
     "were productive.", [("He", "Ortiz")]),
    # The subject of the same sentence, before the pronoun, after an opening phrase.
    ("After a call with Governor Tom Berg, Ana Ruiz resigned, and she said the fund was empty.",
     [("she", "Ana Ruiz")]),
    # The speaker of the sentence before is its subject; a name inside the content is not.
    ("The fares will rise, Ortiz said. He added that Paul Grant agreed. He also said the "
     "port would stay open.", [("Ortiz", "Ortiz"), ("He", "Ortiz"), ("He", "Ortiz")]),
    # "A, he said": the content's subject is not the speaker.
    ("Ortiz toured the docks with Lena Berg on Friday. Grant Hall, he said, would close.",
     [("he", "Ortiz")]),
])
def test_a_pronoun_speaker_is_the_subject_not_the_last_name(text, expected):
    assert names(text) == expected


def test_a_capitalised_word_opening_a_sentence_is_no_subject_for_a_pronoun():
    text = ("Lena Berg visited the dunes on Friday. Sand is eroding along the whole coast, she "
            "said.")
    assert names(text) == [("she", "Lena Berg")]


def test_a_possessive_pronoun_speaker_resolves_like_a_pronoun():
    text = ("Ana Ruiz spoke after Tom Berg at the harbour hearing. She repeated her belief that "
            "the pier was unsafe.")
    assert ("her", "Ana Ruiz", "belief", "asserted", "that the pier was unsafe") in found(text)
