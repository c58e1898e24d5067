"""Users in admin: roles, deactivation, API tokens, and what each user has annotated."""

from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue, api_key_revoke
from annotations.models import Annotation, ReviewState
from annotations.publishing.admin import PublicProfileInline

from .base import BoundedSearchMixin

User = get_user_model()

# New keys wait here between the POST that issues them and the one page load that shows
# them (post/redirect/get): a reload then shows nothing and issues nothing.
KEYS_TO_SHOW = "api_keys_to_show"


def keep_to_show(request, issued: list[tuple[int, str]]) -> None:
    waiting = request.session.get(KEYS_TO_SHOW, {})
    waiting.update({str(user_id): key for user_id, key in issued})
    request.session[KEYS_TO_SHOW] = waiting


def take_to_show(request, user_ids=None) -> dict[int, str]:
    """Remove and return the keys waiting to be shown (for user_ids, or all)."""
    waiting = request.session.get(KEYS_TO_SHOW, {})
    taken = {
        int(user_id): waiting.pop(user_id) for user_id in list(waiting)
        if user_ids is None or int(user_id) in user_ids
    }
    if taken:
        request.session[KEYS_TO_SHOW] = waiting
    return taken


admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(BoundedSearchMixin, UserAdmin):
    """Reviewers and editors: their roles, their access, and their work."""

    def get_inlines(self, request, obj):
        # The public credit is set on an existing user's page, not while adding one.
        return [PublicProfileInline] if obj else []

    list_display = [
        "username", "email", "roles", "is_active", "is_staff", "has_api_token", "last_login",
    ]
    fieldsets = (
        UserAdmin.fieldsets[0],
        (_("Fact-checking"), {"fields": ["annotation_counts", "api_token"]}),
        *UserAdmin.fieldsets[1:],
    )
    add_fieldsets = (
        (None, {
            "classes": ["wide"],
            "fields": [
                "username", "email", "usable_password", "password1", "password2",
                "is_staff", "groups",
            ],
            "description": _("Reviewers and editors need “Staff status” to use this site. "
                             "Choose Reviewer or Editor as their group."),
        }),
    )
    readonly_fields = ["annotation_counts", "api_token"]
    actions = ["issue_api_tokens", "revoke_api_tokens", "deactivate", "unlock_login"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("api_key").prefetch_related("groups")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deactivate instead; their history stays theirs
        return actions

    @admin.display(description=_("groups"))
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all()) or "—"

    @admin.display(description=_("API token"), boolean=True)
    def has_api_token(self, obj):
        return hasattr(obj, "api_key")

    @admin.display(description=_("annotations by state"))
    def annotation_counts(self, obj):
        if obj.pk is None:
            return "—"
        counts = dict(
            Annotation.objects.filter(created_by=obj).order_by()
            .values_list("review_state").annotate(count=Count("id"))
        )
        reviewed = Annotation.objects.filter(reviewed_by=obj).count()
        changelist = reverse("admin:annotations_annotation_changelist")
        by_state = format_html_join(
            " · ", '<a href="{}?created_by__id__exact={}&amp;review_state__exact={}">{}: {}</a>',
            (
                (changelist, obj.pk, state.value, state.label, counts.get(state.value, 0))
                for state in ReviewState
            ),
        )
        return format_html(
            '{} · <a href="{}?reviewed_by__id__exact={}">{}</a>',
            by_state, changelist, obj.pk,
            gettext("reviewed by them: %(count)s") % {"count": reviewed},
        )

    @admin.display(description=_("API token"))
    def api_token(self, obj):
        token = ApiKey.objects.filter(user=obj).first() if obj.pk else None
        status = (
            gettext("issued %(when)s UTC, starts %(prefix)s…") % {
                "when": token.created.strftime("%Y-%m-%d %H:%M"), "prefix": token.prefix,
            }
            if token else gettext("none")
        )
        if obj.pk is None:
            return status
        url = reverse("admin:auth_user_api_token", args=[obj.pk])
        return format_html('{} — <a href="{}">{}</a>', status, url, gettext("issue or revoke"))

    # API tokens from the user's page

    def get_urls(self):
        urls = [
            path(
                "<int:user_id>/api-token/", self.admin_site.admin_view(self.api_token_view),
                name="auth_user_api_token",
            ),
            path(
                "api-tokens-issued/", self.admin_site.admin_view(self.api_tokens_issued_view),
                name="auth_user_api_tokens_issued",
            ),
        ]
        return [*urls, *super().get_urls()]

    def api_token_view(self, request, user_id):
        """Show a user's token status and, once, a key just issued; issue or revoke on POST."""
        holder = get_object_or_404(User, pk=user_id)
        if not self.has_change_permission(request, holder):
            raise PermissionDenied
        change_url = reverse("admin:auth_user_change", args=[holder.pk])
        if request.method == "POST":
            if "issue" in request.POST:
                _issued, key = api_key_issue(user=holder)
                keep_to_show(request, [(holder.pk, key)])
                self.log_change(request, holder, "Issued an API token.")
                return HttpResponseRedirect(request.path)
            if "revoke" in request.POST:
                if api_key_revoke(user=holder):
                    self.log_change(request, holder, "Revoked the API token.")
                    self.message_user(
                        request, gettext("%(user)s's API token is revoked.") % {"user": holder},
                        messages.SUCCESS,
                    )
                else:
                    self.message_user(
                        request, gettext("%(user)s had no API token.") % {"user": holder},
                        messages.WARNING,
                    )
                return HttpResponseRedirect(change_url)
            raise Http404("Unknown token operation.")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("API token for %(user)s") % {"user": holder},
            "opts": self.opts,
            "original": holder,
            "holder": holder,
            "token": ApiKey.objects.filter(user=holder).first(),
            "new_key": take_to_show(request, {holder.pk}).get(holder.pk),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/auth/user/api_token.html", context)

    def api_tokens_issued_view(self, request):
        """Show, once, the keys the bulk action just issued."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        keys = take_to_show(request)
        holders = User.objects.in_bulk(list(keys))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("New API tokens"),
            "opts": self.opts,
            "issued": [(holders[pk], key) for pk, key in sorted(keys.items()) if pk in holders],
        }
        return TemplateResponse(request, "admin/auth/user/api_tokens_issued.html", context)

    # Bulk actions

    @admin.action(description=_("Issue new API tokens (replacing old ones)…"), permissions=["change"])
    def issue_api_tokens(self, request, queryset):
        issued = []
        for holder in queryset.order_by("pk"):
            _issued, key = api_key_issue(user=holder)
            issued.append((holder.pk, key))
            self.log_change(request, holder, "Issued an API token.")
        keep_to_show(request, issued)
        return HttpResponseRedirect(reverse("admin:auth_user_api_tokens_issued"))

    @admin.action(description=_("Revoke API tokens"), permissions=["change"])
    def revoke_api_tokens(self, request, queryset):
        revoked = [holder for holder in queryset.order_by("pk") if api_key_revoke(user=holder)]
        for holder in revoked:
            self.log_change(request, holder, "Revoked the API token.")
        names = ", ".join(str(holder) for holder in revoked) or gettext("nobody (no tokens)")
        self.message_user(
            request, gettext("Revoked the API tokens of %(names)s.") % {"names": names}, messages.SUCCESS
        )

    @admin.action(description=_("Deactivate (and revoke their API tokens)"), permissions=["change"])
    def deactivate(self, request, queryset):
        done = []
        for holder in queryset.order_by("pk"):
            if holder.pk == request.user.pk:
                self.message_user(request, gettext("You cannot deactivate yourself."), messages.ERROR)
                continue
            with transaction.atomic():
                holder.is_active = False
                holder.save(update_fields=["is_active"])
                api_key_revoke(user=holder)
            self.log_change(request, holder, "Deactivated; API token revoked.")
            done.append(str(holder))
        if done:
            self.message_user(
                request, gettext("Deactivated %(names)s.") % {"names": ", ".join(done)}, messages.SUCCESS
            )

    @admin.action(description=_("Unlock login (forget failed attempts)"), permissions=["change"])
    def unlock_login(self, request, queryset):
        # Failed logins are counted per account in the shared cache (django-axes).
        names = [holder.get_username() for holder in queryset.order_by("pk")]
        for name in names:
            axes_reset(username=name)
        self.message_user(
            request, gettext("Unlocked %(names)s.") % {"names": ", ".join(names)}, messages.SUCCESS
        )
