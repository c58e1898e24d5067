"""The state a live page reads again: what it paints, and where its stream stands, as its user may see it."""

import pytest

from annotations import services


@pytest.fixture(autouse=True)
def memory_store(settings):
    settings.LIVE_REDIS_URL = ""


def test_the_public_state_holds_verified_claims_without_names_and_the_team_state_everything(
    client, draft, verified, reviewer, editor
):
    article = verified.article
    other = services.annotation_create(article=article, user=reviewer, quote="no plans for a meeting",
                                       claim="No meeting planned")

    public = client.get(f"/articles/{article.pk}/live/").json()
    client.force_login(editor)
    team = client.get(f"/articles/{article.pk}/live/").json()

    assert public["position"] == {"audience": "public", "epoch": public["position"]["epoch"], "seq": 0}
    assert [(a["id"], a["review_state"], a["created_by"]) for a in public["annotations"]] == [
        (verified.pk, "verified", None)]
    assert team["position"]["audience"] == "team"
    assert sorted((a["id"], a["review_state"], a["created_by"]) for a in team["annotations"]) == sorted([
        (verified.pk, "verified", "rita"), (other.pk, "draft", "rita")])


def test_the_article_page_tells_its_script_where_the_stream_stands(client, editor, article):
    client.force_login(editor)

    config = client.get(f"/articles/{article.pk}/").context["config"]

    assert config["live"] == {
        "audience": "team", "epoch": config["live"]["epoch"], "seq": 0,
        "socket": f"/ws/live/articles/{article.pk}/", "state": f"/articles/{article.pk}/live/",
    }


def test_without_live_updates_the_page_opens_no_socket(client, editor, article, settings):
    settings.FACTCHECK_LIVE = False
    client.force_login(editor)

    assert client.get(f"/articles/{article.pk}/").context["config"]["live"] is None
