"""REST API for attribution suggestions: list an article's suggestions, dismiss one."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations.models import Article, Attribution, Source
from annotations.suggestions import services

from .base import ApiView, ErrorSerializer, StrictSerializer

_span = {"start": serializers.IntegerField(), "end": serializers.IntegerField()}
SuggestionSerializer = inline_serializer("Suggestion", {
    **_span,
    "quote": serializers.CharField(),
    "cue": inline_serializer("SuggestionCue", {**_span, "text": serializers.CharField()}),
    "source": inline_serializer("SuggestionSource", {
        **_span, "text": serializers.CharField(), "name": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=Source.Kind.choices),
        "source_id": serializers.IntegerField(allow_null=True),
    }, allow_null=True),
    "stance": serializers.ChoiceField(choices=Attribution.Stance.choices),
    "direct": serializers.BooleanField(),
    "annotated": serializers.BooleanField(),
    "score": serializers.FloatField(),
})
SuggestionListSerializer = inline_serializer("SuggestionList", {
    "revision": serializers.IntegerField(),
    "results": SuggestionSerializer.__class__(many=True),
})


class DismissSerializer(StrictSerializer):
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    stance = serializers.ChoiceField(choices=Attribution.Stance.choices)
    source_name = serializers.CharField(
        max_length=200, allow_blank=True, required=False, default="",
        help_text="The suggestion's source.name (empty when it has no source).",
    )


class _SuggestionView(ApiView):
    permission_classes = [IsAuthenticated]

    def article(self, pk: int) -> Article:
        article = Article.objects.filter(pk=pk).only("id", "body", "body_sha256", "language").first()
        if article is None:
            raise NotFound(_("No such article."))
        return article


ARTICLE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The article's id.")
_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    404: OpenApiResponse(ErrorSerializer, description="No such article."),
}


class SuggestionListView(_SuggestionView):
    """Who said what in the article, found by the attribution finder, ready to accept."""

    @extend_schema(tags=["suggestions"], parameters=[ARTICLE_ID],
                   responses={200: SuggestionListSerializer, **_ERRORS})
    def get(self, request, pk):
        return Response(services.article_suggestions(article=self.article(pk), user=request.user))


class SuggestionDismissView(_SuggestionView):
    """Hide a suggestion of the article for every reviewer until the body changes."""

    @extend_schema(
        tags=["suggestions"], parameters=[ARTICLE_ID], request=DismissSerializer,
        responses={
            204: OpenApiResponse(description="Dismissed (or already dismissed)."),
            400: OpenApiResponse(description="Invalid input, or no such suggestion."),
            403: OpenApiResponse(ErrorSerializer, description="Not allowed."),
            **_ERRORS,
        },
    )
    def post(self, request, pk):
        article = self.article(pk)
        serializer = DismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.suggestion_dismiss(article=article, user=request.user, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
