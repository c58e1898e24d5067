"""The "My work" page and its actions; each redirects back so that a reload posts nothing."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from annotations import rules, services
from annotations.alerts import selectors as alert_selectors
from annotations.alerts.models import Alert
from annotations.alerts.presenters import alert_dict
from annotations.alerts.services import alert_resolve
from annotations.models import Annotation, Attribution, Evidence, Rating
from annotations.publishing import selectors as publishing_selectors
from annotations.views import http_url_or_empty

from . import selectors
from .services import BulkRefused, review_submit_many

ITEM = re.compile(r"^(\d{1,18}):(\d{1,9})$")


def _require_reader(user) -> None:
    if not rules.can_read_drafts(user):
        raise PermissionDenied(_("Only fact-checkers have a work list."))


def _parse_items(values: list[str]) -> dict[int, int]:
    """Return {annotation id: version} from "id:version" form values; refuse anything else."""
    items = {}
    for value in values:
        match = ITEM.match(value)
        if not match:
            raise BadRequest(f"Not an annotation and its version: {value!r}.")
        items[int(match[1])] = int(match[2])
    return items


@login_required
def inbox(request):
    """List my drafts, what was returned to me, and (for editors) what waits for my review."""
    _require_reader(request.user)
    work = selectors.inbox(user=request.user)
    returns = selectors.last_returns(ids=[annotation.pk for annotation in work.returned])
    for annotation in work.returned:
        annotation.returned_by, annotation.returned_at = returns.get(annotation.pk, (None, None))
    # A claim in review that is already published is a correction: the reviewer sees what it replaces.
    published = publishing_selectors.published_versions([annotation.pk for annotation in work.to_review])
    reasons = selectors.back_in_review_reasons(ids=list(published))
    for annotation in work.to_review:
        annotation.published_version = published.get(annotation.pk)
        annotation.back_in_review = reasons.get(annotation.pk, "")
    for annotation in work.drafts + work.returned + work.to_review:
        for item in annotation.evidence.all():
            item.safe_url = http_url_or_empty(item.url)
    changed, repeated = alert_selectors.open_for_work(user=request.user)
    return render(request, "annotations/inbox.html", {
        "inbox": work,
        "changed_articles": [{**alert_dict(alert), "raised_at": alert.created_at} for alert in changed],
        "repeated_claims": [{**alert_dict(alert), "raised_at": alert.created_at} for alert in repeated],
        "labels": {
            "ratings": dict(Rating.choices),
            "stances": dict(Attribution.Stance.choices),
            "relations": dict(Evidence.Relation.choices),
        },
        "is_editor": rules.is_editor(request.user),
        "live": settings.FACTCHECK_LIVE,
    })


@login_required
@require_GET
def inbox_count(request):
    """The header's My-work count, for pages that change the user's work without reloading."""
    _require_reader(request.user)
    response = JsonResponse({"count": selectors.inbox_count(user=request.user)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def inbox_submit(request):
    """Submit the selected drafts for review, all or none."""
    _require_reader(request.user)
    items = _parse_items(request.POST.getlist("annotation"))
    if not items:
        messages.error(request, _("Select the drafts to submit first."))
        return redirect("inbox")
    drafts = list(selectors.drafts_to_submit(user=request.user, ids=items))
    missing = sorted(set(items) - {draft.pk for draft in drafts})
    if missing:
        raise BadRequest(f"Not drafts of yours: {', '.join(map(str, missing))}.")
    try:
        review_submit_many(annotations=[(draft, items[draft.pk]) for draft in drafts], user=request.user)
    except BulkRefused as refused:
        messages.error(request, _("Nothing was submitted; first fix:"))
        for pk, problems in refused.problems.items():
            for problem in problems:
                said = _("Annotation %(number)s: %(problem)s") % {"number": pk, "problem": problem}
                messages.error(request, said, extra_tags=f"annotation-{pk}")
        return redirect("inbox")
    count = len(drafts)
    messages.success(request, ngettext(
        "%(count)d draft submitted for review.", "%(count)d drafts submitted for review.", count
    ) % {"count": count})
    return redirect("inbox")


def _review_target(request, pk: int) -> tuple[Annotation, int]:
    _require_reader(request.user)
    annotation = get_object_or_404(Annotation, pk=pk)
    return annotation, _parse_items([f"{pk}:{request.POST.get('version', '')}"])[pk]


def _stale(pk: int) -> str:
    return _("Annotation %(number)s changed since this page was shown; look again.") % {"number": pk}


def _refusal(pk: int, error) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        said = " ".join(m for ms in error.message_dict.values() for m in ms)
    else:
        said = " ".join(getattr(error, "messages", [str(error)]))
    return _("Annotation %(number)s: %(problem)s") % {"number": pk, "problem": said}


@login_required
@require_POST
def inbox_verify(request, pk: int):
    """Verify one annotation that waits for the user's review, with an optional comment (the
    public reason of a correction)."""
    annotation, version = _review_target(request, pk)
    comment = request.POST.get("comment", "").strip()
    try:
        verified = services.review_verify(annotation=annotation, user=request.user, version=version,
                                          comment=comment)
    except services.StaleVersion:
        messages.error(request, _stale(pk))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _refusal(pk, error))
    else:
        # The extra tag carries the public page the message links to.
        said = _("Annotation %(number)s verified and published: “%(claim)s”.") % {
            "number": pk, "claim": verified.claim}
        messages.success(request, said, extra_tags=f"published:{reverse('claim-detail', args=[pk])}")
    return redirect("inbox")


@login_required
@require_POST
def inbox_return(request, pk: int):
    """Return one annotation that waits for the user's review to its author, saying why."""
    annotation, version = _review_target(request, pk)
    try:
        services.review_return(annotation=annotation, user=request.user, version=version,
                               comment=request.POST.get("comment", ""))
    except services.StaleVersion:
        messages.error(request, _stale(pk))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _refusal(pk, error))
    else:
        if annotation.created_by:
            said = _("Annotation %(number)s returned to %(author)s with your comment.") % {
                "number": pk, "author": annotation.created_by.get_username()}
        else:
            said = _("Annotation %(number)s returned to its author with your comment.") % {"number": pk}
        messages.success(request, said)
    return redirect("inbox")


@login_required
@require_POST
def inbox_alert_resolve(request, pk: int):
    """Mark an alert handled; it leaves My work (and stays in the API and admin)."""
    _require_reader(request.user)
    alert = get_object_or_404(Alert, pk=pk)
    alert_resolve(alert=alert, user=request.user)
    messages.success(request, _("Marked as handled: %(summary)s.") % {"summary": alert.summary})
    return redirect("inbox")
