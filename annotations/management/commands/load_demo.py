import os
import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from annotations import services
from annotations.models import Annotation, Article, Rating, ReviewState, Source
from annotations.rules import EDITOR_GROUP, REVIEWER_GROUP

ARTICLE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_article.txt"
ARTICLE_URL = "https://demo-wire.example/world/trump-putin-budapest-summit-on-hold"
EVIDENCE_URL = "https://demo-wire.example/world"

SOURCES = {
    "Demo Wire": Source.Kind.NEWS_OUTLET,
    "Financial Times": Source.Kind.NEWS_OUTLET,
    "Donald Trump": Source.Kind.PERSON,
    "White House official": Source.Kind.ANONYMOUS,
    "Dmitry Peskov, Kremlin spokesperson": Source.Kind.GOVERNMENT,
    "Sergei Lavrov": Source.Kind.PERSON,
    "NATO": Source.Kind.ORGANIZATION,
    "Demo Wire pool photographer": Source.Kind.PERSON,
}

# (quote, claim, rating, final state, [(source, stance)], [(evidence url, title, relation)])
ANNOTATIONS = [
    (
        "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish "
        "the whole Donbas region to Russia",
        "Trump pressed Zelenskyy to give up the whole Donbas region",
        Rating.UNPROVEN, ReviewState.VERIFIED,
        [("Financial Times", "reported"), ("Donald Trump", "denied")],
        [
            (f"{EVIDENCE_URL}/ft-donbas-report", "FT: Trump urged Zelenskyy to cede Donbas", "context"),
            (f"{EVIDENCE_URL}/trump-we-never-discussed-it", "Trump: 'We never discussed it'", "refutes"),
        ],
    ),
    (
        "There are no plans for President Trump to meet President Putin in the immediate future",
        "The Trump–Putin meeting in Budapest is not planned for the near future",
        Rating.TRUE, ReviewState.VERIFIED,
        [("White House official", "asserted"), ("Dmitry Peskov, Kremlin spokesperson", "confirmed")],
        [(f"{EVIDENCE_URL}/kremlin-no-dates-set", "Kremlin: no dates were ever set", "supports")],
    ),
    (
        "the two leaders agreed by phone to meet within weeks",
        "Trump and Putin agreed to meet in Budapest within weeks",
        Rating.MIXED, ReviewState.IN_REVIEW,
        [("Donald Trump", "asserted"), ("Dmitry Peskov, Kremlin spokesperson", "disputed")],
        [],
    ),
    (
        '"We never discussed it," Trump said. The Financial Times did not immediately respond '
        "to a request for comment.",
        "Trump and Zelenskyy never discussed ceding the Donbas",
        Rating.UNPROVEN, ReviewState.IN_REVIEW,
        [("Donald Trump", "asserted"), ("Financial Times", "no_response")],
        [],
    ),
    (
        "no precise dates had ever been set",
        "No date for a Trump–Putin summit was ever set",
        Rating.MOSTLY_TRUE, ReviewState.VERIFIED,
        [("Dmitry Peskov, Kremlin spokesperson", "asserted")],
        [],
    ),
    (
        "Russia's position has not changed since the understandings reached in Anchorage.",
        "Russia's position on Ukraine is unchanged since the Anchorage summit",
        Rating.MISSING_CONTEXT, ReviewState.DRAFT,
        [("Sergei Lavrov", "asserted")],
        [],
    ),
    (
        "allies remained committed to supporting Ukraine",
        "NATO allies remain committed to supporting Ukraine",
        Rating.TRUE, ReviewState.VERIFIED,
        [("NATO", "asserted"), ("Demo Wire", "reported")],
        [(f"{EVIDENCE_URL}/nato-statement", "NATO statement on Ukraine", "supports")],
    ),
    (
        "Photo: Demo Wire pool photographer, Washington.",
        "The photograph was taken by the Demo Wire pool photographer in Washington",
        "", ReviewState.DRAFT,
        [("Demo Wire pool photographer", "asserted")],
        [],
    ),
]

USERS = {
    # username: (group, is_superuser)
    "reviewer": (REVIEWER_GROUP, False),
    "editor": (EDITOR_GROUP, False),
    "admin": (None, True),
}


class Command(BaseCommand):
    help = "Load the demo article, its sources, annotations and the demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo creates known logins; it runs only with DEBUG=1 or --force.")
        with transaction.atomic():
            users = {username: self.ensure_user(username, *role) for username, role in USERS.items()}
            sources = {name: self.ensure_source(name, kind, users["admin"]) for name, kind in SOURCES.items()}
            article = self.ensure_article(sources["Demo Wire"], users["admin"])
            created = sum(
                self.ensure_annotation(article, sources, users, *spec) for spec in ANNOTATIONS
            )
        self.stdout.write(
            f"Demo article #{article.pk}: {created} annotations created, "
            f"{len(ANNOTATIONS) - created} already there."
        )

    def ensure_user(self, username, group, is_superuser):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user:
            return user
        variable = f"DEMO_{username.upper()}_PASSWORD"
        password = os.environ.get(variable) or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email=f"{username}@factcheck.example", password=password,
            is_staff=True, is_superuser=is_superuser,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        shown = f"(from {variable})" if os.environ.get(variable) else password
        self.stdout.write(f"Created user {username!r} with password {shown}")
        return user

    def ensure_source(self, name, kind, user):
        return Source.objects.filter(name__iexact=name).first() or services.source_create(
            user=user, name=name, kind=kind
        )

    def ensure_article(self, publisher, user):
        article = Article.objects.filter(url=ARTICLE_URL).first()
        if article:
            return article
        return services.article_create(
            user=user,
            title="Trump–Putin summit in Budapest put on hold as Ukraine talks stall",
            body=ARTICLE_FILE.read_text(encoding="utf-8").strip(),
            url=ARTICLE_URL,
            publisher=publisher,
            byline="Demo Wire staff",
            published_at=datetime(2025, 10, 21, 18, 30, tzinfo=UTC),
        )

    def ensure_annotation(self, article, sources, users, quote, claim, rating, state, attributions, evidence):
        if Annotation.objects.filter(article=article, quote=quote).exists():
            return False
        reviewer, editor = users["reviewer"], users["editor"]
        annotation = services.annotation_create(
            article=article, user=reviewer, quote=quote, claim=claim, rating=rating,
            rationale="Demo annotation: the attributions list who said what, as the article reports it.",
            attributions=[
                {"source": sources[name], "stance": stance, "date": date(2025, 10, 21)}
                for name, stance in attributions
            ],
            evidence=[
                {"url": url, "title": title, "relation": relation, "publisher": "Demo Wire"}
                for url, title, relation in evidence
            ],
        )
        if state in (ReviewState.IN_REVIEW, ReviewState.VERIFIED):
            annotation = services.review_submit(annotation=annotation, user=reviewer)
        if state == ReviewState.VERIFIED:
            services.review_verify(annotation=annotation, user=editor)
        return True
