"""The public index of our verified claims: newest first, searched by meaning and by words."""

from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from annotations import selectors
from annotations.models import Rating

from . import services

PER_PAGE = 30
# Below this a match by meaning is noise; word matches are listed after the meaning ones.
MEANING_THRESHOLD = 0.15


class ClaimSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label="Search")
    rating = forms.ChoiceField(required=False, choices=[("", "Any rating"), *Rating.choices])
    source = forms.CharField(required=False, max_length=200, label="Source")
    since = forms.DateField(
        required=False, label="Verified since", widget=forms.DateInput(attrs={"type": "date"})
    )


def claims_index(request):
    """List verified claims, newest first, or by relevance to a search; filter by rating, source, date."""
    form = ClaimSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    claims = selectors.claim_list()
    if criteria.get("rating"):
        claims = claims.filter(rating=criteria["rating"])
    if criteria.get("source"):
        claims = claims.filter(attributions__source__name__icontains=criteria["source"]).distinct()
    since: date | None = criteria.get("since")
    if since:
        claims = claims.filter(reviewed_at__date__gte=since)
    query = (criteria.get("q") or "").strip()
    if query:
        ranked = [
            result["id"]
            for result in services.similar(text=query, kind="verified", limit=services.MAX_LIMIT)
            if result["score"] >= MEANING_THRESHOLD
        ]
        words = Q()
        for word in query.split()[:10]:
            words &= Q(claim__icontains=word) | Q(quote__icontains=word)
        meaning = {claim.pk: claim for claim in claims.filter(pk__in=ranked)}
        by_meaning = [meaning[pk] for pk in ranked if pk in meaning]
        by_words = claims.filter(words).exclude(pk__in=ranked).order_by("-reviewed_at", "-id")[:PER_PAGE]
        results = [*by_meaning, *by_words]
        page = Paginator(results[:PER_PAGE], PER_PAGE).get_page(1)
    else:
        ordered = claims.order_by("-reviewed_at", "-id")
        page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "annotations/claims_index.html", {
        "form": form, "page": page, "query": query, "ratings": dict(Rating.choices),
    })
