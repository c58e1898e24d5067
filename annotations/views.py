from django.shortcuts import render

from . import selectors


def article_list(request):
    """List the articles with their annotation counts."""
    articles = selectors.article_list(user=request.user)
    return render(request, "annotations/article_list.html", {"articles": articles})
