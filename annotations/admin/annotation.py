"""Annotations in admin: the list, the change page, the review actions and the review queue."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations import rules, selectors, services
from annotations.models import Annotation, Attribution, Evidence, ReviewState, Source
from annotations.templatetags.textguard import reveal_invisible

from .base import (
    REFUSED,
    ServiceAdmin,
    ServiceRefusal,
    copy_saved,
    refusal_errors,
    require_key,
)
from .forms import AnnotationAddForm, AnnotationChangeForm
from .review import ReviewAdmin, attributions_short, browser_url

ATTRIBUTION_FIELDS = ["source", "stance", "url", "date", "note"]
EVIDENCE_FIELDS = ["url", "title", "publisher", "published", "excerpt", "relation"]
STATE_COLOURS = {
    ReviewState.DRAFT: "#6b7280",
    ReviewState.IN_REVIEW: "#b45309",
    ReviewState.VERIFIED: "#15803d",
}


class StanceFilter(admin.SimpleListFilter):
    title = _("stance")
    parameter_name = "stance"

    def lookups(self, request, model_admin):
        return Attribution.Stance.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Exists(Attribution.objects.filter(annotation=OuterRef("pk"), stance=self.value()))
            )
        return queryset


class SourceKindFilter(admin.SimpleListFilter):
    title = _("source kind")
    parameter_name = "source_kind"

    def lookups(self, request, model_admin):
        return Source.Kind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Exists(
                    Attribution.objects.filter(
                        annotation=OuterRef("pk"), source__kind=self.value()
                    )
                )
            )
        return queryset


class AuthorFilter(admin.RelatedOnlyFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("author")


class ReviewerFilter(admin.RelatedOnlyFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("reviewer")


class _ChildInline(admin.TabularInline):
    """Children of an annotation: changeable exactly when the annotation is."""

    extra = 0
    # Compact rows: the change page already carries the claim, the review and the history.
    formfield_overrides = {
        models.URLField: {"widget": forms.URLInput(attrs={"size": 32}), "assume_scheme": "https"},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 28})},
    }

    def has_view_permission(self, request, obj=None):
        return rules.can_read_drafts(request.user)

    def has_add_permission(self, request, obj=None):
        return rules.can_edit(request.user, obj) if obj else rules.can_create(request.user)

    has_change_permission = has_add_permission
    has_delete_permission = has_add_permission


class AttributionInline(_ChildInline):
    model = Attribution
    fields = ATTRIBUTION_FIELDS
    autocomplete_fields = ["source"]


class EvidenceInline(_ChildInline):
    model = Evidence
    fields = EVIDENCE_FIELDS
    verbose_name_plural = _("evidence")


def _child_items(formset, fields: list[str]) -> list[dict]:
    """Return the rows a formset keeps, as the services take them (existing ones with id)."""
    items = []
    for form in formset.forms:
        if form.instance.pk is None and not form.has_changed():
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        item = {field: form.cleaned_data.get(field) for field in fields}
        for field in ("url", "title", "publisher", "excerpt", "note"):
            if field in item and item[field] is None:
                item[field] = ""
        if form.instance.pk is not None:
            item["id"] = form.instance.pk
        items.append(item)
    return items


def _record_formset_changes(formset) -> None:
    """Fill in what formset.save() would have, for the admin's change message."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.forms:
        if form.cleaned_data.get("DELETE") and form.instance.pk is not None:
            formset.deleted_objects.append(form.instance)
        elif form.instance.pk is None and form.has_changed():
            formset.new_objects.append(form.instance)
        elif form.has_changed():
            formset.changed_objects.append((form.instance, form.changed_data))


@admin.register(Annotation)
class AnnotationAdmin(ReviewAdmin, ServiceAdmin):
    list_display = [
        "id", "quote_excerpt", "article_title", "claim_excerpt", "rating", "state",
        "attributions_in_short", "author", "reviewer", "updated",
    ]
    list_display_links = ["id", "quote_excerpt"]
    list_filter = [
        "review_state", "rating", StanceFilter, SourceKindFilter,
        ("created_by", AuthorFilter), ("reviewed_by", ReviewerFilter), "updated_at",
    ]
    search_fields = [
        "quote", "claim", "rationale", "article__title", "attributions__source__name",
    ]
    ordering = ["-updated_at"]
    list_per_page = 50
    inlines = [AttributionInline, EvidenceInline]
    history_list_display = ["review_state", "version"]
    readonly_fields = [
        "article_link", "start", "end", "quote_in_browser", "state",
        "review_comment", "created_by", "reviewed_by", "reviewed_at", "version",
        "created_at", "updated_at", "recent_history",
    ]
    object_history_template = "admin/annotations/annotation/object_history.html"

    class Media:
        css = {"all": ["annotations/css/textguard.css"]}  # markers for invisible characters

    # Permissions: the same rules the services apply.

    def has_view_permission(self, request, obj=None):
        return rules.can_read_drafts(request.user)

    def has_add_permission(self, request):
        return rules.can_create(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return rules.can_create(request.user)
        return rules.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return rules.can_create(request.user)
        return rules.can_delete(request.user, obj)

    # Reads

    def get_queryset(self, request):
        return selectors.with_details(
            selectors.annotations_visible_to(request.user)
        ).select_related("article")

    def view_on_site(self, obj):
        return browser_url(obj)

    # The change page

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = AnnotationChangeForm if obj is not None else AnnotationAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (_("Span"), {"fields": ["article", ("start", "end"), "quote"]}),
                (_("Claim"), {"fields": ["claim", "rating", "rationale"]}),
            ]
        claim = ["claim", "rating", "rationale"]
        if self.has_change_permission(request, obj):
            claim.append("expected_version")
        return [
            (_("Span"), {
                "fields": ["article_link", ("start", "end"), "quote_in_browser"],
                "description": _("Offsets count Unicode code points into the article body; "
                                 "the span is changed in the annotation view, not here."),
            }),
            (_("Claim"), {"fields": claim}),
            (_("Review"), {"fields": [
                "state", "review_comment", ("created_by", "created_at"),
                ("reviewed_by", "reviewed_at"), ("version", "updated_at"),
            ]}),
            (_("History"), {"fields": ["recent_history"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    @admin.display(description=_("quote"), ordering="quote")
    def quote_excerpt(self, obj):
        return reveal_invisible(Truncator(obj.quote).chars(70))

    @admin.display(description=_("claim"), ordering="claim")
    def claim_excerpt(self, obj):
        return Truncator(obj.claim).chars(80)

    @admin.display(description=_("article"), ordering="article__title")
    def article_title(self, obj):
        return Truncator(obj.article.title).chars(32)

    @admin.display(description=_("review state"), ordering="review_state")
    def state(self, obj):
        return format_html(
            '<span class="review-state" style="color:#fff;background:{};padding:1px 6px;'
            'border-radius:8px;white-space:nowrap">{}</span>',
            STATE_COLOURS[obj.review_state], obj.get_review_state_display(),
        )

    @admin.display(description=_("author"), ordering="created_by__username")
    def author(self, obj):
        return obj.created_by

    @admin.display(description=_("reviewer"), ordering="reviewed_by__username")
    def reviewer(self, obj):
        return obj.reviewed_by

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return date_format(localtime(obj.updated_at), "Y-m-d H:i")

    @admin.display(description=_("attributions"))
    def attributions_in_short(self, obj):
        return attributions_short(obj)

    @admin.display(description=_("article"))
    def article_link(self, obj):
        url = reverse("admin:annotations_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    @admin.display(description=_("quote"))
    def quote_in_browser(self, obj):
        return format_html(
            '<blockquote style="margin:0 0 .5em;font-size:.9rem;max-width:60em">'
            "{}<mark>{}</mark>{}</blockquote>"
            '<a href="{}" class="open-in-browser">{}</a>',
            reveal_invisible(obj.prefix), reveal_invisible(obj.quote), reveal_invisible(obj.suffix),
            browser_url(obj), gettext("Open in the annotation view"),
        )

    @admin.display(description=_("recent changes"))
    def recent_history(self, obj):
        records = list(obj.history.select_related("history_user")[:10])
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    record.history_date.strftime("%Y-%m-%d %H:%M:%S"), record.history_user or "—",
                    record.history_change_reason or record.get_history_type_display(),
                    record.get_review_state_display(), record.version,
                )
                for record in records
            ),
        )
        url = reverse("admin:annotations_annotation_history", args=[obj.pk])
        return format_html(
            '<table class="recent-history"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">{}</a></p>',
            gettext("When"), gettext("Who"), gettext("What"), gettext("State"), gettext("Version"),
            rows, url, gettext("Full history, with attributions and evidence"),
        )

    # Writes: all through the services, in save_related where the inlines are at hand.

    def save_model(self, request, obj, form, change):
        """Write nothing yet: save_related sends the annotation and its inlines together."""

    def save_related(self, request, form, formsets, change):
        children = {
            "attributions": (formsets[0], ATTRIBUTION_FIELDS),
            "evidence": (formsets[1], EVIDENCE_FIELDS),
        }
        obj = form.instance
        try:
            if change:
                self._update(request, form, children)
            else:
                saved = services.annotation_create(
                    article=form.cleaned_data["article"], user=request.user,
                    start=form.cleaned_data.get("start"), end=form.cleaned_data.get("end"),
                    quote=form.cleaned_data["quote"], claim=form.cleaned_data["claim"],
                    rating=form.cleaned_data["rating"], rationale=form.cleaned_data["rationale"],
                    **{name: _child_items(fs, fields) for name, (fs, fields) in children.items()},
                )
                copy_saved(obj, saved)
        except REFUSED as error:
            version = form.cleaned_data.get("expected_version")
            raise ServiceRefusal(refusal_errors(error, version=version)) from error
        for formset, _fields in children.values():
            _record_formset_changes(formset)

    def _update(self, request, form, children) -> None:
        changes = {
            field: form.cleaned_data[field]
            for field in services.ANNOTATION_TEXT_FIELDS if field in form.changed_data
        }
        for name, (formset, fields) in children.items():
            if formset.has_changed():
                changes[name] = _child_items(formset, fields)
        if not changes:
            return
        was_verified = form.instance.review_state == ReviewState.VERIFIED
        saved = services.annotation_update(
            annotation=form.instance, user=request.user,
            version=form.cleaned_data["expected_version"], **changes,
        )
        copy_saved(form.instance, saved)
        if was_verified:
            self.message_user(
                request, gettext("It was verified; the edit sent it back to review."),
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        try:
            services.annotation_delete(annotation=obj, user=request.user, version=None)
        except REFUSED as error:
            raise ServiceRefusal(refusal_errors(error)) from error

    # History page: the annotation's records plus its attributions' and evidence's.

    def history_view(self, request, object_id, extra_context=None):
        require_key(self.model, object_id)  # before the children are looked up by it
        children = []
        for model, label in ((Attribution, gettext("attribution")), (Evidence, gettext("evidence"))):
            records = model.history.filter(annotation_id=object_id).select_related(
                "history_user"
            )[:200]
            children.extend((label, record) for record in records)
        children.sort(key=lambda item: item[1].history_date, reverse=True)
        return super().history_view(
            request, object_id, {**(extra_context or {}), "child_history": children}
        )
