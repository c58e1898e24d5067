"""Look-alike and invisible characters: one name per visible name, no direction overrides in
what people write, and visible markers where article text must keep them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations import services
from annotations.models import Annotation, Source
from annotations.textguard.core import normalize_name, reveal, strip_bidi_controls
from tests import factories
from tests.admin_support import QUEUE
from tests.api_support import client_for

RLO, PDF, ZWSP = "\u202e", "\u202c", "\u200b"
SOURCES = "/api/v1/sources/"


# The pure functions


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Donald Trump\u200b", "Donald Trump"),
        ("\ufeffDonald\u00a0\u00a0Trump\n", "Donald Trump"),
        ("Donald\u200d \u2060Trump", "Donald Trump"),
        ("\u202eDonald Trump\u202c", "Donald Trump"),
        ("\u2067Donald Trump\u2069\u200f", "Donald Trump"),
        ("Zelenskye\u0301", "Zelenskyé"),
        ("\u200b\u200b", ""),
    ],
)
def test_normalize_name(raw, name):
    assert normalize_name(raw) == name


def test_strip_bidi_controls_keeps_everything_else():
    text = "ترامب\u200f said e\u0301 \u202eevil\u202c and \u2066isolated\u2069 zero\u200dwidth"

    assert strip_bidi_controls(text) == "ترامب\u200f said e\u0301 evil and isolated zero\u200dwidth"


def test_reveal_splits_text_around_invisible_characters():
    assert [(s.text, s.marker) for s in reveal(f"ab{RLO}cd{ZWSP}")] == [
        ("ab", ""), (RLO, "RLO"), ("cd", ""), (ZWSP, "ZWSP"),
    ]
    assert reveal(RLO)[0].name == "RIGHT-TO-LEFT OVERRIDE"


# Source names through the API, the services and admin


def test_api_refuses_a_look_alike_of_an_existing_source(trump, reviewer):
    client = client_for(reviewer)

    answers = [
        client.post(SOURCES, {"name": name, "kind": "person"})
        for name in ("Donald Trump\u200b", "Donald\u00a0Trump", f"{RLO}Donald Trump", "donald  trump")
    ]

    assert {(r.status_code, r.json()["name"][0]) for r in answers} == {
        (400, f"Source {trump.pk} has this name already."),
    }
    assert list(Source.objects.values_list("name", flat=True)) == ["Donald Trump"]


def test_api_stores_a_new_source_name_normalized(reviewer):
    response = client_for(reviewer).post(SOURCES, {"name": "  Sergei\u200b  Lavrov\u202c ", "kind": "person"})

    assert (response.status_code, response.json()["name"]) == (201, "Sergei Lavrov")


def test_api_refuses_a_name_of_invisible_characters_only(reviewer):
    response = client_for(reviewer).post(SOURCES, {"name": "\u200b\u202e", "kind": "person"})

    assert response.status_code == 400
    assert not Source.objects.exists()


def test_api_renaming_onto_a_look_alike_is_refused(trump, editor):
    kremlin = factories.SourceFactory(name="Kremlin")

    response = client_for(editor).patch(f"{SOURCES}{kremlin.pk}/", {"name": "Donald Trump\u200b"})

    assert response.status_code == 400
    assert Source.objects.get(pk=kremlin.pk).name == "Kremlin"


def test_an_attribution_naming_a_look_alike_cites_the_existing_source(article, reviewer, trump):
    response = client_for(reviewer).post("/api/v1/annotations/", {
        "article": article.pk, "quote": "Trump refuted",
        "attributions": [
            {"source": {"name": "Donald\u00a0Trump\u200b", "kind": "person"}, "stance": "denied"},
        ],
    })

    assert response.status_code == 201
    assert response.json()["attributions"][0]["source"]["id"] == trump.pk
    assert Source.objects.filter(name__icontains="trump").count() == 1


def test_services_refuse_a_look_alike_source(trump, reviewer):
    with pytest.raises(ValidationError) as refused:
        services.source_create(user=reviewer, name=f"Donald Trump{ZWSP}", kind="person")

    assert refused.value.message_dict == {"name": [f"Source {trump.pk} has this name already."]}
    assert Source.objects.count() == 1


def test_admin_refuses_a_look_alike_source(client, admin_user, trump):
    client.force_login(admin_user)

    response = client.post(reverse("admin:annotations_source_add"), {
        "name": "Donald Trump\u200b", "kind": "person", "url": "", "same_as": "", "description": "",
    })

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"name": [f"Source {trump.pk} has this name already."]}
    assert Source.objects.count() == 1


# Names that only look the same: other scripts' letters, fullwidth forms, more invisibles

CYRILLIC_O, GREEK_ALPHA, CGJ, TAG_A = "\u043e", "\u0391", "\u034f", "\U000e0041"
LOOKALIKES = [
    f"D{CYRILLIC_O}nald Trump",  # Cyrillic о
    "Donald Trum\u0440",  # Cyrillic р
    "Donald Tru\u217fp",  # small Roman numeral one thousand
    "Ｄｏｎａｌｄ Ｔｒｕｍｐ",  # fullwidth
    "Dona\u04cfd Trump",  # Cyrillic palochka for l
]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (f"Donald{CGJ} Trump", "Donald Trump"),
        (f"Donald Trump{TAG_A}\U000e007f", "Donald Trump"),
    ],
)
def test_normalize_name_drops_the_grapheme_joiner_and_tag_characters(raw, name):
    assert normalize_name(raw) == name


@pytest.mark.parametrize("name", [*LOOKALIKES, f"{GREEK_ALPHA}lpha Group", "NATO"])
def test_look_alike_names_have_the_same_skeleton(name):
    from annotations.textguard.core import skeleton

    original = {"NATO": "\u039d\u0391\u03a4\u039f", f"{GREEK_ALPHA}lpha Group": "Alpha Group"}.get(
        name, "Donald Trump"
    )
    assert skeleton(name) == skeleton(original)


@pytest.mark.parametrize(("one", "other"), [
    ("Donald Trump", "Donald Tramp"), ("Müller", "Muller"), ("Pelé", "Pele"),
    ("Sergei Lavrov", "Sergey Lavrov"), ("Financial Times", "FT"),
])
def test_different_names_have_different_skeletons(one, other):
    from annotations.textguard.core import skeleton

    assert skeleton(one) != skeleton(other)


@pytest.mark.parametrize("name", LOOKALIKES)
def test_api_refuses_a_source_that_only_looks_like_an_existing_one(trump, reviewer, name):
    response = client_for(reviewer).post(SOURCES, {"name": name, "kind": "person"})

    assert response.status_code == 400
    assert response.json() == {
        "name": [f"This name looks like the existing source \u201cDonald Trump\u201d (id {trump.pk})."]
    }
    assert list(Source.objects.values_list("name", flat=True)) == ["Donald Trump"]


def test_api_refuses_renaming_a_source_to_look_like_another(trump, editor):
    kremlin = factories.SourceFactory(name="Kremlin")

    response = client_for(editor).patch(f"{SOURCES}{kremlin.pk}/", {"name": f"D{CYRILLIC_O}nald Trump"})

    assert response.status_code == 400
    assert "looks like the existing source \u201cDonald Trump\u201d" in response.json()["name"][0]
    assert Source.objects.get(pk=kremlin.pk).name == "Kremlin"


def test_a_source_keeps_its_name_when_edited_although_a_look_alike_was_stored_before(trump, editor):
    # Stored before the check existed (a plain insert skips it).
    spoof = Source.objects.create(name=f"D{CYRILLIC_O}nald Trump", kind="person")

    response = client_for(editor).patch(f"{SOURCES}{spoof.pk}/", {"description": "A spoof"})

    assert response.status_code == 200


def test_an_attribution_naming_a_fullwidth_form_cites_the_existing_source(article, reviewer, trump):
    response = client_for(reviewer).post("/api/v1/annotations/", {
        "article": article.pk, "quote": "Trump refuted",
        "attributions": [{"source": {"name": "Ｄｏｎａｌｄ Ｔｒｕｍｐ"}, "stance": "denied"}],
    }, format="json")

    assert response.status_code == 201
    assert response.json()["attributions"][0]["source"]["id"] == trump.pk
    assert Source.objects.filter(name__icontains="trump").count() == 1


def test_an_attribution_naming_a_homoglyph_of_a_source_is_refused(article, reviewer, trump):
    response = client_for(reviewer).post("/api/v1/annotations/", {
        "article": article.pk, "quote": "Trump refuted",
        "attributions": [{"source": {"name": f"D{CYRILLIC_O}nald Trump"}, "stance": "denied"}],
    }, format="json")

    assert response.status_code == 400
    assert "looks like the existing source \u201cDonald Trump\u201d" in str(response.json()["attributions"])
    assert not Annotation.objects.exists()
    assert Source.objects.filter(name__icontains="trump").count() == 1


def test_bulk_refuses_a_homoglyph_source_naming_the_item(article, reviewer, trump):
    start = article.body.index("Trump")
    item = {"article": article.pk, "start": start, "end": start + 5, "quote": "Trump"}
    items = [
        {**item, "attributions": [{"source": {"name": "Ｄｏｎａｌｄ Ｔｒｕｍｐ"}, "stance": "denied"}]},
        {**item, "attributions": [{"source": {"name": f"D{CYRILLIC_O}nald Trump"}, "stance": "denied"}]},
    ]

    response = client_for(reviewer).post("/api/v1/annotations/bulk/?partial=1", items, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["ids"][1] is None and body["ids"][0] is not None
    assert [error["index"] for error in body["errors"]] == [1]
    assert "looks like the existing source" in str(body["errors"][0]["errors"])
    assert Annotation.objects.get().attributions.get().source == trump
    assert Source.objects.filter(name__icontains="trump").count() == 1


def test_admin_refuses_a_source_that_only_looks_like_an_existing_one(client, admin_user, trump):
    client.force_login(admin_user)

    response = client.post(reverse("admin:annotations_source_add"), {
        "name": f"D{CYRILLIC_O}nald Trump", "kind": "person", "url": "", "same_as": "", "description": "",
    })

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "name": [f"This name looks like the existing source \u201cDonald Trump\u201d (id {trump.pk})."]
    }
    assert Source.objects.count() == 1


def test_merging_a_stored_look_alike_into_its_original_works(admin_user, trump):
    spoof = Source.objects.create(name=f"D{CYRILLIC_O}nald Trump", kind="person")

    services.source_merge(duplicate=spoof, into=trump, user=admin_user)

    assert list(Source.objects.values_list("pk", flat=True)) == [trump.pk]


# Short texts people write


def test_direction_overrides_are_stripped_from_claims_notes_and_titles(article, reviewer):
    response = client_for(reviewer).post("/api/v1/annotations/", {
        "article": article.pk, "quote": "Trump refuted",
        "claim": f"Trump {RLO}denied{PDF} it", "rationale": f"See {RLO}below",
        "attributions": [{"source": {"name": "Kremlin", "kind": "government"}, "stance": "denied",
                          "note": f"{RLO}via Telegram"}],
        "evidence": [{"url": "https://evidence.example/a", "title": f"{RLO}Statement",
                      "publisher": f"TASS{RLO}"}],
    })

    body = response.json()
    assert response.status_code == 201
    assert (body["claim"], body["rationale"]) == ("Trump denied it", "See below")
    assert body["attributions"][0]["note"] == "via Telegram"
    assert (body["evidence"][0]["title"], body["evidence"][0]["publisher"]) == ("Statement", "TASS")


def test_a_claim_differing_only_by_an_override_is_no_change(draft, reviewer):
    response = client_for(reviewer).patch(
        f"/api/v1/annotations/{draft.pk}/", {"claim": RLO + draft.claim},
        HTTP_IF_MATCH=f'"{draft.version}"',
    )

    assert (response.status_code, response.json()["version"]) == (200, draft.version)


def test_article_titles_lose_overrides_but_bodies_keep_them(reviewer, settings):
    body = f"The minister said {RLO}txet nedduh{PDF} twice."
    response = client_for(factories.editor(username="ed2")).post(
        "/api/v1/articles/", {"title": f"{RLO}Minister", "body": body}
    )

    assert response.status_code == 201
    assert (response.json()["title"], response.json()["body"]) == ("Minister", body)


# Where they must stay, they are shown


@pytest.fixture
def hidden_claim(reviewer, editor):
    """A claim in review whose quote holds a direction override, as the article does."""
    article = factories.ArticleFactory(
        body=f"The ministry wrote {RLO}lanigiro eht{PDF} in its statement.\n\nNothing else."
    )
    annotation = services.annotation_create(
        article=article, user=reviewer, quote=f"{RLO}lanigiro eht\u202c", claim="The ministry wrote it",
        rating="unproven",
    )
    return services.review_submit(annotation=annotation, user=reviewer)


def test_review_queue_shows_overrides_as_markers(client, editor, hidden_claim):
    client.force_login(editor)

    html = client.get(reverse(QUEUE)).content.decode()

    assert RLO not in html
    assert '<span class="invisible-char" title="RIGHT-TO-LEFT OVERRIDE">⟨RLO⟩</span>lanigiro eht' in html
    assert '<span class="invisible-char" title="POP DIRECTIONAL FORMATTING">⟨PDF⟩</span>' in html


def test_claim_page_shows_overrides_as_markers(client, other_editor, hidden_claim):
    verified = services.review_verify(annotation=hidden_claim, user=other_editor)

    html = client.get(reverse("claim-detail", args=[verified.pk])).content.decode()

    context = html.split('<blockquote class="in-context">')[1].split("</blockquote>")[0]
    assert RLO not in context
    assert "⟨RLO⟩</span>lanigiro eht" in context


def test_article_page_lists_the_invisible_characters_it_keeps(client, reviewer, hidden_claim):
    client.force_login(reviewer)

    html = client.get(reverse("article-detail", args=[hidden_claim.article_id])).content.decode()

    notice = html.split('id="invisible-notice"')[1].split("</details>")[0]
    assert "2 invisible or direction-changing characters" in notice
    assert RLO not in notice and "⟨RLO⟩" in notice
    # The text itself is untouched: offsets point into it.
    assert f"{RLO}lanigiro eht" in html


def test_article_page_without_invisible_characters_has_no_notice(client, reviewer, article):
    client.force_login(reviewer)

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()

    assert 'id="invisible-notice"' not in html


def test_annotation_keeps_the_override_of_the_article_in_its_quote(hidden_claim):
    assert Annotation.objects.get(pk=hidden_claim.pk).quote == f"{RLO}lanigiro eht\u202c"


def test_source_search_finds_a_name_typed_with_invisible_characters(trump, reviewer):
    response = client_for(reviewer).get(SOURCES, {"search": "Donald\u00a0Trump\u200b"})

    assert [source["id"] for source in response.json()["results"]] == [trump.pk]


@pytest.mark.parametrize("name", ["", "\u200b \u202e"])
def test_services_refuse_a_name_without_visible_characters(reviewer, name):
    with pytest.raises(ValidationError) as refused:
        services.source_create(user=reviewer, name=name, kind="person")

    assert refused.value.message_dict == {"name": ["This field cannot be blank."]}


def test_admin_refuses_a_name_without_visible_characters(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("admin:annotations_source_add"), {
        "name": "\u200b\u202e", "kind": "person", "url": "", "same_as": "", "description": "",
    })

    errors = response.context["adminform"].form.errors
    assert errors == {"name": ["A source needs a name with visible characters."]}
    assert not Source.objects.exists()


def test_admin_annotation_list_and_page_show_overrides_as_markers(client, editor, hidden_claim):
    client.force_login(editor)

    listed = client.get(reverse("admin:annotations_annotation_changelist")).content.decode()
    page = client.get(reverse("admin:annotations_annotation_change", args=[hidden_claim.pk]))

    assert RLO not in listed and "⟨RLO⟩</span>lanigiro eht" in listed
    html = page.content.decode()
    assert '<mark><span class="invisible-char" title="RIGHT-TO-LEFT OVERRIDE">⟨RLO⟩</span>' in html
    assert "annotations/css/textguard.css" in html
