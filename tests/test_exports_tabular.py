import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from annotations import presenters, selectors
from annotations.exports import rows, tabular
from annotations.models import Annotation
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


def test_csv_has_a_header_and_one_row_per_claim(client, verified):
    annotation = Annotation.objects.get(pk=verified.pk)
    evidence = annotation.evidence.get()

    table = list(csv.reader(io.StringIO(_export(client, "csv"))))

    assert table == [
        list(tabular.CSV_COLUMNS),
        [
            str(annotation.pk), str(annotation.article_id), annotation.article.title,
            annotation.article.url, "Demo Wire", "", "6", "122",
            "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish "
            "the whole Donbas region to Russia",
            "Trump ", ".\n\nA White House official said t",
            "Trump pressed Zelenskyy to give up the whole Donbas region", "unproven", "",
            "verified", "Financial Times (reported); Donald Trump (denied)", evidence.url, "",
            "rita", "rita", "eddie", presenters.iso(annotation.reviewed_at), "3",
            presenters.iso(annotation.created_at), presenters.iso(annotation.updated_at),
        ],
    ]
    assert tabular.CSV_COLUMNS == (
        "id", "article_id", "article_title", "article_url", "publisher", "article_published_at",
        "start", "end", "quote", "prefix", "suffix", "claim", "rating", "rationale",
        "review_state", "attributions", "evidence", "same_as", "created_by", "edited_by", "reviewed_by",
        "reviewed_at", "version", "created_at", "updated_at",
    )


def test_csv_attributions_list_each_source_with_its_stance_in_order(client, verified):
    claim = presenters.claim_dict(selectors.claim_list().get(pk=verified.pk))
    row = next(csv.DictReader(io.StringIO(_export(client, "csv"))))

    assert [(a["source"]["name"], a["stance"]) for a in claim["attributions"]] == [
        ("Financial Times", "reported"), ("Donald Trump", "denied"),
    ]
    assert row["attributions"] == tabular.attributions_summary(claim) == (
        "Financial Times (reported); Donald Trump (denied)"
    )


def test_csv_joins_several_evidence_urls(client, db):
    claim = factories.verified_claim()
    factories.EvidenceFactory(annotation=claim, url="https://evidence.example/second")

    row = next(csv.DictReader(io.StringIO(_export(client, "csv"))))

    first = claim.evidence.order_by("id").first()
    assert row["evidence"] == f"{first.url}; https://evidence.example/second"


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_defuses_cells_that_a_spreadsheet_would_run(client, db, dangerous):
    factories.verified_claim(claim=dangerous, rationale=dangerous)

    row = next(csv.DictReader(io.StringIO(_export(client, "csv"))))

    assert row["claim"] == "'" + dangerous
    assert row["rationale"] == "'" + dangerous


def test_csv_leaves_ordinary_text_and_numbers_alone():
    assert tabular.cell("Trump said") == "Trump said"
    assert tabular.cell(42) == 42
    assert tabular.cell(None) == ""
    assert tabular.cell("") == ""


def test_csv_of_no_claims_is_the_header(client, db):
    assert _export(client, "csv") == ",".join(tabular.CSV_COLUMNS) + "\r\n"


def test_demo_donbas_record_is_in_jsonl_and_csv(client, demo):
    claims = [json.loads(line) for line in _export(client, "jsonl").splitlines()]
    table = list(csv.DictReader(io.StringIO(_export(client, "csv"))))

    donbas = next(c for c in claims if "Donbas" in c["claim"])
    assert [(a["source"]["name"], a["stance"]) for a in donbas["attributions"]] == [
        ("Financial Times", "reported"), ("Donald Trump", "denied"),
    ]
    assert donbas["article"]["url"] == (
        "https://demo-wire.example/world/trump-putin-budapest-summit-on-hold"
    )
    row = next(r for r in table if "Donbas" in r["claim"])
    assert row["attributions"] == "Financial Times (reported); Donald Trump (denied)"
    assert row["rating"] == "unproven"
    # The demo has four verified claims; drafts and claims in review stay out.
    assert len(claims) == len(table) == 4


def test_row_reader_builds_exactly_the_presenter_dicts(demo, reviewer):
    # Last edited by someone other than the author: the two user columns must not swap.
    factories.verified_claim(edited_by=reviewer)
    factories.verified_claim(article=factories.ArticleFactory(publisher=None))
    expected = [presenters.claim_dict(c) for c in selectors.claim_list().order_by("id")]
    assert expected[-2]["edited_by"] == "rita" != expected[-2]["created_by"]

    assert [c for chunk in rows.claim_chunks(selectors.claim_list(), chunk_size=2) for c in chunk] == (
        expected
    )
    assert [c for chunk in rows.claim_chunks(selectors.claim_list()) for c in chunk] == expected
    assert len(expected) == 6


def test_row_reader_yields_chunks_of_the_given_size(db):
    for _ in range(5):
        factories.verified_claim()

    chunks = list(rows.claim_chunks(selectors.claim_list(), chunk_size=2))

    assert [len(chunk) for chunk in chunks] == [2, 2, 1]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_builds_exactly_the_presenter_dicts(demo, reviewer):
    from annotations.exports import pg_json

    unicode_body = "Zoë 👍🏽 q̣̇ “x”\tend of the line"
    factories.verified_claim(
        article=factories.ArticleFactory(publisher=None, body=unicode_body), edited_by=reviewer
    )
    bare = factories.verified_claim(created_by=None)
    bare.attributions.all().delete()
    bare.evidence.all().delete()
    # Whole seconds: the timestamp is written without a fraction, as isoformat does.
    Annotation.objects.filter(pk=bare.pk).update(
        reviewed_by=None, reviewed_at="2025-10-22T09:00:00Z", updated_at="2025-10-22T09:00:00.000100Z"
    )
    expected = [presenters.claim_dict(c) for c in selectors.claim_list().order_by("id")]

    chunks = list(pg_json.claim_json_chunks(selectors.claim_list(), chunk_size=3))

    assert [json.loads(text) for chunk in chunks for text in chunk] == expected
    assert [len(chunk) for chunk in chunks] == [3, 3]
    assert expected[-2]["edited_by"] == "rita" != expected[-2]["created_by"]
    assert expected[-1]["edited_by"] is expected[-1]["created_by"] is None
    assert expected[-1]["reviewed_at"] == "2025-10-22T09:00:00Z"
    assert expected[-1]["updated_at"] == "2025-10-22T09:00:00.000100Z"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_jsonl_applies_the_filters(client, db):
    keep = factories.verified_claim(rating="false")
    factories.verified_claim(rating="true")

    lines = _export(client, "jsonl", rating="false").splitlines()

    assert [json.loads(line) for line in lines] == [
        presenters.claim_dict(selectors.claim_list().get(pk=keep.pk))
    ]
