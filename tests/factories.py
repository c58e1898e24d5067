import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from annotations import anchoring
from annotations.models import Annotation, Article, Attribution, Evidence, Source
from annotations.publishing import services as publishing
from annotations.rules import EDITOR_GROUP, REVIEWER_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@factcheck.example")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


def reviewer(**kwargs):
    return UserFactory(group=REVIEWER_GROUP, **kwargs)


def editor(**kwargs):
    return UserFactory(group=EDITOR_GROUP, **kwargs)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Source.Kind.PERSON


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    publisher = factory.SubFactory(SourceFactory, name="Demo Wire", kind=Source.Kind.NEWS_OUTLET)
    body = (
        "Trump refuted a story by the Financial Times that he had pressed Zelenskyy "
        "to relinquish the whole Donbas region to Russia.\n\n"
        "A White House official said there were no plans for a meeting."
    )


class AnnotationFactory(factory.django.DjangoModelFactory):
    """An annotation on the article's first `length` characters after `start`."""

    class Meta:
        model = Annotation

    class Params:
        length = 20

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda a: a.start + a.length)
    quote = factory.LazyAttribute(lambda a: a.article.body[a.start : a.end])
    prefix = factory.LazyAttribute(
        lambda a: anchoring.quote_selector(a.article.body, a.start, a.end).prefix
    )
    suffix = factory.LazyAttribute(
        lambda a: anchoring.quote_selector(a.article.body, a.start, a.end).suffix
    )
    claim = "Trump pressed Zelenskyy to give up the whole Donbas region"
    language = factory.LazyAttribute(lambda a: a.article.language)
    rating = "unproven"
    created_by = factory.SubFactory(UserFactory)


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    annotation = factory.SubFactory(AnnotationFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Attribution.Stance.ASSERTED


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    annotation = factory.SubFactory(AnnotationFactory)
    url = factory.Sequence(lambda n: f"https://evidence.example/{n}")
    title = "A document"
    relation = Evidence.Relation.CONTEXT


def verified_claim(*, article=None, reviewer=None, **kwargs) -> Annotation:
    """Return a published, verified annotation with two attributions (reported, denied) and one evidence."""
    annotation = AnnotationFactory(
        review_state="verified", reviewed_by=reviewer or UserFactory(username="verifier"),
        reviewed_at=timezone.now(), **({"article": article} if article else {}), **kwargs,
    )
    AttributionFactory(annotation=annotation, stance=Attribution.Stance.REPORTED,
                       source=SourceFactory(name="Financial Times", kind=Source.Kind.NEWS_OUTLET))
    AttributionFactory(annotation=annotation, stance=Attribution.Stance.DENIED,
                       source=SourceFactory(name="Donald Trump"))
    EvidenceFactory(annotation=annotation)
    publishing.publish(annotation=annotation, user=annotation.reviewed_by)
    return annotation
