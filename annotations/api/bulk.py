"""POST /api/v1/annotations/bulk/: up to 10,000 annotations as a JSON array or JSON Lines."""

import json

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations import rules
from annotations.bulk import services

from .base import (
    MAX_ID,
    ApiView,
    BoundedJSONParser,
    PayloadTooLarge,
    read_bounded,
    refuse_lone_surrogates,
    validated,
)
from .serializers import AnnotationCreateSerializer

TRUE = {"1", "true", "yes"}


class TooManyItems(PayloadTooLarge):
    default_detail = lazy(
        lambda: _("At most %(count)s annotations per request.") % {"count": f"{services.MAX_ITEMS:,}"}, str
    )()


class BulkItemSerializer(AnnotationCreateSerializer):
    """One item: the single-create format; ids are checked for the whole request at once."""

    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    def validate_attributions(self, items):
        return items  # sources are resolved by the service, one query for all items


def child_count(data: list) -> int:
    """Attributions and evidence the items carry (lists only: other values are refused later)."""
    return sum(
        len(value) for raw in data if isinstance(raw, dict)
        for value in (raw.get("attributions"), raw.get("evidence")) if isinstance(value, list)
    )


def validate_items(data: list) -> tuple[list, dict[int, dict]]:
    """Return each item's validated data (None if invalid) and the errors by index."""
    items, rejected = [], {}
    for index, raw in enumerate(data):
        try:
            items.append(validated(BulkItemSerializer, raw))
        except serializers.ValidationError as error:
            items.append(None)
            rejected[index] = serializers.as_serializer_error(error)
    return items, rejected


# Not JSONParser subclasses: DRF hands those request.body, which Django bounds by
# DATA_UPLOAD_MAX_MEMORY_SIZE (the single-request limit); these read the stream themselves,
# at most the view's FACTCHECK_MAX_BULK_BODY_BYTES.


class BulkJSONParser(BaseParser):
    """A JSON array, checked as the API's JSON parser does."""

    media_type = "application/json"
    parse = BoundedJSONParser.parse


class JSONLinesParser(BaseParser):
    """One JSON object per line (blank lines skipped), returned as a list."""

    media_type = "application/x-ndjson"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = read_bounded(stream, parser_context)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The body is not valid UTF-8: %(reason)s.") % {"reason": error.reason}
            ) from None
        items = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except (ValueError, RecursionError) as error:
                raise ParseError(
                    _("JSON Lines parse error on line %(number)s - %(error)s")
                    % {"number": number, "error": error}
                ) from None
        return refuse_lone_surrogates(items)


@extend_schema(
    tags=["annotations"],
    request={"application/json": BulkItemSerializer(many=True),
             "application/x-ndjson": BulkItemSerializer},
    parameters=[OpenApiParameter(
        "partial", bool, description="Store the valid items and report the others (default: none stored).",
    )],
    responses={
        201: OpenApiResponse(OpenApiTypes.OBJECT, description='{"ids": [...], "errors": [...]}'),
        400: OpenApiResponse(OpenApiTypes.ANY, description=(
            '[{"index", "errors"}] (nothing stored), or {"detail"} for a body that is no array.'
        )),
        401: OpenApiResponse(OpenApiTypes.OBJECT, description="Not authenticated."),
        403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed."),
        413: OpenApiResponse(OpenApiTypes.OBJECT, description=(
            "Body too large, more than 10,000 items, or more than 100,000 attributions and "
            "evidence items in all."
        )),
    },
)
class AnnotationBulkView(ApiView):
    """Create up to 10,000 draft annotations, as single creates would, in one request."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BulkJSONParser, JSONLinesParser]
    max_body_setting = "FACTCHECK_MAX_BULK_BODY_BYTES"  # factcheck.limits: bodies up to this size

    def check_permissions(self, request):
        super().check_permissions(request)
        if not rules.can_create(request.user):
            self.permission_denied(request, message=_("You may not create annotations."))

    def post(self, request):
        data = request.data
        if not isinstance(data, list):
            raise ParseError(_("Send a JSON array (or JSON Lines) of annotations."))
        if len(data) > services.MAX_ITEMS:
            raise TooManyItems(
                _("At most %(count)s annotations per request; got %(got)s.")
                % {"count": f"{services.MAX_ITEMS:,}", "got": f"{len(data):,}"}
            )
        children = child_count(data)
        if children > services.MAX_CHILDREN:
            raise TooManyItems(
                _(
                    "At most %(count)s attributions and evidence items per request; "
                    "got %(got)s. Send fewer annotations per request."
                )
                % {"count": f"{services.MAX_CHILDREN:,}", "got": f"{children:,}"}
            )
        items, rejected = validate_items(data)
        partial = request.query_params.get("partial", "").lower() in TRUE
        try:
            outcome = services.annotation_bulk_create(
                user=request.user, items=items, rejected=rejected, partial=partial
            )
        except services.BulkRejected as rejection:
            return Response(rejection.errors, status=status.HTTP_400_BAD_REQUEST)
        body = {"ids": outcome.ids}
        if partial:
            body["errors"] = outcome.errors
        return Response(body, status=status.HTTP_201_CREATED)
