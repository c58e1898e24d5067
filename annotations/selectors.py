"""Every non-trivial read, with its joins and prefetches set, so N+1 has one place to be fixed."""

from collections import defaultdict
from collections.abc import Collection, Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Count,
    Exists,
    F,
    JSONField,
    Lookup,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from . import rules
from .models import (
    AnchorState,
    Annotation,
    Article,
    ArticleRevision,
    Attribution,
    Evidence,
    ReviewState,
    Source,
)
from .publishing.models import PublishedClaim
from .sourcenames import close_names, search_terms


def annotations_visible_to(user) -> QuerySet[Annotation]:
    """Return the annotations a user may read: all for staff readers, verified for the rest."""
    annotations = Annotation.objects.all()
    if not rules.can_read_drafts(user):
        annotations = annotations.filter(review_state=ReviewState.VERIFIED)
    return annotations


def with_children(annotations: QuerySet[Annotation]) -> QuerySet[Annotation]:
    """Attach attributions with their sources and evidence in order: every reader's prefetch."""
    return annotations.prefetch_related(
        Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
        Prefetch("evidence", queryset=Evidence.objects.order_by("id")),
    )


def with_details(annotations: QuerySet[Annotation]) -> QuerySet[Annotation]:
    """Attach author, last editor and reviewer, and the children (with_children)."""
    return with_children(annotations.select_related("created_by", "edited_by", "reviewed_by"))


def review_queue(*, user) -> QuerySet[Annotation]:
    """Return the annotations in review that `user` may review (rules.can_review)."""
    return (
        with_details(Annotation.objects.filter(rules.reviewable_by(user)))
        .select_related("article")
        .order_by("updated_at", "id")
    )


def article_annotation_summaries(*, article: Article, user) -> QuerySet:
    """Return the summary rows (annotation_summary_rows) of the annotations of an article a user may read."""
    return annotation_summary_rows(annotations_visible_to(user).filter(article=article))


def annotation_summary_rows(annotations: QuerySet[Annotation]) -> QuerySet:
    """Return (id, start, end, rating, review_state, version, author, published) rows in text order.

    The annotation view paints thousands of these; full annotations come from the API
    when one is opened. `published`: the claim has a public version (kept while a
    correction is under way). Orphaned annotations are not painted, so not listed.
    """
    return annotations.exclude(
        anchor_state=AnchorState.ORPHANED
    ).annotate(
        is_published=Exists(PublishedClaim.objects.filter(annotation=OuterRef("pk")))
    ).order_by(
        "start", "end", "id"
    ).values_list(
        "id", "start", "end", "rating", "review_state", "version", "created_by__username", "is_published"
    )


def article_stances(*, article: Article, user) -> QuerySet:
    """Return (annotation id, source name, stance) rows for the annotations a user may read."""
    return stance_rows(annotations_visible_to(user).filter(article=article))


def stance_rows(annotations: QuerySet[Annotation]) -> QuerySet:
    """Return (annotation id, source name, stance) rows of the given annotations' attributions."""
    return Attribution.objects.filter(
        annotation__in=annotations
    ).order_by("annotation_id", "id").values_list("annotation_id", "source__name", "stance")


def article_list(*, user, search: str = "", language: str = "") -> QuerySet[Article]:
    """Return articles with their publisher and the annotation counts the user may see,
    found by `search` and in `language` (a canonical tag, see in_language) when given.

    For anyone who may not read drafts each article also carries `published_article`: its
    title, url, publisher and date as its newest published claim shows them (None when no
    claim of it is published), which is what they are shown (presenters.as_published).
    """
    visible = Q() if rules.can_read_drafts(user) else Q(annotations__review_state=ReviewState.VERIFIED)
    articles = Article.objects.select_related("publisher")
    if not rules.can_read_drafts(user):
        newest = PublishedClaim.objects.filter(article=OuterRef("pk")).order_by("-modified_at", "-pk")
        articles = articles.annotate(published_article=Subquery(
            newest.annotate(fields=PUBLISHED_ARTICLE).values("fields")[:1], output_field=JSONField()
        ))
    if search:
        articles = articles.filter(article_search(user, search))
    if language:
        articles = articles.filter(in_language(language))
    return articles.annotate(
        annotation_count=Count("annotations", filter=visible),
        draft_count=Count("annotations", filter=visible & Q(annotations__review_state=ReviewState.DRAFT)),
        in_review_count=Count(
            "annotations", filter=visible & Q(annotations__review_state=ReviewState.IN_REVIEW)
        ),
        verified_count=Count(
            "annotations", filter=Q(annotations__review_state=ReviewState.VERIFIED)
        ),
    )


def article_languages() -> list[str]:
    """Return the primary language subtags of the stored articles, sorted (for a filter's choices)."""
    tags = Article.objects.order_by().values_list("language", flat=True).distinct()
    return sorted({tag.split("-", 1)[0].lower() for tag in tags})


def in_language(tag: str, field: str = "language") -> Q:
    """Return the filter of rows in a language: a bare language subtag ("es") matches its
    regional tags too ("es-MX"); a tag with a region or script matches itself alone."""
    if "-" in tag:
        return Q(**{f"{field}__iexact": tag})
    return Q(**{f"{field}__iexact": tag}) | Q(**{f"{field}__istartswith": f"{tag}-"})


# The article fields stored in a published claim's public JSON, as they were at verification.
PUBLISHED_ARTICLE = KeyTransform("article", Cast("data", JSONField()))


def article_search(user, search: str) -> Q:
    """Return the filter of the articles a search term finds, over what the user may read.

    Bodies only for those who may read them, and claims and their sources only as the
    user may read them: matching anything else would answer yes or no about hidden text.
    Staff search the articles and annotations as they stand; everyone else the published
    claims (their claim, the passage around their quote, their sources and the article
    fields they show) and, of articles with no published claim, the title and publisher.
    """
    found = Q()
    if rules.can_read_article_text(user):
        found |= Q(body__icontains=search)
    if rules.can_read_drafts(user):
        # Claims through a subquery: a join would multiply the annotation counts.
        claims = annotations_visible_to(user).filter(article=OuterRef("pk")).filter(
            Q(claim__icontains=search) | Q(attributions__source__name__icontains=search)
        )
        return found | Q(title__icontains=search) | Q(publisher__name__icontains=search) | Q(
            Exists(claims)
        )
    published = PublishedClaim.objects.filter(article=OuterRef("pk"))
    matching = published.annotate(
        context=KeyTextTransform("text", KeyTransform("context", Cast("data", JSONField()))),
        title=KeyTextTransform("title", PUBLISHED_ARTICLE),
        publisher_name=KeyTextTransform("name", KeyTransform("publisher", PUBLISHED_ARTICLE)),
    ).filter(
        Q(claim__icontains=search) | Q(context__icontains=search) | Q(title__icontains=search)
        | Q(publisher_name__icontains=search)
        | Q(attributions__source_id__in=Source.objects.filter(name__icontains=search).values("pk"))
    )
    unpublished = ~Q(Exists(published)) & (
        Q(title__icontains=search) | Q(publisher__name__icontains=search)
    )
    return found | Q(Exists(matching)) | unpublished


def source_list() -> QuerySet[Source]:
    return Source.objects.annotate(
        attribution_count=Count("attributions", distinct=True),
        article_count=Count("published_articles", distinct=True),
    )


# Candidates read for one close-name lookup: the work stays bounded however many sources exist.
SIMILAR_CANDIDATES = 500


def similar_source_ids(name: str, *, limit: int = 5) -> list[int]:
    """Return ids of the stored sources whose name or an alias is close to `name`, closest
    first (see sourcenames); one query, at most SIMILAR_CANDIDATES rows scored."""
    terms = search_terms(name)
    if not terms:
        return []
    matches = Q()
    for term in terms:
        matches |= Q(name__icontains=term) | Q(aliases_text__icontains=term)
    rows = (
        Source.objects.annotate(aliases_text=Cast("aliases", TextField()))
        .filter(matches).order_by("id").values_list("id", "name", "aliases")
    )[:SIMILAR_CANDIDATES]
    return close_names(name, ((pk, source_name, aliases or ()) for pk, source_name, aliases in rows),
                       limit=limit)


def articles_for_annotating(ids: Collection[int]) -> dict[int, Article]:
    """Return the articles by id, each with the number of its current body revision
    (`current_revision`, None for an article without revisions), which a new annotation records."""
    if not ids:
        return {}
    current = ArticleRevision.objects.filter(article=OuterRef("pk")).order_by("-number").values("number")[:1]
    return Article.objects.annotate(current_revision=Subquery(current)).in_bulk(ids)


def article_for_annotating(pk: int) -> Article | None:
    """Return the article with its current revision (see articles_for_annotating), or None."""
    return articles_for_annotating([pk]).get(pk)



def load_details(annotations: Iterable[Annotation]) -> list[Annotation]:
    """Attach to annotations read in bulk their people, attributions (with their sources) and
    evidence: the API's batch loader, four queries whatever their number, each user and
    source built once (prefetch_related builds one per row and a queryset per annotation,
    which made a page of 1,000 four times slower)."""
    annotations = list(annotations)
    ids = [annotation.pk for annotation in annotations]
    people = {pk for a in annotations for pk in (a.created_by_id, a.edited_by_id, a.reviewed_by_id) if pk}
    users = get_user_model().objects.only("id", "username").in_bulk(people) if people else {}
    of_page = AnyOf(F("annotation_id"), ids)
    attributions = list(Attribution.objects.filter(of_page).order_by("annotation_id", "id"))
    sources = Source.objects.only("id", "name", "kind").in_bulk({row.source_id for row in attributions})
    children = {"attributions": defaultdict(list), "evidence": defaultdict(list)}
    for row in attributions:
        SOURCE.set_cached_value(row, sources[row.source_id])
        children["attributions"][row.annotation_id].append(row)
    for row in Evidence.objects.filter(of_page).order_by("annotation_id", "id"):
        children["evidence"][row.annotation_id].append(row)
    for annotation in annotations:
        for field in PEOPLE:
            field.set_cached_value(annotation, users.get(getattr(annotation, field.attname)))
        # Plain lists where prefetch_related leaves querysets: a queryset per list was a fifth
        # of a page of 1,000; the related managers' all() returns them as they are.
        annotation._prefetched_objects_cache = {
            name: found[annotation.pk] for name, found in children.items()
        }
    return annotations


class AnyOf(Lookup):
    """`column IN (ids)` for a page's worth of ids: on PostgreSQL `column = ANY(%s)` with the
    ids as one array parameter. Django's `__in` prepares each id and writes a placeholder
    for it, which the driver then parses again: the attributions of 1,000 annotations were
    read in 25 ms that way, in 17 ms this way.
    """

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        column, params = self.process_lhs(compiler, connection)
        return f"{column} IN ({', '.join(['%s'] * len(self.rhs))})", (*params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", (*params, list(self.rhs))


SOURCE = Attribution._meta.get_field("source")
PEOPLE = [Annotation._meta.get_field(name) for name in ("created_by", "edited_by", "reviewed_by")]

