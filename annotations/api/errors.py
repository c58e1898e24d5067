"""Turn the domain's exceptions into API responses, so no input ends in a 500."""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from annotations import presenters, rules, selectors, services
from annotations.models import Annotation

from .base import ConflictError, PayloadTooLarge


def etag(annotation: Annotation) -> str:
    return f'"{annotation.version}"'


def annotation_response(annotation_id: int, *, user, status_code: int = status.HTTP_200_OK) -> Response:
    """Return the stored annotation as the API shows it to `user`, with its ETag."""
    (annotation,) = selectors.load_details([Annotation.objects.get(pk=annotation_id)])
    return present_annotation(annotation, user=user, status_code=status_code)


def annotation_for(annotation: Annotation, user) -> dict:
    """Return the annotation as `user` reads it: usernames for staff only, and whether they
    may verify or return it now (so that clients need not restate the four-eyes rule)."""
    return {
        **presenters.annotation_dict(annotation, people=rules.can_read_drafts(user)),
        "may_review": rules.can_review(user, annotation),
    }


def present_annotation(annotation: Annotation, *, user, status_code: int = status.HTTP_200_OK) -> Response:
    """Return an annotation, its attributions and evidence already loaded, with its ETag."""
    return Response(
        annotation_for(annotation, user), status=status_code, headers={"ETag": etag(annotation)},
    )


def exception_handler(exc, context):
    """Map ValidationError 400, PermissionDenied 403, Conflict 409, StaleVersion 412, too big 413."""
    if isinstance(exc, services.StaleVersion):
        # The caller gets the representation that won, to merge or re-apply its change.
        return annotation_response(
            exc.current.pk, user=context["request"].user, status_code=status.HTTP_412_PRECONDITION_FAILED
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, services.Conflict):
        exc = ConflictError(str(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, IntegrityError):
        # Validation ran before the write, so only a concurrent write gets here.
        exc = ConflictError(_("A concurrent change conflicts with this one; reload and retry."))
    return drf_exception_handler(exc, context)
