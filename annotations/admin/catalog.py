"""Articles and sources in admin: counts, links, and writes through the services."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from annotations import anchoring, rules, selectors, services
from annotations.ingest.admin import ArticleRevisionInline
from annotations.models import Article, Source

from .base import REFUSED, ServiceAdmin, ServiceRefusal, copy_saved, refusal_errors, refusal_message
from .forms import MergeSourcesForm, SourceAdminForm


def _changed(form, fields) -> dict:
    return {field: form.cleaned_data[field] for field in fields if field in form.changed_data}


@admin.register(Article)
class ArticleAdmin(ServiceAdmin):
    list_display = [
        "title", "publisher", "published_at", "draft_count", "in_review_count",
        "verified_count", "annotation_view",
    ]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter), "published_at"]
    search_fields = ["title", "url", "byline", "publisher__name"]
    list_select_related = ["publisher"]
    autocomplete_fields = ["publisher"]
    fields = [
        "title", "url", "publisher", "byline", "published_at", "language", "body",
        "annotation_counts", "body_sha256", "created_by", "created_at", "updated_at",
    ]
    readonly_fields = [
        "annotation_counts", "body_sha256", "created_by", "created_at", "updated_at",
    ]
    inlines = [ArticleRevisionInline]

    def get_queryset(self, request):
        return selectors.article_list(user=request.user)

    def has_add_permission(self, request):
        return rules.can_manage_articles(request.user)

    def view_on_site(self, obj):
        return reverse("article-detail", args=[obj.pk])

    @admin.display(description=_("drafts"), ordering="draft_count")
    def draft_count(self, obj):
        return obj.draft_count

    @admin.display(description=pgettext_lazy("annotation count", "in review"), ordering="in_review_count")
    def in_review_count(self, obj):
        return obj.in_review_count

    @admin.display(description=pgettext_lazy("annotation count", "verified"), ordering="verified_count")
    def verified_count(self, obj):
        return obj.verified_count

    @admin.display(description=_("annotations"))
    def annotation_view(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("article-detail", args=[obj.pk]), pgettext("link", "Open")
        )

    @admin.display(description=_("annotations by state"))
    def annotation_counts(self, obj):
        if obj.pk is None:
            return "—"
        changelist = reverse("admin:annotations_annotation_changelist")
        counts = (
            ("draft", gettext("Drafts"), obj.draft_count),
            ("in_review", gettext("In review"), obj.in_review_count),
            ("verified", gettext("Verified"), obj.verified_count),
        )
        return format_html_join(
            " · ", '<a href="{}?article__id__exact={}&amp;review_state__exact={}">{}: {}</a>',
            ((changelist, obj.pk, state, label, count) for state, label, count in counts),
        )

    def save_model(self, request, obj, form, change):
        try:
            if change:
                changes = _changed(form, services.ARTICLE_FIELDS)
                if "body" in changes and (
                    anchoring.normalize_body(changes["body"]) == form.initial.get("body")
                ):
                    del changes["body"]  # only line endings differ
                if changes:
                    copy_saved(obj, services.article_update(article=obj, user=request.user, **changes))
            else:
                fields = {field: form.cleaned_data[field] for field in services.ARTICLE_FIELDS}
                copy_saved(obj, services.article_create(user=request.user, **fields))
        except REFUSED as error:
            raise ServiceRefusal(refusal_errors(error)) from error

    def delete_model(self, request, obj):
        try:
            services.article_delete(article=obj, user=request.user)
        except REFUSED as error:
            raise ServiceRefusal(refusal_errors(error)) from error


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    list_display = ["name", "kind", "attribution_count", "article_count", "url"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "url", "same_as"]
    form = SourceAdminForm
    fields = ["name", "kind", "url", "same_as", "description", "aliases", "usage"]
    readonly_fields = ["usage"]
    actions = ["merge"]
    source_fields = ("name", "kind", "url", "same_as", "description", "aliases")

    def get_fields(self, request, obj=None):
        # Asked only when adding: "Did you mean" is about not making a second source.
        return [*self.fields, "create_anyway"] if obj is None else self.fields

    def get_queryset(self, request):
        # Counting makes a GROUP BY, which drops Meta.ordering: the autocomplete pages need one.
        return selectors.source_list().order_by("name", "id")

    @admin.display(description=_("attributions"), ordering="attribution_count")
    def attribution_count(self, obj):
        return obj.attribution_count

    @admin.display(description=_("articles published"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description=_("used by"))
    def usage(self, obj):
        if obj.pk is None:
            return "—"
        annotations = reverse("admin:annotations_annotation_changelist")
        articles = reverse("admin:annotations_article_changelist")
        attributions = ngettext(
            "%(count)s attribution", "%(count)s attributions", obj.attribution_count
        ) % {"count": obj.attribution_count}
        published = ngettext(
            "%(count)s article published", "%(count)s articles published", obj.article_count
        ) % {"count": obj.article_count}
        return format_html(
            '<a href="{}?q={}">{}</a> · <a href="{}?publisher__id__exact={}">{}</a>',
            annotations, obj.name, attributions, articles, obj.pk, published,
        )

    def save_model(self, request, obj, form, change):
        try:
            if change:
                changes = _changed(form, self.source_fields)
                if changes:
                    copy_saved(obj, services.source_update(source=obj, user=request.user, **changes))
            else:
                fields = {field: form.cleaned_data[field] for field in self.source_fields}
                copy_saved(obj, services.source_create(user=request.user, **fields))
        except REFUSED as error:
            raise ServiceRefusal(refusal_errors(error)) from error

    def delete_model(self, request, obj):
        try:
            services.source_delete(source=obj, user=request.user)
        except REFUSED as error:
            raise ServiceRefusal(refusal_errors(error)) from error

    # A merge deletes the duplicates, so it asks for what deleting a source asks for.
    @admin.action(description=_("Merge duplicates into one source…"), permissions=["delete"])
    def merge(self, request, queryset):
        sources = queryset.order_by("name", "pk")
        if len(sources) < 2:
            self.message_user(
                request, gettext("Select two or more sources to merge."), messages.WARNING
            )
            return None
        form = MergeSourcesForm(request.POST if "apply" in request.POST else None, sources=sources)
        if form.is_valid():
            into = form.cleaned_data["into"]
            merged = []
            for duplicate in sources:
                if duplicate.pk == into.pk:
                    continue
                name = duplicate.name
                try:
                    services.source_merge(duplicate=duplicate, into=into, user=request.user)
                except REFUSED as error:
                    self.message_user(
                        request,
                        gettext("%(source)s was not merged: %(reason)s")
                        % {"source": name, "reason": refusal_message(error)},
                        messages.ERROR,
                    )
                else:
                    merged.append(name)
            if merged:
                names = ", ".join(merged)
                # The log entry is stored: it stays in English, as every stored record does.
                self.log_change(request, into, f"Merged {names} into {into.name}")
                self.message_user(
                    request,
                    gettext("Merged %(sources)s into %(source)s.") % {"sources": names, "source": into.name},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Merge sources"),
            "opts": self.opts,
            "sources": sources,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "merge",
            "media": self.media,
        }
        return TemplateResponse(request, "admin/annotations/source/merge.html", context)
