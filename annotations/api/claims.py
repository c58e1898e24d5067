"""Published claims for everyone: the list, one claim, its ClaimReview, and the streamed exports.

Every view here reads the stored public JSON of the published claims (publishing), so
what the public sees is what a second editor verified, whatever changed since.
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from annotations.exports import EXPORTERS
from annotations.exports.claimreview import from_claim
from annotations.models import Rating, ReviewState
from annotations.publishing import selectors as published
from annotations.publishing.core import encode

from . import serializers as api_serializers
from .base import ApiGenericView, base_url
from .filters import PublishedClaimFilter
from .pagination import StrictCursorPagination
from .renderers import JSONRenderer


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
    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


# The representation is the stored public JSON, shared with every export; the serializers
# give the OpenAPI schema its shape.


class ClaimArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    publisher = api_serializers.SourceSummarySerializer(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class ClaimContextSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Code point of the article body where it starts.")
    text = serializers.CharField(help_text="The quote's paragraph, or a few sentences around it.")


class CorrectionSerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    kind = serializers.ChoiceField(
        choices=["correction", "update"], required=False,
        help_text="correction: ours; update: reviewed again because the publisher edited the article "
                  "(absent on notes written before the two were told apart: corrections).",
    )
    note = serializers.CharField(
        help_text='"Corrected on <date>: what changed; why." or "The article was updated by its publisher '
                  'on <date>; this fact-check was reviewed again on <date>."'
    )
    reason = serializers.CharField()
    # Rating codes, as in `rating` (plain strings here, so the schema names one rating enum).
    previous_rating = serializers.CharField(allow_blank=True)
    rating = serializers.CharField(allow_blank=True)


class ClaimSerializer(serializers.Serializer):
    """A published claim: the version a second editor verified, with its corrections."""

    id = serializers.IntegerField()
    article = ClaimArticleSerializer()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    context = ClaimContextSerializer()
    claim = serializers.CharField()
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True)
    rating_label = serializers.CharField()
    rationale = serializers.CharField()
    review_state = serializers.ChoiceField(choices=[ReviewState.VERIFIED])
    attributions = api_serializers.AttributionSerializer(many=True)
    evidence = api_serializers.EvidenceSerializer(many=True)
    organization = serializers.CharField(help_text="The fact-checking organization, the reviewer of record.")
    created_by = serializers.CharField(
        allow_null=True, help_text="The author's public display name, if they chose one."
    )
    reviewed_by = serializers.CharField(
        allow_null=True, help_text="The verifier's public display name, if they chose one."
    )
    published_at = serializers.DateTimeField(help_text="First published (first verified).")
    reviewed_at = serializers.DateTimeField(help_text="The published version was verified.")
    date_modified = serializers.DateTimeField(
        allow_null=True, help_text="The last correction; null if never corrected."
    )
    corrections = CorrectionSerializer(many=True)
    version = serializers.IntegerField(help_text="The annotation version that was verified.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, instance):
        return instance.public


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid filter or parameter, by name."),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid token."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such verified claim, or bad cursor."),
}
# A path whose id can name no row matches no route: the site's JSON 404 answers it, in
# application/json whatever the view's own representation is.
NO_SUCH_PATH = {
    (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="No such path."),
}


CLAIM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The claim's id.")


class ClaimMixin(ApiGenericView):
    permission_classes = [AllowAny]
    serializer_class = ClaimSerializer
    filterset_class = PublishedClaimFilter

    def get_queryset(self):
        return published.published_claims()


def stored_json_response(body: str) -> HttpResponse:
    return HttpResponse(body.encode(), content_type="application/json")


@extend_schema(tags=["claims"], responses={200: ClaimSerializer(many=True), **ERRORS})
class ClaimList(ClaimMixin, generics.ListAPIView):
    """List the published claims, oldest first, a cursor page at a time."""

    pagination_class = ClaimPagination

    def list(self, request, *args, **kwargs):
        # The stored JSON goes out as it is, as in the JSON Lines export: no parse, no render.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()).only("pk", "data"))
        links = self.paginator.get_next_link(), self.paginator.get_previous_link()
        next_link, previous_link = (encode(link) for link in links)
        results = ",".join(claim.data for claim in page)
        return stored_json_response(
            f'{{"next":{next_link},"previous":{previous_link},"results":[{results}]}}'
        )


@extend_schema(tags=["claims"], parameters=[CLAIM_ID], responses={200: ClaimSerializer, **ERRORS})
class ClaimDetail(ClaimMixin, generics.RetrieveAPIView):
    """Return one published claim."""

    filterset_class = None

    def retrieve(self, request, *args, **kwargs):
        return stored_json_response(self.get_object().data)


@extend_schema(
    tags=["claims"],
    parameters=[CLAIM_ID],
    responses={
        (200, "application/ld+json"): OpenApiResponse(
            OpenApiTypes.OBJECT, description="A schema.org ClaimReview."
        ),
        **{(code, "application/ld+json"): response for code, response in ERRORS.items()},
        **NO_SUCH_PATH,
    },
)
class ClaimReviewDetail(ClaimMixin, generics.GenericAPIView):
    """Return the schema.org ClaimReview of one verified claim."""

    filterset_class = None
    renderer_classes = [ClaimReviewRenderer]
    content_negotiation_class = FixedRendererNegotiation

    def get(self, request, pk):
        return Response(from_claim(self.get_object().public, base_url(request)))


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
        OpenApiParameter(
            "bom", int, enum=[0, 1],
            description="CSV only: 1 (default) starts the file with a UTF-8 byte order mark, "
            "so that spreadsheets read it as UTF-8; 0 leaves it out.",
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
                {
                    "format": [
                        _("Unknown export format %(name)s; choose one of %(choices)s.")
                        % {"name": repr(name), "choices": ", ".join(EXPORTERS)}
                    ]
                }
            )
        options = {}
        if name == "csv":
            bom = request.query_params.get("bom", "1")
            if bom not in ("0", "1"):
                raise ValidationError({"bom": [_("Give 1 (a byte order mark) or 0 (none).")]})
            options["bom"] = bom == "1"
        claims = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(
            exporter.export(claims, base_url(request), **options),
            content_type=exporter.media_type,
        )
        stem = f"claims-{timezone.now():%Y%m%d}"
        response["Content-Disposition"] = f'attachment; filename="{exporter.filename(stem)}"'
        return response
