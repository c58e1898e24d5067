"""The published claims as a read-only W3C Web Annotation Protocol container."""

import hashlib
import json

from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from annotations.exports import w3c
from annotations.publishing import selectors as published

from .base import ApiGenericView, base_url
from .claims import CLAIM_ID, ERRORS, NO_SUCH_PATH, FixedRendererNegotiation
from .filters import PublishedClaimFilter
from .renderers import JSONRenderer

RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
CONTAINER_LINK = (
    '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
W3C_RESPONSE = {
    (200, "application/ld+json"): OpenApiResponse(
        OpenApiTypes.OBJECT, description="JSON-LD in the Web Annotation profile."
    ),
    **{(code, "application/ld+json"): response for code, response in ERRORS.items()},
}


class AnnotationRenderer(JSONRenderer):
    media_type = w3c.MEDIA_TYPE
    format = "jsonld"


def _entity_tag(data) -> str:
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return f'"{hashlib.sha256(payload).hexdigest()[:32]}"'


class W3CView(ApiGenericView):
    permission_classes = [AllowAny]
    renderer_classes = [AnnotationRenderer]
    content_negotiation_class = FixedRendererNegotiation
    filterset_class = PublishedClaimFilter
    link = None

    def get_queryset(self):
        return published.published_claims()

    def respond(self, request, data) -> Response:
        """Answer with the data, or 304 if the client holds this version already."""
        etag = _entity_tag(data)
        matches = request.headers.get("If-None-Match", "")
        fresh = etag in [tag.strip() for tag in matches.split(",")] or matches.strip() == "*"
        response = Response(None if fresh else data, status=304 if fresh else 200)
        response["ETag"] = etag
        if self.link:
            response["Link"] = self.link
        patch_vary_headers(response, ["Accept"])
        return response


class AnnotationContainer(W3CView):
    """Return the verified claims as an AnnotationCollection, or one of its AnnotationPages."""

    link = CONTAINER_LINK

    @extend_schema(
        tags=["w3c"],
        operation_id="w3c_annotation_collection",
        filters=True,
        parameters=[
            OpenApiParameter(
                "page", int,
                description="0-based page number: that AnnotationPage instead of the collection.",
            ),
        ],
        responses=W3C_RESPONSE,
    )
    def get(self, request):
        claims = self.filter_queryset(self.get_queryset()).order_by("pk")
        query = request.query_params.copy()
        page_param = query.pop("page", None)
        base = base_url(request)
        collection_id = request.build_absolute_uri(request.path)
        if query:
            collection_id += "?" + query.urlencode()
        separator = "&" if query else "?"

        def page_id(number: int) -> str:
            return f"{collection_id}{separator}page={number}"

        total = claims.count()
        last = max(0, (total - 1) // w3c.PAGE_SIZE)
        if page_param is None:
            number, embedded = 0, True
        else:
            try:
                number = int(page_param[-1])
            except ValueError:
                raise ValidationError({"page": [_("A page number is a whole number.")]}) from None
            if number < 0 or number > last or total == 0:
                raise NotFound(
                    _("There is no page %(page)s; pages run from 0 to %(last)s.")
                    % {"page": page_param[-1], "last": last}
                )
            embedded = False
        start = number * w3c.PAGE_SIZE
        page = None
        if total:
            items = [c.public for c in claims[start : start + w3c.PAGE_SIZE]]
            page = w3c.page(
                items, base, page_id=page_id(number), collection_id=collection_id, total=total,
                start_index=start, embedded=embedded,
                next_id=page_id(number + 1) if number < last else None,
                prev_id=page_id(number - 1) if number > 0 else None,
            )
        if not embedded:
            return self.respond(request, page)
        return self.respond(
            request,
            w3c.collection(
                collection_id=collection_id, total=total, first=page,
                last_id=page_id(last) if total else None,
            ),
        )


class AnnotationDetail(W3CView):
    """Return one verified claim as a W3C Web Annotation."""

    filterset_class = None
    link = RESOURCE_LINK

    @extend_schema(
        tags=["w3c"], operation_id="w3c_annotation_retrieve", parameters=[CLAIM_ID],
        responses={**W3C_RESPONSE, **NO_SUCH_PATH},
    )
    def get(self, request, pk):
        claim = get_object_or_404(self.get_queryset(), pk=pk)
        return self.respond(request, w3c.annotation(claim.public, base_url(request)))
