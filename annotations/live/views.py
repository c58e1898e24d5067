"""The state a live page reloads when it missed too much: its annotations and where its stream stands."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from annotations.models import Article
from annotations.views import annotation_summaries

from .pages import article_position


@require_GET
def article_state(request, pk: int):
    """Return {"position", "annotations"} as the article page draws them for this user."""
    article = get_object_or_404(Article, pk=pk)
    position = article_position(article.pk, request.user)  # first: no event after it is missed
    annotations = annotation_summaries(article, request.user)
    response = JsonResponse({"position": position, "annotations": annotations})
    response["Cache-Control"] = "no-store"
    return response
