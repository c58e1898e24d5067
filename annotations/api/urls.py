"""Every route of /api/v1. Ids go through the `id` converter (api/base.py): a path whose id
can name no row matches nothing and gets the site's JSON 404, and no word ("similar",
"import", "export") can be taken for an id, whatever the order of the routes."""

from django.urls import path
from rest_framework.routers import SimpleRouter

# Each of these imports .base, which registers the `id` converter the paths below use.
from . import alerts, bulk, claims, feeds, ingest, jobs, known_claims, suggestions, views, w3c

# Paths rather than regexes, so that the viewsets' lookup_value_converter ("id") applies.
router = SimpleRouter(use_regex_path=False)
router.register("articles", views.ArticleViewSet, basename="article")
router.register("annotations", views.AnnotationViewSet, basename="annotation")
router.register("sources", views.SourceViewSet, basename="source")

article_ingest = ingest.ArticleIngestViewSet.as_view

urlpatterns = [
    # Articles: import and revisions; known claims and suggestions in an article.
    path("articles/import/", article_ingest({"post": "import_page"}), name="article-import"),
    path("articles/import/preview/", article_ingest({"post": "preview"}), name="article-import-preview"),
    path("articles/import/urls/", jobs.ArticleUrlImportJob.as_view(), name="article-import-urls"),
    path("articles/<id:pk>/revisions/", article_ingest({"get": "revisions"}), name="article-revisions"),
    path("articles/<id:pk>/revisions/<id:number>/", article_ingest({"get": "revision"}),
         name="article-revision"),
    path("articles/<id:pk>/refresh/", article_ingest({"post": "refresh"}), name="article-refresh"),
    path("articles/<id:pk>/refresh/job/", jobs.ArticleRefreshJob.as_view(), name="article-refresh-job"),
    path("articles/<id:pk>/known-claims/", known_claims.KnownClaimsInArticle.as_view(),
         name="api-article-known-claims"),
    path("articles/<id:pk>/suggestions/", suggestions.SuggestionListView.as_view(),
         name="article-suggestions"),
    path("articles/<id:pk>/suggestions/dismiss/", suggestions.SuggestionDismissView.as_view(),
         name="article-suggestions-dismiss"),
    # Annotations in bulk; articles, annotations and sources (the router).
    path("annotations/bulk/", bulk.AnnotationBulkView.as_view(), name="annotation-bulk"),
    *router.urls,
    # Published claims, their ClaimReviews and exports, and the W3C container.
    path("claims/", claims.ClaimList.as_view(), name="api-claim-list"),
    path("claims/export/", claims.ClaimExport.as_view(), name="api-claim-export"),
    path("claims/similar/", known_claims.SimilarClaims.as_view(), name="api-claim-similar"),
    path("claims/<id:pk>/", claims.ClaimDetail.as_view(), name="api-claim-detail"),
    path("claims/<id:pk>/claimreview/", claims.ClaimReviewDetail.as_view(), name="api-claim-claimreview"),
    path("w3c/annotations/", w3c.AnnotationContainer.as_view(), name="w3c-annotation-list"),
    path("w3c/annotations/<id:pk>/", w3c.AnnotationDetail.as_view(), name="w3c-annotation-detail"),
    # Background jobs and the alerts the watch raises.
    path("jobs/<id:pk>/", jobs.JobDetail.as_view(), name="api-job-detail"),
    path("alerts/", alerts.AlertList.as_view(), name="api-alert-list"),
    path("feeds/", feeds.FeedList.as_view(), name="api-feed-list"),
    # Imported ClaimReviews.
    path("claimreviews/", known_claims.ClaimReviewList.as_view(), name="api-claimreview-list"),
    path("claimreviews/import/", known_claims.ClaimReviewImport.as_view(), name="api-claimreview-import"),
    path("claimreviews/<id:pk>/", known_claims.ClaimReviewDetail.as_view(), name="api-claimreview-detail"),
]
