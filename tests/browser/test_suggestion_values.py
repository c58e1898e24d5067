"""suggestion_values.js: a suggestion's speaker, its attribution for the API, its claim wording."""

RUN = """
async (cases) => {
  const values = await import('/static/annotations/js/suggestion_values.js');
  return {
    claims: cases.map((suggestion) => values.proposedClaim(suggestion)),
    suggested: values.attributionOf(values.speakerOf(cases[0])),
    stored: values.attributionOf(values.speakerOf(cases[1])),
    corrected: values.speakerOf(cases[0], {
      name: "Sergey Lavrov", kind: "person", stance: "denied", sourceId: 7, confirmedNew: false,
    }),
    unnamed: values.speakerOf(cases[2]),
    key: values.suggestionKey(cases[0]),
  };
}
"""


def suggestion(quote, direct, source=None, start=10, stance="asserted"):
    return {"start": start, "end": start + len(quote), "quote": quote, "direct": direct,
            "stance": stance, "source": source}


def test_a_suggestion_becomes_a_speaker_an_attribution_and_a_claim_to_confirm(page, live_server):
    page.goto("/accounts/login/")
    cases = [
        suggestion('"There are no plans for a meeting in the immediate future,"', True,
                   {"name": "White House official", "kind": "anonymous", "source_id": None}),
        suggestion("that a summit needed careful preparation", False,
                   {"name": "Dmitry Peskov", "kind": "person", "source_id": 4}),
        suggestion("“We never discussed it”", True),
        suggestion("  he did not want\n\"a wasted meeting\";  ", False),
        suggestion("«Ça ne change rien»", True),
        suggestion("that", False),
        suggestion("the official said that, yes", True),
    ]

    result = page.evaluate(RUN, cases)

    assert result["claims"] == [
        "There are no plans for a meeting in the immediate future",
        "A summit needed careful preparation",
        "We never discussed it",
        'He did not want "a wasted meeting"',
        "Ça ne change rien",
        "That",
        "The official said that, yes",
    ]
    assert result["suggested"] == {
        "source": {"name": "White House official", "kind": "anonymous"}, "stance": "asserted",
    }
    assert result["stored"] == {"source": 4, "stance": "asserted"}
    assert result["corrected"] == {
        "name": "Sergey Lavrov", "kind": "person", "stance": "denied", "sourceId": 7, "confirmedNew": False,
        "corrected": True,
    }
    assert result["unnamed"] == {
        "name": "", "kind": "person", "stance": "asserted", "sourceId": None, "confirmedNew": False,
        "corrected": False,
    }
    assert result["key"] == f"10:{10 + len(cases[0]['quote'])}:asserted:White House official"
