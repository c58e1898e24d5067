"""Admin search: a search of any length is answered; only its first words are used, and it says so."""

import json

import pytest
from django.urls import reverse

from annotations.admin.base import MAX_SEARCH_TERM_LENGTH, MAX_SEARCH_TERMS, bounded_search
from tests import factories
from tests.admin_support import changelist_ids, messages_of

THOUSAND_WORDS = " ".join(f"word{index}" for index in range(1000))
CUT = (
    "warning",
    f"Only the first {MAX_SEARCH_TERMS} search words were used, each up to "
    f"{MAX_SEARCH_TERM_LENGTH} characters; the rest of the search was ignored.",
)


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:annotations_article_changelist",
        "admin:annotations_annotation_changelist",
        "admin:annotations_source_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_a_thousand_word_search_is_answered_with_a_message(admin_client_, draft, changelist):
    response = admin_client_.get(reverse(changelist), {"q": THOUSAND_WORDS})

    assert response.status_code == 200
    assert messages_of(response) == [CUT]


def test_the_first_words_of_a_long_search_still_find(admin_client_, draft):
    words = "Donbas Zelenskyy " + " ".join(["Donbas"] * 500)

    response = admin_client_.get(reverse("admin:annotations_annotation_changelist"), {"q": words})

    assert changelist_ids(response) == [draft.pk]
    assert messages_of(response) == [CUT]


def test_a_short_search_says_nothing(admin_client_, draft):
    response = admin_client_.get(reverse("admin:annotations_annotation_changelist"), {"q": "Donbas"})

    assert (changelist_ids(response), messages_of(response)) == ([draft.pk], [])


@pytest.mark.parametrize(
    ("model", "field"), [("article", "publisher"), ("attribution", "source")],
)
def test_a_thousand_word_autocomplete_is_answered(admin_client_, ft_source, model, field):
    response = admin_client_.get(reverse("admin:autocomplete"), {
        "app_label": "annotations", "model_name": model, "field_name": field,
        "term": "Financial " + THOUSAND_WORDS,
    })

    assert response.status_code == 200
    assert json.loads(response.content)["results"] == []
    # No message is left to surface on the next page the user opens.
    assert messages_of(admin_client_.get(reverse("admin:index"))) == []


def test_an_autocomplete_of_a_few_words_finds_the_source(admin_client_, ft_source):
    response = admin_client_.get(reverse("admin:autocomplete"), {
        "app_label": "annotations", "model_name": "article", "field_name": "publisher",
        "term": "Financial Times",
    })

    assert json.loads(response.content)["results"] == [{"id": str(ft_source.pk), "text": "Financial Times"}]


def test_bounded_search_keeps_quoted_phrases_and_shortens_long_words():
    long = "x" * 300

    assert bounded_search('"Donbas region" Trump') == ('"Donbas region" Trump', False)
    assert bounded_search(f'{long} "{long}"') == (f'{"x" * 100} "{"x" * 100}"', True)
    assert bounded_search(" ".join(str(n) for n in range(20))) == (
        " ".join(str(n) for n in range(10)), True,
    )


def test_a_long_word_search_on_sources_is_answered(admin_client_, db):
    factories.SourceFactory(name="Kremlin")

    response = admin_client_.get(reverse("admin:annotations_source_changelist"), {"q": "Kremlin" * 2000})

    assert response.status_code == 200
    assert messages_of(response) == [CUT]
