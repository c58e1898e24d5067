"""The public /claims/ index: verified claims only, newest first, search and filters."""

from datetime import timedelta

from django.utils import timezone

from annotations.publishing.models import PublishedClaim
from tests import factories


def claims_on(response) -> list[str]:
    return [claim.claim for claim in response.context["page"].object_list]


def test_lists_verified_claims_newest_first_and_never_drafts(client, db):
    older = factories.verified_claim(claim="An older verified claim")
    older.reviewed_at = timezone.now() - timedelta(days=3)
    older.save()
    factories.verified_claim(claim="A newer verified claim")
    factories.AnnotationFactory(claim="A draft nobody checked yet")
    response = client.get("/claims/")
    assert response.status_code == 200
    assert claims_on(response) == ["A newer verified claim", "An older verified claim"]
    assert b"A draft nobody checked yet" not in response.content


def test_filters_by_rating_source_and_date(client, db):
    old = factories.verified_claim(claim="Old false claim", rating="false")
    PublishedClaim.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=30))
    factories.verified_claim(claim="Recent true claim", rating="true")
    assert claims_on(client.get("/claims/", {"rating": "false"})) == ["Old false claim"]
    by_source = claims_on(client.get("/claims/", {"source": "financial"}))
    assert by_source == ["Recent true claim", "Old false claim"]
    assert claims_on(client.get("/claims/", {"source": "nobody"})) == []
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert claims_on(client.get("/claims/", {"since": since})) == ["Recent true claim"]


def test_searching_by_words_finds_claims_the_index_does_not(client, db):
    # Made by the factory, not through the review services: not in the known-claims index.
    factories.verified_claim(claim="The harbour bridge closes for repairs")
    assert claims_on(client.get("/claims/", {"q": "harbour"})) == ["The harbour bridge closes for repairs"]


def test_searching_by_meaning_ranks_the_paraphrased_claim_first(client, verified):
    factories.verified_claim(claim="The mayor doubled the bus fares in March")
    response = client.get("/claims/", {"q": "Zelensky urged to cede Donbas by Trump"})
    assert claims_on(response) == ["Trump pressed Zelenskyy to give up the whole Donbas region"]


def test_the_list_runs_a_constant_number_of_queries(client, db, django_assert_num_queries):
    for number in range(5):
        factories.verified_claim(claim=f"Claim number {number}")
    # session-less: count, page of published claims (their stored JSON holds the rest)
    with django_assert_num_queries(2):
        client.get("/claims/")
