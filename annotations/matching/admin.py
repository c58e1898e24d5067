"""Imported ClaimReviews in admin: search, filter, read, delete (imports go through the API or command)."""

import json

from django.contrib import admin
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations.jsonnest import deeper_than

from .claimreview import MAX_DEPTH
from .models import ClaimReviewFeed, ClaimReviewRecord
from .services import claimreviews_delete


@admin.register(ClaimReviewRecord)
class ClaimReviewRecordAdmin(admin.ModelAdmin):
    list_display = [
        "claim_reviewed_short", "rating_label", "author_name", "date_published", "language", "link",
    ]
    list_filter = ["author_name", "rating_label", "language", "date_published"]
    search_fields = ["claim_reviewed", "headline", "description", "url"]
    date_hierarchy = "date_published"
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [
        "url", "claim_reviewed", "headline", "description", "rating_label", "rating_value",
        "best_rating", "worst_rating", "author_name", "author_url", "date_published", "claim_author",
        "claim_date", "appearance", "language", "original_json", "imported_by", "created_at", "updated_at",
    ]
    exclude = ["original", "key"]

    def get_queryset(self, request):
        # The original is read as the stored text: a record nested too deeply to parse
        # (imports before depth was capped could store one) must still list and show.
        return super().get_queryset(request).defer("original").annotate(
            original_text=Cast("original", TextField())
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: a review is changed by importing it again.
        return False

    def delete_model(self, request, obj):
        claimreviews_delete(records=ClaimReviewRecord.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        claimreviews_delete(records=queryset)

    @admin.display(description=_("claim reviewed"), ordering="claim_reviewed")
    def claim_reviewed_short(self, obj):
        return obj.claim_reviewed[:120]

    @admin.display(description=_("review"))
    def link(self, obj):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, gettext("open"))

    @admin.display(description=_("original JSON-LD"))
    def original_json(self, obj):
        text = obj.original_text or ""
        if deeper_than(text, MAX_DEPTH):
            return format_html(
                "<p>{}</p><pre>{}</pre>",
                gettext("Nested deeper than %(depth)s levels: shown as stored.") % {"depth": MAX_DEPTH}, text,
            )
        return format_html("<pre>{}</pre>", json.dumps(json.loads(text), indent=2, ensure_ascii=False))


@admin.register(ClaimReviewFeed)
class ClaimReviewFeedAdmin(admin.ModelAdmin):
    """Followed feeds: when each last worked, its last error, and what its last import did."""

    list_display = ["name", "url", "interval", "last_success_at", "last_error_at", "short_error", "failures",
                    "last_created", "last_updated", "last_unchanged", "last_rejected", "total_created",
                    "next_fetch_at"]
    search_fields = ["name", "url"]
    readonly_fields = [
        "etag", "last_modified", "last_fetched_at", "last_success_at", "last_error", "last_error_at",
        "failures", "last_created", "last_updated", "last_unchanged", "last_rejected", "total_created",
        "created_by", "created_at",
    ]

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]
