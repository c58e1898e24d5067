"""The review workflow in admin: the submit/verify/return actions and the review queue."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations import rules, selectors, services
from annotations.models import Annotation

from .base import REFUSED, describe, refusal_message
from .forms import ReturnForm, ReviewDecisionForm, SubmitForm, VerifyForm


def browser_url(annotation: Annotation) -> str:
    """Return the annotation's place in the browser view of its article."""
    return f"{reverse('article-detail', args=[annotation.article_id])}#annotation-{annotation.pk}"


def attributions_short(annotation: Annotation) -> str:
    """Return "Financial Times reported · Donald Trump denied" from the prefetched attributions."""
    return " · ".join(
        f"{attribution.source.name} {attribution.get_stance_display()}"
        for attribution in annotation.attributions.all()
    )


class ReviewAdmin:
    """Mixed into the annotation admin: every decision goes through the review services."""

    actions = ["submit_for_review", "verify", "return_for_changes"]

    def has_verify_permission(self, request):
        return rules.is_editor(request.user)

    # Review actions

    def _apply_each(self, request, queryset, write, *, logged: str, done: str, refused: str) -> None:
        """Run write on each selected annotation; report what was done and what was refused.

        `logged` is the log entry's text, stored as written (in English); `done`
        ("%(annotations)s") and `refused` ("%(annotation)s", "%(reason)s") are the
        messages, in the reader's language.
        """
        succeeded = []
        for annotation in queryset.order_by("pk"):
            try:
                saved = write(annotation=annotation, user=request.user)
            except REFUSED as error:
                self.message_user(
                    request,
                    str(refused) % {"annotation": describe(annotation), "reason": refusal_message(error)},
                    messages.ERROR,
                )
            else:
                succeeded.append(saved)
                self.log_change(request, saved, logged)
        if succeeded:
            self.message_user(
                request, str(done) % {"annotations": ", ".join(describe(a) for a in succeeded)},
                messages.SUCCESS,
            )

    def _confirm_each(self, request, queryset, *, action: str, title: str, intro: str,
                      button: str, form_class, write, logged: str, done: str, refused: str):
        """Show the selected annotations with their versions; apply write to the versions seen.

        A review decision is about the version the editor looked at: the confirmation
        page carries each annotation's version, and a row that changed meanwhile is
        refused as stale.
        """
        applying = "apply" in request.POST
        form = form_class(request.POST if applying else None)
        if applying and form.is_valid():
            extra = dict(form.cleaned_data)
            versions = {}
            for pk in queryset.values_list("pk", flat=True):
                raw = request.POST.get(f"version-{pk}", "")
                versions[pk] = int(raw) if raw.isascii() and raw.isdigit() else -1

            def write_seen(*, annotation, user):
                return write(annotation=annotation, user=user, version=versions[annotation.pk], **extra)

            self._apply_each(request, queryset, write_seen, logged=logged, done=done, refused=refused)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "button": button,
            "opts": self.opts,
            "annotations": queryset.select_related("created_by").order_by("pk"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": action,
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/annotations/annotation/confirm_review_action.html", context
        )

    @admin.action(description=_("Submit for review…"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        return self._confirm_each(
            request, queryset, action="submit_for_review", title=_("Submit for review"),
            intro=_("These annotations go to review as you see them here:"),
            button=_("Submit for review"), form_class=SubmitForm, write=services.review_submit,
            logged="Submitted for review", done=_("Submitted for review: %(annotations)s."),
            refused=_("%(annotation)s was not submitted: %(reason)s"),
        )

    @admin.action(description=_("Verify (an editor who is not the author)…"), permissions=["verify"])
    def verify(self, request, queryset):
        return self._confirm_each(
            request, queryset, action="verify", title=_("Verify annotations"),
            intro=_("You verify these annotations at the versions shown; a published one is "
                    "corrected, with a dated note:"),
            button=_("Verify"), form_class=VerifyForm, write=services.review_verify,
            logged="Verified", done=_("Verified: %(annotations)s."),
            refused=_("%(annotation)s was not verified: %(reason)s"),
        )

    @admin.action(description=_("Return to the author, with a comment…"), permissions=["verify"])
    def return_for_changes(self, request, queryset):
        return self._confirm_each(
            request, queryset, action="return_for_changes",
            title=_("Return annotations to their authors"),
            intro=_("These annotations go back to their authors as drafts, with your comment:"),
            button=_("Return to their authors"), form_class=ReturnForm,
            write=services.review_return, logged="Returned to the author",
            done=_("Returned to the author: %(annotations)s."),
            refused=_("%(annotation)s was not returned: %(reason)s"),
        )

    # The review queue

    def get_urls(self):
        queue = path(
            "review-queue/", self.admin_site.admin_view(self.review_queue_view),
            name="annotations_annotation_review_queue",
        )
        return [queue, *super().get_urls()]

    def review_queue_view(self, request):
        """List others' annotations in review, oldest first; verify or return them."""
        if not rules.is_editor(request.user):
            raise PermissionDenied
        queue_url = reverse("admin:annotations_annotation_review_queue")
        if request.method == "POST":
            self._decide(request, ReviewDecisionForm(request.POST))
            return HttpResponseRedirect(queue_url)
        page = Paginator(selectors.review_queue(user=request.user), 25).get_page(
            request.GET.get("page")
        )
        for annotation in page.object_list:
            annotation.attributions_in_short = attributions_short(annotation)
            annotation.browser_url = browser_url(annotation)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review queue"),
            "subtitle": None,
            "opts": self.opts,
            "page": page,
            "queue_url": queue_url,
            "live": settings.FACTCHECK_LIVE,
        }
        return TemplateResponse(request, "admin/annotations/annotation/review_queue.html", context)

    def _decide(self, request, form: ReviewDecisionForm) -> None:
        if not form.is_valid():
            errors = "; ".join(message for items in form.errors.values() for message in items)
            self.message_user(request, gettext("Nothing was done: %(errors)s") % {"errors": errors},
                              messages.ERROR)
            return
        annotation = get_object_or_404(Annotation, pk=form.cleaned_data["annotation"])
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"].strip()
        write = services.review_verify if decision == "verify" else services.review_return
        try:
            saved = write(
                annotation=annotation, user=request.user, version=form.cleaned_data["version"],
                comment=comment,
            )
        except REFUSED as error:
            refused = (
                gettext("%(annotation)s was not verified: %(reason)s") if decision == "verify"
                else gettext("%(annotation)s was not returned: %(reason)s")
            )
            self.message_user(
                request, refused % {"annotation": describe(annotation), "reason": refusal_message(error)},
                messages.ERROR,
            )
            return
        # The log entry is stored: it stays in English, as every stored record does.
        self.log_change(request, saved, "Verified" if decision == "verify" else "Returned to the author")
        done = (
            gettext("Verified: %(annotations)s.") if decision == "verify"
            else gettext("Returned to the author: %(annotations)s.")
        )
        self.message_user(request, done % {"annotations": describe(saved)}, messages.SUCCESS)
