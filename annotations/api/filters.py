"""Query-string filters for the annotation and source lists."""

from datetime import UTC

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from annotations import languages, rules, selectors
from annotations.models import Annotation, Article, Attribution, Rating, ReviewState, Source
from annotations.publishing.models import PublishedAttribution, PublishedClaim
from annotations.textguard.core import normalize_name

from .base import MAX_ID


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number (a decimal one is refused, not rounded)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 time converted to UTC: PostgreSQL refuses offsets beyond ±16 hours."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError(_("This time is out of range."), code="overflow") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class LanguageTagField(forms.CharField):
    """A language tag, in its canonical form; anything else is refused (400)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return languages.normalize(value)
        except languages.InvalidTag as error:
            raise ValidationError(str(error), code="invalid") from None


class LanguageFilter(django_filters.CharFilter):
    """es: the rows in Spanish whatever the region (es, es-MX); pt-BR: those tagged pt-BR."""

    field_class = LanguageTagField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", languages.MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(selectors.in_language(value, self.field_name)) if value else qs


class StaffOnlyAuthorFilter:
    """Filtering by author is for staff: to others it would map user ids to usernames."""

    def is_valid(self):
        valid = super().is_valid()
        user = getattr(self.request, "user", None)
        if valid and self.form.cleaned_data.get("created_by") and not rules.can_read_drafts(user):
            self.form.add_error("created_by", _("Filtering by author needs a staff login."))
            return False
        return valid


class ClaimFilterSet(StaffOnlyAuthorFilter, django_filters.FilterSet):
    """Filters shared by the annotations and the published claims.

    A subclass names the model that holds each row's attributions, that model's foreign key
    to the row, and the path from the row to its author.
    """

    attribution_model = Attribution
    attribution_owner = "annotation"
    author = "created_by"

    article = IdFilter(field_name="article_id", label="Article id.")
    rating = django_filters.ChoiceFilter(choices=Rating.choices)
    source = IdFilter(method="filter_attribution", label="Source id of one of the attributions.")
    stance = django_filters.ChoiceFilter(
        choices=Attribution.Stance.choices, method="filter_attribution",
        label="Stance of one of the attributions (of the given source, when both are given).",
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=500, label="Text in the quote or the claim."
    )

    def filter_attribution(self, queryset, name, value):
        # source and stance describe one attribution ("Trump denied it"), so both go into
        # a single EXISTS, built when the first of them is reached.
        data = self.form.cleaned_data
        if name == "stance" and data.get("source") is not None:
            return queryset
        conditions = Q(**{self.attribution_owner: OuterRef("pk")})
        if data.get("source") is not None:
            conditions &= Q(source_id=data["source"])
        if data.get("stance"):
            conditions &= Q(stance=data["stance"])
        return queryset.filter(Exists(self.attribution_model.objects.filter(conditions)))

    def filter_created_by(self, queryset, name, value):
        author = Q(**{f"{self.author}__username": value})
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            author |= Q(**{f"{self.author}_id": int(value)})
        return queryset.filter(author)

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(quote__icontains=value) | Q(claim__icontains=value))


class AnnotationFilter(ClaimFilterSet):
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices)
    language = LanguageFilter(
        label="The claim's language: es finds es and es-MX; pt-BR only pt-BR.",
    )
    created_by = django_filters.CharFilter(
        method="filter_created_by", max_length=150, label="The author's username or user id."
    )
    updated_since = UtcDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Changed at or after this ISO 8601 time."
    )

    class Meta:
        model = Annotation
        fields = [
            "article", "review_state", "rating", "source", "stance", "created_by",
            "updated_since", "q", "language",
        ]


class ArticleFilter(django_filters.FilterSet):
    language = LanguageFilter(
        label="The article's language: es finds es and es-MX; pt-BR only pt-BR.",
    )

    class Meta:
        model = Article
        fields = ["language"]


class PublishedClaimFilter(ClaimFilterSet):
    """The annotation list's filters, applied to what is published (not to later edits)."""

    attribution_model = PublishedAttribution
    attribution_owner = "published"
    author = "annotation__created_by"

    review_state = django_filters.ChoiceFilter(
        choices=ReviewState.choices, method="filter_review_state",
        label="Published claims are all verified; another state matches none.",
    )
    created_by = django_filters.CharFilter(
        method="filter_created_by", max_length=150,
        label="The author's username or user id (staff only).",
    )
    updated_since = UtcDateTimeFilter(
        field_name="modified_at", lookup_expr="gte",
        label="Published or corrected at or after this ISO 8601 time.",
    )
    # The claims index's filters, so that its export holds what the page lists.
    source_name = django_filters.CharFilter(
        method="filter_source_name", max_length=200,
        label="Text in the name of one of the attributions' sources.",
    )
    published_since = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte",
        label="First published on or after this date (YYYY-MM-DD).",
    )

    class Meta:
        model = PublishedClaim
        fields = [
            "article", "review_state", "rating", "source", "stance", "created_by",
            "updated_since", "q", "source_name", "published_since",
        ]

    def filter_source_name(self, queryset, name, value):
        sources = Source.objects.filter(name__icontains=value).values("pk")
        return queryset.filter(Exists(
            PublishedAttribution.objects.filter(published=OuterRef("pk"), source_id__in=sources)
        ))

    def filter_review_state(self, queryset, name, value):
        return queryset if value == ReviewState.VERIFIED else queryset.none()


class SourceFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search", max_length=200,
        label="Part of the name; names that start with it come first.",
    )
    similar = django_filters.CharFilter(
        method="filter_similar", max_length=200,
        label="A name about to be created: the sources whose name or an alias is close to it "
              "(a word subset, or a typo apart), closest first; the exact name itself is left out.",
    )
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)

    class Meta:
        model = Source
        fields = ["search", "similar", "kind"]

    def filter_similar(self, queryset, name, value):
        ids = selectors.similar_source_ids(value)
        return queryset.filter(pk__in=ids).order_by(
            Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)),
                 output_field=IntegerField())
        ) if ids else queryset.none()

    def filter_search(self, queryset, name, value):
        value = normalize_name(value)  # as names are stored
        if not value:
            return queryset
        return (
            queryset.filter(name__icontains=value)
            .annotate(
                starts_with=Case(
                    When(name__istartswith=value, then=Value(0)),
                    default=Value(1), output_field=IntegerField(),
                )
            )
            .order_by("starts_with", "name", "id")
        )
