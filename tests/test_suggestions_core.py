"""The attribution finder: text in, who said what out (no database)."""

import json
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from annotations.suggestions.core import suggest
from annotations.suggestions.resolve import KnownSource

DEMO = (Path(__file__).resolve().parents[1] / "annotations" / "fixtures" / "demo_article.txt").read_text()


def found(text, known=()):
    """Return (source text, source name, cue, stance, direct, content) for each suggestion."""
    results = suggest(text, list(known))
    for result in results:
        assert result.content.text == text[result.content.start:result.content.end]
        assert result.cue.text == text[result.cue.start:result.cue.end]
        if result.source is not None:
            assert result.source.text == text[result.source.start:result.source.end]
    return [
        (r.source.text if r.source else None, r.source_name, r.cue.text, r.stance, r.direct,
         r.content.text)
        for r in results
    ]


def test_demo_article_gives_every_attribution_the_issue_names_with_its_stance():
    results = found(DEMO)
    by_name = {}
    for source, name, cue, stance, direct, content in results:
        by_name.setdefault(name, []).append((source, cue, stance, direct, content))

    assert ("a White House official", "said", "asserted", False,
            "WASHINGTON — A planned meeting in Budapest between U.S. President Donald Trump and "
            "Russian President Vladimir Putin has been put on hold") in by_name["White House official"]
    assert ("the official", "said", "asserted", True,
            '"There are no plans for President Trump to meet President Putin in the immediate '
            'future,"') in by_name["White House official"]
    assert ("He", "also refuted", "denied", False,
            "a story by the Financial Times that he had pressed Zelenskyy to relinquish the whole "
            "Donbas region to Russia during their talks at the White House last week"
            ) in by_name["Donald Trump"]
    assert ("the Financial Times", "story", "reported", False,
            "that he had pressed Zelenskyy to relinquish the whole Donbas region to Russia during "
            "their talks at the White House last week") in by_name["Financial Times"]
    assert ("Trump", "said", "asserted", True, '"We never discussed it,"') in by_name["Donald Trump"]
    assert ("The Financial Times", "did not immediately respond", "no_response", False,
            "to a request for comment") in by_name["Financial Times"]
    assert ("Kremlin spokesperson Dmitry Peskov", "told", "asserted", False,
            "that a summit needed careful preparation and that no precise dates had ever been set"
            ) in by_name["Dmitry Peskov"]
    assert ("Russian Foreign Minister Sergei Lavrov", "said:", "asserted", True,
            "\"Russia's position has not changed since the understandings reached in Anchorage.\""
            ) in by_name["Sergei Lavrov"]
    assert ("NATO", "said", "asserted", False,
            "allies remained committed to supporting Ukraine") in by_name["NATO"]


def test_demo_article_kinds_tell_anonymous_officials_from_outlets_and_people():
    kinds = {r.source_name: r.source_kind for r in suggest(DEMO) if r.source}

    assert kinds["White House official"] == "anonymous"
    assert kinds["Financial Times"] == "news_outlet"
    assert kinds["Donald Trump"] == "person"
    assert kinds["NATO"] == "organization"


def test_quote_attributed_after_it():
    assert found('"We are ready," the mayor said.') == [
        ("the mayor", "mayor", "said", "asserted", True, '"We are ready,"'),
    ]


def test_curly_quote_with_the_verb_before_the_name():
    assert found("“Prices will fall,” said Maria Lopez, an economist at the bank.") == [
        ("Maria Lopez, an economist at the bank", "Maria Lopez", "said", "asserted", True,
         "“Prices will fall,”"),
    ]


def test_split_quote_is_one_suggestion_with_both_halves():
    text = 'Anne Hidalgo spoke on Monday. "We will win," she said, "and we will win big."'
    (result,) = suggest(text)

    assert result.fragments == ((30, 44), (55, 77))
    assert [text[s:e] for s, e in result.fragments] == ['"We will win,"', '"and we will win big."']
    assert (result.source.text, result.source_name, result.direct) == ("she", "Anne Hidalgo", True)


def test_quote_over_several_paragraphs_runs_to_its_last_closing_mark():
    text = 'Smith said: "The first part is here.\n\n"The second part continues here."\n\nNext.'

    assert found(text) == [
        ("Smith", "Smith", "said:", "asserted", True,
         '"The first part is here.\n\n"The second part continues here."'),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister said the talks would resume next week.",
     ("The minister", "said", "the talks would resume next week")),
    ("The minister said that the talks would resume next week.",
     ("The minister", "said", "that the talks would resume next week")),
    ("The talks will resume next week, the minister said.",
     ("the minister", "said", "The talks will resume next week")),
    ("The talks will resume next week, said Jean Dupont.",
     ("Jean Dupont", "said", "The talks will resume next week")),
    ("Kremlin spokesperson Dmitry Peskov told reporters in Moscow that no dates were set.",
     ("Kremlin spokesperson Dmitry Peskov", "told", "that no dates were set")),
    ("The auditor concluded that the fund had been mismanaged.",
     ("The auditor", "concluded", "that the fund had been mismanaged")),
    ("The coach cautioned that the season would be long.",
     ("The coach", "cautioned", "that the season would be long")),
    ("The senator denounced the tariff plan.",
     ("The senator", "denounced", "the tariff plan")),
    ("Lawyers for the family said the footage should be released.",
     ("Lawyers for the family", "said", "the footage should be released")),
    ("Experts on Arctic shipping said the route could open by August.",
     ("Experts on Arctic shipping", "said", "the route could open by August")),
    ("The governor now says the budget is balanced.",
     ("The governor", "now says", "the budget is balanced")),
    ("The referee agreed with the coach that the goal should stand.",
     ("The referee", "agreed with", "the coach that the goal should stand")),
    ("A survey released Monday shows that most renters expect higher prices.",
     ("A survey released Monday", "shows", "that most renters expect higher prices")),
    ("Recent polls show the race tightening.",
     ("Recent polls", "show", "the race tightening")),
    ("The agency met on Monday. It said the rules were clear.",
     ("It", "said", "the rules were clear")),
    ("Some argue that the subsidy helps landlords.",
     ("Some", "argue", "that the subsidy helps landlords")),
    ("Jo Kall -- an editor at the paper -- said the list was incomplete.",
     ("Jo Kall -- an editor at the paper --", "said", "the list was incomplete")),
    ("Some economists question the forecast.",
     ("Some economists", "question", "the forecast")),
    ("The judge disagreed with the ruling.",
     ("The judge", "disagreed with", "the ruling")),
    ("The mayor said residents were worried that the bridge would close.",
     ("The mayor", "said", "residents were worried that the bridge would close")),
    ("The mayor tweeted on Sunday night that the bridge would close.",
     ("The mayor", "tweeted", "that the bridge would close")),
])
def test_indirect_speech(text, expected):
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [expected]


def test_quote_ending_in_a_small_word_before_its_cue():
    text = '"We expected a longer season, the way it went last year," said Maria Lopez.'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Maria Lopez", "said", '"We expected a longer season, the way it went last year,"')]


def test_question_split_around_asked_keeps_both_halves():
    text = '"Who decided this?" Alvarez asked. "Nobody told us."'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Alvarez", "asked", text)]


def test_told_an_audience_somewhere_that():
    text = "She told a packed hall in the suburbs that the plant would stay open."
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("She", "told", "that the plant would stay open")]


@pytest.mark.parametrize("mark", ['"', "''"])
def test_quote_then_a_described_speaker_then_the_cue(mark):
    text = f"{mark}Nobody expected it,{mark} Ana Ruiz, a city planner, told me last week."
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Ana Ruiz, a city planner,", "told", f"{mark}Nobody expected it,{mark}")]


def test_colon_at_a_paragraph_end_introduces_the_quotation_below():
    text = 'Ms. Okafor continued:\n\n"Rents went up. Wages did not."\n\nThe hearing ended.'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Ms. Okafor", "continued:", '"Rents went up. Wages did not."')]


def test_a_document_reads():
    text = '"We will not close the clinic," the letter reads.'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("the letter", "reads", '"We will not close the clinic,"')]
    assert found("She reads the paper every morning.") == []


def test_split_quote_around_told_and_its_listener():
    text = '"Nobody was ready for this," Ortiz told the council on Wednesday, "but we will manage."'
    results = suggest(text)
    assert [(r.source.text, r.cue.text, r.fragments) for r in results] == [
        ("Ortiz", "told", ((0, 28), (66, 87)))]


def test_mixed_quote_goes_on_in_the_next_quoted_sentence():
    text = 'The deal did "too little," she added. "Prices keep rising."'
    results = suggest(text)
    assert [(r.source.text, r.cue.text, r.fragments) for r in results] == [
        ("she", "added", ((0, 26), (38, 59)))]


def test_indirect_content_then_a_quote_in_the_same_paragraph():
    text = 'Costs will rise, the mayor said. "We have no choice."\n\n"Next paragraph."'
    results = suggest(text)
    assert [(r.source.text, r.cue.text, r.fragments) for r in results] == [
        ("the mayor", "said", ((0, 15), (33, 53)))]


def test_a_statement_named_by_a_noun_and_its_owner():
    text = "Voters doubted Maria Chen's promise that the road would be finished by spring."
    assert ("Maria Chen", "promise", "that the road would be finished by spring") in [
        (source, cue, content) for source, _n, cue, _s, _d, content in found(text)]


def test_postposed_told_with_a_named_listener():
    text = "The ferry will run all winter, Gov. Ana Ruiz told The Coastal Herald on Monday."
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Gov. Ana Ruiz", "told", "The ferry will run all winter")]


def test_abbreviated_title_between_a_quote_and_its_cue():
    text = '"We will appeal," Rep. Tom Berg (D-Ore.), a panel member, said.'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Rep. Tom Berg (D-Ore.), a panel member,", "said", '"We will appeal,"')]


def test_clause_split_around_it_says():
    text = "The weekly fee, it says, would be $20."
    results = suggest(text)
    assert [(r.source.text, r.cue.text, r.fragments) for r in results] == [
        ("it", "says", ((0, 14), (25, 37)))]


def test_clause_split_around_the_cue_goes_on_after_and():
    text = "The crowd was small, she said, and the mood was calm."
    results = suggest(text)
    assert [(r.source.text, r.cue.text, r.fragments) for r in results] == [
        ("she", "said", ((0, 19), (31, 52)))]


def test_as_someone_put_it():
    text = 'As one farmer bluntly put it, "Rain is worth more than promises."'
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("one farmer", "bluntly put it", '"Rain is worth more than promises."')]


def test_calling_into_a_show_is_not_a_statement():
    assert found("The senator called into a radio show on Monday.") == []


def test_participle_after_a_clause_takes_its_subject_not_its_verb():
    text = "Police issued a statement Friday, saying the officer acted lawfully."
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("Police", "saying", "the officer acted lawfully")]
    text = "The chair spoke in a statement, adding that the hearing would go on."
    assert [(source, cue, content) for source, _n, cue, _s, _d, content in found(text)] == [
        ("The chair", "adding", "that the hearing would go on")]


def test_according_to_before_and_after_the_content():
    assert found("According to the ministry, 40 people were hurt.") == [
        ("the ministry", "ministry", "According to", "reported", False, "40 people were hurt"),
    ]
    assert found("Forty people were hurt, according to the ministry.") == [
        ("the ministry", "ministry", "according to", "reported", False, "Forty people were hurt"),
    ]


def test_denial_of_a_report_gives_the_report_and_the_denial():
    assert found("The company denied a report by Reuters that it had cut 500 jobs.") == [
        ("The company", "company", "denied", "denied", False,
         "a report by Reuters that it had cut 500 jobs"),
        ("Reuters", "Reuters", "report", "reported", False, "that it had cut 500 jobs"),
    ]


@pytest.mark.parametrize(("text", "source", "cue"), [
    ("The White House did not respond to a request for comment.", "The White House",
     "did not respond"),
    ("The Financial Times did not immediately respond to a request for comment.",
     "The Financial Times", "did not immediately respond"),
    ("Acme Corp declined to comment.", "Acme Corp", "declined to comment"),
    ("The ministry could not be reached for comment.", "The ministry", "could not be reached"),
])
def test_no_response_lines(text, source, cue):
    ((got_source, _name, got_cue, stance, _direct, _content),) = found(text)
    assert (got_source, got_cue, stance) == (source, cue, "no_response")


def test_pronoun_goes_to_the_last_person_named_and_surname_to_the_full_name():
    text = ("Angela Merkel arrived in Paris on Monday. She said the plan was sound. "
            "Merkel said it would pass.")

    assert [(source, name) for source, name, *_ in found(text)] == [
        ("She", "Angela Merkel"), ("Merkel", "Angela Merkel"),
    ]


def test_the_official_goes_to_the_unnamed_official_met_earlier():
    text = ('The talks failed, a senior State Department official said.\n\n'
            '"Nobody came," the official said.')

    assert [(source, name) for source, name, *_ in found(text)] == [
        ("a senior State Department official", "senior State Department official"),
        ("the official", "senior State Department official"),
    ]


def test_known_source_aliases_resolve_to_the_stored_name_and_key():
    known = [KnownSource(key="7", name="Donald Trump", kind="person", aliases=("POTUS",))]
    (result,) = suggest("POTUS said the deal was done.", known)

    assert (result.source.text, result.source_name, result.source_key) == ("POTUS", "Donald Trump", "7")


def test_offsets_stay_exact_after_emoji_and_right_to_left_text():
    text = "🎉🇺🇦 שלום עולם مرحبا بكم 👩‍👩‍👧\n\n\"We are ready,\" the mayor said."
    (result,) = suggest(text)
    start = text.index('"We')

    assert (result.content.start, result.content.end) == (start, start + len('"We are ready,"'))
    assert text[result.cue.start:result.cue.end] == "said"
    assert text[result.source.start:result.source.end] == "the mayor"


def test_a_two_megabyte_body_finishes_in_bounded_time():
    body = (DEMO + "\n\n") * (2_000_000 // (len(DEMO) + 2))
    hostile = " said" * 400_000  # every word a cue, no sentence end anywhere

    started = time.process_time()  # CPU time: what the finder costs, whatever the load
    results = suggest(body)
    suggest(hostile)
    elapsed = time.process_time() - started

    assert len(body) > 1_990_000
    assert len(results) > 10_000
    assert elapsed < 60  # CPU seconds; about 12 on the 2-core development machine


def run_command(*args):
    out, err = StringIO(), StringIO()
    call_command("suggest_attributions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_writes_one_line_per_suggestion_without_a_database(tmp_path):
    docs = tmp_path / "docs.jsonl"
    text = "🎉 “We are ready,” the mayor said. The Financial Times did not respond."
    docs.write_text(json.dumps({"id": "d1", "text": text}) + "\n\n", encoding="utf-8")

    out, err = run_command("--jsonl", str(docs))
    lines = [json.loads(line) for line in out.splitlines()]

    start = text.index("“")
    assert lines[0] == {
        "doc_id": "d1",
        "source": {"start": text.index("the mayor"), "end": text.index(" said"), "text": "the mayor"},
        "cue": {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"},
        "content": {"start": start, "end": text.index(" the mayor"), "text": "“We are ready,”",
                    "fragments": [[start, text.index(" the mayor")]]},
        "stance": "asserted",
        "source_name": "mayor",
    }
    assert lines[1]["stance"] == "no_response"
    assert lines[1]["source"]["text"] == "The Financial Times"
    assert "1/1" in err


def test_command_refuses_a_line_without_text(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "d1"}\n', encoding="utf-8")

    with pytest.raises(CommandError, match="Line 1"):
        run_command("--jsonl", str(docs))


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_command("--jsonl", str(tmp_path / "missing.jsonl"))
