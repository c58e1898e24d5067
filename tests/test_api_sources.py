import pytest
from django.urls import reverse

from annotations.models import Source
from annotations.presenters import iso
from tests.api_support import PERMISSION_QUERIES, client_for

URL = "/api/v1/sources/"


def expected(source: Source) -> dict:
    source.refresh_from_db()
    return {
        "id": source.pk, "name": source.name, "kind": source.kind, "url": source.url,
        "same_as": source.same_as, "description": source.description, "aliases": source.aliases,
        "created_at": iso(source.created_at), "updated_at": iso(source.updated_at),
    }


@pytest.fixture
def sources(db):
    names = [
        ("Donald Trump", "person"), ("Trumpet Weekly", "news_outlet"), ("Financial Times", "news_outlet"),
        ("Office of the President (not Trump)", "government"), ("Kremlin", "government"),
    ]
    return {name: Source.objects.create(name=name, kind=kind) for name, kind in names}


def test_search_puts_names_that_start_with_the_text_first(sources, reviewer):
    response = client_for(reviewer).get(URL, {"search": "trum"})

    assert response.status_code == 200
    assert response.json() == {
        "count": 3, "next": None, "previous": None,
        "results": [expected(sources[name]) for name in (
            "Trumpet Weekly", "Donald Trump", "Office of the President (not Trump)",
        )],
    }


def test_list_pages_are_small_and_ordered_by_name(sources, reviewer, django_assert_num_queries):
    Source.objects.bulk_create(Source(name=f"Source {i:02}") for i in range(30))
    client = client_for(reviewer)

    # the key, its user's permissions (own, group), count, page
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2):
        page = client.get(URL).json()
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2):
        one = client.get(URL, {"limit": 1}).json()

    assert (page["count"], len(page["results"])) == (35, 20)
    assert [s["name"] for s in page["results"][:4]] == [
        "Donald Trump", "Financial Times", "Kremlin", "Office of the President (not Trump)",
    ]
    assert len(one["results"]) == 1
    assert len(client.get(URL, {"limit": 1000}).json()["results"]) == 35  # capped at 100
    assert client.get(URL, {"kind": "government"}).json()["count"] == 2


def test_create_and_patch_a_source(reviewer, editor):
    created = client_for(reviewer).post(URL, {
        "name": " Maria Zakharova ", "kind": "person", "url": "https://mid.ru",
        "same_as": "https://www.wikidata.org/wiki/Q4316385", "description": "Spokeswoman",
    })
    source = Source.objects.get()
    changed = client_for(editor).patch(f"{URL}{source.pk}/", {"kind": "government"})

    assert created.status_code == 201
    assert created.json()["name"] == "Maria Zakharova"
    assert changed.status_code == 200
    assert changed.json() == expected(source)
    assert (changed.json()["name"], changed.json()["kind"]) == ("Maria Zakharova", "government")
    assert source.history.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "financial times"}, "name"),
        ({"name": ""}, "name"),
        ({"name": "X", "kind": "alien"}, "kind"),
        ({"name": "X", "url": "not a url"}, "url"),
        ({"name": "X", "same_as": "ftp://example.org/x"}, "same_as"),
        ({"name": "X", "id": 3}, "id"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(sources, reviewer, payload, field):
    response = client_for(reviewer).post(URL, payload)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Source.objects.count() == len(sources)


def test_renaming_onto_another_source_is_refused(sources, editor):
    kremlin = sources["Kremlin"]

    response = client_for(editor).patch(f"{URL}{kremlin.pk}/", {"name": "DONALD TRUMP"})

    assert response.status_code == 400
    assert response.json() == {"name": [f"Source {sources['Donald Trump'].pk} has this name already."]}
    assert Source.objects.get(pk=kremlin.pk).name == "Kremlin"


@pytest.fixture
def peskov(db):
    return Source.objects.create(name="Dmitry Peskov, Kremlin spokesperson", aliases=["Peskov"])


PESKOV = "Dmitry Peskov, Kremlin spokesperson"


@pytest.mark.parametrize(("typed", "offered"), [
    ("Dmitry Peskov", [PESKOV]), ("dmitri peskov", [PESKOV]), ("Peskov, Dmitry", [PESKOV]),
    ("Kremlin spokesman Peskov", [PESKOV, "Kremlin"]), ("Donald J. Trump", ["Donald Trump"]),
])
def test_similar_offers_the_stored_sources_a_new_name_may_duplicate(
        sources, peskov, reviewer, typed, offered):
    response = client_for(reviewer).get(URL, {"similar": typed})

    assert response.status_code == 200
    assert [s["name"] for s in response.json()["results"]] == offered


def test_similar_matches_aliases_and_leaves_out_the_exact_name(sources, reviewer):
    Source.objects.create(name="Office of the Spokesperson", aliases=["State Department spokesperson"])

    by_alias = client_for(reviewer).get(URL, {"similar": "State Dept spokesperson"}).json()
    exact = client_for(reviewer).get(URL, {"similar": "Donald Trump"}).json()

    assert [s["name"] for s in by_alias["results"]] == ["Office of the Spokesperson"]
    assert "Donald Trump" not in [s["name"] for s in exact["results"]]


@pytest.mark.parametrize("typed", ["NATO", "Sergei Lavrov", "a", "!!!"])
def test_similar_answers_an_empty_list_for_names_close_to_nothing(sources, peskov, reviewer, typed):
    response = client_for(reviewer).get(URL, {"similar": typed})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_similar_reads_in_constant_queries_and_refuses_overlong_names(
        sources, reviewer, django_assert_num_queries):
    Source.objects.bulk_create(Source(name=f"Dmitry Person {i:03}") for i in range(700))
    client = client_for(reviewer)

    # the key, its user's permissions (own, group), candidates, count, page
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 3):
        close = client.get(URL, {"similar": "Dmitry Person 007 (MP)"}).json()
    too_long = client.get(URL, {"similar": "x" * 201})

    assert close["results"][0]["name"] == "Dmitry Person 007"
    assert close["count"] == 5  # the closest few, not the 700 that share words
    assert too_long.status_code == 400
    assert "similar" in too_long.json()


def test_admin_asks_did_you_mean_before_adding_a_close_name_and_adds_it_when_told(
        client, admin_user, peskov):
    client.force_login(admin_user)
    url = reverse("admin:annotations_source_add")
    data = {"name": "Dmitry Peskov", "kind": "person", "url": "", "same_as": "", "description": ""}

    asked = client.post(url, data)
    told = client.post(url, {**data, "create_anyway": "on"})

    assert asked.status_code == 200
    assert asked.context["adminform"].form.errors == {"name": [
        f"Did you mean: “Dmitry Peskov, Kremlin spokesperson” (id {peskov.pk})? Use that source, "
        "or tick “Create it anyway” to create a new one."]}
    assert told.status_code == 302
    assert sorted(Source.objects.values_list("name", flat=True)) == [
        "Dmitry Peskov", "Dmitry Peskov, Kremlin spokesperson"]
