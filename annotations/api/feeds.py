"""REST API for followed ClaimReview feeds: list them, follow one (Editor/Admin)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations import rules
from annotations.matching import feeds
from annotations.matching.models import ClaimReviewFeed
from annotations.presenters import iso

from .base import ApiView, StrictSerializer, error_responses


class FeedRequestSerializer(StrictSerializer):
    url = serializers.CharField(max_length=1000, help_text="The ClaimReview DataFeed (JSON or JSON Lines).")
    name = serializers.CharField(max_length=200)
    interval = serializers.IntegerField(
        default=3600, help_text=f"Seconds between fetches ({feeds.MIN_INTERVAL} to {feeds.MAX_INTERVAL}).",
    )


class FeedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()
    interval = serializers.IntegerField()
    next_fetch_at = serializers.DateTimeField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField()
    last_error_at = serializers.DateTimeField(allow_null=True)
    last_import = serializers.DictField(help_text="created, updated, unchanged, rejected in the last import.")
    total_created = serializers.IntegerField()


def feed_dict(feed: ClaimReviewFeed) -> dict:
    return {
        "id": feed.pk, "name": feed.name, "url": feed.url, "interval": feed.interval,
        "next_fetch_at": iso(feed.next_fetch_at), "last_success_at": iso(feed.last_success_at),
        "last_error": feed.last_error, "last_error_at": iso(feed.last_error_at),
        "last_import": {"created": feed.last_created, "updated": feed.last_updated,
                        "unchanged": feed.last_unchanged, "rejected": feed.last_rejected},
        "total_created": feed.total_created,
    }


class FeedList(ApiView):
    """Other fact-checkers' feeds we follow (fact-checkers read them; editors and admins add one)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["claimreviews"],
                   responses={200: FeedSerializer(many=True), **error_responses(401, 403)})
    def get(self, request):
        if not rules.can_read_drafts(request.user):
            raise exceptions.PermissionDenied(_("Only fact-checkers read the followed feeds."))
        return Response([feed_dict(feed) for feed in ClaimReviewFeed.objects.order_by("name", "id")])

    @extend_schema(tags=["claimreviews"], request=FeedRequestSerializer,
                   responses={201: FeedSerializer, **error_responses(400, 401, 403, 413, 415)})
    def post(self, request):
        serializer = FeedRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            feed = feeds.feed_create(user=request.user, **serializer.validated_data)
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except ValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from None
        return Response(feed_dict(feed), status=status.HTTP_201_CREATED)
