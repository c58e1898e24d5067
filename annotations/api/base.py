"""The front door of /api/v1: what every endpoint shares.

- Ids in paths: the `id` path converter, registered here and used by every route of
  api/urls.py, so a path whose id can name no row matches no route (JSON 404 from
  factcheck.errors) and no view parses ids of its own.
- Bodies: factcheck.limits refuses a declared length above the limit the view declares
  (`max_body_setting`) before the view runs; the parsers here read no more than that limit.
- Error shapes and their documentation, the strict serializer, the schema class.
- The view bases: ApiView, ApiGenericView and ApiViewSet, one set of authentication,
  parsers, renderer (api/renderers.py) and schema.
"""

import functools
import json
import threading
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, generics, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.apikeys.authentication import ApiKeyAuthentication
from annotations.ingest.charsets import codec_for
from factcheck.limits import view_limit

from .renderers import JSONRenderer

# Ids and offsets are stored in bigint and integer columns; larger numbers name nothing
# and must not reach the database.
MAX_ID = 2**63 - 1
MAX_OFFSET = 2**31 - 1


# Ids in paths


class IdConverter:
    """A row id in a path: 1 to 19 ASCII digits naming at most MAX_ID (`<id:pk>`)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(f"{value} names no row.")  # Django then tries the next route: 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


# Error shapes


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        _('Send If-Match with the annotation\'s ETag (e.g. If-Match: "3") or "version" in the body.')
    )
    default_code = "precondition_required"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is larger than the configured maximum.")
    default_code = "payload_too_large"


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the stored data.")
    default_code = "conflict"


ErrorSerializer = inline_serializer("Error", {"detail": serializers.CharField()})

_DESCRIBED = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input, by field."),
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed."),
    404: OpenApiResponse(ErrorSerializer, description="Not found (or not visible)."),
    409: OpenApiResponse(ErrorSerializer, description="Refused to keep verified work."),
    413: OpenApiResponse(ErrorSerializer, description="Request body too large."),
    415: OpenApiResponse(ErrorSerializer, description="Send application/json."),
    428: OpenApiResponse(ErrorSerializer, description="If-Match (or version) missing."),
}
READ_ERRORS = (400, 401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404, 413, 415)
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER,
    description='The annotation\'s ETag, e.g. "3". Required unless the body carries version.',
)


def error_responses(*codes: int, **overrides) -> dict:
    """Return the documented error responses for the status codes; r<code>= replaces one."""
    return {code: overrides.get(f"r{code}") or _DESCRIBED[code] for code in codes}


# Request bodies


class StrictSerializer(serializers.Serializer):
    """A serializer that refuses fields it does not accept instead of ignoring them."""

    @functools.cached_property
    def accepted_fields(self) -> frozenset:
        return frozenset(name for name, field in self.fields.items() if not field.read_only)

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(name) for name in set(data) - self.accepted_fields)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field is not accepted here.")] for name in unknown}
                )
        return super().to_internal_value(data)


_serializers = threading.local()


def validated(serializer_class: type[serializers.Serializer], data) -> dict:
    """Return `data` validated by serializer_class, or raise its ValidationError as is_valid does.

    One instance per thread and class: building a serializer deep-copies every field, which
    costs more than validating a request's body, and run_validation keeps no state.
    """
    instances = _serializers.__dict__.setdefault("by_class", {})
    if serializer_class not in instances:
        instances[serializer_class] = serializer_class()
    return instances[serializer_class].run_validation(data)


def read_bounded(stream, parser_context) -> bytes:
    """Read the body, at most the limit the view declares (factcheck.limits), else 413.

    The middleware refused a larger declared length already; this bounds what is read
    whatever the stream holds.
    """
    limit = view_limit((parser_context or {}).get("view"))
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise PayloadTooLarge()
    return raw


def refuse_lone_surrogates(data):
    """Lone surrogates ("\\ud800") parse but cannot be stored: refuse them with a 400."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(_("JSON parse error - the body contains a lone surrogate.")) from None
    except RecursionError:
        raise ParseError(_("JSON parse error - nested too deeply.")) from None
    return data


class BoundedJSONParser(JSONParser):
    """Parse JSON of at most the view's body limit whose strings encode as UTF-8."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        raw = read_bounded(stream, parser_context)
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        # Python's codecs include transforms (base64, rot13, undefined…): text encodings only.
        codec = codec_for(encoding)
        if codec is None:
            raise ParseError(_("Unknown charset %(charset)s; send UTF-8.") % {"charset": repr(encoding)})
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The body is not valid %(charset)s: %(reason)s.")
                % {"charset": encoding, "reason": error.reason}
            ) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(_("JSON parse error - nested too deeply.")) from None
        except ValueError as error:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": error}) from None
        return refuse_lone_surrogates(data)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON.")


# Answers


def answered_before_commit():
    """Hold a write and the read of its answer in one transaction.

    A write whose answer is read after its commit could be stored and still answered with
    a 503, should the database go away in between; the client would then retry a write that
    took. Read inside the transaction, a failed read undoes the write.
    """
    return transaction.atomic()


def base_url(request) -> str:
    """Return scheme and host of the request, for the absolute URLs answers carry."""
    return request.build_absolute_uri("/").rstrip("/")


class StrictAutoSchema(AutoSchema):
    """Declare that request bodies take no fields beyond the documented ones (they are refused)."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(force_instance(serializer), StrictSerializer):
            schema["additionalProperties"] = False
        return schema


# View bases


class ApiView(APIView):
    """JSON only; token first, so anonymous writes are challenged with 401."""

    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [JSONRenderer]
    schema = StrictAutoSchema()

    def dispatch(self, request, *args, **kwargs):
        # DRF leaves the response on the view and, once rendered, in its own renderer
        # context: two cycles that kept a page's data (100,000 objects for 1,000
        # annotations) alive until the collector's next full pass, which then scanned them.
        response = super().dispatch(request, *args, **kwargs)
        del self.response
        if isinstance(response, Response):
            response.add_post_render_callback(forget_itself)
        return response


def forget_itself(response: Response) -> None:
    response.renderer_context.pop("response", None)


class ApiGenericView(ApiView, generics.GenericAPIView):
    """ApiView with DRF's queryset, filter and pagination plumbing."""


class ApiViewSet(ApiView, viewsets.GenericViewSet):
    """ApiView as a viewset; the router of api/urls.py writes its detail paths `<id:pk>`."""

    lookup_value_converter = "id"
