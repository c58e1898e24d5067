"""Verified claims for everyone: the list, one claim, its ClaimReview, and the streamed exports."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from annotations import presenters, selectors
from annotations.exports import EXPORTERS
from annotations.exports.claimreview import claimreview

from . import serializers as api_serializers
from .filters import AnnotationFilter
from .pagination import StrictCursorPagination


def base_url(request) -> str:
    """Return scheme and host of the request, for the absolute URLs exports carry."""
    return request.build_absolute_uri("/").rstrip("/")


class FixedRendererNegotiation(DefaultContentNegotiation):
    """Answer every request with the view's first renderer.

    These endpoints have one representation each, and on the export `?format=` names the
    export format rather than a DRF renderer (which would otherwise 404).
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ClaimReviewRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class ClaimPagination(StrictCursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


# The representation is presenters.claim_dict, shared with every export; the serializers
# give the OpenAPI schema its shape.


class ClaimArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    publisher = api_serializers.SourceSummarySerializer(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class ClaimSerializer(api_serializers.AnnotationSerializer):
    """A verified claim: the annotation's fields with its article embedded."""

    article = ClaimArticleSerializer()

    def to_representation(self, instance):
        return presenters.claim_dict(instance)


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid filter or parameter, by name."),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid token."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such verified claim, or bad cursor."),
}


CLAIM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The claim's id.")


class ClaimMixin:
    permission_classes = [AllowAny]
    serializer_class = ClaimSerializer
    filterset_class = AnnotationFilter

    def get_queryset(self):
        return selectors.claim_list()


@extend_schema(tags=["claims"], responses={200: ClaimSerializer(many=True), **ERRORS})
class ClaimList(ClaimMixin, generics.ListAPIView):
    """List the verified claims, oldest first, a cursor page at a time."""

    pagination_class = ClaimPagination


@extend_schema(tags=["claims"], parameters=[CLAIM_ID], responses={200: ClaimSerializer, **ERRORS})
class ClaimDetail(ClaimMixin, generics.RetrieveAPIView):
    """Return one verified claim."""

    filterset_class = None


@extend_schema(
    tags=["claims"],
    parameters=[CLAIM_ID],
    responses={
        (200, "application/ld+json"): OpenApiResponse(
            OpenApiTypes.OBJECT, description="A schema.org ClaimReview."
        ),
        **{(code, "application/ld+json"): response for code, response in ERRORS.items()},
    },
)
class ClaimReviewDetail(ClaimMixin, generics.GenericAPIView):
    """Return the schema.org ClaimReview of one verified claim."""

    filterset_class = None
    renderer_classes = [ClaimReviewRenderer]
    content_negotiation_class = FixedRendererNegotiation

    def get(self, request, pk):
        return Response(claimreview(self.get_object(), base_url(request)))


EXPORT_SCHEMAS = {"claimreview": {"type": "array", "items": {"type": "object"}}}
EXPORT_RESPONSES = {
    (200, exporter.media_type.split(";")[0]): OpenApiResponse(
        EXPORT_SCHEMAS.get(exporter.identifier, OpenApiTypes.STR),
        description=f"The filtered claims as {exporter.identifier}.",
    )
    for exporter in EXPORTERS.values()
}


@extend_schema(
    tags=["claims"],
    filters=True,
    parameters=[
        OpenApiParameter(
            "format", str, enum=list(EXPORTERS), required=True,
            description="jsonl: one claim per line; csv: one row per claim; "
            "claimreview: a JSON array of schema.org ClaimReview objects.",
        ),
    ],
    responses={
        **EXPORT_RESPONSES,
        **{(code, "application/json"): ERRORS[code] for code in (400, 401)},
    },
)
class ClaimExport(ClaimMixin, generics.GenericAPIView):
    """Stream every filtered verified claim as JSON Lines, CSV or ClaimReview."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = FixedRendererNegotiation

    def get(self, request):
        name = request.query_params.get("format", "")
        exporter = EXPORTERS.get(name)
        if exporter is None:
            raise ValidationError(
                {"format": [f"Unknown export format {name!r}; choose one of {', '.join(EXPORTERS)}."]}
            )
        claims = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(
            exporter.export(claims, base_url(request)),
            content_type=exporter.media_type,
        )
        stem = f"claims-{timezone.now():%Y%m%d}"
        response["Content-Disposition"] = f'attachment; filename="{exporter.filename(stem)}"'
        return response
