"""REST API for alerts: what the watch found, for fact-checkers."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated

from annotations import rules
from annotations.alerts import presenters, selectors
from annotations.alerts.models import Alert

from .base import ApiGenericView, base_url, error_responses


class AlertSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Alert.Kind.choices)
    state = serializers.ChoiceField(choices=Alert.State.choices)
    summary = serializers.CharField()
    article = serializers.DictField(allow_null=True)
    revision = serializers.IntegerField(allow_null=True)
    edited_at = serializers.DateTimeField(allow_null=True)
    changes = serializers.ListField(
        child=serializers.DictField(),
        help_text="Each checked passage the change touched: annotation, claim, outcome (moved, fuzzy, "
                  "orphaned), quote and context before and after, their word diff, a link to it.",
    )
    created_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolved_by = serializers.CharField(allow_null=True)


class AlertList(ApiGenericView):
    """Alerts, newest first (fact-checkers only); filter by kind and state."""

    permission_classes = [IsAuthenticated]
    pagination_class = LimitOffsetPagination
    queryset = Alert.objects.none()  # for the schema: the alerts a user reads come from the selector

    @extend_schema(
        tags=["alerts"],
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Alert.Kind.values),
            OpenApiParameter("state", OpenApiTypes.STR, enum=Alert.State.values),
        ],
        responses={200: AlertSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request):
        if not rules.can_read_drafts(request.user):
            raise exceptions.PermissionDenied(_("Only fact-checkers read alerts."))
        kind, state = request.query_params.get("kind", ""), request.query_params.get("state", "")
        if kind and kind not in Alert.Kind.values:
            choices = ", ".join(Alert.Kind.values)
            raise exceptions.ValidationError({"kind": [_("One of: %(choices)s.") % {"choices": choices}]})
        if state and state not in Alert.State.values:
            choices = ", ".join(Alert.State.values)
            raise exceptions.ValidationError({"state": [_("One of: %(choices)s.") % {"choices": choices}]})
        page = self.paginate_queryset(selectors.alert_list(user=request.user, kind=kind, state=state))
        base = base_url(request)
        return self.get_paginated_response([presenters.alert_dict(alert, base=base) for alert in page])
