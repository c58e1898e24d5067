"""The live desk's pure rules: what each audience hears, what a reconnecting page gets, who is here."""

from annotations.live import core

SUMMARY = {"id": 7, "start": 0, "end": 9, "rating": "false", "review_state": "draft", "version": 2,
           "created_by": "rita", "published": False, "stances": [["Financial Times", "reported"]]}


def change(**fields):
    return core.Change(**{"article": 3, "kind": "edited", "annotation": 7, "summary": SUMMARY,
                          "actor": "eddie", **fields})


def test_the_team_hears_of_a_draft_and_who_changed_it_the_public_hears_nothing():
    views = core.views_of(change())

    assert views == {
        "team": {"type": "annotation", "kind": "edited", "article": 3, "actor": "eddie", "id": 7,
                 "annotation": SUMMARY},
        "public": None,
    }


def test_the_public_hears_of_a_verified_claim_without_any_name():
    verified = {**SUMMARY, "review_state": "verified", "published": True}

    views = core.views_of(change(kind="verified", summary=verified, published=True))

    assert views["public"] == {"type": "annotation", "kind": "verified", "article": 3, "id": 7,
                               "annotation": {**verified, "created_by": None}}


def test_a_published_claim_back_in_review_is_removed_from_public_pages():
    corrected = {**SUMMARY, "review_state": "in_review", "published": True}

    views = core.views_of(change(summary=corrected, published=True))

    assert views["public"] == {"type": "removed", "kind": "edited", "article": 3, "id": 7}
    assert views["team"]["type"] == "annotation"


def test_a_deletion_and_a_dismissal_are_for_the_team_only():
    deleted = core.views_of(change(kind="deleted", summary=None))
    dismissed = core.views_of(change(kind="suggestions", annotation=None, summary=None))

    assert deleted == {
        "team": {"type": "removed", "kind": "deleted", "article": 3, "actor": "eddie", "id": 7},
        "public": None,
    }
    assert dismissed == {
        "team": {"type": "suggestions", "kind": "suggestions", "article": 3, "actor": "eddie"},
        "public": None,
    }


def test_a_changed_article_asks_every_page_to_read_its_state_again():
    views = core.views_of(change(kind="article", annotation=None, summary=None))

    assert views["public"] == {"type": "article", "kind": "article", "article": 3}
    assert views["team"] == {"type": "article", "kind": "article", "article": 3, "actor": "eddie"}


def logged(*seqs):
    return [(seq, {"type": "annotation", "id": seq}) for seq in seqs]


def test_catch_up_returns_the_missed_events_in_order():
    result = core.catch_up(since=core.Position("e1", 3), current=core.Position("e1", 6),
                           logged=logged(6, 4, 5, 2), limit=200)

    assert result == core.CatchUp(events=[{"type": "annotation", "id": n, "seq": n} for n in (4, 5, 6)])


def test_catch_up_asks_for_a_resync_when_the_log_has_a_hole_too_much_is_missed_or_the_epoch_changed():
    hole = core.catch_up(since=core.Position("e1", 3), current=core.Position("e1", 6), logged=logged(4, 6),
                         limit=200)
    too_many = core.catch_up(since=core.Position("e1", 0), current=core.Position("e1", 6),
                             logged=logged(1, 2, 3, 4, 5, 6), limit=5)
    other_epoch = core.catch_up(since=core.Position("e0", 3), current=core.Position("e1", 6),
                                logged=logged(4, 5, 6), limit=200)
    ahead = core.catch_up(since=core.Position("e1", 9), current=core.Position("e1", 6), logged=[], limit=200)

    assert [hole.resync, too_many.resync, other_epoch.resync, ahead.resync] == [True, True, True, True]


def test_catch_up_up_to_date_is_nothing():
    assert core.catch_up(since=core.Position("e1", 6), current=core.Position("e1", 6), logged=[],
                         limit=200) == core.CatchUp()


def visitor(connection, user_id, name, audience="team", editing=None, seen=100.0):
    return core.Visitor(connection=connection, user_id=user_id, name=name, audience=audience,
                        editing=editing, seen=seen)


def test_presence_names_team_members_once_and_counts_the_public():
    visitors = [
        visitor("a", 1, "rita", editing=7), visitor("b", 1, "rita"), visitor("c", 2, "eddie"),
        visitor("d", None, None, "public"), visitor("e", 9, None, "public"), visitor("f", 9, None, "public"),
        visitor("g", 3, "gone", seen=0.0),
    ]

    team = core.presence_for(visitors, "team", now=100.0, stale=90.0)
    public = core.presence_for(visitors, "public", now=100.0, stale=90.0)

    assert team == {"type": "presence", "people": [{"name": "eddie", "editing": []},
                                                   {"name": "rita", "editing": [7]}], "others": 2}
    assert public == {"type": "presence", "count": 4}


def test_a_lock_whose_socket_was_not_seen_lately_no_longer_holds():
    lock = core.Lock(annotation=7, connection="a", user_id=1, name="rita", since=10.0, seen=10.0)

    assert core.lock_holder(lock, now=50.0, stale=90.0) == lock
    assert core.lock_holder(lock, now=101.0, stale=90.0) is None
