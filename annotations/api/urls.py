from django.urls import re_path
from rest_framework.routers import SimpleRouter

from . import suggestions, views
from .bulk import AnnotationBulkView
from .ingest import urls as ingest_urls

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("annotations", views.AnnotationViewSet, basename="annotation")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    *ingest_urls(),
    re_path(r"^annotations/bulk/$", AnnotationBulkView.as_view(), name="annotation-bulk"),
    *router.urls,
    re_path(r"^articles/(?P<pk>[^/]+)/suggestions/$", suggestions.SuggestionListView.as_view(),
            name="article-suggestions"),
    re_path(r"^articles/(?P<pk>[^/]+)/suggestions/dismiss/$",
            suggestions.SuggestionDismissView.as_view(), name="article-suggestions-dismiss"),
]
