"""The public index of our verified claims: newest first, searched by meaning and by words."""

from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from annotations.models import Rating, Source
from annotations.publishing.models import PublishedAttribution, PublishedClaim

from . import core, services

PER_PAGE = 30


class ClaimSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label=_("Search"))
    rating = forms.ChoiceField(required=False, choices=[("", _("Any rating")), *Rating.choices])
    source = forms.CharField(required=False, max_length=200, label=_("Source"))
    since = forms.DateField(
        required=False, label=_("Verified since"), widget=forms.DateInput(attrs={"type": "date"})
    )


def claims_index(request):
    """List published claims, newest first, or by relevance to a search; filter by rating, source, date."""
    form = ClaimSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    claims = PublishedClaim.objects.all()
    if criteria.get("rating"):
        claims = claims.filter(rating=criteria["rating"])
    if criteria.get("source"):
        sources = Source.objects.filter(name__icontains=criteria["source"]).values("pk")
        claims = claims.filter(Exists(
            PublishedAttribution.objects.filter(published=OuterRef("pk"), source_id__in=sources)
        ))
    since: date | None = criteria.get("since")
    if since:
        claims = claims.filter(published_at__date__gte=since)
    newest_first = ("-published_at", "-pk")
    query = (criteria.get("q") or "").strip()
    if query:
        ranked = [
            result["id"]
            for result in services.similar(text=query, kind="verified", limit=services.MAX_LIMIT)
            if result["score"] >= core.SUGGEST
        ]
        words = Q()
        for word in query.split()[:10]:
            words &= Q(claim__icontains=word) | Q(quote__icontains=word)
        meaning = {claim.pk: claim for claim in claims.filter(pk__in=ranked)}
        by_meaning = [meaning[pk] for pk in ranked if pk in meaning]
        by_words = claims.filter(words).exclude(pk__in=ranked).order_by(*newest_first)[:PER_PAGE]
        page = Paginator([*by_meaning, *by_words][:PER_PAGE], PER_PAGE).get_page(1)
    else:
        page = Paginator(claims.order_by(*newest_first), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "annotations/claims_index.html", {
        "form": form, "page": page, "query": query,
        "claims": [
            {**published.public, "published_on": published.published_at} for published in page.object_list
        ],
    })
