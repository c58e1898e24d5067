"""The article sockets: what each user hears of a change, in order, without drafts for the public."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.sessions.models import Session

from annotations import services
from annotations.apikeys.services import api_key_issue
from annotations.live import announce
from annotations.live.store import store
from annotations.suggestions import services as suggestion_services
from tests import factories
from tests.live_support import of_type, open_socket, received, session_cookie

QUOTE = "refuted a story by the Financial Times"


@pytest.fixture(autouse=True)
def memory_layer(settings):
    """A fresh in-memory layer and store for each test (no Redis)."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.LIVE_REDIS_URL = ""
    settings.FACTCHECK_LIVE_RECHECK_SECONDS = 3600


@pytest.fixture
def people(roles):
    return {
        "reviewer": factories.reviewer(username="rita"),
        "editor": factories.editor(username="eddie"),
        "nobody": factories.UserFactory(username="noor"),
        "article": factories.ArticleFactory(),
    }


def run(scenario):
    return async_to_sync(scenario)()


def create_draft(people):
    return services.annotation_create(
        article=people["article"], user=people["reviewer"], quote=QUOTE,
        claim="The FT reported it", rating="false")


def test_an_anonymous_socket_never_receives_a_draft_but_receives_its_verification(people):
    article = people["article"]
    cookie = session_cookie(people["editor"])

    async def scenario():
        public = await open_socket(f"/ws/live/articles/{article.pk}/")
        team = await open_socket(f"/ws/live/articles/{article.pk}/", cookie=cookie)
        await received(public, seconds=0.3)
        await received(team, seconds=0.3)
        draft = await sync_to_async(create_draft)(people)
        submitted = await sync_to_async(services.review_submit)(annotation=draft, user=people["reviewer"])
        heard_by_public = of_type(await received(public, seconds=0.5), "annotation", "removed")
        heard_by_team = of_type(await received(team, seconds=0.2), "annotation", "removed")
        await sync_to_async(services.review_verify)(annotation=submitted, user=people["editor"])
        verified_public = of_type(await received(public, seconds=0.5), "annotation", "removed")
        await public.disconnect()
        await team.disconnect()
        return draft, heard_by_public, heard_by_team, verified_public

    draft, heard_by_public, heard_by_team, verified_public = run(scenario)

    assert heard_by_public == []
    assert [(e["kind"], e["annotation"]["review_state"], e["actor"]) for e in heard_by_team] == [
        ("created", "draft", "rita"), ("submitted", "in_review", "rita"),
    ]
    assert [e["seq"] for e in heard_by_team] == [1, 2]
    assert verified_public == [{
        "type": "annotation", "kind": "verified", "article": article.pk, "id": draft.pk, "seq": 1,
        "epoch": verified_public[0]["epoch"],
        "annotation": {**verified_public[0]["annotation"], "created_by": None, "review_state": "verified"},
    }]
    assert "actor" not in verified_public[0]


def test_a_user_without_a_role_hears_what_an_anonymous_visitor_hears(people):
    article = people["article"]
    cookie = session_cookie(people["nobody"])

    async def scenario():
        nobody = await open_socket(f"/ws/live/articles/{article.pk}/", cookie=cookie)
        await received(nobody, seconds=0.3)
        await sync_to_async(create_draft)(people)
        heard = await received(nobody, seconds=0.5)
        await nobody.disconnect()
        return heard

    assert of_type(run(scenario), "annotation", "removed") == []


def test_a_token_socket_hears_as_its_user_and_needs_no_origin(people):
    article = people["article"]
    _, key = api_key_issue(user=people["editor"])

    async def scenario():
        script = await open_socket(f"/ws/live/articles/{article.pk}/", token=key, origin=False)
        await received(script, seconds=0.3)
        draft = await sync_to_async(create_draft)(people)
        heard = of_type(await received(script, seconds=0.5), "annotation")
        await script.disconnect()
        return draft, heard

    draft, heard = run(scenario)

    assert [(e["id"], e["annotation"]["review_state"]) for e in heard] == [(draft.pk, "draft")]


def test_a_wrong_token_is_refused(people):
    async def scenario():
        script = await open_socket(f"/ws/live/articles/{people['article'].pk}/", token="0" * 40, origin=False)
        message = await script.receive_json_from()
        closed = await script.receive_output()
        return message, closed

    message, closed = run(scenario)

    assert message == {"type": "refused", "detail": "Invalid token."}
    assert closed == {"type": "websocket.close", "code": 4401}


def test_a_session_socket_from_another_site_is_refused(people):
    cookie = session_cookie(people["editor"])

    async def scenario():
        socket = await open_socket(f"/ws/live/articles/{people['article'].pk}/", cookie=cookie, origin=False)
        return socket.accepted

    assert run(scenario) is False


def test_a_claim_sent_back_to_review_leaves_the_public_page(people):
    article = people["article"]
    draft = create_draft(people)
    verified = services.review_verify(
        annotation=services.review_submit(annotation=draft, user=people["reviewer"]), user=people["editor"])

    async def scenario():
        public = await open_socket(f"/ws/live/articles/{article.pk}/")
        await received(public, seconds=0.3)
        await sync_to_async(services.annotation_update)(
            annotation=verified, user=people["editor"], version=verified.version, claim="Reworded")
        heard = of_type(await received(public, seconds=0.5), "annotation", "removed")
        await public.disconnect()
        return heard

    heard = run(scenario)

    assert [(e["type"], e["id"]) for e in heard] == [("removed", draft.pk)]


def test_a_reconnecting_socket_gets_what_it_missed_in_order(people):
    article = people["article"]
    cookie = session_cookie(people["editor"])

    async def scenario():
        position = await sync_to_async(store().position)(article.pk, "team")
        draft = await sync_to_async(create_draft)(people)
        await sync_to_async(services.annotation_update)(
            annotation=draft, user=people["reviewer"], version=draft.version, claim="Reworded")
        team = await open_socket(f"/ws/live/articles/{article.pk}/", cookie=cookie)
        await team.send_json_to({"type": "since", "epoch": position.epoch, "seq": position.seq})
        caught = of_type(await received(team, seconds=0.5), "catchup")
        await team.send_json_to({"type": "since", "epoch": "another-epoch", "seq": 2})
        resync = of_type(await received(team, seconds=0.5), "resync")
        await team.disconnect()
        return draft, caught, resync

    draft, caught, resync = run(scenario)

    assert [(e["seq"], e["kind"], e["id"]) for e in caught[0]["events"]] == [
        (1, "created", draft.pk), (2, "edited", draft.pk)]
    assert caught[0]["position"]["seq"] == 2
    assert resync == [{"type": "resync", "position": caught[0]["position"]}]


def test_a_socket_whose_session_ends_is_moved_to_the_public_stream(people, settings):
    settings.FACTCHECK_LIVE_RECHECK_SECONDS = 0.2
    article = people["article"]
    cookie = session_cookie(people["editor"])

    async def scenario():
        team = await open_socket(f"/ws/live/articles/{article.pk}/", cookie=cookie)
        await received(team, seconds=0.1)
        await sync_to_async(Session.objects.all().delete)()  # logged out in another tab
        moved = of_type(await received(team, seconds=0.6), "resync")
        await sync_to_async(create_draft)(people)
        heard = of_type(await received(team, seconds=0.5), "annotation", "removed")
        await team.disconnect()
        return moved, heard

    moved, heard = run(scenario)

    assert moved == [{"type": "resync", "reason": "audience"}]
    assert heard == []


def test_the_tab_that_made_a_change_is_only_told_its_number(people):
    article = people["article"]
    cookie = session_cookie(people["reviewer"])

    def create_from_tab():
        token = announce.client.set("tab-of-rita-0001")
        try:
            return create_draft(people)
        finally:
            announce.client.reset(token)

    async def scenario():
        tab = await open_socket(f"/ws/live/articles/{article.pk}/?client=tab-of-rita-0001", cookie=cookie)
        other = await open_socket(f"/ws/live/articles/{article.pk}/?client=tab-of-rita-0002", cookie=cookie)
        await received(tab, seconds=0.3)
        await received(other, seconds=0.1)
        await sync_to_async(create_from_tab)()
        own = of_type(await received(tab, seconds=0.5), "own", "annotation")
        elsewhere = of_type(await received(other, seconds=0.2), "own", "annotation")
        await tab.disconnect()
        await other.disconnect()
        return own, elsewhere

    own, elsewhere = run(scenario)

    assert own == [{"type": "own", "seq": 1, "epoch": own[0]["epoch"]}]
    assert [(e["type"], e["seq"], e["actor"]) for e in elsewhere] == [("annotation", 1, "rita")]


def test_a_dismissal_is_told_to_the_team_and_a_new_text_to_everyone(people):
    article = people["article"]
    cookie = session_cookie(people["editor"])
    found = suggestion_services.article_suggestions(article=article, user=people["reviewer"])["results"][0]
    admin = factories.UserFactory(username="ada", is_superuser=True, is_staff=True)

    async def scenario():
        public = await open_socket(f"/ws/live/articles/{article.pk}/")
        team = await open_socket(f"/ws/live/articles/{article.pk}/", cookie=cookie)
        await received(public, seconds=0.3)
        await received(team, seconds=0.1)
        await sync_to_async(suggestion_services.suggestion_dismiss)(
            article=article, start=found["start"], end=found["end"], stance=found["stance"],
            source_name=found["source"]["name"] if found["source"] else "", user=people["reviewer"])
        new_body = f"{article.body} More."
        await sync_to_async(services.article_update)(article=article, user=admin, body=new_body)
        heard_by_team = [(e["type"], e["seq"]) for e in await received(team, seconds=0.5) if "seq" in e]
        heard_by_public = [(e["type"], e["seq"]) for e in await received(public, seconds=0.1) if "seq" in e]
        await public.disconnect()
        await team.disconnect()
        return heard_by_team, heard_by_public

    heard_by_team, heard_by_public = run(scenario)

    assert heard_by_team == [("suggestions", 1), ("article", 2)]
    assert heard_by_public == [("article", 1)]


def test_a_message_for_a_page_that_just_closed_its_socket_is_dropped_not_an_error():
    from autobahn.exception import Disconnected

    from annotations.live.consumers import ArticleSocket

    async def closed(message):
        raise Disconnected("Attempt to send on a closed protocol")

    socket = ArticleSocket()
    socket.base_send = closed
    async_to_sync(socket.send_json)({"type": "presence", "people": []})  # raised before
