"""HTML pages: the article list, the annotation view, article entry and public claim pages.

The annotation view is a client of /api/v1/: the page only renders the article and the
annotations the user may read; every write goes through the API from the browser.
"""

import json
import re

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import languages, presenters, rules, selectors, services
from .exports.claimreview import from_claim
from .forms import ArticleForm, ArticleLanguageForm
from .ingest.views import revisions_context
from .live.pages import article_position
from .models import Article, Attribution, Evidence, Rating, ReviewState, Source
from .publishing import selectors as publishing_selectors
from .vocabulary import rating_label

ARTICLES_PER_PAGE = 50
# The annotation view's ES modules, preloaded so that the browser fetches them in parallel.
ARTICLE_MODULES = [
    f"annotations/js/{name}.js"
    for name in (
        "article", "api", "dom", "errors", "highlights", "history", "keyboard", "list", "offsets",
        "panel", "rows", "selection_action", "suggestions", "unsaved", "seen_before", "known_claims",
        "work_count", "compare", "suggestion_values", "suggestion_speaker", "suggestion_accept",
        "live", "live_socket",
    )
]
PARAGRAPH_BREAK = re.compile(r"\n{2,}")
# As django.utils.html.json_script does, so that no text in the data can end the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# Refuses NUL characters, which PostgreSQL cannot compare text with; strips the ends.
SEARCH_TERM = forms.CharField(required=False)


def paragraphs(body: str) -> list[tuple[int, str]]:
    """Split a body at blank lines into (code point offset, text) pairs, keeping every character.

    The separators are not rendered; each paragraph carries its own offset so the
    browser maps DOM positions to body offsets exactly.
    """
    result, position = [], 0
    for separator in PARAGRAPH_BREAK.finditer(body):
        if separator.start() > position:
            result.append((position, body[position : separator.start()]))
        position = separator.end()
    if position < len(body):
        result.append((position, body[position:]))
    return result


def json_for_script(data) -> str:
    """Return data as JSON safe to place inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


def vocabularies() -> dict:
    return {
        "ratings": Rating.choices,
        "review_states": ReviewState.choices,
        "stances": Attribution.Stance.choices,
        "source_kinds": Source.Kind.choices,
        "relations": Evidence.Relation.choices,
    }


def annotation_summaries(article: Article, user) -> list[dict]:
    """Return what the annotation view paints and lists for each annotation the user may read."""
    # Usernames are for staff; the public sees the organization's work, not its logins.
    return presenters.annotation_summaries(
        selectors.article_annotation_summaries(article=article, user=user),
        selectors.article_stances(article=article, user=user),
        people=rules.can_read_drafts(user),
    )


def article_list(request):
    """List the articles with their annotation counts, filtered by a search term."""
    try:
        search = SEARCH_TERM.clean(request.GET.get("q", ""))
        language = languages.normalize(request.GET["language"]) if request.GET.get("language") else ""
    except ValidationError as error:
        raise BadRequest(" ".join(error.messages)) from error
    except languages.InvalidTag as error:
        raise BadRequest(str(error)) from error
    articles = selectors.article_list(user=request.user, search=search, language=language).order_by(
        F("published_at").desc(nulls_last=True), "-id"
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [presenters.as_published(article) for article in page.object_list]
    filters = {key: value for key, value in (("q", search), ("language", language)) if value}
    return render(request, "annotations/article_list.html", {
        "page": page,
        "search": search,
        "language": language,
        "languages": selectors.article_languages(),
        "filter_query": urlencode(filters),
        "can_add": rules.can_manage_articles(request.user),
    })


@login_required
def article_create(request):
    """Add an article from its pasted title, text, URL and publisher."""
    if not rules.can_manage_articles(request.user):
        raise PermissionDenied(_("You may not add articles."))
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(user=request.user, **form.service_arguments())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("article-detail", pk=article.pk)
    return render(request, "annotations/article_form.html", {"form": form})


def article_detail(request, pk: int):
    """Show an article with its annotations; reviewers annotate it through the API."""
    article = get_object_or_404(Article.objects.select_related("publisher", "watch"), pk=pk)
    user = request.user
    if not rules.can_read_drafts(user):
        # The public sees the article's fields as its published claims show them.
        article = presenters.as_published(article, publishing_selectors.published_article(article.pk))
    if not rules.can_read_article_text(user):
        return article_excerpts(request, article)
    config = {
        "article": article.pk,
        "api": "/api/v1/",
        "claim_url": reverse("claim-detail", args=[0]).replace("/0/", "/{id}/"),
        "work_count_url": reverse("inbox-count") if rules.can_read_drafts(user) else None,
        "user": {
            "username": user.get_username() if user.is_authenticated else None,
            "can_create": rules.can_create(user),
            "is_editor": rules.is_editor(user),
        },
        "vocabularies": vocabularies(),
        # Read before the annotations: an event after this position is applied again, never missed.
        "live": {
            **article_position(article.pk, user),
            "socket": f"/ws/live/articles/{article.pk}/",
            "state": reverse("article-live-state", args=[article.pk]),
        } if settings.FACTCHECK_LIVE else None,
    }
    return render(request, "annotations/article_detail.html", {
        "article": article,
        "article_url": http_url_or_empty(article.url),
        "paragraphs": paragraphs(article.body),
        "annotations": annotation_summaries(article, user),
        "config": config,
        "ratings": Rating.choices,
        "modules": ARTICLE_MODULES,
        "language_form": language_form(article) if rules.can_edit_articles(user) else None,
        **revisions_context(article, user),
    })


def language_form(article: Article, data=None) -> ArticleLanguageForm:
    return ArticleLanguageForm(data, current=article.language, locale=translation.get_language())


@require_POST
@login_required
def article_language(request, pk: int):
    """Correct an article's language from its page (or have it detected from the text again)."""
    article = get_object_or_404(Article, pk=pk)
    form = language_form(article, request.POST)
    if not form.is_valid():
        raise BadRequest(_("Choose a language from the list."))
    services.article_update(article=article, user=request.user, language=form.cleaned_data["language"])
    return redirect("article-detail", pk=article.pk)


def article_excerpts(request, article: Article):
    """Show the public the passages its published claims quote, not the article's whole text."""
    claims = []
    for claim in publishing_selectors.published_in(article.pk):
        context, offset = claim["context"], claim["start"] - claim["context"]["start"]
        claims.append({
            "claim": claim,
            "before": context["text"][:offset],
            "after": context["text"][offset + len(claim["quote"]):],
        })
    return render(request, "annotations/article_public.html", {
        "article": article,
        "login_url": f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}",
        "article_url": http_url_or_empty(article.url),
        "claims": claims,
    })


def http_url_or_empty(url: str) -> str:
    """Return url if it is an http(s) address, else "" so that it is never rendered as a link."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def corrections_title(kinds: list[str | None]) -> str:
    """Name the notes as what they are: ours ("Corrections"), after the publisher's edits ("Updates")."""
    updates = sum(kind == "update" for kind in kinds)
    if not updates:
        return _("Corrections")
    return _("Updates") if updates == len(kinds) else _("Updates and corrections")


def claim_detail(request, pk: int):
    """Publish one claim as it was verified, with its corrections and ClaimReview.

    The page reads the stored public version only: later edits of the claim, its sources
    or its article are not shown until a second editor verifies them as a correction.
    """
    published = get_object_or_404(publishing_selectors.published_claims(), pk=pk)
    claim = published.public
    context, quote = claim["context"], claim["quote"]
    offset = claim["start"] - context["start"]
    article = {**claim["article"], "published_at": parse_datetime(claim["article"]["published_at"] or "")}
    stances = dict(Attribution.Stance.choices)
    relations = dict(Evidence.Relation.choices)
    attributions = [
        {**a, "stance_label": stances.get(a["stance"], a["stance"]),
         "date": parse_date(a["date"] or "")}
        for a in claim["attributions"]
    ]
    evidence = [
        {**item, "relation_label": relations.get(item["relation"], item["relation"]),
         "safe_url": http_url_or_empty(item["url"])}
        for item in claim["evidence"]
    ]
    corrections = [
        {**correction, "date": parse_datetime(correction["date"])}
        for correction in claim["corrections"]
    ]
    return render(request, "annotations/claim_detail.html", {
        "claim": claim,
        "article": article,
        "article_url": http_url_or_empty(article["url"]),
        "before": context["text"][:offset],
        "after": context["text"][offset + len(quote):],
        "attributions": attributions,
        "evidence": evidence,
        "corrections": corrections,
        "corrections_title": corrections_title([correction.get("kind") for correction in corrections]),
        "reviewed_at": parse_datetime(claim["reviewed_at"] or ""),
        "modified_at": parse_datetime(claim["date_modified"] or claim["reviewed_at"] or ""),
        "published_at": parse_datetime(claim["published_at"] or ""),
        # The reader's language here; the ClaimReview below keeps the claim's.
        "rating_label": rating_label(claim["rating"]) if claim["rating"] else "",
        "claimreview": json_for_script(
            from_claim(claim, request.build_absolute_uri("/").rstrip("/"))
        ),
        "organization": claim["organization"],
        "canonical_url": request.build_absolute_uri(reverse("claim-detail", args=[published.pk])),
        "summary": f"{claim['rating_label']}: {claim['rationale'] or claim['quote']}",
    })
