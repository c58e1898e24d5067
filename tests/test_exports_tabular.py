import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from annotations import services
from annotations.exports import tabular
from annotations.exports.stream import claim_chunks, joined_lines, jsonl_line, text_chunks
from annotations.models import Annotation
from annotations.publishing import services as publishing
from annotations.publishing.models import PublishedClaim
from annotations.publishing.selectors import published_claims
from tests import factories
from tests.test_claims_api import claim_payload


def _export(client, export_format, **params) -> str:
    response = client.get("/api/v1/claims/export/", {"format": export_format, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=io.StringIO())


def test_jsonl_is_one_claim_per_line_as_in_the_claim_list(client, verified):
    lines = _export(client, "jsonl").splitlines()

    assert [json.loads(line) for line in lines] == [claim_payload(verified)]
    assert client.get(f"/api/v1/claims/{verified.pk}/").content.decode() == lines[0]


def test_jsonl_lines_are_the_stored_public_json_byte_for_byte(client, db):
    claims = [factories.verified_claim() for _ in range(3)]

    lines = _export(client, "jsonl").splitlines()

    assert lines == [PublishedClaim.objects.get(pk=c.pk).data for c in claims]
    listed = client.get("/api/v1/claims/").content.decode()
    assert listed == '{"next":null,"previous":null,"results":[' + ",".join(lines) + "]}"


def test_jsonl_of_no_claims_is_empty(client, draft):
    assert _export(client, "jsonl") == ""


def test_jsonl_keeps_unicode_and_newlines_inside_one_line(client, db):
    article = factories.ArticleFactory(body="Zoë said: “no” 👍🏽\nthen left.\n\nEnd.")
    claim = factories.verified_claim(article=article, length=20, claim="Line one\nline two")

    lines = _export(client, "jsonl").splitlines()

    assert len(lines) == 1
    assert json.loads(lines[0])["quote"] == "Zoë said: “no” 👍🏽\nth"
    assert json.loads(lines[0])["claim"] == "Line one\nline two"
    assert "👍🏽" in lines[0]
    assert claim.quote == article.body[:20]


def _csv(client, **params) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_export(client, "csv", **params).removeprefix("\ufeff"))))


def test_csv_has_human_columns_first_and_one_row_per_claim(client, verified):
    annotation = Annotation.objects.get(pk=verified.pk)
    evidence = annotation.evidence.get()
    # Spreadsheets read "YYYY-MM-DD HH:MM:SS" as a date; the zone is in the column's name.
    reviewed = annotation.reviewed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    text = _export(client, "csv")
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))

    assert text.startswith("\ufeff\"Claim\",\"Rating\",\"Rating code\",\"Who said it\"")
    assert table == [
        list(tabular.CSV_COLUMNS),
        [
            "Trump pressed Zelenskyy to give up the whole Donbas region", "Unproven", "unproven",
            "Financial Times (reported); Donald Trump (denied)", annotation.article.title,
            f"http://testserver/claims/{annotation.pk}/", reviewed, "", "", evidence.url, "",
            "Demo Wire", annotation.article.url, "", reviewed, str(annotation.pk),
            str(annotation.article_id),
            "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish "
            "the whole Donbas region to Russia",
            "Trump refuted a story by the Financial Times that he had pressed Zelenskyy to "
            "relinquish the whole Donbas region to Russia.",
            "6", "122", "Trump ", ".\n\nA White House official said t", "en",
        ],
    ]
    assert tabular.CSV_COLUMNS == (
        "Claim", "Rating", "Rating code", "Who said it", "Article", "Public URL", "Verified (UTC)",
        "Corrections", "Rationale", "Evidence", "Same claim as", "Publisher", "Article URL",
        "Article published (UTC)", "First published (UTC)", "Claim id", "Article id", "Quote", "Context",
        "Start", "End", "Prefix", "Suffix", "Language",
    )


def test_csv_quotes_every_text_cell_and_leaves_numbers_bare(client, verified):
    text = _export(client, "csv", bom="0")
    row = text.splitlines()[1]

    assert row.startswith('"Trump pressed Zelenskyy to give up the whole Donbas region","Unproven",')
    assert f',{verified.pk},{verified.article_id},"refuted a story' in row


def test_csv_byte_order_mark_is_on_by_default_and_off_with_bom_0(client, verified):
    assert _export(client, "csv").startswith("\ufeff\"Claim\"")
    assert _export(client, "csv", bom="1").startswith("\ufeff\"Claim\"")
    assert _export(client, "csv", bom="0").startswith("\"Claim\"")
    response = client.get("/api/v1/claims/export/", {"format": "csv", "bom": "yes"})
    assert response.status_code == 400
    assert list(response.json()) == ["bom"]


def test_csv_attributions_list_each_source_with_its_stance_in_order(client, verified):
    claim = PublishedClaim.objects.get(pk=verified.pk).public
    row = _csv(client)[0]

    assert row["Who said it"] == tabular.attributions_summary(claim) == (
        "Financial Times (reported); Donald Trump (denied)"
    )


def test_csv_joins_several_evidence_urls(client, db, editor, other_editor):
    claim = factories.verified_claim(reviewer=other_editor)
    first = claim.evidence.get()
    services.annotation_update(
        annotation=claim, user=editor, version=claim.version,
        evidence=[{"id": first.pk, "url": first.url}, {"url": "https://evidence.example/second"}],
    )
    services.review_verify(annotation=claim, user=factories.editor(username="third"))

    row = _csv(client)[0]

    assert row["Evidence"] == f"{first.url}; https://evidence.example/second"


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_defuses_cells_that_a_spreadsheet_would_run(client, db, dangerous):
    factories.verified_claim(claim=dangerous, rationale=dangerous)

    row = _csv(client)[0]

    assert row["Claim"] == "'" + dangerous
    assert row["Rationale"] == "'" + dangerous


@pytest.mark.parametrize(
    ("text", "defused"),
    [
        ("Alice;=cmd|' /C calc'!A0", "Alice;'=cmd|' /C calc'!A0"),
        ("Alice, =1+1", "Alice, '=1+1"),
        ("a|@SUM(A1)", "a|'@SUM(A1)"),
        ("a\t+1", "a\t'+1"),
        ("a;\r=1", "a;'\r=1"),
        ("=1;=2", "'=1;'=2"),
        ("cost - benefit", "cost - benefit"),
        ("2025-10-22", "2025-10-22"),
    ],
)
def test_csv_defuses_a_formula_after_any_separator_inside_a_cell(text, defused):
    assert tabular.cell(text) == defused


def test_csv_source_named_like_a_formula_is_defused_in_a_semicolon_locale(client, db):
    claim = factories.verified_claim()
    source = factories.SourceFactory(name="Alice;=cmd|' /C calc'!A0")
    factories.AttributionFactory(annotation=claim, source=source, stance="asserted")
    publishing.publish(annotation=claim, user=claim.reviewed_by)

    text = _export(client, "csv", bom="0")

    assert "Alice;'=cmd|' /C calc'!A0 (asserted)" in text
    # Read with ";" as the separator, as a German or French spreadsheet does: no cell
    # starts with a formula trigger.
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        for value in row:
            assert not value.lstrip(' "').startswith(("=", "+", "@")), value


def test_csv_leaves_ordinary_text_and_numbers_alone():
    assert tabular.cell("Trump said") == "Trump said"
    assert tabular.cell(42) == 42
    assert tabular.cell(None) == ""
    assert tabular.cell("") == ""


def test_csv_of_no_claims_is_the_header(client, db):
    assert _export(client, "csv", bom="0") == ",".join(f'"{c}"' for c in tabular.CSV_COLUMNS) + "\r\n"


def test_demo_donbas_record_is_in_jsonl_and_csv(client, demo):
    claims = [json.loads(line) for line in _export(client, "jsonl").splitlines()]
    table = _csv(client)

    donbas = next(c for c in claims if "Donbas" in c["claim"])
    assert [(a["source"]["name"], a["stance"]) for a in donbas["attributions"]] == [
        ("Financial Times", "reported"), ("Donald Trump", "denied"),
    ]
    assert donbas["article"]["url"] == (
        "https://demo-wire.example/world/trump-putin-budapest-summit-on-hold"
    )
    row = next(r for r in table if "Donbas" in r["Claim"])
    assert row["Who said it"] == "Financial Times (reported); Donald Trump (denied)"
    assert (row["Rating"], row["Rating code"]) == ("Unproven", "unproven")
    # The demo has four verified claims; drafts and claims in review stay out.
    assert len(claims) == len(table) == 4


def test_chunks_are_the_stored_rows_in_id_order_of_the_given_size(db):
    claims = [factories.verified_claim() for _ in range(5)]

    texts = list(text_chunks(published_claims(), chunk_size=2))
    dicts = list(claim_chunks(published_claims(), chunk_size=2))

    assert [len(chunk) for chunk in texts] == [2, 2, 1]
    assert [json.loads(t) for chunk in texts for t in chunk] == [d for chunk in dicts for d in chunk]
    assert [d["id"] for chunk in dicts for d in chunk] == [c.pk for c in claims]


@pytest.mark.parametrize("count", [4, 5])
def test_joined_chunks_are_the_stored_texts_joined_by_newlines_in_id_order(db, count):
    for _ in range(count):
        factories.verified_claim()
    stored = list(PublishedClaim.objects.order_by("pk").values_list("data", flat=True))

    joined = list(joined_lines(published_claims(), jsonl_line(""), chunk_size=2))

    assert joined == [
        ("\n".join(stored[at:at + 2]) + "\n").encode() for at in range(0, count, 2)
    ]


def test_a_filter_that_matches_nothing_exports_an_empty_stream(client, verified):
    assert _export(client, "jsonl", review_state="draft") == ""
    assert _export(client, "jsonl", rating="false") == ""


@pytest.mark.parametrize("text", [
    "True", "false", "FALSE", "42", "-0.5e3", "3.5%", "1,000", "$1,000", "(42)", "22/10/2025",
    "2025-10-22", "12:30", "07:30 pm", "22 October 2025", "Oct 22", "October 2025",
])
def test_csv_text_that_a_spreadsheet_would_convert_starts_with_a_word_joiner(text):
    guarded = tabular.text_cell(text)

    # A formula trigger is defused first (its apostrophe already keeps it text).
    assert guarded in (tabular.WORD_JOINER + text, "'" + text)


@pytest.mark.parametrize("text", ["Unproven", "Mostly true", "Trump said 42", "Mayor", "march on Rome", ""])
def test_csv_text_a_spreadsheet_keeps_is_left_as_it_is(text):
    assert tabular.text_cell(text) == text


def test_csv_rating_true_and_false_cells_are_guarded_as_text(client, db):
    for rating in ("true", "false"):
        factories.verified_claim(rating=rating, claim="42")

    rows = _csv(client)

    assert [row["Rating"] for row in rows] == ["\u2060True", "\u2060False"]
    assert [row["Rating code"] for row in rows] == ["\u2060true", "\u2060false"]
    assert {row["Claim"] for row in rows} == {"\u206042"}


def test_csv_times_are_utc_without_t_or_offset_and_the_zone_is_in_the_header(client, db):
    article = factories.ArticleFactory(published_at=datetime.fromisoformat("2025-10-22T18:42:00-04:00"))
    annotation = factories.verified_claim(article=article)

    row = _csv(client)[0]

    assert row["Article published (UTC)"] == "2025-10-22 22:42:00"
    reviewed = annotation.reviewed_at.astimezone(UTC)
    assert row["Verified (UTC)"] == reviewed.strftime("%Y-%m-%d %H:%M:%S")
    assert row["First published (UTC)"][:10] == reviewed.strftime("%Y-%m-%d")
