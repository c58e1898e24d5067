"""Speaker repeats: a new article in which the source of a claim rated false repeats it raises a
claim_repeated alert (our verified claims and imported ClaimReviews alike), once."""

import pytest
from django.utils import timezone

from annotations import services
from annotations.alerts import repeats
from annotations.alerts.models import Alert
from annotations.ingest.extract import ExtractedPage
from annotations.ingest.services import article_import
from annotations.matching import services as known_claims
from tests import factories
from tests.api_support import client_for

REPEATED = (
    "Donald Trump said on Monday that Ukraine must give up the whole Donbas region to Russia "
    "before any ceasefire can hold."
)
OTHER_SPEAKER = (
    "Dmitry Peskov said on Monday that Ukraine must give up the whole Donbas region to Russia "
    "before any ceasefire can hold."
)


@pytest.fixture
def rated_false(reviewer, editor, trump):
    """Our verified claim, rated False, that Donald Trump asserted."""
    article = factories.ArticleFactory(
        title="Summit talk", url="https://news.example/summit",
        body="At the summit Trump argued that Ukraine must give up the whole Donbas region to Russia.",
    )
    claim = services.annotation_create(
        article=article, user=reviewer, quote="Ukraine must give up the whole Donbas region to Russia",
        claim="Ukraine must give up the whole Donbas region to Russia", rating="false",
        attributions=[{"source": trump, "stance": "asserted"}],
    )
    services.review_submit(annotation=claim, user=reviewer)
    return services.review_verify(annotation=claim, user=editor)


def imported(editor, text: str, url: str):
    page = ExtractedPage(title="Ceasefire talks", body=text, url=url)
    article, _ = article_import(user=editor, page=page)
    return article


def test_a_source_repeating_our_false_claim_raises_an_alert_when_the_article_comes_in(
    rated_false, editor, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = imported(editor, f"Talks resumed in Geneva.\n\n{REPEATED}", "https://other.example/a")

    alert = Alert.objects.get()
    today = timezone.localdate()
    assert (alert.kind, alert.state, alert.article_id) == ("claim_repeated", "open", article.pk)
    assert alert.summary == f"Donald Trump repeated a claim rated False on {today.day} {today:%b %Y}"
    assert alert.data["sentence"] == REPEATED
    assert alert.data["match"]["kind"] == "verified"
    assert alert.data["match"]["id"] == rated_false.pk


def test_looking_again_raises_nothing_more(rated_false, editor):
    article = imported(editor, REPEATED, "https://other.example/a")
    first = repeats.claim_repeats_check(article=article)
    second = repeats.claim_repeats_check(article=article)
    assert [a.pk for a in first] == [a.pk for a in second]
    assert Alert.objects.count() == 1


def test_someone_else_saying_it_raises_nothing(rated_false, editor):
    article = imported(editor, OTHER_SPEAKER, "https://other.example/b")
    assert known_claims.article_known_claims(article=article)  # the claim is found…
    assert repeats.claim_repeats_check(article=article) == []  # …but not said by its source


def test_a_claim_not_rated_false_is_not_watched_for(rated_false, editor, other_editor):
    claim = services.annotation_update(annotation=rated_false, user=other_editor, version=rated_false.version,
                                       rating="true")
    services.review_verify(annotation=claim, user=factories.editor(username="ed2"))
    article = imported(editor, REPEATED, "https://other.example/c")
    assert repeats.claim_repeats_check(article=article) == []


def test_an_alias_of_the_source_is_the_same_source(rated_false, editor, trump):
    article = imported(editor, REPEATED.replace("Donald Trump", "POTUS"), "https://other.example/d")
    assert repeats.claim_repeats_check(article=article) == []  # "POTUS" names nobody we know yet

    trump.aliases = ["POTUS"]
    trump.save()
    [alert] = repeats.claim_repeats_check(article=article)

    assert alert.summary.startswith("Donald Trump repeated a claim rated False")
    assert alert.data["sentence"].startswith("POTUS said")


def test_an_imported_claimreview_rated_false_counts_too(editor):
    known_claims.claimreviews_import(records=[{
        "@type": "ClaimReview", "url": "https://checker.example/donbas",
        "claimReviewed": "Ukraine must give up the whole Donbas region to Russia",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Donald Trump"}},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Checker"}, "datePublished": "2025-10-21",
    }], user=editor)
    factories.SourceFactory(name="Donald Trump", kind="person")
    article = imported(editor, REPEATED, "https://other.example/e")

    [alert] = repeats.claim_repeats_check(article=article)

    assert alert.summary == "Donald Trump repeated a claim rated False on 21 Oct 2025"
    assert alert.data["match"]["url"] == "https://checker.example/donbas"


def test_repeats_are_listed_in_the_api_and_in_my_work(rated_false, editor, client):
    article = imported(editor, REPEATED, "https://other.example/f")
    repeats.claim_repeats_check(article=article, base_url="http://testserver")

    [shown] = client_for(editor).get("/api/v1/alerts/?kind=claim_repeated").json()["results"]
    assert shown["repeat"]["speaker"] == "Donald Trump"
    assert shown["repeat"]["link"] == f"http://testserver/articles/{article.pk}/"
    assert shown["repeat"]["repeats"]["url"] == f"http://testserver/claims/{rated_false.pk}/"
    client.force_login(editor)
    page = client.get("/work/").content.decode()
    assert "Claims repeated" in page and "Donald Trump repeated a claim rated False" in page
    assert f'href="/articles/{article.pk}/"' in page
