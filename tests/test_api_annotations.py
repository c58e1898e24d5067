import json

import pytest
from django.test import override_settings

from annotations import services
from annotations.api.base import PreconditionRequired
from annotations.models import Annotation, Attribution, Evidence, Source
from annotations.presenters import iso
from tests.api_support import PERMISSION_QUERIES, client_for
from tests.factories import ArticleFactory

URL = "/api/v1/annotations/"


def detail(annotation) -> str:
    return f"{URL}{annotation.pk}/"


def expected(annotation, *, may_review: bool = False) -> dict:
    """The whole representation, written out from the stored row (`may_review`: the caller's)."""
    annotation = Annotation.objects.get(pk=annotation.pk)
    return {
        "id": annotation.pk,
        "article": annotation.article_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "claim": annotation.claim,
        "language": annotation.language,
        "rating": annotation.rating,
        "rationale": annotation.rationale,
        "review_state": annotation.review_state,
        "review_comment": annotation.review_comment,
        "same_as": annotation.same_as,
        "attributions": [
            {
                "id": a.pk,
                "source": {"id": a.source.pk, "name": a.source.name, "kind": a.source.kind},
                "stance": a.stance,
                "url": a.url,
                "date": iso(a.date),
                "note": a.note,
            }
            for a in annotation.attributions.order_by("id")
        ],
        "evidence": [
            {
                "id": e.pk,
                "url": e.url,
                "title": e.title,
                "publisher": e.publisher,
                "published": iso(e.published),
                "excerpt": e.excerpt,
                "relation": e.relation,
            }
            for e in annotation.evidence.order_by("id")
        ],
        "created_by": annotation.created_by.username if annotation.created_by else None,
        "edited_by": annotation.edited_by.username if annotation.edited_by else None,
        "reviewed_by": annotation.reviewed_by.username if annotation.reviewed_by else None,
        "reviewed_at": iso(annotation.reviewed_at),
        "version": annotation.version,
        "anchor_state": annotation.anchor_state,
        "revision": annotation.revision,
        "previous_quote": annotation.previous_quote,
        "created_at": iso(annotation.created_at),
        "updated_at": iso(annotation.updated_at),
        "may_review": may_review,
    }


# Reading


def test_detail_shows_the_whole_annotation_with_its_etag(draft, reviewer, article, ft_source, trump):
    response = client_for(reviewer).get(detail(draft))

    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    attributions = list(draft.attributions.order_by("id"))
    evidence = draft.evidence.get()
    start = article.body.index("refuted")
    assert response.json() == {
        "id": draft.pk,
        "article": article.pk,
        "start": start,
        "end": start + 116,
        "quote": (
            "refuted a story by the Financial Times that he had pressed Zelenskyy "
            "to relinquish the whole Donbas region to Russia"
        ),
        "prefix": "Trump ",
        "suffix": ".\n\nA White House official said t",
        "claim": "Trump pressed Zelenskyy to give up the whole Donbas region",
        "language": "en",
        "rating": "unproven",
        "rationale": "",
        "review_state": "draft",
        "review_comment": "",
        "same_as": [],
        "attributions": [
            {
                "id": attributions[0].pk,
                "source": {"id": ft_source.pk, "name": "Financial Times", "kind": "news_outlet"},
                "stance": "reported", "url": "", "date": None, "note": "",
            },
            {
                "id": attributions[1].pk,
                "source": {"id": trump.pk, "name": "Donald Trump", "kind": "person"},
                "stance": "denied", "url": "", "date": None, "note": "",
            },
        ],
        "evidence": [
            {
                "id": evidence.pk, "url": "https://evidence.example/ft", "title": "FT report",
                "publisher": "", "published": None, "excerpt": "", "relation": "context",
            }
        ],
        "created_by": "rita",
        "edited_by": "rita",
        "reviewed_by": None,
        "reviewed_at": None,
        "version": 1,
        "anchor_state": "anchored",
        "revision": 1,
        "previous_quote": "",
        "created_at": iso(draft.created_at),
        "updated_at": iso(draft.updated_at),
        "may_review": False,
    }


def test_list_shows_drafts_to_reviewers_and_only_verified_claims_to_anonymous(
    verified, reviewer, article
):
    draft = services.annotation_create(article=article, user=reviewer, quote="White House official")

    staff = client_for(reviewer).get(URL)
    public = client_for().get(URL)

    assert staff.json() == {
        "count": 2, "next": None, "previous": None,
        "results": [expected(verified), expected(draft)],
    }
    # The public reads the organization's work, never the staff's usernames.
    anonymous = {**expected(verified), "created_by": None, "edited_by": None, "reviewed_by": None}
    assert public.json() == {"count": 1, "next": None, "previous": None, "results": [anonymous]}
    assert client_for().get(detail(verified)).json() == anonymous
    assert client_for().get(detail(draft)).status_code == 404


def test_list_runs_the_same_queries_for_one_or_fifty_annotations(
    reviewer, editor, ft_source, trump, django_assert_num_queries
):
    article = ArticleFactory(body=" ".join(f"word{i}" for i in range(100)))
    for i in range(50):
        services.annotation_create(
            article=article, user=editor, quote=f"word{i} ", claim=f"claim {i}",
            attributions=[{"source": ft_source, "stance": "reported"},
                          {"source": trump, "stance": "denied"}],
            evidence=[{"url": f"https://evidence.example/{i}"}],
        )
    client = client_for(reviewer)
    # the key, its user's permissions, count, page, its people, attributions, their sources, evidence
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 6):
        one = client.get(URL, {"limit": 1})
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 6):
        fifty = client.get(URL, {"limit": 50})
    assert len(one.json()["results"]) == 1
    assert len(fifty.json()["results"]) == 50
    assert fifty.json()["results"][49]["attributions"][1]["source"]["name"] == "Donald Trump"


def test_list_pages_hold_up_to_1000_annotations_in_the_same_queries(
    reviewer, editor, ft_source, django_assert_num_queries
):
    from annotations.api.views import AnnotationPagination

    assert AnnotationPagination.max_limit == 1000
    article = ArticleFactory(body=" ".join(f"word{i}" for i in range(1100)))
    starts = [article.body.index(f"word{i} ") for i in range(1001)]
    Annotation.objects.bulk_create(
        Annotation(article=article, start=start, end=start + 4, quote="word", created_by=editor)
        for start in starts
    )
    client = client_for(reviewer)
    # as above, but with no attributions there are no sources to read
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 5):
        page = client.get(URL, {"limit": 5000}).json()

    assert page["count"] == 1001 and len(page["results"]) == 1000


def test_list_items_are_the_annotations_as_their_detail_shows_them(
    reviewer, editor, other_editor, ft_source, trump
):
    article = ArticleFactory(body="Zoë said “no” 👍🏽 twice.\n\nThen the minister left the room.")
    first = services.annotation_create(
        article=article, user=editor, quote="Zoë said", claim="Zoë said it", rating="false",
        rationale="Because.", attributions=[
            {"source": ft_source, "stance": "reported", "url": "https://ft.example/a", "date": "2025-10-21",
             "note": "Print edition"},
            {"source": trump, "stance": "denied"},
        ],
        evidence=[{"url": "https://evidence.example/1", "title": "One", "published": "2025-10-20"},
                  {"url": "https://evidence.example/2"}],
    )
    services.review_submit(annotation=first, user=editor, version=first.version)
    services.review_verify(annotation=first, user=other_editor, version=first.version + 1)
    services.annotation_create(article=article, user=editor, quote="the minister")

    for user in (reviewer, None):
        client = client_for(user)
        listed = client.get(URL).json()["results"]

        assert listed == [client.get(f"{URL}{item['id']}/").json() for item in listed]
        assert len(listed) == (2 if user else 1)


@pytest.fixture
def three_claims(article, reviewer, editor, ft_source, trump):
    """A verified FT/Trump claim, an in-review White House one, a draft by the editor."""
    first = services.annotation_create(
        article=article, user=reviewer, quote="refuted a story", claim="Trump refuted the FT",
        rating="false", attributions=[{"source": ft_source, "stance": "reported"},
                                      {"source": trump, "stance": "denied"}],
    )
    services.review_submit(annotation=first, user=reviewer)
    services.review_verify(annotation=first, user=editor)
    second = services.annotation_create(
        article=article, user=reviewer, quote="no plans for a meeting", claim="No meeting",
        rating="unproven", attributions=[{"source": trump, "stance": "asserted"}],
    )
    services.review_submit(annotation=second, user=reviewer)
    third = services.annotation_create(
        article=article, user=editor, quote="White House official", rating="true",
        attributions=[{"source": ft_source, "stance": "denied"}],
    )
    return first, second, third


@pytest.mark.parametrize(
    ("query", "expected_indexes"),
    [
        ({"review_state": "verified"}, [0]),
        ({"review_state": "in_review"}, [1]),
        ({"rating": "true"}, [2]),
        ({"stance": "denied"}, [0, 2]),
        ({"source": "FT"}, [0, 2]),
        ({"source": "FT", "stance": "denied"}, [2]),
        ({"source": "TRUMP", "stance": "denied"}, [0]),
        ({"created_by": "eddie"}, [2]),
        ({"created_by": "REVIEWER_ID"}, [0, 1]),
        ({"q": "MEETING"}, [1]),
        ({"q": "refuted the"}, [0]),
        ({"article": "ARTICLE_ID"}, [0, 2, 1]),  # text order
        ({"article": "999999"}, []),
    ],
)
def test_filters_select_the_matching_annotations(
    three_claims, query, expected_indexes, reviewer, article, ft_source, trump
):
    names = {"FT": ft_source.pk, "TRUMP": trump.pk, "REVIEWER_ID": reviewer.pk, "ARTICLE_ID": article.pk}
    query = {key: names.get(value, value) for key, value in query.items()}

    response = client_for(reviewer).get(URL, query)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [
        three_claims[i].pk for i in expected_indexes
    ]


def test_updated_since_filters_by_change_time(three_claims, reviewer):
    _, second, third = three_claims
    since = iso(Annotation.objects.get(pk=second.pk).updated_at)

    response = client_for(reviewer).get(URL, {"updated_since": since})

    assert [item["id"] for item in response.json()["results"]] == [third.pk, second.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"review_state": "published"}, "review_state"),
        ({"rating": "pants_on_fire"}, "rating"),
        ({"stance": "whispered"}, "stance"),
        ({"article": "one"}, "article"),
        ({"article": "1.5"}, "article"),
        ({"source": "99999999999999999999999"}, "source"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"q": "nul\x00byte"}, "q"),
    ],
)
def test_bad_filter_values_are_refused_naming_the_parameter(reviewer, query, field):
    response = client_for(reviewer).get(URL, query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


# Creating


def test_create_by_offsets_returns_201_with_etag_and_location(reviewer, article, ft_source):
    response = client_for(reviewer).post(URL, {
        "article": article.pk, "start": 0, "end": 5, "quote": "Trump", "claim": "Trump spoke",
        "rating": "true", "rationale": "On the record.",
        "attributions": [{"source": ft_source.pk, "stance": "reported", "url": "https://ft.example/a",
                          "date": "2025-10-20", "note": "paywalled"}],
        "evidence": [{"url": "https://evidence.example/1", "title": "Transcript",
                      "publisher": "White House", "published": "2025-10-21",
                      "excerpt": "We talked.", "relation": "supports"}],
    })

    assert response.status_code == 201
    annotation = Annotation.objects.get()
    assert response["ETag"] == '"1"'
    assert response["Location"] == f"http://testserver{URL}{annotation.pk}/"
    assert response.json() == expected(annotation)
    assert response.json()["attributions"][0] | {"id": None} == {
        "id": None, "source": {"id": ft_source.pk, "name": "Financial Times", "kind": "news_outlet"},
        "stance": "reported", "url": "https://ft.example/a", "date": "2025-10-20", "note": "paywalled",
    }
    assert (annotation.created_by, annotation.prefix, annotation.suffix) == (
        reviewer, "", article.body[5:37],
    )


def test_create_by_quote_anchors_it_and_names_sources_by_name(reviewer, article, ft_source):
    response = client_for(reviewer).post(URL, {
        "article": article.pk, "quote": "White House official",
        "attributions": [
            {"source": {"name": "financial times"}, "stance": "reported"},
            {"source": {"name": "White House official", "kind": "anonymous"}, "stance": "asserted"},
        ],
    })

    assert response.status_code == 201
    body = article.body
    start = body.index("White House official")
    payload = response.json()
    assert (payload["start"], payload["end"]) == (start, start + len("White House official"))
    assert body[payload["start"]:payload["end"]] == "White House official"
    assert [a["source"] for a in payload["attributions"]] == [
        {"id": ft_source.pk, "name": "Financial Times", "kind": "news_outlet"},
        {"id": Source.objects.get(name="White House official").pk,
         "name": "White House official", "kind": "anonymous"},
    ]


UNICODE_BODIES = [
    # emoji with skin tone and flags, combining accents (decomposed on input), RTL, CRLF
    ("emoji", "Intro 👍🏽 and 🇺🇦 flags.\r\n\r\nThe minister said «no deal» twice.", "«no deal»"),
    ("combining", "Le cafe\u0301 de Zelenskyy\u0301 était fermé.\r\nPuis il a nié.", "il a nié"),
    ("rtl", "قال المتحدث إن الاجتماع تأجل.\n\nTrump denied it.", "الاجتماع تأجل"),
    ("mixed", "👩🏾‍⚕️ Dr. Ana said: «שלום» — e\u0301te\u0301 🙂\r\n\r\nEnd.", "«שלום» — été 🙂"),
]


@pytest.mark.parametrize(("name", "body", "quote"), UNICODE_BODIES, ids=[u[0] for u in UNICODE_BODIES])
def test_unicode_round_trip_by_quote_and_by_offsets(editor, name, body, quote):
    client = client_for(editor)
    article = client.post("/api/v1/articles/", {"title": name, "body": body}).json()

    by_quote = client.post(URL, {"article": article["id"], "quote": quote, "claim": f"{quote} ✓"})
    assert by_quote.status_code == 201, by_quote.json()
    created = by_quote.json()
    stored_body = client.get(f"/api/v1/articles/{article['id']}/").json()["body"]
    assert "\r" not in stored_body
    assert stored_body[created["start"]:created["end"]] == quote == created["quote"]
    assert created["claim"] == f"{quote} ✓"

    by_offsets = client.post(URL, {
        "article": article["id"], "start": created["start"], "end": created["end"], "quote": quote,
    })
    assert by_offsets.status_code == 201
    assert (by_offsets.json()["start"], by_offsets.json()["end"], by_offsets.json()["quote"]) == (
        created["start"], created["end"], quote,
    )
    again = client.get(detail(Annotation.objects.get(pk=created["id"]))).json()
    assert (again["quote"], again["prefix"] + again["quote"] + again["suffix"]) == (
        quote, stored_body[max(0, created["start"] - 32):created["end"] + 32],
    )


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"quote": "Putin"}, "quote", "'Putin' is not in the article body."),
        ({"quote": "the"}, "quote", "give a prefix or suffix"),
        ({"start": 5, "end": 5}, "end", "start (5) must be less than end (5)."),
        ({"start": 0, "end": 10_000}, "end", "past the end of the body"),
        ({"start": 0, "end": 5, "quote": "Putin"}, "quote", "quote does not match"),
        ({"start": -1, "end": 5}, "start", "greater than or equal to 0"),
        ({"start": 0}, "end", "end is required"),
        ({}, "quote", "Give start and end, or a quote"),
        ({"quote": "Trump", "rating": "pants_on_fire"}, "rating", "not a valid choice"),
        ({"quote": "Trump", "colour": "red"}, "colour", "not accepted"),
        ({"quote": "Trump", "version": 3}, "version", "not accepted"),
        ({"quote": "Trump", "attributions": [{"source": 999999, "stance": "denied"}]},
         "attributions", "There is no source with id 999999."),
        ({"quote": "Trump", "attributions": [{"source": {"name": "X", "kind": "alien"}, "stance": "denied"}]},
         "attributions", "not a valid choice"),
        ({"quote": "Trump", "attributions": [{"source": {"name": "X", "age": 3}, "stance": "denied"}]},
         "attributions", "not accepted"),
        ({"quote": "Trump", "attributions": [{"source": [1], "stance": "denied"}]},
         "attributions", "Give a source id or"),
        ({"quote": "Trump", "attributions": [{"source": True, "stance": "denied"}]},
         "attributions", "Give a source id or"),
        ({"quote": "Trump", "attributions": [{"stance": "denied"}]}, "attributions", "required"),
        ({"quote": "Trump", "attributions": [{"source": {"name": "X"}, "stance": "whispered"}]},
         "attributions", "not a valid choice"),
        ({"quote": "Trump", "attributions": [{"source": {"name": "X"}, "stance": "denied", "id": 99}]},
         "attributions", "no attributions with id 99"),
        ({"quote": "Trump", "evidence": [{"url": "javascript:alert(1)"}]}, "evidence", "valid URL"),
        ({"quote": "Trump", "evidence": [{"url": "ftp://files.example/x"}]}, "evidence", "valid URL"),
        ({"quote": "Trump", "evidence": [{"url": "https://e.example", "relation": "proves"}]},
         "evidence", "not a valid choice"),
        ({"quote": "Trump", "claim": "x" * 1001}, "claim", "no more than 1000"),
        ({"quote": "Trump", "claim": "nul\x00"}, "claim", "Null characters"),
        # Lists and texts are capped, so one request cannot cost unbounded time and memory.
        ({"quote": "Trump", "attributions": [{"source": {"name": "X"}, "stance": "denied"}] * 51},
         "attributions", "no more than 50 elements"),
        ({"quote": "Trump", "evidence": [{"url": "https://e.example"}] * 51},
         "evidence", "no more than 50 elements"),
        ({"quote": "Trump", "rationale": "x" * 10_001}, "rationale", "no more than 10000"),
        ({"quote": "x" * 10_001}, "quote", "no more than 10000"),
        ({"quote": "Trump", "attributions": [{"source": {"name": "X"}, "stance": "denied",
                                              "note": "x" * 2001}]},
         "attributions", "no more than 2000"),
        ({"quote": "Trump", "evidence": [{"url": "https://e.example", "excerpt": "x" * 5001}]},
         "evidence", "no more than 5000"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(reviewer, article, payload, field, message):
    response = client_for(reviewer).post(URL, {"article": article.pk, **payload})

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in json.dumps(errors, ensure_ascii=False)
    assert not Annotation.objects.exists()
    assert not Attribution.objects.exists()
    assert not Evidence.objects.exists()
    assert not Source.objects.filter(name="X").exists()


@pytest.mark.parametrize("article_id", [999999, "one", None, 2**70, True])
def test_create_refuses_an_article_that_does_not_exist(reviewer, article, article_id):
    response = client_for(reviewer).post(URL, {"article": article_id, "quote": "Trump"})

    assert response.status_code == 400
    assert list(response.json()) == ["article"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (b'{"article": 1, "quote": ', "application/json", 400, "JSON parse error"),
        (b'{"quote": NaN}', "application/json", 400, "JSON parse error"),
        (b'[' * 100_000 + b']' * 100_000, "application/json", 400, "JSON parse error"),
        (b'{"quote": "\\ud800"}', "application/json", 400, "lone surrogate"),
        (b'\xff\xfe{}', "application/json", 400, "not valid utf-8"),
        (b'{}', "application/json; charset=klingon", 400, ""),
        (b'quote=Trump', "application/x-www-form-urlencoded", 415, "Unsupported media type"),
        (b'"just a string"', "application/json", 400, "Expected a dictionary"),
    ],
)
def test_malformed_bodies_get_4xx_and_change_nothing(reviewer, article, body, content_type, status, detail):
    response = client_for(reviewer).generic("POST", URL, body, content_type=content_type)

    assert response.status_code == status
    assert detail in json.dumps(response.json())
    assert not Annotation.objects.exists()


@override_settings(FACTCHECK_MAX_BODY_BYTES=1000)
def test_a_body_over_the_maximum_is_refused_with_413(reviewer, article):
    payload = json.dumps({"article": article.pk, "quote": "Trump", "rationale": "x" * 2000})

    response = client_for(reviewer).generic("POST", URL, payload, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the configured maximum."}
    assert not Annotation.objects.exists()


@override_settings(FACTCHECK_MAX_BODY_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize("auth", ["token", "session"])
def test_an_oversized_form_body_gets_a_json_4xx_not_500(reviewer, article, auth):
    from rest_framework.test import APIClient

    client = client_for(reviewer) if auth == "token" else APIClient(enforce_csrf_checks=True)
    if auth == "session":
        client.force_login(reviewer)
    response = client.generic(
        "POST", URL, "quote=" + "x" * 5000, content_type="application/x-www-form-urlencoded"
    )

    assert (response.status_code, response["Content-Type"]) == (413, "application/json")
    assert not Annotation.objects.exists()


def test_session_writes_need_the_csrf_token(reviewer, article):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    refused = client.post(URL, {"article": article.pk, "quote": "Trump"}, format="json")
    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        URL, {"article": article.pk, "quote": "Trump"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201


# Updating, with versions


def test_patch_without_if_match_is_428_and_changes_nothing(draft, reviewer):
    before = expected(draft)

    response = client_for(reviewer).patch(detail(draft), {"claim": "Changed"})

    assert response.status_code == 428
    assert response.json() == {
        "detail": 'Send If-Match with the annotation\'s ETag (e.g. If-Match: "3") or "version" in the body.'
    }
    assert expected(draft) == before


def test_patch_with_a_stale_etag_is_412_with_the_current_annotation(draft, reviewer):
    client = client_for(reviewer)
    client.patch(detail(draft), {"claim": "First"}, HTTP_IF_MATCH='"1"')
    current = expected(draft)

    response = client.patch(detail(draft), {"claim": "Second"}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 412
    assert response["ETag"] == '"2"'
    assert response.json() == current
    assert current["claim"] == "First"
    assert expected(draft) == current


@pytest.mark.parametrize("if_match", ['W/"1"', "1", '"x"', '""'])
def test_if_match_that_names_no_version_is_412(draft, reviewer, if_match):
    response = client_for(reviewer).patch(detail(draft), {"claim": "Changed"}, HTTP_IF_MATCH=if_match)

    assert response.status_code == 412
    assert Annotation.objects.get(pk=draft.pk).claim != "Changed"


def test_patch_with_the_current_etag_changes_and_bumps_the_version(draft, reviewer, trump):
    attribution = draft.attributions.get(source=trump)
    response = client_for(reviewer).patch(detail(draft), {
        "claim": "Trump denied the FT report", "rating": "false",
        "attributions": [{"id": attribution.pk, "source": trump.pk, "stance": "denied",
                          "note": "on Truth Social"}],
        "evidence": [],
    }, HTTP_IF_MATCH='"2", "1"')

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert response.json() == expected(draft)
    assert (response.json()["claim"], response.json()["rating"], response.json()["version"]) == (
        "Trump denied the FT report", "false", 2,
    )
    assert [(a["id"], a["note"]) for a in response.json()["attributions"]] == [
        (attribution.pk, "on Truth Social")
    ]
    assert response.json()["evidence"] == []


@pytest.mark.parametrize(("attribution", "errors"), [
    ({"stance": "denied"}, [{"source": ["This field is required."]}]),
    ("existing", ["item 0, source: This field is required."]),
])
def test_patch_of_an_attribution_without_its_source_is_400_and_changes_nothing(
    draft, reviewer, trump, attribution, errors
):
    if attribution == "existing":
        attribution = {"id": draft.attributions.get(source=trump).pk, "stance": "denied"}

    response = client_for(reviewer).patch(
        detail(draft), {"attributions": [attribution]}, HTTP_IF_MATCH='"1"'
    )

    assert (response.status_code, response.json()) == (400, {"attributions": errors})
    assert Annotation.objects.get(pk=draft.pk).version == 1


def test_patch_may_carry_the_version_in_the_body_instead(draft, reviewer, article):
    client = client_for(reviewer)

    moved = client.patch(detail(draft), {"version": 1, "quote": "White House official"})
    stale = client.patch(detail(draft), {"version": 1, "claim": "late"})

    assert moved.status_code == 200
    start = article.body.index("White House official")
    assert (moved.json()["start"], moved.json()["end"], moved.json()["version"]) == (
        start, start + 20, 2,
    )
    assert stale.status_code == 412
    assert stale.json()["claim"] == draft.claim


def test_put_replaces_the_annotation_and_needs_a_span(draft, reviewer):
    client = client_for(reviewer)

    spanless = client.put(detail(draft), {"claim": "Only a claim"}, HTTP_IF_MATCH='"1"')
    replaced = client.put(
        detail(draft), {"start": 0, "end": 5, "claim": "Replaced"}, HTTP_IF_MATCH='"1"'
    )

    assert spanless.status_code == 400
    assert list(spanless.json()) == ["quote"]
    assert replaced.status_code == 200
    assert replaced.json() == expected(draft)
    assert {key: replaced.json()[key] for key in (
        "quote", "claim", "rating", "rationale", "attributions", "evidence", "version")} == {
        "quote": "Trump", "claim": "Replaced", "rating": "", "rationale": "",
        "attributions": [], "evidence": [], "version": 2,
    }


def test_editing_a_verified_claim_sends_it_back_to_review(verified, editor, other_editor):
    response = client_for(other_editor).patch(
        detail(verified), {"rationale": "New evidence."}, HTTP_IF_MATCH=f'"{verified.version}"'
    )

    assert response.status_code == 200
    assert (response.json()["review_state"], response.json()["reviewed_by"]) == ("in_review", None)
    assert client_for().get(detail(verified)).status_code == 404


def test_delete_needs_the_current_version(draft, reviewer):
    client = client_for(reviewer)

    missing = client.delete(detail(draft))
    stale = client.delete(detail(draft), HTTP_IF_MATCH='"7"')
    by_body = client.delete(detail(draft), {"version": 1})

    assert (missing.status_code, stale.status_code, by_body.status_code) == (428, 412, 204)
    assert stale.json()["id"] == draft.pk
    assert not Annotation.objects.filter(pk=draft.pk).exists()


def test_delete_refuses_reviewed_work(in_review, editor):
    response = client_for(editor).delete(detail(in_review), HTTP_IF_MATCH='"2"')

    assert response.status_code == 403
    assert response.json() == {"detail": "Only drafts can be deleted, by their author or an editor."}
    assert Annotation.objects.filter(pk=in_review.pk).exists()


# Review workflow and history


def test_submit_verify_and_return_walk_the_review_states(draft, reviewer, editor, other_editor):
    author, checker = client_for(reviewer), client_for(editor)

    submitted = author.post(f"{detail(draft)}submit/", {}, HTTP_IF_MATCH='"1"')
    returned = checker.post(
        f"{detail(draft)}return/", {"comment": "Source the denial."}, HTTP_IF_MATCH='"2"'
    )
    resubmitted = author.post(f"{detail(draft)}submit/", {"version": 3})
    verified = checker.post(
        f"{detail(draft)}verify/", {"comment": "Checked the transcript."}, HTTP_IF_MATCH='"4"'
    )

    assert [r.status_code for r in (submitted, returned, resubmitted, verified)] == [200] * 4
    assert [r.json()["review_state"] for r in (submitted, returned, resubmitted, verified)] == [
        "in_review", "draft", "in_review", "verified",
    ]
    assert returned.json()["review_comment"] == "Source the denial."
    assert verified["ETag"] == '"5"'
    assert verified.json() == expected(draft)
    assert (verified.json()["reviewed_by"], verified.json()["reviewed_at"]) == (
        "eddie", iso(Annotation.objects.get(pk=draft.pk).reviewed_at),
    )


def test_an_editors_edit_names_them_as_last_editor_who_then_may_not_verify_it(
    in_review, editor, other_editor
):
    edited = client_for(other_editor).patch(
        detail(in_review), {"rationale": "Transcript checked."}, HTTP_IF_MATCH='"2"'
    )

    assert edited.status_code == 200
    assert edited.json() == expected(in_review)
    assert (edited.json()["created_by"], edited.json()["edited_by"], edited.json()["version"]) == (
        "rita", "erin", 3,
    )

    by_editor = client_for(other_editor).post(f"{detail(in_review)}verify/", {}, HTTP_IF_MATCH='"3"')
    by_another = client_for(editor).post(f"{detail(in_review)}verify/", {}, HTTP_IF_MATCH='"3"')

    assert by_editor.status_code == 403
    assert by_editor.json() == {
        "detail": "You last edited this annotation; another editor must verify it."
    }
    assert by_another.status_code == 200
    assert (by_another.json()["edited_by"], by_another.json()["reviewed_by"]) == ("erin", "eddie")


def test_return_needs_a_comment_and_verify_needs_another_editor(in_review, editor):
    draft_by_editor = services.annotation_create(
        article=in_review.article, user=editor, quote="White House official", claim="c", rating="true"
    )
    services.review_submit(annotation=draft_by_editor, user=editor)
    client = client_for(editor)

    no_comment = client.post(f"{detail(in_review)}return/", {}, HTTP_IF_MATCH='"2"')
    blank_comment = client.post(f"{detail(in_review)}return/", {"comment": "   "}, HTTP_IF_MATCH='"2"')
    own = client.post(f"{detail(draft_by_editor)}verify/", {}, HTTP_IF_MATCH='"2"')
    stale = client.post(f"{detail(in_review)}verify/", {}, HTTP_IF_MATCH='"1"')

    assert (no_comment.status_code, list(no_comment.json())) == (400, ["comment"])
    assert (blank_comment.status_code, list(blank_comment.json())) == (400, ["comment"])
    assert own.status_code == 403
    assert own.json() == {"detail": "You cannot verify your own annotation; another editor must."}
    assert stale.status_code == 412
    assert Annotation.objects.get(pk=in_review.pk).review_state == "in_review"


@pytest.mark.parametrize("action", ["submit", "verify", "return"])
def test_review_actions_need_the_version_the_reviewer_saw(request, action, editor, other_editor):
    annotation = request.getfixturevalue("draft" if action == "submit" else "in_review")
    client = client_for(editor)
    url = f"{detail(annotation)}{action}/"
    body = {"comment": "why"} if action == "return" else {}
    current = f'"{annotation.version}"'

    missing = client.post(url, body)
    star = client.post(url, body, HTTP_IF_MATCH="*")
    padded = client.post(url, body, HTTP_IF_MATCH=f'"00{annotation.version}"')
    disagreeing = client.post(url, {**body, "version": annotation.version + 1}, HTTP_IF_MATCH=current)
    weak = client.post(url, body, HTTP_IF_MATCH=f'W/{current}')

    assert missing.status_code == 428
    assert missing.json() == {"detail": PreconditionRequired.default_detail}
    assert star.status_code == 400
    assert list(star.json()) == ["If-Match"]
    assert padded.status_code == 412  # "006" is not version 6
    assert padded.json()["version"] == annotation.version
    assert disagreeing.status_code == 400
    assert list(disagreeing.json()) == ["version"]
    assert weak.status_code == 412
    stored = Annotation.objects.get(pk=annotation.pk)
    assert (stored.version, stored.review_state) == (annotation.version, annotation.review_state)

    done = client.post(url, body, HTTP_IF_MATCH=current)
    assert done.status_code == 200


def test_patch_refuses_if_match_star_and_zero_padded_versions(draft, reviewer):
    client = client_for(reviewer)

    star = client.patch(detail(draft), {"claim": "x"}, HTTP_IF_MATCH="*")
    padded = client.patch(detail(draft), {"claim": "x"}, HTTP_IF_MATCH='"01"')

    assert (star.status_code, padded.status_code) == (400, 412)
    assert Annotation.objects.get(pk=draft.pk).claim == draft.claim


def test_history_lists_every_change_with_who_when_and_comment(draft, reviewer, editor, ft_source, trump):
    client = client_for(reviewer)
    ft = draft.attributions.get(source=ft_source)
    client.patch(detail(draft), {
        "claim": "Trump denied pressing Zelenskyy",
        "attributions": [{"id": ft.pk, "source": ft_source.pk, "stance": "reported"}],
    }, HTTP_IF_MATCH='"1"')
    client.post(f"{detail(draft)}submit/", {}, HTTP_IF_MATCH='"2"')
    client_for(editor).post(
        f"{detail(draft)}return/", {"comment": "Needs the denial back."}, HTTP_IF_MATCH='"3"'
    )

    response = client.get(f"{detail(draft)}history/")

    assert response.status_code == 200
    history = response.json()
    annotation_records = list(Annotation.history.filter(id=draft.pk).order_by("history_date"))
    trump_attribution = Attribution.history.filter(source_id=trump.pk).order_by("history_date")
    at = [iso(r.history_date) for r in annotation_records]
    assert [(e["object"], e["type"], e["user"], e["version"], e["comment"]) for e in history] == [
        ("annotation", "created", "rita", 1, "created"),
        ("attribution", "created", "rita", 1, ""),
        ("attribution", "created", "rita", 1, ""),
        ("evidence", "created", "rita", 1, ""),
        ("annotation", "changed", "rita", 2, "edited"),
        ("attribution", "deleted", "rita", 2, ""),
        ("annotation", "changed", "rita", 3, "submitted"),
        ("annotation", "changed", "eddie", 4, "returned: Needs the denial back."),
    ]
    assert [history[i]["at"] for i in (0, 4, 6, 7)] == at
    assert history[4] == {
        "id": annotation_records[1].history_id, "at": at[1], "user": "rita", "type": "changed",
        "object": "annotation", "object_id": draft.pk, "version": 2, "comment": "edited",
        "changes": [{"field": "claim", "old": "Trump pressed Zelenskyy to give up the whole Donbas region",
                     "new": "Trump denied pressing Zelenskyy"}],
    }
    assert history[5] == {
        "id": trump_attribution.last().history_id, "at": iso(trump_attribution.last().history_date),
        "user": "rita", "type": "deleted", "object": "attribution",
        "object_id": trump_attribution.last().id, "version": 2, "comment": "",
        "changes": [
            {"field": "source", "old": {"id": trump.pk, "name": "Donald Trump", "kind": "person"},
             "new": None},
            {"field": "stance", "old": "denied", "new": None},
        ],
    }
    assert history[7]["changes"] == [
        {"field": "review_state", "old": "in_review", "new": "draft"},
        {"field": "review_comment", "old": "", "new": "Needs the denial back."},
    ]


def test_history_is_for_staff_only(verified, reviewer):
    assert client_for().get(f"{detail(verified)}history/").status_code == 401
    assert client_for(reviewer).get(f"{detail(verified)}history/").status_code == 200


@pytest.mark.parametrize("path", ["abc/", "1.5/", "99999999999999999999999/", "%C2%84/"])
def test_malformed_ids_are_json_404s(reviewer, path):
    response = client_for(reviewer).get(f"{URL}{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]


@pytest.mark.parametrize(
    ("since", "status"),
    [("5115-11-09T08:25:40-21:40", 200), ("9999-12-31T23:00:00-05:00", 400), ("2000-01-01", 200)],
)
def test_updated_since_takes_any_offset_python_can_read(reviewer, since, status):
    response = client_for(reviewer).get(URL, {"updated_since": since})

    assert response.status_code == status
