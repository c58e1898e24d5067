"""REST API v1: articles, annotations (with review actions and history) and sources.

Each view parses input with a serializer, calls a service and presents the result;
reads come from the selectors.
"""

import re

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from annotations import rules, selectors, services
from annotations.models import Source
from annotations.publishing import selectors as publishing_selectors

from . import serializers as s
from .base import (
    IF_MATCH,
    READ_ERRORS,
    WRITE_ERRORS,
    ApiViewSet,
    PreconditionRequired,
    answered_before_commit,
    error_responses,
    validated,
)
from .claims import ClaimSerializer
from .errors import annotation_for, annotation_response, present_annotation
from .filters import AnnotationFilter, ArticleFilter, SourceFilter
from .history import annotation_history
from .permissions import AnnotationPermission, ArticlePermission, SourcePermission

ENTITY_TAG = re.compile(r'^"(0|[1-9]\d{0,9})"$')
STALE = OpenApiResponse(s.AnnotationSerializer, description="Stale version; the body is the current one.")


def _errors(*codes: int) -> dict:
    """The documented error responses; a 412 carries the annotation that won."""
    return error_responses(*codes, r412=STALE)


class ArticlePagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 100  # article bodies can be large


class AnnotationPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 1000


class SourcePagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100


@extend_schema_view(
    list=extend_schema(responses={200: s.ArticleSerializer(many=True), **_errors(*READ_ERRORS)}),
    retrieve=extend_schema(responses={200: s.ArticleSerializer, **_errors(*READ_ERRORS)}),
    create=extend_schema(
        request=s.ArticleWriteSerializer,
        responses={201: s.ArticleSerializer, **_errors(*WRITE_ERRORS)},
    ),
    partial_update=extend_schema(
        request=s.ArticleWriteSerializer,
        responses={200: s.ArticleSerializer, **_errors(*WRITE_ERRORS)},
    ),
    destroy=extend_schema(responses={204: None, **_errors(401, 403, 404, 409)}),
)
@extend_schema(tags=["articles"])
class ArticleViewSet(ApiViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """News articles; their normalized bodies are what annotation offsets point into."""

    serializer_class = s.ArticleSerializer
    pagination_class = ArticlePagination
    filterset_class = ArticleFilter
    permission_classes = [IsAuthenticatedOrReadOnly, ArticlePermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.article_list(user=self.request.user)

    def _present(self, article, status_code=status.HTTP_200_OK):
        article = self.get_queryset().get(pk=article.pk)
        return Response(s.ArticleSerializer(article).data, status=status_code)

    def create(self, request):
        serializer = s.ArticleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with answered_before_commit():
            article = services.article_create(user=request.user, **serializer.validated_data)
            return self._present(article, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        article = self.get_object()
        serializer = s.ArticleWriteSerializer(article, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with answered_before_commit():
            article = services.article_update(
                article=article, user=request.user, **serializer.validated_data
            )
            return self._present(article)

    def destroy(self, request, pk=None):
        services.article_delete(article=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _requested_version(request, annotation, body_version: int | None) -> int | None:
    """Return the version the client bases its write on: If-Match and/or the body's version.

    `If-Match: *` is refused (a write must name the version its author saw); a header and
    a body version that disagree are refused; "006" names no version (versions are
    written without leading zeros), so it never matches.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return body_version
    tags = [tag.strip() for tag in header.split(",")]
    if "*" in tags:
        raise ValidationError(
            {"If-Match": [_('"*" is not accepted: send the ETag of the version you saw, e.g. "3".')]}
        )
    versions = [int(match[1]) for tag in tags if (match := ENTITY_TAG.match(tag))]
    if body_version is not None and body_version not in versions:
        raise ValidationError(
            {
                "version": [
                    _("The body's version %(version)s disagrees with If-Match %(header)s.")
                    % {"version": body_version, "header": header}
                ]
            }
        )
    if annotation.version in versions:
        return annotation.version
    # A tag that names no version (weak or malformed) never matches: 412.
    return versions[0] if versions else -1


def _annotation_docs(request=None, code=200, errors=WRITE_ERRORS, parameters=(), **overrides):
    return extend_schema(
        request=request,
        parameters=list(parameters),
        responses={
            code: s.AnnotationSerializer,
            **error_responses(*errors, r412=STALE, **overrides),
        },
    )


@extend_schema_view(
    list=extend_schema(responses={200: s.AnnotationSerializer(many=True), **_errors(*READ_ERRORS)}),
    retrieve=_annotation_docs(errors=READ_ERRORS),
    create=_annotation_docs(s.AnnotationCreateSerializer, 201),
    update=_annotation_docs(
        s.AnnotationUpdateSerializer, errors=(*WRITE_ERRORS, 412, 428), parameters=[IF_MATCH]
    ),
    partial_update=_annotation_docs(
        s.AnnotationUpdateSerializer, errors=(*WRITE_ERRORS, 412, 428), parameters=[IF_MATCH]
    ),
    destroy=extend_schema(
        request=None, parameters=[IF_MATCH],
        responses={204: None, **_errors(400, 401, 403, 404, 412, 413, 415, 428)},
    ),
    submit=_annotation_docs(
        s.ReviewActionSerializer, errors=(*WRITE_ERRORS, 412, 428), parameters=[IF_MATCH]
    ),
    verify=_annotation_docs(
        s.ReviewActionSerializer, errors=(*WRITE_ERRORS, 412, 428), parameters=[IF_MATCH]
    ),
    return_annotation=_annotation_docs(
        s.ReturnActionSerializer, errors=(*WRITE_ERRORS, 412, 428), parameters=[IF_MATCH]
    ),
    history=extend_schema(
        responses={200: s.HistoryEntrySerializer(many=True), **_errors(*READ_ERRORS)}
    ),
    published=extend_schema(responses={200: ClaimSerializer, **_errors(*READ_ERRORS)}),
)
@extend_schema(tags=["annotations"])
class AnnotationViewSet(ApiViewSet):
    """Claim annotations: spans of an article with attributions, rating and review."""

    serializer_class = s.AnnotationSerializer
    filterset_class = AnnotationFilter
    pagination_class = AnnotationPagination
    permission_classes = [IsAuthenticatedOrReadOnly, AnnotationPermission]

    def get_queryset(self):
        return selectors.annotations_visible_to(self.request.user)

    def list(self, request):
        page = selectors.load_details(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response([annotation_for(annotation, request.user) for annotation in page])

    def retrieve(self, request, pk=None):
        (annotation,) = selectors.load_details([self.get_object()])
        return present_annotation(annotation, user=request.user)

    def create(self, request):
        annotation = services.annotation_create(
            user=request.user, **validated(s.AnnotationCreateSerializer, request.data)
        )
        response = present_annotation(annotation, user=request.user, status_code=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{annotation.pk}/")
        return response

    def update(self, request, pk=None, partial=False):
        annotation = self.get_object()
        serializer = s.AnnotationUpdateSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = _requested_version(request, annotation, changes.pop("version", None))
        if version is None:
            raise PreconditionRequired()
        with answered_before_commit():
            services.annotation_update(annotation=annotation, user=request.user, version=version, **changes)
            return annotation_response(annotation.pk, user=request.user)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def destroy(self, request, pk=None):
        annotation = self.get_object()
        body_version = None
        if request.data:
            serializer = s.ReviewActionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            body_version = serializer.validated_data.get("version")
        version = _requested_version(request, annotation, body_version)
        if version is None:
            raise PreconditionRequired()
        services.annotation_delete(annotation=annotation, user=request.user, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _review(self, request, service, serializer_class, extra):
        annotation = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # A decision is about the version the reviewer saw, as an edit is.
        version = _requested_version(request, annotation, data.pop("version", None))
        if version is None:
            raise PreconditionRequired()
        with answered_before_commit():
            service(annotation=annotation, user=request.user, version=version, **extra(data))
            return annotation_response(annotation.pk, user=request.user)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft to review (it needs a claim and a rating)."""
        return self._review(request, services.review_submit, s.ReviewActionSerializer,
                            extra=lambda data: {})

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Verify an annotation in review: an editor other than its author."""
        return self._review(request, services.review_verify, s.ReviewActionSerializer,
                            extra=lambda data: {"comment": data.get("comment", "")})

    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_annotation(self, request, pk=None):
        """Send an annotation in review back to its author as a draft, saying why."""
        return self._review(request, services.review_return, s.ReturnActionSerializer,
                            extra=lambda data: {"comment": data["comment"]})

    @action(detail=True, methods=["get"], pagination_class=None)  # the whole history, unpaginated
    def history(self, request, pk=None):
        """Every recorded change of the annotation, its attributions and its evidence."""
        annotation = self.get_object()
        return Response(annotation_history(annotation.pk))

    @action(detail=True, methods=["get"], pagination_class=None)
    def published(self, request, pk=None):
        """The version of the claim the public reads now, as /api/v1/claims/ shows it: what a
        correction under review would replace. 404 if it was never published. Staff only."""
        if not rules.can_read_drafts(request.user):
            raise PermissionDenied(_("Only fact-checkers compare a claim with its published version."))
        annotation = self.get_object()
        public = publishing_selectors.published_version(annotation.pk)
        if public is None:
            raise NotFound(_("This annotation has not been published."))
        return Response(public)


@extend_schema_view(
    list=extend_schema(responses={200: s.SourceSerializer(many=True), **_errors(*READ_ERRORS)}),
    retrieve=extend_schema(responses={200: s.SourceSerializer, **_errors(*READ_ERRORS)}),
    create=extend_schema(
        request=s.SourceWriteSerializer, responses={201: s.SourceSerializer, **_errors(*WRITE_ERRORS)}
    ),
    partial_update=extend_schema(
        request=s.SourceWriteSerializer, responses={200: s.SourceSerializer, **_errors(*WRITE_ERRORS)}
    ),
)
@extend_schema(tags=["sources"])
class SourceViewSet(ApiViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Parties that make, report, confirm or deny claims; ?search= for autocomplete."""

    serializer_class = s.SourceSerializer
    filterset_class = SourceFilter
    pagination_class = SourcePagination
    permission_classes = [IsAuthenticated, SourcePermission]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Source.objects.all()

    def create(self, request):
        serializer = s.SourceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = services.source_create(user=request.user, **serializer.validated_data)
        return Response(s.SourceSerializer(source).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        source = self.get_object()
        serializer = s.SourceWriteSerializer(source, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        source = services.source_update(source=source, user=request.user, **serializer.validated_data)
        return Response(s.SourceSerializer(source).data)
