"""Times are shown in the reader's display zone (else the newsroom's TIME_ZONE), the zone named."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from annotations.displayzone.models import DisplaySettings
from annotations.displayzone.services import display_zone_set
from annotations.models import Article
from tests import factories

EVENING_IN_NEW_YORK = datetime.fromisoformat("2025-10-22T18:42:00-04:00")


@pytest.fixture
def story(db):
    return factories.ArticleFactory(title="Summit on hold", published_at=EVENING_IN_NEW_YORK)


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_times_are_shown_in_the_newsrooms_zone_with_the_zone_named(client, reviewer, story, settings):
    settings.TIME_ZONE = "America/New_York"
    client.force_login(reviewer)

    assert "22 October 2025, 18:42 EDT" in page_text(client, f"/articles/{story.pk}/")
    assert "22 Oct 2025, 18:42 EDT" in page_text(client, "/")


def test_by_default_the_zone_is_utc_and_says_so(client, reviewer, story):
    client.force_login(reviewer)

    assert "22 October 2025, 22:42 UTC" in page_text(client, f"/articles/{story.pk}/")


def test_a_reader_chooses_a_zone_on_the_settings_page(client, reviewer, story, settings):
    settings.TIME_ZONE = "America/New_York"
    client.force_login(reviewer)

    response = client.post("/accounts/settings/", {"time_zone": "Europe/Paris"})

    assert response.status_code == 302
    assert DisplaySettings.objects.get(user=reviewer).time_zone == "Europe/Paris"
    assert "23 October 2025, 00:42 CEST" in page_text(client, f"/articles/{story.pk}/")
    assert 'data-time-zone="Europe/Paris"' in page_text(client, "/")
    client.post("/accounts/settings/", {"time_zone": ""})
    assert "22 October 2025, 18:42 EDT" in page_text(client, f"/articles/{story.pk}/")


def test_the_chosen_zone_comes_back_at_the_next_login(client, reviewer, story):
    DisplaySettings.objects.create(user=reviewer, time_zone="Asia/Tokyo")
    reviewer.set_password("a long enough secret 42")
    reviewer.save()

    client.post("/accounts/login/", {"username": reviewer.username, "password": "a long enough secret 42"})

    assert "23 October 2025, 07:42 JST" in page_text(client, f"/articles/{story.pk}/")


def test_an_unknown_zone_is_refused_with_a_message(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/accounts/settings/", {"time_zone": "Mars/Olympus_Mons"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DisplaySettings.objects.exists()


def test_the_settings_page_needs_a_login(client, db):
    response = client.get("/accounts/settings/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_publication_date_without_a_time_is_that_day_in_every_zone(client, reviewer, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    article = factories.ArticleFactory(published_at=datetime.fromisoformat("2025-10-22T00:00:00+00:00"))
    client.force_login(reviewer)

    text = page_text(client, f"/articles/{article.pk}/")

    assert ">22 October 2025</time>" in text


def test_a_time_typed_in_the_article_form_is_utc_whatever_the_display_zone(client, editor, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    client.force_login(editor)

    client.post("/articles/new/", {
        "title": "Summit", "body": "Trump said the summit is off.", "origin": "manual",
        "published_date": "2025-10-22", "published_time": "22:42",
    })

    assert Article.objects.get().published_at.isoformat() == "2025-10-22T22:42:00+00:00"


def test_the_service_refuses_a_zone_that_is_no_iana_name(db):
    request = RequestFactory().get("/")
    request.session = {}
    with pytest.raises(ValidationError) as refused:
        display_zone_set(request=request, user=factories.reviewer(), time_zone="Mars/Olympus")

    assert "time_zone" in refused.value.message_dict
