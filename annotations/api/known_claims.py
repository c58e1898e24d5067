"""REST API for known claims: import and list ClaimReviews, find the known claims like a text."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations import rules
from annotations.matching import presenters, selectors, services
from annotations.matching.claimreview import NotAFeed, parse_body
from annotations.matching.models import ClaimReviewRecord
from annotations.models import Article

from .base import ApiGenericView, ApiView, BoundedJSONParser, StrictSerializer, base_url, read_bounded
from .base import error_responses as _errors
from .serializers import SourceSummarySerializer

LINES_MEDIA_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
MAX_QUERY_CHARS = 20000


class ClaimReviewRecordSerializer(serializers.Serializer):
    """An imported ClaimReview: its stored fields and the original JSON-LD."""

    id = serializers.IntegerField()
    url = serializers.CharField()
    claim_reviewed = serializers.CharField()
    headline = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    rating_label = serializers.CharField(allow_blank=True)
    rating_value = serializers.FloatField(allow_null=True)
    best_rating = serializers.FloatField(allow_null=True)
    worst_rating = serializers.FloatField(allow_null=True)
    author = serializers.CharField(allow_blank=True)
    author_url = serializers.CharField(allow_blank=True)
    date_published = serializers.DateField(allow_null=True)
    claim_author = serializers.CharField(allow_blank=True)
    claim_date = serializers.DateField(allow_null=True)
    appearance = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    original = serializers.DictField()

    def to_representation(self, instance):
        return presenters.claimreview_dict(instance)


class RejectSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    reason = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    rejected = RejectSerializer(many=True)


class SimilarArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    publisher = SourceSummarySerializer(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class SimilarSourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()


class SimilarAttributionSerializer(serializers.Serializer):
    source = SimilarSourceSerializer()
    stance = serializers.CharField()


class SimilarResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["verified", "external"])
    id = serializers.IntegerField()
    claim = serializers.CharField()
    language = serializers.CharField(
        allow_blank=True,
        help_text="The claim's language: a ClaimReview's inLanguage; our own claim's, its article's.",
    )
    rating = serializers.CharField(allow_blank=True)
    rating_label = serializers.CharField(allow_blank=True)
    url = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=1)
    reviewed_by = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    article = SimilarArticleSerializer(allow_null=True)
    attributions = SimilarAttributionSerializer(
        many=True, help_text="Our verified claims: the published sources and stances. ClaimReviews: empty."
    )


class SimilarResponseSerializer(serializers.Serializer):
    results = SimilarResultSerializer(many=True)


class SimilarQuerySerializer(StrictSerializer):
    text = serializers.CharField(max_length=MAX_QUERY_CHARS, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=services.MAX_LIMIT, default=10)
    kind = serializers.ChoiceField(choices=["all", "verified", "external"], default="all")


class ClaimReviewPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 1000


@extend_schema(
    tags=["claimreviews"],
    parameters=[
        OpenApiParameter("q", str, description="Words in the claim, headline or description."),
        OpenApiParameter("author", str, description="The reviewing organization's name."),
        OpenApiParameter("rating", str, description="The rating as the checker wrote it."),
        OpenApiParameter("language", str, description="inLanguage, e.g. en."),
    ],
    responses={200: ClaimReviewRecordSerializer(many=True), **_errors(400, 401)},
)
class ClaimReviewList(ApiGenericView, generics.ListAPIView):
    """List imported ClaimReviews, newest first."""

    permission_classes = [IsAuthenticated]
    serializer_class = ClaimReviewRecordSerializer
    pagination_class = ClaimReviewPagination
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        return selectors.claimreview_list(
            q=params.get("q", "")[:500], author=params.get("author", "")[:200],
            rating=params.get("rating", "")[:200], language=params.get("language", "")[:35],
        )


@extend_schema(
    tags=["claimreviews"],
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
    responses={200: ClaimReviewRecordSerializer, **_errors(401, 404)},
)
class ClaimReviewDetail(ApiGenericView, generics.RetrieveAPIView):
    """Return one imported ClaimReview with its original JSON-LD."""

    permission_classes = [IsAuthenticated]
    serializer_class = ClaimReviewRecordSerializer
    queryset = ClaimReviewRecord.objects.all()


@extend_schema(
    tags=["claimreviews"],
    request={
        "application/json": OpenApiTypes.OBJECT,
        "application/x-ndjson": OpenApiTypes.STR,
    },
    responses={200: ImportResultSerializer, **_errors(400, 401, 403, 413)},
)
class ClaimReviewImport(ApiView):
    """Import ClaimReviews: a JSON array, a schema.org DataFeed, or JSON Lines (application/x-ndjson).

    The same url and claimReviewed again update the stored review. Malformed records are
    listed with their reason; the others are stored.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = []  # the body is read below, in any of three formats
    max_body_setting = "FACTCHECK_MAX_IMPORT_BYTES"  # factcheck.limits: bodies up to this size

    def post(self, request):
        if not rules.can_import_claimreviews(request.user):
            raise ApiPermissionDenied(_("Only editors and admins import ClaimReviews."))
        # Read past Django's DATA_UPLOAD_MAX_MEMORY_SIZE: imports have their own limit.
        body = read_bounded(request._request, {"view": self})
        media_type = (request.content_type or "").split(";")[0].strip().lower()
        try:
            records = parse_body(body, lines=media_type in LINES_MEDIA_TYPES)
        except NotAFeed as error:
            raise ParseError(str(error)) from None
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        result = services.claimreviews_import(records=records, user=request.user)
        return Response(result.as_dict(), status=status.HTTP_200_OK)


@extend_schema(
    tags=["claims"],
    parameters=[
        OpenApiParameter("text", str, required=True, description="The claim to look up."),
        OpenApiParameter("limit", int, description="At most 50; 10 by default."),
        OpenApiParameter("kind", str, enum=["all", "verified", "external"]),
    ],
    responses={200: SimilarResponseSerializer, **_errors(400, 401)},
    methods=["GET"],
)
@extend_schema(
    tags=["claims"],
    request=SimilarQuerySerializer,
    responses={200: SimilarResponseSerializer, **_errors(400, 401)},
    methods=["POST"],
)
class SimilarClaims(ApiView):
    """Find known claims like a text: our verified claims and imported ClaimReviews, best first."""

    permission_classes = [IsAuthenticated]
    # A search form may post its text as a form, as it could before the API had one door.
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]
    writes_nothing = True  # a POST only carries a long text: its client need not read the primary

    def get(self, request):
        return self._answer(request, request.query_params)

    def post(self, request):
        if not isinstance(request.data, dict):
            raise ParseError(_("Send a JSON object with text, limit and kind."))
        return self._answer(request, request.data)

    def _answer(self, request, data):
        query = SimilarQuerySerializer(data={key: data[key] for key in data})
        query.is_valid(raise_exception=True)
        results = services.similar(
            text=query.validated_data["text"], kind=query.validated_data["kind"],
            limit=query.validated_data["limit"], base_url=base_url(request),
        )
        return Response({"results": results})


class KnownClaimInArticleSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    sentence = serializers.CharField()
    match = SimilarResultSerializer()


class KnownClaimsInArticleSerializer(serializers.Serializer):
    results = KnownClaimInArticleSerializer(many=True)


@extend_schema(
    tags=["articles"],
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
    responses={200: KnownClaimsInArticleSerializer, **_errors(401, 404)},
)
class KnownClaimsInArticle(ApiView):
    """List the sentences of an article that repeat a known claim, with the best match each."""

    permission_classes = [IsAuthenticated]

    def get(self, request, pk):
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise NotFound(_("No such article."))
        results = services.article_known_claims(article=article, base_url=base_url(request))
        return Response({"results": results})
