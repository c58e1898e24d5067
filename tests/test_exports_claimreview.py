import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from annotations.exports.claimreview import from_claim
from annotations.models import RATING_SCALE, Annotation, Rating
from annotations.publishing import services as publishing
from annotations.publishing.models import PublishedClaim
from tests import factories

STANDARDS = Path(__file__).resolve().parent / "standards"
SCHEMAORG = STANDARDS / "schemaorg-claimreview" / "claimreview-excerpt-schemaorg-30.0.jsonld"

# Properties and types of schema.org's core (Thing, CreativeWork, Organization) that the
# ClaimReview excerpt does not repeat.
# inLanguage, like headline, is a CreativeWork property that ClaimReview inherits.
CORE_PROPERTIES = {
    "url", "name", "headline", "datePublished", "dateModified", "publisher", "sameAs", "inLanguage",
}
CORE_TYPES = {"Organization", "Person", "NewsArticle", "CreativeWork"}


def schemaorg_terms() -> tuple[set[str], set[str]]:
    """Return the property and class names defined in the schema.org excerpt."""
    assert SCHEMAORG.exists(), f"schema.org definitions are missing at {SCHEMAORG}"
    graph = json.loads(SCHEMAORG.read_text())["@graph"]
    names = {node["@id"].removeprefix("schema:"): node["@type"] for node in graph}
    properties = {name for name, kind in names.items() if kind == "rdf:Property"}
    classes = {name for name, kind in names.items() if kind == "rdfs:Class"}
    return properties, classes


def assert_schemaorg_terms(node, properties, classes):
    """Fail on any property or @type the schema.org definitions do not know."""
    if isinstance(node, list):
        for item in node:
            assert_schemaorg_terms(item, properties, classes)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "@type":
            assert value in classes | CORE_TYPES, value
        elif key != "@context":
            assert key in properties | CORE_PROPERTIES, key
        assert_schemaorg_terms(value, properties, classes)


def claimreview(annotation, base_url: str) -> dict:
    """Return the ClaimReview of an annotation's published version."""
    return from_claim(PublishedClaim.objects.get(pk=annotation.pk).public, base_url)


def assert_google_fields(review):
    """Check Google's required and recommended ClaimReview fields."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"]
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"]
    assert review["url"].startswith(("http://", "https://"))
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert date.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"]
    assert date.fromisoformat(item["datePublished"])
    assert item["appearance"] and all(a.get("url") or a.get("headline") for a in item["appearance"])
    rating = review["reviewRating"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert_schemaorg_terms(review, *schemaorg_terms())


def test_claimreview_of_the_ft_donbas_claim(client, verified, settings):
    settings.FACTCHECK_ORGANIZATION_NAME = "Desk Checks"
    settings.FACTCHECK_ORGANIZATION_URL = "https://desk.example"
    annotation = Annotation.objects.get(pk=verified.pk)

    response = client.get(f"/api/v1/claims/{verified.pk}/claimreview/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    review = response.json()
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/claims/{verified.pk}/",
        "claimReviewed": "Trump pressed Zelenskyy to give up the whole Donbas region",
        "author": {"@type": "Organization", "name": "Desk Checks", "url": "https://desk.example"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Unproven",
            "ratingExplanation": "Financial Times reported it. Donald Trump denied it.",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Financial Times"},
            "appearance": [
                {
                    "@type": "NewsArticle",
                    "headline": annotation.article.title,
                    "url": annotation.article.url,
                    "publisher": {"@type": "Organization", "name": "Demo Wire"},
                },
            ],
        },
        "inLanguage": "en",
        "datePublished": annotation.reviewed_at.date().isoformat(),
    }


def test_claimreview_meets_google_fields_when_the_article_has_a_date(client, db):
    article = factories.ArticleFactory(published_at="2025-10-21T18:30:00Z")
    claim = factories.verified_claim(article=article, rationale="The FT stands by its report.")

    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()

    assert_google_fields(review)
    assert review["itemReviewed"]["datePublished"] == "2025-10-21"
    assert review["reviewRating"]["ratingExplanation"] == (
        "Financial Times reported it. Donald Trump denied it. The FT stands by its report."
    )


@pytest.mark.parametrize("rating", list(Rating))
def test_claimreview_rates_on_the_five_point_scale_where_it_can(db, rating):
    claim = factories.verified_claim(rating=rating)

    review_rating = claimreview(claim, "http://x.example")[
        "reviewRating"
    ]

    expected = {"@type": "Rating", "alternateName": rating.label}
    if rating in RATING_SCALE:
        expected |= {"ratingValue": RATING_SCALE[rating], "bestRating": 5, "worstRating": 1}
    expected["ratingExplanation"] = "Financial Times reported it. Donald Trump denied it."
    assert review_rating == expected


def test_claimreview_prefers_the_asserting_source_and_lists_appearances_with_urls(db):
    claim = factories.verified_claim()
    lavrov = factories.SourceFactory(name="Sergei Lavrov")
    factories.AttributionFactory(
        annotation=claim, source=lavrov, stance="asserted", date=date(2025, 10, 20),
        url="https://mid.example/statement",
    )
    nato = factories.SourceFactory(name="NATO", kind="organization")
    factories.AttributionFactory(annotation=claim, source=nato, stance="disputed")
    reporter = claim.attributions.get(stance="reported")
    reporter.url = "https://ft.example/donbas"
    reporter.save()
    publishing.publish(annotation=claim, user=claim.reviewed_by)

    review = claimreview(claim, "https://factcheck.example/")

    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Sergei Lavrov"}
    assert item["datePublished"] == "2025-10-20"
    assert item["appearance"][1:] == [
        {
            "@type": "CreativeWork", "url": "https://ft.example/donbas",
            "author": {"@type": "Organization", "name": "Financial Times"},
        },
        {
            "@type": "CreativeWork", "url": "https://mid.example/statement",
            "author": {"@type": "Person", "name": "Sergei Lavrov"}, "datePublished": "2025-10-20",
        },
    ]
    assert review["url"] == f"https://factcheck.example/claims/{claim.pk}/"
    assert review["reviewRating"]["ratingExplanation"] == (
        "Financial Times reported it. Donald Trump denied it. Sergei Lavrov made the claim. "
        "NATO disputed it."
    )
    assert_google_fields(review)


def test_claimreview_export_is_a_json_array_of_the_single_objects(client, db):
    claims = [factories.verified_claim() for _ in range(3)]

    response = client.get("/api/v1/claims/export/", {"format": "claimreview"})
    exported = json.loads(b"".join(response.streaming_content))

    assert exported == [
        client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json() for claim in claims
    ]


def test_claimreview_export_of_no_claims_is_an_empty_array(client, draft):
    response = client.get("/api/v1/claims/export/", {"format": "claimreview"})

    assert json.loads(b"".join(response.streaming_content)) == []


def test_demo_donbas_record_is_in_the_claimreview_export(client, db):
    call_command("load_demo", force=True, stdout=io.StringIO())

    response = client.get("/api/v1/claims/export/", {"format": "claimreview"})
    reviews = json.loads(b"".join(response.streaming_content))

    donbas = next(r for r in reviews if "Donbas" in r["claimReviewed"])
    assert donbas["itemReviewed"]["author"] == {"@type": "Organization", "name": "Financial Times"}
    assert donbas["reviewRating"]["ratingExplanation"].startswith(
        "Financial Times reported it. Donald Trump denied it."
    )
    assert donbas["itemReviewed"]["appearance"][0]["url"] == (
        "https://demo-wire.example/world/trump-putin-budapest-summit-on-hold"
    )
    assert len(reviews) == 4
    for review in reviews:
        assert_google_fields(review)


def test_schemaorg_check_catches_unknown_properties():
    properties, classes = schemaorg_terms()

    with pytest.raises(AssertionError):
        assert_schemaorg_terms({"@type": "ClaimReview", "claimRevieved": "x"}, properties, classes)
    with pytest.raises(AssertionError):
        assert_schemaorg_terms({"@type": "ClaimReveiw"}, properties, classes)
