import importlib

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from annotations import services
from tests import factories
from tests.ingest_support import NEWS_PAGE, PageServer


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def resolve_loopback_only(monkeypatch):
    """Resolve no host name over the network: tests only ever reach loopback addresses."""
    from annotations.ingest import fetch
    from tests.ingest_support import loopback_resolver

    monkeypatch.setattr(fetch, "resolve", loopback_resolver)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Start each test with no throttle counters or login failures from the one before."""
    cache.clear()


@pytest.fixture
def roles(transactional_db):
    """Recreate the Reviewer and Editor groups, which the flush after a transactional test removes."""
    migration = importlib.import_module("annotations.migrations.0002_roles")
    for name, codenames in migration.GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="annotations", codename__in=codenames)
        )


@pytest.fixture
def reviewer(db):
    return factories.reviewer(username="rita")


@pytest.fixture
def other_reviewer(db):
    return factories.reviewer(username="omar")


@pytest.fixture
def editor(db):
    return factories.editor(username="eddie")


@pytest.fixture
def other_editor(db):
    return factories.editor(username="erin")


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="ada", is_superuser=True)


@pytest.fixture
def article(db):
    return factories.ArticleFactory()


@pytest.fixture
def ft_source(db):
    return factories.SourceFactory(name="Financial Times", kind="news_outlet")


@pytest.fixture
def trump(db):
    return factories.SourceFactory(name="Donald Trump", kind="person")


@pytest.fixture
def donbas_quote():
    return (
        "refuted a story by the Financial Times that he had pressed Zelenskyy "
        "to relinquish the whole Donbas region to Russia"
    )


@pytest.fixture
def draft(article, reviewer, ft_source, trump, donbas_quote):
    """The FT Donbas annotation as a draft by `reviewer`."""
    return services.annotation_create(
        article=article, user=reviewer, quote=donbas_quote,
        claim="Trump pressed Zelenskyy to give up the whole Donbas region", rating="unproven",
        attributions=[
            {"source": ft_source, "stance": "reported"},
            {"source": trump, "stance": "denied"},
        ],
        evidence=[{"url": "https://evidence.example/ft", "title": "FT report", "relation": "context"}],
    )


@pytest.fixture
def in_review(draft, reviewer):
    return services.review_submit(annotation=draft, user=reviewer)


@pytest.fixture
def verified(in_review, editor):
    return services.review_verify(annotation=in_review, user=editor)


@pytest.fixture(autouse=True)
def fresh_known_claims_index(settings):
    """Start every test from an empty in-process copy of the known-claims index, checked on each query."""
    from annotations.matching.mirror import mirror

    settings.FACTCHECK_MATCHING_REFRESH_SECONDS = 0
    mirror.reset()
    yield
    mirror.reset()


@pytest.fixture
def server(settings):
    """A page server on loopback with the news page at /story, which the fetcher may reach."""
    with PageServer() as running:
        settings.FACTCHECK_FETCH_ALLOWED_HOSTS = running.allowed
        running.html("/story", NEWS_PAGE)
        yield running


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory, django_db_modify_db_settings_parallel_suffix):
    """On SQLite the test database is a file, so the live server reads through a connection of its
    own: a test that writes while a page is still loading then waits for the read (the busy
    timeout) instead of meeting "database table is locked" on one connection two threads share,
    as an in-memory database is shared."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
