"""Parse API input into the keyword arguments of the services; describe the output.

Input serializers reject every field they do not know. Output goes through the
presenters, so the API and the exports show the same dicts; the output serializers
here give the OpenAPI schema its shapes.
"""

from collections.abc import Mapping

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations import anchoring, languages, planning, presenters, rules, selectors
from annotations.matching.services import same_as_resolve
from annotations.models import (
    AnchorState,
    Annotation,
    Article,
    Attribution,
    Evidence,
    Rating,
    ReviewState,
    Source,
    http_url,
    lookalike_message,
    source_lookalikes,
)
from annotations.textguard.core import normalize_name
from annotations.urlnorm import normalize_url

from .base import MAX_ID, MAX_OFFSET, StrictSerializer

# Per annotation: far more than a claim has, few enough that one item stays cheap.
MAX_ATTRIBUTIONS = 50
REQUIRED = serializers.Field.default_error_messages["required"]
MAX_EVIDENCE = 50


def longest(model, field: str) -> int:
    """The model field's max_length (text fields carry theirs for input checks only)."""
    return model._meta.get_field(field).max_length


class LanguageField(serializers.CharField):
    """A BCP 47 language tag, read in its canonical form ("pt_br" -> "pt-BR"); blank: see help_text."""

    def __init__(self, **kwargs):
        super().__init__(max_length=languages.MAX_LENGTH, allow_blank=True, required=False, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value:
            return ""
        try:
            return languages.normalize(value)
        except languages.InvalidTag as error:
            raise serializers.ValidationError(str(error)) from None


# Output shapes


class SourceSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)


class AttributionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = SourceSummarySerializer()
    stance = serializers.ChoiceField(choices=Attribution.Stance.choices)
    url = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    excerpt = serializers.CharField()
    relation = serializers.ChoiceField(choices=Evidence.Relation.choices)


class SameAsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["verified", "external"])
    id = serializers.IntegerField()
    url = serializers.CharField()


class AnnotationSerializer(serializers.Serializer):
    """An annotation as presenters.annotation_dict shows it (and the claims export too)."""

    id = serializers.IntegerField()
    article = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    claim = serializers.CharField()
    language = serializers.CharField(help_text="The claim's language tag (BCP 47), e.g. en or pt-BR.")
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True)
    rationale = serializers.CharField()
    review_state = serializers.ChoiceField(choices=ReviewState.choices)
    review_comment = serializers.CharField(help_text="Why the annotation was last returned.")
    same_as = SameAsSerializer(many=True, help_text="Known claims a reviewer marked as this same claim.")
    attributions = AttributionSerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    created_by = serializers.CharField(allow_null=True, help_text="Username of the author.")
    edited_by = serializers.CharField(
        allow_null=True,
        help_text=(
            "Username of who last changed the span, claim, rating, rationale, attributions or "
            "evidence; nobody who changed it since its last verification may verify or return it."
        ),
    )
    reviewed_by = serializers.CharField(allow_null=True, help_text="Username of the reviewer.")
    reviewed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text="Bumped on every write; the ETag carries it.")
    anchor_state = serializers.ChoiceField(
        choices=AnchorState.choices,
        help_text="anchored; fuzzy (re-attached to edited text); orphaned (its quote is gone "
        "from the current body: start/end point into `revision`, and it is not painted).",
    )
    revision = serializers.IntegerField(help_text="The body revision its offsets and quote point into.")
    previous_quote = serializers.CharField(help_text="The quote before a fuzzy re-anchoring changed it.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    may_review = serializers.BooleanField(
        help_text="Whether the caller may verify or return it now: an editor who has not changed "
        "it (nor its attributions or evidence) since it was last verified, or since it was made.",
    )

    def to_representation(self, instance: Annotation):
        return presenters.annotation_dict(instance)


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(help_text="Normalized; empty when unknown.")
    publisher = SourceSummarySerializer(allow_null=True)
    annotation_count = serializers.IntegerField(
        help_text="Annotations of this article that the caller may read."
    )
    body = serializers.CharField(
        allow_null=True,
        help_text="The whole text; null for anonymous callers unless the site publishes article "
        "texts (FACTCHECK_PUBLIC_ARTICLES). Verified claims carry their quotes and context.",
    )

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "byline", "published_at", "language", "body",
            "body_sha256", "annotation_count", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        # Those who see articles as published get the fields their published claims show.
        data = super().to_representation(presenters.as_published(instance))
        request = self.context.get("request")
        if request is not None and not rules.can_read_article_text(request.user):
            data["body"] = None
        return data


class SourceSerializer(serializers.ModelSerializer):
    # Empty strings when unknown, so not "format: uri" in the schema.
    url = serializers.CharField()
    same_as = serializers.CharField()

    class Meta:
        model = Source
        fields = [
            "id", "name", "kind", "url", "same_as", "description", "aliases", "created_at", "updated_at",
        ]
        read_only_fields = fields


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id of the history record (unique per object type).")
    at = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True)
    type = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    object = serializers.ChoiceField(
        choices=["annotation", "attribution", "evidence", "correction"],
        help_text="A correction is a verified change of the published claim; its comment is "
        "the public correction note.",
    )
    object_id = serializers.IntegerField()
    version = serializers.IntegerField(
        allow_null=True, help_text="The annotation's version after this change."
    )
    comment = serializers.CharField()
    changes = HistoryChangeSerializer(many=True)


# Input


SOURCE_REFERENCE_SCHEMA = {
    "oneOf": [
        {"type": "integer", "minimum": 1, "description": "Id of an existing source."},
        {
            "type": "object",
            "description": "Matched by name case-insensitively; created if absent.",
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 200},
                "kind": {"type": "string", "enum": Source.Kind.values},
            },
            "required": ["name"],
            "additionalProperties": False,
        },
    ]
}


class SourceNameSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, default=Source.Kind.PERSON)


@extend_schema_field(SOURCE_REFERENCE_SCHEMA)
class SourceReferenceField(serializers.Field):
    """A source written as an id or as {"name", "kind"}; read as {id, name, kind}."""

    default_error_messages = {
        "invalid": _('Give a source id or {{"name": ..., "kind": ...}}.'),
        "does_not_exist": _("There is no source with id {pk}."),
    }

    def to_internal_value(self, data):
        """Return an id (resolved by resolve_sources) or a {"name", "kind"} dict."""
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            return data
        if isinstance(data, Mapping):
            named = SourceNameSerializer(data=data)
            named.is_valid(raise_exception=True)
            return dict(named.validated_data)
        self.fail("invalid")

    def to_representation(self, value):
        return presenters.source_summary(value)


def resolve_sources(references: list, field: str = "source"):
    """Replace source ids by Source instances with one query; name the ids that do not exist."""
    ids = {ref for ref in references if isinstance(ref, int) and 0 < ref <= MAX_ID}
    found = Source.objects.in_bulk(ids) if ids else {}
    errors = [
        {field: [SourceReferenceField.default_error_messages["does_not_exist"].format(pk=ref)]}
        if isinstance(ref, int) and ref not in found else {}
        for ref in references
    ]
    if any(errors):
        raise serializers.ValidationError(errors)
    return [found[ref] if isinstance(ref, int) else ref for ref in references]


class HttpURLField(serializers.URLField):
    """An http(s) URL checked by one validator: URLField's own accepts ftp as well, so it goes."""

    def __init__(self, **kwargs):
        super().__init__(validators=[http_url], **kwargs)
        self.validators = [
            validator for validator in self.validators
            if validator is http_url or not isinstance(validator, URLValidator)
        ]


def from_model(model, name: str) -> serializers.Field:
    """The input field of a model field, built as ModelSerializer builds it: its type, length,
    choices, blank and null, and validators come from the model (URLs: http and https only)."""
    model_field = model._meta.get_field(name)
    field_class, kwargs = serializers.ModelSerializer().build_standard_field(name, model_field)
    if field_class is serializers.URLField:
        field_class = HttpURLField
        kwargs.pop("validators", None)  # the model's http_url, which HttpURLField checks
    return field_class(**kwargs)


class AttributionWriteSerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID,
        help_text="Keep (and change) this existing attribution; omit for a new one.",
    )
    source = SourceReferenceField()
    stance = from_model(Attribution, "stance")
    url = from_model(Attribution, "url")
    date = from_model(Attribution, "date")
    note = from_model(Attribution, "note")


class EvidenceWriteSerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID,
        help_text="Keep (and change) this existing evidence; omit for a new one.",
    )
    url = from_model(Evidence, "url")
    title = from_model(Evidence, "title")
    publisher = from_model(Evidence, "publisher")
    published = from_model(Evidence, "published")
    excerpt = from_model(Evidence, "excerpt")
    relation = from_model(Evidence, "relation")


def _context_field():
    return serializers.CharField(
        trim_whitespace=False, allow_blank=True, required=False, max_length=1000,
        help_text="Text just before (prefix) or after (suffix) the quote; picks among repeats.",
    )


class SameAsWriteSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=["verified", "external"])
    id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    url = serializers.CharField(required=False, max_length=2000, help_text="Ignored: the server sets it.")


class AnnotationContentSerializer(StrictSerializer):
    """The fields a client writes on an annotation, for create and update alike."""

    start = serializers.IntegerField(
        min_value=0, max_value=MAX_OFFSET, required=False,
        help_text="First code point of the span in the article body.",
    )
    end = serializers.IntegerField(
        min_value=1, max_value=MAX_OFFSET, required=False,
        help_text="Code point just past the span.",
    )
    quote = serializers.CharField(
        trim_whitespace=False, required=False, max_length=longest(Annotation, "quote"),
        help_text="body[start:end]; given alone (with prefix/suffix) the server anchors it.",
    )
    prefix = _context_field()
    suffix = _context_field()
    claim = from_model(Annotation, "claim")
    language = LanguageField(
        help_text="The claim's language tag, e.g. es or pt-BR; blank or left out on create (or "
        "in a full replacement): its article's language.",
    )
    rating = from_model(Annotation, "rating")
    rationale = from_model(Annotation, "rationale")
    same_as = SameAsWriteSerializer(
        many=True, required=False, max_length=50,
        help_text="The full list of known claims this one repeats; the server fills in each url.",
    )
    attributions = AttributionWriteSerializer(
        many=True, required=False, max_length=MAX_ATTRIBUTIONS,
        help_text="The full list: items with an id are kept, new ones created, the rest deleted.",
    )
    evidence = EvidenceWriteSerializer(
        many=True, required=False, max_length=MAX_EVIDENCE,
        help_text="The full list: items with an id are kept, new ones created, the rest deleted.",
    )


    def validate_same_as(self, items):
        return same_as_resolve(items)

    def validate_attributions(self, items):
        # A partial update may leave an existing attribution's source out (it is kept); a new
        # attribution names its source whatever the method.
        missing = [{} if "source" in item or "id" in item else {"source": [REQUIRED]} for item in items]
        if any(missing):
            raise serializers.ValidationError(missing)
        named = [item for item in items if "source" in item]
        sources = iter(resolve_sources([item["source"] for item in named]))
        return [{**item, "source": next(sources)} if "source" in item else item for item in items]


class ArticleForAnnotatingField(serializers.PrimaryKeyRelatedField):
    """An article id, read with the article's current revision number (which a new annotation records)."""

    def to_internal_value(self, data):
        try:
            if isinstance(data, bool):
                raise TypeError
            pk = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        article = selectors.article_for_annotating(pk) if 0 < pk <= MAX_ID else None
        if article is None:
            self.fail("does_not_exist", pk_value=data)
        return article


class AnnotationCreateSerializer(AnnotationContentSerializer):
    article = ArticleForAnnotatingField(queryset=Article.objects.all())


class AnnotationUpdateSerializer(AnnotationContentSerializer):
    version = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_OFFSET,
        help_text="The version this change is based on, when no If-Match header is sent.",
    )

    def validate(self, attrs):
        if not self.partial:
            if "quote" not in attrs and not {"start", "end"} <= set(attrs):
                raise serializers.ValidationError(
                    {"quote": _("A full replacement needs start and end, or a quote to anchor.")}
                )
            # A full replacement (PUT) resets what it leaves out to the model's defaults.
            attrs = {**replace_defaults(), **attrs}
        return attrs


def replace_defaults() -> dict:
    fields = ("prefix", "suffix", *planning.CONTENT_FIELDS)
    return {
        **{name: Annotation._meta.get_field(name).get_default() for name in fields},
        "language": "",  # the article's
        "attributions": [], "evidence": [],
    }


class ReviewActionSerializer(StrictSerializer):
    version = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_OFFSET,
        help_text="Refuse (412) unless the annotation is at this version.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReturnActionSerializer(ReviewActionSerializer):
    comment = serializers.CharField(max_length=5000, help_text="Why the annotation goes back.")


class ArticleWriteSerializer(StrictSerializer):
    title = serializers.CharField(max_length=500)
    url = serializers.URLField(
        max_length=1000, allow_blank=True, required=False, validators=[http_url]
    )
    publisher = SourceReferenceField(allow_null=True, required=False)
    byline = serializers.CharField(max_length=300, allow_blank=True, required=False)
    published_at = serializers.DateTimeField(allow_null=True, required=False)
    language = LanguageField(
        help_text="A BCP 47 language tag such as en or pt-BR; blank or left out: the language the "
        "body reads as (English when it tells too little).",
    )
    body = serializers.CharField(
        trim_whitespace=False,
        help_text="Plain text; stored in NFC with \\n line endings, which offsets count in.",
    )

    def validate_publisher(self, value):
        if value is None:
            return None
        try:
            return resolve_sources([value])[0]
        except serializers.ValidationError as error:
            raise serializers.ValidationError(error.detail[0]["source"]) from None

    def validate_url(self, value):
        url = normalize_url(value)
        if url:
            duplicate = Article.objects.filter(url=url)
            if self.instance is not None:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            existing = duplicate.values_list("pk", flat=True).first()
            if existing is not None:
                raise serializers.ValidationError(
                    _("Article %(article)s has this URL already.") % {"article": existing}
                )
        return value

    def validate_body(self, value):
        if not anchoring.normalize_body(value).strip():
            raise serializers.ValidationError(_("The body must not be empty."))
        return value


class SourceWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, default=Source.Kind.PERSON)
    url = serializers.URLField(allow_blank=True, required=False, validators=[http_url])
    same_as = serializers.URLField(allow_blank=True, required=False, validators=[http_url])
    description = serializers.CharField(allow_blank=True, required=False)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50,
        help_text="Other names the source goes by; attribution suggestions match them.",
    )

    def validate_name(self, value):
        value = normalize_name(value)
        if not value:
            raise serializers.ValidationError(_("A source needs a name with visible characters."))
        duplicate = Source.objects.filter(name__iexact=value)
        if self.instance is not None:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        existing = duplicate.values_list("pk", flat=True).first()
        if existing is not None:
            raise serializers.ValidationError(
                _("Source %(source)s has this name already.") % {"source": existing}
            )
        unchanged = self.instance is not None and value == self.instance.name
        lookalikes = [] if unchanged else source_lookalikes(
            value, exclude_pk=self.instance.pk if self.instance else None
        )
        if lookalikes:
            raise serializers.ValidationError(lookalike_message(lookalikes[0]))
        return value
