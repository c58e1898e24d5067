"""A JSON parser that refuses oversized, undecodable or unstorable bodies with a 4xx."""

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from annotations.ingest.charsets import codec_for

from .errors import PayloadTooLarge


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


class BoundedJSONParser(JSONParser):
    """Parse JSON of at most FACTCHECK_MAX_BODY_BYTES whose strings encode as UTF-8."""

    limit_setting = "FACTCHECK_MAX_BODY_BYTES"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = getattr(settings, self.limit_setting)
        request = parser_context.get("request")
        # DRF reads the stream itself, bypassing Django's DATA_UPLOAD_MAX_MEMORY_SIZE check.
        if request is not None and declared_length(request) > limit:
            raise PayloadTooLarge()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge()
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        # Python's codecs include transforms (base64, rot13, undefined…): text encodings only.
        codec = codec_for(encoding)
        if codec is None:
            raise ParseError(f"Unknown charset {encoding!r}; send UTF-8.")
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            raise ParseError(f"The body is not valid {encoding}: {error.reason}.") from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        try:
            # Lone surrogates ("\ud800") parse but cannot be stored.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("JSON parse error - the body contains a lone surrogate.") from None
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        return data


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON.")
